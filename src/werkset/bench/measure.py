"""Measurements inside one process: server time per page against the baseline, query
counts, the PDF and DOCX of a complete report and the Excel import."""

import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

import pypdf
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from werkset.accounts.models import User
from werkset.accounts.testing import force_login_verified
from werkset.outputs.excel_import import report_workbook_import
from werkset.outputs.excel_writer import report_workbook
from werkset.outputs.pdf import html_to_pdf, report_pdf
from werkset.outputs.story import report_html
from werkset.outputs.variants import DEFAULT_VARIANT
from werkset.outputs.word import report_docx
from werkset.reports.models import Answer, AnswerChange, Report

from .data import BenchData

BASELINE = "basislijn"


@dataclass
class Page:
    """One request to measure: GET, or a POST whose data may change per run (autosave)."""

    name: str
    user: User
    path: str
    post: Callable[[], dict[str, str]] | None = None
    after: Callable[[Any], None] | None = None
    headers: dict[str, str] = field(default_factory=dict)

    def request(self, client: Client) -> Any:
        if self.post is None:
            response = client.get(self.path, headers=self.headers)
        else:
            response = client.post(self.path, self.post(), headers=self.headers)
        if response.status_code != 200:
            raise RuntimeError(f"{self.name}: {self.path} gaf status {response.status_code}")
        if self.after is not None:
            self.after(response)
        return response


def editable_answers(report: Report) -> list[Answer]:
    """Answers that a choice and an explanation alone can save (no figures asked)."""
    answers = (
        Answer.objects.filter(report=report)
        .select_related("indicator__answer_type")
        .order_by("indicator__position")
    )
    return [
        answer
        for answer in answers
        if answer.indicator.answer_type.choices and not answer.indicator.answer_type.fields
    ]


class Autosave:
    """The autosave request for one answer, alternating between two explanations and
    following the revision that the server returns (as the page's script does)."""

    TEXTS = (
        "Het Actie-overleg loopt wekelijks; de partners zijn tevreden. (bench)",
        "Het Actie-overleg loopt tweewekelijks; de partners zijn tevreden. (bench)",
    )

    def __init__(self, answer: Answer) -> None:
        self.answer = answer
        self.revision = answer.revision
        self.turn = 0
        keys = [choice["key"] for choice in answer.indicator.answer_type.choices]
        self.choice = answer.choice if answer.choice in keys else keys[0]

    def data(self) -> dict[str, str]:
        self.turn += 1
        return {
            "base_revision": str(self.revision),
            "choice": self.choice,
            "explanation": self.TEXTS[self.turn % 2],
        }

    def after(self, response: HttpResponse) -> None:
        body = response.json()  # type: ignore[attr-defined]
        if body.get("status") != "saved":
            raise RuntimeError(f"autosave: {body}")
        self.revision = body["revision"]


KNOWLEDGE_QUERY = "samenwerking"
KNOWLEDGE_PAGE = "kennisbank zoeken (landelijk)"


def _url(name: str, *args: Any, query: str = "") -> str | None:
    try:
        return reverse(name, args=args) + (f"?{query}" if query else "")
    except NoReverseMatch:
        return None


def pages(data: BenchData) -> tuple[list[Page], list[str]]:
    """The pages to measure, and the names of those that do not exist (yet)."""
    autosave = Autosave(editable_answers(data.concept_report)[0])
    selection = f"periode={data.period}&thema={data.theme.key}"
    wanted: list[tuple[str, User, str | None, Autosave | None]] = [
        (BASELINE, data.rapporteur, _url("bench_baseline"), None),
        (
            "rapportage-thema (rapporteur)",
            data.rapporteur,
            _url("reports:theme", data.concept_report.pk, data.theme.key),
            None,
        ),
        (
            "rapportage-thema netwerk, 3 regio's (rapporteur)",
            data.network_rapporteur or data.rapporteur,
            _url("reports:theme", data.network_report.pk, data.theme.key)
            if data.network_report
            else None,
            None,
        ),
        (
            "autosave antwoord (rapporteur)",
            data.rapporteur,
            _url("reports:answer_save", data.concept_report.pk, autosave.answer.pk),
            autosave,
        ),
        ("vergelijking index (landelijk)", data.landelijk, _url("comparison:index"), None),
        (
            "naast elkaar (landelijk)",
            data.landelijk,
            _url("comparison:side_by_side", query=selection),
            None,
        ),
        (
            "bandbreedte (landelijk)",
            data.landelijk,
            _url("comparison:bandwidth", query=selection),
            None,
        ),
        (
            "verloop regio (landelijk)",
            data.landelijk,
            _url("comparison:over_time", query=f"regio={data.region.code}&thema={data.theme.key}"),
            None,
        ),
        ("API rapportages (landelijk)", data.landelijk, _url("api:rapportage-list"), None),
        # Issue 24: a word in a practice item of every finalised report (demo.content).
        (
            KNOWLEDGE_PAGE,
            data.landelijk,
            _url("knowledge:search", query=f"q={KNOWLEDGE_QUERY}"),
            None,
        ),
    ]
    found, missing = [], []
    for name, user, path, save in wanted:
        if path is None:
            missing.append(name)
        elif save is None:
            found.append(Page(name, user, path))
        else:
            found.append(
                Page(
                    name,
                    user,
                    path,
                    post=save.data,
                    after=save.after,
                    headers={"X-Werkset-Autosave": "1"},
                )
            )
    return found, missing


def _client(user: User) -> Client:
    client = Client()
    force_login_verified(client, user)
    return client


@dataclass
class ServerTimes:
    """Per page the median server time, and its ratio to the baseline measured around it."""

    median_ms: dict[str, float]
    baseline_ratio: dict[str, float]


def server_times(
    page_list: list[Page], *, runs: int = 30, warmup: int = 3, rounds: int | None = None
) -> ServerTimes:
    """Per page the median of `runs` timed requests, in `rounds` rounds. In every round each
    page is measured between two batches of the baseline, and its ratio for the round is
    its median over the baselines' median; the page's ratio is the median of its rounds'.
    A slow or busy moment of a shared machine then falls on the page and on the baseline
    it is compared with alike (session 5: the ratio of the two overall medians moved the
    theme page by 0.3x between runs of the same code)."""
    rounds = rounds or max(1, runs // 3)
    per_round = max(1, runs // rounds)
    clients = {page.name: _client(page.user) for page in page_list}
    samples: dict[str, list[float]] = {page.name: [] for page in page_list}
    ratios: dict[str, list[float]] = {page.name: [] for page in page_list}
    baseline = next(page for page in page_list if page.name == BASELINE)
    for page in page_list:
        for _ in range(warmup):
            page.request(clients[page.name])

    def batch(page: Page) -> list[float]:
        client, times = clients[page.name], []
        for _ in range(per_round):
            start = time.perf_counter()
            page.request(client)
            times.append((time.perf_counter() - start) * 1000)
        samples[page.name] += times
        return times

    for _ in range(rounds):
        for page in page_list:
            if page is baseline:
                continue
            before = batch(baseline)
            measured = batch(page)
            after = batch(baseline)
            ratios[page.name].append(
                statistics.median(measured) / statistics.median(before + after)
            )
    ratios[BASELINE] = [1.0]
    return ServerTimes(
        median_ms={name: statistics.median(values) for name, values in samples.items() if values},
        baseline_ratio={name: statistics.median(values) for name, values in ratios.items()},
    )


def query_counts(page_list: list[Page]) -> dict[str, int]:
    """SQL queries of one warm request per page."""
    counts = {}
    for page in page_list:
        client = _client(page.user)
        page.request(client)
        with CaptureQueriesContext(connection) as queries:
            page.request(client)
        counts[page.name] = len(queries.captured_queries)
    return counts


def _median_seconds(action: Callable[[], Any], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _collected_seconds(action: Callable[[], Any]) -> float:
    """One timed run, after collecting the previous run's garbage (a PDF leaves a large
    graph of layout objects, whose collection would otherwise land in the next run)."""
    gc.collect()
    return _median_seconds(action, 1)


def page_count(pdf: bytes) -> int:
    return len(pypdf.PdfReader(BytesIO(pdf)).pages)


def pdf_times(report: Report, *, runs: int = 5, variant: str = DEFAULT_VARIANT) -> dict[str, float]:
    """The whole PDF (data, HTML, WeasyPrint) against WeasyPrint on the finished HTML,
    in pairs whose order alternates (whole, alone; alone, whole; ...) so that a busy
    moment or the order within a pair favours neither. `variant`: the layout (issue 18:
    the report layout is the default and the one the targets hold for)."""
    html = report_html(report=report, variant=variant)
    pages = page_count(html_to_pdf(html=html))  # also warms up fonts and caches
    whole: list[float] = []
    alone: list[float] = []
    for index in range(runs):
        pair = [
            (whole, lambda: report_pdf(report=report, variant=variant)),
            (alone, lambda: html_to_pdf(html=html)),
        ]
        for times, action in pair if index % 2 == 0 else reversed(pair):
            times.append(_collected_seconds(action))
    build = _median_seconds(lambda: report_html(report=report, variant=variant), runs)
    seconds, weasyprint = statistics.median(whole), statistics.median(alone)
    return {
        "seconds": seconds,
        "weasyprint_seconds": weasyprint,
        "weasyprint_ratio": seconds / weasyprint,
        "html_seconds": build,
        "pages": pages,
    }


def docx_time(report: Report, *, runs: int = 3, warmup: bool = True) -> float:
    if warmup:
        report_docx(report=report)
    return _median_seconds(lambda: report_docx(report=report), runs)


FIELDS = ("choice", "explanation", "figures", "perspectives", "revision")


def _restore(report: Report, rows: list[dict[str, Any]], *, empty: bool) -> None:
    """Put the answers back as in `rows` (their revisions always; their content unless
    `empty`), and forget the history the import wrote."""
    AnswerChange.objects.filter(answer__report=report, source="import").delete()
    answers = {a.pk: a for a in Answer.objects.filter(report=report)}
    for row in rows:
        answer = answers[row["pk"]]
        for key in FIELDS:
            setattr(answer, key, row[key])
        if empty:
            answer.choice, answer.explanation, answer.figures, answer.perspectives = "", "", {}, {}
    Answer.objects.bulk_update(answers.values(), list(FIELDS))


def excel_import_time(report: Report, user: User, *, runs: int = 3) -> dict[str, Any]:
    """Import a complete workbook (exported from the complete concept report) into the same
    report after emptying its answers, so every row is a change; the answers are restored
    between runs, outside the timing."""
    workbook = report_workbook(report=report)
    saved = list(Answer.objects.filter(report=report).values("pk", *FIELDS))
    times, changed = [], 0
    try:
        for _ in range(runs):
            _restore(report, saved, empty=True)
            start = time.perf_counter()
            result = report_workbook_import(data=workbook, user=user, report=report)
            times.append(time.perf_counter() - start)
            changed = result.changed
    finally:
        _restore(report, saved, empty=False)
    return {"seconds": statistics.median(times), "rows": len(saved), "changed": changed}
