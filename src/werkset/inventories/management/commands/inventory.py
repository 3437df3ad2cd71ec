from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from werkset.inventories.instrument import DATA_DIR
from werkset.inventories.services import InventoryError, inventory_load


class Command(BaseCommand):
    help = "Landelijke inventarisaties: 'load' laadt instrumentbestanden (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load", help="Laad instrumentbestanden van soort inventarisatie.")
        load.add_argument("files", nargs="*", help="Bestanden; standaard alle in de datamap.")

    def handle(self, *args: Any, **options: Any) -> None:
        files = [Path(f) for f in options["files"]] or sorted(
            DATA_DIR.glob("inventarisatie-*.yaml")
        )
        for path in files:
            try:
                inventory, new = inventory_load(path=path)
            except InventoryError as exc:
                raise CommandError(str(exc)) from exc
            state = "geladen" if new else "al aanwezig"
            self.stdout.write(f"{inventory.title}: {state}.")
