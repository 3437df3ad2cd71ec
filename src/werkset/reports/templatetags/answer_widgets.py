from typing import Any

from django import template
from django.utils.safestring import SafeString

from werkset.reports.widgets import answer_form_html, section_text_html

register = template.Library()


@register.simple_tag(takes_context=True)
def answer_form(context: Any, state: Any) -> SafeString:
    """{% answer_form state %}: the answer form of one indicator (reports.widgets)."""
    return answer_form_html(
        state=state,
        report_id=context["report"].pk,
        csrf_token=str(context.get("csrf_token") or ""),
        frequency_periods=context.get("frequency_periods") or [],
    )


@register.simple_tag(takes_context=True)
def section_text(context: Any, section: Any, element_key: str | None = None) -> SafeString:
    """{% section_text section element_key %}: a theme's or element's running text."""
    return section_text_html(
        section=section,
        report_id=context["report"].pk,
        theme_key=context["theme"].key,
        element_key=element_key,
        can_edit=bool(context.get("can_edit")),
        csrf_token=str(context.get("csrf_token") or ""),
    )
