"""Correction proposals (issue 19, point 7; ADR 21): a network member proposes a new value
for an answer, the rapporteur accepts it in one step or declines it with a reason."""

from functools import partial

import pytest
from django.urls import reverse

from werkset.core.models import AuditEvent
from werkset.core.testing import delivered, delivered_after_rollback
from werkset.reports.answers import AnswerContent
from werkset.reports.events import ProposalAccepted, ProposalDeclined, ProposalMade
from werkset.reports.models import (
    Answer,
    AnswerChange,
    ChangeSource,
    CorrectionProposal,
    ProposalStatus,
)
from werkset.reports.proposal_services import proposal_accept, proposal_decline, proposal_make
from werkset.reports.readiness import report_readiness
from werkset.reports.services import answer_save
from werkset.reports.workflow import report_transition

pytestmark = pytest.mark.django_db

KEY = "acuut.ontwikkel.voorlichting-politie"


@pytest.fixture
def discussed(report, rapporteur_friesland):
    return report_transition(report=report, name="submit", user=rapporteur_friesland)


def answer_of(report, key=KEY):
    return Answer.objects.select_related("indicator__theme").get(report=report, indicator__key=key)


def add_url(report, answer):
    return reverse("reports:proposal_add", args=[report.pk, answer.pk])


def propose(client, report, answer, **values):
    data = {
        "base_revision": str(answer.revision),
        "choice": "ja",
        "explanation": "Er waren twee voorlichtingen.",
        "proposal_explanation": "Volgens het jaarverslag van de politie.",
    }
    data.update(values)
    return client.post(add_url(report, answer), data)


@pytest.fixture
def proposal(discussed, netwerklid_noord):
    answer = answer_of(discussed)
    return proposal_make(
        answer=answer,
        user=netwerklid_noord,
        content=AnswerContent(choice="ja", explanation="Twee voorlichtingen."),
        explanation="Volgens het jaarverslag.",
        base_revision=answer.revision,
    )


def test_het_themablad_wijst_netwerkleden_naar_het_voorstelformulier(
    client_for, discussed, netwerklid_noord
):
    answer = answer_of(discussed)
    page = client_for(netwerklid_noord).get(reverse("reports:theme", args=[discussed.pk, "acuut"]))
    assert add_url(discussed, answer) in page.content.decode()
    assert "Wijziging voorstellen" in page.content.decode()


def test_een_netwerklid_stelt_een_nieuwe_waarde_voor(client_for, discussed, netwerklid_noord):
    client = client_for(netwerklid_noord)
    answer = answer_of(discussed)
    form = client.get(add_url(discussed, answer))
    assert form.status_code == 200
    assert "Wijziging voorstellen" in form.content.decode()
    response = propose(client, discussed, answer)
    assert response.status_code == 302
    proposal = CorrectionProposal.objects.get()
    assert proposal.status == ProposalStatus.OPEN
    assert proposal.author == netwerklid_noord
    assert proposal.content["choice"] == "ja"
    assert proposal.content["explanation"] == "Er waren twee voorlichtingen."
    assert answer_of(discussed).choice == ""  # nothing changes until the rapporteur accepts
    assert AuditEvent.objects.filter(action="proposal_made").count() == 1


def test_een_voorstel_wordt_gecontroleerd_als_een_antwoord(client_for, discussed, netwerklid_noord):
    response = propose(client_for(netwerklid_noord), discussed, answer_of(discussed), choice="x")
    assert response.status_code == 400
    assert "Kies een van de antwoorden" in response.content.decode()
    assert not CorrectionProposal.objects.exists()


def test_een_voorstel_vraagt_een_toelichting(client_for, discussed, netwerklid_noord):
    client = client_for(netwerklid_noord)
    response = propose(client, discussed, answer_of(discussed), proposal_explanation=" ")
    assert response.status_code == 400
    assert "Leg uit waarom" in response.content.decode()
    assert not CorrectionProposal.objects.exists()


def test_een_voorstel_dat_niets_verandert_wordt_geweigerd(client_for, discussed, netwerklid_noord):
    response = propose(
        client_for(netwerklid_noord), discussed, answer_of(discussed), choice="", explanation=""
    )
    assert response.status_code == 400
    assert "hetzelfde als het huidige antwoord" in response.content.decode()


def test_een_te_lange_toelichting_wordt_geweigerd(client_for, discussed, netwerklid_noord):
    response = propose(
        client_for(netwerklid_noord),
        discussed,
        answer_of(discussed),
        proposal_explanation="x" * 5_001,
    )
    assert response.status_code == 400
    assert not CorrectionProposal.objects.exists()


def test_de_privacywacht_leest_het_voorstel(client_for, discussed, netwerklid_noord):
    client = client_for(netwerklid_noord)
    response = propose(
        client, discussed, answer_of(discussed), proposal_explanation="Bel 06-12345678 even."
    )
    page = client.get(response["Location"]).content.decode()
    assert "06-12345678" in page  # the warning after saving
    facts = report_readiness(report=discussed, step="put_forward").facts
    assert facts.privacy_flags == 1


@pytest.mark.parametrize("who", ["landelijk", "netwerklid_oost", "rapporteur_elders"])
def test_buitenstaanders_stellen_niets_voor(
    who, request, client_for, discussed, make_user, utrecht
):
    from werkset.accounts.models import Role

    user = (
        make_user(Role.RAPPORTEUR, region=utrecht)
        if who == "rapporteur_elders"
        else request.getfixturevalue(who)
    )
    response = propose(client_for(user), discussed, answer_of(discussed))
    assert response.status_code == 404
    assert not CorrectionProposal.objects.exists()


def test_voorstellen_kan_alleen_ter_bespreking(client_for, report, netwerklid_noord):
    response = propose(client_for(netwerklid_noord), report, answer_of(report))
    assert response.status_code == 403
    assert not CorrectionProposal.objects.exists()


def test_de_rapporteur_neemt_het_voorstel_aan_en_de_geschiedenis_noemt_beiden(
    client_for, proposal, rapporteur_friesland, netwerklid_noord
):
    client = client_for(rapporteur_friesland)
    page = client.get(reverse("reports:detail", args=[proposal.report_id])).content.decode()
    assert "Correctievoorstellen" in page
    assert "Twee voorlichtingen." in page
    response = client.post(
        reverse("reports:proposal_accept", args=[proposal.report_id, proposal.pk]),
        {"seen_revision": "0"},
    )
    assert response.status_code == 302
    answer = answer_of(proposal.report)
    assert (answer.choice, answer.explanation) == ("ja", "Twee voorlichtingen.")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED
    assert proposal.decided_by == rapporteur_friesland
    change = AnswerChange.objects.get(answer=answer)
    assert change.source == ChangeSource.PROPOSAL
    assert change.changed_by == rapporteur_friesland
    assert change.proposed_by == netwerklid_noord
    history = client.get(reverse("reports:answer_history", args=[answer.report_id, answer.pk]))
    html = history.content.decode()
    assert rapporteur_friesland.get_username() in html
    assert f"voorgesteld door {netwerklid_noord.get_username()}" in html


def test_aannemen_weigert_als_het_antwoord_intussen_veranderde(
    client_for, proposal, rapporteur_friesland, second_rapporteur
):
    answer = answer_of(proposal.report)
    answer_save(
        answer=answer,
        content=AnswerContent(choice="nee", explanation="Geen voorlichting."),
        base_revision=0,
        user=second_rapporteur,
    )
    client = client_for(rapporteur_friesland)
    url = reverse("reports:proposal_accept", args=[proposal.report_id, proposal.pk])
    # Decided on the answer as it was when the proposal was made: refused, nothing changes.
    response = client.post(url, {"seen_revision": "0"}, follow=True)
    assert "intussen gewijzigd" in response.content.decode()
    assert answer_of(proposal.report).choice == "nee"
    proposal.refresh_from_db()
    assert proposal.is_open
    # The report page shows the proposal beside the current answer, and that it changed.
    assert "veranderd sinds dit voorstel" in response.content.decode()
    client.post(url, {"seen_revision": "1"})
    assert answer_of(proposal.report).choice == "ja"


def test_afwijzen_vraagt_een_reden(client_for, proposal, rapporteur_friesland):
    client = client_for(rapporteur_friesland)
    url = reverse("reports:proposal_decline", args=[proposal.report_id, proposal.pk])
    response = client.post(url, {"reason": "  "}, follow=True)
    assert "Geef een reden" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.is_open
    client.post(url, {"reason": "Het jaarverslag telt iets anders."})
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DECLINED
    assert proposal.decline_reason == "Het jaarverslag telt iets anders."
    assert answer_of(proposal.report).choice == ""


def test_een_netwerklid_neemt_geen_voorstel_aan(client_for, proposal, netwerklid_noord):
    client = client_for(netwerklid_noord)
    for name, data in (
        ("proposal_accept", {"seen_revision": "0"}),
        ("proposal_decline", {"reason": "x"}),
    ):
        response = client.post(
            reverse(f"reports:{name}", args=[proposal.report_id, proposal.pk]), data
        )
        assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.is_open


def test_open_voorstellen_houden_het_voorleggen_tegen(client_for, proposal, rapporteur_friesland):
    readiness = report_readiness(report=proposal.report, step="put_forward")
    assert "voorstellen" in [check.code for check in readiness.blocks]
    client = client_for(rapporteur_friesland)
    url = reverse("reports:transition", args=[proposal.report_id, "put_forward"])
    assert "correctievoorstel" in client.get(url).content.decode()
    client.post(url)
    proposal.report.refresh_from_db()
    assert proposal.report.status == "ter_bespreking"
    proposal_decline(proposal=proposal, user=rapporteur_friesland, reason="Niet nodig.")
    assert report_readiness(report=proposal.report, step="put_forward").ok


def test_een_voorstel_voor_het_antwoord_van_een_regio(
    client_for, make_user, noord_nederland, catalogue_2021
):
    from werkset.accounts.models import Role
    from werkset.reports.services import report_start
    from werkset.rounds.testing import round_opened

    writer = make_user(Role.RAPPORTEUR, network=noord_nederland)
    member = make_user(Role.NETWERKLID, network=noord_nederland)
    round_opened(period="2025", catalogue_version=catalogue_2021)
    report = report_start(
        network=noord_nederland, period="2025", catalogue_version=catalogue_2021, user=writer
    )
    report_transition(report=report, name="submit", user=writer)
    answer = answer_of(report)
    url = add_url(report, answer) + "?regio=friesland"
    assert "Friesland" in client_for(member).get(url).content.decode()
    client_for(member).post(
        url,
        {
            "base_revision": "0",
            "regio": "friesland",
            "choice": "nee",
            "proposal_explanation": "In Friesland niet.",
        },
    )
    proposal = CorrectionProposal.objects.get()
    assert proposal.region.code == "friesland"
    assert proposal.content["choice"] == ""
    assert proposal.content["regional"] == {
        "friesland": {"choice": "nee", "explanation": "", "figures": {}}
    }
    proposal_accept(proposal=proposal, user=writer, seen_revision=0)
    assert answer_of(report).regional["friesland"]["choice"] == "nee"


def test_voorstellen_leveren_hun_gebeurtenis_na_de_commit(
    django_capture_on_commit_callbacks, discussed, netwerklid_noord, rapporteur_friesland
):
    answer = answer_of(discussed)
    make = partial(
        proposal_make,
        answer=answer,
        user=netwerklid_noord,
        content=AnswerContent(choice="ja"),
        explanation="Klopt niet.",
        base_revision=0,
    )
    [made] = delivered(django_capture_on_commit_callbacks, make)
    proposal = CorrectionProposal.objects.get()
    assert made == ProposalMade(
        actor_id=netwerklid_noord.pk,
        report_id=discussed.pk,
        proposal_id=proposal.pk,
        answer_id=answer.pk,
    )
    accept = partial(proposal_accept, proposal=proposal, user=rapporteur_friesland, seen_revision=0)
    [accepted] = delivered(django_capture_on_commit_callbacks, accept)
    assert isinstance(accepted, ProposalAccepted)
    assert accepted.proposed_by_id == netwerklid_noord.pk
    second = make(content=AnswerContent(choice="nee"))
    decline = partial(proposal_decline, proposal=second, user=rapporteur_friesland, reason="Nee.")
    [declined] = delivered(django_capture_on_commit_callbacks, decline)
    assert isinstance(declined, ProposalDeclined)


def test_voorstellen_leveren_niets_na_een_rollback(
    django_capture_on_commit_callbacks, proposal, netwerklid_noord, rapporteur_friesland
):
    answer = answer_of(proposal.report)
    make = partial(
        proposal_make,
        answer=answer,
        user=netwerklid_noord,
        content=AnswerContent(choice="nee"),
        explanation="Klopt niet.",
        base_revision=0,
    )
    assert delivered_after_rollback(django_capture_on_commit_callbacks, make) == []
    accept = partial(proposal_accept, proposal=proposal, user=rapporteur_friesland, seen_revision=0)
    assert delivered_after_rollback(django_capture_on_commit_callbacks, accept) == []
    decline = partial(proposal_decline, proposal=proposal, user=rapporteur_friesland, reason="x")
    assert delivered_after_rollback(django_capture_on_commit_callbacks, decline) == []


def test_de_lengtes_en_revisies_staan_als_gewone_getallen_in_het_formulier(
    client_for, discussed, netwerklid_noord
):
    """Not "5.000" (the Dutch thousands separator): a browser reads maxlength="5.000" as 5
    and cut a proposal's explanation off after five characters."""
    html = client_for(netwerklid_noord).get(add_url(discussed, answer_of(discussed)))
    page = html.content.decode()
    assert 'id="proposal-explanation" rows="3" maxlength="5000"' in page
    assert 'maxlength="20000"' in page
    assert 'maxlength="5.000"' not in page
    assert 'maxlength="20.000"' not in page


def test_de_reden_van_afwijzen_heeft_een_gewone_maximale_lengte(
    client_for, rapporteur_friesland, proposal
):
    page = client_for(rapporteur_friesland).get(
        reverse("reports:detail", args=[proposal.report_id])
    )
    assert 'maxlength="5000" required' in page.content.decode()
