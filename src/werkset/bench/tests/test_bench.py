"""The benchmark at a tiny size: the builder and every measurement once, so that
`werkset bench` keeps working while the app changes. The numbers are not checked here."""

import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.test import override_settings

from werkset.bench import driver, load, measure
from werkset.bench import synthesis as bench_synthesis
from werkset.bench.data import bench_data_build
from werkset.bench.management.commands import bench as bench_command
from werkset.bench.management.commands.bench import report_table
from werkset.documents.models import SynthesisDocument
from werkset.reports.models import Answer, Report, ReportStatus


@pytest.fixture
def tiny(db):
    with override_settings(ROOT_URLCONF="werkset.bench.urls"):
        yield bench_data_build(regions=2, periods=1)


def test_builder_makes_complete_finalised_reports(tiny):
    assert Report.objects.filter(status=ReportStatus.VASTGESTELD).count() == 2
    assert tiny.concept_report.status == ReportStatus.CONCEPT
    report = tiny.final_report
    assert report.practice_items.count() == 3
    assert report.quotes.count() == 2
    assert report.sources.count() == 2
    assert report.comments.count() == 3
    assert not Answer.objects.filter(report=report, choice="", explanation="").exists()
    again = bench_data_build(regions=3, periods=1)  # incremental: only what is missing
    assert again.reports == 5  # 3 finalised, the region's concept and the network's
    assert again.network_report == tiny.network_report
    assert again.network_report.answers.exclude(regional={}).exists()


def test_pages_are_measured_once(tiny):
    pages, _missing = measure.pages(tiny)
    names = [page.name for page in pages]
    assert names[0] == measure.BASELINE
    assert "autosave antwoord (rapporteur)" in names
    assert "kennisbank zoeken (landelijk)" in names
    counts = measure.query_counts(pages)
    assert all(count > 0 for count in counts.values())
    times = measure.server_times(pages, runs=1, warmup=0, rounds=1)
    assert set(times.median_ms) == set(times.baseline_ratio) == set(names)
    assert times.baseline_ratio[measure.BASELINE] == 1.0
    assert all(ratio > 0 for ratio in times.baseline_ratio.values())


def test_the_seed_network_report_is_imported_once_as_the_network_decided_it(tiny):
    from werkset.bench.data import seed_network_report
    from werkset.reports.models import ReportStatus

    report = seed_network_report()
    assert report.network.code == "noord-nederland"
    assert report.region_id is None
    assert report.status == ReportStatus.VASTGESTELD
    assert report.practice_items.count() >= 9
    assert seed_network_report().pk == report.pk


def test_the_kennisbank_finds_the_built_reports(tiny, client_for):
    from django.urls import reverse

    response = client_for(tiny.landelijk).get(
        reverse("knowledge:search"), {"q": measure.KNOWLEDGE_QUERY}
    )
    assert response.status_code == 200
    assert tiny.region.name in response.content.decode()


def test_documents_and_import_are_measured_once(tiny, monkeypatch):
    # A real PDF of a full report takes seconds; the plumbing is what is tested here.
    monkeypatch.setattr(measure, "report_pdf", lambda *, report, variant: b"%PDF")
    monkeypatch.setattr(measure, "html_to_pdf", lambda *, html: b"%PDF")
    monkeypatch.setattr(measure, "page_count", lambda pdf: 40)
    pdf = measure.pdf_times(tiny.final_report, runs=1)
    assert pdf["weasyprint_ratio"] > 0
    assert pdf["pages"] == 40
    assert measure.docx_time(tiny.final_report, runs=1, warmup=False) > 0
    before = list(Answer.objects.filter(report=tiny.concept_report).values_list("explanation"))
    excel = measure.excel_import_time(tiny.concept_report, tiny.rapporteur, runs=1)
    assert excel["changed"] > 0
    after = list(Answer.objects.filter(report=tiny.concept_report).values_list("explanation"))
    assert after == before


class _Handler(BaseHTTPRequestHandler):
    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        body = json.dumps({"status": "saved", "revision": 2}).encode()
        self.send_response(200)
        self.send_header("Set-Cookie", "csrftoken=abc; Path=/")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = _answer
    do_POST = _answer

    def log_message(self, *args):
        pass


def test_driver_counts_requests_and_errors():
    server = HTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        user = {"session": "x", "pages": ["/a/"], "save": "/s/", "choice": "ja"}
        result = driver.run(
            {
                "host": "127.0.0.1",
                "port": server.server_address[1],
                "seconds": 0.5,
                "users": [{**user, "kind": "rapporteur"}, {**user, "kind": "landelijk"}],
            }
        )
    finally:
        server.shutdown()
    assert result["requests"] > 0
    assert result["errors"] == 0
    # the rapporteur follows the revision the server returned; the next run starts there
    assert result["revisions"] == [2, 0]
    assert len(result["latencies"]) == result["requests"]


def test_runs_taken_together_count_every_request_over_the_whole_time():
    runs = [
        {"latencies": [10.0, 30.0], "error_list": []},
        {"latencies": [20.0], "error_list": ["POST /s/: 409"]},
    ]
    together = load._together(runs, 2.0)
    assert (together["requests"], together["rps"], together["p50_ms"]) == (3, 1.5, 20.0)
    assert together["errors"] == 1


def test_the_synthesis_is_made_once_by_the_task(tiny, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    result = bench_synthesis.synthesis_times(tiny, formats=("docx",))
    assert result["made"] is True
    assert result["docx_seconds"] > 0
    assert not SynthesisDocument.objects.exists()


def test_report_table_marks_targets():
    result = {
        "machine": {"database_note": "test", "reports": 1, "cpus": 2},
        "pages": [
            {
                "name": measure.BASELINE,
                "median_ms": 1.0,
                "baseline_ratio": 1.0,
                "queries_small": 5,
                "queries_large": 5,
            },
            {
                "name": "pagina",
                "median_ms": 4.0,
                "baseline_ratio": 4.0,
                "queries_small": 5,
                "queries_large": 6,
            },
        ],
        "missing_pages": ["vergelijking"],
        "pdf": {"seconds": 1.0, "weasyprint_seconds": 1.0, "weasyprint_ratio": 1.0},
        "pdf_network": {"seconds": 6.0, "weasyprint_seconds": 5.5, "weasyprint_ratio": 1.09},
        "docx": {"seconds": 0.5},
        "excel_import": {"seconds": 0.5, "changed": 3},
        "synthesis": {"period": "2025-H2", "made": True, "pdf_seconds": 31.0, "docx_seconds": 1.0},
        "load": None,
    }
    table = report_table(result)
    synthesis_line = next(line for line in table.splitlines() if "synthese 2025-H2" in line)
    assert synthesis_line.endswith("MIS")
    network_pdf = next(line for line in table.splitlines() if "netwerkrapport seed 001" in line)
    assert network_pdf.endswith("MIS")  # over 5 s
    assert "MIS" in table.splitlines()[4]
    assert "bestaat niet" in table


def test_the_bench_serves_with_production_settings(tmp_path):
    env = {**os.environ, **bench_command._production_environment(str(tmp_path))}
    env.pop("DATABASE_URL", None)
    script = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.ENVIRONMENT, s.DEBUG, s.SESSION_COOKIE_SECURE, "
        "'debug_toolbar' in ' '.join(s.INSTALLED_APPS), s.PASSWORD_HASHERS[0]]))"
    )
    output = subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
        [sys.executable, "-c", script], env=env, capture_output=True, check=True, text=True
    ).stdout
    environment, debug, secure_cookie, toolbar, hasher = json.loads(output)
    assert (environment, debug, secure_cookie, toolbar) == ("production", False, True, False)
    assert hasher == "werkset.accounts.hashers.Argon2idPasswordHasher"
