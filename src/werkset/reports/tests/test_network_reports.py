"""A regional network's own report (issue 18): who starts, writes and reads it, its answers
per region, and how the comparisons read it for each of the network's regions."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from werkset.accounts.models import Role
from werkset.accounts.scope import scope_for_user
from werkset.catalogue.structure import catalogue_structure
from werkset.comparison.selectors.entries import answers_for, comparison_entries
from werkset.reports.models import Answer, Report, ReportStatus
from werkset.reports.services import ReportError, report_start
from werkset.reports.tests.test_perspectives import AUTOSAVE, FormData

pytestmark = pytest.mark.django_db

KEY = "acuut.ontwikkel.voorlichting-politie"


@pytest.fixture
def network_rapporteur(make_user, noord_nederland):
    return make_user(Role.RAPPORTEUR, network=noord_nederland)


@pytest.fixture
def network_report(network_rapporteur, noord_nederland, catalogue_2021, open_round) -> Report:
    open_round("2025", catalogue_2021)
    return report_start(
        network=noord_nederland,
        period="2025",
        catalogue_version=catalogue_2021,
        user=network_rapporteur,
    )


def _answer(report: Report) -> Answer:
    return Answer.objects.get(report=report, indicator__key=KEY)


def _form(client, report, answer) -> FormData:
    page = client.get(reverse("reports:theme", args=[report.pk, "acuut"])).content.decode()
    return FormData(page, f"antwoord-{answer.pk}")


def _autosave(client, report, answer, post):
    url = reverse("reports:answer_save", args=[report.pk, answer.pk])
    return client.post(url, post, **AUTOSAVE)


def test_de_rapporteur_van_het_netwerk_start_de_netwerkrapportage(
    client_for, network_rapporteur, noord_nederland, catalogue_2021, open_round
):
    open_round("2025", catalogue_2021)
    response = client_for(network_rapporteur).post(
        reverse("network_workspace", args=[noord_nederland.code]),
        {"period": "2025", "catalogue_version": catalogue_2021.pk, "start_from": ""},
    )
    report = Report.objects.get()
    assert response.status_code == 302
    assert (report.network, report.region) == (noord_nederland, None)
    assert str(report.unit) == "Noord-Nederland"


def test_de_rapporteur_van_een_regio_start_geen_netwerkrapportage(
    client_for, rapporteur_friesland, noord_nederland, catalogue_2021
):
    response = client_for(rapporteur_friesland).post(
        reverse("network_workspace", args=[noord_nederland.code]),
        {"period": "2025", "catalogue_version": catalogue_2021.pk, "start_from": ""},
    )
    assert response.status_code == 403
    assert not Report.objects.exists()


def test_een_netwerk_rapporteert_per_periode_als_geheel_of_per_regio(
    network_report, rapporteur_friesland, friesland, catalogue_2021
):
    with pytest.raises(ReportError, match="als netwerk"):
        report_start(
            region=friesland,
            period="2025",
            catalogue_version=catalogue_2021,
            user=rapporteur_friesland,
        )
    assert Report.objects.count() == 1


def test_netwerkleden_lezen_het_concept_andere_netwerken_niet(
    client_for, network_report, netwerklid_noord, netwerklid_oost
):
    url = reverse("reports:detail", args=[network_report.pk])
    assert client_for(netwerklid_noord).get(url).status_code == 200
    assert client_for(netwerklid_oost).get(url).status_code == 404


def test_het_themablad_vraagt_een_antwoord_per_regio_van_het_netwerk(
    client_for, network_rapporteur, network_report
):
    form = _form(client_for(network_rapporteur), network_report, _answer(network_report))
    names = {name for name, _value in form.fields}
    assert {"regio-groningen-explanation", "regio-friesland-explanation"} <= names
    assert {"regio-drenthe-explanation", "explanation"} <= names
    assert not any(name.startswith("regio-utrecht") for name in names)


def test_een_regio_krijgt_een_eigen_antwoord_en_het_formulier_houdt_het_vast(
    client_for, network_rapporteur, network_report
):
    client = client_for(network_rapporteur)
    answer = _answer(network_report)
    post = _form(client, network_report, answer).as_post(
        explanation="Voor het netwerk", **{"regio-drenthe-explanation": "In Drenthe anders"}
    )
    assert _autosave(client, network_report, answer, post).json()["status"] == "saved"
    # The next save of the form as the page shows it keeps Drenthe's own answer.
    again = _form(client, network_report, answer).as_post(
        explanation="Voor het netwerk, bijgewerkt"
    )
    assert _autosave(client, network_report, answer, again).json()["status"] == "saved"
    answer.refresh_from_db()
    assert answer.explanation == "Voor het netwerk, bijgewerkt"
    assert answer.regional == {
        "drenthe": {"choice": "", "explanation": "In Drenthe anders", "figures": {}}
    }


def test_een_geleegd_regioantwoord_laat_het_netwerkantwoord_weer_gelden(
    client_for, network_rapporteur, network_report
):
    client = client_for(network_rapporteur)
    answer = _answer(network_report)
    first = _form(client, network_report, answer).as_post(
        **{"regio-drenthe-explanation": "In Drenthe anders"}
    )
    _autosave(client, network_report, answer, first)
    emptied = _form(client, network_report, answer).as_post(**{"regio-drenthe-explanation": ""})
    assert _autosave(client, network_report, answer, emptied).json()["status"] == "saved"
    answer.refresh_from_db()
    assert answer.regional == {}


def test_een_regioantwoord_wordt_gecontroleerd_als_een_antwoord(
    client_for, network_rapporteur, network_report
):
    client = client_for(network_rapporteur)
    answer = _answer(network_report)
    post = _form(client, network_report, answer).as_post(**{"regio-drenthe-choice": "bestaat-niet"})
    response = _autosave(client, network_report, answer, post)
    assert response.status_code == 400
    assert "regio-drenthe-choice" in response.json()["errors"]
    answer.refresh_from_db()
    assert answer.regional == {}
    assert answer.revision == 0


def test_een_regiorapportage_heeft_geen_antwoorden_per_regio(
    client_for, rapporteur_friesland, report
):
    client = client_for(rapporteur_friesland)
    answer = _answer(report)
    form = _form(client, report, answer)
    assert not any(name.startswith("regio-") for name, _value in form.fields)


def test_de_vergelijking_leest_per_regio_het_eigen_antwoord_of_dat_van_het_netwerk(
    network_report, landelijk, catalogue_2021
):
    answer = _answer(network_report)
    answer.choice, answer.explanation = "ja", "Het netwerk"
    answer.regional = {
        "drenthe": {"choice": "nee", "explanation": "Drenthe niet", "figures": {}},
        "friesland": {"choice": "deels", "explanation": "Friesland deels", "figures": {}},
    }
    answer.save()
    Report.objects.filter(pk=network_report.pk).update(status=ReportStatus.VASTGESTELD)
    entries = comparison_entries(
        scope=scope_for_user(landelijk), period="2025", catalogue=catalogue_2021
    )
    indicator = next(
        i for i in catalogue_structure(version=catalogue_2021).indicators if i.key == KEY
    )
    answers = answers_for(entries=entries, indicators=[indicator])
    by_region = {
        e.region.code: (answers[(e.key, indicator.pk)].explanation, e.from_network) for e in entries
    }
    assert by_region == {
        "groningen": ("Het netwerk", True),
        "friesland": ("Friesland deels", True),
        "drenthe": ("Drenthe niet", True),
    }
    held = {e.region.code: answers[(e.key, indicator.pk)].from_network for e in entries}
    assert held == {"groningen": True, "friesland": False, "drenthe": False}


def test_een_netwerkrapportage_gaat_heen_en_terug_door_het_archief(network_report, noord_nederland):
    from werkset.outputs.archive_export import report_json
    from werkset.outputs.archive_import import report_json_import

    answer = _answer(network_report)
    answer.regional = {"drenthe": {"choice": "", "explanation": "Anders", "figures": {}}}
    answer.save()
    document = report_json(report=network_report)
    assert (document["region"], document["network"]) == (None, "noord-nederland")
    Report.objects.all().delete()
    imported = report_json_import(data=document, user=None)
    assert (imported.network, imported.region) == (noord_nederland, None)
    assert _answer(imported).regional == answer.regional


def _api(user):
    from rest_framework.test import APIClient

    from werkset.api.services import api_token_create

    client = APIClient()
    _token, key = api_token_create(user=user, name="script")
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_de_api_start_een_netwerkrapportage(network_rapporteur, catalogue_2021, open_round):
    open_round("2025", catalogue_2021)
    response = _api(network_rapporteur).post(
        "/api/v1/rapportages",
        {"network": "noord-nederland", "period": "2025", "catalogue_version": catalogue_2021.slug},
        format="json",
    )
    assert response.status_code == 201
    assert (response.json()["network"], response.json()["region"]) == ("noord-nederland", None)


def test_een_regio_die_de_api_niet_noemt_houdt_haar_eigen_antwoord(
    network_rapporteur, network_report
):
    client = _api(network_rapporteur)
    url = f"/api/v1/rapportages/{network_report.pk}/antwoorden/{KEY}"
    first = client.put(
        url,
        {"revision": 0, "regional": {"drenthe": {"explanation": "Drenthe anders"}}},
        format="json",
    )
    assert first.status_code == 200
    second = client.put(url, {"revision": 1, "explanation": "Het netwerk"}, format="json")
    assert second.status_code == 200
    assert second.json()["regional"] == {
        "drenthe": {"choice": "", "explanation": "Drenthe anders", "figures": {}}
    }


def test_het_verloop_van_een_regio_leest_haar_eigen_cijfer_uit_de_netwerkrapportage(
    network_report, landelijk, catalogue_2021
):
    from werkset.catalogue.models import CatalogueVersion
    from werkset.comparison.selectors.trend import region_trend
    from werkset.regions.models import Region

    answer = _answer(network_report)
    answer.choice, answer.figures = "ja", {"kosten": "1000.00"}
    answer.regional = {
        "drenthe": {"choice": "ja", "explanation": "", "figures": {"kosten": "300.00"}}
    }
    answer.save()
    Report.objects.filter(pk=network_report.pk).update(status=ReportStatus.VASTGESTELD)
    theme = answer.indicator.theme
    scope = scope_for_user(landelijk)

    def kosten(code: str):
        trend = region_trend(
            scope=scope,
            catalogue=catalogue_2021,
            theme=theme,
            themes=[theme],
            region=Region.objects.get(code=code),
            versions=list(CatalogueVersion.objects.all()),
        )
        row = next(
            r
            for r in trend.rows
            if r.figure.spec["key"] == "kosten" and r.figure.indicator.key == KEY
        )
        return row.own[0].value

    assert kosten("drenthe") == 300
    assert kosten("groningen") == 1000


def test_naast_elkaar_zegt_welke_waarde_uit_de_netwerkrapportage_komt(
    client_for, network_report, landelijk
):
    answer = _answer(network_report)
    answer.choice = "ja"
    answer.regional = {"drenthe": {"choice": "nee", "explanation": "", "figures": {}}}
    answer.save()
    Report.objects.filter(pk=network_report.pk).update(status=ReportStatus.VASTGESTELD)
    page = client_for(landelijk).get(
        reverse("comparison:side_by_side"), {"periode": "2025", "thema": "acuut"}
    )
    html = page.content.decode()
    assert html.count("netwerkrapportage Noord-Nederland") == 3
    assert html.count("eigen antwoord van de regio") == 1


def test_een_regioantwoord_met_persoonsgegevens_waarschuwt_ook_na_opslaan_met_de_knop(
    client_for, network_rapporteur, network_report
):
    """The form's save button warns of what autosave warns of: the regions' texts too."""
    client = client_for(network_rapporteur)
    answer = _answer(network_report)
    post = _form(client, network_report, answer).as_post(
        explanation="Voor het netwerk", **{"regio-drenthe-explanation": "Gebeld met 06-12345678."}
    )
    url = reverse("reports:answer_save", args=[network_report.pk, answer.pk])
    response = client.post(url, post)
    assert response.status_code == 302
    warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert [w for w in warnings if "06-12345678" in w]
