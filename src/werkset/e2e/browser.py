"""Helpers for the browser tests: the browser itself, logging in, axe and screenshots."""

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
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
    """Log in through the form. The one place to add a second factor (TOTP) later."""
    page.goto("/inloggen/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("form.site-header__logout")).to_be_visible()


def check_page(page: Page, name: str | None = None) -> None:
    """No axe violations at WCAG 2.1 A and AA and no blocked content (Content-Security-Policy);
    a screenshot when a name is given."""
    page.wait_for_load_state("load")
    options: dict[str, Any] = {"runOnly": {"type": "tag", "values": WCAG_TAGS}}
    results = _axe.run(page, options=options)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"
    assert not _CSP_VIOLATIONS.get(id(page)), _CSP_VIOLATIONS[id(page)]
    if name:
        screenshot(page, name)


def screenshot(page: Page, name: str, *, full_page: bool = True) -> Path:
    """A screenshot in test-artifacts/screenshots/ (ignored by git)."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
