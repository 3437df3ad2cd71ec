"""Reading the published catalogue."""

from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from .models import CatalogueVersion, Element, Indicator, Theme


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
