"""Issue 19 in a real browser: the rapporteur submits a report; network members comment and
propose a correction; the rapporteur accepts it, resolves the comment and puts the report
to the network; its chair decides after the confirmation page; the national network sees
the decision in the status matrix. axe checks the proposal form (also with its errors), the
report page with the open proposal, every confirmation page and the status matrix."""

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, expect

from werkset.accounts.models import User
from werkset.catalogue.models import CatalogueVersion
from werkset.regions.models import Region
from werkset.reports.models import (
    Answer,
    ChangeSource,
    CorrectionProposal,
    ProposalStatus,
    ReportStatus,
)
from werkset.reports.services import report_start

from ..browser import check_page, login, new_page
from ..steps import assess_every_theme, decide, transition

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_network_corrects_and_decides(browser: Browser, live_server, demo_world) -> None:
    report = report_start(
        region=Region.objects.get(code="friesland"),
        period="2026",
        catalogue_version=CatalogueVersion.objects.get(slug="werkset-2021"),
        user=User.objects.get(username="rapporteur"),
    )
    answer = (
        Answer.objects.filter(report=report, indicator__answer_type__key="oordeel")
        .select_related("indicator__theme")
        .order_by("indicator__position")
        .first()
    )
    assert answer is not None
    theme_url = reverse("reports:theme", args=[report.pk, answer.indicator.theme.key])

    # The rapporteur submits the report for discussion.
    writer = new_page(browser, live_server.url)
    login(writer, "rapporteur")
    transition(writer, report, "submit")
    report.refresh_from_db()
    assert report.status == ReportStatus.TER_BESPREKING

    # A network member comments on an answer and proposes a correction of it.
    member = new_page(browser, live_server.url)
    login(member, "netwerklid")
    member.goto(theme_url)
    block = member.locator(f"li[id='indicator-{answer.indicator.key}']")
    block.locator("details.comment-add summary").click()
    block.locator("select[name=kind]").select_option("correctie")
    block.locator("textarea[name=text]").fill("Er was wel voorlichting door de politie (fictief).")
    block.locator("details.comment-add button[type=submit]").click()
    member.wait_for_load_state("load")
    assert report.comments.filter(resolved_at__isnull=True).count() == 1
    block.locator(f"a[href$='/antwoord/{answer.pk}/voorstel/']").click()
    member.wait_for_load_state("load")
    check_page(member, "proposal-form")
    # Without a reason the proposal is not sent: the form says why.
    member.locator("main form.proposal-form input[name=choice][value=ja]").check()
    member.locator("main form.proposal-form button[type=submit]").click()
    member.wait_for_load_state("load")
    expect(member.locator("#proposal-explanation-error")).to_be_visible()
    check_page(member, "proposal-form-error")
    assert not CorrectionProposal.objects.exists()
    member.locator("main form.proposal-form input[name=choice][value=ja]").check()
    member.locator("main form.proposal-form [name=explanation]").fill(
        "Twee voorlichtingen in het voorjaar (fictief)."
    )
    member.locator("#proposal-explanation").fill("Volgens het jaarverslag van de politie.")
    member.locator("main form.proposal-form button[type=submit]").click()
    member.wait_for_load_state("load")
    expect(member.locator(".messages")).to_contain_text("voorstel")
    proposal = CorrectionProposal.objects.get()
    assert proposal.status == ProposalStatus.OPEN
    member.context.close()

    # The rapporteur compares it with the answer on the report page and accepts it.
    # (The page is open already: a fragment alone would not load it again.)
    writer.goto(reverse("reports:detail", args=[report.pk]))
    expect(writer.locator(f"#voorstel-{proposal.pk}")).to_contain_text("jaarverslag")
    check_page(writer, "report-proposal-open")
    writer.locator(f"form[action$='/voorstel/{proposal.pk}/aannemen/'] button").click()
    writer.wait_for_load_state("load")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED
    answer.refresh_from_db()
    assert (answer.choice, answer.explanation) == (
        "ja",
        "Twee voorlichtingen in het voorjaar (fictief).",
    )
    change = answer.changes.order_by("-pk").first()
    assert change is not None
    assert change.source == ChangeSource.PROPOSAL
    assert change.proposed_by == User.objects.get(username="netwerklid")

    # The comment is resolved, every theme assessed, and the report put to the network.
    writer.goto(theme_url)
    resolve = writer.locator("form.comment__resolve")
    resolve.locator("input[name=resolution]").fill("Overgenomen via het voorstel.")
    resolve.locator("button[type=submit]").click()
    writer.wait_for_load_state("load")
    assert report.comments.filter(resolved_at__isnull=True).count() == 0
    assess_every_theme(writer, report)
    transition(writer, report, "put_forward")
    report.refresh_from_db()
    assert report.status == ReportStatus.VOORGELEGD
    writer.context.close()

    # The network's chair records the decision after the confirmation page.
    chair = new_page(browser, live_server.url)
    login(chair, "voorzitter")
    decide(chair, report)
    report.refresh_from_db()
    assert report.status == ReportStatus.VASTGESTELD
    assert report.decision_recorded_by == User.objects.get(username="voorzitter")
    chair.context.close()

    # The national network sees it finalised in the status matrix.
    national = new_page(browser, live_server.url)
    login(national, "landelijk")
    national.goto(reverse("rounds:matrix"))
    header = national.locator("table.status-matrix thead th")
    expect(header.nth(1)).to_contain_text("2026")
    row = national.locator("table.status-matrix tbody tr").filter(
        has=national.locator("th[scope=row]", has_text="Friesland")
    )
    expect(row.locator("td").first).to_contain_text("Vastgesteld")
    check_page(national, "round-matrix-decided")
    national.context.close()
