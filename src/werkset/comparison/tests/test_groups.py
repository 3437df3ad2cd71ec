"""The groups page (issue 22 item 3): the Waarde answers per group beside the effort, for
every grouping the catalogue's answers allow and by network, through HTTP."""

from collections import Counter

import lxml.html
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from werkset.accounts.models import Role
from werkset.catalogue.models import Indicator
from werkset.regions.models import Region
from werkset.reports.models import Answer, Report, ReportStatus

from .conftest import TAFEL, kosten

pytestmark = [pytest.mark.django_db, pytest.mark.urls("werkset.comparison.tests.urls")]

W1 = "vt-zsm.waarde.betere-afstemming-afweging-van-zorg-en-straf-in-afdoeningsbeslissing"
W2 = "vt-zsm.waarde.betere-informatiedeling-en-verrijking"
VORM = "actieoverleg.uitvoering.vorm"
URL = "?thema=vt-zsm&splits=" + TAFEL


def regions_with(make_report):
    """Four finalised regions split 2 : 2 on VT at the ZSM table, and a concept."""
    make_report(
        "groningen",
        answers={
            TAFEL: {"choice": "deelnemer"},
            W1: {"choice": "ja", "explanation": "Zorg en straf wegen samen."},
            W2: {"choice": "ja"},
            **kosten("1000"),
        },
    )
    make_report(
        "friesland",
        answers={TAFEL: {"choice": "deelnemer"}, W1: {"choice": "deels"}, W2: {"choice": "nee"}},
    )
    make_report(
        "drenthe",
        answers={
            TAFEL: {"choice": "consultatiepartij"},
            W1: {"choice": "nee", "explanation": "Op afstand."},
        },
    )
    make_report("utrecht", answers={TAFEL: {"choice": "consultatiepartij"}, W1: {"choice": "nvt"}})
    make_report(
        "twente",
        status=ReportStatus.CONCEPT,
        answers={TAFEL: {"choice": "deelnemer"}, W1: {"choice": "nee"}},
    )


def expected_values(catalogue) -> dict[tuple[str, str], tuple[int, dict[str, int]]]:
    """Per (question label, group label): n and the counts of ja/deels/nee, read straight
    from the stored answers of the finalised reports."""
    tafel = Indicator.objects.get(version=catalogue, key=TAFEL)
    labels = {c["key"]: c["label"] for c in tafel.answer_type.choices}
    group_of = {
        a.report_id: labels[a.choice]
        for a in Answer.objects.filter(indicator=tafel, report__status=ReportStatus.VASTGESTELD)
    }
    result = {}
    questions = Indicator.objects.filter(
        version=catalogue, theme__key="vt-zsm", element__key="waarde"
    ).select_related("answer_type")
    for question in (q for q in questions if q.answer_type.choices):
        for group in set(group_of.values()):
            counts = Counter(
                a.choice
                for a in Answer.objects.filter(indicator=question, report_id__in=group_of)
                if group_of[a.report_id] == group and a.choice in ("ja", "deels", "nee")
            )
            result[(question.label, group)] = (
                sum(counts.values()),
                {k: counts.get(k, 0) for k in ("ja", "deels", "nee")},
            )
    return result


def page_values(html: str) -> dict[tuple[str, str], tuple[int, dict[str, int]]]:
    """The same, read from the page's value table."""
    table = lxml.html.fromstring(html).find_class("group-values")[0]
    groups = [th.text_content().strip() for th in table.xpath("./thead/tr/th")[1:]]
    names = {"Ja": "ja", "Deels": "deels", "Nee": "nee"}
    result = {}
    for row in table.xpath("./tbody/tr"):
        question = row.xpath("./th")[0].text_content().strip()
        for group, cell in zip(groups, row.xpath("./td"), strict=True):
            n = int(cell.find_class("group-values__n")[0].text_content().split("=")[1])
            counts = {}
            for item in cell.xpath(".//ul[@class='group-values__counts']/li"):
                label, rest = item.text_content().split(":")
                counts[names[label.strip()]] = int(rest.split("(")[0])
            result[(question, group)] = (n, counts)
    return result


def test_waarde_per_groep_is_wat_de_vastgestelde_antwoorden_zeggen(
    client_for, landelijk, make_report, catalogue_2021
):
    regions_with(make_report)
    html = client_for(landelijk).get(reverse("comparison:groups") + URL).content.decode()
    assert page_values(html) == expected_values(catalogue_2021)


def test_aandeel_is_deel_van_n_zonder_nvt(client_for, landelijk, make_report):
    regions_with(make_report)
    response = client_for(landelijk).get(reverse("comparison:groups") + URL)
    values = {row.indicator.key: row for row in response.context["page"].result.values}
    consulted = values[W1].groups["consultatiepartij"]
    assert consulted.n == 1  # Utrecht answered n.v.t.: outside n
    assert [(c.key, c.count, c.share) for c in consulted.counts] == [
        ("ja", 0, 0),
        ("deels", 0, 0),
        ("nee", 1, 100),
    ]
    assert consulted.unknown == 1


def test_toelichting_noemt_de_regio(client_for, landelijk, make_report):
    regions_with(make_report)
    html = client_for(landelijk).get(reverse("comparison:groups") + URL).content.decode()
    assert "<strong>Groningen</strong> (Ja): Zorg en straf wegen samen." in html
    assert "<strong>Drenthe</strong> (Nee): Op afstand." in html


def test_concept_telt_niet_mee_in_de_waarde(client_for, make_user, make_report):
    regions_with(make_report)
    twente = make_user(Role.RAPPORTEUR, region=Region.objects.get(code="twente"))
    response = client_for(twente).get(reverse("comparison:groups") + URL)
    values = {row.indicator.key: row for row in response.context["page"].result.values}
    assert values[W1].groups["deelnemer"].n == 2


def test_groeperingen_volgen_uit_de_antwoordtypen(
    client_for, landelijk, make_report, catalogue_2021
):
    regions_with(make_report)
    response = client_for(landelijk).get(reverse("comparison:groups") + URL)
    offered = {i.key for i in response.context["splits"]}
    judgement = {"ja", "deels", "nee"}
    expected = {
        i.key
        for i in Indicator.objects.filter(version=catalogue_2021).select_related("answer_type")
        if i.answer_type.choices and {c["key"] for c in i.answer_type.choices} != judgement
    }
    assert offered == expected
    assert {TAFEL, VORM} <= offered
    assert 'value="netwerk"' in response.content.decode()


def test_groepen_naar_vorm_van_het_actieoverleg(client_for, landelijk, make_report):
    make_report("groningen", answers={VORM: {"choice": "fysiek"}})
    make_report("utrecht", answers={VORM: {"choice": "digitaal"}})
    response = client_for(landelijk).get(
        reverse("comparison:groups") + f"?thema=actieoverleg&splits={VORM}"
    )
    members = response.context["page"].result.members
    assert {k: [e.region.code for e in v] for k, v in members.items()} == {
        "fysiek": ["groningen"],
        "digitaal": ["utrecht"],
    }


def test_groepen_per_netwerk(client_for, landelijk, make_report):
    regions_with(make_report)
    response = client_for(landelijk).get(
        reverse("comparison:groups") + "?thema=vt-zsm&splits=netwerk"
    )
    result = response.context["page"].result
    expected: dict[str, list[str]] = {}
    for code in ("groningen", "friesland", "drenthe", "utrecht"):
        region = Region.objects.select_related("network").get(code=code)
        expected.setdefault(region.network.code, []).append(code)
    assert {k: sorted(e.region.code for e in v) for k, v in result.members.items()} == {
        k: sorted(v) for k, v in expected.items()
    }
    values = {row.indicator.key: row for row in result.values}
    noord = Region.objects.get(code="groningen").network.code
    assert values[W1].groups[noord].n == 3
    assert "Regionaal netwerk" in response.content.decode()


def queries_for(client, url: str) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("split", [TAFEL, "netwerk"])
def test_aantal_queries_groeit_niet_met_de_regios(
    client_for, landelijk, make_report, catalogue_2021, split
):
    client = client_for(landelijk)
    url = reverse("comparison:groups") + f"?thema=vt-zsm&splits={split}"
    regions_with(make_report)
    client.get(url)  # the catalogue structure, session and scope read once
    few = queries_for(client, url)
    for code in ("twente", "ijsselland", "zeeland", "limburg", "flevoland", "haaglanden"):
        if not Region.objects.filter(code=code, reports__isnull=False).exists():
            make_report(code, answers={TAFEL: {"choice": "deelnemer"}, W1: {"choice": "ja"}})
    assert queries_for(client, url) == few


def test_vastgestelde_groepen_worden_bewaard(client_for, landelijk, make_report):
    regions_with(make_report)
    client = client_for(landelijk)
    url = reverse("comparison:groups") + URL
    first = client.get(url).content.decode()
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url).content.decode()
    assert page_values(again) == page_values(first)
    assert not any('"reports_answer"' in q["sql"] for q in queries.captured_queries)


LEERPROCES_20 = "samenhang.werkzame-elementen.gezamenlijk-leerproces"
TAFEL_20 = "vt-zsm.werkzame-elementen.vt-aan-zsm-tafel"


def test_in_2_0_zijn_de_werkzame_elementen_die_waarde_voortzetten_waardevragen(
    client_for, landelijk, catalogue_2021, catalogue_2_0, regions
):
    """Werkset 2.0 has no element Waarde: its working elements that continue a value
    question of 2021 are counted, a 2021 report's answer read through the lineage."""
    for code, version, answers in (
        ("groningen", catalogue_2_0, {TAFEL_20: "deelnemer", LEERPROCES_20: "ja"}),
        (
            "friesland",
            catalogue_2021,
            {TAFEL: "deelnemer", "samenhang.waarde.gezamenlijk-leerproces": "deels"},
        ),
    ):
        report = Report.objects.create(
            region=Region.objects.get(code=code),
            period="2025",
            catalogue_version=version,
            status=ReportStatus.VASTGESTELD,
        )
        for key, choice in answers.items():
            Answer.objects.create(
                report=report,
                indicator=Indicator.objects.get(version=version, key=key),
                choice=choice,
            )
    response = client_for(landelijk).get(
        reverse("comparison:groups") + f"?thema=samenhang&splits={TAFEL_20}"
    )
    values = {row.indicator.key: row for row in response.context["page"].result.values}
    counts = {c.key: c.count for c in values[LEERPROCES_20].groups["deelnemer"].counts}
    assert counts == {"ja": 1, "deels": 1, "nee": 0}


def test_kaart_per_netwerk_kost_evenveel_queries_bij_meer_regios(
    client_for, landelijk, make_report
):
    client = client_for(landelijk)
    url = reverse("comparison:maturity") + "?thema=vt-zsm"
    make_report("groningen")
    client.get(url)
    few = queries_for(client, url)
    for code in ("friesland", "utrecht", "twente", "zeeland", "limburg"):
        make_report(code)
    assert queries_for(client, url) == few
