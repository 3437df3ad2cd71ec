"""{% partial "app/_widget.html" name=value %}: a Jinja2 partial inside a Django template.

The partial is a template like any other (ADR 0015); this tag only renders it with the
values given and the page's request, so that csrf_input and request are there too."""

from typing import Any

from django import template
from django.template import engines
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from werkset.core.jinja2env import translator

register = template.Library()


@register.simple_tag(takes_context=True)
def partial(context: template.Context, name: str, **values: Any) -> SafeString:
    # `_()` and {% trans %} in the request's language, without asking for it per text.
    translate = translator(get_language())
    values.setdefault("_", translate)
    values.setdefault("gettext", translate)
    rendered = engines["jinja2"].get_template(name).render(values, request=context.get("request"))
    return mark_safe(rendered)  # noqa: S308 (Jinja2 escaped every value in the partial)
