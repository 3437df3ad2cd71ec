"""Reading the published catalogue."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from werkset.core.kept import kept

from .errata import KIND_LABELS
from .lineage import Carried, Node, Source, carry, node_of, resolve_steps, version_steps
from .models import CatalogueVersion, Element, Indicator, Theme

# Every theme key with its short title (the kennisbank's theme filter), kept in the shared
# cache: versions are published rarely and never change; forgotten when a version is saved
# or deleted (signals.py), the timeout bounds a change made without signals.
THEME_TITLES_KEY = "catalogue:theme-titles"
THEME_TITLES_TIMEOUT = 300


def catalogue_theme_titles() -> list[tuple[str, str]]:
    """(key, short title) per theme key across the published versions, in the themes'
    order, each named as in the newest version that has it (kept; see above)."""

    def read() -> list[tuple[str, str]]:
        names: dict[str, str] = {}
        themes = Theme.objects.order_by("position", "-version__published_on")
        for key, title in themes.values_list("key", "short_title"):
            names.setdefault(key, title)
        return list(names.items())

    return kept(THEME_TITLES_KEY, read, timeout=THEME_TITLES_TIMEOUT)


def catalogue_versions_published() -> QuerySet[CatalogueVersion]:
    return CatalogueVersion.objects.annotate(indicator_count=Count("indicators"))


def catalogue_version_by_slug(*, slug: str) -> CatalogueVersion:
    return CatalogueVersion.objects.get(slug=slug)


def catalogue_themes(*, version: CatalogueVersion) -> QuerySet[Theme]:
    return version.themes.annotate(indicator_count=Count("indicators"))


def catalogue_theme_with_indicators(*, version: CatalogueVersion, key: str) -> Theme:
    """One theme with its elements and their indicators, in three queries."""
    indicators = Indicator.objects.select_related("answer_type").order_by("position")
    elements = Element.objects.prefetch_related(Prefetch("indicators", queryset=indicators))
    return (
        Theme.objects.prefetch_related(Prefetch("elements", queryset=elements))
        .select_related("version")
        .get(version=version, key=key)
    )


def catalogue_theme_lineage(*, theme: Theme) -> None:
    """Give each indicator of a loaded theme (catalogue_theme_with_indicators) a `lineage`
    list: the items of the version it continues that it names, with their label and theme
    (one query, none for a version that continues nothing)."""
    previous = theme.version.continues
    indicators = [i for element in theme.elements.all() for i in element.indicators.all()]
    keys = {link["key"] for i in indicators for link in i.continues}
    found = {}
    if previous is not None and keys:
        found = {
            key: (label, theme_key)
            for key, label, theme_key in Indicator.objects.filter(
                version=previous, key__in=keys
            ).values_list("key", "label", "theme__key")
        }
    for indicator in indicators:
        indicator.lineage = [  # type: ignore[attr-defined]
            {
                "key": link["key"],
                "relation": link["relation"],
                "label": found.get(link["key"], (link["key"], ""))[0],
                "theme": found.get(link["key"], ("", link["key"].split(".", 1)[0]))[1],
            }
            for link in indicator.continues
        ]


def _document(required: dict[str, Any], **optional: Any) -> dict[str, Any]:
    """Required keys always; optional keys only when they hold something (as in the files)."""
    return required | {key: value for key, value in optional.items() if value not in EMPTY}


EMPTY: tuple[Any, ...] = ("", [], {}, None, False)


def catalogue_version_document(*, version: CatalogueVersion) -> dict[str, Any]:
    """The version as a document in the shape of its source file (the catalogue schema)."""
    indicators = Indicator.objects.select_related("answer_type").order_by("position")
    elements = Element.objects.prefetch_related(Prefetch("indicators", queryset=indicators))
    themes = version.themes.prefetch_related(Prefetch("elements", queryset=elements))
    answer_types = {
        answer_type.key: _document(
            {
                "title": answer_type.title,
                "explanation": answer_type.explanation,
                "choices": answer_type.choices,
                "fields": answer_type.fields,
            },
            explanation_required=answer_type.explanation_required,
        )
        for answer_type in version.answer_types.all()
    }
    theme_documents = [
        {
            "key": theme.key,
            "title": theme.title,
            "short_title": theme.short_title,
            "kind": theme.kind,
            "context": theme.context,
            "elements": [
                _document(
                    {
                        "element": element.key,
                        "context_question": element.context_question,
                        "indicators": [
                            _document(
                                {
                                    "key": indicator.key,
                                    "label": indicator.label,
                                    "question": indicator.question,
                                    "answer_type": indicator.answer_type.key,
                                },
                                help=indicator.help,
                                group=indicator.group,
                                value_category=indicator.value_category,
                                field_labels=indicator.field_labels,
                                continues=indicator.continues,
                                source={k: v for k, v in indicator.source.items() if k != "title"},
                            )
                            for indicator in element.indicators.all()
                        ],
                    },
                    context=element.context,
                    note=element.note,
                )
                for element in theme.elements.all()
            ],
        }
        for theme in themes
    ]
    return _document(
        {
            "format": 1,
            "slug": version.slug,
            "title": version.title,
            "edition": version.edition,
            "published": version.published_on.isoformat(),
            "introduction": version.introduction,
            "elements": version.element_definitions,
            "answer_types": answer_types,
            "themes": theme_documents,
        },
        source=version.source,
        continues=version.continues.slug if version.continues else None,
        value_categories=version.value_categories,
        errata=version.errata,
        unit=version.unit,
        source_documents=version.source_documents,
    )


def catalogue_document() -> dict[str, Any]:
    """Every published version, oldest first."""
    return {
        "format": 1,
        "versions": [
            catalogue_version_document(version=version)
            for version in CatalogueVersion.objects.select_related("continues")
        ],
    }


@dataclass(frozen=True)
class ErratumShown:
    """An erratum as the catalogue browser shows it: where it is (theme, anchor), what kind,
    the words before and after, the labels of the fields it names, and why."""

    place: str
    theme_key: str
    anchor: str
    kind: str
    kind_label: str
    before: str
    after: str
    fields: tuple[str, ...]
    reason: str


def catalogue_errata(
    *, version: CatalogueVersion, theme: Theme | None = None
) -> list[ErratumShown]:
    """The version's errata (of one theme when given), with field labels (one query for
    the indicators named, none without errata)."""
    errata = [
        e for e in version.errata if theme is None or e["place"].split(".", 1)[0] == theme.key
    ]
    named = {e["place"] for e in errata if e.get("fields")}
    labels: dict[str, dict[str, str]] = {}
    if named:
        for indicator in Indicator.objects.filter(version=version, key__in=named).select_related(
            "answer_type"
        ):
            labels[indicator.key] = {f["key"]: f["label"] for f in indicator.fields}
    return [
        ErratumShown(
            place=e["place"],
            theme_key=e["place"].split(".", 1)[0],
            anchor=e["place"] if e["place"].count(".") == 2 else "",
            kind=e["kind"],
            kind_label=str(KIND_LABELS.get(e["kind"], e["kind"])),
            before=e.get("before", ""),
            after=e.get("after", ""),
            fields=tuple(labels.get(e["place"], {}).get(k, k) for k in e.get("fields", [])),
            reason=e["reason"],
        )
        for e in errata
    ]


# Lineage across versions -------------------------------------------------------------


def catalogue_line(
    *, version: CatalogueVersion, versions: Iterable[CatalogueVersion]
) -> list[CatalogueVersion]:
    """The versions connected to `version` through `continues` (itself included), oldest
    first: the versions whose reports can be read in its terms."""
    known = list(versions)
    parents = {v.pk: v.continues_id for v in known}
    children: dict[int, list[int]] = {}
    for v in known:
        if v.continues_id is not None:
            children.setdefault(v.continues_id, []).append(v.pk)
    line = {version.pk}
    todo = [version.pk]
    while todo:
        current = todo.pop()
        neighbours = [parents.get(current), *children.get(current, [])]
        for other in neighbours:
            if other is not None and other not in line:
                line.add(other)
                todo.append(other)
    return [v for v in sorted(known, key=lambda v: (v.published_on, v.slug)) if v.pk in line]


def _node(indicator: Indicator) -> Node:
    return node_of(
        indicator_id=indicator.pk,
        key=indicator.key,
        version_id=indicator.version_id,
        continues=indicator.continues,
        fields=indicator.answer_type.fields,
        choices=indicator.answer_type.choices,
    )


@dataclass
class Lineage:
    """How the lens indicators read in reports of other catalogue versions."""

    lens_version_id: int | None
    lens: dict[int, Node] = field(default_factory=dict)
    nodes: dict[int, Node] = field(default_factory=dict)
    sources: dict[tuple[int, int], Source] = field(default_factory=dict)

    def source(self, *, version_id: int, indicator_id: int) -> Source | None:
        """Where the lens indicator's value is found in a report of `version_id`."""
        return self.sources.get((version_id, indicator_id))

    @property
    def source_indicator_ids(self) -> set[int]:
        return {i for source in self.sources.values() for i in source.indicator_ids}

    def carry(
        self, *, version_id: int, indicator_id: int, answers: Mapping[int, Any]
    ) -> Carried | None:
        """One report's answer to a lens indicator, read through lineage (`answers` are the
        report's own answers per indicator id)."""
        source = self.source(version_id=version_id, indicator_id=indicator_id)
        if source is None:
            return None
        return carry(source, lens=self.lens[indicator_id], nodes=self.nodes, answers=answers)


def catalogue_lineage(
    *,
    lens_indicators: Sequence[Indicator],
    version_ids: Iterable[int],
    versions: Iterable[CatalogueVersion] | None = None,
) -> Lineage:
    """The lineage from the lens indicators (one version, with their answer types loaded)
    to each of `version_ids`: two small queries, none when there is nothing to resolve.

    Pass `versions` (every published version) when the caller has them already.
    """
    if not lens_indicators:
        return Lineage(lens_version_id=None)
    lens_version_id = lens_indicators[0].version_id
    lens_nodes = [_node(i) for i in lens_indicators if i.version_id == lens_version_id]
    lineage = Lineage(lens_version_id=lens_version_id, lens={n.id: n for n in lens_nodes})
    wanted = set(version_ids) - {lens_version_id}
    if not wanted:
        return lineage
    if versions is None:
        versions = CatalogueVersion.objects.only("id", "continues_id")
    parents = {v.pk: v.continues_id for v in versions}
    paths = {
        version_id: found
        for version_id in wanted
        if (found := version_steps(parents, lens_id=lens_version_id, source_id=version_id))
    }
    needed = {v for steps in paths.values() for step in steps for v in step[:2]}
    needed -= {lens_version_id}
    nodes_by_version: dict[int, list[Node]] = {lens_version_id: lens_nodes}
    rows = Indicator.objects.filter(version_id__in=needed).values_list(
        "id", "key", "version_id", "continues", "answer_type__fields", "answer_type__choices"
    )
    for pk, key, version_id, continues, fields, choices in rows:
        node = node_of(
            indicator_id=pk,
            key=key,
            version_id=version_id,
            continues=continues,
            fields=fields,
            choices=choices,
        )
        nodes_by_version.setdefault(version_id, []).append(node)
        lineage.nodes[pk] = node
    for version_id, steps in paths.items():
        resolved = resolve_steps(lens_nodes, nodes_by_version, steps)
        for lens_id, source in resolved.items():
            lineage.sources[(version_id, lens_id)] = source
    return lineage
