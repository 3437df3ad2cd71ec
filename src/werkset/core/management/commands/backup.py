import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from werkset.core.backup import backup_write


class Command(BaseCommand):
    help = "Schrijft een consistente reservekopie (database en bestanden) naar een zip-bestand."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("-o", "--output", required=True, help="Zip-bestand, of - voor stdout")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["output"] == "-":
            backup_write(target=sys.stdout.buffer)
            return
        path = Path(options["output"])
        with path.open("wb") as target:
            manifest = backup_write(target=target)
        total = sum(manifest["counts"].values())
        self.stdout.write(f"Reservekopie geschreven naar {path}: {total} records.")
