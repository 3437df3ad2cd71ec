"""Kept fragments of HTML (issue 16, ADR 15): what a key must hold besides the data.

A fragment kept in the cache (Redis in production, shared by every process and kept across
deploys) is keyed on a digest of everything it shows; the templates it is rendered from and
the translations are part of that, so that a new release never serves markup of the old."""

import hashlib
from functools import cache
from pathlib import Path

from django.template import engines

_LOCALE = Path(__file__).resolve().parent.parent / "locale"


@cache
def release(*templates: str) -> str:
    """A digest of these Jinja2 templates' sources and of the compiled translations, read
    once per process."""
    digest = hashlib.blake2b(digest_size=12)
    environment = engines["jinja2"].env  # type: ignore[attr-defined]
    for name in templates:
        source, _filename, _uptodate = environment.loader.get_source(environment, name)
        digest.update(name.encode())
        digest.update(source.encode())
    for catalogue in sorted(_LOCALE.glob("*/LC_MESSAGES/*.mo")):
        digest.update(catalogue.read_bytes())
    return digest.hexdigest()
