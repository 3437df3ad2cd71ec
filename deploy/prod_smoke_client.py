"""The checks of `make prod-smoke` (deploy/prod-smoke.sh starts what they talk to).

A person's journey through the balancer and directly against each app server: health,
log-in, the main pages, a report started and its PDF made by the Celery worker, and the
logs. Standard library only, so it runs with the installation's own Python. The cookies
are kept by hand: werkset's are Secure (production settings) and this client speaks plain
HTTP on loopback, where HAProxy plays the TLS proxy by sending X-Forwarded-Proto: https.

Prints one line per check and exits 1 when any failed. Only loopback addresses.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import socket
import sys
import time
import uuid
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

TIMEOUT = 60
LOOPBACK = ("127.0.0.1", "localhost", "::1")


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def header(self, name: str) -> str:
        return self.headers.get(name, "")


@dataclass
class Browser:
    """One person: a cookie jar that keeps Secure cookies over loopback HTTP."""

    cookies: dict[str, str] = field(default_factory=dict)

    def request(
        self,
        base: str,
        method: str,
        path: str,
        *,
        form: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
        direct: bool = False,
    ) -> Response:
        url = urlsplit(base)
        if url.hostname not in LOOPBACK:
            raise SystemExit(f"weigert een adres buiten loopback: {base}")
        sent = {"Host": url.netloc, "User-Agent": "werkset-prod-smoke", **(headers or {})}
        if direct:
            # Straight to an app server: say what the proxy in front would say.
            sent.setdefault("X-Forwarded-Proto", "https")
            sent.setdefault("X-Forwarded-For", "127.0.0.1")
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form).encode()
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            # CSRF over HTTPS: the origin must be this host's (Django checks Origin/Referer).
            sent["Origin"] = f"https://{url.netloc}"
            sent["Referer"] = f"https://{url.netloc}{path}"
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=TIMEOUT)
        try:
            connection.request(method, path, body=body, headers=sent)
            raw = connection.getresponse()
            response = Response(raw.status, raw.headers, raw.read())
        finally:
            connection.close()
        for line in response.headers.get_all("Set-Cookie") or []:
            self._keep(line)
        return response

    def _keep(self, line: str) -> None:
        cookie = SimpleCookie()
        cookie.load(line)
        for name, morsel in cookie.items():
            if morsel.value in ("", '""') or morsel["max-age"] == "0":
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = morsel.value

    def get(self, base: str, path: str, *, direct: bool = False, **kw: object) -> Response:
        return self.request(base, "GET", path, direct=direct, **kw)  # type: ignore[arg-type]

    def post(self, base: str, path: str, form: dict[str, str], *, direct: bool = False) -> Response:
        return self.request(base, "POST", path, form=form, direct=direct)


class Checks:
    def __init__(self) -> None:
        self.passed: list[str] = []
        self.failed: list[str] = []

    def check(self, ok: bool, what: str, detail: str = "") -> bool:
        (self.passed if ok else self.failed).append(what)
        mark = "ok  " if ok else "FOUT"
        print(f"  [{mark}] {what}" + (f": {detail}" if detail and not ok else ""), flush=True)
        return ok


def csrf_token(html: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if not found:
        raise AssertionError("geen CSRF-token in het formulier")
    return found.group(1)


def location_path(response: Response) -> str:
    location = urlsplit(response.header("Location"))
    return location.path + (f"?{location.query}" if location.query else "")


def wait_until_up(bases: list[str], deadline: float) -> None:
    """Wait for every app server and the balancer to answer /healthz."""
    pending = list(bases)
    while pending and time.monotonic() < deadline:
        for base in list(pending):
            try:
                if Browser().get(base, "/healthz").status == 200:
                    pending.remove(base)
            except OSError:
                pass
        time.sleep(0.5)
    if pending:
        raise SystemExit(f"kwam niet op: {', '.join(pending)}")


def json_lines(path: Path) -> tuple[list[dict[str, object]], list[str]]:
    """The log's lines that are JSON objects, and those that are not (the banner aside)."""
    objects, others = [], []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except ValueError:
            others.append(line)
            continue
        if isinstance(value, dict):
            objects.append(value)
        else:
            others.append(line)
    return objects, others


def redis_keys(url: str, pattern: str) -> bytes:
    """Redis's KEYS reply for a pattern, in the URL's database (RESP over a socket)."""
    parts = urlsplit(url)
    if parts.hostname not in LOOPBACK:
        raise SystemExit(f"weigert een adres buiten loopback: {url}")
    database = parts.path.strip("/") or "0"

    def command(*words: str) -> bytes:
        return (f"*{len(words)}\r\n" + "".join(f"${len(w)}\r\n{w}\r\n" for w in words)).encode()

    with socket.create_connection((parts.hostname, parts.port or 6379), timeout=5) as conn:
        conn.sendall(command("SELECT", database) + command("KEYS", pattern))
        reply, deadline = b"", time.monotonic() + 5
        while time.monotonic() < deadline and reply.count(b"\r\n") < 2:
            reply += conn.recv(65536)
        conn.settimeout(0.5)
        try:
            while chunk := conn.recv(65536):
                reply += chunk
        except TimeoutError:
            pass
    return reply


def run(args: argparse.Namespace) -> Checks:
    lb, apps = args.balancer, args.app
    checks = Checks()
    wait_until_up([*apps, lb], time.monotonic() + 90)
    # The balancer's own health checks need a moment to mark both servers up.
    time.sleep(3)

    print("Gezondheid", flush=True)
    health = Browser().get(lb, "/healthz")
    checks.check(health.status == 200, "/healthz via de balancer", f"{health.status}")
    ready = Browser().get(lb, "/readyz")
    ready_checks = json.loads(ready.text).get("checks", {}) if ready.status in (200, 503) else {}
    checks.check(
        ready.status == 200 and ready_checks == {"database": "ok", "cache": "ok", "queue": "ok"},
        "/readyz via de balancer: database, cache en queue ok",
        f"{ready.status} {ready.text[:200]}",
    )
    for number, app in enumerate(apps, 1):
        plain = Browser().get(app, "/readyz")  # plain HTTP, as a load balancer asks it
        checks.check(
            plain.status == 200, f"/readyz op app{number} over gewoon HTTP", f"{plain.status}"
        )
    insecure = Browser().get(apps[0], "/")  # no X-Forwarded-Proto: production redirects
    checks.check(
        insecure.status == 301 and insecure.header("Location").startswith("https://"),
        "gewoon HTTP zonder proxy wordt naar HTTPS gestuurd",
        f"{insecure.status} {insecure.header('Location')}",
    )

    print("Inloggen", flush=True)
    person = Browser()
    login_page = person.get(lb, "/inloggen/")
    checks.check(login_page.status == 200, "inlogpagina", f"{login_page.status}")
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', login_page.text)
    if checks.check(bool(stylesheet), "de pagina noemt een stylesheet onder /static/"):
        assert stylesheet is not None
        css = Browser().get(lb, stylesheet.group(1))
        checks.check(
            css.status == 200
            and re.search(r"\.[0-9a-f]{12}\.css$", stylesheet.group(1)) is not None,
            "statisch bestand met manifest-naam (collectstatic) geserveerd",
            f"{css.status} {stylesheet.group(1)}",
        )
    logged_in = person.post(
        lb,
        "/inloggen/",
        {
            "csrfmiddlewaretoken": csrf_token(login_page.text),
            "username": args.username,
            "password": args.password,
        },
    )
    checks.check(
        logged_in.status == 302 and "sessionid" in person.cookies,
        "inloggen via de balancer (CSRF, Secure-cookies achter de proxy)",
        f"{logged_in.status} {location_path(logged_in)} cookies={sorted(person.cookies)}",
    )

    print("Pagina's op beide app servers", flush=True)
    pages = ["/", "/catalogus/", f"/regios/{args.region}/", "/vergelijken/"]
    for page in pages:
        for number, app in enumerate(apps, 1):
            response = person.get(app, page, direct=True)
            checks.check(
                response.status == 200,
                f"{page} op app{number} (dezelfde sessie)",
                f"{response.status} {response.header('Location')}",
            )
    served_by = set()
    for page in pages * 2:
        response = person.get(lb, page)
        served_by.add(response.header("X-Werkset-Server"))
        if response.status != 200:
            checks.check(False, f"{page} via de balancer", f"{response.status}")
    checks.check(
        served_by == {"app1", "app2"},
        "de balancer verdeelt over beide app servers",
        f"gezien: {sorted(served_by)}",
    )

    keys = redis_keys(args.cache_url, "werkset:*")
    checks.check(
        b"werkset:" in keys,
        "de app servers delen de cache in Redis (sleutels werkset:* gevonden)",
        keys[:120].decode("utf-8", "replace"),
    )

    print("Een rapportage en haar PDF via de worker", flush=True)
    workspace = person.get(lb, f"/regios/{args.region}/")
    period = re.search(
        r'<select name="period"[^>]*>.*?<option value="([^"]+)"', workspace.text, re.S
    )
    if not checks.check(bool(period), "werkruimte biedt een open ronde aan"):
        return checks
    assert period is not None
    started = person.post(
        lb,
        f"/regios/{args.region}/",
        {
            "csrfmiddlewaretoken": csrf_token(workspace.text),
            "period": period.group(1),
            "start_from": "",
        },
    )
    report_path = location_path(started)
    report = re.fullmatch(r"/rapportages/(\d+)/", report_path)
    if not checks.check(
        started.status == 302 and report is not None,
        "rapportage gestart",
        f"{started.status} {report_path}",
    ):
        return checks
    assert report is not None
    report_id = report.group(1)
    for number, app in enumerate(apps, 1):
        detail = person.get(app, report_path, direct=True)
        checks.check(detail.status == 200, f"de rapportage op app{number}", f"{detail.status}")

    request_page = person.get(lb, f"/rapportages/{report_id}/documenten/pdf/")
    checks.check(request_page.status == 200, "pagina om de PDF te vragen", f"{request_page.status}")
    document_request_id = f"smoke-pdf-{uuid.uuid4().hex[:12]}"
    requested = person.request(
        lb,
        "POST",
        f"/rapportages/{report_id}/documenten/pdf/",
        form={"csrfmiddlewaretoken": csrf_token(request_page.text)},
        headers={"X-Request-ID": document_request_id},
    )
    document_path = location_path(requested)
    document = re.fullmatch(rf"/rapportages/{report_id}/documenten/(\d+)/", document_path)
    if not checks.check(
        requested.status == 302 and document is not None,
        "PDF gevraagd (documents:request)",
        f"{requested.status} {document_path}",
    ):
        return checks
    checks.check(
        requested.header("X-Request-ID") == document_request_id,
        "het request-id van de proxy komt terug in X-Request-ID",
        requested.header("X-Request-ID"),
    )
    page = person.get(lb, document_path)
    checks.check(page.status == 200, "documentpagina", f"{page.status}")
    state, began = "", time.monotonic()
    while time.monotonic() - began < args.document_seconds:
        # Asked of the app servers in turn: the state is in the shared database.
        app = apps[int(time.monotonic()) % len(apps)]
        status = person.get(app, f"{document_path}status/", direct=True)
        found = re.search(r'data-state="([a-z_]+)"', status.text)
        state = found.group(1) if found else f"HTTP {status.status}"
        if state in ("ready", "failed"):
            break
        time.sleep(1)
    took = time.monotonic() - began
    checks.check(state == "ready", f"de worker maakte de PDF ({took:.1f} s)", f"status {state}")
    if state == "ready":
        for number, app in enumerate(apps, 1):
            pdf = person.get(app, f"{document_path}downloaden/", direct=True)
            checks.check(
                pdf.status == 200 and pdf.body.startswith(b"%PDF"),
                f"PDF gedownload van app{number} ({len(pdf.body)} bytes, begint met %PDF)",
                f"{pdf.status} {pdf.body[:20]!r}",
            )

    print("Logs", flush=True)
    ids = []
    for number, app in enumerate(apps, 1):
        # A form posted without its CSRF token: refused (403) and logged while the request
        # is handled, so the line carries the request's id.
        request_id = f"smoke-log-{number}-{uuid.uuid4().hex[:12]}"
        refused = Browser().request(
            app, "POST", "/inloggen/", form={}, direct=True, headers={"X-Request-ID": request_id}
        )
        checks.check(
            refused.status == 403,
            f"een formulier zonder CSRF-token op app{number}: 403",
            f"{refused.status}",
        )
        ids.append(request_id)
    time.sleep(1)
    for number, (log, request_id) in enumerate(zip(args.app_log, ids, strict=True), 1):
        objects, others = json_lines(Path(log))
        checks.check(
            bool(objects) and not others,
            f"app{number}: elke regel op stderr is JSON ({len(objects)} regels)",
            f"{len(others)} andere regels, bijvoorbeeld {others[:2]}",
        )
        checks.check(
            any(line.get("request_id") == request_id for line in objects),
            f"app{number}: de logregel van het verzoek draagt zijn request_id",
            request_id,
        )
    objects, _others = json_lines(Path(args.worker_log))
    checks.check(
        bool(objects) and all("event" in line for line in objects),
        f"worker: logregels als JSON ({len(objects)} regels)",
    )
    checks.check(
        any(line.get("request_id") == document_request_id for line in objects),
        "worker: de taak logt met het request_id van het verzoek om de PDF",
        document_request_id,
    )
    return checks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--balancer", required=True)
    parser.add_argument("--app", action="append", required=True)
    parser.add_argument("--app-log", action="append", required=True)
    parser.add_argument("--worker-log", required=True)
    parser.add_argument("--cache-url", required=True)
    parser.add_argument("--document-seconds", type=float, default=120)
    args = parser.parse_args()
    args.username = os.environ["SMOKE_USER"]
    args.password = os.environ["SMOKE_PASSWORD"]
    args.region = os.environ["SMOKE_REGION"]
    began = time.monotonic()
    checks = run(args)
    total = len(checks.passed) + len(checks.failed)
    print(
        f"\nprod-smoke: {len(checks.passed)} van {total} controles geslaagd "
        f"in {time.monotonic() - began:.0f} s"
    )
    print(f"{len(checks.passed)} passed, {len(checks.failed)} failed")
    if checks.failed:
        print("mislukt: " + "; ".join(checks.failed))
        sys.exit(1)


if __name__ == "__main__":
    main()
