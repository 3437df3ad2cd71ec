"""Limits an uploaded file must keep before anything parses it (issue 17, finding 4).

An 8.6 MB workbook of 3 million cells took openpyxl 103 s and 1.3 GB, and three at once
took the server down. So a workbook is refused, with a Dutch message that names the limit
and before openpyxl builds it, when:

- the file is larger than WERKSET_UPLOAD_MAX_MB;
- it is not a zip, or its table of contents (read with `zipfile`, nothing is unpacked)
  declares more than WERKSET_UPLOAD_MAX_UNZIPPED_MB in all, too many entries, or an entry
  that packs suspiciously well (a zip bomb); zipfile never unpacks more than an entry
  declares, so the declared sizes bound what the later parse reads;
- a sheet has more rows or columns, or the workbook more cells, than a workbook werkset
  makes for one report could have (one row per indicator, a few dozen columns), counted
  while expat streams the parts (every part, whatever its name), with a hard stop, so a
  false <dimension> or a sheet renamed to .bin does not help; and all parts together
  hold more XML elements than such a workbook could (shared strings, styles).

A JSON archive larger than WERKSET_ARCHIVE_MAX_MB is refused before json.loads.
"""

import io
import zipfile
from typing import Any
from xml.parsers import expat

from django.conf import settings
from django.utils.translation import gettext as _

from .problems import ImportRefused, refused

MEGABYTE = 1024 * 1024

# A workbook werkset makes for one report: one row per indicator of a theme on its sheet
# (the largest theme has 27), some 25 columns, and the hidden sheet one row per indicator
# and per column (some 220 rows of 13 columns); about 7,000 cells in all. The limits leave
# room for a catalogue several times larger and refuse what is far larger.
MAX_SHEET_ROWS = 1000
MAX_SHEET_COLUMNS = 100
MAX_WORKBOOK_CELLS = 50_000
# Every element of every part, for what openpyxl reads whole before any sheet: the shared
# strings, the styles. 900,000 shared strings in a 5 MB file took it 12 s; a workbook at
# the cell limit, every cell a text, has some 200,000 elements (cell, value, string, text).
MAX_WORKBOOK_ELEMENTS = 250_000
MAX_ZIP_ENTRIES = 200
# An entry that unpacks to more than this many times its packed size is not a spreadsheet
# part (werkset's own pack about 5 to 15 times); small entries are not judged.
MAX_COMPRESSION_RATIO = 100
RATIO_JUDGED_FROM_BYTES = 256 * 1024
CHUNK_BYTES = 64 * 1024


def upload_max_bytes() -> int:
    return int(getattr(settings, "WERKSET_UPLOAD_MAX_MB", 5)) * MEGABYTE


def unzipped_max_bytes() -> int:
    return int(getattr(settings, "WERKSET_UPLOAD_MAX_UNZIPPED_MB", 50)) * MEGABYTE


def archive_max_bytes() -> int:
    return int(getattr(settings, "WERKSET_ARCHIVE_MAX_MB", 20)) * MEGABYTE


def _megabytes(limit: int) -> str:
    return f"{limit / MEGABYTE:g}"


def upload_size_check(size: int) -> None:
    """Refuse a workbook larger than the upload limit (before it is read into memory)."""
    limit = upload_max_bytes()
    if size > limit:
        raise refused(
            _("The file is too large (%(size)s MB); at most %(limit)s MB can be uploaded.")
            % {"size": f"{size / MEGABYTE:.1f}", "limit": _megabytes(limit)}
        )


def archive_size_check(size: int) -> None:
    limit = archive_max_bytes()
    if size > limit:
        raise refused(
            _("The archive is too large (%(size)s MB); at most %(limit)s MB can be imported.")
            % {"size": f"{size / MEGABYTE:.1f}", "limit": _megabytes(limit)}
        )


def workbook_limits_check(data: bytes) -> None:
    """Refuse a workbook that breaks a limit, before anything builds it in memory."""
    upload_size_check(len(data))
    _zip_check(data)
    _cells_check(data)


def _zip_check(data: bytes) -> None:
    try:
        entries = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise refused(_("This file is not an Excel workbook (.xlsx).")) from exc
    if len(entries) > MAX_ZIP_ENTRIES:
        raise refused(
            _("This workbook holds %(count)s parts; a workbook can hold at most %(limit)s.")
            % {"count": len(entries), "limit": MAX_ZIP_ENTRIES}
        )
    limit = unzipped_max_bytes()
    if sum(entry.file_size for entry in entries) > limit:
        raise refused(
            _(
                "This workbook unpacks to more than %(limit)s MB; a workbook from werkset is "
                "far smaller. Download a new workbook."
            )
            % {"limit": _megabytes(limit)}
        )
    for entry in entries:
        if (
            entry.file_size >= RATIO_JUDGED_FROM_BYTES
            and entry.file_size > MAX_COMPRESSION_RATIO * max(entry.compress_size, 1)
        ):
            raise refused(
                _(
                    "This workbook holds a part that unpacks to more than %(ratio)s times its "
                    "size; it is not read."
                )
                % {"ratio": MAX_COMPRESSION_RATIO}
            )


class _Counter:
    """Counts rows and cells in one XML part as expat reads it; no tree is built."""

    def __init__(self, cells: int, elements: int):
        self.rows = 0
        self.cells = cells
        self.elements = elements
        self.in_row = 0

    def start(self, name: str, attributes: dict[str, str]) -> None:
        self.elements += 1
        if self.elements > MAX_WORKBOOK_ELEMENTS:
            raise refused(
                _(
                    "This workbook holds more than %(limit)s XML elements; a workbook from "
                    "werkset has far fewer. Nothing has been read."
                )
                % {"limit": f"{MAX_WORKBOOK_ELEMENTS:,}".replace(",", ".")}
            )
        local = name.rpartition(" ")[2]
        if local == "row":
            self.rows += 1
            self.in_row = 0
            if self.rows > MAX_SHEET_ROWS:
                raise _too_many_rows()
        elif local == "c":
            self.cells += 1
            self.in_row += 1
            if self.in_row > MAX_SHEET_COLUMNS:
                raise _too_many_columns()
            if self.cells > MAX_WORKBOOK_CELLS:
                raise refused(
                    _(
                        "This workbook has more than %(limit)s cells; a workbook from "
                        "werkset has far fewer. Nothing has been read."
                    )
                    % {"limit": f"{MAX_WORKBOOK_CELLS:,}".replace(",", ".")}
                )


def _no_declarations(*args: Any) -> None:
    """A spreadsheet part declares no document type or entities (no entity expansion)."""
    raise refused(_("This file is not an Excel workbook (.xlsx)."))


def _cells_check(data: bytes) -> None:
    """Count the rows and cells of every part while streaming it, with a hard stop at the
    first limit: openpyxl's own streaming mode is too slow for that (about 30,000 cells a
    second on a busy server), and a sheet's <dimension> can say anything. The elements
    of all parts are counted too: openpyxl builds the shared strings and styles whole.

    Every part is read, whatever its name: the workbook's relations and content types may
    name a sheet `sheet2.bin`, and openpyxl reads it all the same (a 100,000-row sheet
    under that name took 12 s in the web request). The unpacked total is already bounded
    by _zip_check. A part named .xml or .rels must be XML. Any other part is counted up to
    where expat gives up on it; a picture or printer settings stop at the first bytes.
    openpyxl reads sheets with the same expat, so it cannot read a row beyond that point."""
    cells = elements = 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for entry in archive.infolist():
            must_be_xml = entry.filename.lower().endswith((".xml", ".rels"))
            counter = _Counter(cells, elements)
            parser = expat.ParserCreate(namespace_separator=" ")
            parser.StartElementHandler = counter.start
            parser.StartDoctypeDeclHandler = _no_declarations
            parser.EntityDeclHandler = _no_declarations
            try:
                with archive.open(entry) as part:
                    while chunk := part.read(CHUNK_BYTES):
                        parser.Parse(chunk, False)
                parser.Parse(b"", True)
            except expat.ExpatError as exc:
                if must_be_xml:
                    raise refused(_("This file is not an Excel workbook (.xlsx).")) from exc
            except (
                zipfile.BadZipFile,
                OSError,
                EOFError,
                RuntimeError,
                NotImplementedError,
            ) as exc:
                # RuntimeError: an encrypted part; NotImplementedError: an unknown packing.
                raise refused(_("This file is not an Excel workbook (.xlsx).")) from exc
            cells, elements = counter.cells, counter.elements


def _too_many_rows() -> ImportRefused:
    return refused(
        _(
            "A sheet of this workbook has more than %(limit)s rows; a workbook from werkset "
            "has far fewer. Nothing has been read."
        )
        % {"limit": MAX_SHEET_ROWS}
    )


def _too_many_columns() -> ImportRefused:
    return refused(
        _(
            "A sheet of this workbook has more than %(limit)s columns; a workbook from "
            "werkset has far fewer. Nothing has been read."
        )
        % {"limit": MAX_SHEET_COLUMNS}
    )
