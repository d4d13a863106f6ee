"""Screenshots of what session 3 changed, for docs/screenshots/session3-*.png, desktop and phone.

Against a running server with a freshly seeded demo and a task worker (the import parses in a task):

    .venv/bin/python manage.py runserver 127.0.0.1:8765 &
    .venv/bin/python manage.py db_worker &
    .venv/bin/python scripts/session3_screenshots.py --base-url http://127.0.0.1:8765

- quantri asks for a role that reads member data for another user: it waits for a second person
  (the pending-approvals card); quantri tries to give a role to themselves (the error beside the
  field); the audit log (member data masked).
- bithu uploads a small list for his branch: the import preview with citizen IDs masked; vanphong
  (committee staff of the city) sees the same preview with the IDs.
- a member's profile as bithu (citizen ID hidden) and as vanphong (shown).
- the handbook home as dangvien.

Each page is checked for a horizontal scroll bar; console errors (CSP included) are printed.
"""

import sys
import tempfile
from pathlib import Path

from _screenshots import DEMO_PASSWORD, OUT, base_url, chromium, login, opened_page
from openpyxl import Workbook
from playwright.sync_api import Page

VIEWPORTS = {"desktop": (1366, 900), "phone": (390, 844)}
BRANCH = "HCM-26740-01-01"  # bithu's and dangvien's branch
PROFILE = 716  # a member of that branch (not bithu himself) in the 3000-member demo
# Who quantri asks a role for on each size (a second request for the same role would be refused).
REQUEST_FOR = {
    "desktop": ("phuong", "HCM-26740", "inspector"),
    "phone": ("kiemtra", "HCM-26740", "committee_staff"),
}


def shot(page: Page, name: str, *, full: bool = True) -> None:
    page.wait_for_load_state("networkidle")
    wide = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    if wide > 0:
        print(f"  ! {name}: horizontal scroll of {wide} px", file=sys.stderr)
    page.screenshot(path=str(OUT / f"session3-{name}.png"), full_page=full)
    print(f"session3-{name}.png")


def show_id_column(page: Page) -> None:
    """On a phone the preview table scrolls sideways: bring the citizen-ID column into view."""
    page.evaluate(
        "() => { const t = document.querySelector('.table-responsive');"
        " if (t && t.scrollWidth > t.clientWidth) t.scrollLeft = 330; }"
    )


def small_list() -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Mã HS", "Họ tên", "Giới", "Ngày sinh", "Số CCCD", "Ngày vào đảng", "Chi bộ"])
    sheet.append(["VP-901", "Đỗ Thị Hạnh", "Nữ", "12/03/1987", "079187001122", "03/02/2015",
                  BRANCH])  # fmt: skip
    sheet.append(["VP-902", "Huỳnh Văn Lộc", "Nam", "1979", "079079003344", "19/05/2008",
                  BRANCH])  # fmt: skip
    sheet.append(["VP-903", "Trương Minh Trí", "Nam", "31/02/1990", "0791", "", BRANCH])
    path = Path(tempfile.mkdtemp()) / "bo-sung-chi-bo.xlsx"
    book.save(path)
    return path


def open_user(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/account/users/?q={username}")
    page.locator("a[href^='/account/users/']").filter(has_text=username).first.click()
    page.wait_for_load_state("networkidle")


def main() -> None:
    base = base_url()
    upload = small_list()
    preview_url = ""
    with chromium() as browser:
        # An audit entry about a member for the audit log: vanphong corrects a phone number.
        with opened_page(browser, VIEWPORTS["desktop"], "vanphong edit") as page:
            login(page, base, "vanphong")
            page.goto(f"{base}/members/{PROFILE}/")
            edit = page.locator("form[action$='/edit/']")
            edit.locator("input[name=phone]").evaluate("e => { e.value = '0903 456 789' }")
            edit.evaluate("f => f.requestSubmit()")
            page.wait_for_load_state("networkidle")
        for kind, size in VIEWPORTS.items():
            with opened_page(browser, size, f"quantri {kind}") as page:
                login(page, base, "quantri", DEMO_PASSWORD)
                who, unit, role = REQUEST_FOR[kind]
                open_user(page, base, who)
                page.fill("input[name=unit_code]", unit)
                page.select_option("select[name=role]", role)
                page.click("form[action$='/grants/'] button[type=submit]")
                shot(page, f"user-pending-approval-{kind}")
                # The demo has one access manager: nobody may approve, the list says so.
                page.goto(f"{base}/account/users/")
                shot(page, f"users-to-decide-{kind}", full=False)
                open_user(page, base, "quantri")
                page.fill("input[name=unit_code]", "HCM")
                page.select_option("select[name=role]", "inspector")
                page.click("form[action$='/grants/'] button[type=submit]")
                shot(page, f"self-grant-error-{kind}")
                page.goto(f"{base}/audit/?action=members.")
                shot(page, f"audit-quantri-{kind}", full=False)
            with opened_page(browser, size, f"bithu {kind}") as page:
                login(page, base, "bithu")
                if not preview_url:
                    page.goto(f"{base}/data-quality/imports/")
                    unit_field = page.locator("[name=unit]")
                    if unit_field.evaluate("e => e.tagName") == "SELECT":
                        unit_field.select_option(BRANCH)
                    else:
                        unit_field.fill(BRANCH)
                    page.set_input_files("input[name=file]", str(upload))
                    page.click("form[enctype] button[type=submit]")
                    page.wait_for_url("**/data-quality/imports/*/")
                    page.wait_for_selector("form[action$='/mapping/']", timeout=60_000)
                    page.click("form[action$='/mapping/'] button[type=submit]")
                    page.wait_for_url("**/preview/")
                    preview_url = page.url
                page.goto(preview_url)
                show_id_column(page)
                shot(page, f"import-preview-bithu-{kind}")
                page.goto(f"{base}/members/{PROFILE}/")
                shot(page, f"profile-bithu-{kind}")
                # The next meeting recorded as held on a day far from its date: refused.
                page.goto(f"{base}/meetings/unit/{BRANCH}/")
                page.locator("a[href^='/meetings/']").filter(has_text="tháng 12/2026").first.click()
                page.wait_for_load_state("networkidle")
                page.fill("#held-day", "05/03/2026")
                page.click("#record-held")
                shot(page, f"meeting-held-error-{kind}", full=False)
            with opened_page(browser, size, f"vanphong {kind}") as page:
                login(page, base, "vanphong")
                page.goto(preview_url)
                show_id_column(page)
                shot(page, f"import-preview-vanphong-{kind}")
                page.goto(f"{base}/members/{PROFILE}/")
                shot(page, f"profile-vanphong-{kind}")
            with opened_page(browser, size, f"dangvien {kind}") as page:
                login(page, base, "dangvien")
                page.goto(f"{base}/so-tay/")
                # The bottom bar is fixed: a full-page capture would draw it mid-page.
                shot(page, f"handbook-home-dangvien-{kind}", full=kind == "desktop")


if __name__ == "__main__":
    main()
