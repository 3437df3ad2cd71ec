"""The register through its pages: who records, who reads, and what the national role sees."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from werkset.core.events import listening
from werkset.core.models import AuditEvent
from werkset.register.events import ActionCarriedOut, MeetingRecorded
from werkset.register.models import AgreedAction, CaseDiscussion, Meeting

from .factories import case_made, meeting_made

pytestmark = pytest.mark.django_db

LAST_WEEK = timezone.localdate() - datetime.timedelta(days=7)


def meeting_post(**changes):
    data = {
        "held_on": LAST_WEEK.isoformat(),
        "form": "hybride",
        "note": "Agenda gevolgd; werkwijze voor spoedcasussen besproken.",
        "aanwezig-vt": "vast",
        "aanwezig-politie": "vast",
        "aanwezig-om": "op_afroep",
        "aanwezig-rvdk": "afwezig",
    }
    return data | changes


def test_netwerklid_legt_een_overleg_vast(
    client_for, netwerklid_noord, friesland, django_capture_on_commit_callbacks
):
    with listening(MeetingRecorded) as heard, django_capture_on_commit_callbacks(execute=True):
        response = client_for(netwerklid_noord).post(
            reverse("register:meeting_add", args=["friesland"]), meeting_post()
        )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("register:meeting", args=[meeting.pk])
    assert meeting.attendance.get(organisation__code="om").presence == "op_afroep"
    assert [event.meeting_id for event in heard] == [meeting.pk]
    assert AuditEvent.objects.filter(action="register_meeting_recorded").exists()


def test_een_overleg_in_de_toekomst_wordt_geweigerd(client_for, netwerklid_noord, friesland):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client_for(netwerklid_noord).post(
        reverse("register:meeting_add", args=["friesland"]),
        meeting_post(held_on=tomorrow.isoformat()),
    )
    assert response.status_code == 400
    assert "niet in de toekomst" in response.content.decode()
    assert not Meeting.objects.exists()


def test_een_te_lange_notitie_wordt_geweigerd(client_for, netwerklid_noord, friesland):
    response = client_for(netwerklid_noord).post(
        reverse("register:meeting_add", args=["friesland"]), meeting_post(note="x" * 2001)
    )
    assert response.status_code == 400
    assert not Meeting.objects.exists()


def test_een_ander_netwerk_legt_niets_vast(client_for, netwerklid_oost, friesland):
    response = client_for(netwerklid_oost).post(
        reverse("register:meeting_add", args=["friesland"]), meeting_post()
    )
    assert response.status_code == 403
    assert not Meeting.objects.exists()


def test_casus_krijgt_het_volgende_nummer(client_for, netwerklid_noord, friesland):
    meeting = meeting_made(region=friesland, user=netwerklid_noord, held_on=LAST_WEEK)
    client = client_for(netwerklid_noord)
    url = reverse("register:case_add", args=[meeting.pk])
    for days in ("3", "9"):
        client.post(
            url,
            {
                "casus-brought_by": "politie",
                "casus-days_to_discussion": days,
                "casus-interventions": ["risicotaxatie", "huisverbod"],
            },
        )
    assert list(CaseDiscussion.objects.values_list("number", "days_to_discussion")) == [
        (1, 3),
        (2, 9),
    ]


def test_onbekende_interventie_wordt_geweigerd(client_for, netwerklid_noord, friesland):
    meeting = meeting_made(region=friesland, user=netwerklid_noord, held_on=LAST_WEEK)
    response = client_for(netwerklid_noord).post(
        reverse("register:case_add", args=[meeting.pk]),
        {
            "casus-brought_by": "politie",
            "casus-days_to_discussion": "3",
            "casus-interventions": ["naam-van-de-moeder"],
        },
    )
    assert response.status_code == 400
    assert not CaseDiscussion.objects.exists()


def test_actie_afgesproken_en_uitgevoerd(
    client_for, netwerklid_noord, friesland, django_capture_on_commit_callbacks
):
    meeting = meeting_made(region=friesland, user=netwerklid_noord, held_on=LAST_WEEK)
    case_made(meeting=meeting, user=netwerklid_noord, days=4)
    client = client_for(netwerklid_noord)
    case_id = CaseDiscussion.objects.get().pk
    prefix = f"actie-{case_id}"
    client.post(
        reverse("register:action_add", args=[meeting.pk, case_id]),
        {
            f"{prefix}-organisation": "om",
            f"{prefix}-intervention": "strafrechtelijk-onderzoek",
            f"{prefix}-due_on": (LAST_WEEK + datetime.timedelta(days=3)).isoformat(),
        },
    )
    action = AgreedAction.objects.get()
    with listening(ActionCarriedOut) as heard, django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("register:action_done", args=[meeting.pk, action.pk]),
            {
                f"uitgevoerd-{action.pk}-done_on": (
                    LAST_WEEK + datetime.timedelta(days=2)
                ).isoformat()
            },
        )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.on_time
    assert heard[0].on_time is True


def test_een_actie_is_maar_een_keer_uitgevoerd(client_for, netwerklid_noord, friesland):
    meeting = meeting_made(region=friesland, user=netwerklid_noord, held_on=LAST_WEEK)
    [action] = case_made(meeting=meeting, user=netwerklid_noord, days=2, actions=[("vt", 5, 1)])
    response = client_for(netwerklid_noord).post(
        reverse("register:action_done", args=[meeting.pk, action.pk]),
        {f"uitgevoerd-{action.pk}-done_on": LAST_WEEK.isoformat()},
    )
    assert response.status_code == 400
    assert "al als uitgevoerd" in response.content.decode()
    action.refresh_from_db()
    assert action.done_on == LAST_WEEK + datetime.timedelta(days=1)


def test_landelijk_ziet_cijfers_maar_geen_notities(
    client_for, netwerklid_noord, landelijk, friesland
):
    meeting_made(
        region=friesland,
        user=netwerklid_noord,
        held_on=LAST_WEEK,
        note="Afgesproken: voortaan start het overleg met de spoedcasussen.",
    )
    client = client_for(landelijk)
    page = client.get(reverse("register:region", args=["friesland"]) + f"?jaar={LAST_WEEK.year}")
    assert page.status_code == 200
    assert "spoedcasussen" not in page.content.decode()
    assert "Gehouden overleggen" in page.content.decode()
    meeting = Meeting.objects.get()
    assert client.get(reverse("register:meeting", args=[meeting.pk])).status_code == 404


def test_overleg_van_een_ander_netwerk_bestaat_niet(
    client_for, netwerklid_noord, netwerklid_oost, friesland
):
    """Another network's meeting answers as an unknown one: its number tells nothing."""
    meeting = meeting_made(region=friesland, user=netwerklid_noord, held_on=LAST_WEEK)
    client = client_for(netwerklid_oost)
    assert client.get(reverse("register:meeting", args=[meeting.pk])).status_code == 404
    case = client.post(reverse("register:case_add", args=[meeting.pk]), {"brought_by": "politie"})
    assert case.status_code == 404
    assert not meeting.cases.exists()


def test_achterstallige_acties_op_de_startpagina(client_for, netwerklid_noord, friesland):
    meeting = meeting_made(region=friesland, user=netwerklid_noord, held_on=LAST_WEEK)
    case_made(meeting=meeting, user=netwerklid_noord, days=2, actions=[("politie", 2, None)])
    page = client_for(netwerklid_noord).get(reverse("home")).content.decode()
    assert "1 actie uit het Actieoverleg is te laat" in page
    assert reverse("register:meeting", args=[meeting.pk]) in page


def test_anderen_zien_geen_achterstallige_acties(
    client_for, netwerklid_noord, netwerklid_oost, friesland
):
    meeting = meeting_made(region=friesland, user=netwerklid_noord, held_on=LAST_WEEK)
    case_made(meeting=meeting, user=netwerklid_noord, days=2, actions=[("politie", 2, None)])
    page = client_for(netwerklid_oost).get(reverse("home")).content.decode()
    assert "Actieoverleg is te laat" not in page
