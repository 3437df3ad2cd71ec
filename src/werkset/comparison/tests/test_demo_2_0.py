"""The national demo with Werkset 2.0 loaded: several regions finalised a 2.0 self-audit
for 2025, so the trend in `make run` runs across the change of instrument."""

import pytest

from werkset.accounts.scope import scope_for_user
from werkset.catalogue.models import Theme
from werkset.comparison.demo import DEMO_PERIODS, DEMO_REGIONS_2_0, comparison_demo_create
from werkset.comparison.selectors.entries import catalogue_versions
from werkset.comparison.selectors.trend import region_trend
from werkset.regions.models import Region
from werkset.reports.models import Answer, Report, ReportStatus

pytestmark = pytest.mark.django_db


def test_demo_maakt_2_0_zelf_audits_voor_2025_en_is_idempotent(catalogue_2_0, regions):
    first = comparison_demo_create()
    assert first.reports == 25 * len(DEMO_PERIODS) + len(DEMO_REGIONS_2_0)
    audits = Report.objects.filter(catalogue_version=catalogue_2_0)
    assert audits.count() == len(DEMO_REGIONS_2_0)
    assert set(audits.values_list("period", "status").distinct()) == {
        ("2025", ReportStatus.VASTGESTELD)
    }
    maturity = Answer.objects.filter(report__in=audits, indicator__key__endswith=".niveau")
    assert maturity.count() == len(DEMO_REGIONS_2_0) * 5
    assert all(a.choice and "Fictief" in a.explanation for a in maturity)
    second = comparison_demo_create()
    assert second.reports == 0
    assert Report.objects.count() == first.reports


def test_in_de_demo_loopt_de_trend_door_tot_en_met_2025(catalogue_2_0, landelijk):
    comparison_demo_create()
    themes = list(Theme.objects.filter(version=catalogue_2_0).order_by("position"))
    trend = region_trend(
        scope=scope_for_user(landelijk),
        catalogue=catalogue_2_0,
        theme=next(t for t in themes if t.key == "actieoverleg"),
        themes=themes,
        region=Region.objects.get(code="groningen"),
        versions=catalogue_versions(),
    )
    assert trend.periods == ["2022", "2023", "2024", "2025"]
    frequentie = next(r for r in trend.rows if r.figure.slug.endswith("frequentie.frequentie"))
    counts = [st.n if st else 0 for st in frequentie.national]
    assert min(counts[:3]) >= 20  # every region reported with the 2021 Werkset
    assert 8 <= counts[3] <= len(DEMO_REGIONS_2_0)  # the 2.0 self-audits of 2025
    own = [point.relation if point else None for point in frequentie.own]
    assert own[0] == "zelfde"  # a 2021 answer read as the 2.0 key figure
    assert own[3] == ""  # the 2.0 self-audit itself
    maturity = dict(trend.maturity)
    assert all(m is not None for cells in maturity.values() for m in cells)
