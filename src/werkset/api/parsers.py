"""Request bodies the API reads: DRF's JSON parser with a Dutch refusal for every unreadable
body (finding M7, L1).

DRF's parser lets a RecursionError through (a 500 for a body nested some thousands of levels
deep) and answers other bad JSON with Python's English text ("JSON parse error - 'utf-8'
codec can't decode ..."), which DRF does not translate. It reads the stream itself, so it
also keeps Django's DATA_UPLOAD_MAX_MEMORY_SIZE, whoever read the body before.
"""

import codecs
import json
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        body = stream.read() if limit is None else stream.read(limit + 1)
        if limit is not None and len(body) > limit:
            raise ParseError(_("The request is too large."))
        encoding = (parser_context or {}).get("encoding") or settings.DEFAULT_CHARSET
        try:
            "".encode(encoding)  # a text encoding, not a codec such as bz2 (as DRF checks)
            text = codecs.decode(body, encoding)
        except (LookupError, UnicodeError) as exc:
            raise ParseError(_("The request is not valid text (UTF-8).")) from exc
        try:
            return json.loads(text, parse_constant=_refuse_constant)
        except RecursionError as exc:
            raise ParseError(_("The request is nested too deeply.")) from exc
        except ValueError as exc:
            raise ParseError(_("The request is not valid JSON.")) from exc


def _refuse_constant(name: str) -> Any:
    """NaN and Infinity are not JSON (RFC 8259), as DRF's strict parser holds."""
    raise ValueError(name)
