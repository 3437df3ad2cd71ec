"""`werkset bench`: build a realistic database in a temporary place and measure (issue 9).

The command makes a temporary PostgreSQL database (werkset_bench_<pid>; a temporary SQLite
file when no server answers), runs the build and the measurements in a child process whose
DATABASE_URL points there, and drops the database afterwards whatever happens. The child
and the gunicorn of the load run use production's settings (werkset.bench.settings), with a
throwaway secret key, loopback host names and the static files collected into a temporary
folder, so the app is measured as production serves it.
"""

import argparse
import json
import os
import platform
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection
from django.test import override_settings
from django.urls import NoReverseMatch, reverse

from werkset.bench import data as bench_data
from werkset.bench import measure
from werkset.bench.load import load_run
from werkset.bench.synthesis import SYNTHESIS_SECONDS, synthesis_times

POSTGRES = {"host": "127.0.0.1", "port": 5432, "user": "postgres", "dbname": "postgres"}
SETTINGS = "werkset.bench.settings"
# Issue 16: every page at most 4x the baseline with templates and the ORM; pages above 3x are
# named (the earlier target, reached by writing around Django), and docs/bench.md says why.
TARGETS = {
    "page_ratio": 4.0,
    "page_ratio_note": 3.0,
    "pdf_ratio": 1.25,
    "pdf_seconds": 5.0,
    "excel_seconds": 2.0,
    "synthesis_seconds": SYNTHESIS_SECONDS,
    # Issue 24: a kennisbank search over 25 regions x 10 periods, server time on PostgreSQL.
    "knowledge_ms": 100.0,
}


def _postgres_create(name: str) -> bool:
    try:
        import psycopg
        from psycopg import sql

        with psycopg.connect(**POSTGRES, autocommit=True, connect_timeout=3) as conn:  # type: ignore[arg-type]
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except Exception as exc:  # any failure: fall back to SQLite
        sys.stderr.write(f"PostgreSQL niet bereikbaar ({exc}); SQLite wordt gebruikt.\n")
        return False
    return True


def _postgres_drop(name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(**POSTGRES, autocommit=True, connect_timeout=3) as conn:  # type: ignore[arg-type]
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def _default_out() -> Path:
    return Path(settings.DATA_DIR) / "bench.json"


def _production_environment(temp_dir: str) -> dict[str, str]:
    """What production's settings ask of the environment, for a run on loopback: a
    throwaway secret key, the loopback host names, static files in the temporary folder,
    and no HTTPS redirect (the load driver speaks plain HTTP; production has a TLS proxy)."""
    return {
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "WERKSET_ENVIRONMENT": "production",
        "WERKSET_SECRET_KEY": secrets.token_urlsafe(64),
        "WERKSET_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "WERKSET_SSL_REDIRECT": "0",
        "WERKSET_STATIC_ROOT": str(Path(temp_dir) / "static"),
    }


class Command(BaseCommand):
    help = "Meet servertijden, queries, documenten, import en belasting op een tijdelijke database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--regions", type=int, default=25)
        parser.add_argument("--periods", type=int, default=10)
        parser.add_argument("--small-regions", type=int, default=5)
        parser.add_argument("--small-periods", type=int, default=2)
        parser.add_argument("--runs", type=int, default=30, help="runs per page (median)")
        parser.add_argument("--users", type=int, default=50)
        parser.add_argument("--load-seconds", type=float, default=20)
        parser.add_argument(
            "--workers", type=int, default=0, help="gunicorn workers (default: CPUs + 1)"
        )
        parser.add_argument("--no-load", action="store_true", help="skip the load run")
        parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
        parser.add_argument("--database-note", default="", help=argparse.SUPPRESS)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["inner"]:
            self._inner(options)
            return
        out = Path(os.environ.get("BENCH_OUT") or _default_out()).resolve()
        out.parent.mkdir(parents=True, exist_ok=True)
        name = f"werkset_bench_{os.getpid()}"
        temp_dir = tempfile.mkdtemp(prefix="werkset-bench-")
        env = {**os.environ, **_production_environment(temp_dir), "BENCH_OUT": str(out)}
        if not options["workers"]:
            # gunicorn's rule of thumb is 2 per core + 1; here the database and the load
            # driver share the cores with the workers, and CPUs + 1 served the most (bench.md).
            options["workers"] = (os.cpu_count() or 1) + 1
        postgres = _postgres_create(name)
        if postgres:
            env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{name}"
            note = f"postgresql ({name}, tijdelijk)"
        else:
            env["DATABASE_URL"] = f"sqlite:///{temp_dir}/bench.sqlite3"
            note = "sqlite (tijdelijk bestand; PostgreSQL niet bereikbaar)"
            options["workers"] = 1
        forwarded = [
            f"--{key.replace('_', '-')}={options[key]}"
            for key in (
                "regions",
                "periods",
                "small_regions",
                "small_periods",
                "runs",
                "users",
                "load_seconds",
                "workers",
            )
        ]
        if options["no_load"]:
            forwarded.append("--no-load")
        try:
            subprocess.run(  # noqa: S603 (our own command, fixed arguments)
                [
                    sys.executable,
                    "-m",
                    "werkset",
                    "bench",
                    "--inner",
                    f"--database-note={note}",
                    *forwarded,
                ],
                env=env,
                check=True,
            )
        finally:
            if postgres:
                _postgres_drop(name)
            shutil.rmtree(temp_dir, ignore_errors=True)
        self.stdout.write(f"JSON: {out}")

    def _inner(self, options: dict[str, Any]) -> None:
        say = self.stderr.write
        say(f"instellingen {settings.SETTINGS_MODULE}; statische bestanden verzamelen ...")
        call_command("collectstatic", verbosity=0, interactive=False)
        say("migreren ...")
        call_command("migrate", verbosity=0, interactive=False)
        with override_settings(ROOT_URLCONF="werkset.bench.urls"):
            say(f"opbouwen klein: {options['small_regions']} regio's x {options['small_periods']}")
            small = bench_data.bench_data_build(
                regions=options["small_regions"], periods=options["small_periods"]
            )
            page_list, missing = measure.pages(small)
            queries_small = measure.query_counts(page_list)
            say(f"opbouwen groot: {options['regions']} regio's x {options['periods']}")
            large = bench_data.bench_data_build(
                regions=options["regions"], periods=options["periods"]
            )
            # A database in use has planner statistics (autovacuum gathers them within a
            # minute of a bulk load); without them PostgreSQL guesses one row per table and
            # reads the theme's practice items of every report to find this report's.
            say("statistieken bijwerken (ANALYZE) ...")
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            page_list, missing = measure.pages(large)
            queries_large = measure.query_counts(page_list)
            say(f"servertijden ({options['runs']} runs per pagina) ...")
            times = measure.server_times(page_list, runs=options["runs"])
            say("PDF, DOCX, Excel-import ...")
            pdf = measure.pdf_times(large.final_report)
            say("PDF van het netwerkrapport Noord-Nederland 2022 (seed 001) ...")
            pdf_network = measure.pdf_times(bench_data.seed_network_report())
            docx = measure.docx_time(large.final_report)
            excel = measure.excel_import_time(large.concept_report, large.rapporteur)
            say(f"landelijke synthese {large.period} ({large.regions} regio's) ...")
            synthesis = synthesis_times(large)
            load: dict[str, Any] | None = None
            if not options["no_load"]:
                say(f"belasting: {options['users']} gebruikers, {options['load_seconds']} s ...")
                comparison = [
                    p.path for p in page_list if p.user == large.landelijk and "api" not in p.path
                ]
                load = load_run(
                    large,
                    users=options["users"],
                    seconds=options["load_seconds"],
                    workers=options["workers"],
                    comparison_pages=comparison,
                )
            try:
                comparison_present = bool(reverse("comparison:index"))
            except NoReverseMatch:
                comparison_present = False
        result = {
            "machine": {
                "platform": platform.platform(),
                "python": platform.python_version(),
                "cpus": os.cpu_count(),
                "database": f"{connection.vendor} {_db_version()}",
                "database_note": options["database_note"],
                "settings": settings.SETTINGS_MODULE,
                "debug": settings.DEBUG,
                "workers": options["workers"],
                "regions": large.regions,
                "reports": large.reports,
                "small": {"regions": small.regions, "periods": options["small_periods"]},
                "comparison_app": comparison_present,
            },
            "pages": [
                {
                    "name": page.name,
                    "path": page.path,
                    "median_ms": round(times.median_ms[page.name], 2),
                    "baseline_ratio": round(times.baseline_ratio[page.name], 2),
                    "queries_small": queries_small.get(page.name),
                    "queries_large": queries_large[page.name],
                }
                for page in page_list
            ],
            "missing_pages": missing,
            "pdf": {k: round(v, 3) for k, v in pdf.items()},
            "pdf_network": {k: round(v, 3) for k, v in pdf_network.items()},
            "docx": {"seconds": round(docx, 3)},
            "excel_import": {k: round(v, 3) for k, v in excel.items()},
            "synthesis": {
                k: round(v, 3) if isinstance(v, float) else v for k, v in synthesis.items()
            },
            "load": load,
            "targets": TARGETS,
        }
        out = Path(os.environ.get("BENCH_OUT") or _default_out())
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
        self.stdout.write(report_table(result))


def _db_version() -> str:
    if connection.vendor == "postgresql":
        return ".".join(str(part) for part in divmod(connection.pg_version, 10000))  # type: ignore[attr-defined]
    return "sqlite"


def _mark(ok: bool) -> str:
    return "ok" if ok else "MIS"


def report_table(result: dict[str, Any]) -> str:
    """The results as a plain-text table with every target marked ok or MIS."""
    lines = [
        f"werkset bench: {result['machine']['database_note']}, "
        f"{result['machine']['reports']} rapportages, {result['machine']['cpus']} cpu's",
        "",
        f"{'pagina':34} {'mediaan ms':>11} {'x basis':>8} {'q klein':>8} {'q groot':>8}  doel",
    ]
    for page in result["pages"]:
        ok = page["baseline_ratio"] <= TARGETS["page_ratio"] or page["name"] == measure.BASELINE
        ok = ok and page["queries_small"] == page["queries_large"]
        if page["name"] == measure.KNOWLEDGE_PAGE:
            ok = ok and page["median_ms"] < TARGETS["knowledge_ms"]
        note = " (boven 3x)" if page["baseline_ratio"] > TARGETS["page_ratio_note"] else ""
        lines.append(
            f"{page['name']:34} {page['median_ms']:11.1f} {page['baseline_ratio']:8.2f} "
            f"{page['queries_small']!s:>8} {page['queries_large']!s:>8}  {_mark(ok)}{note}"
        )
    for name in result["missing_pages"]:
        lines.append(f"{name:34} {'(bestaat niet)':>11}")
    docx, excel = result["docx"], result["excel_import"]
    lines.append("")
    for key, label in (("pdf", "rapport"), ("pdf_network", "netwerkrapport seed 001")):
        if pdf := result.get(key):
            pdf_ok = (
                pdf["weasyprint_ratio"] <= TARGETS["pdf_ratio"]
                and pdf["seconds"] < TARGETS["pdf_seconds"]
            )
            lines.append(
                f"PDF ({label}, {pdf.get('pages', '?')} p.) {pdf['seconds']:.2f} s (WeasyPrint "
                f"alleen {pdf['weasyprint_seconds']:.2f} s, x {pdf['weasyprint_ratio']:.2f})  "
                f"{_mark(pdf_ok)}"
            )
    lines += [
        f"DOCX {docx['seconds']:.2f} s",
        f"Excel-import {excel['seconds']:.2f} s ({excel['changed']} antwoorden)  "
        f"{_mark(excel['seconds'] < TARGETS['excel_seconds'])}",
    ]
    synthesis = result.get("synthesis")
    if synthesis:
        slowest = max(synthesis.get("pdf_seconds", 0), synthesis.get("docx_seconds", 0))
        ok = synthesis["made"] and slowest < TARGETS["synthesis_seconds"]
        regions = result["machine"].get("regions", "?")
        lines.append(
            f"synthese {synthesis['period']} ({regions} regio's): PDF "
            f"{synthesis.get('pdf_seconds', 0):.2f} s ({synthesis.get('pdf_pages', '?')} p.), "
            f"DOCX {synthesis.get('docx_seconds', 0):.2f} s  {_mark(ok)}"
        )
    load = result["load"]
    if load:
        load_ok = load["errors"] == 0 and load["rps"] >= load["baseline_rps"] / 2
        lines.append(
            f"belasting {load['users']} gebruikers, {load['workers']} workers, "
            f"{load['seconds']:.0f} s: {load['rps']:.1f} req/s, p50 {load['p50_ms']:.0f} ms, "
            f"p95 {load['p95_ms']:.0f} ms, fouten {load['errors']}; basislijn "
            f"{load['baseline_rps']:.1f} req/s  {_mark(load_ok)}"
        )
    else:
        lines.append("belasting: overgeslagen")
    return "\n".join(lines) + "\n"
