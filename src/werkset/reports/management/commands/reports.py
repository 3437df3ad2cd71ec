"""`werkset reports purge`: delete for good the concepts removed more than 30 days ago.

Run it daily (deploy/systemd/werkset-purge.timer; docs/deploy.md): a removed concept is
restorable until then (reports/undo.py, ADR 20)."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from werkset.reports.policy import REMOVED_KEPT_DAYS
from werkset.reports.undo import reports_purge


class Command(BaseCommand):
    help = (
        f"Rapportages: 'purge' verwijdert concepten die langer dan {REMOVED_KEPT_DAYS} dagen "
        "geleden zijn verwijderd definitief (met alles erin); elke verwijdering staat in het "
        "auditlog."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        purge = sub.add_parser("purge", help="Verwijder oude verwijderde concepten definitief.")
        purge.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        result = reports_purge()
        if options["format"] == "json":
            self.stdout.write(
                json.dumps({"purged": result.purged, "reports": list(result.report_ids)})
            )
            return
        self.stdout.write(f"{result.purged} verwijderde concept(en) definitief verwijderd.")
