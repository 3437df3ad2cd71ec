"""Which reports a comparison uses, and the aggregations over them."""

from decimal import Decimal

import pytest

from werkset.accounts.scope import scope_for_user
from werkset.catalogue.models import Indicator, Theme
from werkset.comparison.models import BottleneckCode, CriterionAnswer, ThemeMaturity
from werkset.comparison.selectors.assessments import assessments
from werkset.comparison.selectors.bandwidth import bandwidth
from werkset.comparison.selectors.bottlenecks import rode_draad
from werkset.comparison.selectors.entries import answers_for, comparison_entries
from werkset.comparison.selectors.groups import grouping
from werkset.comparison.selectors.maturity import maturities_for
from werkset.comparison.vocabulary import CRITERIA
from werkset.reports.models import Answer, ReportStatus

from .conftest import FREQUENTIE, KOSTEN, TAFEL, kosten

pytestmark = pytest.mark.django_db
D = Decimal


def entries(user, catalogue, period="2024"):
    return comparison_entries(scope=scope_for_user(user), period=period, catalogue=catalogue)


def regions_of(items):
    return [(e.region.code, e.is_final) for e in items]


def test_landelijk_ziet_alleen_vastgestelde_rapportages(landelijk, make_report, catalogue_2021):
    make_report("groningen")
    make_report("utrecht", status=ReportStatus.CONCEPT)
    make_report("drenthe", status=ReportStatus.TER_BESPREKING)
    assert regions_of(entries(landelijk, catalogue_2021)) == [("groningen", True)]


def test_concept_van_een_andere_regio_lekt_niet_naar_een_regionaal_netwerk(
    netwerklid_noord, make_report, catalogue_2021
):
    make_report("utrecht", status=ReportStatus.CONCEPT, answers=kosten("999999"))
    make_report("friesland", status=ReportStatus.CONCEPT)
    result = entries(netwerklid_noord, catalogue_2021)
    assert regions_of(result) == [("friesland", False)]
    assert result[0].is_own


def test_eigen_concept_telt_niet_mee_in_de_statistiek(
    rapporteur_friesland, make_report, catalogue_2021
):
    make_report("groningen", answers=kosten("100"))
    make_report("friesland", status=ReportStatus.CONCEPT, answers=kosten("900"))
    items = entries(rapporteur_friesland, catalogue_2021)
    indicators = [Indicator.objects.get(version=catalogue_2021, key=KOSTEN)]
    answers = answers_for(entries=items, indicators=indicators)
    (figure,) = bandwidth(entries=items, indicators=indicators, answers=answers)
    assert len(figure.points) == 2
    assert figure.stats is not None
    assert (figure.stats.n, figure.stats.maximum) == (1, D(100))


def test_laatste_vastgestelde_versie_vertegenwoordigt_de_regio(
    landelijk, make_report, catalogue_2021
):
    make_report("groningen", number=1)
    latest = make_report("groningen", number=2)
    make_report("groningen", number=3, status=ReportStatus.CONCEPT)
    (entry,) = entries(landelijk, catalogue_2021)
    assert entry.report == latest


def test_bandbreedte_min_mediaan_max_en_frequentie_per_jaar(landelijk, make_report, catalogue_2021):
    for code, per in [("groningen", "week"), ("friesland", "maand"), ("drenthe", "kwartaal")]:
        make_report(
            code, answers={FREQUENTIE: {"figures": {"frequentie": {"aantal": 2, "per": per}}}}
        )
    make_report("utrecht", answers={FREQUENTIE: {"choice": "onbekend"}})
    items = entries(landelijk, catalogue_2021)
    indicators = [Indicator.objects.get(version=catalogue_2021, key=FREQUENTIE)]
    (figure,) = bandwidth(
        entries=items,
        indicators=indicators,
        answers=answers_for(entries=items, indicators=indicators),
    )
    assert figure.stats is not None
    assert (figure.stats.n, figure.stats.minimum, figure.stats.median, figure.stats.maximum) == (
        3,
        D(8),
        D(24),
        D(104),
    )


def test_groepen_naar_vt_aan_de_zsm_tafel(landelijk, make_report, catalogue_2021):
    def answers(role, amount):
        return {TAFEL: {"choice": role}, **kosten(amount)}

    make_report("groningen", answers=answers("deelnemer", "1000"))
    make_report("friesland", answers=answers("deelnemer", "3000"))
    make_report("drenthe", answers=answers("consultatiepartij", "500"))
    make_report("utrecht", answers=kosten("7000"))  # no choice: in no group
    items = entries(landelijk, catalogue_2021)
    split = Indicator.objects.select_related("answer_type").get(version=catalogue_2021, key=TAFEL)
    figures = [
        Indicator.objects.select_related("answer_type").get(version=catalogue_2021, key=KOSTEN)
    ]
    result = grouping(
        entries=items,
        split=split,
        indicators=figures,
        answers=answers_for(entries=items, indicators=[split, *figures]),
    )
    assert {k: len(v) for k, v in result.members.items()} == {
        "deelnemer": 2,
        "consultatiepartij": 1,
    }
    (grouped,) = result.figures
    deelnemer = grouped.groups["deelnemer"]
    assert deelnemer is not None
    assert (deelnemer.n, deelnemer.minimum, deelnemer.median, deelnemer.maximum) == (
        2,
        D(1000),
        D(2000),
        D(3000),
    )


def test_toetsingskader_wel_ook_met_lagere_frequentie_geen_als_een_ander_kenmerk_ontbreekt(
    landelijk, make_report, catalogue_2021
):
    """The one rule (ADR 26): the timeliness characteristic alone not met is an
    Actieoverleg meeting less often; any other not met is none."""
    alle_ja = make_report("groningen")
    laat = make_report("friesland")
    zonder_mandaat = make_report("utrecht")
    make_report("drenthe")  # not assessed
    for report, key, verdict in [
        (alle_ja, "", ""),
        (laat, "binnen-een-week", "deels"),
        (zonder_mandaat, "mandaat", "deels"),
    ]:
        for criterion in CRITERIA:
            CriterionAnswer.objects.create(
                report=report,
                criterion=criterion.key,
                verdict=verdict if criterion.key == key else "ja",
            )
    summary = assessments(entries=entries(landelijk, catalogue_2021), total_regions=25)
    assert (summary.wel, summary.lower_frequency, summary.geen, summary.not_assessed) == (
        2,
        1,
        1,
        22,
    )
    assert [r.code for r in summary.regions_with("wel-lagere-frequentie")] == ["friesland"]


def test_volwassenheid_per_regio_en_thema(landelijk, make_report, catalogue_2021):
    report = make_report("groningen")
    theme = Theme.objects.get(version=catalogue_2021, key="actieoverleg")
    ThemeMaturity.objects.create(report=report, theme=theme, level=4, motivation="Loopt.")
    maturities = maturities_for(entries=entries(landelijk, catalogue_2021))
    assert maturities[(report.pk, theme.pk)].level == 4


def test_rode_draad_telt_regios_niet_antwoorden(landelijk, make_report, catalogue_2021):
    keys = [FREQUENTIE, KOSTEN]
    groningen = make_report(
        "groningen", answers={k: {"explanation": "OM schuift niet aan."} for k in keys}
    )
    friesland = make_report("friesland", answers={KOSTEN: {"explanation": "Geen OvJ."}})
    concept = make_report("drenthe", status=ReportStatus.CONCEPT, answers={KOSTEN: {}})
    for answer in Answer.objects.filter(report__in=[groningen, friesland, concept]):
        BottleneckCode.objects.create(answer=answer, code="capaciteit-om")
    BottleneckCode.objects.create(answer=groningen.answers.first(), code="informatiedeling")
    category = rode_draad(entries=entries(landelijk, catalogue_2021))[0]
    counts = {b.bottleneck.key: b for b in category.bottlenecks}
    assert category.n == 2
    assert counts["capaciteit-om"].n == 2
    assert len(counts["capaciteit-om"].quotes) == 3
    assert counts["informatiedeling"].n == 1
    assert counts["mandaat"].n == 0
