"""The privacy guard for the report texts the improvement cycle shows and keeps.

An evaluation keeps a snapshot of the figures of the network's reports, with each answer's
explanation (issue 17, finding 5: a snapshot copied a concept answer with a BSN and a
phone number, and still showed them after the report was cleaned and finalised). The one
rule that guarantees that personal data flagged in concept text never outlives the
cleaning of that text:

    An explanation in which the privacy guard finds anything its report has not cleared
    is never copied and never shown: in its place stands WITHHELD.

It is applied twice, with the same function:
- when the snapshot is taken (and when the live figures are shown): the flagged text is
  not copied; the row says `withheld` and the person recording the evaluation is told
  why. So flagged text never enters a snapshot, and cleaning the report later has
  nothing left to reach.
- when a stored snapshot is shown: it is scanned again, so what an improved detector
  flags later, or what a snapshot stored before this rule holds, is not shown either.

A hit the rapporteur cleared ("not personal data", PrivacyClearance) does not withhold
the text: the report itself would show it after finalising as well.
"""

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from werkset.privacy.detectors import scan
from werkset.privacy.models import PrivacyClearance

Clearances = dict[int, set[tuple[str, str]]]


def withheld_text() -> str:
    return _("[text left out: possibly personal data]")


def report_clearances(report_ids: Iterable[int | None]) -> Clearances:
    """Per report, the (kind, text) pairs its rapporteur cleared; one query."""
    cleared: Clearances = defaultdict(set)
    ids = {pk for pk in report_ids if pk}
    for report_id, kind, text in PrivacyClearance.objects.filter(report_id__in=ids).values_list(
        "report_id", "kind", "text"
    ):
        cleared[report_id].add((kind, text))
    return cleared


def explanation_flagged(text: str, cleared: set[tuple[str, str]]) -> bool:
    """Whether the guard finds personal data in `text` that was not cleared."""
    return any((hit.kind, hit.text) not in cleared for hit in scan(text or ""))


def snapshot_rows_guarded(
    rows: list[dict[str, Any]], clearances: Clearances
) -> list[dict[str, Any]]:
    """Stored snapshot rows as they may be shown: a flagged explanation replaced."""
    shown = []
    for row in rows:
        cleared = clearances.get(row.get("report_id") or 0, set())
        if not row.get("withheld") and explanation_flagged(row.get("explanation", ""), cleared):
            row = {**row, "explanation": withheld_text(), "withheld": True}
        shown.append(row)
    return shown


def withheld_count(rows: Iterable[dict[str, Any]]) -> int:
    return sum(1 for row in rows if row.get("withheld"))
