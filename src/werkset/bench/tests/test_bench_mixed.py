"""The mixed load's client (deploy/bench_mixed_client.py): how samples are counted and the
verdict, without a stack (deploy/bench-mixed.sh runs the real thing in `make bench`)."""

import importlib.util
import sys
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parents[4] / "deploy"


@pytest.fixture(scope="module")
def client():
    sys.path.insert(0, str(DEPLOY))
    try:
        spec = importlib.util.spec_from_file_location(
            "bench_mixed_client", DEPLOY / "bench_mixed_client.py"
        )
        module = importlib.util.module_from_spec(spec)
        sys.modules["bench_mixed_client"] = module  # dataclasses look their module up
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.modules.pop("bench_mixed_client", None)
        sys.path.remove(str(DEPLOY))


def test_a_request_spanning_a_change_of_phase_counts_for_neither(client):
    tally = client.Tally()
    tally.phase = client.STEADY
    tally.note("page", client.STEADY, 0.1)
    tally.phase = client.BURST
    tally.note("page", client.STEADY, 0.9)  # started before the burst, ended in it
    tally.note("page", client.BURST, 0.2)
    assert tally.samples == {(client.STEADY, "page"): [0.1], (client.BURST, "page"): [0.2]}


def test_verdict_misses_a_burst_p95_above_twice_the_steady_one(client):
    phase = {"page_p95_ms": 100.0}
    result = {
        "steady": phase,
        "burst": {"page_p95_ms": 210.0},
        "page_p95_ratio": 2.1,
        "errors": 0,
        "pdfs_delivered": 4,
        "pdfs_requested": 4,
        "second_download": {"median_seconds": 0.1, "first_seconds": 0.1},
    }
    assert [ok for _line, ok in client.verdict(result)] == [False, True, True, True]
