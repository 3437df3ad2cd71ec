"""Helpers for the browser tests: the browser itself, logging in, axe and screenshots."""

import base64
import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, ConsoleMessage, Page, expect

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCREENSHOT_DIR = Path(__file__).resolve().parents[3] / "test-artifacts" / "screenshots"
# Screenshots are for people (the README's pictures, a look at a page after a change), not
# for the assertions: they cost a fifth of the browser tests' time, so a run makes them only
# when asked (WERKSET_E2E_SCREENSHOTS=1).
SCREENSHOTS_WANTED = os.environ.get("WERKSET_E2E_SCREENSHOTS", "") not in ("", "0")
DEMO_PASSWORD = "e2e-demo-wachtwoord-niet-geheim"  # noqa: S105 (fictitious test accounts)

_axe = Axe()


def chromium_ensure() -> Path:
    """Debian's Chromium, installed with apt-get when missing and allowed; never a download."""
    if CHROMIUM.exists():
        return CHROMIUM
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        pytest.fail(
            f"{CHROMIUM} ontbreekt. Installeer het Debian-pakket: sudo apt-get install chromium",
            pytrace=False,
        )
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update"], ["apt-get", "install", "-y", "chromium"]):
        subprocess.run(command, check=True, env=env, capture_output=True)  # noqa: S603
    if not CHROMIUM.exists():
        pytest.fail(f"apt-get install chromium gaf geen {CHROMIUM}.", pytrace=False)
    return CHROMIUM


def new_page(browser: Browser, base_url: str) -> Page:
    """A fresh browser context (its own cookies and storage) with one page."""
    context = browser.new_context(
        base_url=base_url, viewport={"width": 1280, "height": 900}, accept_downloads=True
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.on("console", lambda message: _note_csp_violation(page, message))
    return page


_CSP_VIOLATIONS: dict[int, list[str]] = {}


def _note_csp_violation(page: Page, message: ConsoleMessage) -> None:
    if message.type == "error" and "Content Security Policy" in message.text:
        _CSP_VIOLATIONS.setdefault(id(page), []).append(message.text)


def login(page: Page, username: str, password: str = DEMO_PASSWORD) -> None:
    """Log in through the form, with the second step where the account has or needs one:
    the first time an app is connected (the key read off the page, as a phone would scan
    it), later its code is entered. Both pages and the recovery codes are checked by axe."""
    page.goto("/inloggen/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")
    if "/account/beveiliging/app-koppelen/" in page.url:
        check_page(page)
        secret = page.locator("#totp-secret").inner_text().replace(" ", "")
        key = base64.b32decode(secret + "=" * (-len(secret) % 8)).hex()
        page.locator("#id_code").fill(_app_code(key, last_t=-1))
        page.locator("main form button[type=submit]").click()
        expect(page.locator("ul.recovery-codes li")).to_have_count(10)
        check_page(page)
        page.get_by_role("link", name="Ik heb de codes bewaard; verder").click()
    elif "/inloggen/tweede-stap/" in page.url:
        check_page(page)
        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
        page.locator("#id_code").fill(_app_code(device.key, last_t=device.last_t))
        page.locator("main form button[type=submit]").click()
    expect(page.locator("form.site-header__logout")).to_be_visible()
    expect(page.locator("nav.site-nav")).to_be_visible()


def _app_code(key: str, *, last_t: int) -> str:
    """The code an authenticator app would show, never one already used (django-otp refuses
    a time step at or before the last one): wait for the next step when needed."""
    now_t = int(time.time() // 30)
    wanted = max(now_t, last_t + 1)
    if wanted > now_t + 1:
        time.sleep(max(0.0, (wanted - 1) * 30 - time.time()) + 0.5)
    totp = TOTP(bytes.fromhex(key))
    totp.time = wanted * 30 + 1
    return f"{totp.token():06d}"


def check_page(page: Page, name: str | None = None) -> None:
    """No axe violations at WCAG 2.1 A and AA and no blocked content (Content-Security-Policy);
    a screenshot when a name is given (and screenshots are wanted)."""
    page.wait_for_load_state("load")
    # Only the violations are reported back: the passing nodes of every rule were most of
    # what axe serialised, and nothing reads them.
    options: dict[str, Any] = {
        "runOnly": {"type": "tag", "values": WCAG_TAGS},
        "resultTypes": ["violations"],
    }
    results = _axe.run(page, options=options)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"
    assert not _CSP_VIOLATIONS.get(id(page)), _CSP_VIOLATIONS[id(page)]
    if name:
        screenshot(page, name)


def screenshot(page: Page, name: str, *, full_page: bool = True) -> Path:
    """A screenshot in test-artifacts/screenshots/ (ignored by git), when asked for
    (SCREENSHOTS_WANTED)."""
    path = SCREENSHOT_DIR / f"{name}.png"
    if not SCREENSHOTS_WANTED:
        return path
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=full_page)
    return path
