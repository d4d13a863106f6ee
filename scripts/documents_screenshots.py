"""Screenshots of the documents registry pages, desktop and phone, for docs/screenshots/.

Against a running server with the demo data:

    .venv/bin/python scripts/documents_screenshots.py [--base-url http://127.0.0.1:8000]

Saves documents-{list,search,detail,replaced,register}-{desktop,phone}.png as the city
committee's staff (vanphong): the registry, a diacritics-free search, Quy định 294-QĐ/TW (which
replaces 232-QĐ/TW), 232-QĐ/TW (replaced), and the register form with a refused number.
"""

import argparse
import sys
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
DEMO_PASSWORD = "chibo-demo-2026"  # noqa: S105  (the published demo password)
VIEWPORTS = {"desktop": (1280, 800), "phone": (390, 844)}
OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def login(page: Page, base: str, user: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=login]", user)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.press("input[name=password]", "Enter")
    page.wait_for_load_state("networkidle")


def shoot(page: Page, name: str, kind: str) -> None:
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    page.screenshot(path=str(OUT / f"documents-{name}-{kind}.png"), full_page=True)


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
            login(page, base, "vanphong")
            page.goto(f"{base}/documents/")
            shoot(page, "list", kind)
            page.fill("#document-q", "sinh hoat chi bo")
            page.wait_for_timeout(800)
            shoot(page, "search", kind)
            page.goto(f"{base}/documents/?q=294-QĐ/TW")
            page.locator(".document-table a").first.click()
            page.wait_for_url("**/documents/*/")
            shoot(page, "detail", kind)
            page.locator("a:has-text('232-QĐ/TW')").first.click()
            page.wait_for_url("**/documents/*/")
            shoot(page, "replaced", kind)
            page.goto(f"{base}/documents/new/")
            page.select_option("#id_kind", "resolution")
            page.fill("#id_number", "57/NQ-TW")
            page.fill("#id_issued_on", "22/12/2024")
            page.fill("#id_title", "Thử số sai mẫu")
            page.locator("form.document-form button[type=submit]").click()
            page.wait_for_load_state("networkidle")
            shoot(page, "register", kind)
            context.close()
            for text in errors:
                print(f"  ! console error ({kind}): {text}", file=sys.stderr)
        browser.close()


if __name__ == "__main__":
    main()
