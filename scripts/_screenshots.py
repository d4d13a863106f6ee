"""What the scripts/*_screenshots.py share: Debian's chromium through Playwright, the demo
password, desktop and phone sizes, a Vietnamese browser context that reports console errors, and
the log-in form. Imported by those scripts (run as `.venv/bin/python scripts/<name>.py`)."""

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
DEMO_PASSWORD = "chibo-demo-2026"  # noqa: S105  (the published demo password)
VIEWPORTS = {"desktop": (1280, 800), "phone": (390, 844)}
OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def base_url() -> str:
    """The `--base-url` of the running server (default http://127.0.0.1:8000), no final slash."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    return str(parser.parse_args().base_url).rstrip("/")


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def opened_page(
    browser: Browser, size: tuple[int, int], label: str, **options: Any
) -> Iterator[Page]:
    """A page in a fresh Vietnamese context (a phone below 500 px wide); its console errors are
    printed to stderr, tagged with `label`, once the context is closed."""
    width, height = size
    context = browser.new_context(
        viewport={"width": width, "height": height},
        locale="vi-VN",
        is_mobile=width < 500,
        has_touch=width < 500,
        **options,
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        yield page
    finally:
        context.close()
        for text in errors:
            print(f"  ! console error ({label}): {text}", file=sys.stderr)


def login(page: Page, base: str, user: str, password: str = DEMO_PASSWORD) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=login]", user)
    page.fill("input[name=password]", password)
    page.press("input[name=password]", "Enter")
    page.wait_for_load_state("networkidle")
