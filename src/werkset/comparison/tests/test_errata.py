"""Comparisons across the errata (issue 23): a report on the 2021 version and one on its
corrected edition (werkset-2021-1) stand in the same row per indicator, the trend runs on
across both, and the new fields of the corrected edition are compared."""

import pytest
from django.urls import reverse

from werkset.accounts.scope import scope_for_user
from werkset.catalogue.models import Indicator, Theme
from werkset.comparison.selectors.bandwidth import bandwidth
from werkset.comparison.selectors.entries import (
    answers_for,
    catalogue_versions,
    comparison_entries,
    theme_indicators,
)
from werkset.comparison.selectors.side_by_side import side_by_side
from werkset.comparison.selectors.trend import region_trend
from werkset.regions.models import Region
from werkset.reports.models import Answer, Report, ReportStatus

pytestmark = [pytest.mark.django_db, pytest.mark.urls("werkset.comparison.tests.urls")]

FREQ = "actieoverleg.uitvoering.frequentie"
RNZS = "samenhang.waarde.rnzs"
EXTRA = "acuut.uitvoering.extra-inzet"


@pytest.fixture
def make(catalogue_2021, catalogue_2021_1, regions):
    versions = {"2021": catalogue_2021, "2021-1": catalogue_2021_1}
    indicators = {(i.version_id, i.key): i for i in Indicator.objects.all()}

    def build(version, region, period, answers):
        catalogue = versions[version]
        report = Report.objects.create(
            region=Region.objects.get(code=region),
            period=period,
            catalogue_version=catalogue,
            status=ReportStatus.VASTGESTELD,
        )
        Answer.objects.bulk_create(
            Answer(report=report, indicator=indicators[(catalogue.pk, key)], **content)
            for key, content in answers.items()
        )
        return report

    return build


def per_month(n):
    return {"figures": {"frequentie": {"aantal": n, "per": "maand"}}}


def test_2021_en_herziene_uitgave_staan_per_indicator_in_dezelfde_rij(
    landelijk, make, catalogue_2021_1
):
    make("2021", "drenthe", "2025", {FREQ: per_month(1), RNZS: {"choice": "deels"}})
    make("2021-1", "groningen", "2025", {FREQ: per_month(3), RNZS: {"choice": "ja"}})
    entries = comparison_entries(
        scope=scope_for_user(landelijk), period="2025", catalogue=catalogue_2021_1
    )
    assert [e.region.code for e in entries] == ["groningen", "drenthe"]
    indicators = theme_indicators(catalogue=catalogue_2021_1, theme=None)
    rows = side_by_side(
        entries=entries,
        indicators=indicators,
        answers=answers_for(entries=entries, indicators=indicators),
    )
    assert len(rows) == 114
    by_key = {row.indicator.key: row for row in rows}
    assert [c.choice_label for c in by_key[RNZS].cells] == ["Ja", "Deels"]
    assert [c.answer.figures["frequentie"]["aantal"] for c in by_key[FREQ].cells] == [3, 1]


def test_in_de_2021_lens_staat_de_herziene_uitgave_ook_in_dezelfde_rij(
    landelijk, make, catalogue_2021
):
    make("2021", "drenthe", "2025", {FREQ: per_month(1)})
    make("2021-1", "groningen", "2025", {FREQ: per_month(3)})
    entries = comparison_entries(
        scope=scope_for_user(landelijk), period="2025", catalogue=catalogue_2021
    )
    indicators = [
        Indicator.objects.select_related("answer_type").get(version=catalogue_2021, key=FREQ)
    ]
    (figure,) = bandwidth(
        entries=entries,
        indicators=indicators,
        answers=answers_for(entries=entries, indicators=indicators),
    )
    assert sorted(p.value for p in figure.points) == [12, 36]


def test_de_trend_loopt_door_van_2021_naar_de_herziene_uitgave(landelijk, make, catalogue_2021_1):
    make("2021", "groningen", "2024", {FREQ: per_month(2)})
    make("2021-1", "groningen", "2025", {FREQ: per_month(4)})
    themes = list(Theme.objects.filter(version=catalogue_2021_1).order_by("position"))
    trend = region_trend(
        scope=scope_for_user(landelijk),
        catalogue=catalogue_2021_1,
        theme=next(t for t in themes if t.key == "actieoverleg"),
        themes=themes,
        region=Region.objects.get(code="groningen"),
        versions=catalogue_versions(),
    )
    frequentie = next(r for r in trend.rows if r.figure.slug == f"{FREQ}.frequentie")
    assert [p.value for p in frequentie.own] == [24, 48]
    assert [c.version.slug for c in trend.columns] == ["werkset-2021", "werkset-2021-1"]


def test_de_nieuwe_velden_worden_vergeleken(landelijk, make, catalogue_2021_1):
    make("2021", "drenthe", "2025", {EXTRA: {"choice": "ja", "figures": {"uren_per_jaar": "100"}}})
    make(
        "2021-1",
        "groningen",
        "2025",
        {EXTRA: {"choice": "ja", "figures": {"uren_per_jaar": "300", "uren_politie": "120"}}},
    )
    entries = comparison_entries(
        scope=scope_for_user(landelijk), period="2025", catalogue=catalogue_2021_1
    )
    indicators = [
        Indicator.objects.select_related("answer_type").get(version=catalogue_2021_1, key=EXTRA)
    ]
    figures = {
        f.slug: f
        for f in bandwidth(
            entries=entries,
            indicators=indicators,
            answers=answers_for(entries=entries, indicators=indicators),
        )
    }
    assert sorted(p.value for p in figures[f"{EXTRA}.uren_per_jaar"].points) == [100, 300]
    assert [p.value for p in figures[f"{EXTRA}.uren_politie"].points] == [120]


def test_zijversie_2_0_wordt_gelezen_via_de_gemeenschappelijke_voorganger(
    landelijk, make, catalogue_2021_1, catalogue_2_0
):
    from werkset.catalogue.selectors import catalogue_lineage

    lens = list(
        Indicator.objects.select_related("answer_type").filter(version=catalogue_2021_1, key=FREQ)
    )
    lineage = catalogue_lineage(lens_indicators=lens, version_ids=[catalogue_2_0.pk])
    source = lineage.source(version_id=catalogue_2_0.pk, indicator_id=lens[0].pk)
    assert source is not None
    (found,) = source.indicator_ids
    assert Indicator.objects.get(pk=found).key == "actieoverleg.kerncijfers.frequentie"


def test_vergelijkingspagina_toont_beide_versies_in_een_tabel(client_for, landelijk, make):
    make("2021", "drenthe", "2025", {RNZS: {"choice": "deels", "explanation": "Oud."}})
    make("2021-1", "groningen", "2025", {RNZS: {"choice": "ja", "explanation": "Nieuw."}})
    url = reverse("comparison:side_by_side") + "?periode=2025&thema=samenhang"
    html = client_for(landelijk).get(url).content.decode()
    assert "Oud." in html
    assert "Nieuw." in html
