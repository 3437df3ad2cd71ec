"""The load run: gunicorn serving the bench database, driven by werkset.bench.driver in a
second process on loopback, once with the app's mix of users and once against the baseline."""

import json
import os
import socket
import subprocess
import sys
import time
from typing import Any

from django.test import Client
from django.urls import reverse

from werkset.accounts.models import User
from werkset.accounts.testing import force_login_verified

from .data import BenchData
from .driver import summary
from .measure import editable_answers


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _session(user: User) -> str:
    client = Client()
    force_login_verified(client, user)
    return str(client.cookies["sessionid"].value)


def _wait_until_up(port: int, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopte meteen (code {process.returncode})")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn kwam niet op tijd op")


def plans(data: BenchData, *, users: int, comparison_pages: list[str]) -> dict[str, list[dict]]:
    """Per scenario the simulated users: 70 % rapporteurs autosaving their own answer and
    paging through the themes, 30 % landelijk users opening comparison pages."""
    report = data.concept_report
    themes = list(report.catalogue_version.themes.order_by("position"))
    theme_pages = [reverse("reports:theme", args=[report.pk, theme.key]) for theme in themes]
    answers = editable_answers(report)
    rapporteurs = max(1, round(users * 0.7)) if comparison_pages else users
    app: list[dict[str, Any]] = []
    for index in range(users):
        if index < rapporteurs:
            answer = answers[index % len(answers)]
            keys = [c["key"] for c in answer.indicator.answer_type.choices]
            app.append(
                {
                    "kind": "rapporteur",
                    "session": _session(data.rapporteur),
                    "pages": theme_pages[index % len(theme_pages) :]
                    + theme_pages[: index % len(theme_pages)],
                    "save": reverse("reports:answer_save", args=[report.pk, answer.pk]),
                    "choice": answer.choice if answer.choice in keys else keys[0],
                    "revision": answer.revision,
                }
            )
        else:
            app.append(
                {
                    "kind": "landelijk",
                    "session": _session(data.landelijk),
                    "pages": comparison_pages,
                }
            )
    baseline_url = reverse("bench_baseline")
    baseline = [
        {
            "kind": "baseline",
            "session": _session(data.rapporteur if i % 2 else data.landelijk),
            "pages": [baseline_url],
        }
        for i in range(users)
    ]
    shared = len({answers[i % len(answers)].pk for i in range(rapporteurs)}) < rapporteurs
    if shared:
        sys.stderr.write("let op: minder antwoorden dan rapporteurs; conflicten mogelijk\n")
    return {"app": app, "baseline": baseline}


def _drive(port: int, users: list[dict], seconds: float) -> dict[str, Any]:
    plan = {"host": "127.0.0.1", "port": port, "seconds": seconds, "users": users}
    result = subprocess.run(
        [sys.executable, "-m", "werkset.bench.driver"],
        input=json.dumps(plan).encode(),
        capture_output=True,
        timeout=seconds + 180,
        check=True,
    )
    return dict(json.loads(result.stdout))


def load_run(
    data: BenchData,
    *,
    users: int = 50,
    seconds: float = 20,
    workers: int = 3,
    comparison_pages: list[str],
    rounds: int = 4,
) -> dict[str, Any]:
    """Serve with gunicorn (the same settings and database as this process) and drive it.

    The app's mix and the baseline take turns, `rounds` times each, in alternating order,
    for `seconds` in all each: a slow or busy moment of the machine then falls on both
    alike, as the in-process measurements interleave their pages with the baseline."""
    scenario = plans(data, users=users, comparison_pages=comparison_pages)
    port = free_port()
    env = dict(os.environ)
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "werkset.bench.wsgi:application",
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
        "--timeout",
        "120",
        "--backlog",
        "256",
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, env=env)  # noqa: S603 (fixed arguments)
    runs: dict[str, list[dict[str, Any]]] = {"app": [], "baseline": []}
    slice_seconds = seconds / rounds
    try:
        _wait_until_up(port, server)
        # Warm every worker with a few seconds of reading (not counted; no saves, so the
        # answers' revisions stay as planned) and with the baseline.
        readers = [{**spec, "kind": "reader"} for spec in scenario["app"]]
        _drive(port, readers[: workers * 2] + readers[-workers:], 3)
        _drive(port, scenario["baseline"][: workers * 2], 2)
        for turn in range(rounds):
            for kind in ("app", "baseline") if turn % 2 == 0 else ("baseline", "app"):
                result = _drive(port, scenario[kind], slice_seconds)
                runs[kind].append(result)
                # The rapporteurs go on from the revision their answer has reached.
                for spec, revision in zip(scenario[kind], result["revisions"], strict=True):
                    if spec["kind"] == "rapporteur":
                        spec["revision"] = revision
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    app, baseline = (_together(runs[kind], seconds) for kind in ("app", "baseline"))
    return {
        "users": users,
        "workers": workers,
        "seconds": seconds,
        "rounds": rounds,
        "requests": app["requests"],
        "rps": app["rps"],
        "p50_ms": app["p50_ms"],
        "p95_ms": app["p95_ms"],
        "errors": app["errors"],
        "error_examples": app["error_examples"],
        "baseline_rps": baseline["rps"],
        "baseline_p50_ms": baseline["p50_ms"],
        "baseline_p95_ms": baseline["p95_ms"],
        "baseline_errors": baseline["errors"],
    }


def _together(runs: list[dict[str, Any]], seconds: float) -> dict[str, Any]:
    latencies = [ms for run in runs for ms in run["latencies"]]
    errors = [error for run in runs for error in run["error_list"]]
    return summary(latencies, errors, seconds)
