"""The report archive's format: its name and version, the JSON schema of its shape, and
reading a document and checking its shape against them.

The document holds no database ids: the region, catalogue, indicators, themes and elements
are named by their stable keys and people by their username, so it can be imported into any
database with the same catalogue and regions. Exporting (archive_export.py), importing into
an empty database and exporting again gives the same document. Checking what a document
names and says is in archive_reader.py, writing it in archive_import.py.
"""

import json
import re
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaError

from werkset.reports.answers import CONTROL_CHARACTERS
from werkset.reports.limits import (
    COMMENT_MAX,
    EXPLANATION_MAX,
    IMAGE_ALT_MAX,
    OWN_SECTION_TITLE_MAX,
    PRACTICE_ITEM_MAX,
    QUOTE_MAX,
    REPORT_TITLE_MAX,
    SECTION_TEXT_MAX,
    SOURCE_DESCRIPTION_MAX,
    STORY_TEXT_MAX,
)
from werkset.reports.models import ChangeSource, CommentKind, PracticeKind, ReportStatus

from .archive_assessments import ASSESSMENTS_SCHEMA
from .archive_inventories import INVENTORIES_SCHEMA
from .problems import ImportProblem, ImportRefused, refused
from .upload_limits import archive_size_check

ARCHIVE_FORMAT = "werkset-rapport"
# Version 2 (issue 22) adds the report's assessments ("assessments": maturity per theme, the
# toetsingskader, bottleneck codes; archive_assessments.py). werkset reads both: an archive
# of version 1 has no assessments and imports as before; it writes version 2.
ARCHIVE_FORMAT_VERSION = 2
ARCHIVE_FORMAT_VERSIONS_READ = (1, 2)
# The deepest a document werkset writes goes is about a dozen levels (an answer's history:
# answers/key/history/n/before/regional/code/figures/key/...); anything far deeper is not an
# archive, and would exhaust the stack of whatever reads it next.
ARCHIVE_DEPTH_MAX = 32
# A lone surrogate cannot be stored at all. Control characters are removed as the web form
# removes them (reports.answers.clean_text), so an archive stores nothing the form would not.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _string(max_length: int | None = None, *, null: bool = False) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": ["string", "null"] if null else "string"}
    if max_length is not None:
        schema["maxLength"] = max_length
    return schema


def _object(properties: dict[str, Any], *, optional: tuple[str, ...] = ()) -> dict[str, Any]:
    """An object with exactly these properties, all required but the `optional` ones (fields
    added to format version 1 later: an archive made before them still reads)."""
    return {
        "type": "object",
        "properties": properties,
        "required": [name for name in properties if name not in optional],
        "additionalProperties": False,
    }


_TIME = _string(64)
_TIME_OR_NULL = _string(64, null=True)
_USER = _string(150, null=True)
_KEY = {"type": "string", "minLength": 1, "maxLength": 150}
_KEY_OR_NULL = _string(150, null=True)
_COUNT = {"type": "integer", "minimum": 0, "maximum": 2_147_483_647}
# A stored figure, in an answer's history: a number, a text (an amount, a choice's key), a
# list of keys or a frequency ({"aantal": n, "per": key}). The answers themselves are checked
# as the form checks them (archive_reader.answer_problems); their history only in shape.
_FIGURE_SCALAR = {
    "anyOf": [{"type": ["integer", "number", "boolean", "null"]}, _string(150)],
}
_FIGURES = {
    "type": "object",
    "propertyNames": {"maxLength": 150},
    "additionalProperties": {
        "anyOf": [
            _FIGURE_SCALAR,
            {"type": "array", "items": _FIGURE_SCALAR},
            {
                "type": "object",
                "propertyNames": {"maxLength": 150},
                "additionalProperties": _FIGURE_SCALAR,
            },
        ]
    },
}
_ANSWER_TEXT = _string(EXPLANATION_MAX)
# An answer's content as its history records it (AnswerContent.as_dict): its texts have the
# limits of the answer form, so a history entry cannot carry what the answer may not.
_CONTENT = _object(
    {
        "choice": _string(50),
        "explanation": _ANSWER_TEXT,
        "figures": _FIGURES,
        "perspectives": {
            "type": "object",
            "propertyNames": {"maxLength": 150},
            "additionalProperties": _ANSWER_TEXT,
        },
        "regional": {
            "type": "object",
            "propertyNames": {"maxLength": 150},
            "additionalProperties": _object(
                {"choice": _string(50), "explanation": _ANSWER_TEXT, "figures": _FIGURES},
                optional=("choice", "explanation", "figures"),
            ),
        },
    },
    optional=("choice", "explanation", "figures", "perspectives", "regional"),
)
_STATUSES = [str(s) for s in ReportStatus.values]
_ITEM = {
    "theme": _KEY_OR_NULL,
    "element": _KEY_OR_NULL,
    "position": _COUNT,
    "created_at": _TIME,
    # Where the item stands in the running text (issue 18): in the own section with this
    # index in `own_sections`, or in the text of (theme, element); after this paragraph.
    "section": {"type": ["integer", "null"], "minimum": 0, "maximum": 100_000},
    "paragraph": {"type": ["integer", "null"], "minimum": 1, "maximum": 32767},
}
# The network's decision, added to version 1 with issue 19: optional when read.
_DECISION = ("decided_on", "decided_by", "decision_note", "decision_recorded_by")
# Why a version was made, and a national withdrawal (issue 19, ADR 20): optional when read.
_UNDO = ("correction_reason", "withdrawn_at", "withdrawn_by_name", "withdrawal_reason")
# Fields of a report's story added to version 1 (issue 18): optional when read.
_ITEM_OPTIONAL = ("section", "paragraph")

ARCHIVE_SCHEMA: dict[str, Any] = _object(
    {
        "format": {"const": ARCHIVE_FORMAT},
        "format_version": {"enum": list(ARCHIVE_FORMAT_VERSIONS_READ)},
        "catalogue": _KEY,
        # A region's code; null for a network's own report, which names its "network"
        # (archives from before issue 18 have no "network").
        "region": _KEY_OR_NULL,
        "network": _KEY,
        "period": _string(7),
        "number": {"type": "integer", "minimum": 1, "maximum": 32767},
        "status": {"enum": _STATUSES},
        "created_at": _TIME,
        "created_by": _USER,
        "finalised_at": _TIME_OR_NULL,
        # The network's decision (issue 19): the meeting's date (YYYY-MM-DD), who decided,
        # a note, and who recorded it. Added to version 1 later: optional when read.
        "decided_on": _string(10, null=True),
        "decided_by": _string(300),
        "decision_note": _string(COMMENT_MAX),
        "decision_recorded_by": _USER,
        "corrects": {"type": ["integer", "null"], "minimum": 1, "maximum": 32767},
        "correction_reason": _string(COMMENT_MAX),
        "withdrawn_at": _TIME_OR_NULL,
        "withdrawn_by_name": _string(150),
        "withdrawal_reason": _string(COMMENT_MAX),
        "started_from": {
            "oneOf": [
                {"type": "null"},
                _object(
                    {
                        "catalogue": _KEY,
                        "period": _string(7),
                        "number": {"type": "integer", "minimum": 1, "maximum": 32767},
                    }
                ),
            ]
        },
        "answers": {
            "type": "object",
            "additionalProperties": _object(
                {
                    "choice": _string(50),
                    "explanation": _ANSWER_TEXT,
                    "figures": {"type": "object"},
                    "perspectives": {
                        "type": "object",
                        "additionalProperties": _ANSWER_TEXT,
                    },
                    "regional": {
                        "type": "object",
                        "additionalProperties": _object(
                            {
                                "choice": _string(50),
                                "explanation": _ANSWER_TEXT,
                                "figures": {"type": "object"},
                            }
                        ),
                    },
                    "revision": _COUNT,
                    "carried_over": {"type": "boolean"},
                    "updated_at": _TIME_OR_NULL,
                    "updated_by": _USER,
                    "history": {
                        "type": "array",
                        "items": _object(
                            {
                                "revision": _COUNT,
                                "changed_at": _TIME,
                                "changed_by": _USER,
                                "changed_by_name": _string(150),
                                "source": {"enum": [str(s) for s in ChangeSource.values]},
                                "before": _CONTENT,
                                "after": _CONTENT,
                            }
                        ),
                    },
                }
            ),
        },
        "section_texts": {
            "type": "array",
            "items": _object(
                {
                    "theme": _KEY,
                    "element": _KEY_OR_NULL,
                    "text": _string(SECTION_TEXT_MAX),
                    "revision": _COUNT,
                    "updated_at": _TIME_OR_NULL,
                    "updated_by": _USER,
                }
            ),
        },
        "practice_items": {
            "type": "array",
            "items": _object(
                {
                    **_ITEM,
                    "kind": {"enum": [str(k) for k in PracticeKind.values]},
                    "title": _string(300),
                    "text": _string(PRACTICE_ITEM_MAX),
                    "source": _string(500),
                    # The image's description; the image file itself is not in the archive.
                    "image": {
                        "oneOf": [
                            {"type": "null"},
                            _object(
                                {"alt": _string(IMAGE_ALT_MAX), "width": _COUNT, "height": _COUNT}
                            ),
                        ]
                    },
                },
                optional=(*_ITEM_OPTIONAL, "image"),
            ),
        },
        "quotes": {
            "type": "array",
            "items": _object(
                {**_ITEM, "text": _string(QUOTE_MAX), "attribution": _string(200)},
                optional=_ITEM_OPTIONAL,
            ),
        },
        "sources": {
            "type": "array",
            "items": _object(
                {
                    **_ITEM,
                    "title": _string(500),
                    "description": _string(SOURCE_DESCRIPTION_MAX),
                },
                optional=_ITEM_OPTIONAL,
            ),
        },
        "story": _object(
            {
                "title": _string(REPORT_TITLE_MAX),
                "introduction": _string(STORY_TEXT_MAX),
                "summary": _string(STORY_TEXT_MAX),
                "revision": _COUNT,
            }
        ),
        "own_sections": {
            "type": "array",
            "items": _object(
                {
                    "is_chapter": {"type": "boolean"},
                    "theme": _KEY_OR_NULL,
                    "element": _KEY_OR_NULL,
                    "title": {"type": "string", "minLength": 1, "maxLength": OWN_SECTION_TITLE_MAX},
                    "text": _string(STORY_TEXT_MAX),
                    "position": _COUNT,
                    "revision": _COUNT,
                    "updated_at": _TIME_OR_NULL,
                    "updated_by": _USER,
                }
            ),
        },
        "comments": {
            "type": "array",
            "items": _object(
                {
                    "indicator": _KEY_OR_NULL,
                    "theme": _KEY_OR_NULL,
                    "kind": {"enum": [str(k) for k in CommentKind.values]},
                    "text": _string(COMMENT_MAX),
                    "author": _USER,
                    "author_name": _string(150),
                    "created_at": _TIME,
                    "resolved_at": _TIME_OR_NULL,
                    "resolved_by": _USER,
                    "resolution": _string(COMMENT_MAX),
                }
            ),
        },
        "status_changes": {
            "type": "array",
            "items": _object(
                {
                    "from": {"enum": ["", *_STATUSES]},
                    "to": {"enum": _STATUSES},
                    "changed_at": _TIME,
                    "changed_by": _USER,
                    "changed_by_name": _string(150),
                    "note": _string(COMMENT_MAX),
                }
            ),
        },
        # The assessments (format version 2, ADR 22): optional when read.
        "assessments": ASSESSMENTS_SCHEMA,
        # What national inventories recorded about the region(s) (issue 22): optional when
        # read, informational (archive_inventories.py).
        "inventories": INVENTORIES_SCHEMA,
        "privacy_clearances": {
            "type": "array",
            "items": _object(
                {
                    "kind": _string(30),
                    "text": _string(500),
                    "reason": _string(COMMENT_MAX),  # as privacy_hit_clear allows
                    "cleared_by": _USER,
                    "cleared_by_name": _string(150),
                    "cleared_at": _TIME,
                }
            ),
        },
    },
    optional=("story", "own_sections", "assessments", "inventories", *_DECISION, *_UNDO),
)


def _path(parts: Any) -> str:
    return "/".join(str(part) for part in parts)


def _schema_message(error: SchemaError) -> str:
    """A Dutch message for a shape error (jsonschema's own messages are English)."""
    instance: Any = error.instance
    schema: Any = error.schema
    wanted: Any = error.validator_value
    if error.validator == "required":
        missing = [k for k in wanted if k not in instance]
        return _("Missing field(s): %(fields)s.") % {"fields": ", ".join(missing)}
    if error.validator == "additionalProperties":
        known = set(schema.get("properties", {}))
        extra = sorted(k for k in instance if k not in known)
        return _("Unknown field(s): %(fields)s.") % {"fields": ", ".join(extra)}
    if error.validator == "type":
        names = {
            "string": _("text"),
            "integer": _("a whole number"),
            "boolean": _("true or false"),
            "object": _("an object"),
            "array": _("a list"),
            "null": _("null"),
        }
        wanted = wanted if isinstance(wanted, list) else [wanted]
        return _("Expected %(type)s.") % {"type": _(" or ").join(names[w] for w in wanted)}
    if error.validator == "maxLength":
        return _("Too long (at most %(max)s characters).") % {
            "max": number_format(wanted, force_grouping=True)
        }
    if error.validator in ("enum", "const", "minimum", "maximum", "minLength", "oneOf", "anyOf"):
        return _("Value not allowed: %(value)s.") % {"value": json.dumps(instance)[:80]}
    return _("Invalid value.")


def _texts_cleaned(document: Any) -> list[ImportProblem]:
    """Remove the control characters the web form removes from every text of the document
    (in place), and report what no text may hold: a lone surrogate (it cannot be written)
    or a key with a control character, or nesting past ARCHIVE_DEPTH_MAX. Iterative, so a
    deep document cannot exhaust the stack here."""
    problems: list[ImportProblem] = []
    invalid = _(
        "Invalid character (a control character or half of a character pair, %(code)s); remove it."
    )

    def bad(text: str, pattern: re.Pattern[str]) -> str:
        found = pattern.search(text)
        return invalid % {"code": f"U+{ord(found.group()):04X}"} if found else ""

    stack: list[tuple[Any, tuple[Any, ...]]] = [(document, ())]
    while stack:
        value, path = stack.pop()
        if len(path) > ARCHIVE_DEPTH_MAX:
            message = _("This file is nested too deeply to be read.")
            return [ImportProblem(None, None, message)]
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in list(items):
            place = (*path, key)
            if isinstance(key, str) and (
                message := bad(key, _SURROGATE) or bad(key, CONTROL_CHARACTERS)
            ):
                problems.append(ImportProblem(None, _path(place), message))
            elif isinstance(item, str):
                if message := bad(item, _SURROGATE):
                    problems.append(ImportProblem(None, _path(place), message))
                elif CONTROL_CHARACTERS.search(item):
                    value[key] = CONTROL_CHARACTERS.sub("", item)
            elif isinstance(item, dict | list):
                stack.append((item, place))
    return problems


def archive_load(data: bytes | str | dict[str, Any]) -> dict[str, Any]:
    """Read the document and check its shape; every shape error is reported at once. Bytes
    or text over WERKSET_ARCHIVE_MAX_MB are refused before they are parsed. Control
    characters are removed from its texts, as the web form removes them (a document given
    as a dict is changed in place)."""
    if isinstance(data, dict):
        document: Any = data
    else:
        archive_size_check(len(data))
        try:
            text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
            document = json.loads(text)
        except UnicodeDecodeError as exc:
            raise refused(_("This file is not a text file in UTF-8.")) from exc
        except json.JSONDecodeError as exc:
            raise refused(
                _("This file is not valid JSON (line %(line)s, column %(column)s).")
                % {"line": exc.lineno, "column": exc.colno}
            ) from exc
        except RecursionError as exc:
            raise refused(_("This file is nested too deeply to be read.")) from exc
    if isinstance(document, dict | list) and (problems := _texts_cleaned(document)):
        raise ImportRefused(problems)
    if not isinstance(document, dict) or document.get("format") != ARCHIVE_FORMAT:
        raise refused(_("This file is not a werkset report archive."))
    if document.get("format_version") not in ARCHIVE_FORMAT_VERSIONS_READ:
        raise refused(
            _("This archive has format version %(version)s; werkset reads version %(ours)s.")
            % {
                "version": document.get("format_version"),
                "ours": " / ".join(str(v) for v in ARCHIVE_FORMAT_VERSIONS_READ),
            }
        )
    errors = sorted(
        Draft202012Validator(ARCHIVE_SCHEMA).iter_errors(document),
        key=lambda e: [str(p) for p in e.absolute_path],
    )
    if errors:
        raise ImportRefused(
            [
                ImportProblem(None, _path(e.absolute_path) or None, _schema_message(e))
                for e in errors
            ]
        )
    return document


# Optional: "network" (before issue 18 archives named only a region) and an answer's
# "regional" (only network reports have answers per region).
ARCHIVE_SCHEMA["required"].remove("network")
ARCHIVE_SCHEMA["properties"]["answers"]["additionalProperties"]["required"].remove("regional")
