"""Screenshots of the duplicate review queue and a pair page, desktop and phone.

Against a running server with the demo data:

    .venv/bin/python scripts/duplicates_screenshots.py [--base-url http://127.0.0.1:8000]

Saves data-quality-duplicates-{queue,pair}-{desktop,phone}.png as committee staff (vanphong).
"""

import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
DEMO_PASSWORD = "chibo-demo-2026"  # noqa: S105  (the published demo password)
VIEWPORTS = {"desktop": (1280, 800), "phone": (390, 844)}
OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    base = parser.parse_args().base_url.rstrip("/")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for kind, (width, height) in VIEWPORTS.items():
            context = browser.new_context(
                viewport={"width": width, "height": height},
                locale="vi-VN",
                is_mobile=width < 500,
                has_touch=width < 500,
            )
            page = context.new_page()
            errors: list[str] = []
            page.on(
                "console",
                lambda m, errors=errors: errors.append(m.text) if m.type == "error" else None,
            )
            page.goto(f"{base}/accounts/login/")
            page.fill("input[name=login]", "vanphong")
            page.fill("input[name=password]", DEMO_PASSWORD)
            page.press("input[name=password]", "Enter")
            page.wait_for_load_state("networkidle")
            page.goto(f"{base}/data-quality/duplicates/")
            page.wait_for_load_state("networkidle")
            page.screenshot(
                path=str(OUT / f"data-quality-duplicates-queue-{kind}.png"), full_page=True
            )
            page.locator("table a.btn").first.click()
            page.wait_for_url("**/data-quality/duplicates/*/")
            page.locator("details summary").first.click()
            page.wait_for_timeout(300)
            page.screenshot(
                path=str(OUT / f"data-quality-duplicates-pair-{kind}.png"), full_page=True
            )
            context.close()
            for text in errors:
                print(f"  ! console error ({kind}): {text}", file=sys.stderr)
        browser.close()


if __name__ == "__main__":
    main()
