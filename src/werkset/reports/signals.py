"""Hooks that run inside a report's transaction (unlike the domain events of events.py,
which are delivered after the commit).

`version_started` lets another app copy its own rows of a report to a new version in the
same transaction as the answers and the story are copied (reports/workflow.py
`report_correct`): the new version has everything or, when something fails, does not exist.
Receivers get `old` and `new` (Report rows) and must only write their own rows.
"""

from django.dispatch import Signal

version_started = Signal()
