"""Saving answers at the same time: saves of one report go on together, a status change waits.

Row locks are PostgreSQL's; SQLite takes the whole database for each writing transaction, so
these tests run in the PostgreSQL pass of the suite (make test runs both).
"""

import threading

import pytest
from django.db import OperationalError, connection, transaction

from werkset.reports.answers import AnswerContent
from werkset.reports.models import Answer, Report, ReportStatus
from werkset.reports.services import _answer_held, answer_save
from werkset.reports.workflow import report_transition

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks: the PostgreSQL pass tests them"
    ),
]


class HeldSave:
    """A save of one answer, in another connection, stopped while it holds its locks."""

    def __init__(self, answer: Answer) -> None:
        self.answer = answer
        self.locked = threading.Event()
        self.release = threading.Event()
        self.thread = threading.Thread(target=self._run)

    def _run(self) -> None:
        try:
            with transaction.atomic():
                _answer_held(self.answer)
                self.locked.set()
                self.release.wait(timeout=10)
        finally:
            connection.close()

    def __enter__(self) -> "HeldSave":
        self.thread.start()
        assert self.locked.wait(timeout=10)
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self.thread.join(timeout=10)


def _lock_timeout() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL lock_timeout = '1s'")


def _submit_within_a_second(report: Report, user: object) -> None:
    with transaction.atomic():
        _lock_timeout()
        report_transition(report=report, name="submit", user=user)  # type: ignore[arg-type]


def test_een_ander_antwoord_van_dezelfde_rapportage_wacht_niet(report, rapporteur_friesland):
    first, second = Answer.objects.filter(report=report).order_by("pk")[:2]
    with HeldSave(first), transaction.atomic():
        _lock_timeout()
        _saved, changed = answer_save(
            answer=second,
            content=AnswerContent(choice="onbekend"),
            base_revision=second.revision,
            user=rapporteur_friesland,
        )
    assert changed
    assert Answer.objects.get(pk=second.pk).choice == "onbekend"


def test_een_statuswijziging_wacht_op_het_opslaan(report, rapporteur_friesland):
    answer = Answer.objects.filter(report=report).first()
    with HeldSave(answer), pytest.raises(OperationalError):
        _submit_within_a_second(report, rapporteur_friesland)
    assert Report.objects.get(pk=report.pk).status == ReportStatus.CONCEPT
