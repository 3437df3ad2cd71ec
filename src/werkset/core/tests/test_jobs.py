"""The one table of moves for background jobs (core.jobs): finished jobs move nowhere."""

import pytest

from werkset.core.jobs import JobKind
from werkset.documents.models import DOCUMENT_JOB, DocumentStatus
from werkset.outputs.models import IMPORT_JOB, ImportStatus


@pytest.mark.parametrize(
    ("kind", "finished"),
    [
        (DOCUMENT_JOB, [DocumentStatus.READY, DocumentStatus.FAILED]),
        (IMPORT_JOB, [ImportStatus.DONE, ImportStatus.REFUSED, ImportStatus.FAILED]),
    ],
)
def test_een_afgeronde_taak_gaat_nergens_meer_heen(kind: JobKind, finished):
    for status in finished:
        assert not kind.moves.get(status)
        assert status not in kind.sources(kind.queued)
        assert status not in kind.sources(kind.failed)
        assert status not in kind.sources(kind.running)


def test_alleen_een_bezige_taak_mislukt_of_gaat_terug_in_de_wachtrij():
    assert DOCUMENT_JOB.sources(DocumentStatus.FAILED) == [DocumentStatus.RUNNING]
    assert DOCUMENT_JOB.sources(DocumentStatus.QUEUED) == [DocumentStatus.RUNNING]
    assert IMPORT_JOB.sources(ImportStatus.DONE) == [ImportStatus.RUNNING]
    assert sorted(IMPORT_JOB.sources(ImportStatus.RUNNING)) == [
        ImportStatus.QUEUED,
        ImportStatus.RUNNING,
    ]
