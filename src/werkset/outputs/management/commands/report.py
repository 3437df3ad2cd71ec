import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from werkset.outputs.problems import ImportRefused, problems_listed
from werkset.outputs.services import FORMATS, report_export
from werkset.outputs.upload_limits import archive_size_check, upload_size_check
from werkset.outputs.variants import DEFAULT_VARIANT, DocumentVariant
from werkset.privacy.selectors import report_uncleared_hits
from werkset.reports.models import Report


class Command(BaseCommand):
    help = (
        "Rapportages: 'list --format json', 'export --region CODE --period PERIODE "
        "--format pdf|docx|xlsx|json -o BESTAND', 'import BESTAND' (.xlsx of .json)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list", help="Toon de rapportages.")
        listing.add_argument("--format", choices=["json", "text"], default="text")
        export = sub.add_parser("export", help="Schrijf een rapportage naar een bestand.")
        export.add_argument("--region", required=True, help="Regiocode, bijv. friesland")
        export.add_argument("--period", required=True, help="Periode, bijv. 2025 of 2025-H1")
        export.add_argument("--catalogue", help="Catalogusversie (slug); standaard de nieuwste")
        export.add_argument("--version", type=int, help="Rapportageversie; standaard de nieuwste")
        export.add_argument("--format", choices=sorted(FORMATS), required=True)
        export.add_argument(
            "--variant",
            choices=DocumentVariant.values,
            default=DEFAULT_VARIANT,
            help="Indeling van PDF en Word: rapport (standaard) of vragenlijst",
        )
        export.add_argument("-o", "--output", required=True, help="Bestand, of - voor stdout")
        importing = sub.add_parser("import", help="Lees een werkmap (.xlsx) of JSON-archief in.")
        importing.add_argument("file")
        importing.add_argument(
            "--keep-status",
            action="store_true",
            help=(
                "Zet een archief van een rapportage ter bespreking of vastgesteld terug met die "
                "status, buiten de werkwijze om (alleen bij het verhuizen van gegevens)."
            ),
        )
        importing.add_argument(
            "--map-users",
            action="store_true",
            help=(
                "Koppel de gebruikersnamen in een archief aan de accounts met dezelfde naam "
                "hier (onbekende namen worden inactieve accounts); alleen bij het verhuizen "
                "van een installatie. Zonder deze optie blijven de namen uit het archief "
                "alleen als tekst bewaard en wordt niets aan een account hier gekoppeld."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"_{options['action']}")(options)

    def _list(self, options: dict[str, Any]) -> None:
        reports = (
            Report.objects.filter(removed_at__isnull=True)  # a removed concept is gone
            .select_related("region", "network", "catalogue_version")
            .order_by("region__position", "period", "catalogue_version__published_on", "number")
        )
        rows = [
            {
                "region": report.region.code if report.region else None,
                "network": report.network.code,
                "period": report.period,
                "catalogue_version": report.catalogue_version.slug,
                "status": report.status,
                "version": report.number,
            }
            for report in reports
        ]
        if options["format"] == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for row in rows:
            self.stdout.write(
                f"{row['region']:<30} {row['period']:<8} {row['catalogue_version']:<16} "
                f"v{row['version']:<3} {row['status']}"
            )

    def _export(self, options: dict[str, Any]) -> None:
        reports = Report.objects.filter(
            region__code=options["region"], period=options["period"], removed_at__isnull=True
        ).select_related("region", "network", "catalogue_version")
        if options["catalogue"]:
            reports = reports.filter(catalogue_version__slug=options["catalogue"])
        if options["version"]:
            reports = reports.filter(number=options["version"])
        report = reports.order_by("-catalogue_version__published_on", "-number").first()
        if report is None:
            raise CommandError(
                f"Geen rapportage gevonden voor regio '{options['region']}' en periode "
                f"'{options['period']}'. 'werkset report list' toont wat er is."
            )
        exported = report_export(
            report=report, fmt=options["format"], user=None, variant=options["variant"]
        )
        if options["output"] == "-":
            self.stdout.buffer.write(exported.content)  # type: ignore[attr-defined]
            return
        Path(options["output"]).write_bytes(exported.content)
        self.stdout.write(f"{report} geschreven naar {options['output']} ({options['format']}).")

    def _import(self, options: dict[str, Any]) -> None:
        # Here, not at the top: only an import needs openpyxl and jsonschema (no cycle).
        from werkset.outputs.archive_import import report_json_import
        from werkset.outputs.excel_import import report_workbook_import

        path = Path(options["file"])
        try:
            # The size first: a file over the limit is not even read into memory.
            size = path.stat().st_size
            if path.suffix.lower() == ".json":
                archive_size_check(size)
            else:
                upload_size_check(size)
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{path} kan niet gelezen worden: {exc.strerror}.") from exc
        except ImportRefused as exc:
            raise self._refused(path, exc) from exc
        try:
            if path.suffix.lower() == ".xlsx":
                result = report_workbook_import(data=data, user=None)
                for warning in problems_listed(result.warnings):
                    self.stderr.write(warning)
                self.stdout.write(
                    f"Werkmap ingelezen: {result.changed} antwoord(en) gewijzigd, "
                    f"{result.unchanged} ongewijzigd."
                )
            elif path.suffix.lower() == ".json":
                report = report_json_import(
                    data=data,
                    user=None,
                    keep_status=options["keep_status"],
                    map_users=options["map_users"],
                )
                self.stdout.write(f"Rapportage {report} ingelezen.")
                self._privacy_hits(report)
            else:
                raise CommandError(
                    "Alleen .xlsx-werkmappen en .json-archieven kunnen worden ingelezen."
                )
        except ImportRefused as exc:
            raise self._refused(path, exc) from exc

    def _privacy_hits(self, report: Report) -> None:
        """What the privacy guard flags in the imported texts and the archive did not clear
        (issue 17: every text is scanned when it is saved, an import too)."""
        for item in report_uncleared_hits(report=report):
            self.stderr.write(
                f"Let op, lijkt op persoonsgegevens ({item.kind_label}): "
                f"“{item.hit.text}” in {item.place}."
            )

    def _refused(self, path: Path, exc: ImportRefused) -> CommandError:
        lines = "\n".join(f"  {line}" for line in problems_listed(exc.problems))
        return CommandError(
            f"{path.name} is niet ingelezen; er is niets gewijzigd. "
            f"{len(exc.problems)} probleem/problemen:\n{lines}"
        )
