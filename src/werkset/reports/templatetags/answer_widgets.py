from typing import Any

from django import template
from django.utils.safestring import SafeString

from werkset.reports.widgets import (
    Discussion,
    answer_form_html,
    comments_html,
    indicator_list_html,
    practice_items_html,
    quotes_html,
    section_text_html,
)

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


def _discussion(context: Any) -> Discussion:
    return Discussion(
        report_id=context["report"].pk,
        theme_key=context["theme"].key,
        can_edit=bool(context.get("can_edit")),
        can_comment=bool(context.get("can_comment")),
        csrf_token=str(context.get("csrf_token") or ""),
    )


@register.simple_tag(takes_context=True)
def indicator_list(context: Any, element_view: Any) -> SafeString:
    """{% indicator_list element_view %}: the items of an element's indicator list."""
    return indicator_list_html(
        answers=element_view.answers,
        states=context["states"],
        catalogue_version=context["report"].catalogue_version,
        answer_comments=context["view"].answer_comments,
        discussion=_discussion(context),
        show_discussion=bool(context.get("show_discussion")),
        frequency_periods=context.get("frequency_periods") or [],
    )


@register.simple_tag(takes_context=True)
def theme_comments(context: Any, comments: Any) -> SafeString:
    """{% theme_comments comments %}: the comments on the theme itself, and the form."""
    return comments_html(comments=comments, answer=None, discussion=_discussion(context))


def _place(context: Any) -> dict[str, Any]:
    """Where practice items and quotes are shown: the report, the theme, who may edit."""
    return {
        "report_id": context["report"].pk,
        "theme_key": context["theme"].key,
        "can_edit": bool(context.get("can_edit")),
    }


@register.simple_tag(takes_context=True)
def practice_items(context: Any, items: Any) -> SafeString:
    """{% practice_items items %}: the "From practice" boxes (reports.widgets)."""
    return practice_items_html(items=items, **_place(context))


@register.simple_tag(takes_context=True)
def quotes(context: Any, items: Any) -> SafeString:
    """{% quotes items %}: the quotes (reports.widgets)."""
    return quotes_html(quotes=items, **_place(context))
