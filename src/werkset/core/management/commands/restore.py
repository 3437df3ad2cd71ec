from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from werkset.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Zet een reservekopie van werkset terug in een lege installatie."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            with path.open("rb") as source:
                manifest = backup_restore(source=source)
        except OSError as exc:
            raise CommandError(f"{path} kan niet gelezen worden: {exc.strerror}.") from exc
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        total = sum(manifest["counts"].values())
        self.stdout.write(f"Reservekopie van {manifest['created_at']} teruggezet: {total} records.")
