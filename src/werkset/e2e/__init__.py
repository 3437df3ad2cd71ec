"""Browser tests: Playwright with Debian's Chromium, and axe-core for accessibility."""
