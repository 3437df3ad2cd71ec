import os
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
        # The archive holds password hashes and every concept: readable by the owner only,
        # and it appears under its name only when complete.
        partial = path.with_name(f".{path.name}.partial")
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(descriptor, "wb") as target:
                manifest = backup_write(target=target)
            partial.replace(path)
        finally:
            partial.unlink(missing_ok=True)
        total = sum(manifest["counts"].values())
        self.stdout.write(f"Reservekopie geschreven naar {path}: {total} records.")
