from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from werkset.regions.services import RegionsFileError, regions_load


class Command(BaseCommand):
    help = "Regio's: 'werkset regions load' laadt de netwerken, regio's en organisaties."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load", help="Laad het regiobestand (idempotent).")
        load.add_argument("--file", default=str(settings.WERKSET_REGIONS_FILE))

    def handle(self, *args: Any, **options: Any) -> None:

        try:
            result = regions_load(path=Path(options["file"]))
        except RegionsFileError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Regio's geladen: {result.networks} netwerken, {result.regions} regio's, "
            f"{result.organisations} organisaties ({result.created} nieuw)."
        )
