"""The structure of a published catalogue version, read once per process (ADR 0011).

A published version never changes: its rows are created by catalogue_version_publish in one
transaction and nothing edits them afterwards. So its themes, elements, indicators and
answer types are read once per process and shared by every request that shows them,
instead of being read (and joined into every answer query) again on each request.

The key is the version's id with its content hash and load time, so a version that is
deleted and published again (a fresh database, a test) is a new entry, never a stale one.
The instances are shared between requests: read them, never change or save them.
"""

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from .models import CatalogueVersion, Element, Indicator, Theme

# Catalogue versions are few (one a year or so); a handful covers every process.
MAX_VERSIONS = 16


@dataclass(frozen=True)
class CatalogueStructure:
    """Themes, elements and indicators of one version, in catalogue order, linked to each
    other and to the version (theme.version, indicator.theme, indicator.element,
    indicator.answer_type, indicator.version, element.theme)."""

    version_id: int
    themes: Sequence[Theme]
    elements: Mapping[int, Sequence[Element]]
    indicators: Sequence[Indicator]
    indicators_by_theme: Mapping[int, Sequence[Indicator]]
    indicator_by_id: Mapping[int, Indicator]

    def theme(self, key: str) -> Theme | None:
        return next((theme for theme in self.themes if theme.key == key), None)

    def theme_elements(self, theme: Theme) -> Sequence[Element]:
        return self.elements.get(theme.pk, ())

    def theme_indicators(self, theme: Theme) -> Sequence[Indicator]:
        return self.indicators_by_theme.get(theme.pk, ())


_Key = tuple[int, str, datetime]
_structures: dict[_Key, CatalogueStructure] = {}
_lock = threading.Lock()


def _key(version: CatalogueVersion) -> _Key:
    return (version.pk, version.content_hash, version.loaded_at)


def _read(version: CatalogueVersion) -> CatalogueStructure:
    """Three queries: themes, elements, indicators with their answer types."""
    if version.get_deferred_fields():
        # The indicators share this instance across requests and threads: a whole one, so
        # that no later attribute access loads lazily from a shared object.
        version = CatalogueVersion.objects.get(pk=version.pk)
    themes = list(Theme.objects.filter(version=version).order_by("position"))
    for theme in themes:
        theme.version = version
    theme_by_id = {theme.pk: theme for theme in themes}
    elements: dict[int, list[Element]] = {theme.pk: [] for theme in themes}
    element_by_id: dict[int, Element] = {}
    for element in Element.objects.filter(theme__version=version).order_by("theme", "position"):
        element.theme = theme_by_id[element.theme_id]
        elements[element.theme_id].append(element)
        element_by_id[element.pk] = element
    indicators = list(
        Indicator.objects.filter(version=version).select_related("answer_type").order_by("position")
    )
    by_theme: dict[int, list[Indicator]] = {theme.pk: [] for theme in themes}
    for indicator in indicators:
        indicator.version = version
        indicator.theme = theme_by_id[indicator.theme_id]
        indicator.element = element_by_id[indicator.element_id]
        by_theme[indicator.theme_id].append(indicator)
    return CatalogueStructure(
        version_id=version.pk,
        themes=tuple(themes),
        elements={key: tuple(value) for key, value in elements.items()},
        indicators=tuple(indicators),
        indicators_by_theme={key: tuple(value) for key, value in by_theme.items()},
        indicator_by_id={indicator.pk: indicator for indicator in indicators},
    )


def catalogue_structures_forget() -> None:
    """Empty this process's cache (the test suite does so before every test, so that a
    test's query count does not depend on what earlier tests left in it)."""
    with _lock:
        _structures.clear()


def catalogue_structure(*, version: CatalogueVersion) -> CatalogueStructure:
    """The version's structure: from this process's cache, or read now (three queries)."""
    key = _key(version)
    structure = _structures.get(key)
    if structure is None:
        structure = _read(version)
        with _lock:
            if len(_structures) >= MAX_VERSIONS:
                _structures.clear()
            _structures[key] = structure
    return structure
