"""Screenshots of the data-cleaning campaign pages, desktop and phone, for docs/screenshots/.

Against a running server with the demo data:

    .venv/bin/python scripts/data_quality_screenshots.py [--base-url http://127.0.0.1:8000]

Saves data-quality-{dashboard,branch,fix,record}-{desktop,phone}.png: the city dashboard as
committee staff (vanphong), the demo branch as its secretary (bithu) with the list of records to
fix and one inline form open, and a dirty record's page with its four tests.
"""

import argparse
import functools
import sys
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
DEMO_PASSWORD = "chibo-demo-2026"  # noqa: S105  (the published demo password)
VIEWPORTS = {"desktop": (1280, 800), "phone": (390, 844)}
OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def _keep_errors(errors: list[str], message: Any) -> None:
    if message.type == "error":
        errors.append(message.text)


def login(page: Page, base: str, user: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=login]", user)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.press("input[name=password]", "Enter")
    page.wait_for_load_state("networkidle")


def shoot(page: Page, name: str, kind: str, *, full_page: bool = True) -> None:
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    page.screenshot(path=str(OUT / f"data-quality-{name}-{kind}.png"), full_page=full_page)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    base = parser.parse_args().base_url.rstrip("/")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for kind, (width, height) in VIEWPORTS.items():
            for user in ("vanphong", "bithu"):
                context = browser.new_context(
                    viewport={"width": width, "height": height},
                    locale="vi-VN",
                    is_mobile=width < 500,
                    has_touch=width < 500,
                )
                page = context.new_page()
                errors: list[str] = []
                page.on("console", functools.partial(_keep_errors, errors))
                login(page, base, user)
                page.goto(f"{base}/data-quality/")
                if user == "vanphong":
                    shoot(page, "dashboard", kind)
                else:
                    shoot(page, "branch", kind)
                    page.locator(".fix-row button:has-text('Sửa')").first.click()
                    page.locator(".fix-row form.fix-form").first.wait_for()
                    shoot(page, "fix", kind)
                    page.locator(".fix-row a").first.click()
                    page.wait_for_url("**/data-quality/members/*/")
                    shoot(page, "record", kind)
                context.close()
                for text in errors:
                    print(f"  ! console error ({user}, {kind}): {text}", file=sys.stderr)
        browser.close()


if __name__ == "__main__":
    main()
