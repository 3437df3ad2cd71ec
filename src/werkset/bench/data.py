"""The benchmark's database: regions, catalogue and complete reports, built with bulk_create.

Every report is finalised (vastgesteld) with a realistic answer to every indicator
(demo_answer), section texts, 3 practice items, 2 quotes, 2 sources and 3 resolved
comments. One extra report of the rapporteur's region stays a concept, so that autosave and
the Excel import have something editable. Building is incremental: calling `bench_data_build`
again with more regions or periods adds only the reports that are missing, which is how the
query counts are measured at a small and then a large size in one database.
"""

import random
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from werkset.accounts.models import Role, RoleAssignment, User
from werkset.catalogue.models import CatalogueVersion, Indicator, Theme
from werkset.catalogue.services import catalogue_load_directory
from werkset.demo.content import PRACTICE_ITEMS, QUOTES, SOURCES, demo_answer
from werkset.demo.seed_report import seed_report_archive
from werkset.knowledge.indexing import knowledge_index_reports
from werkset.outputs.archive_import import report_json_import
from werkset.regions.models import Region, RegionalNetwork
from werkset.regions.services import regions_load
from werkset.reports.models import (
    Answer,
    AnswerChange,
    ChangeSource,
    Comment,
    CommentKind,
    PracticeItem,
    Quote,
    Report,
    ReportStatus,
    SectionText,
    SourceDocument,
    StatusChange,
)

# Ten half years, newest last; the concept report is one period later.
PERIODS = [f"{year}-H{half}" for year in range(2021, 2026) for half in (1, 2)]
CONCEPT_PERIOD = "2026-H1"
# The network's own concept report (issue 18), with answers per region for a third.
NETWORK_PERIOD = "2026-H2"
SEED = 9
BENCH_PASSWORD = "bench-only-password-0123456789"  # noqa: S105 (throwaway database)


@dataclass(frozen=True)
class BenchData:
    """What the measurements need to find again."""

    catalogue: CatalogueVersion
    region: Region
    theme: Theme
    period: str
    final_report: Report
    concept_report: Report
    rapporteur: User
    landelijk: User
    regions: int
    reports: int
    network_report: Report | None = None
    network_rapporteur: User | None = None


def _ground() -> CatalogueVersion:
    regions_load(path=Path(settings.WERKSET_REGIONS_FILE))
    catalogue_load_directory(directory=Path(settings.WERKSET_CATALOGUE_DIR))
    # The largest version (the 2021 Werkset, 114 questions), not the compact Werkset 2.0:
    # the bench measures the heaviest realistic report.
    catalogue = (
        CatalogueVersion.objects.annotate(questions=Count("indicators"))
        .order_by("-questions", "-published_on", "-slug")
        .first()
    )
    if catalogue is None:
        raise RuntimeError("Geen catalogusversie geladen.")
    return catalogue


def _user(
    username: str, role: str, region: Region | None, network: RegionalNetwork | None = None
) -> User:
    user, created = User.objects.get_or_create(
        username=username, defaults={"first_name": "Bench", "last_name": username}
    )
    if created:
        user.set_password(BENCH_PASSWORD)
        user.save()
        RoleAssignment.objects.create(user=user, role=role, region=region, network=network)
    return user


def _network_report(
    catalogue: CatalogueVersion,
    region: Region,
    rapporteur: User,
    landelijk: User,
    rng: random.Random,
) -> Report:
    """The region's network's own concept report, every third answer given per region."""
    found = Report.objects.filter(
        network_id=region.network_id, region__isnull=True, period=NETWORK_PERIOD
    ).first()
    if found is not None:
        return found
    report = Report.objects.create(
        network_id=region.network_id,
        period=NETWORK_PERIOD,
        catalogue_version=catalogue,
        created_by=rapporteur,
    )
    indicators = list(
        Indicator.objects.filter(version=catalogue)
        .select_related("answer_type", "element", "theme")
        .order_by("position")
    )
    themes = list(Theme.objects.filter(version=catalogue).order_by("position"))
    _fill([report], indicators, themes, rapporteur, landelijk, rng)
    codes = list(Region.objects.filter(network_id=region.network_id).values_list("code", flat=True))
    answers = list(report.answers.order_by("pk"))
    for answer in answers[::3]:
        answer.regional = {
            code: {
                "choice": answer.choice,
                "explanation": f"{answer.explanation} ({code}, fictief)",
                "figures": answer.figures,
            }
            for code in codes
        }
    Answer.objects.bulk_update(answers[::3], ["regional"], batch_size=500)
    return report


def _fill(
    reports: list[Report],
    indicators: list[Indicator],
    themes: list[Theme],
    author: User,
    reviewer: User,
    rng: random.Random,
) -> None:
    """Answers, texts, items, comments and history for reports that have none yet."""
    now = timezone.now()
    answers: list[Answer] = []
    for report in reports:
        for indicator in indicators:
            content = demo_answer(indicator, rng)
            answers.append(
                Answer(
                    report=report,
                    indicator=indicator,
                    choice=content.choice,
                    explanation=content.explanation,
                    figures=content.figures,
                    perspectives=content.perspectives,
                    revision=1,
                    updated_at=now,
                    updated_by=author,
                )
            )
    Answer.objects.bulk_create(answers, batch_size=2000)
    AnswerChange.objects.bulk_create(
        (
            AnswerChange(
                answer=answer,
                revision=1,
                changed_at=now,
                changed_by=author,
                changed_by_name=author.get_full_name(),
                source=ChangeSource.EDIT,
                before={"choice": "", "explanation": "", "figures": {}, "perspectives": {}},
                after={
                    "choice": answer.choice,
                    "explanation": answer.explanation,
                    "figures": answer.figures,
                    "perspectives": answer.perspectives,
                },
            )
            for answer in answers
        ),
        batch_size=2000,
    )
    texts, practice, quotes, sources, comments, changes = [], [], [], [], [], []
    by_report: dict[int, list[Answer]] = {}
    for answer in answers:
        by_report.setdefault(answer.report_id, []).append(answer)
    for report in reports:
        for theme in themes:
            texts.append(
                SectionText(
                    report=report,
                    theme=theme,
                    text=(
                        f"In deze regio is in het verslagjaar verder gebouwd aan "
                        f"{theme.short_title}. De partners bespraken de stand van zaken twee "
                        "keer in het RNZS. (Fictieve benchmarktekst.)"
                    ),
                    revision=1,
                    updated_at=now,
                    updated_by=author,
                )
            )
        for index, (kind, title, text, source) in enumerate(PRACTICE_ITEMS[:3]):
            practice.append(
                PracticeItem(
                    report=report,
                    theme=themes[index % len(themes)],
                    position=index,
                    kind=kind,
                    title=title,
                    text=text,
                    source=source,
                )
            )
        for index in range(2):
            quotes.append(
                Quote(
                    report=report,
                    theme=themes[index % len(themes)],
                    position=index,
                    text=QUOTES[index],
                )
            )
            title, description = SOURCES[index]
            sources.append(
                SourceDocument(
                    report=report,
                    theme=themes[(index + 1) % len(themes)],
                    position=index,
                    title=title,
                    description=description,
                )
            )
        own = by_report[report.pk]
        for index in range(3):
            answer = own[(index * 7) % len(own)]
            comments.append(
                Comment(
                    report=report,
                    answer=answer,
                    theme=answer.indicator.theme,
                    kind=CommentKind.REMARK if index else CommentKind.CORRECTION,
                    text="Klopt dit bedrag? Graag nagaan bij de partners. (fictief)",
                    author=reviewer,
                    author_name=reviewer.get_full_name(),
                    resolved_at=now if report.is_final else None,
                    resolved_by=author if report.is_final else None,
                    resolution="Nagevraagd; het klopt." if report.is_final else "",
                )
            )
        steps = [("", ReportStatus.CONCEPT)]
        if report.is_final:
            steps += [
                (ReportStatus.CONCEPT, ReportStatus.TER_BESPREKING),
                (ReportStatus.TER_BESPREKING, ReportStatus.VASTGESTELD),
            ]
        for before, after in steps:
            changes.append(
                StatusChange(
                    report=report,
                    from_status=before,
                    to_status=after,
                    changed_by=author,
                    changed_by_name=author.get_full_name(),
                )
            )
    SectionText.objects.bulk_create(texts, batch_size=2000)
    PracticeItem.objects.bulk_create(practice, batch_size=2000)
    Quote.objects.bulk_create(quotes, batch_size=2000)
    SourceDocument.objects.bulk_create(sources, batch_size=2000)
    Comment.objects.bulk_create(comments, batch_size=2000)
    StatusChange.objects.bulk_create(changes, batch_size=2000)


def bench_data_build(*, regions: int = 25, periods: int = 10) -> BenchData:
    """Make sure the first `regions` regions have finalised reports for the last `periods`
    periods (plus the concept report); returns what the measurements use."""
    catalogue = _ground()
    all_regions = list(Region.objects.order_by("position", "name"))
    chosen = all_regions[:regions]
    wanted_periods = PERIODS[-periods:]
    rng = random.Random(SEED + regions * 100 + periods)  # noqa: S311 (fictitious content)
    with transaction.atomic():
        rapporteur = _user("bench-rapporteur", Role.RAPPORTEUR, all_regions[0])
        landelijk = _user("bench-landelijk", Role.LANDELIJK, None)
        existing = set(
            Report.objects.filter(catalogue_version=catalogue, region__isnull=False).values_list(
                "region_id", "period"
            )
        )
        finalised_at = timezone.now() - timedelta(days=30)
        new = [
            Report(
                network_id=region.network_id,
                region=region,
                period=period,
                catalogue_version=catalogue,
                status=ReportStatus.VASTGESTELD,
                created_by=rapporteur,
                finalised_at=finalised_at,
            )
            for region in chosen
            for period in wanted_periods
            if (region.pk, period) not in existing
        ]
        if (all_regions[0].pk, CONCEPT_PERIOD) not in existing:
            new.append(
                Report(
                    network_id=all_regions[0].network_id,
                    region=all_regions[0],
                    period=CONCEPT_PERIOD,
                    catalogue_version=catalogue,
                    status=ReportStatus.CONCEPT,
                    created_by=rapporteur,
                )
            )
        Report.objects.bulk_create(new, batch_size=1000)
        if new:
            indicators = list(
                Indicator.objects.filter(version=catalogue)
                .select_related("answer_type", "element", "theme")
                .order_by("position")
            )
            themes = list(Theme.objects.filter(version=catalogue).order_by("position"))
            _fill(new, indicators, themes, rapporteur, landelijk, rng)
            # Built in bulk, without the workflow's events: the kennisbank indexes them here.
            knowledge_index_reports(
                report_ids=[r.pk for r in new if r.status == ReportStatus.VASTGESTELD]
            )
    region = all_regions[0]
    final_period = wanted_periods[-1]
    with transaction.atomic():
        network_rapporteur = _user(
            "bench-rapporteur-netwerk", Role.RAPPORTEUR, None, network=region.network
        )
        network_report = _network_report(catalogue, region, network_rapporteur, landelijk, rng)
    return BenchData(
        catalogue=catalogue,
        region=region,
        theme=Theme.objects.filter(version=catalogue).order_by("position")[0],
        period=final_period,
        final_report=Report.objects.get(
            region=region, period=final_period, catalogue_version=catalogue
        ),
        concept_report=Report.objects.get(
            region=region, period=CONCEPT_PERIOD, catalogue_version=catalogue
        ),
        rapporteur=rapporteur,
        landelijk=landelijk,
        regions=len({r for r, _p in existing} | {r.region_id for r in new}),
        reports=Report.objects.filter(catalogue_version=catalogue).count(),
        network_report=network_report,
        network_rapporteur=network_rapporteur,
    )


def seed_network_report() -> Report:
    """Seed 001, Noord-Nederland's own report for 2022 (every name replaced), entered through
    the product's JSON import as the demo enters it (without linking its people to
    accounts): the report whose PDF issue 18 measures. Made once per database."""
    archive = seed_report_archive()
    existing = Report.objects.filter(
        network__code=archive["network"], region__isnull=True, period=archive["period"]
    ).first()
    if existing is not None:
        return existing
    return report_json_import(data=archive, user=None, keep_status=True)
