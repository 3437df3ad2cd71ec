"""Fictitious national demo data for the comparisons: finalised reports of every region for
several periods, with maturity, toetsingskader and some bottleneck codes; and, when Werkset
2.0 is loaded, finalised 2.0 self-audits of several regions for 2025, so that a region's
trend runs across the change of instrument; when the corrected 2021 edition is loaded,
finalised 2025 reports of a few other regions on it.

Generated from a fixed seed with bulk inserts (thousands of answers in a few queries).
Idempotent: a region/period that already has a report of the catalogue (or whose network
reports as a whole for that period) is left alone, so the Friesland demo reports and the
network report of Noord-Nederland stay as they are and nothing is duplicated.
"""

import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from werkset.catalogue.models import CatalogueVersion, Indicator, Theme
from werkset.demo.content import demo_answer
from werkset.regions.models import Region
from werkset.reports.models import Answer, Report, ReportStatus, StatusChange

from .models import BottleneckCode, CriterionAnswer, ThemeMaturity, Verdict
from .vocabulary import CRITERIA, MATURITY_ANSWER_TYPE, MATURITY_CHOICES

DEMO_CATALOGUE = "werkset-2021"
DEMO_PERIODS = ["2022", "2023", "2024"]
DEMO_CATALOGUE_2_0 = "werkset-2-0"
DEMO_PERIOD_2_0 = "2025"
# Regions that did their 2025 self-audit with Werkset 2.0 (Friesland keeps its 2021 report).
DEMO_REGIONS_2_0 = [
    "groningen",
    "drenthe",
    "twente",
    "utrecht",
    "kennemerland",
    "amsterdam-amstelland",
    "haaglanden",
    "rotterdam-rijnmond",
    "zeeland",
    "limburg",
]
# The corrected 2021 edition (issue 23): regions that wrote their 2025 report with it, so the
# latest period shows 2021-line reports on both editions in the same rows.
DEMO_CATALOGUE_2021_1 = "werkset-2021-1"
DEMO_REGIONS_2021_1 = [
    "ijsselland",
    "gelderland-midden",
    "noord-holland-noord",
    "hollands-midden",
    "zuid-holland-zuid",
]
MATURITY_CHOICE = {level: key for key, level in MATURITY_CHOICES.items()}
DEMO_SEED = 2025
FICTITIOUS = " (Fictief demovoorbeeld.)"
SPLIT = "vt-zsm.ontwikkel.vt-aan-zsm-tafel"
DEMO_REGION = "friesland"

BOTTLENECK_TEXTS = {
    "partijen-afwezig": "Niet alle partners kunnen elke keer aansluiten; dan ontbreekt hun blik.",
    "mandaat": "Niet elke deelnemer kan ter plekke afspraken maken; er is vaak ruggespraak nodig.",
    "capaciteit-om": "Het OM kan door beperkte capaciteit niet altijd aanschuiven.",
    "informatiedeling": "Onduidelijk is wat binnen de AVG wel en niet gedeeld mag worden.",
    "kennis-werkwijze": "Partners kennen elkaars werkwijze en perspectief nog onvoldoende.",
    "overlegstructuren": "Overleggen overlappen; ze zouden beter op elkaar kunnen aansluiten.",
    "bredere-afstemming": "Voor een goed plan zijn ook GGZ en verslavingszorg nodig.",
    "uitvoeren-acties": "Afgesproken acties lopen vast op wachtlijsten bij zorgaanbieders.",
    "instroom": "Medewerkers weten nog niet goed wanneer zij een casus kunnen inbrengen.",
    "casusgericht": "Er gaat nog veel tijd naar afspraken over het overleg zelf.",
    "registratiesysteem": "Elke partner legt de uitkomsten apart vast in het eigen systeem.",
}
MOTIVATIONS = {
    1: "Het onderwerp staat op de agenda van het RNZS; er is nog geen plan.",
    2: "Het plan van aanpak is gereed en door de partners onderschreven.",
    3: "De uitvoering is in volle gang; de werkwijze wordt nog bijgesteld.",
    4: "De werkwijze is gerealiseerd en onderdeel van het dagelijkse werk.",
    5: "Gerealiseerd en in het RNZS geëvalueerd; verbeterpunten zijn opgepakt.",
}


class DemoRefused(Exception):
    """Demo data would be created where it does not belong, or before its ground."""


@dataclass(frozen=True)
class DemoSummary:
    reports: int
    answers: int
    skipped: int


@dataclass(frozen=True)
class RegionProfile:
    """What makes a fictitious region differ from the others, stable over periods."""

    size: float
    maturity: dict[str, int]
    actieoverleg_year: int
    at_zsm_table: bool
    bottlenecks: list[str]


def _profile(rng: random.Random, themes: list[Theme]) -> RegionProfile:
    return RegionProfile(
        size=rng.choice([0.5, 0.7, 1.0, 1.0, 1.3, 1.6, 2.2]),
        maturity={t.key: rng.choice([1, 1, 2, 2, 3]) for t in themes},
        actieoverleg_year=rng.choice([2022, 2022, 2022, 2023, 2024, 2026]),
        at_zsm_table=rng.random() < 0.55,
        bottlenecks=rng.sample(sorted(BOTTLENECK_TEXTS), rng.randrange(1, 4)),
    )


def _scaled(spec: dict[str, Any], value: Any, factor: float) -> Any:
    kind = spec["kind"]
    if kind == "euro":
        return str((Decimal(value) * Decimal(str(factor))).quantize(Decimal("0.01")))
    if kind == "uren":
        return str((Decimal(value) * Decimal(str(factor))).quantize(Decimal("0.1")))
    if kind == "aantal":
        return int(value * factor)
    return value


def _content(
    indicator: Indicator, rng: random.Random, profile: RegionProfile, year: int
) -> tuple[str, str, dict[str, Any], str | None]:
    """Choice, explanation, figures and (maybe) a bottleneck code for one answer."""
    if indicator.key == SPLIT or any(link["key"] == SPLIT for link in indicator.continues):
        choice = "deelnemer" if profile.at_zsm_table else "consultatiepartij"
        return choice, "De rol van VT aan de ZSM-tafel is vastgelegd in werkafspraken.", {}, None
    content = demo_answer(indicator, rng, completeness=1.0)
    factor = profile.size * (1 + 0.08 * (year - 2022))
    specs = {spec["key"]: spec for spec in indicator.answer_type.fields}
    figures = {
        key: _scaled(specs[key], value, factor) if key in specs else value
        for key, value in content.figures.items()
    }
    code = None
    explanation = content.explanation
    names_bottleneck = "knelpunt" in indicator.key or indicator.key.endswith(
        (".mandaat", ".deelnemers")
    )
    if names_bottleneck and (content.choice in ("ja", "deels") or rng.random() < 0.5):
        code = rng.choice(profile.bottlenecks)
        explanation = BOTTLENECK_TEXTS[code]
    return content.choice, explanation + FICTITIOUS, figures, code


def _level(theme_key: str, profile: RegionProfile, year: int, rng: random.Random) -> int:
    """Levels grow over the periods from the region's own starting point."""
    return min(5, profile.maturity[theme_key] + (year - 2022) + rng.choice([0, 0, 1]))


def _maturities(
    report: Report, themes: list[Theme], profile: RegionProfile, year: int, rng: random.Random
) -> list[ThemeMaturity]:
    result = []
    for theme in themes:
        level = _level(theme.key, profile, year, rng)
        result.append(
            ThemeMaturity(
                report=report, theme=theme, level=level, motivation=MOTIVATIONS[level] + FICTITIOUS
            )
        )
    return result


def _criteria(
    report: Report, profile: RegionProfile, year: int, rng: random.Random
) -> list[CriterionAnswer]:
    """All five met once the region's Actieoverleg is in place; before that, not yet."""
    has_meeting = year >= profile.actieoverleg_year
    result = []
    for index, criterion in enumerate(CRITERIA):
        verdict = Verdict.JA if has_meeting else rng.choice([Verdict.JA, Verdict.DEELS])
        if not has_meeting and index == len(CRITERIA) - 1:
            verdict = Verdict.NEE
        result.append(
            CriterionAnswer(
                report=report,
                criterion=criterion.key,
                verdict=verdict,
                explanation="Besproken in het RNZS." + FICTITIOUS,
            )
        )
    return result


def _assess_friesland_demo(
    catalogue: CatalogueVersion,
    themes: list[Theme],
    profiles: dict[int, RegionProfile],
    rng: random.Random,
) -> None:
    """The existing finalised Friesland demo report gets maturity and toetsingskader too
    (once), so the demo region is not blank on the maps."""
    reports = Report.objects.filter(
        region__code=DEMO_REGION,
        catalogue_version=catalogue,
        period__in=DEMO_PERIODS,
        status=ReportStatus.VASTGESTELD,
        maturities__isnull=True,
        criteria__isnull=True,
    ).distinct()
    for report in reports:
        year = int(report.period[:4])
        profile = profiles[report.region_id or 0]
        ThemeMaturity.objects.bulk_create(_maturities(report, themes, profile, year, rng))
        CriterionAnswer.objects.bulk_create(_criteria(report, profile, year, rng))


def comparison_demo_create() -> DemoSummary:
    """Create the national demo reports; skip every region/period that already has one."""
    if settings.ENVIRONMENT == "production":
        raise DemoRefused("Demogegevens worden niet aangemaakt onder productie-instellingen.")
    catalogue = CatalogueVersion.objects.filter(slug=DEMO_CATALOGUE).first()
    if catalogue is None:
        raise DemoRefused("Laad eerst de catalogus: werkset catalog load")
    regions = list(Region.objects.order_by("position", "name"))
    themes = list(Theme.objects.filter(version=catalogue).order_by("position"))
    rows = Report.objects.filter(catalogue_version=catalogue).values_list(
        "network_id", "region_id", "period"
    )
    existing = {(region_id, period) for _network, region_id, period in rows if region_id}
    # A network that reports as a whole for a period (the demo's Noord-Nederland 2022)
    # does not report per region then: its report stands for each of its regions.
    as_network = {(network_id, period) for network_id, region_id, period in rows if not region_id}
    rng = random.Random(DEMO_SEED)  # noqa: S311 (fictitious demo content, not security)
    profiles = {region.pk: _profile(rng, themes) for region in regions}
    now = timezone.now()

    planned = [
        (region, period)
        for period in DEMO_PERIODS
        for region in regions
        if (region.pk, period) not in existing and (region.network_id, period) not in as_network
    ]
    skipped = len(regions) * len(DEMO_PERIODS) - len(planned)
    _assess_friesland_demo(catalogue, themes, profiles, rng)
    reports, answers = _create(catalogue, planned, profiles, rng, now)

    for slug, codes in [
        (DEMO_CATALOGUE_2_0, DEMO_REGIONS_2_0),
        (DEMO_CATALOGUE_2021_1, DEMO_REGIONS_2021_1),
    ]:
        later = CatalogueVersion.objects.filter(slug=slug).first()
        if later is None:
            continue
        done = set(
            Report.objects.filter(catalogue_version=later, period=DEMO_PERIOD_2_0).values_list(
                "region_id", flat=True
            )
        )
        wanted = [
            r
            for r in regions
            if r.code in codes and (r.network_id, DEMO_PERIOD_2_0) not in as_network
        ]
        planned_later = [(r, DEMO_PERIOD_2_0) for r in wanted if r.pk not in done]
        skipped += len(wanted) - len(planned_later)
        more_reports, more_answers = _create(later, planned_later, profiles, rng, now)
        reports += more_reports
        answers += more_answers
    return DemoSummary(reports=reports, answers=answers, skipped=skipped)


def _self_audit_maturity(
    indicator: Indicator, profile: RegionProfile, year: int, rng: random.Random
) -> tuple[str, str]:
    """Werkset 2.0 asks the maturity in the report itself: choice and motivation."""
    level = _level(indicator.theme.key, profile, year, rng)
    return MATURITY_CHOICE[level], MOTIVATIONS[level] + FICTITIOUS


def _create(
    catalogue: CatalogueVersion,
    planned: list[tuple[Region, str]],
    profiles: dict[int, RegionProfile],
    rng: random.Random,
    now: Any,
) -> tuple[int, int]:
    """Finalised reports of one catalogue version, in bulk: (reports, answers) created."""
    if not planned:
        return 0, 0
    themes = list(Theme.objects.filter(version=catalogue).order_by("position"))
    indicators = list(
        Indicator.objects.filter(version=catalogue)
        .select_related("answer_type", "element", "theme")
        .order_by("position")
    )
    asks_maturity = any(i.answer_type.key == MATURITY_ANSWER_TYPE for i in indicators)
    periods = sorted({period for _region, period in planned})
    with transaction.atomic():
        reports = Report.objects.bulk_create(
            [
                Report(
                    network_id=region.network_id,
                    region=region,
                    period=period,
                    catalogue_version=catalogue,
                    status=ReportStatus.VASTGESTELD,
                    finalised_at=now,
                )
                for region, period in planned
            ]
        )
        if any(r.pk is None for r in reports):  # backends without RETURNING
            reports = list(
                Report.objects.filter(
                    catalogue_version=catalogue, period__in=periods, created_at__gte=now
                )
            )
        StatusChange.objects.bulk_create(
            StatusChange(
                report=report,
                from_status=ReportStatus.TER_BESPREKING,
                to_status=ReportStatus.VASTGESTELD,
                changed_by_name="demo",
                note="Fictieve demorapportage.",
            )
            for report in reports
        )
        answers: list[Answer] = []
        codes: list[tuple[int, int, str]] = []
        maturities: list[ThemeMaturity] = []
        criteria: list[CriterionAnswer] = []
        for report in reports:
            profile = profiles[report.region_id or 0]
            year = int(report.period[:4])
            for indicator in indicators:
                if indicator.answer_type.key == MATURITY_ANSWER_TYPE:
                    choice, explanation = _self_audit_maturity(indicator, profile, year, rng)
                    figures: dict[str, Any] = {}
                    code = None
                else:
                    choice, explanation, figures, code = _content(indicator, rng, profile, year)
                answers.append(
                    Answer(
                        report=report,
                        indicator=indicator,
                        choice=choice,
                        explanation=explanation,
                        figures=figures,
                        revision=1,
                        updated_at=now,
                    )
                )
                if code is not None:
                    codes.append((report.pk, indicator.pk, code))
            if not asks_maturity:
                maturities += _maturities(report, themes, profile, year, rng)
            criteria += _criteria(report, profile, year, rng)
        Answer.objects.bulk_create(answers, batch_size=2000)
        ThemeMaturity.objects.bulk_create(maturities, batch_size=2000)
        CriterionAnswer.objects.bulk_create(criteria, batch_size=2000)
        answer_ids = dict(
            ((report_id, indicator_id), pk)
            for pk, report_id, indicator_id in Answer.objects.filter(
                report__in=reports
            ).values_list("pk", "report_id", "indicator_id")
        )
        BottleneckCode.objects.bulk_create(
            [
                BottleneckCode(answer_id=answer_ids[(report_id, indicator_id)], code=code)
                for report_id, indicator_id, code in codes
            ],
            batch_size=2000,
        )
    return len(reports), len(answers)
