import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from werkset.catalogue.models import CatalogueVersion
from werkset.catalogue.selectors import catalogue_document, catalogue_version_document
from werkset.catalogue.services import (
    catalogue_files,
    catalogue_load_directory,
    catalogue_load_documents,
)
from werkset.catalogue.validation import (
    CatalogueFileError,
    check_against_earlier,
    read_catalogue_file,
)


class Command(BaseCommand):
    help = (
        "De catalogus: 'load' publiceert catalogusbestanden, 'check' controleert een bestand, "
        "'export --format json' schrijft de catalogus naar standaarduitvoer."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load", help="Publiceer de catalogusbestanden (idempotent).")
        load.add_argument("files", nargs="*", help="Bestanden; standaard alle in de datamap.")
        check = sub.add_parser(
            "check",
            help=(
                "Controleer catalogusbestanden zonder te laden, met hun errata tegen de versie "
                "die ze voortzetten; standaard alle in de datamap."
            ),
        )
        check.add_argument("files", nargs="*")
        export = sub.add_parser("export", help="Schrijf de catalogus als JSON.")
        export.add_argument("--format", choices=["json"], default="json")
        export.add_argument("--version", dest="slug", help="Alleen deze versie (slug).")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        try:
            if action == "load":
                self._load(options["files"])
            elif action == "check":
                self._check(options["files"])
            else:
                self._export(options["slug"])
        except CatalogueFileError as exc:
            raise CommandError(str(exc)) from exc

    def _check(self, files: list[str]) -> None:
        """Every file alone, then the errata of each against the version it continues
        (looked up among the files, else in the data directory)."""
        directory = Path(settings.WERKSET_CATALOGUE_DIR)
        paths = [Path(name) for name in files] or catalogue_files(directory)
        documents = [read_catalogue_file(path) for path in paths]
        known = {document.data["slug"]: document for document in documents}
        for path in catalogue_files(directory):
            if path.resolve() not in {p.resolve() for p in paths}:
                other = read_catalogue_file(path)
                known.setdefault(other.data["slug"], other)
        for document in documents:
            earlier = known.get(document.data.get("continues", ""))
            check_against_earlier(document, earlier.data if earlier else None)
            errata = len(document.data.get("errata", []))
            suffix = f" ({errata} errata)" if errata else ""
            self.stdout.write(f"{document.file_name}: in orde{suffix}.")

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
