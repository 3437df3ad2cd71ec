"""Every URL as every role: the expected status, checked on the server.

A URL pattern without an entry here fails the test, so no page or endpoint can be
added without deciding who may use it. Each request runs in a savepoint that is
rolled back, so the roles see the same state: each role logs in once, and every request
is made by a new client holding that session's cookie (the session row is rolled back
with the rest, so it is the same session as after a fresh log-in, for a third of the time).
"""

from datetime import timedelta
from http.cookies import SimpleCookie

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from rest_framework.test import APIClient

from werkset.accounts.invitations import token_hash
from werkset.accounts.models import Invitation, Role
from werkset.accounts.testing import force_login_verified
from werkset.api.services import api_token_create
from werkset.documents.models import Document, DocumentStatus, SynthesisDocument
from werkset.improvement.tests.factories import matrix_objects
from werkset.inventories.demo import INSTRUMENT_FILE
from werkset.inventories.services import inventory_load
from werkset.notifications import kinds
from werkset.notifications.services import notify
from werkset.outputs.models import ImportStatus, WorkbookImport
from werkset.regions.models import Organisation, RegionalNetwork
from werkset.register.models import AgreedAction, CaseDiscussion, Meeting
from werkset.reports.models import (
    Answer,
    Comment,
    CorrectionProposal,
    PracticeItem,
    ReportSection,
)
from werkset.reports.services import report_start
from werkset.reports.tests.decide import report_decided
from werkset.reports.undo import report_remove
from werkset.reports.workflow import report_correct, report_transition
from werkset.rounds.models import ReportingRound
from werkset.rounds.testing import round_opened

# A one-pixel PNG, the image of the matrix's practice item.
MATRIX_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)

ROLES = (
    "anoniem",
    "rapporteur",
    "rapporteur-elders",
    "netwerklid",
    "netwerklid-elders",
    "landelijk",
    "beheerder",
    "vaststeller",
    "coordinator",
)

# name: (method, kwargs key, expected status per role in ROLES order). The network's chair
# (vaststeller, issue 19) follows the network's reports as a netwerklid does: a row names
# the vaststeller's status only where it differs (VASTSTELLER below).
# kwargs keys refer to the objects made in the `world` fixture.
OWN = (302, 200, 404, 200, 404, 404, 404)  # a concept of Friesland: own region and network
COMPARE = (302, 200, 200, 200, 200, 200, 403)  # comparisons: every role but a pure beheerder
# Improvement cycle of Noord-Nederland (improvement/rules.py): its people read and write,
# landelijk reads, other networks see nothing, a pure beheerder no content. The peer audit
# in the world is by a third network (Midden-Nederland), so netwerklid-elders is uninvolved.
NETWORK = (302, 200, 404, 200, 404, 200, 403)
NETWORK_POST = (302, 302, 404, 302, 404, 403, 403)
NETWORK_FORM = (302, 400, 404, 400, 404, 403, 403)
AUDITED_NETWERKLID = (302, 403, 404, 302, 404, 403, 403)
AUDITOR_ONLY = (302, 403, 404, 403, 404, 403, 403)
# The account pages (issue 21): the beheerder and the network's coordinator (the person in
# the world is a rapporteur of Friesland, in the coordinator's network); nobody else.
MANAGERS = (302, 403, 403, 403, 403, 403, 200, 403, 200)
MANAGERS_POST = (302, 403, 403, 403, 403, 403, 302, 403, 302)
MANAGERS_FORM = (302, 403, 403, 403, 403, 403, 400, 403, 400)  # an empty form: 400
EVERYONE = (200, 200, 200, 200, 200, 200, 200, 200, 200)
SIGNED_IN = (302, 200, 200, 200, 200, 200, 200, 200, 200)
NATIONAL_ONLY = (302, 403, 403, 403, 403, 200, 403)
REGISTER_MEMBERS = (302, 200, 403, 200, 403, 403, 403)
INSPIRATION = (302, 302, 404, 302, 404, 403, 404)
# A meeting of another network answers as an unknown one (its number tells nothing).
REGISTER_MEETING = (302, 200, 404, 200, 404, 404, 404)
REGISTER_MEETING_FORM = (302, 400, 404, 400, 404, 404, 404)  # an empty form: 400
MATRIX: dict[str, tuple[str, str, tuple[int, ...]]] = {
    "my_account": ("get", "", SIGNED_IN),
    "password_change": ("get", "", SIGNED_IN),
    "password_reset": ("get", "", EVERYONE),
    "password_reset_done": ("get", "", EVERYONE),
    # A link that does not check out: the page says so (200).
    "password_reset_confirm": ("get", "reset_link", EVERYONE),
    "password_reset_complete": ("get", "", EVERYONE),
    # Whoever holds the link (it is the only key).
    "invitation_accept": ("get", "invitation", EVERYONE),
    "people": ("get", "", MANAGERS),
    "invite": ("get", "", MANAGERS),
    "invite_bulk": ("get", "", MANAGERS),
    "person": ("get", "person", MANAGERS),
    "person_deactivate": ("post", "person", MANAGERS_POST),
    "person_reactivate": ("post", "person", MANAGERS_POST),
    "person_two_factor_reset": ("post", "person", MANAGERS_POST),
    "person_role_add": ("post", "person", MANAGERS_FORM),
    # The confirmation; the POST that revokes has the same rule (one view).
    "person_role_revoke": ("get", "person_role", MANAGERS),
    "invitation_withdraw": ("post", "open_invitation", MANAGERS_POST),
    "home": ("get", "", (302, 200, 200, 200, 200, 200, 200)),
    "login": ("get", "", (200, 302, 302, 302, 302, 302, 302)),
    "logout": ("get", "", (405, 405, 405, 405, 405, 405, 405)),
    # Already verified (or no second step): the step's pages send one on.
    "two_factor_verify": ("get", "", (302, 302, 302, 302, 302, 302, 302)),
    "two_factor": ("get", "", (302, 200, 200, 200, 200, 200, 200)),
    "two_factor_setup": ("get", "", (302, 200, 200, 200, 200, 302, 302)),
    "two_factor_codes": ("get", "", (302, 302, 302, 302, 302, 302, 302)),
    "two_factor_disable": ("post", "", (302, 302, 302, 302, 302, 302, 302)),
    # Single sign-on is off unless configured (accounts/tests/test_oidc.py tests it on).
    "oidc_start": ("get", "", (404, 404, 404, 404, 404, 404, 404)),
    "oidc_callback": ("get", "", (404, 404, 404, 404, 404, 404, 404)),
    "privacy": ("get", "", (200, 200, 200, 200, 200, 200, 200)),
    "catalogue:index": ("get", "", (302, 200, 200, 200, 200, 200, 200)),
    "catalogue:version": ("get", "version", (302, 200, 200, 200, 200, 200, 200)),
    "catalogue:theme": ("get", "theme", (302, 200, 200, 200, 200, 200, 200)),
    "regions:index": ("get", "", (302, 200, 200, 200, 200, 200, 200)),
    "region_workspace": ("get", "region", (302, 200, 200, 200, 200, 200, 200)),
    "network_workspace": ("get", "network", (302, 200, 200, 200, 200, 200, 200)),
    "reports:detail": ("get", "report", OWN),
    "reports:theme": ("get", "report_theme", OWN),
    "reports:answer_save": ("post", "answer", (302, 302, 404, 403, 404, 404, 404)),
    "reports:answer_history": ("get", "answer", OWN),
    "reports:theme_text": ("post", "report_theme", (302, 302, 404, 403, 404, 404, 404)),
    "reports:element_text": ("post", "element", (302, 302, 404, 403, 404, 404, 404)),
    "reports:transition": ("post", "transition", (302, 302, 404, 403, 404, 404, 404)),
    "reports:correct": ("post", "report", (302, 302, 404, 403, 404, 404, 404)),
    "reports:differences": ("get", "report", OWN),
    # Undo without loss (issue 19): the rapporteur removes a concept and restores it.
    "reports:remove": ("get", "report", (302, 200, 404, 403, 404, 404, 404)),
    "reports:restore": ("post", "removed", (302, 302, 404, 404, 404, 404, 404)),
    "reports:comment_add": ("post", "report", (302, 302, 404, 302, 404, 404, 404)),
    "reports:comment_resolve": ("post", "comment", (302, 302, 404, 403, 404, 404, 404)),
    # Correction proposals (ADR 21): the network proposes while the report is under
    # discussion (the world's concept is not: 403), its rapporteur accepts or declines.
    "reports:proposal_add": ("get", "answer", (302, 403, 404, 403, 404, 404, 404)),
    "reports:proposal_accept": ("post", "proposal", (302, 302, 404, 403, 404, 404, 404)),
    "reports:proposal_decline": ("post", "proposal", (302, 302, 404, 403, 404, 404, 404)),
    "reports:item_add": ("get", "item_kind", (302, 200, 404, 403, 404, 404, 404)),
    "reports:item_edit": ("get", "item", (302, 200, 404, 403, 404, 404, 404)),
    "reports:item_delete": ("post", "item", (302, 302, 404, 403, 404, 404, 404)),
    "reports:preview": ("post", "", (302, 200, 200, 200, 200, 200, 200)),
    # The network's story (issue 18): its people read it, the rapporteur writes it.
    "reports:story": ("get", "report", OWN),
    "reports:section_add": ("get", "report", (302, 200, 404, 403, 404, 404, 404)),
    "reports:section_edit": ("get", "section", (302, 200, 404, 403, 404, 404, 404)),
    "reports:section_move": ("post", "section", (302, 302, 404, 403, 404, 404, 404)),
    "reports:section_delete": ("post", "section", (302, 302, 404, 403, 404, 404, 404)),
    # A practice item's image: the report's rule, never a public media URL.
    "reports:practice_image": ("get", "image", OWN),
    "reports:practice_image_upload": ("post", "image", (302, 302, 404, 403, 404, 404, 404)),
    "reports:practice_image_remove": ("post", "image", (302, 302, 404, 403, 404, 404, 404)),
    "outputs:download": ("get", "download", OWN),
    "outputs:print": ("get", "report", OWN),
    "outputs:upload": ("post", "report", (302, 400, 404, 403, 404, 404, 404)),
    # A large workbook being read: only for who may write the region (as the upload).
    "outputs:import_detail": ("get", "workbook_import", (302, 200, 404, 403, 404, 404, 404)),
    "outputs:import_status": ("get", "workbook_import", (302, 200, 404, 403, 404, 404, 404)),
    # A report's documents are the report's: the same rule as outputs:download.
    "documents:request": ("get", "document_format", OWN),
    "documents:detail": ("get", "document", OWN),
    "documents:status": ("get", "document", OWN),
    "documents:download": ("get", "document", OWN),
    "privacy_clear": ("post", "report", (302, 302, 404, 403, 404, 404, 404)),
    "api_tokens": ("get", "", (302, 200, 200, 200, 200, 200, 200)),
    "api_token_revoke": ("post", "token", (302, 302, 404, 404, 404, 404, 404)),
    "admin:index": ("get", "", (302, 302, 302, 302, 302, 302, 200)),
    "comparison:index": ("get", "", COMPARE),
    "comparison:side_by_side": ("get", "", COMPARE),
    "comparison:bandwidth": ("get", "", COMPARE),
    # Without ?figuur= there is no chart (404), but access is still decided first.
    "comparison:bandwidth_svg": ("get", "", (302, 404, 404, 404, 404, 404, 403)),
    "comparison:groups": ("get", "", COMPARE),
    "comparison:maturity": ("get", "", COMPARE),
    "comparison:toetsingskader": ("get", "", COMPARE),
    "comparison:bottlenecks": ("get", "", COMPARE),
    "comparison:over_time": ("get", "", COMPARE),
    "comparison:report_assessment": ("get", "report", (302, 200, 404, 200, 404, 404, 403)),
    "comparison:report_bottlenecks": ("get", "report", (302, 200, 404, 200, 404, 404, 403)),
    # The theme page's assessment: its writer, while the report is open (issue 19).
    "comparison:theme_assessment": ("post", "report_theme", (302, 302, 404, 403, 404, 404, 404)),
    "improvement:index": ("get", "", COMPARE),
    "improvement:network": ("get", "improvement_network", NETWORK),
    "improvement:theme": ("get", "improvement_theme", NETWORK),
    "improvement:swot": ("get", "improvement_theme", NETWORK),
    "improvement:point_add": ("get", "improvement_theme", (302, 200, 404, 200, 404, 403, 403)),
    "improvement:point": ("get", "improvement_point", NETWORK),
    "improvement:point_start": ("post", "improvement_point", NETWORK_POST),
    "improvement:action_add": ("post", "improvement_point", NETWORK_FORM),
    "improvement:action_transition": ("post", "improvement_action", NETWORK_POST),
    "improvement:evaluation_add": ("post", "improvement_point", NETWORK_FORM),
    "improvement:decision_add": ("post", "improvement_point", NETWORK_FORM),
    "improvement:swot_delete": ("post", "improvement_swot_entry", NETWORK_POST),
    "improvement:audit_invite": ("get", "improvement_network", (302, 403, 404, 200, 404, 403, 403)),
    "improvement:audit": ("get", "improvement_audit", NETWORK),
    "improvement:audit_transition": ("post", "improvement_audit_step", AUDITED_NETWERKLID),
    "improvement:finding_add": ("post", "improvement_audit", AUDITOR_ONLY),
    "improvement:audit_conclude": ("post", "improvement_audit", AUDITOR_ONLY),
    "improvement:finding_respond": ("post", "improvement_finding", AUDITED_NETWERKLID),
    "improvement:audit_respond": ("post", "improvement_audit", (302, 403, 404, 400, 404, 403, 403)),
    # Everyone signed in has their own notifications; another's is not found (issue 21).
    "notifications:list": ("get", "", (302, 200, 200, 200, 200, 200, 200)),
    "notifications:read": ("post", "notification", (302, 302, 404, 404, 404, 404, 404)),
    "notifications:read_all": ("post", "", (302, 302, 302, 302, 302, 302, 302)),
    "notifications:preferences": ("get", "", (302, 200, 200, 200, 200, 200, 200)),
    # Reporting rounds (issue 19): the national network opens and closes them and reads the
    # status matrix of every network; nobody else, a pure beheerder neither.
    "rounds:index": ("get", "", NATIONAL_ONLY),
    "rounds:matrix": ("get", "", NATIONAL_ONLY),
    "rounds:matrix_export": ("get", "", NATIONAL_ONLY),
    "rounds:transition": ("post", "round_step", (302, 403, 403, 403, 403, 302, 403)),
    "rounds:deadline": ("post", "round", (302, 403, 403, 403, 403, 302, 403)),
    # The Actieoverleg register (issue 24, register/policy.py): the people of the region's
    # network read and record it; the national role sees its figures, never a meeting.
    "register:index": ("get", "", (302, 200, 200, 200, 200, 200, 403)),
    "register:region": ("get", "register_region", (302, 200, 403, 200, 403, 200, 403)),
    "register:meeting_add": ("get", "register_region", REGISTER_MEMBERS),
    "register:meeting": ("get", "register_meeting", REGISTER_MEETING),
    "register:case_add": ("post", "register_meeting", REGISTER_MEETING_FORM),
    "register:action_add": ("post", "register_case", REGISTER_MEETING_FORM),
    "register:action_done": ("post", "register_action", REGISTER_MEETING_FORM),
    # Taking a figure into the answer: the report's writer (nothing proposed here: 302).
    "register:proposal_accept": ("post", "report", (302, 302, 404, 403, 404, 404, 404)),
    # The catalogue's framing (issue 23): as the catalogue, for everyone signed in.
    "catalogue:framing": ("get", "version", (302, 200, 200, 200, 200, 200, 200)),
    # The national synthesis (issue 22): the national role requests and reads it; nobody else.
    "comparison:synthesis_request": ("post", "", (302, 403, 403, 403, 403, 400, 403)),
    "comparison:synthesis": ("get", "synthesis", NATIONAL_ONLY),
    "comparison:synthesis_status": ("get", "synthesis", NATIONAL_ONLY),
    "comparison:synthesis_download": ("get", "synthesis", NATIONAL_ONLY),
    # National inventories (issue 22): the national role (and researchers it appoints)
    # records; a region's own people read and correct what is recorded about them.
    # Read as the comparisons are (a pure beheerder reads no content); appointing a
    # researcher without choosing one: back to the page with the error (302).
    "inventories:index": ("get", "", COMPARE),
    "inventories:detail": ("get", "inventory", COMPARE),
    "inventories:export": ("get", "inventory_export", COMPARE),
    "inventories:researcher": ("post", "inventory", (302, 403, 403, 403, 403, 302, 403)),
    "inventories:region": ("get", "inventory_region", COMPARE),
    "api:inventarisatie-list": ("get", "", (401, 200, 200, 200, 200, 200, 200)),
    "api:inventarisatie-detail": ("get", "inventory", (401, 200, 200, 200, 200, 200, 404)),
    # The kennisbank (issue 24): every signed-in role searches; the network's people link
    # inspiration to their own improvement point (no item chosen, none linked: back to the
    # point with the error, 302); who cannot read the network's cycle gets 404.
    "knowledge:search": ("get", "", SIGNED_IN),
    "knowledge:inspiration_add": ("post", "improvement_point", INSPIRATION),
    "knowledge:inspiration_remove": ("post", "inspiration", INSPIRATION),
    "healthz": ("get", "", (200, 200, 200, 200, 200, 200, 200)),
    "accessibility": ("get", "", (200, 200, 200, 200, 200, 200, 200)),
    "security_txt": ("get", "", (404, 404, 404, 404, 404, 404, 404)),
    "readyz": ("get", "", (200, 200, 200, 200, 200, 200, 200)),
    "api:openapi": ("get", "", (401, 200, 200, 200, 200, 200, 200)),
    "api:schema": ("get", "", (401, 200, 200, 200, 200, 200, 200)),
    "api:docs": ("get", "", (302, 200, 200, 200, 200, 200, 200)),
    "api:api-root": ("get", "", (401, 200, 200, 200, 200, 200, 200)),
    "api:catalogusversie-list": ("get", "", (401, 200, 200, 200, 200, 200, 200)),
    "api:catalogusversie-detail": ("get", "version", (401, 200, 200, 200, 200, 200, 200)),
    "api:regio-list": ("get", "", (401, 200, 200, 200, 200, 200, 200)),
    "api:regio-detail": ("get", "region", (401, 200, 200, 200, 200, 200, 200)),
    "api:rapportage-list": ("get", "", (401, 200, 200, 200, 200, 200, 200)),
    "api:rapportage-detail": ("get", "api_report", (401, 200, 404, 200, 404, 404, 404)),
    "api:rapportage-submit": ("post", "api_report", (401, 200, 404, 403, 404, 404, 404)),
    "api:rapportage-reopen": ("post", "api_report", (401, 409, 404, 403, 404, 404, 404)),
    "api:rapportage-finalise": ("post", "api_report", (401, 403, 404, 403, 404, 404, 404)),
    "api:rapportage-send-back": ("post", "api_report", (401, 403, 404, 403, 404, 404, 404)),
    "api:rapportage-put-forward": ("post", "api_report", (401, 409, 404, 403, 404, 404, 404)),
    "api:rapportage-take-back": ("post", "api_report", (401, 409, 404, 403, 404, 404, 404)),
    # A new version needs its reason (issue 19): without one in the body, 400.
    "api:rapportage-correct": ("post", "api_report", (401, 400, 404, 403, 404, 404, 404)),
    "api:rapportage-answer": ("get", "api_answer", (401, 200, 404, 200, 404, 404, 404)),
    # A report's assessments (issue 22): whoever may see the report.
    "api:rapportage-assessments": ("get", "api_report", (401, 200, 404, 200, 404, 404, 404)),
    "api:rapportage-remove": ("post", "api_report", (401, 204, 404, 403, 404, 404, 404)),
    "api:rapportage-restore": ("post", "api_removed", (401, 200, 404, 404, 404, 404, 404)),
    # Only the national role withdraws a finalised report: without a reason, 400.
    "api:rapportage-withdraw": ("post", "api_final", (401, 403, 403, 403, 403, 400, 403)),
    "api:rapportage-proposals": ("get", "api_report", (401, 200, 404, 200, 404, 404, 404)),
    # Without a body: 400 for the rapporteur, who may; 403 for a network member, who may not.
    "api:rapportage-proposal-accept": ("post", "api_proposal", (401, 400, 404, 403, 404, 404, 404)),
    "api:rapportage-proposal-decline": (
        "post",
        "api_proposal",
        (401, 400, 404, 403, 404, 404, 404),
    ),
}


# Where the network's chair differs from a network member (the concept in the world is
# under discussion, so the chair's own moves are not possible on it: 409).
VASTSTELLER: dict[str, int] = {
    # Peer audits are the network members' work (improvement/rules.py), not the chair's.
    "improvement:audit_invite": 403,
    "improvement:audit_transition": 403,
    "improvement:finding_respond": 403,
    "improvement:audit_respond": 403,
    # The chair may record a decision: without one in the body the API answers 400.
    "api:rapportage-finalise": 400,
    "api:rapportage-send-back": 400,
}


# A pure coordinator (issue 21) manages the network's accounts and reads what every role
# reads, as a pure beheerder does, without the admin screens.
COORDINATOR: dict[str, int] = {"admin:index": 302}


def expected_statuses(name: str, expected: tuple[int, ...]) -> tuple[int, ...]:
    if len(expected) == len(ROLES):
        return expected
    if len(expected) == len(ROLES) - 2:
        expected = (*expected, VASTSTELLER.get(name, expected[ROLES.index("netwerklid")]))
    return (*expected, COORDINATOR.get(name, expected[ROLES.index("beheerder")]))


def session_cookies(users: dict, log_in) -> dict[str, SimpleCookie]:
    """Each role's cookies after one log-in (anoniem: none)."""
    cookies = {}
    for role, user in users.items():
        client = Client()
        if user is not None:
            log_in(client, user)
        cookies[role] = client.cookies
    return cookies


def client_as(name: str, cookies: SimpleCookie) -> Client:
    """A new client (an API client for the API) with a copy of a role's cookies."""
    client = APIClient() if name.startswith("api:") else Client()
    client.cookies = SimpleCookie({key: morsel.value for key, morsel in cookies.items()})
    return client


def all_url_names(resolver=None, namespace=""):
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= all_url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


@pytest.fixture
def media(settings, tmp_path):
    """Documents (documents:download) in a temporary file storage."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(
    media,
    report,
    rapporteur_friesland,
    make_user,
    utrecht,
    netwerklid_noord,
    netwerklid_oost,
    landelijk,
    beheerder,
):
    """A finalised Friesland report with a concept correction (v2) and things inside it."""
    report_transition(report=report, name="submit", user=rapporteur_friesland)
    report_decided(report, rapporteur_friesland)
    round_opened(period="2023", catalogue_version=report.catalogue_version)
    removed = report_start(
        region=report.region,
        period="2023",
        catalogue_version=report.catalogue_version,
        user=rapporteur_friesland,
    )
    report_remove(report=removed, user=rapporteur_friesland)
    auditor = make_user(
        Role.NETWERKLID, network=RegionalNetwork.objects.get(code="midden-nederland")
    )
    improvement = matrix_objects(report=report, netwerklid=netwerklid_noord, auditor=auditor)
    # The audit is of version 1 before version 2 replaces it (issue 19).
    concept = report_correct(report=report, user=rapporteur_friesland, reason="Cijfers aangevuld")
    answer = Answer.objects.get(
        report=concept, indicator__key="acuut.ontwikkel.voorlichting-politie"
    )
    theme = concept.catalogue_version.themes.get(key="acuut")
    comment = Comment.objects.create(
        report=concept, answer=answer, theme=theme, kind="opmerking", text="x", author_name="x"
    )
    proposal = CorrectionProposal.objects.create(
        report=concept,
        answer=answer,
        content={"choice": "ja", "explanation": "", "figures": {}, "perspectives": {}},
        base_revision=answer.revision,
        explanation="x",
        author=netwerklid_noord,
        author_name="x",
    )
    item = PracticeItem.objects.create(
        report=concept, theme=theme, kind="anders", title="T", text="t"
    )
    item.image.save("matrix.png", ContentFile(MATRIX_PNG))
    section = ReportSection.objects.create(
        report=concept, is_chapter=True, theme=theme, title="Eigen hoofdstuk"
    )
    token, _key = api_token_create(user=rapporteur_friesland, name="matrix")
    [notification] = notify(
        kind=kinds.REPORT_SUBMITTED,
        recipients=[rapporteur_friesland],
        values={"unit": "Friesland", "period": "2025"},
        url=concept.get_workspace_url(),
    )
    document = Document.objects.create(
        report=concept,
        report_number=concept.number,
        report_status=concept.status,
        format="pdf",
        status=DocumentStatus.READY,
    )
    document.file.save("matrix.pdf", ContentFile(b"%PDF-1.7 matrix"))
    workbook_import = WorkbookImport.objects.create(
        report=concept,
        requested_by=rapporteur_friesland,
        filename="matrix.xlsx",
        size=1,
        status=ImportStatus.DONE,
    )
    users = {
        "anoniem": None,
        "rapporteur": rapporteur_friesland,
        "rapporteur-elders": make_user(Role.RAPPORTEUR, region=utrecht),
        "netwerklid": netwerklid_noord,
        "netwerklid-elders": netwerklid_oost,
        "landelijk": landelijk,
        "beheerder": beheerder,
        "vaststeller": make_user(
            Role.VASTSTELLER, network=RegionalNetwork.objects.get(code="noord-nederland")
        ),
        "coordinator": make_user(
            Role.COORDINATOR, network=RegionalNetwork.objects.get(code="noord-nederland")
        ),
    }
    invitation = Invitation.objects.create(
        email="matrix@example.nl",
        first_name="M",
        last_name="X",
        role=Role.RAPPORTEUR,
        region=report.region,
        token_hash=token_hash("matrix-uitnodiging"),
        expires_at=timezone.now() + timedelta(days=1),
    )
    meeting = Meeting.objects.create(
        region=report.region, held_on=timezone.localdate(), form="fysiek"
    )
    case = CaseDiscussion.objects.create(
        meeting=meeting,
        number=1,
        brought_by=Organisation.objects.get(code="vt"),
        days_to_discussion=3,
    )
    action = AgreedAction.objects.create(
        case=case,
        organisation=case.brought_by,
        intervention="risicotaxatie",
        due_on=meeting.held_on,
    )
    inventory = inventory_load(path=INSTRUMENT_FILE)[0]
    synthesis = SynthesisDocument.objects.create(
        period=concept.period,
        catalogue_version=concept.catalogue_version,
        format="pdf",
        status=DocumentStatus.READY,
    )
    synthesis.file.save("synthese.pdf", ContentFile(b"%PDF-1.7 synthese"))
    version = concept.catalogue_version.slug
    reporting_round = ReportingRound.objects.get(period=concept.period)
    kwargs = {
        "": {},
        "version": {"slug": version},
        "theme": {"slug": version, "theme_key": "acuut"},
        "region": {"code": "friesland"},
        "network": {"code": "noord-nederland"},
        "report": {"report_id": concept.pk},
        "report_theme": {"report_id": concept.pk, "theme_key": "acuut"},
        "element": {"report_id": concept.pk, "theme_key": "acuut", "element_key": "waarde"},
        "answer": {"report_id": concept.pk, "answer_id": answer.pk},
        "transition": {"report_id": concept.pk, "name": "reopen"},
        "comment": {"report_id": concept.pk, "comment_id": comment.pk},
        "proposal": {"report_id": concept.pk, "proposal_id": proposal.pk},
        "api_proposal": {"pk": concept.pk, "proposal": proposal.pk},
        "item_kind": {"report_id": concept.pk, "theme_key": "acuut", "kind": "praktijk"},
        "item": {
            "report_id": concept.pk,
            "theme_key": "acuut",
            "kind": "praktijk",
            "item_id": item.pk,
        },
        "section": {"report_id": concept.pk, "section_id": section.pk},
        "image": {"report_id": concept.pk, "item_id": item.pk},
        "download": {"report_id": concept.pk, "fmt": "json"},
        "document_format": {"report_id": concept.pk, "fmt": "pdf"},
        "document": {"report_id": concept.pk, "document_id": document.pk},
        "workbook_import": {"report_id": concept.pk, "import_id": workbook_import.pk},
        "token": {"token_id": token.pk},
        "notification": {"notification_id": notification.pk},
        "api_report": {"pk": concept.pk},
        "person": {"user_id": rapporteur_friesland.pk},
        "person_role": {
            "user_id": rapporteur_friesland.pk,
            "assignment_id": rapporteur_friesland.role_assignments.get().pk,
        },
        "open_invitation": {"invitation_id": invitation.pk},
        "invitation": {"token": "matrix-uitnodiging"},
        "reset_link": {"uidb64": "MA", "token": "matrix-token"},
        "api_final": {"pk": report.pk},
        "removed": {"report_id": removed.pk},
        "api_removed": {"pk": removed.pk},
        "api_answer": {"pk": concept.pk, "indicator": "acuut.ontwikkel.voorlichting-politie"},
        "round": {"round_id": reporting_round.pk},
        "round_step": {"round_id": reporting_round.pk, "name": "close"},
        "register_region": {"code": "friesland"},
        "inventory": {"slug": inventory.slug},
        "inventory_export": {"slug": inventory.slug, "fmt": "csv"},
        "inventory_region": {"slug": inventory.slug, "code": "friesland"},
        "synthesis": {"document_id": synthesis.pk},
        # No inspiration is linked in the world: who may unlink gets 404, others are refused.
        "inspiration": {
            "point_id": improvement["improvement_point"]["point_id"],
            "inspiration_id": 999999,
        },
        "register_meeting": {"meeting_id": meeting.pk},
        "register_case": {"meeting_id": meeting.pk, "case_id": case.pk},
        "register_action": {"meeting_id": meeting.pk, "action_id": action.pk},
    } | improvement
    return users, kwargs


def test_elke_url_staat_in_de_matrix():
    names = {
        name for name in all_url_names() if not name.startswith("admin:") or name == "admin:index"
    }
    missing = sorted(names - set(MATRIX))
    assert not missing, f"URL's zonder rechtenregel in de matrix: {missing}"


@pytest.mark.django_db
def test_elke_rol_krijgt_de_verwachte_status(world):
    users, kwargs = world
    cookies = session_cookies(users, force_login_verified)
    mismatches = []
    for name, (method, key, expected) in MATRIX.items():
        url = reverse(name, kwargs=kwargs[key])
        for role, status in zip(ROLES, expected_statuses(name, expected), strict=True):
            client = client_as(name, cookies[role])
            with transaction.atomic():
                response = getattr(client, method)(url)
                transaction.set_rollback(True)
            if response.status_code != status:
                mismatches.append(f"{name} als {role}: {response.status_code}, verwacht {status}")
    assert not mismatches, "\n".join(mismatches)


@pytest.mark.django_db
def test_landelijk_zonder_tweede_stap_bereikt_alleen_die_stap(world):
    """With only the password, a role that needs a second step reaches nothing else."""
    users, kwargs = world
    open_pages = {
        "login",
        "logout",
        "privacy",
        "two_factor_verify",
        "two_factor_setup",
        "oidc_start",
        "oidc_callback",
        "healthz",
        "readyz",
        "accessibility",
        "security_txt",
    }
    # The password step only.
    cookies = session_cookies(
        {role: users[role] for role in ("landelijk", "beheerder", "coordinator")},
        lambda client, user: client.force_login(user),
    )
    leaks = []
    for role in ("landelijk", "beheerder", "coordinator"):
        for name, (method, key, _expected) in MATRIX.items():
            if name in open_pages:
                continue
            client = client_as(name, cookies[role])
            with transaction.atomic():
                response = getattr(client, method)(reverse(name, kwargs=kwargs[key]))
                transaction.set_rollback(True)
            stopped = (
                response.status_code == 403
                if name.startswith("api:")
                else response.status_code == 302
                and response["Location"].startswith(reverse("two_factor_setup"))
            )
            if not stopped:
                leaks.append(f"{name} als {role}: {response.status_code}")
    assert not leaks, "\n".join(leaks)
