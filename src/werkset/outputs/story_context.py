"""Bijlage 1 of the report (the `rapport` variant): each theme's national context as the
catalogue describes it, in a fixed order with Dutch labels.

Only catalogue text, nothing of the report itself; kept apart from story.py's assembly.
"""

from django.utils.translation import gettext as _

from werkset.catalogue.models import Theme

from .document_text import _markdown
from .story_model import ContextPart, ContextTheme

# A theme's context in the catalogue (catalogue.schema.json), in the order Bijlage 1 shows it.
CONTEXT_PARTS = (
    "introduction", "goal", "occasion", "form", "process_steps", "more_work", "less_work",
    "shifted_work", "expected_value", "impact",
)  # fmt: skip


def _context_label(key: str) -> str:
    labels = {
        "goal": _("Aim"),
        "occasion": _("Occasion"),
        "form": _("Form"),
        "process_steps": _("Process steps"),
        "more_work": _("More work"),
        "less_work": _("Less work"),
        "shifted_work": _("Shifted work"),
        "expected_value": _("Expected value"),
        "impact": _("Expected impact"),
    }
    return labels.get(key, "")


def _context_theme(number: int, theme: Theme) -> ContextTheme:
    parts = []
    for key in CONTEXT_PARTS:
        value = theme.context.get(key)
        if not value:
            continue
        text = "\n".join(f"- {line}" for line in value) if isinstance(value, list) else value
        parts.append(ContextPart(label=_context_label(key), markdown=text, html=_markdown(text)))
    return ContextTheme(number=number, title=theme.title, parts=parts)
