"""Steps the browser journeys share: assessing every theme, a step of the workflow through
its confirmation page (each page checked by axe)."""

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from werkset.reports.models import Report

from .browser import check_page


def assess_every_theme(page: Page, report: Report) -> None:
    """The writer assesses each theme at the end of its page (issue 19): a maturity level,
    on the Actieoverleg's theme the toetsingskader, one characteristic consciously not
    assessed with its reason."""
    for theme in report.catalogue_version.themes.order_by("position"):
        page.goto(reverse("reports:theme", args=[report.pk, theme.key]))
        section = page.locator("#beoordeling")
        section.locator(f"[name=m-{theme.key}-level]").select_option("3")
        for verdict in section.locator("select[name$='-verdict']").all():
            verdict.select_option("ja")
        if theme.key == "actieoverleg":
            section.locator("[name=c-binnen-een-week-verdict]").select_option("niet-beoordeeld")
            section.locator("[name=c-binnen-een-week-reason]").fill(
                "De doorlooptijd wordt nog niet geregistreerd (fictief)."
            )
            check_page(page, "report-theme-assessment")
        section.locator("button[type=submit]").click()
        page.wait_for_load_state("load")
        expect(page.locator("main")).to_contain_text("De beoordeling van dit thema is opgeslagen")


def transition(page: Page, report: Report, name: str) -> None:
    """A step through its confirmation page (checked by axe), reached from the overview."""
    page.goto(reverse("reports:detail", args=[report.pk]))
    page.locator(f"main a[href$='/stap/{name}/']").click()
    page.wait_for_load_state("load")
    check_page(page)
    page.locator(f"main form[action$='/stap/{name}/'] button[type=submit]").click()
    page.wait_for_load_state("load")


def decide(page: Page, report: Report) -> None:
    """The network's chair records its decision after the confirmation page (axe)."""
    page.goto(reverse("reports:detail", args=[report.pk]))
    page.locator("main a[href$='/stap/finalise/']").click()
    page.wait_for_load_state("load")
    check_page(page, "report-decide")
    page.locator("#decided_on").fill(timezone.localdate().isoformat())
    page.locator("#decided_by").fill("Het RNZS in zijn vergadering (fictief)")
    page.locator("main form[action$='/stap/finalise/'] button[type=submit]").click()
    page.wait_for_load_state("load")
