"""Who may set maturity, the toetsingskader and bottleneck codes, and when."""

import pytest
from django.core.exceptions import PermissionDenied

from werkset.accounts.scope import scope_for_user
from werkset.catalogue.models import Theme
from werkset.comparison.models import BottleneckCode, CriterionAnswer, ThemeMaturity
from werkset.comparison.services import bottleneck_codes_set, criterion_save, maturity_save
from werkset.reports.models import ReportStatus

from .conftest import KOSTEN

pytestmark = pytest.mark.django_db


@pytest.fixture
def theme(catalogue_2021):
    return Theme.objects.get(version=catalogue_2021, key="actieoverleg")


def test_rapporteur_zet_volwassenheid_in_een_open_rapportage(rapporteur_friesland, report, theme):
    maturity_save(
        report=report,
        theme=theme,
        level=3,
        motivation="In volle gang.",
        user=rapporteur_friesland,
        scope=scope_for_user(rapporteur_friesland),
    )
    assert ThemeMaturity.objects.get(report=report, theme=theme).level == 3


def test_volwassenheid_van_een_vastgestelde_rapportage_ligt_vast(
    rapporteur_friesland, make_report, theme
):
    final = make_report("friesland")
    with pytest.raises(PermissionDenied):
        maturity_save(
            report=final,
            theme=theme,
            level=3,
            motivation="",
            user=rapporteur_friesland,
            scope=scope_for_user(rapporteur_friesland),
        )


def test_netwerklid_vult_het_toetsingskader_niet_in(netwerklid_noord, report):
    with pytest.raises(PermissionDenied):
        criterion_save(
            report=report,
            criterion="mandaat",
            verdict="ja",
            explanation="",
            user=netwerklid_noord,
            scope=scope_for_user(netwerklid_noord),
        )
    assert not CriterionAnswer.objects.exists()


def test_landelijk_codeert_knelpunten_in_een_vastgestelde_rapportage(landelijk, make_report):
    final = make_report("groningen", answers={KOSTEN: {"explanation": "Geen OvJ."}})
    answer = final.answers.get()
    scope = scope_for_user(landelijk)
    bottleneck_codes_set(
        answer=answer, codes={"capaciteit-om", "mandaat"}, user=landelijk, scope=scope
    )
    bottleneck_codes_set(answer=answer, codes={"mandaat"}, user=landelijk, scope=scope)
    assert set(BottleneckCode.objects.values_list("code", flat=True)) == {"mandaat"}
    final.refresh_from_db()
    assert final.status == ReportStatus.VASTGESTELD


def test_landelijk_codeert_geen_concept(landelijk, report):
    answer = report.answers.first()
    with pytest.raises(PermissionDenied):
        bottleneck_codes_set(
            answer=answer, codes={"mandaat"}, user=landelijk, scope=scope_for_user(landelijk)
        )
