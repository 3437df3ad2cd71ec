"""The load driver: simulated users against a server on loopback, standard library only.

Run as `python -m werkset.bench.driver` with a JSON plan on stdin; prints a JSON result.
It does not import Django, so it never competes with the server for anything but CPU.

Each user is a thread with its own session cookie that repeats its scenario without think
time until the deadline: a rapporteur opens a theme page (which gives the CSRF cookie) and
autosaves its own answer a few times; a landelijk user opens comparison pages in turn;
a baseline user opens the baseline page.

Throughput is the requests completed within the window over the window's length; requests
still under way at its end are not counted, nor is the time they take to finish.
"""

import contextlib
import http.client
import json
import statistics
import sys
import threading
import time
import urllib.parse
from typing import Any

LOOPBACK = ("127.0.0.1", "localhost", "::1")


class User(threading.Thread):
    def __init__(self, host: str, port: int, spec: dict[str, Any], deadline: float) -> None:
        super().__init__(daemon=True)
        if host not in LOOPBACK:
            raise ValueError("the load driver only talks to loopback addresses")
        self.host, self.port, self.spec, self.deadline = host, port, spec, deadline
        self.cookies = {"sessionid": spec["session"]}
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self.revision = int(spec.get("revision", 0))
        self.turn = 0

    def request(self, method: str, path: str, body: dict[str, str] | None = None) -> bytes:
        headers = {
            "Host": self.host,
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            "Connection": "close",
        }
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-Werkset-Autosave"] = "1"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        start = time.perf_counter()
        try:
            connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
            connection.request(method, path, body=data, headers=headers)
            response = connection.getresponse()
            payload = response.read()
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    key, _, rest = value.partition("=")
                    self.cookies[key.strip()] = rest.split(";", 1)[0]
            connection.close()
        except OSError as exc:
            self.errors.append(f"{method} {path}: {exc}")
            return b""
        if time.perf_counter() <= self.deadline:
            self.latencies.append((time.perf_counter() - start) * 1000)
        if response.status != 200:
            self.errors.append(f"{method} {path}: {response.status}")
        return payload

    def run(self) -> None:
        spec = self.spec
        while time.perf_counter() < self.deadline:
            if spec["kind"] == "rapporteur":
                page = spec["pages"][self.turn % len(spec["pages"])]
                self.request("GET", page)
                for _ in range(spec.get("saves", 3)):
                    if time.perf_counter() >= self.deadline:
                        break
                    self.turn += 1
                    text = "Wekelijks overleg (bench)" if self.turn % 2 else "Tweewekelijks (bench)"
                    payload = self.request(
                        "POST",
                        spec["save"],
                        {
                            "base_revision": str(self.revision),
                            "choice": spec["choice"],
                            "explanation": text,
                        },
                    )
                    with contextlib.suppress(ValueError, KeyError):
                        self.revision = int(json.loads(payload)["revision"])
            else:
                page = spec["pages"][self.turn % len(spec["pages"])]
                self.turn += 1
                self.request("GET", page)


def run(plan: dict[str, Any]) -> dict[str, Any]:
    deadline = time.perf_counter() + float(plan["seconds"])
    users = [User(plan["host"], int(plan["port"]), spec, deadline) for spec in plan["users"]]
    for user in users:
        user.start()
    for user in users:
        user.join(timeout=float(plan["seconds"]) + 90)
    latencies = [ms for user in users for ms in user.latencies]
    errors = [error for user in users for error in user.errors]
    return {
        **summary(latencies, errors, float(plan["seconds"])),
        "users": len(users),
        "latencies": latencies,
        "error_list": errors,
        # where each rapporteur's answer stands, for the next run of the same users
        "revisions": [user.revision for user in users],
    }


def summary(latencies: list[float], errors: list[str], seconds: float) -> dict[str, Any]:
    """Requests per second, median and 95th percentile of a run (or of several together)."""
    ordered = sorted(latencies)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] if ordered else 0.0
    return {
        "requests": len(ordered),
        "rps": len(ordered) / seconds,
        "p50_ms": statistics.median(ordered) if ordered else 0.0,
        "p95_ms": p95,
        "errors": len(errors),
        "error_examples": sorted(set(errors))[:5],
    }


def main() -> None:
    print(json.dumps(run(json.load(sys.stdin))))


if __name__ == "__main__":
    main()
