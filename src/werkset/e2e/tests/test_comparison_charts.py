"""The comparison pages of issue 22 in a real browser, with axe: the groups page with the
Waarde answers per group (by a question and by network), the maturity maps per region and
per network, side by side and the bandwidth per network, and the trend with its charts."""

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, expect

from werkset.catalogue.models import CatalogueVersion, Indicator, Theme
from werkset.comparison.models import ThemeMaturity
from werkset.regions.models import Region
from werkset.reports.models import Answer, Report, ReportStatus

from ..browser import check_page, login, new_page

pytestmark = pytest.mark.django_db(transaction=True)

TAFEL = "vt-zsm.ontwikkel.vt-aan-zsm-tafel"
KOSTEN = "vt-zsm.ontwikkel.kosten-randvoorwaarden"
WAARDE = "vt-zsm.waarde.betere-afstemming-afweging-van-zorg-en-straf-in-afdoeningsbeslissing"


def _finalised(code: str, period: str, role: str, value: str, amount: str, level: int) -> None:
    version = CatalogueVersion.objects.get(slug="werkset-2021")
    report = Report.objects.create(
        region=Region.objects.get(code=code),
        period=period,
        catalogue_version=version,
        number=1,
        status=ReportStatus.VASTGESTELD,
    )
    indicators = {i.key: i for i in Indicator.objects.filter(version=version)}
    Answer.objects.bulk_create(
        [
            Answer(report=report, indicator=indicators[TAFEL], choice=role),
            Answer(
                report=report,
                indicator=indicators[WAARDE],
                choice=value,
                explanation="Zorg en straf worden samen afgewogen.",
            ),
            Answer(
                report=report, indicator=indicators[KOSTEN], choice="ja", figures={"kosten": amount}
            ),
        ]
    )
    theme = Theme.objects.get(version=version, key="vt-zsm")
    ThemeMaturity.objects.create(report=report, theme=theme, level=level, motivation="Loopt.")


def test_groepen_volwassenheid_en_verloop_zijn_toegankelijk(
    browser: Browser, live_server, demo_world
) -> None:
    _finalised("groningen", "2022", "deelnemer", "deels", "800", 2)
    _finalised("groningen", "2024", "deelnemer", "ja", "1000", 4)
    _finalised("friesland", "2024", "deelnemer", "deels", "3000", 3)
    _finalised("utrecht", "2024", "consultatiepartij", "nee", "500", 2)
    page = new_page(browser, live_server.url)
    login(page, "landelijk")
    groups = reverse("comparison:groups") + "?periode=2024&thema=vt-zsm"
    page.goto(groups + f"&splits={TAFEL}")
    page.locator("table.group-values details summary").first.click()
    expect(page.locator("table.group-values details li").first).to_contain_text("Groningen")
    check_page(page)
    page.goto(groups + "&splits=netwerk")
    check_page(page)
    page.goto(reverse("comparison:maturity") + "?periode=2024&thema=vt-zsm")
    expect(page.locator(".tilemap--networks")).to_contain_text("Noord-Nederland")
    check_page(page)
    # per regional network (issue 18): a network's column with its regions' answers
    per_network = "?periode=2024&thema=vt-zsm&eenheid=netwerk"
    page.goto(reverse("comparison:side_by_side") + per_network)
    expect(page.locator("table ul.network-parts").first).to_contain_text("Groningen")
    check_page(page)
    page.goto(reverse("comparison:bandwidth") + per_network)
    expect(page.locator(".network-source").first).to_be_visible()
    check_page(page)
    page.goto(reverse("comparison:over_time") + "?regio=groningen&thema=vt-zsm")
    expect(page.locator("svg.trend-chart").first).to_be_visible()
    check_page(page)
    # the trend per network: chosen with the unit and the network, by keyboard-usable selects
    page.select_option("#filter-eenheid", "netwerk")
    page.locator("form.comparison-filter button[type=submit]").click()
    expect(page.locator("main h1")).to_contain_text("Noord-Nederland")
    expect(page.locator("svg.trend-chart").first).to_be_visible()
    check_page(page)
    page.context.close()
