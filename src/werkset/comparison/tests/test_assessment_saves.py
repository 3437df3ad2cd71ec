"""Saving a report's assessments and bottleneck codes is all or nothing: an item that fails
half-way leaves the earlier ones unsaved, and a ComparisonError reaches the user as a 400
with its (translatable) message instead of a 404."""

import pytest
from django.db import DatabaseError
from django.urls import reverse

from werkset.accounts.scope import scope_for_user
from werkset.comparison import services
from werkset.comparison.forms import CriterionForm
from werkset.comparison.models import BottleneckCode, CriterionAnswer, ThemeMaturity
from werkset.comparison.vocabulary import BOTTLENECK_CHOICES, CRITERIA
from werkset.core.models import AuditEvent

from .conftest import KOSTEN, TAFEL

pytestmark = pytest.mark.django_db

ORIGINAL_VERDICT = CriterionForm.verdict_value


def _verdict_invalid_for(key: str) -> property:
    """CriterionForm.verdict_value, but a verdict the service refuses for one characteristic:
    input that passes the form and fails in the service, after the items before it."""

    def verdict(form: CriterionForm) -> str:
        return "misschien" if form.criterion.key == key else ORIGINAL_VERDICT.fget(form)

    return property(verdict)


@pytest.fixture
def translated(monkeypatch):
    """The services' messages through a stand-in for the Dutch catalogue: shows that a
    message is translated when it is raised (gettext), not an English literal."""
    monkeypatch.setattr(services, "_", lambda message: f"[nl] {message}")


def _assessment_post() -> dict[str, str]:
    return {
        "m-acuut-level": "2",
        "m-acuut-motivation": "Acuut onveilig.",
        "m-actieoverleg-level": "4",
        "m-actieoverleg-motivation": "Gerealiseerd.",
        **{f"c-{c.key}-verdict": "ja" for c in CRITERIA},
        **{f"c-{c.key}-explanation": f"Uitleg {c.key}." for c in CRITERIA},
    }


def test_de_beoordelingspagina_slaat_alles_op(client_for, rapporteur_friesland, report):
    url = reverse("comparison:report_assessment", args=[report.pk])
    response = client_for(rapporteur_friesland).post(url, _assessment_post())
    assert response.status_code == 302
    maturities = ThemeMaturity.objects.filter(report=report).values_list("theme__key", "level")
    assert dict(maturities) == {"acuut": 2, "actieoverleg": 4}
    assert set(
        CriterionAnswer.objects.filter(report=report).values_list("criterion", "verdict")
    ) == {(c.key, "ja") for c in CRITERIA}
    assert AuditEvent.objects.filter(action="criterion_saved").count() == len(CRITERIA)


def test_een_fout_halverwege_de_beoordelingspagina_slaat_niets_op(
    client_for, rapporteur_friesland, report, monkeypatch, translated
):
    # The last characteristic fails, after the maturities and the other four were saved.
    monkeypatch.setattr(CriterionForm, "verdict_value", _verdict_invalid_for(CRITERIA[-1].key))
    url = reverse("comparison:report_assessment", args=[report.pk])
    response = client_for(rapporteur_friesland).post(url, _assessment_post())
    assert response.status_code == 400
    assert "[nl] Unknown verdict: misschien." in response.content.decode()
    assert not ThemeMaturity.objects.filter(report=report).exists()
    assert not CriterionAnswer.objects.filter(report=report).exists()
    assert not AuditEvent.objects.filter(action__in=["maturity_saved", "criterion_saved"]).exists()


def test_een_fout_halverwege_de_themapagina_slaat_niets_op(
    client_for, rapporteur_friesland, report, monkeypatch, translated
):
    monkeypatch.setattr(CriterionForm, "verdict_value", _verdict_invalid_for("mandaat"))
    url = reverse("comparison:theme_assessment", args=[report.pk, "actieoverleg"])
    response = client_for(rapporteur_friesland).post(
        url,
        {
            "m-actieoverleg-level": "3",
            "c-partijen-verdict": "ja",
            "c-mandaat-verdict": "ja",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "De beoordeling is niet opgeslagen" in html
    assert "[nl] Unknown verdict: misschien." in html
    assert not ThemeMaturity.objects.filter(report=report).exists()
    assert not CriterionAnswer.objects.filter(report=report).exists()


@pytest.fixture
def coded_report(make_report):
    """A finalised report with two explained answers, the national role codes it."""
    report = make_report(
        "groningen",
        answers={KOSTEN: {"explanation": "OM ontbreekt."}, TAFEL: {"explanation": "Geen tafel."}},
    )
    first, second = report.answers.order_by("indicator__position")
    return report, first, second


def test_de_knelpuntenpagina_slaat_alle_codes_op(client_for, landelijk, coded_report):
    report, first, second = coded_report
    url = reverse("comparison:report_bottlenecks", args=[report.pk])
    response = client_for(landelijk).post(
        url,
        {f"a-{first.pk}-codes": ["mandaat"], f"a-{second.pk}-codes": ["capaciteit-om"]},
    )
    assert response.status_code == 302
    assert set(BottleneckCode.objects.values_list("answer_id", "code")) == {
        (first.pk, "mandaat"),
        (second.pk, "capaciteit-om"),
    }
    assert AuditEvent.objects.filter(action="bottlenecks_coded").count() == 2


def test_een_onbekend_knelpunt_halverwege_slaat_niets_op(
    client_for, landelijk, coded_report, monkeypatch, translated
):
    report, first, second = coded_report
    # The form still offers "capaciteit-om"; the service no longer knows it.
    monkeypatch.setattr(
        services,
        "BOTTLENECK_CHOICES",
        [choice for choice in BOTTLENECK_CHOICES if choice[0] != "capaciteit-om"],
    )
    url = reverse("comparison:report_bottlenecks", args=[report.pk])
    response = client_for(landelijk).post(
        url,
        {f"a-{first.pk}-codes": ["mandaat"], f"a-{second.pk}-codes": ["capaciteit-om"]},
    )
    assert response.status_code == 400
    assert "[nl] Unknown bottleneck: capaciteit-om." in response.content.decode()
    assert not BottleneckCode.objects.exists()
    assert not AuditEvent.objects.filter(action="bottlenecks_coded").exists()


def test_een_storing_halverwege_de_knelpunten_laat_de_codes_zoals_ze_waren(
    client_for, landelijk, coded_report, monkeypatch
):
    report, first, second = coded_report
    BottleneckCode.objects.create(answer=second, code="informatiedeling", coded_by=landelijk)
    recorded = []

    def audit_fails_second_time(**kwargs):
        recorded.append(kwargs)
        if len(recorded) == 2:
            raise DatabaseError("connection lost")

    monkeypatch.setattr(services, "audit_record", audit_fails_second_time)
    url = reverse("comparison:report_bottlenecks", args=[report.pk])
    with pytest.raises(DatabaseError):
        client_for(landelijk).post(
            url,
            {f"a-{first.pk}-codes": ["mandaat"], f"a-{second.pk}-codes": ["capaciteit-om"]},
        )
    assert set(BottleneckCode.objects.values_list("answer_id", "code")) == {
        (second.pk, "informatiedeling")
    }


def test_een_antwoord_van_een_andere_rapportage_wordt_niet_gecodeerd(
    landelijk, coded_report, make_report, translated
):
    report, first, _second = coded_report
    other = make_report("drenthe", answers={KOSTEN: {"explanation": "Elders."}})
    with pytest.raises(services.ComparisonError, match=r"\[nl\] This answer belongs to another"):
        services.bottleneck_codes_set_many(
            report=report,
            codes={first: {"mandaat"}, other.answers.get(): {"mandaat"}},
            user=landelijk,
            scope=scope_for_user(landelijk),
        )
    assert not BottleneckCode.objects.exists()


def test_een_te_lange_motivering_wordt_geweigerd_en_niets_opgeslagen(
    client_for, rapporteur_friesland, report
):
    url = reverse("comparison:report_assessment", args=[report.pk])
    post = {**_assessment_post(), "m-acuut-motivation": "x" * 1_000_000}
    response = client_for(rapporteur_friesland).post(url, post)
    assert response.status_code == 200  # the form shows its error, as for any invalid field
    assert "niet meer dan 20000 tekens" in response.content.decode()
    assert not ThemeMaturity.objects.filter(report=report).exists()
    assert not CriterionAnswer.objects.filter(report=report).exists()


def test_de_dienst_weigert_een_te_lange_reden(rapporteur_friesland, report):
    """The limit holds for every caller of the service, not only the form."""
    theme = report.catalogue_version.themes.get(key="acuut")
    with pytest.raises(services.ComparisonError, match="te lang"):
        services.maturity_save(
            report=report,
            theme=theme,
            level=None,
            motivation="",
            not_assessed_reason="x" * 10_000,
            user=rapporteur_friesland,
            scope=scope_for_user(rapporteur_friesland),
        )
    assert not ThemeMaturity.objects.filter(report=report).exists()
