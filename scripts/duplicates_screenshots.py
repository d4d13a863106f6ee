"""Screenshots of the duplicate review queue and a pair page, desktop and phone.

Against a running server with the demo data:

    .venv/bin/python scripts/duplicates_screenshots.py [--base-url http://127.0.0.1:8000]

Saves data-quality-duplicates-{queue,pair}-{desktop,phone}.png as committee staff (vanphong).
"""

from _screenshots import OUT, VIEWPORTS, base_url, chromium, login, opened_page


def main() -> None:
    base = base_url()
    with chromium() as browser:
        for kind, size in VIEWPORTS.items():
            with opened_page(browser, size, kind) as page:
                login(page, base, "vanphong")
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


if __name__ == "__main__":
    main()
