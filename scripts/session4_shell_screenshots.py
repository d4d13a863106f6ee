"""Screenshots of the app shell (issue 17) for docs/screenshots/session4-shell-*.png: each demo
role's home ("Việc cần làm") on desktop (1366 x 768) and phone (390 x 844), the open menu, the
search box with results, the "did not meet" list and a refused meeting form.

    CHIBO_REQUIRE_STAFF_MFA=0 .venv/bin/python manage.py runserver 127.0.0.1:8108 &
    .venv/bin/python scripts/session4_shell_screenshots.py --base-url http://127.0.0.1:8108

Each page is checked for a horizontal scroll bar; console errors (CSP included) are printed.
"""

import sys

from _screenshots import OUT, base_url, chromium, login, opened_page
from playwright.sync_api import Page

VIEWPORTS = {"desktop": (1366, 768), "phone": (390, 844)}
ROLES = ("vanphong", "phuong", "bithu", "kiemtra", "dangvien", "quantri")


def shot(page: Page, name: str, *, full: bool = True) -> None:
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(400)
    wide = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    if wide > 0:
        print(f"  ! {name}: horizontal scroll of {wide} px", file=sys.stderr)
    page.screenshot(path=str(OUT / f"session4-shell-{name}.png"), full_page=full)
    print(f"session4-shell-{name}.png")


def main() -> None:
    base = base_url()
    with chromium() as browser:
        for size_name, size in VIEWPORTS.items():
            for user in ROLES:
                with opened_page(browser, size, f"{user} {size_name}") as page:
                    login(page, base, user)
                    page.goto(f"{base}/")
                    shot(page, f"home-{user}-{size_name}")
                    if user == "vanphong":
                        if size_name == "phone":
                            page.locator(".navbar-toggler").click()
                            page.wait_for_timeout(400)
                        page.get_by_role("button", name="Tổ chức & đảng viên").click()
                        shot(page, f"menu-{size_name}", full=False)
                        page.keyboard.press("Escape")
                        if size_name == "phone":
                            page.locator(".navbar-toggler").click()
                            page.wait_for_timeout(400)
                            page.locator(".navbar-toggler").click()
                            page.wait_for_timeout(400)
                        page.locator("#global-q").fill("nguyen van")
                        page.wait_for_timeout(1200)
                        shot(page, f"search-{size_name}", full=False)
                        page.goto(f"{base}/meetings/not-met/")
                        shot(page, f"not-met-{size_name}")
                        page.goto(f"{base}/audit/?kind=meetings")
                        shot(page, f"audit-{size_name}", full=False)
                    if user == "bithu":
                        page.goto(f"{base}/meetings/")
                        page.wait_for_load_state("networkidle")
                        new = page.locator("a[href$='/new/']").first
                        if new.count():
                            new.click()
                            page.fill("#id_title", "Họp bất thường")
                            page.select_option("#id_kind", "extraordinary")
                            page.fill("#id_day", "01/01/2020")
                            page.fill("#id_start", "7h30")
                            page.fill("#id_end", "9h30")
                            page.locator("#save-meeting").click()
                            shot(page, f"form-error-{size_name}")


if __name__ == "__main__":
    main()
