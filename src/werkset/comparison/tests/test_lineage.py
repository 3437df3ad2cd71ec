"""Comparisons across catalogue versions: a region's trend runs on from its 2021 reports
into its Werkset 2.0 reports, a period with both versions is compared in one set of
questions, and the trend page's national part is computed once per period."""

import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from werkset.accounts.models import Role
from werkset.accounts.scope import scope_for_user
from werkset.catalogue.models import Indicator, Theme
from werkset.comparison.models import ThemeMaturity
from werkset.comparison.selectors.bandwidth import bandwidth
from werkset.comparison.selectors.entries import answers_for, catalogue_versions, comparison_entries
from werkset.comparison.selectors.trend import region_trend
from werkset.comparison.views import trend as trend_page
from werkset.regions.models import Region
from werkset.reports.models import Answer, Report, ReportStatus

pytestmark = [pytest.mark.django_db, pytest.mark.urls("werkset.comparison.tests.urls")]

FREQ_2021 = "actieoverleg.uitvoering.frequentie"
FREQ_20 = "actieoverleg.kerncijfers.frequentie"
INFO_2021 = "actieoverleg.uitvoering.informatiedeling"
VASTLEGGEN_2021 = "actieoverleg.uitvoering.informatie-vastleggen"
INFO_20 = "actieoverleg.kerncijfers.informatie-delen-en-vastleggen"
RNZS_2021 = "samenhang.waarde.rnzs"
RNZS_20 = ("samenhang.werkzame-elementen.aandacht-en-kartrekker-in-het-rnzs",)
PDCA_20 = "samenhang.werkzame-elementen.pdca-cyclus-in-het-rnzs"
AO_URL = "?regio=groningen&thema=actieoverleg"


@pytest.fixture
def make(catalogue_2021, catalogue_2_0, regions):
    """make(version, region, period, {key: {choice, figures, explanation}}, status=...)"""
    versions = {"2021": catalogue_2021, "2.0": catalogue_2_0}
    indicators = {(i.version_id, i.key): i for i in Indicator.objects.all()}

    def build(version, region, period, answers=None, status=ReportStatus.VASTGESTELD):
        catalogue = versions[version]
        report = Report.objects.create(
            region=Region.objects.get(code=region),
            period=period,
            catalogue_version=catalogue,
            status=status,
        )
        Answer.objects.bulk_create(
            Answer(
                report=report,
                indicator=indicators[(catalogue.pk, key)],
                choice=content.get("choice", ""),
                explanation=content.get("explanation", ""),
                figures=content.get("figures", {}),
            )
            for key, content in (answers or {}).items()
        )
        return report

    return build


def per_month(n):
    return {"figures": {"frequentie": {"aantal": n, "per": "maand"}}}


def trend_of(user, catalogue, theme_key="actieoverleg", region="groningen"):
    themes = list(Theme.objects.filter(version=catalogue).order_by("position"))
    return region_trend(
        scope=scope_for_user(user),
        catalogue=catalogue,
        theme=next(t for t in themes if t.key == theme_key),
        themes=themes,
        region=Region.objects.get(code=region),
        versions=catalogue_versions(),
    )


def row(trend, slug):
    return next(r for r in trend.rows if r.figure.slug == slug)


def test_trend_loopt_door_van_2021_naar_2_0(landelijk, make, catalogue_2_0):
    make("2021", "groningen", "2023", {FREQ_2021: per_month(2)})
    make("2021", "groningen", "2024", {FREQ_2021: per_month(3)})
    make("2.0", "groningen", "2025", {FREQ_20: per_month(4)})
    trend = trend_of(landelijk, catalogue_2_0)
    assert trend.periods == ["2023", "2024", "2025"]
    assert [c.version.slug for c in trend.columns] == [
        "werkset-2021",
        "werkset-2021",
        "werkset-2-0",
    ]
    frequentie = row(trend, f"{FREQ_20}.frequentie")
    assert [p.value for p in frequentie.own] == [24, 36, 48]
    assert [p.relation for p in frequentie.own] == ["zelfde", "zelfde", ""]
    assert [st.median for st in frequentie.national] == [24, 36, 48]


def test_samengevoegde_vraag_telt_de_delen_van_2021_op(landelijk, make, catalogue_2_0):
    make(
        "2021",
        "groningen",
        "2024",
        {
            INFO_2021: {"choice": "ja", "figures": {"uren_per_overleg": "1.5"}},
            VASTLEGGEN_2021: {"choice": "nee"},
        },
    )
    make(
        "2.0",
        "groningen",
        "2025",
        {INFO_20: {"choice": "ja", "figures": {"uren_per_overleg": "2"}}},
    )
    points = row(trend_of(landelijk, catalogue_2_0), f"{INFO_20}.uren_per_overleg").own
    assert [(p.value, p.relation) for p in points] == [
        (Decimal("1.5"), "samengevoegd"),
        (Decimal("2"), ""),
    ]


def test_een_2021_lens_leest_2_0_rapportages_terug(landelijk, make, catalogue_2021):
    make("2021", "groningen", "2024", {FREQ_2021: per_month(2)})
    make("2.0", "groningen", "2025", {FREQ_20: per_month(1)})
    points = row(trend_of(landelijk, catalogue_2021), f"{FREQ_2021}.frequentie").own
    assert [p.value for p in points] == [24, 12]


def test_volwassenheid_uit_de_beoordeling_en_uit_het_antwoord(landelijk, make, catalogue_2_0):
    old = make("2021", "groningen", "2024")
    ThemeMaturity.objects.create(
        report=old,
        theme=Theme.objects.get(version=old.catalogue_version, key="actieoverleg"),
        level=2,
        motivation="Plan ligt er.",
    )
    make(
        "2.0",
        "groningen",
        "2025",
        {"actieoverleg.volwassenheid.niveau": {"choice": "gerealiseerd", "explanation": "Staat."}},
    )
    maturity = dict(trend_of(landelijk, catalogue_2_0).maturity)
    cells = next(cells for theme, cells in maturity.items() if theme.key == "actieoverleg")
    assert [(m.level, m.motivation, m.from_answer) for m in cells] == [
        (2, "Plan ligt er.", False),
        (4, "Staat.", True),
    ]


def test_periode_met_beide_versies_wordt_in_een_set_vragen_vergeleken(
    landelijk, make, catalogue_2_0
):
    make("2021", "drenthe", "2025", {FREQ_2021: per_month(1)})
    make("2.0", "groningen", "2025", {FREQ_20: per_month(3)})
    scope = scope_for_user(landelijk)
    entries = comparison_entries(scope=scope, period="2025", catalogue=catalogue_2_0)
    assert [e.region.code for e in entries] == ["groningen", "drenthe"]
    indicators = [Indicator.objects.select_related("answer_type").get(key=FREQ_20)]
    (figure,) = bandwidth(
        entries=entries,
        indicators=indicators,
        answers=answers_for(entries=entries, indicators=indicators),
    )
    assert sorted(p.value for p in figure.points) == [12, 36]
    assert figure.stats.median == 24


def test_een_regio_met_twee_versies_in_een_periode_telt_een_keer(landelijk, make, catalogue_2_0):
    make("2021", "groningen", "2025", {FREQ_2021: per_month(1)})
    native = make("2.0", "groningen", "2025", {FREQ_20: per_month(3)})
    scope = scope_for_user(landelijk)
    (entry,) = comparison_entries(scope=scope, period="2025", catalogue=catalogue_2_0)
    assert entry.report == native


def test_gesplitste_vraag_neemt_het_oude_antwoord_niet_over(landelijk, make, catalogue_2_0):
    make("2021", "groningen", "2024", {RNZS_2021: {"choice": "ja"}})
    entries = comparison_entries(
        scope=scope_for_user(landelijk), period="2024", catalogue=catalogue_2_0
    )
    indicators = list(
        Indicator.objects.select_related("answer_type").filter(key__in=[*RNZS_20, PDCA_20])
    )
    assert answers_for(entries=entries, indicators=indicators) == {}


def test_herformuleerde_vraag_neemt_keuze_en_toelichting_over(landelijk, make, catalogue_2_0):
    report = make(
        "2021",
        "groningen",
        "2024",
        {
            "actieoverleg.uitvoering.evaluatie-en-doorontwikkeling": {
                "choice": "deels",
                "explanation": "Eén keer.",
            }
        },
    )
    lens = Indicator.objects.select_related("answer_type").get(
        key="actieoverleg.werkzame-elementen.lerend-overleg"
    )
    entries = comparison_entries(
        scope=scope_for_user(landelijk), period="2024", catalogue=catalogue_2_0
    )
    (entry,) = entries
    assert entry.report == report
    answer = answers_for(entries=entries, indicators=[lens])[(entry.key, lens.pk)]
    assert (answer.choice, answer.explanation) == ("deels", "Eén keer.")
    assert answer.carried_relation == "herformuleerd"


# The page ------------------------------------------------------------------------------


def test_verlooppagina_toont_de_reeks_over_de_versies_heen(client_for, landelijk, make):
    make("2021", "groningen", "2024", {FREQ_2021: per_month(2)})
    make("2.0", "groningen", "2025", {FREQ_20: per_month(4)})
    html = client_for(landelijk).get(reverse("comparison:over_time") + AO_URL).content.decode()
    assert "versie 2021" in html
    assert "Lezen in catalogusversie" in html
    assert "via de lijn tussen de versies" in html
    assert "24" in html
    assert "48" in html
    assert 'name="versie"' in html


def test_standaard_per_periode_de_versie_van_de_rapportages(client_for, landelijk, make):
    make("2021", "groningen", "2024", {FREQ_2021: per_month(2)})
    make("2.0", "drenthe", "2025", {FREQ_20: per_month(4)})
    client = client_for(landelijk)
    url = reverse("comparison:side_by_side") + "?thema=actieoverleg&periode="
    assert "Mandaat" in client.get(url + "2024").content.decode()
    assert "Investering" not in client.get(url + "2024").content.decode()
    in_2025 = client.get(url + "2025").content.decode()
    assert "Informatie delen en vastleggen" in in_2025


def test_groepen_splitsen_in_2_0_op_vt_aan_de_zsm_tafel(client_for, landelijk, make):
    make(
        "2.0",
        "groningen",
        "2025",
        {"vt-zsm.werkzame-elementen.vt-aan-zsm-tafel": {"choice": "deelnemer"}},
    )
    response = client_for(landelijk).get(reverse("comparison:groups"))
    assert response.context["split"].key == "vt-zsm.werkzame-elementen.vt-aan-zsm-tafel"


def test_landelijke_cijfers_van_een_periode_worden_een_keer_berekend(client_for, landelijk, make):
    make("2021", "groningen", "2024", {FREQ_2021: per_month(2)})
    client = client_for(landelijk)
    url = reverse("comparison:over_time") + AO_URL + "&versie=werkset-2021"
    client.get(url)
    # A finalised report never changes; should one change anyway, the cache would show it
    # is not recomputed.
    Answer.objects.filter(indicator__key=FREQ_2021).update(
        figures={"frequentie": {"aantal": 9, "per": "maand"}}
    )
    client.get(url)
    trend = trend_of(landelijk, Indicator.objects.get(key=FREQ_2021).version)
    assert row(trend, f"{FREQ_2021}.frequentie").national[0].median == 24
    # A new finalised report in the period is a new set, and so a new computation.
    make("2021", "drenthe", "2024", {FREQ_2021: per_month(4)})
    trend = trend_of(landelijk, Indicator.objects.get(key=FREQ_2021).version)
    assert row(trend, f"{FREQ_2021}.frequentie").national[0].n == 2


ALL = [
    "groningen",
    "friesland",
    "drenthe",
    "ijsselland",
    "twente",
    "utrecht",
    "flevoland",
    "zeeland",
]


def test_verlooppagina_toont_bewaarde_tabellen_tot_er_een_rapportage_bijkomt(
    client_for, landelijk, make, monkeypatch
):
    make("2021", "groningen", "2024", {FREQ_2021: per_month(2)})
    client = client_for(landelijk)
    url = reverse("comparison:over_time") + AO_URL

    def page() -> str:  # without the CSRF token, which differs per response
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", client.get(url).text)

    first = page()
    assert "24" in first
    made = []
    original = trend_page.region_trend
    monkeypatch.setattr(trend_page, "region_trend", lambda **kw: made.append(1) or original(**kw))
    assert page() == first
    assert made == []  # the tables as shown were kept: the trend was not even read
    make("2.0", "groningen", "2025", {FREQ_20: per_month(4)})
    assert "48" in page()
    assert made == [1]


@pytest.mark.parametrize("warm", [False, True])
def test_aantal_queries_van_de_verlooppagina_is_constant(client_for, landelijk, make, warm):
    client = client_for(landelijk)
    url = reverse("comparison:over_time") + AO_URL

    def add(codes):
        for code in codes:
            make("2021", code, "2023", {FREQ_2021: per_month(2), INFO_2021: {"choice": "nee"}})
            make("2021", code, "2024", {FREQ_2021: per_month(3), INFO_2021: {"choice": "nee"}})
            make("2.0", code, "2025", {FREQ_20: per_month(4)})

    def count():
        cache.clear()
        if warm:
            client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries.captured_queries)

    client.get(url)  # session and content types
    add(ALL[:2])
    small = count()
    add(ALL[2:])
    assert count() == small
    assert small <= 16


def test_volwassenheidskaart_van_2025_leest_de_zelf_audit(client_for, landelijk, make):
    make(
        "2.0",
        "groningen",
        "2025",
        {"actieoverleg.volwassenheid.niveau": {"choice": "geevalueerd", "explanation": "Klaar."}},
    )
    response = client_for(landelijk).get(reverse("comparison:maturity") + "?thema=actieoverleg")
    (tile,) = [t for t in response.context["tiles"] if t["region"].code == "groningen"]
    assert tile["maturity"].level == 5


def test_beoordelingspagina_van_een_2_0_rapportage_vraagt_geen_volwassenheid(
    client_for, make_user, make
):
    from werkset.accounts.models import Role

    report = make(
        "2.0",
        "friesland",
        "2025",
        {"acuut.volwassenheid.niveau": {"choice": "plan", "explanation": "Plan is klaar."}},
        status=ReportStatus.CONCEPT,
    )
    user = make_user(Role.RAPPORTEUR, region=Region.objects.get(code="friesland"))
    response = client_for(user).get(reverse("comparison:report_assessment", args=[report.pk]))
    assert response.context["maturity_forms"] == []
    assert response.context["maturity_in_report"] is True
    acuut = dict((t.key, m) for t, m, _own in response.context["current"])["acuut"]
    assert acuut.level == 2


def test_periode_met_twee_versies_meldt_dat_via_de_lijn_gelezen_wordt(client_for, landelijk, make):
    make("2021", "groningen", "2025", {FREQ_2021: per_month(2)})
    make("2.0", "drenthe", "2025", {FREQ_20: per_month(4)})
    url = reverse("comparison:bandwidth") + "?thema=actieoverleg&periode=2025"
    html = client_for(landelijk).get(url).content.decode()
    assert "Getoond in de vragen van catalogusversie 2.0" in html
    assert "Groningen" in html


def test_samengevoegd_cijfer_is_gemarkeerd_op_de_verlooppagina(client_for, landelijk, make):
    make(
        "2021",
        "groningen",
        "2024",
        {
            INFO_2021: {"choice": "ja", "figures": {"uren_per_overleg": "1.5"}},
            VASTLEGGEN_2021: {"choice": "nee"},
        },
    )
    make("2.0", "groningen", "2025", {FREQ_20: per_month(4)})
    html = client_for(landelijk).get(reverse("comparison:over_time") + AO_URL).content.decode()
    assert '1,50 <span class="subtle">(samengevoegd)</span>' in html


def test_compare_export_leest_een_periode_in_de_gekozen_versie(make):
    import json as json_
    from io import StringIO

    from django.core.management import call_command

    make("2021", "groningen", "2025", {FREQ_2021: per_month(2)})
    make("2.0", "drenthe", "2025", {FREQ_20: per_month(4)})

    def run(*args):
        out = StringIO()
        call_command("compare", "export", "--period", "2025", "--format", "json", *args, stdout=out)
        return json_.loads(out.getvalue())

    default = run()
    assert default["catalogue"] == "werkset-2-0"
    frequentie = [r for r in default["bandwidth"] if r["indicator"] == FREQ_20 and r["region"]]
    assert {r["region"]: r["value"] for r in frequentie} == {"Groningen": "24", "Drenthe": "48"}
    assert run("--version", "werkset-2021")["catalogue"] == "werkset-2021"


def test_hele_trend_komt_uit_de_cache_tot_er_een_rapportage_bijkomt(landelijk, make, catalogue_2_0):
    cache.clear()
    make("2021", "groningen", "2023", {FREQ_2021: per_month(2)})
    first = trend_of(landelijk, catalogue_2_0)
    with CaptureQueriesContext(connection) as queries:
        again = trend_of(landelijk, catalogue_2_0)
    assert again.periods == first.periods == ["2023"]
    # Only the scope, the themes, the region and the stamp of the finalised reports.
    assert not any("reports_answer" in q["sql"] for q in queries.captured_queries)

    make("2.0", "groningen", "2025", {FREQ_20: per_month(4)})
    assert trend_of(landelijk, catalogue_2_0).periods == ["2023", "2025"]


def test_wie_concepten_ziet_krijgt_geen_bewaarde_trend(make_user, make, catalogue_2_0):
    cache.clear()
    rapporteur = make_user(Role.RAPPORTEUR, region=Region.objects.get(code="groningen"))
    make("2021", "groningen", "2023", {FREQ_2021: per_month(2)})
    assert trend_of(rapporteur, catalogue_2_0).periods == ["2023"]
    concept = make("2.0", "groningen", "2025", {FREQ_20: per_month(4)}, status=ReportStatus.CONCEPT)
    trend = trend_of(rapporteur, catalogue_2_0)
    assert trend.periods == ["2023", "2025"]
    assert trend.columns[-1].is_final is False
    Answer.objects.filter(report=concept).update(
        figures={"frequentie": {"aantal": 5, "per": "maand"}}
    )
    assert row(trend_of(rapporteur, catalogue_2_0), f"{FREQ_20}.frequentie").own[-1].value == 60
