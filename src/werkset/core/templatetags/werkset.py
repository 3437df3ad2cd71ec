from django import template
from django.utils.safestring import SafeString, mark_safe

from werkset.core.markdown import markdown_to_html

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    """Render Markdown; the output is sanitised by nh3, so it is safe to mark as such."""
    return mark_safe(markdown_to_html(text))  # noqa: S308 (sanitised above)


@register.filter(name="value_category")
def value_category_filter(version: object, key: str) -> str:
    """The title of a value category (Kwaliteit, Efficiëntie, ...) in a catalogue version."""
    return version.value_category_title(key)  # type: ignore[attr-defined]


@register.filter(name="get_item")
def get_item(mapping: dict, key: object) -> object:
    """mapping[key] in a template (None when missing)."""
    return mapping.get(key)
