"""The comparison pages through the test client: scope, content, exports, query counts."""

import json

import pytest
from django.core.cache import cache
from django.urls import reverse

from werkset.accounts.models import Role
from werkset.catalogue.models import Theme
from werkset.comparison.models import BottleneckCode, CriterionAnswer, ThemeMaturity
from werkset.regions.models import Region
from werkset.reports.models import ReportStatus

from .conftest import FREQUENTIE, KOSTEN, TAFEL, kosten

pytestmark = [pytest.mark.django_db, pytest.mark.urls("werkset.comparison.tests.urls")]

PAGES = [
    ("comparison:index", ""),
    ("comparison:side_by_side", "?thema=vt-zsm"),
    ("comparison:bandwidth", "?thema=vt-zsm"),
    ("comparison:side_by_side", "?thema=vt-zsm&eenheid=netwerk"),
    ("comparison:bandwidth", "?thema=vt-zsm&eenheid=netwerk"),
    ("comparison:groups", ""),
    ("comparison:maturity", ""),
    ("comparison:toetsingskader", ""),
    ("comparison:bottlenecks", ""),
    ("comparison:over_time", "?regio=groningen&thema=vt-zsm"),
]


def full_report(make_report, code, period="2024", status=ReportStatus.VASTGESTELD, amount="1000"):
    report = make_report(
        code,
        period,
        status=status,
        answers={
            TAFEL: {"choice": "deelnemer", "explanation": "VT zit aan tafel."},
            FREQUENTIE: {"figures": {"frequentie": {"aantal": 2, "per": "maand"}}},
            **kosten(amount),
        },
    )
    theme = Theme.objects.get(version=report.catalogue_version, key="vt-zsm")
    ThemeMaturity.objects.create(report=report, theme=theme, level=3, motivation="Loopt.")
    CriterionAnswer.objects.create(report=report, criterion="mandaat", verdict="ja")
    BottleneckCode.objects.create(answer=report.answers.get(indicator__key=TAFEL), code="mandaat")
    return report


@pytest.mark.parametrize(("name", "query"), PAGES)
def test_elke_pagina_werkt_voor_landelijk(client_for, landelijk, make_report, name, query):
    full_report(make_report, "groningen")
    response = client_for(landelijk).get(reverse(name) + query)
    assert response.status_code == 200


@pytest.mark.parametrize(("name", "query"), PAGES)
def test_beheerder_zonder_inhoudsrol_mag_niet_vergelijken(client_for, beheerder, name, query):
    assert client_for(beheerder).get(reverse(name) + query).status_code == 403


@pytest.mark.parametrize(("name", "query"), PAGES)
def test_concept_van_utrecht_lekt_niet_naar_landelijk(
    client_for, landelijk, make_report, name, query
):
    full_report(make_report, "groningen")
    full_report(make_report, "utrecht", status=ReportStatus.CONCEPT, amount="987654")
    content = client_for(landelijk).get(reverse(name) + query).content.decode()
    assert "Utrecht</a>" not in content
    assert "987654" not in content
    assert "987.654" not in content


def test_naast_elkaar_toont_keuze_met_tekst_en_toelichting(client_for, landelijk, make_report):
    full_report(make_report, "groningen")
    content = client_for(landelijk).get(reverse("comparison:side_by_side") + "?thema=vt-zsm")
    text = content.content.decode()
    assert "choice--other" in text
    assert "VT is deelnemer aan de ZSM-tafel" in text
    assert "<details>" in text
    assert "VT zit aan tafel." in text


def test_bandbreedte_heeft_toegankelijke_svg_en_markeert_eigen_regio(
    client_for, make_user, make_report
):
    full_report(make_report, "groningen", amount="1000")
    full_report(make_report, "friesland", amount="3000")
    user = make_user(Role.RAPPORTEUR, region=Region.objects.get(code="friesland"))
    text = client_for(user).get(reverse("comparison:bandwidth") + "?thema=vt-zsm").content.decode()
    assert 'role="img"' in text
    assert "aria-labelledby=" in text
    assert "<title id=" in text
    assert 'Friesland <span class="own-mark">' in text
    assert "style=" not in text
    assert "<script" not in text


def test_svg_download(client_for, landelijk, make_report):
    full_report(make_report, "groningen")
    response = client_for(landelijk).get(
        reverse("comparison:bandwidth_svg") + f"?thema=vt-zsm&figuur={KOSTEN}.kosten"
    )
    assert response["Content-Type"].startswith("image/svg+xml")
    assert b"<svg" in response.content


def test_json_export_van_een_periode(client_for, landelijk, make_report):
    full_report(make_report, "groningen")
    response = client_for(landelijk).get(reverse("comparison:index") + "?formaat=json")
    document = json.loads(response.content)
    assert document["period"] == "2024"
    assert {"answers", "bandwidth", "maturity", "toetsingskader", "bottlenecks"} <= set(document)
    assert document["bottlenecks"][0]["category"] == "samenwerking-partijen"


def test_knelpunten_tonen_n_gelijk_aan_aantal_regios(client_for, landelijk, make_report):
    full_report(make_report, "groningen")
    full_report(make_report, "drenthe")
    text = client_for(landelijk).get(reverse("comparison:bottlenecks")).content.decode()
    assert "(n = 2)" in text


def test_rapporteur_zet_volwassenheid_en_toetsingskader_op_de_pagina(
    client_for, rapporteur_friesland, report
):
    url = reverse("comparison:report_assessment", args=[report.pk])
    client = client_for(rapporteur_friesland)
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "m-actieoverleg-level": "4",
            "m-actieoverleg-motivation": "Gerealiseerd.",
            "c-mandaat-verdict": "deels",
            "c-mandaat-explanation": "OvJ niet altijd.",
        },
    )
    assert response.status_code == 302
    assert ThemeMaturity.objects.get(report=report).level == 4
    assert CriterionAnswer.objects.get(report=report).verdict == "deels"


def test_concept_van_een_andere_regio_geeft_404_op_de_rapportpagina(
    client_for, netwerklid_oost, report
):
    url = reverse("comparison:report_assessment", args=[report.pk])
    assert client_for(netwerklid_oost).get(url).status_code == 404
    url = reverse("comparison:report_bottlenecks", args=[report.pk])
    assert client_for(netwerklid_oost).get(url).status_code == 404


def test_netwerklid_mag_niet_posten(client_for, netwerklid_noord, report):
    url = reverse("comparison:report_assessment", args=[report.pk])
    assert client_for(netwerklid_noord).post(url, {}).status_code == 403


def test_landelijk_codeert_knelpunten_via_de_pagina(client_for, landelijk, make_report):
    final = make_report("groningen", answers={KOSTEN: {"explanation": "OM ontbreekt."}})
    answer = final.answers.get()
    url = reverse("comparison:report_bottlenecks", args=[final.pk])
    client = client_for(landelijk)
    assert "OM ontbreekt." in client.get(url).content.decode()
    response = client.post(url, {f"a-{answer.pk}-codes": ["capaciteit-om"]})
    assert response.status_code == 302
    assert list(BottleneckCode.objects.values_list("code", flat=True)) == ["capaciteit-om"]


ALL_REGIONS = [
    "groningen",
    "friesland",
    "drenthe",
    "ijsselland",
    "twente",
    "noord-oost-gelderland",
    "gelderland-midden",
    "gelderland-zuid",
    "utrecht",
    "gooi-en-vechtstreek",
    "flevoland",
    "noord-holland-noord",
    "kennemerland",
    "zaanstreek-waterland",
    "amsterdam-amstelland",
    "haaglanden",
    "hollands-midden",
    "rotterdam-rijnmond",
    "zuid-holland-zuid",
    "zeeland",
    "west-brabant-de-markiezaten",
    "west-brabant-de-baronie",
    "midden-brabant",
    "oost-brabant",
    "limburg",
]


@pytest.mark.parametrize(("name", "query"), PAGES)
def test_aantal_queries_groeit_niet_met_het_aantal_regios(
    client_for, landelijk, make_report, django_assert_num_queries, name, query
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(landelijk)
    url = reverse(name) + query
    for code in ALL_REGIONS[:5]:
        full_report(make_report, code)
        full_report(make_report, code, period="2023")
    client.get(url)  # warm caches (session, content types)
    cache.clear()  # pages kept for finalised reports: count the queries that make them
    with CaptureQueriesContext(connection) as five:
        assert client.get(url).status_code == 200
    for code in ALL_REGIONS[5:]:
        full_report(make_report, code)
        full_report(make_report, code, period="2023")
    cache.clear()
    with django_assert_num_queries(len(five.captured_queries)):
        assert client.get(url).status_code == 200
    # 15: the pages' own queries plus the verified second-step device of the session.
    assert len(five.captured_queries) <= 15


@pytest.mark.parametrize(
    ("name", "query"), [(name, query) for name, query in PAGES if name != "comparison:index"]
)
def test_elke_vergelijking_is_als_csv_te_downloaden(
    client_for, landelijk, make_report, name, query
):
    full_report(make_report, "groningen")
    separator = "&" if query else "?"
    response = client_for(landelijk).get(reverse(name) + query + separator + "formaat=csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert len(response.content.decode().splitlines()) >= 2


def test_de_grafiek_zegt_mediaan_in_het_nederlands_en_escapet_namen(
    client_for, landelijk, make_report
):
    make_report("friesland", answers={KOSTEN: {"choice": "ja", "figures": {"kosten": "1000"}}})
    make_report("utrecht", answers={KOSTEN: {"choice": "ja", "figures": {"kosten": "3000"}}})
    response = client_for(landelijk).get(
        reverse("comparison:bandwidth_svg") + f"?thema=vt-zsm&figuur={KOSTEN}.kosten"
    )
    svg = response.content.decode()
    assert ">mediaan<" in svg
    assert "mediaan: 2.000" in svg
    assert svg.count("<circle") == 2
