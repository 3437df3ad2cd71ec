"""Every free text that can reach a reader is scanned when it is saved, and the writer is
told at once (issue 17), not only the answers and running texts at finalising."""

import json
from io import StringIO

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse

from werkset.comparison.models import ThemeMaturity
from werkset.outputs.archive_export import report_json
from werkset.privacy.selectors import report_uncleared_hits
from werkset.reports.comment_services import comment_add
from werkset.reports.models import Comment, Report, ReportSection
from werkset.reports.workflow import report_transition

pytestmark = pytest.mark.django_db

BSN = "111222333"
PHONE = "06-12345678"


@pytest.fixture
def submitted(report, rapporteur_friesland):
    """Comments are written while the report is under discussion."""
    return report_transition(report=report, name="submit", user=rapporteur_friesland)


def warnings_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]


def test_commentaar_met_een_bsn_geeft_een_waarschuwing(client_for, netwerklid_noord, submitted):
    response = client_for(netwerklid_noord).post(
        reverse("reports:comment_add", args=[submitted.pk]),
        {"kind": "opmerking", "text": f"Zie het dossier met BSN {BSN}.", "theme": "kosten"},
    )
    assert [w for w in warnings_of(response) if BSN in w]


def test_afhandeling_van_commentaar_wordt_gescand(
    client_for, rapporteur_friesland, netwerklid_noord, submitted
):
    comment = comment_add(report=submitted, user=netwerklid_noord, text="Klopt dit?")
    response = client_for(rapporteur_friesland).post(
        reverse("reports:comment_resolve", args=[submitted.pk, comment.pk]),
        {"resolution": f"Gebeld met {PHONE}.", "next": "detail"},
    )
    assert Comment.objects.get(pk=comment.pk).resolved_at is not None
    assert [w for w in warnings_of(response) if PHONE in w]


def test_uit_de_praktijk_met_een_naam_geeft_een_waarschuwing(
    client_for, rapporteur_friesland, report
):
    theme = report.catalogue_version.themes.order_by("position").first()
    response = client_for(rapporteur_friesland).post(
        reverse("reports:item_add", args=[report.pk, theme.key, "praktijk"]),
        {
            "kind": "casusreview",
            "title": "Een casusreview",
            "text": "Mevrouw Jansen werd drie keer doorverwezen.",
            "source": "",
        },
    )
    assert response.status_code == 302
    assert [w for w in warnings_of(response) if "Jansen" in w]


def test_citaat_met_een_e_mailadres_geeft_een_waarschuwing(
    client_for, rapporteur_friesland, report
):
    theme = report.catalogue_version.themes.order_by("position").first()
    response = client_for(rapporteur_friesland).post(
        reverse("reports:item_add", args=[report.pk, theme.key, "quote"]),
        {"text": "Het werkt.", "attribution": "p.devries@voorbeeld.nl"},
    )
    assert response.status_code == 302
    assert [w for w in warnings_of(response) if "p.devries@voorbeeld.nl" in w]


def test_volwassenheid_wordt_gescand_en_telt_bij_vaststellen(
    client_for, rapporteur_friesland, report
):
    response = client_for(rapporteur_friesland).post(
        reverse("comparison:report_assessment", args=[report.pk]),
        {"m-actieoverleg-level": "3", "m-actieoverleg-motivation": f"Bel {PHONE}."},
    )
    assert response.status_code == 302
    assert ThemeMaturity.objects.get(report=report).motivation == f"Bel {PHONE}."
    assert [w for w in warnings_of(response) if PHONE in w]
    assert [h.hit.text for h in report_uncleared_hits(report=report)] == [PHONE]


def test_antwoord_zonder_javascript_geeft_ook_de_waarschuwing(
    client_for, rapporteur_friesland, report
):
    answer = report.answers.order_by("indicator__position").first()
    response = client_for(rapporteur_friesland).post(
        reverse("reports:answer_save", args=[report.pk, answer.pk]),
        {"explanation": f"BSN {BSN} hoort hier niet.", "base_revision": answer.revision},
    )
    assert response.status_code == 302
    assert [w for w in warnings_of(response) if BSN in w]


def test_eigen_verhaal_telt_bij_vaststellen(report):
    report.introduction = f"Contact via {PHONE}."
    report.save(update_fields=["introduction"])
    ReportSection.objects.create(report=report, is_chapter=True, title="Stalking", text=BSN)
    assert sorted(h.hit.text for h in report_uncleared_hits(report=report)) == [PHONE, BSN]


def test_een_json_archief_inlezen_noemt_wat_op_persoonsgegevens_lijkt(
    netwerklid_noord, submitted, tmp_path
):
    comment_add(report=submitted, user=netwerklid_noord, text=f"BSN {BSN}")
    document = report_json(report=submitted)
    Report.objects.filter(pk=submitted.pk).delete()
    path = tmp_path / "archief.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    errors = StringIO()
    call_command("report", "import", str(path), "--keep-status", stdout=StringIO(), stderr=errors)
    assert BSN in errors.getvalue()


def test_het_verhaal_van_het_netwerk_wordt_bij_opslaan_gescand(
    client_for, rapporteur_friesland, report
):
    response = client_for(rapporteur_friesland).post(
        reverse("reports:story", args=[report.pk]),
        {
            "base_revision": "0",
            "title": "Vier jaar samenwerking",
            "introduction": f"Bel de coördinator op {PHONE}.",
            "summary": "",
        },
    )
    assert [w for w in warnings_of(response) if PHONE in w]
