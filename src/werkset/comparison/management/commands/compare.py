import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from werkset.accounts.models import Role
from werkset.accounts.scope import Scope
from werkset.comparison.exports import csv_text, jsonable, period_export, rows_as_dicts
from werkset.comparison.selectors.entries import catalogue_versions, lens_default, period_overview
from werkset.reports.models import validate_period

# The command speaks for the national network: finalised reports only, never a concept.
NATIONAL = Scope(
    frozenset({Role.LANDELIJK.value}), frozenset(), frozenset(), frozenset(), frozenset()
)


class Command(BaseCommand):
    help = (
        "Vergelijkingen: 'export --period PERIODE --format csv|json' schrijft alle "
        "vergelijkingen van een periode (alleen vastgestelde rapportages) naar standaarduitvoer."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="Schrijf de vergelijkingen van een periode.")
        export.add_argument("--period", required=True, help="Bijvoorbeeld 2024 of 2024-H1.")
        export.add_argument("--format", choices=["csv", "json"], default="csv")
        export.add_argument(
            "--version",
            dest="slug",
            help=(
                "Lees alles in de vragen van deze catalogusversie (slug); standaard de nieuwste "
                "versie die de rapportages van de periode gebruiken."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        period = options["period"]
        try:
            validate_period(period)
        except Exception as exc:
            raise CommandError(f"Ongeldige periode: {period}") from exc
        versions = catalogue_versions()
        if not versions:
            raise CommandError("Laad eerst de catalogus: werkset catalog load")
        if options.get("slug"):
            catalogue = next((v for v in versions if v.slug == options["slug"]), None)
            if catalogue is None:
                raise CommandError(f"Catalogusversie '{options['slug']}' bestaat niet.")
        else:
            in_use = period_overview(scope=NATIONAL).versions.get(period, set())
            catalogue = lens_default(versions=versions, in_use=in_use) or versions[-1]
        tables = period_export(
            scope=NATIONAL, period=period, catalogue=catalogue, versions=versions
        )
        if options["format"] == "json":
            document = {
                "period": period,
                "catalogue": catalogue.slug,
                **{name: rows_as_dicts(table) for name, table in tables.items()},
            }
            self.stdout.write(json.dumps(jsonable(document), ensure_ascii=False, indent=2))
            return
        for index, (name, table) in enumerate(tables.items()):
            if index:
                self.stdout.write("")
            self.stdout.write(f"# {name}")
            self.stdout.write(csv_text(table.headers, table.rows), ending="")
