import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from werkset.catalogue.models import CatalogueVersion
from werkset.catalogue.selectors import catalogue_document, catalogue_version_document
from werkset.catalogue.services import catalogue_load_directory, catalogue_load_documents
from werkset.catalogue.validation import CatalogueFileError, read_catalogue_file


class Command(BaseCommand):
    help = (
        "De catalogus: 'load' publiceert catalogusbestanden, 'check' controleert een bestand, "
        "'export --format json' schrijft de catalogus naar standaarduitvoer."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load", help="Publiceer de catalogusbestanden (idempotent).")
        load.add_argument("files", nargs="*", help="Bestanden; standaard alle in de datamap.")
        check = sub.add_parser("check", help="Controleer catalogusbestanden zonder te laden.")
        check.add_argument("files", nargs="+")
        export = sub.add_parser("export", help="Schrijf de catalogus als JSON.")
        export.add_argument("--format", choices=["json"], default="json")
        export.add_argument("--version", dest="slug", help="Alleen deze versie (slug).")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        try:
            if action == "load":
                self._load(options["files"])
            elif action == "check":
                for name in options["files"]:
                    document = read_catalogue_file(Path(name))
                    self.stdout.write(f"{document.file_name}: in orde.")
            else:
                self._export(options["slug"])
        except CatalogueFileError as exc:
            raise CommandError(str(exc)) from exc

    def _load(self, files: list[str]) -> None:
        if files:
            documents = [read_catalogue_file(Path(name)) for name in files]
            results = catalogue_load_documents(documents=documents)
        else:
            results = catalogue_load_directory(directory=settings.WERKSET_CATALOGUE_DIR)
        for result in results:
            state = "gepubliceerd" if result.created else "ongewijzigd, al gepubliceerd"
            count = result.version.indicators.count()
            self.stdout.write(f"{result.version.slug}: {state} ({count} indicatoren).")

    def _export(self, slug: str | None) -> None:
        if slug:
            try:
                version = CatalogueVersion.objects.get(slug=slug)
            except CatalogueVersion.DoesNotExist as exc:
                raise CommandError(f"Catalogusversie '{slug}' bestaat niet.") from exc
            document = catalogue_version_document(version=version)
        else:
            document = catalogue_document()
        self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
