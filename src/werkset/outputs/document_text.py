"""The fixed words and text helpers of a report's documents, shared by both variants.

The questionnaire (document.py, document_model.py) and the report (story*.py) say the same
things in the same words and write dates, anchors and Markdown the same way; this module
is the one place for that, so neither variant has to import the other's assembly.
"""

from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from werkset.core.markdown import markdown_to_html
from werkset.reports.models import Report

DOCUMENT_LANGUAGE = "nl"


def withdrawn_words(report: Report) -> dict[str, str]:
    """A withdrawn report's documents say so where a concept's say it is a concept (the mark
    on every page and the notice; issue 19). The national role, not a person, is named."""
    if not report.is_withdrawn:
        return {}
    return {
        "concept": _("WITHDRAWN"),
        "concept_notice": _(
            "Withdrawn on %(date)s by the national network, reason: %(reason)s. This report "
            "no longer counts in any comparison."
        )
        % {"date": _local_date(report.withdrawn_at), "reason": report.withdrawal_reason},
    }


def _markdown(text: str) -> SafeString:
    """Catalogue and report Markdown, sanitised by core.markdown (nh3), hence safe."""
    return mark_safe(markdown_to_html(text or ""))  # noqa: S308 (sanitised by nh3)


def _anchor(*parts: str) -> str:
    return "-".join(part.replace(".", "-").replace("_", "-") for part in parts)


def _local_date(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return date_format(timezone.localtime(moment), "j F Y")


def document_words() -> dict[str, str]:
    """The fixed words of the document (chapter names, labels), in the active language."""
    return {
        "document": _("Quality and impact indicators"),
        "contents": _("Contents"),
        "introduction": _("Introduction"),
        "elements_intro": _("The report is built on the same three elements for every theme:"),
        "appendix_context": _("Appendix 1: National context"),
        "appendix_overview": _("Appendix 2: Overview of indicators"),
        "appendix_framing": _("Appendix 3: Accountability of the indicator set"),
        "sources": _("Sources"),
        "colophon": _("Colophon"),
        "concept": _("CONCEPT"),
        "from_practice": _("From practice"),
        "source": _("Source"),
        "answer": _("Answer"),
        "not_answered": _("Not answered yet"),
        "answered": _("answered"),
        "open": _("open"),
        "goal": _("Aim"),
        "expected_value": _("Expected value"),
        "region": _("Region"),
        "network": _("Regional network"),
        "period": _("Period"),
        "status": _("Status"),
        "version": _("Version"),
        "finalised_on": _("Finalised on"),
        "printed_on": _("Printed on"),
        "catalogue": _("Instrument"),
        "indicator": _("Indicator"),
        "no_sources": _("No sources have been recorded for this report."),
        "concept_notice": _(
            "This is a concept: the report has not been finalised by the regional network "
            "and may still change."
        ),
        "overview_intro": _(
            "The indicators per theme and element; “answered” means the region has given a "
            "complete answer (which may be “unknown” or “not applicable”)."
        ),
        "context_intro": _(
            "The aim of each theme and the value it is expected to bring, as the instrument "
            "describes them."
        ),
    }
