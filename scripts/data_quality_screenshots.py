"""Screenshots of the data-cleaning campaign pages, desktop and phone, for docs/screenshots/.

Against a running server with the demo data:

    .venv/bin/python scripts/data_quality_screenshots.py [--base-url http://127.0.0.1:8000]

Saves data-quality-{dashboard,branch,fix,record}-{desktop,phone}.png: the city dashboard as
committee staff (vanphong), the demo branch as its secretary (bithu) with the list of records to
fix and one inline form open, and a dirty record's page with its four tests.
"""

from _screenshots import OUT, VIEWPORTS, base_url, chromium, login, opened_page
from playwright.sync_api import Page


def shoot(page: Page, name: str, kind: str, *, full_page: bool = True) -> None:
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    page.screenshot(path=str(OUT / f"data-quality-{name}-{kind}.png"), full_page=full_page)


def main() -> None:
    base = base_url()
    with chromium() as browser:
        for kind, size in VIEWPORTS.items():
            for user in ("vanphong", "bithu"):
                with opened_page(browser, size, f"{user}, {kind}") as page:
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


if __name__ == "__main__":
    main()
