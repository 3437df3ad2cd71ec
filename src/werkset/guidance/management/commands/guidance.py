from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from werkset.guidance.loader import DATA_DIR, ReferenceFileError, read_reference_directory


class Command(BaseCommand):
    help = (
        "De referentieteksten: 'check' controleert de bestanden in de datamap (of een andere map)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser("check", help="Controleer de bestanden met referentieteksten.")
        check.add_argument("directory", nargs="?", default=str(DATA_DIR))

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            library = read_reference_directory(Path(options["directory"]))
        except ReferenceFileError as exc:
            raise CommandError(str(exc)) from exc
        for guidance in library.sets:
            self.stdout.write(
                f"{guidance.file_name}: in orde ({len(guidance.texts)} teksten, "
                f"versie {guidance.version})."
            )
        for framing in library.framings:
            self.stdout.write(
                f"{framing.file_name}: in orde (kader bij {framing.catalogue}, "
                f"versie {framing.version})."
            )
