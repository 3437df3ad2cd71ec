"""The national synthesis in the benchmark (issue 22, item 5): the worker's task for the
period of every region's finalised report, timed from claim to stored file.

The task runs in this process as a worker process runs it (`apply` executes the task's own
code: claim, make, store), one document at a time, as the production worker unit does
(one process; ADR 0016)."""

import tempfile
import time
from typing import Any

from django.test import override_settings

from werkset.documents.models import DocumentStatus, SynthesisDocument
from werkset.documents.tasks import synthesis_render

from .data import BenchData
from .measure import page_count

SYNTHESIS_SECONDS = 30.0  # issue 22: made in under 30 s for 25 regions


def synthesis_times(
    data: BenchData, *, formats: tuple[str, ...] = ("pdf", "docx")
) -> dict[str, Any]:
    """Seconds per format, the PDF's pages, and whether every one was made."""
    result: dict[str, Any] = {"period": data.period, "made": True}
    with (
        tempfile.TemporaryDirectory(prefix="werkset-synthese-") as media,
        override_settings(MEDIA_ROOT=media),
    ):
        for fmt in formats:
            document = SynthesisDocument.objects.create(
                period=data.period,
                catalogue_version=data.catalogue,
                format=fmt,
                requested_by=data.landelijk,
                stamp="bench",
            )
            start = time.perf_counter()
            synthesis_render.apply(args=[document.pk])
            result[f"{fmt}_seconds"] = time.perf_counter() - start
            document.refresh_from_db()
            result["made"] = result["made"] and document.status == DocumentStatus.READY
            if fmt == "pdf" and document.file:
                with document.file.open("rb") as handle:
                    result["pdf_pages"] = page_count(handle.read())
            document.file.delete(save=False)
            document.delete()
    return result
