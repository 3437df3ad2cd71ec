"""The main journey in a real browser, with axe on every page it passes."""

import re
from collections import defaultdict

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from playwright.sync_api import Browser, Locator, Page, expect

from werkset.reports.models import Answer, Report, ReportStatus

from ..browser import check_page, login, new_page, screenshot
from ..steps import assess_every_theme, transition

pytestmark = pytest.mark.django_db(transaction=True)

# One answer of each answer type the journey fills in, keyed by the catalogue's type key.
ANSWER_TYPES = [
    "oordeel",  # choice
    "oordeel_kosten_uren",  # choice, euro and uren
    "aantal_per_jaar",  # aantal
    "frequentie",  # frequentie
    "uren_per_overleg",  # uren and keuze
    "oordeel_capaciteit",  # choice, uren and meerkeuze
    "open",  # open text only
]


def _fill_answer(form: Locator, type_key: str) -> None:
    """Fill one answer form as a rapporteur would for this answer type."""
    if type_key in {"oordeel", "oordeel_kosten_uren"}:
        form.locator("input[name=choice][value=ja]").check()
    if type_key == "oordeel_capaciteit":
        form.locator("input[name=choice][value=deels]").check()
    if type_key == "oordeel_kosten_uren":
        form.locator("[name=field-kosten]").fill("1250,50")
        form.locator("[name=field-uren]").fill("12,5")
    if type_key == "aantal_per_jaar":
        form.locator("[name=field-aantal]").fill("14")
    if type_key == "frequentie":
        form.locator("[name=field-frequentie-aantal]").fill("2")
        form.locator("[name=field-frequentie-per]").select_option("maand")
    if type_key == "uren_per_overleg":
        form.locator("[name=field-uren_per_overleg]").fill("3")
        form.locator("[name=field-organisatie]").select_option("vt")
    if type_key == "oordeel_capaciteit":
        form.locator("[name=field-uren_per_jaar]").fill("40")
        form.locator("[name=field-organisaties][value=vt]").check()
        form.locator("[name=field-organisaties][value=politie]").check()
    form.locator("[name=explanation]").fill(f"Toelichting bij {type_key} (fictief).")


def _saved_at_text(page: Page) -> str:
    return str(
        page.evaluate(
            "JSON.parse(document.getElementById('autosave-messages').textContent).savedAt"
        )
    )


def test_journey_from_first_answer_to_downloads(browser: Browser, live_server, demo_world) -> None:
    # Anyone: the log-in page.
    page = new_page(browser, live_server.url)
    page.goto("/inloggen/")
    check_page(page, "login")
    page.locator("#id_username").fill("rapporteur")
    page.locator("#id_password").fill("fout")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    check_page(page, "login-error")

    # The rapporteur starts a report from the region's workspace.
    login(page, "rapporteur")
    check_page(page, "home")
    page.locator("main a[href='/regios/friesland/']").first.click()
    check_page(page, "region-workspace")
    page.locator("#id_period").select_option("2026")
    page.locator("section[aria-labelledby=start-title] button[type=submit]").click()
    report = Report.objects.get(region__code="friesland", period="2026")
    expect(page).to_have_url(f"{live_server.url}/rapportages/{report.pk}/")
    check_page(page, "report-overview")

    # Answers of each answer type, saved with the Save button, theme by theme.
    chosen: dict[str, Answer] = {}
    for answer in report.answers.select_related(
        "indicator__answer_type", "indicator__theme", "indicator__element"
    ):
        chosen.setdefault(answer.indicator.answer_type.key, answer)
    by_theme: dict[str, list[tuple[str, Answer]]] = defaultdict(list)
    for type_key in ANSWER_TYPES:
        answer = chosen[type_key]
        by_theme[answer.indicator.theme.key].append((type_key, answer))
    first_theme = next(iter(by_theme))
    for theme_key, answers in by_theme.items():
        theme_url = reverse("reports:theme", args=[report.pk, theme_key])
        page.goto(theme_url)
        if theme_key == first_theme:
            check_page(page, "report-theme")
        for type_key, answer in answers:
            form = page.locator(f"#antwoord-{answer.pk}")
            _fill_answer(form, type_key)
            form.locator("button[type=submit]").click()
            page.wait_for_load_state("load")
            answer.refresh_from_db()
            assert answer.revision >= 1, type_key
            assert answer.explanation.startswith("Toelichting"), type_key
    figures = {t: chosen[t] for t in ANSWER_TYPES}
    for answer in figures.values():
        answer.refresh_from_db()
    assert figures["oordeel_kosten_uren"].choice == "ja"
    assert figures["oordeel_capaciteit"].figures["organisaties"] == ["vt", "politie"]
    assert figures["frequentie"].figures["frequentie"] == {"aantal": 2, "per": "maand"}

    # An item from practice.
    theme_url = reverse("reports:theme", args=[report.pk, first_theme])
    page.goto(theme_url)
    page.locator("a[href$='/praktijk/nieuw/']").click()
    check_page(page, "practice-item-form")
    page.locator("#id_title").fill("Casusoverleg binnen een week")
    page.locator("#id_text").fill("Partners plannen het overleg nu binnen een week (fictief).")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state("load")
    expect(page.locator("main")).to_contain_text("Casusoverleg binnen een week")
    assert report.practice_items.count() == 1

    # Autosave: typing is saved without pressing Save and survives a reload.
    page.goto(theme_url)
    open_answer = report.answers.filter(indicator__theme__key=first_theme, revision=0).first()
    assert open_answer is not None
    form = page.locator(f"#antwoord-{open_answer.pk}")
    form.locator("[name=explanation]").fill("Automatisch bewaard (fictief).")
    expect(form.locator("[data-save-status]")).to_contain_text(_saved_at_text(page))
    page.evaluate("localStorage.clear()")
    page.reload()
    expect(page.locator(f"#antwoord-{open_answer.pk} [name=explanation]")).to_have_value(
        "Automatisch bewaard (fictief)."
    )
    open_answer.refresh_from_db()
    assert open_answer.explanation == "Automatisch bewaard (fictief)."

    # The pages as a rapporteur sees them while filling in (viewport-sized, for the README).
    shown = by_theme[first_theme][0][1]
    page.goto(f"{theme_url}#element-{shown.indicator.element.key}")
    screenshot(page, "readme-report-theme", full_page=False)
    page.goto(reverse("reports:detail", args=[report.pk]))
    screenshot(page, "readme-report-overview", full_page=False)

    # Submit for discussion.
    transition(page, report, "submit")
    report.refresh_from_db()
    assert report.status == ReportStatus.TER_BESPREKING

    # A member of the regional network comments on the theme.
    member = new_page(browser, live_server.url)
    login(member, "netwerklid")
    member.goto(theme_url)
    check_page(member, "report-theme-discussion")
    theme_comments = member.locator("#thema-commentaar")
    theme_comments.locator("details.comment-add summary").click()
    theme_comments.locator("textarea[name=text]").fill("Graag de kosten per partner (fictief).")
    theme_comments.locator("details.comment-add button[type=submit]").click()
    member.wait_for_load_state("load")
    assert report.comments.filter(resolved_at__isnull=True).count() == 1
    member.context.close()

    # The rapporteur resolves it and puts the report to the network; its chair records the
    # network's decision after the confirmation page.
    page.goto(theme_url)
    resolve = page.locator("form.comment__resolve")
    resolve.locator("input[name=resolution]").fill("Toegevoegd aan de toelichting.")
    resolve.locator("button[type=submit]").click()
    page.wait_for_load_state("load")
    assert report.comments.filter(resolved_at__isnull=True).count() == 0
    assess_every_theme(page, report)
    transition(page, report, "put_forward")
    report.refresh_from_db()
    assert report.status == ReportStatus.VOORGELEGD
    chair = new_page(browser, live_server.url)
    login(chair, "voorzitter")
    chair.goto(reverse("reports:detail", args=[report.pk]))
    chair.locator("main a[href$='/stap/finalise/']").click()
    chair.wait_for_load_state("load")
    check_page(chair, "report-decide")
    chair.locator("#decided_on").fill(timezone.localdate().isoformat())
    chair.locator("#decided_by").fill("Het RNZS in zijn vergadering (fictief)")
    chair.locator("main form[action$='/stap/finalise/'] button[type=submit]").click()
    chair.wait_for_load_state("load")
    report.refresh_from_db()
    assert report.status == ReportStatus.VASTGESTELD
    chair.context.close()
    page.goto(reverse("reports:detail", args=[report.pk]))
    check_page(page, "report-finalised")

    # Downloads: PDF and Word, made off the request (in-process here: no broker) and then
    # offered on the document's page.
    for fmt, variant, magic in (("pdf", "rapport", b"%PDF"), ("docx", "vragenlijst", b"PK")):
        page.goto(reverse("reports:detail", args=[report.pk]))
        # The request makes the document before it answers: on a busy machine that takes
        # longer than a click's usual wait (the click itself waits for the navigation it
        # starts, so it needs the long timeout too: it timed out there under load).
        page.locator(f"form[action$='/documenten/{fmt}/'] button[value='{variant}']").click(
            timeout=120_000
        )
        page.wait_for_url(re.compile(r"/documenten/\d+/$"), timeout=120_000)
        check_page(page)
        with page.expect_download() as download_info:
            page.locator("a[href$='/downloaden/']").click()
        download = download_info.value
        assert download.suggested_filename.endswith(f".{fmt}")
        with open(download.path(), "rb") as file:
            assert file.read(4).startswith(magic)
    # The print view in both layouts is a page too.
    for query in ("", "?variant=vragenlijst"):
        page.goto(reverse("outputs:print", args=[report.pk]) + query)
        check_page(page)
    page.context.close()

    # A national user opens the regional overview and the finalised report.
    national = new_page(browser, live_server.url)
    login(national, "landelijk")
    national.goto(reverse("regions:index"))
    check_page(national, "regions")
    # The reporting rounds and where the networks stand in them (issue 19).
    national.goto(reverse("rounds:index"))
    check_page(national, "rounds")
    national.goto(reverse("rounds:matrix"))
    check_page(national, "round-matrix")
    national.goto(reverse("region_workspace", args=["friesland"]))
    check_page(national)
    national.goto(reverse("reports:detail", args=[report.pk]))
    check_page(national)
    try:
        comparison_url = reverse("comparison:index")
    except NoReverseMatch:
        comparison_url = ""
    if comparison_url:
        national.goto(comparison_url)
        check_page(national, "comparison")
    national.context.close()


def test_catalogue_pages_are_accessible(browser: Browser, live_server, demo_world) -> None:
    page = new_page(browser, live_server.url)
    login(page, "rapporteur")
    page.goto(reverse("catalogue:index"))
    check_page(page, "catalogue")
    page.locator("main a[href^='/catalogus/']").first.click()
    check_page(page, "catalogue-version")
    page.locator("main a[href*='/catalogus/werkset-2021/']").first.click()
    check_page(page, "catalogue-theme")
    # The framing of the version (Inleiding, Bronnen, Verantwoording) and, opened, the
    # guidance texts beside a theme.
    page.goto(reverse("catalogue:framing", args=["werkset-2021"]))
    check_page(page, "catalogue-framing")
    page.goto(reverse("catalogue:theme", args=["werkset-2021", "actieoverleg"]))
    page.locator("#handreikingen > summary").click()
    page.locator("#handreiking-onderlegger > summary").click()
    check_page(page, "catalogue-theme-guidance")
    page.context.close()
