"""The mixed load of issue 20 against the production stack (deploy/bench-mixed.sh).

People read theme pages of a concept report and autosave their own answer, with a
person's pauses between requests, the whole time. The run alternates steady phases
(`--steady-seconds`, one before each burst and one after the last) with bursts: 4 other
people each request a finalised report's PDF at the same moment (the documents flow:
request, worker, status page, download) and the burst lasts until the last PDF is
downloaded. A request counts for the phase in which it started and ended (those that span
a change of phase count for neither). Then, with the
readers gone, a finalised report's PDF is asked for again: the kept document, timed from
the request to the last byte.

Targets: the pages' p95 during the bursts at most 2 x the p95 without them, 0 errors, every
PDF delivered; the second download at most 0.2 s. Writes "mixed_load" into the bench's
JSON (--out), prints a verdict and a Markdown table for docs/bench.md, exits 1 when a
target is missed. Standard library only; loopback only (prod_smoke_client.Browser).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from prod_smoke_client import Browser, csrf_token, location_path, wait_until_up

TARGETS = {"p95_ratio": 2.0, "errors": 0, "second_download_seconds": 0.2}
STEADY, BURST, QUIET = "steady", "burst", "quiet"


@dataclass
class Tally:
    """Samples per phase and kind (page, autosave), and every error."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    phase: str = QUIET
    samples: dict[tuple[str, str], list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def note(self, kind: str, started_in: str, seconds: float) -> None:
        with self.lock:
            if started_in == self.phase and started_in != QUIET:
                self.samples.setdefault((started_in, kind), []).append(seconds)

    def error(self, what: str) -> None:
        with self.lock:
            self.errors.append(what)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def log_in(base: str, username: str, password: str) -> Browser:
    person = Browser()
    page = person.get(base, "/inloggen/")
    done = person.post(
        base,
        "/inloggen/",
        {"csrfmiddlewaretoken": csrf_token(page.text), "username": username, "password": password},
    )
    if done.status != 302 or "sessionid" not in person.cookies:
        raise SystemExit(f"inloggen mislukte: {done.status}")
    return person


def timed(tally: Tally, kind: str, call, expected: int):  # type: ignore[no-untyped-def]
    phase, started = tally.phase, time.perf_counter()
    try:
        response = call()
    except OSError as exc:
        tally.error(f"{kind}: {exc!r}")
        return None
    tally.note(kind, phase, time.perf_counter() - started)
    if response.status != expected:
        tally.error(f"{kind}: HTTP {response.status}")
    return response


def reader(
    base: str, person: Browser, plan: dict, number: int, args: argparse.Namespace, tally: Tally
) -> None:
    """One person on the concept report: a theme page, then two autosaves, with pauses."""
    rng = random.Random(number)  # noqa: S311 - pauses, not secrets
    themes = plan["themes"]
    answer = plan["answers"][number % len(plan["answers"])]
    revision = int(answer["revision"])
    turn = number
    while not args.stop.is_set():
        theme = themes[turn % len(themes)]
        turn += 1
        timed(tally, "page", lambda theme=theme: person.get(base, theme), 200)
        for save in range(2):
            args.stop.wait(rng.uniform(0.5, 1.5) * args.think)
            if args.stop.is_set():
                return
            text = f"Overleg van de partners, versie {turn}.{save} (bench)"
            form = {"base_revision": str(revision), "choice": answer["choice"], "explanation": text}
            headers = {
                "X-CSRFToken": person.cookies.get("csrftoken", ""),
                "X-Werkset-Autosave": "1",
            }
            response = timed(
                tally,
                "autosave",
                lambda form=form, headers=headers: person.request(
                    base, "POST", answer["save"], form=form, headers=headers
                ),
                200,
            )
            if response is not None and response.status == 200:
                revision = int(json.loads(response.text).get("revision", revision))
        args.stop.wait(rng.uniform(0.5, 1.5) * args.think)


@dataclass
class Delivery:
    path: str
    delivered: bool = False
    seconds: float = 0.0
    size: int = 0
    detail: str = ""


def pdf_flow(base: str, person: Browser, path: str, limit: float) -> Delivery:
    """Request a report's PDF, follow its status page until ready, download it."""
    delivery, started = Delivery(path), time.perf_counter()
    try:
        page = person.get(base, path)
        requested = person.post(base, path, {"csrfmiddlewaretoken": csrf_token(page.text)})
        document = location_path(requested)
        if requested.status != 302 or not re.fullmatch(
            r"/rapportages/\d+/documenten/\d+/", document
        ):
            delivery.detail = f"verzoek: HTTP {requested.status} {document}"
            return delivery
        state = ""
        detail = person.get(base, document)
        found = re.search(r'data-state="([a-z_]+)"', detail.text)
        state = found.group(1) if found else f"HTTP {detail.status}"
        while state not in ("ready", "failed") and time.perf_counter() - started < limit:
            time.sleep(0.5)
            status = person.get(base, f"{document}status/")
            found = re.search(r'data-state="([a-z_]+)"', status.text)
            state = found.group(1) if found else f"HTTP {status.status}"
        if state != "ready":
            delivery.detail = f"status {state}"
            delivery.seconds = time.perf_counter() - started
            return delivery
        pdf = person.get(base, f"{document}downloaden/")
        delivery.size = len(pdf.body)
        delivery.delivered = pdf.status == 200 and pdf.body.startswith(b"%PDF")
        delivery.detail = "" if delivery.delivered else f"download: HTTP {pdf.status}"
    except (OSError, AssertionError) as exc:
        delivery.detail = repr(exc)
    delivery.seconds = time.perf_counter() - started
    return delivery


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of these processes and all their descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    stats: dict[int, list[str]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        stats[int(entry.name)] = fields
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    ticks, todo, seen = 0, list(pids), set()
    while todo:
        pid = todo.pop()
        if pid in seen or pid not in stats:
            continue
        seen.add(pid)
        ticks += int(stats[pid][11]) + int(stats[pid][12])  # utime, stime
        todo += children.get(pid, [])
    return ticks / os.sysconf("SC_CLK_TCK")


def machine_busy() -> tuple[float, float]:
    """All CPUs' busy and total jiffies since boot (/proc/stat)."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


class Meter:
    """CPU seconds of the app servers and the worker, and the machine's use, over a phase."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.totals: dict[str, dict[str, float]] = {}

    def start(self) -> tuple[float, float, tuple[float, float], float]:
        return (
            cpu_seconds(self.args.app_pid),
            cpu_seconds([self.args.worker_pid]),
            machine_busy(),
            time.perf_counter(),
        )

    def stop(self, phase: str, began: tuple[float, float, tuple[float, float], float]) -> None:
        app0, worker0, (busy0, total0), t0 = began
        busy1, total1 = machine_busy()
        add = {
            "seconds": time.perf_counter() - t0,
            "app_cpu_seconds": cpu_seconds(self.args.app_pid) - app0,
            "worker_cpu_seconds": cpu_seconds([self.args.worker_pid]) - worker0,
            "machine_busy_jiffies": busy1 - busy0,
            "machine_jiffies": total1 - total0,
        }
        into = self.totals.setdefault(phase, dict.fromkeys(add, 0.0))
        for key, value in add.items():
            into[key] += value

    def summary(self) -> dict[str, dict[str, float]]:
        cpus = os.cpu_count() or 1
        out = {}
        for phase, t in self.totals.items():
            out[phase] = {
                "seconds": round(t["seconds"], 1),
                "app_cores": round(t["app_cpu_seconds"] / t["seconds"], 2),
                "worker_cores": round(t["worker_cpu_seconds"] / t["seconds"], 2),
                "machine_cores_busy": round(
                    cpus * t["machine_busy_jiffies"] / max(t["machine_jiffies"], 1), 2
                ),
            }
        return out


def second_download(base: str, person: Browser, path: str, runs: int = 5) -> dict[str, object]:
    """The kept PDF of a finalised report, asked for again: request, page, download."""
    totals, downloads = [], []
    for _ in range(runs):
        started = time.perf_counter()
        page = person.get(base, path)
        requested = person.post(base, path, {"csrfmiddlewaretoken": csrf_token(page.text)})
        document = location_path(requested)
        person.get(base, document)
        fetched = time.perf_counter()
        pdf = person.get(base, f"{document}downloaden/")
        done = time.perf_counter()
        if pdf.status != 200 or not pdf.body.startswith(b"%PDF"):
            return {"error": f"HTTP {pdf.status}"}
        totals.append(done - started)
        downloads.append(done - fetched)
    return {
        "first_seconds": round(totals[0], 3),
        "median_seconds": round(statistics.median(totals), 3),
        "download_only_median_seconds": round(statistics.median(downloads), 3),
        "runs": runs,
    }


def phase_stats(tally: Tally, phase: str) -> dict[str, object]:
    pages = tally.samples.get((phase, "page"), [])
    saves = tally.samples.get((phase, "autosave"), [])
    both = pages + saves
    return {
        "pages": len(pages),
        "page_p50_ms": round(statistics.median(pages) * 1000, 1) if pages else 0.0,
        "page_p95_ms": round(percentile(pages, 0.95) * 1000, 1),
        "autosaves": len(saves),
        "autosave_p95_ms": round(percentile(saves, 0.95) * 1000, 1),
        "all_p95_ms": round(percentile(both, 0.95) * 1000, 1),
    }


def run(args: argparse.Namespace) -> dict[str, object]:
    plan = json.loads(Path(args.plan).read_text())
    base = args.balancer
    wait_until_up([base], time.monotonic() + 90)
    time.sleep(3)  # the balancer's health checks mark both app servers up
    people = [log_in(base, plan["username"], plan["password"]) for _ in range(args.users)]
    requesters = [log_in(base, plan["username"], plan["password"]) for _ in range(4)]
    for number, person in enumerate(people):  # warm every app server process
        person.get(base, plan["themes"][number % len(plan["themes"])])
    tally, meter = Tally(), Meter(args)
    args.stop = threading.Event()
    threads = [
        threading.Thread(target=reader, args=(base, person, plan, n, args, tally))
        for n, person in enumerate(people)
    ]
    for thread in threads:
        thread.start()
    time.sleep(args.think * 2)  # the readers spread out before anything is counted
    deliveries: list[Delivery] = []

    def steady(number: int) -> None:
        tally.phase = STEADY
        began = meter.start()
        print(f"  {number}: gewoon, {args.steady_seconds:.0f} s", flush=True)
        time.sleep(args.steady_seconds)
        meter.stop(STEADY, began)

    # Steady phases around every burst (before the first, between, after the last), so a
    # busy spell of the machine does not fall on one side only.
    for round_number in range(args.rounds):
        steady(round_number + 1)
        paths = plan["pdfs"][round_number * 4 : round_number * 4 + 4]
        results: list[Delivery] = []
        tally.phase = BURST
        began = meter.start()
        workers = [
            threading.Thread(
                target=lambda p=p, who=who, results=results: results.append(
                    pdf_flow(base, who, p, args.pdf_limit)
                )
            )
            for p, who in zip(paths, requesters, strict=True)
        ]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        meter.stop(BURST, began)
        seconds = max(d.seconds for d in results)
        print(
            f"  {round_number + 1}: 4 PDF's tegelijk, de laatste na {seconds:.1f} s; "
            f"geleverd {sum(d.delivered for d in results)}",
            flush=True,
        )
        deliveries += results
    steady(args.rounds + 1)
    tally.phase = QUIET
    args.stop.set()
    for thread in threads:
        thread.join()
    again = second_download(base, requesters[0], plan["pdfs"][0])
    steady, burst = phase_stats(tally, STEADY), phase_stats(tally, BURST)
    return {
        "users": args.users,
        "think_seconds": args.think,
        "rounds": args.rounds,
        "steady_seconds": args.steady_seconds,
        "worker": {"concurrency": args.worker_concurrency, "nice": args.worker_nice},
        "steady": steady,
        "burst": burst,
        "page_p95_ratio": round(burst["page_p95_ms"] / max(steady["page_p95_ms"], 0.1), 2),
        "autosave_p95_ratio": round(
            burst["autosave_p95_ms"] / max(steady["autosave_p95_ms"], 0.1), 2
        ),
        "errors": len(tally.errors),
        "error_examples": sorted(set(tally.errors))[:5],
        "pdfs_requested": len(deliveries),
        "pdfs_delivered": sum(d.delivered for d in deliveries),
        "pdf_seconds": [round(d.seconds, 1) for d in deliveries],
        "pdf_failures": [f"{d.path}: {d.detail}" for d in deliveries if not d.delivered],
        "cpu": meter.summary(),
        "second_download": again,
        "targets": TARGETS,
    }


def verdict(result: dict) -> list[tuple[str, bool]]:
    again = result["second_download"]
    return [
        (
            f"pagina's p95 tijdens de PDF's {result['burst']['page_p95_ms']:.0f} ms tegen "
            f"{result['steady']['page_p95_ms']:.0f} ms zonder: x {result['page_p95_ratio']:.2f} "
            f"(doel ≤ {TARGETS['p95_ratio']:.0f}x)",
            result["page_p95_ratio"] <= TARGETS["p95_ratio"],
        ),
        (f"fouten: {result['errors']} (doel 0)", result["errors"] == 0),
        (
            f"PDF's geleverd: {result['pdfs_delivered']} van {result['pdfs_requested']}",
            result["pdfs_delivered"] == result["pdfs_requested"] > 0,
        ),
        (
            f"tweede download van een vastgestelde PDF: {again.get('median_seconds', '?')} s "
            f"(eerste keer {again.get('first_seconds', '?')} s; doel ≤ "
            f"{TARGETS['second_download_seconds']} s)",
            "error" not in again and again["median_seconds"] <= TARGETS["second_download_seconds"],
        ),
    ]


def markdown(result: dict) -> str:
    s, b, cpu = result["steady"], result["burst"], result["cpu"]
    rows = [
        "| | zonder PDF's | tijdens 4 PDF's |",
        "| --- | ---: | ---: |",
        f"| theme pages (n, p50, p95 ms) | {s['pages']}, {s['page_p50_ms']:.0f}, "
        f"**{s['page_p95_ms']:.0f}** | {b['pages']}, {b['page_p50_ms']:.0f}, "
        f"**{b['page_p95_ms']:.0f}** |",
        f"| autosaves (n, p95 ms) | {s['autosaves']}, {s['autosave_p95_ms']:.0f} | "
        f"{b['autosaves']}, {b['autosave_p95_ms']:.0f} |",
    ]
    if STEADY in cpu and BURST in cpu:
        rows.append(
            f"| cores used: app servers / worker / machine | {cpu[STEADY]['app_cores']} / "
            f"{cpu[STEADY]['worker_cores']} / {cpu[STEADY]['machine_cores_busy']} | "
            f"{cpu[BURST]['app_cores']} / {cpu[BURST]['worker_cores']} / "
            f"{cpu[BURST]['machine_cores_busy']} |"
        )
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--balancer", required=True)
    parser.add_argument("--plan", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--users", type=int, default=12)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--steady-seconds", type=float, default=15)
    parser.add_argument("--think", type=float, default=1.0, help="mean seconds between requests")
    parser.add_argument("--pdf-limit", type=float, default=120)
    parser.add_argument("--app-pid", type=int, action="append", default=[])
    parser.add_argument("--worker-pid", type=int, default=0)
    parser.add_argument("--worker-concurrency", type=int, default=1)
    parser.add_argument("--worker-nice", type=int, default=0)
    args = parser.parse_args()
    print(f"Gemengde belasting: {args.users} mensen lezen en slaan op", flush=True)
    result = run(args)
    out = Path(args.out)
    existing = json.loads(out.read_text()) if out.exists() else {}
    existing["mixed_load"] = result
    out.write_text(json.dumps(existing, indent=2, ensure_ascii=False) + "\n")
    checks = verdict(result)
    print("\nwerkset bench, gemengde belasting (productiestack: 2 app servers, 1 worker)")
    for line, ok in checks:
        print(f"  {'ok ' if ok else 'MIS'} {line}")
    if result["error_examples"]:
        print(f"  fouten, bijvoorbeeld: {result['error_examples']}")
    if result["pdf_failures"]:
        print(f"  niet geleverd: {result['pdf_failures']}")
    print(f"  CPU per fase (cores): {json.dumps(result['cpu'])}")
    print("\n" + markdown(result) + "\n")
    print(f"JSON: {out} (mixed_load)")
    return 0 if all(ok for _line, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
