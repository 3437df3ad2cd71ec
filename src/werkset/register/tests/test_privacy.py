"""The meeting's note passes the privacy guard, measured with the guard's own test texts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from werkset.privacy.tests.test_corpus import ORDINARY, PLANTED
from werkset.register.models import Meeting
from werkset.register.services import PersonalDataRefused, meeting_record, note_refusal

from .factories import CORE

LAST_WEEK = timezone.localdate() - datetime.timedelta(days=7)


@pytest.mark.parametrize(("kind", "planted", "sentence"), PLANTED)
def test_elk_geplant_persoonsgegeven_wordt_geweigerd(kind, planted, sentence):
    assert note_refusal(sentence.format(planted)) is not None


def test_gewone_zinnen_komen_grotendeels_door():
    # The guard's own bound (privacy/tests/test_corpus.py): at most 10 % flagged.
    refused = [text for text in ORDINARY if note_refusal(text)]
    assert len(refused) <= len(ORDINARY) // 10


@pytest.mark.django_db
def test_weigering_slaat_niets_op_en_zegt_waarom(client_for, netwerklid_noord, friesland):
    _kind, planted, sentence = PLANTED[9]  # a phone number
    response = client_for(netwerklid_noord).post(
        reverse("register:meeting_add", args=["friesland"]),
        {
            "held_on": LAST_WEEK.isoformat(),
            "form": "fysiek",
            "note": sentence.format(planted),
            **{f"aanwezig-{code}": presence for code, presence in CORE.items()},
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "niet opgeslagen" in page
    assert planted in page
    assert not Meeting.objects.exists()


@pytest.mark.django_db
def test_de_service_weigert_ook_zonder_formulier(netwerklid_noord, friesland):
    _kind, planted, sentence = PLANTED[-1]
    with pytest.raises(PersonalDataRefused):
        meeting_record(
            region=friesland,
            held_on=LAST_WEEK,
            form="digitaal",
            attendance=CORE,
            note=sentence.format(planted),
            user=netwerklid_noord,
        )
    assert not Meeting.objects.exists()
