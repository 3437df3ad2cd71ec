"""The domain event mechanism: delivered once after the commit, never after a rollback, and
a failing receiver neither stops the others nor the request."""

from dataclasses import dataclass

import pytest
from django.db import transaction

from werkset.core.events import DomainEvent, emit, listening, subscribe, unsubscribe
from werkset.core.testing import Rollback


@dataclass(frozen=True, kw_only=True)
class Happened(DomainEvent):
    what: str


@dataclass(frozen=True, kw_only=True)
class HappenedToo(Happened):
    pass


pytestmark = pytest.mark.django_db


def test_pas_na_de_commit_afgeleverd(django_capture_on_commit_callbacks):
    with listening(Happened) as heard, django_capture_on_commit_callbacks(execute=True):
        emit(Happened(actor_id=None, what="x"))
        assert heard == []
    assert heard == [Happened(actor_id=None, what="x")]


def test_na_terugdraaien_niets_afgeleverd(django_capture_on_commit_callbacks):
    def roll_back() -> None:
        with transaction.atomic():
            emit(Happened(actor_id=None, what="x"))
            raise Rollback

    with (
        listening(Happened) as heard,
        django_capture_on_commit_callbacks(execute=True) as hooks,
        pytest.raises(Rollback),
    ):
        roll_back()
    assert heard == []
    assert hooks == []


@pytest.mark.django_db(transaction=True)
def test_in_een_echte_transactie_eenmaal_na_de_commit():
    with listening(Happened) as heard:
        with transaction.atomic():
            emit(Happened(actor_id=None, what="x"))
            assert heard == []
        assert heard == [Happened(actor_id=None, what="x")]


def test_een_ontvanger_van_de_basisklasse_hoort_de_subklassen(django_capture_on_commit_callbacks):
    with listening(DomainEvent) as heard, django_capture_on_commit_callbacks(execute=True):
        emit(HappenedToo(actor_id=None, what="y"))
    assert heard == [HappenedToo(actor_id=None, what="y")]


def test_een_falende_ontvanger_wordt_gelogd_en_de_rest_gaat_door(
    django_capture_on_commit_callbacks, caplog
):
    def broken(event: Happened) -> None:
        raise RuntimeError("kapot")

    subscribe(Happened, broken)
    try:
        with listening(Happened) as heard, django_capture_on_commit_callbacks(execute=True):
            emit(Happened(actor_id=None, what="x"))
    finally:
        unsubscribe(Happened, broken)
    assert heard == [Happened(actor_id=None, what="x")]
    assert "kapot" in caplog.text


def test_twee_keer_aanmelden_levert_een_keer_af(django_capture_on_commit_callbacks):
    heard: list[Happened] = []
    subscribe(Happened, heard.append)
    subscribe(Happened, heard.append)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            emit(Happened(actor_id=None, what="x"))
    finally:
        unsubscribe(Happened, heard.append)
    assert len(heard) == 1
