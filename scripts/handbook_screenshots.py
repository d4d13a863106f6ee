"""Screenshots of the member handbook (phone mostly) for docs/screenshots/handbook-*.png.

    .venv/bin/python scripts/handbook_screenshots.py [--base-url http://127.0.0.1:8000]

Needs a running server with the demo data (accounts dangvien and bithu, password
chibo-demo-2026) and Debian's chromium.
"""

import re

from _screenshots import OUT, base_url, chromium, login
from playwright.sync_api import Page, ViewportSize

PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1280, "height": 800}


def shot(page: Page, name: str, *, full: bool = True) -> None:
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(OUT / f"handbook-{name}.png"), full_page=full)
    print(f"handbook-{name}.png")


def main() -> None:
    base = base_url()
    OUT.mkdir(parents=True, exist_ok=True)
    with chromium() as browser:
        for label, size in (("phone", PHONE), ("desktop", DESKTOP)):
            context = browser.new_context(
                viewport=size,
                locale="vi-VN",
                timezone_id="Asia/Ho_Chi_Minh",
                is_mobile=label == "phone",
                has_touch=label == "phone",
            )
            page = context.new_page()
            login(page, base, "dangvien")
            page.goto(f"{base}/so-tay/")
            shot(page, f"home-{label}")
            if label == "desktop":
                context.close()
                continue
            page.goto(f"{base}/so-tay/ho-so/")
            shot(page, "record-phone")
            page.goto(f"{base}/so-tay/van-ban/")
            shot(page, "documents-phone")
            link = page.locator("a[href^='/so-tay/van-ban/']").filter(has_text=re.compile(r"\d"))
            if link.count():
                link.first.click()
                shot(page, "document-phone", full=False)
            page.goto(f"{base}/so-tay/y-kien/")
            shot(page, "questions-phone")
            thread = page.locator("a[href^='/so-tay/y-kien/']").filter(has_text="nghị quyết")
            if thread.count():
                thread.first.click()
                shot(page, "thread-phone")
            page.goto(f"{base}/so-tay/lich-hop/")
            shot(page, "meetings-phone")
            meeting = page.locator("a[href^='/so-tay/lich-hop/'][href$='/']").nth(1)
            if meeting.count():
                meeting.click()
                shot(page, "meeting-phone")
            page.goto(f"{base}/so-tay/thong-bao/")
            shot(page, "notices-phone")
            context.close()
        context = browser.new_context(
            viewport=PHONE, locale="vi-VN", is_mobile=True, has_touch=True
        )
        page = context.new_page()
        login(page, base, "bithu")
        page.goto(f"{base}/so-tay/yeu-cau/")
        shot(page, "corrections-inbox-phone")
        page.goto(f"{base}/so-tay/y-kien/hop-thu/?trang-thai=answered")
        shot(page, "questions-inbox-phone")
        context.close()


if __name__ == "__main__":
    main()
