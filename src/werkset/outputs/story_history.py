"""How the report came about (the `rapport` variant): its dated steps and the
organisations that took part, never people's names.

Read from the report's status changes, comments and answer changes; kept apart from
story.py because it is the one part of the report built from its history.
"""

from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from werkset.regions.models import Organisation
from werkset.reports.models import AnswerChange, Comment, Report, ReportStatus, StatusChange

from .document_model import ReportDocument
from .document_text import _local_date
from .story_model import HistoryEvent


def _history(
    report: Report, changes: list[StatusChange], organisations: dict[int, str]
) -> list[HistoryEvent]:
    """Dated steps from the report's own history; organisations, never people's names."""
    events = [HistoryEvent(_local_date(report.created_at), _("The report was started."))]
    messages: dict[str, str] = {
        ReportStatus.TER_BESPREKING: _(
            "The concept was put to the regional network for additions and factual corrections."
        ),
        ReportStatus.CONCEPT: _("The report went back to concept to be worked on."),
        ReportStatus.VOORGELEGD: _("The report was put to the regional network for decision."),
        ReportStatus.VASTGESTELD: _("The regional network finalised the report."),
        ReportStatus.INGETROKKEN: _("The national network withdrew the report."),
    }
    for change in changes:
        text = messages.get(change.to_status)
        # The first change (from no status to concept) is the start, said above.
        if text is None or not change.from_status:
            continue
        if change.to_status == ReportStatus.VASTGESTELD and report.decided_on:
            # The network's decision, as its chair or secretary recorded it (issue 19).
            text = _("%(who)s decided on the report at the meeting of %(date)s.") % {
                "who": report.decided_by,
                "date": date_format(report.decided_on, "j F Y"),
            }
        if change.to_status == ReportStatus.INGETROKKEN and change.note:
            text = _("The national network withdrew the report, reason: %(reason)s.") % {
                "reason": change.note.rstrip(".")
            }
        organisation = organisations.get(change.changed_by_id or 0)
        if organisation:
            text = _("%(text)s (recorded by %(organisation)s)") % {
                "text": text.rstrip("."),
                "organisation": organisation,
            }
        events.append(HistoryEvent(_local_date(change.changed_at), text))
    return events


def _participants(report: Report, questionnaire: ReportDocument) -> list[str]:
    """Organisations whose people answered, commented or moved the report on, and those
    whose perspective the answers give: who took part, without naming anyone."""
    user_ids = (
        Q(users__in=Comment.objects.filter(report=report).values("author"))
        | Q(users__in=AnswerChange.objects.filter(answer__report=report).values("changed_by"))
        | Q(users__in=StatusChange.objects.filter(report=report).values("changed_by"))
    )
    names = set(Organisation.objects.filter(user_ids).values_list("name", flat=True))
    for chapter in questionnaire.chapters:
        for element in chapter.elements:
            for entry in element.indicators:
                names.update(name for name, _text in entry.perspectives)
    return sorted(names, key=str.casefold)
