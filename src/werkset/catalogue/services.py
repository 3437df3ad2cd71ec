"""Publishing catalogue versions: one file, one transaction, never changed afterwards."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from django.db import connection, models, transaction
from django.utils.translation import gettext as _

from werkset.core.models import AuditAction
from werkset.core.services import audit_record

from .lineage import ZELFDE, answer_type_difference
from .models import AnswerType, CatalogueVersion, Element, Indicator, Theme
from .selectors import catalogue_version_document
from .validation import (
    CatalogueDocument,
    CatalogueFileError,
    Problem,
    check_against_earlier,
    read_catalogue_file,
)


@dataclass(frozen=True)
class PublishResult:
    version: CatalogueVersion
    created: bool


def catalogue_version_publish(
    *, document: CatalogueDocument, published_by: Any | None = None
) -> PublishResult:
    """Publish a checked document; publishing the same content again changes nothing.

    A slug that is already published with other content is refused: a published
    version is immutable, and a changed instrument is a new version.
    """
    data = document.data
    with transaction.atomic():
        existing = CatalogueVersion.objects.select_for_update().filter(slug=data["slug"]).first()
        if existing is not None:
            if existing.content_hash == document.content_hash:
                return PublishResult(version=existing, created=False)
            raise CatalogueFileError(
                document.file_name,
                [
                    Problem(
                        place="slug",
                        message=(
                            f"versie '{data['slug']}' is al gepubliceerd met andere inhoud. "
                            "Een gepubliceerde versie verandert nooit: geef de nieuwe inhoud een "
                            "nieuwe slug (en noem de oude onder 'continues'). Op een "
                            "ontwikkelmachine kunt u ook de database in de datamap verwijderen."
                        ),
                    )
                ],
            )
        continues = None
        if "continues" in data:
            continues = CatalogueVersion.objects.filter(slug=data["continues"]).first()
            if continues is None:
                raise CatalogueFileError(
                    document.file_name,
                    [
                        Problem(
                            place="continues",
                            message=f"versie '{data['continues']}' is (nog) niet gepubliceerd",
                        )
                    ],
                )
            if data.get("errata"):
                check_against_earlier(document, catalogue_version_document(version=continues))
        version = CatalogueVersion.objects.create(
            slug=data["slug"],
            title=data["title"],
            edition=data["edition"],
            published_on=date.fromisoformat(data["published"]),
            source=data.get("source", ""),
            continues=continues,
            introduction=data["introduction"],
            element_definitions=data["elements"],
            value_categories=data.get("value_categories", []),
            errata=data.get("errata", []),
            unit=data.get("unit", ""),
            source_documents=data.get("source_documents", []),
            content_hash=document.content_hash,
            source_file=document.file_name,
        )
        _create_contents(version=version, data=data, file_name=document.file_name)
        audit_record(
            actor=published_by,
            action=AuditAction.CATALOGUE_PUBLISHED,
            target=version,
            summary=_("Catalogue version %(slug)s published") % {"slug": version.slug},
            detail={"file": document.file_name, "hash": document.content_hash},
        )
    return PublishResult(version=version, created=True)


def _create_contents(*, version: CatalogueVersion, data: dict[str, Any], file_name: str) -> None:
    answer_types = {
        key: AnswerType(
            version=version,
            key=key,
            title=spec["title"],
            explanation=spec["explanation"],
            choices=spec["choices"],
            fields=spec["fields"],
            explanation_required=spec.get("explanation_required", False),
        )
        for key, spec in data["answer_types"].items()
    }
    _inserted(answer_types.values())
    definitions = {element["key"]: element for element in data["elements"]}
    previous = _predecessor_indicators(version)

    # Themes, then their elements, then the indicators: three inserts in all (each bulk
    # insert gives its rows their keys for the next).
    themes = _inserted(
        Theme(
            version=version,
            key=theme_data["key"],
            position=theme_position,
            title=theme_data["title"],
            short_title=theme_data["short_title"],
            kind=theme_data["kind"],
            context=theme_data["context"],
        )
        for theme_position, theme_data in enumerate(data["themes"])
    )
    placed = [
        (theme, element_position, element_data)
        for theme, theme_data in zip(themes, data["themes"], strict=True)
        for element_position, element_data in enumerate(theme_data["elements"])
    ]
    elements = _inserted(
        Element(
            theme=theme,
            key=element_data["element"],
            position=element_position,
            title=definitions[element_data["element"]]["title"],
            definition=definitions[element_data["element"]]["question"],
            context_question=element_data["context_question"],
            context=element_data.get("context", ""),
            note=element_data.get("note", ""),
        )
        for theme, element_position, element_data in placed
    )
    indicators: list[Indicator] = []
    problems: list[Problem] = []
    for element, (theme, _position, element_data) in zip(elements, placed, strict=True):
        for indicator_data in element_data["indicators"]:
            problems += _lineage_problems(
                indicator_data=indicator_data,
                answer_type=data["answer_types"][indicator_data["answer_type"]],
                previous=previous,
                continues_slug=version.continues.slug if version.continues else "",
            )
            indicators.append(
                Indicator(
                    version=version,
                    theme=theme,
                    element=element,
                    key=indicator_data["key"],
                    position=len(indicators),
                    label=indicator_data["label"],
                    question=indicator_data["question"],
                    help=indicator_data.get("help", ""),
                    group=indicator_data.get("group", ""),
                    value_category=indicator_data.get("value_category", ""),
                    answer_type=answer_types[indicator_data["answer_type"]],
                    field_labels=indicator_data.get("field_labels", {}),
                    continues=indicator_data.get("continues", []),
                    source=_source(indicator_data.get("source", {}), data),
                )
            )
    if problems:
        raise CatalogueFileError(file_name, problems)
    Indicator.objects.bulk_create(indicators)


M = TypeVar("M", bound=models.Model)


def _inserted(rows: Iterable[M]) -> list[M]:
    """Insert rows that later rows point at, with their keys set: in one statement where the
    database returns the keys (PostgreSQL, SQLite 3.35 and later), one by one otherwise."""
    rows = list(rows)
    if not rows:
        return rows
    if connection.features.can_return_rows_from_bulk_insert:
        return type(rows[0])._default_manager.bulk_create(rows)
    for row in rows:
        row.save(force_insert=True)
    return rows


def _source(source: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    """An indicator's source as stored: with the document's title, so that the catalogue
    browser and the documents show it without looking it up."""
    if "document" not in source:
        return source
    titles = {d["key"]: d["title"] for d in data.get("source_documents", [])}
    return {**source, "title": titles[source["document"]]}


def _predecessor_indicators(version: CatalogueVersion) -> dict[str, Indicator]:
    """The indicators of the version this one continues: the only ones it may name."""
    if version.continues is None:
        return {}
    return {
        indicator.key: indicator
        for indicator in Indicator.objects.filter(version=version.continues).select_related(
            "answer_type"
        )
    }


def _lineage_problems(
    *,
    indicator_data: dict[str, Any],
    answer_type: dict[str, Any],
    previous: dict[str, Indicator],
    continues_slug: str,
) -> list[Problem]:
    """Checks of an indicator's `continues` that need the published earlier version."""
    problems = []
    for index, link in enumerate(indicator_data.get("continues", [])):
        place = f"{indicator_data['key']}.continues[{index}]"
        earlier = previous.get(link["key"])
        if earlier is None:
            problems.append(
                Problem(
                    place=place,
                    message=(
                        f"'{link['key']}' is geen indicator van versie '{continues_slug}', "
                        "de versie die deze versie voortzet"
                    ),
                )
            )
            continue
        if link["relation"] != ZELFDE:
            continue
        difference = answer_type_difference(
            answer_type,
            {"choices": earlier.answer_type.choices, "fields": earlier.answer_type.fields},
        )
        if difference is not None:
            problems.append(
                Problem(
                    place=place,
                    message=(
                        f"'zelfde' vraagt hetzelfde antwoordtype als '{link['key']}', maar dit "
                        f"type heeft {difference}; gebruik 'herformuleerd' als de vraag anders "
                        "gemeten wordt"
                    ),
                )
            )
    return problems


def catalogue_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.yaml"))


def publication_order(documents: list[CatalogueDocument]) -> list[CatalogueDocument]:
    """Earlier versions first (by date, then slug), and always after the version they
    continue when that one is in the same batch."""
    pending = sorted(documents, key=lambda doc: (doc.data["published"], doc.data["slug"]))
    ordered: list[CatalogueDocument] = []
    while pending:
        waiting = {doc.data["slug"] for doc in pending}
        ready = next(
            (doc for doc in pending if doc.data.get("continues") not in waiting),
            pending[0],  # a cycle: let publishing report it
        )
        pending.remove(ready)
        ordered.append(ready)
    return ordered


def catalogue_load_documents(
    *, documents: list[CatalogueDocument], published_by: Any | None = None
) -> list[PublishResult]:
    """Publish checked documents in publication order, all or nothing."""
    with transaction.atomic():
        return [
            catalogue_version_publish(document=document, published_by=published_by)
            for document in publication_order(documents)
        ]


def catalogue_load_directory(
    *, directory: Path, published_by: Any | None = None
) -> list[PublishResult]:
    """Publish every catalogue file in a directory, earlier versions first.

    All files are checked before anything is written; one broken file loads nothing.
    """
    documents = [read_catalogue_file(path) for path in catalogue_files(directory)]
    return catalogue_load_documents(documents=documents, published_by=published_by)
