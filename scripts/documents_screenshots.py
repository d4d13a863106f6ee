"""Screenshots of the documents registry pages, desktop and phone, for docs/screenshots/.

Against a running server with the demo data:

    .venv/bin/python scripts/documents_screenshots.py [--base-url http://127.0.0.1:8000]

Saves documents-{list,search,detail,replaced,register}-{desktop,phone}.png as the city
committee's staff (vanphong): the registry, a diacritics-free search, Quy định 294-QĐ/TW (which
replaces 232-QĐ/TW), 232-QĐ/TW (replaced), and the register form with a refused number.
"""

from _screenshots import OUT, VIEWPORTS, base_url, chromium, login, opened_page
from playwright.sync_api import Page


def shoot(page: Page, name: str, kind: str) -> None:
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    page.screenshot(path=str(OUT / f"documents-{name}-{kind}.png"), full_page=True)


def main() -> None:
    base = base_url()
    with chromium() as browser:
        for kind, size in VIEWPORTS.items():
            with opened_page(browser, size, kind) as page:
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


if __name__ == "__main__":
    main()
