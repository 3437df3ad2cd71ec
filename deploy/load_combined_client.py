"""The combined load of issue 17, against a running werkset (deploy/load-combined.sh).

At the same time: one person saves a 1 MB text, three people upload an oversized workbook
(millions of cells, within the upload size, so they pass to the background queue), and 50
ordinary people log in and read pages; meanwhile a probe asks for the log-in page every
quarter second. Passes when no answer is a server error (5xx) or a broken connection and
the log-in page always answered within a second. Standard library only; loopback only.
"""

from __future__ import annotations

import argparse
import io
import random
import re
import statistics
import sys
import threading
import time
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from prod_smoke_client import Browser, Response, csrf_token

LOGIN_LIMIT_SECONDS = 1.0
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
PACKAGE_NS = "http://schemas.openxmlformats.org/package/2006"
RELS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    statuses: dict[str, list[int]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    login_seconds: list[float] = field(default_factory=list)

    def note(self, what: str, status: int) -> None:
        with self.lock:
            self.statuses.setdefault(what, []).append(status)

    def broken(self, what: str, exc: BaseException) -> None:
        with self.lock:
            self.errors.append(f"{what}: {exc!r}")


def multipart(
    browser: Browser, base: str, path: str, fields: dict[str, str], file: bytes
) -> Response:
    boundary = uuid.uuid4().hex
    body = io.BytesIO()
    for name, value in fields.items():
        body.write(
            f"--{boundary}\r\nContent-Disposition: form-data; "
            f'name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    body.write(
        (
            f"--{boundary}\r\nContent-Disposition: form-data; "
            f'name="workbook"; filename="groot.xlsx"\r\nContent-Type: {XLSX}.sheet\r\n\r\n'
        ).encode()
    )
    body.write(file)
    body.write(f"\r\n--{boundary}--\r\n".encode())
    return browser.request_raw(
        base, "POST", path, body.getvalue(), f"multipart/form-data; boundary={boundary}"
    )


def _request_raw(
    self: Browser, base: str, method: str, path: str, body: bytes, content_type: str
) -> Response:
    """A request with a body of our own (multipart, or a text too large for urlencode)."""
    import http.client
    from urllib.parse import urlsplit

    url = urlsplit(base)
    sent = {
        "Host": url.netloc,
        "User-Agent": "werkset-load",
        "X-Forwarded-Proto": "https",
        "X-Forwarded-For": "127.0.0.1",
        "Content-Type": content_type,
        "Origin": f"https://{url.netloc}",
        "Referer": f"https://{url.netloc}{path}",
        "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
    }
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
    try:
        connection.request(method, path, body=body, headers=sent)
        raw = connection.getresponse()
        response = Response(raw.status, raw.headers, raw.read())
    finally:
        connection.close()
    for line in response.headers.get_all("Set-Cookie") or []:
        self._keep(line)
    return response


Browser.request_raw = _request_raw  # type: ignore[attr-defined]


def oversized_workbook(cells: int) -> bytes:
    """A workbook of `cells` random numbers on one sheet: millions of cells in a few MB."""
    rng = random.Random(17)  # noqa: S311 - cell values, not secrets
    columns = 50
    rows = cells // columns
    sheet = io.StringIO()
    sheet.write(
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    )
    for row in range(1, rows + 1):
        sheet.write(f'<row r="{row}">')
        for _ in range(columns):
            sheet.write(f"<c><v>{rng.randrange(10**6)}</v></c>")
        sheet.write("</row>")
    sheet.write("</sheetData></worksheet>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'<?xml version="1.0"?><Types xmlns="{PACKAGE_NS}/content-types">'
            f'<Override PartName="/xl/workbook.xml" ContentType="{XLSX}.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            f'ContentType="{XLSX}.worksheet+xml"/></Types>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0"?><workbook xmlns="{MAIN_NS}" xmlns:r="{RELS_NS}">'
            '<sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0"?><Relationships xmlns="{PACKAGE_NS}/relationships">'
            f'<Relationship Id="rId1" Type="{RELS_NS}/worksheet" '
            'Target="worksheets/sheet1.xml"/></Relationships>',
        )
        archive.writestr("xl/worksheets/sheet1.xml", sheet.getvalue())
    return buffer.getvalue()


def logged_in(base: str, username: str, password: str, tally: Tally, what: str) -> Browser:
    person = Browser()
    page = person.get(base, "/inloggen/", direct=True)
    tally.note(f"{what}: inlogpagina", page.status)
    response = person.post(
        base,
        "/inloggen/",
        {"csrfmiddlewaretoken": csrf_token(page.text), "username": username, "password": password},
        direct=True,
    )
    tally.note(f"{what}: inloggen", response.status)
    return person


def ordinary(base: str, args: argparse.Namespace, tally: Tally, rounds: int) -> None:
    """A person reading pages, with a pause between them as a person takes (--think)."""
    pause = random.Random()  # noqa: S311 - pauses, not secrets
    try:
        person = logged_in(base, args.username, args.password, tally, "gewone gebruiker")
        pages = [
            "/",
            f"/rapportages/{args.report}/",
            f"/rapportages/{args.report}/thema/{args.theme}/",
            f"/regios/{args.region}/",
            "/catalogus/",
        ]
        for _ in range(rounds):
            for page in pages:
                tally.note("gewone gebruiker: pagina", person.get(base, page, direct=True).status)
                time.sleep(pause.uniform(0.5, 1.5) * args.think)
    except Exception as exc:  # a broken connection is a finding, not a crash
        tally.broken("gewone gebruiker", exc)


def large_text(base: str, args: argparse.Namespace, tally: Tally) -> None:
    try:
        person = logged_in(base, args.username, args.password, tally, "1 MB tekst")
        page = person.get(base, f"/rapportages/{args.report}/thema/{args.theme}/", direct=True)
        token = csrf_token(page.text)
        from urllib.parse import urlencode

        body = urlencode(
            {
                "csrfmiddlewaretoken": token,
                "text": "Samenwerking. " * (1024 * 1024 // 14),
                "base_revision": "0",
            }
        ).encode()
        started = time.monotonic()
        response = person.request_raw(
            base,
            "POST",
            f"/rapportages/{args.report}/tekst/{args.theme}/",
            body,
            "application/x-www-form-urlencoded",
        )  # type: ignore[attr-defined]
        tally.note("1 MB tekst: opslaan", response.status)
        print(f"  1 MB tekst: {response.status} in {time.monotonic() - started:.2f} s", flush=True)
    except Exception as exc:
        tally.broken("1 MB tekst", exc)


def workbook(
    base: str, args: argparse.Namespace, tally: Tally, content: bytes, number: int
) -> None:
    try:
        person = logged_in(base, args.username, args.password, tally, "werkmap")
        page = person.get(base, f"/rapportages/{args.report}/", direct=True)
        token = csrf_token(page.text)
        started = time.monotonic()
        response = multipart(
            person,
            base,
            f"/rapportages/{args.report}/werkmap/",
            {"csrfmiddlewaretoken": token},
            content,
        )
        tally.note("werkmap: uploaden", response.status)
        location = response.header("Location")
        outcome = f"{response.status} {location}"
        match = re.search(r"/werkmap/(\d+)/", location)
        while match and time.monotonic() - started < 300:
            status = person.get(
                base, f"/rapportages/{args.report}/werkmap/{match.group(1)}/status/", direct=True
            )
            tally.note("werkmap: status", status.status)
            if "data-done" in status.text:
                state = re.search(r'data-state="(\w+)"', status.text)
                outcome = (
                    f"{response.status}, in de wachtrij, daarna {state.group(1) if state else '?'}"
                )
                break
            time.sleep(1)
        print(
            f"  werkmap {number} ({len(content) / 1024 / 1024:.1f} MB): {outcome} "
            f"na {time.monotonic() - started:.1f} s",
            flush=True,
        )
    except Exception as exc:
        tally.broken(f"werkmap {number}", exc)


def probe(base: str, tally: Tally, stop: threading.Event) -> None:
    while not stop.is_set():
        started = time.monotonic()
        try:
            response = Browser().get(base, "/inloggen/", direct=True)
            tally.note("probe: inlogpagina", response.status)
            with tally.lock:
                tally.login_seconds.append(time.monotonic() - started)
        except Exception as exc:
            tally.broken("probe", exc)
        stop.wait(0.25)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", required=True)
    parser.add_argument("--username", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--report", required=True)
    parser.add_argument("--theme", required=True)
    parser.add_argument("--region", required=True)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--think", type=float, default=2.0, help="mean seconds between pages")
    parser.add_argument(
        "--ramp", type=float, default=0.0, help="seconds over which the users arrive (0: at once)"
    )
    # About 4.7 MB: just within the default upload limit of 5 MB, so they reach the queue.
    parser.add_argument("--cells", type=int, default=1_200_000)
    args = parser.parse_args()

    print(f"Werkmappen maken ({args.cells:,} cellen elk)", flush=True)
    content = oversized_workbook(args.cells)
    print(f"  {len(content) / 1024 / 1024:.1f} MB", flush=True)
    tally = Tally()
    stop = threading.Event()
    prober = threading.Thread(target=probe, args=(args.base, tally, stop))
    prober.start()
    time.sleep(1)
    threads = [threading.Thread(target=large_text, args=(args.base, args, tally))]
    threads += [
        threading.Thread(target=workbook, args=(args.base, args, tally, content, n))
        for n in (1, 2, 3)
    ]
    threads += [
        threading.Thread(target=ordinary, args=(args.base, args, tally, args.rounds))
        for _ in range(args.users)
    ]
    started = time.monotonic()
    print(f"Belasting: 1 MB tekst, 3 werkmappen, {args.users} gebruikers tegelijk", flush=True)
    for number, thread in enumerate(threads):
        thread.start()
        if number >= 4 and args.ramp:  # the ordinary users arrive over --ramp seconds
            time.sleep(args.ramp / args.users)
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    stop.set()
    prober.join()

    server_errors = {
        what: [s for s in statuses if s >= 500] for what, statuses in tally.statuses.items()
    }
    server_errors = {what: errs for what, errs in server_errors.items() if errs}
    seconds = sorted(tally.login_seconds)
    p95 = seconds[int(len(seconds) * 0.95) - 1] if seconds else 0.0
    print(
        f"Klaar in {elapsed:.1f} s; {sum(len(s) for s in tally.statuses.values())} antwoorden",
        flush=True,
    )
    for what, statuses in sorted(tally.statuses.items()):
        counts = {code: statuses.count(code) for code in sorted(set(statuses))}
        print(f"  {what}: {counts}", flush=True)
    print(
        f"  inlogpagina tijdens de belasting: {len(seconds)} keer, mediaan "
        f"{statistics.median(seconds):.3f} s, p95 {p95:.3f} s, max {seconds[-1]:.3f} s",
        flush=True,
    )
    failed = []
    if server_errors:
        failed.append(f"serverfouten: {server_errors}")
    if tally.errors:
        failed.append(f"verbroken verbindingen: {tally.errors[:5]}")
    if not seconds or seconds[-1] >= LOGIN_LIMIT_SECONDS:
        failed.append(f"inlogpagina niet altijd binnen {LOGIN_LIMIT_SECONDS} s")
    for line in failed:
        print(f"FOUT: {line}", flush=True)
    print("GESLAAGD" if not failed else "MISLUKT", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
