"""End to end in headless Chromium: the secretary plans the year and prepares a meeting, a member
checks in from a phone by the QR link, the minutes are signed and exported, and the committee
above sees which branches met this month and which did not.

Every page loads only from our own server and logs no console error (CSP violations show there).
"""

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from chibo.testing.e2e import DESKTOP, PHONE, Watch, e2e_personas, log_in, open_page
from chibo.testing.personas import Personas, make_member

from ..models import Meeting
from .support import member_with_login

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("audit_truncate_allowed")]


@pytest.fixture
def people(transactional_db: None, settings: Any) -> Personas:
    personas = e2e_personas(settings)
    member_with_login(personas.tree.b1, "Lê Văn An", "an")
    make_member(personas.tree.b1, "Trần Thị Bình")
    make_member(personas.tree.b2, "Phạm Văn Cường")
    return personas


def _context(browser: Browser, live_server: Any, viewport: Any) -> Iterator[tuple[Page, Watch]]:
    # A busy test machine: a generous timeout.
    return open_page(browser, live_server.url, viewport, timeout=30_000, accept_downloads=True)


def _move(meeting: Meeting, start: Any, minutes: int = 120) -> None:
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=start, ends_at=start + timedelta(minutes=minutes)
    )


def test_plan_prepare_check_in_minutes_and_committee_view(
    browser: Browser, live_server: Any, people: Personas
) -> None:
    desk = _context(browser, live_server, DESKTOP)
    page, watch = next(desk)
    log_in(page, "branch_officer")

    # The year plan: 12 regular and 4 thematic meetings, generated.
    page.get_by_role("link", name="Sinh hoạt chi bộ").first.click()
    expect(page.locator("h1")).to_contain_text("Chi bộ 1")
    next_year = timezone.localdate().year + 1
    page.goto(f"/meetings/unit/B1/?year={next_year}")
    page.locator("#generate-plan").click()
    expect(page.locator(".alert-success")).to_contain_text(f"năm {next_year}")
    expect(page.locator("#meetings-table tbody tr")).to_have_count(16)

    # A meeting prepared: created with its agenda, content agreed, notice sent, document posted.
    page.goto("/meetings/unit/B1/new/")
    page.fill("#id_title", "Sinh hoạt chi bộ tháng này")
    page.fill("#id_place", "Hội trường tầng 2")
    page.fill("#id_agenda", "Kiểm điểm công tác tháng\nKết nạp đảng viên")
    page.locator("#save-meeting").click()
    expect(page.locator("h1")).to_contain_text("Sinh hoạt chi bộ tháng này")
    meeting = Meeting.objects.get(title="Sinh hoạt chi bộ tháng này")
    page.locator("#agree-content").click()
    page.locator("#send-notice").click()
    expect(page.locator("#meeting-status")).to_contain_text("Đã thông báo")
    page.fill("#doc-title", "Dự thảo nghị quyết tháng")
    page.locator("#post-document").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã đăng tài liệu")

    # Meeting time: the QR opens within two hours of the start.
    _move(meeting, timezone.now() + timedelta(minutes=30))
    page.goto(f"/meetings/{meeting.pk}/qr/")
    page.locator("#issue-qr").click()
    expect(page.locator("#qr svg")).to_be_visible()
    check_in_url = page.locator("#check-in-url").inner_text()

    # A member scans it on a phone.
    mobile = _context(browser, live_server, PHONE)
    phone, phone_watch = next(mobile)
    log_in(phone, "an")
    phone.goto(check_in_url)
    expect(phone.locator("h1")).to_contain_text("Sinh hoạt chi bộ tháng này")
    phone.locator("#check-in").click()
    expect(phone.locator("#checked-in")).to_be_visible()
    phone_watch.assert_clean()
    next(mobile, None)

    # The secretary's sheet: Bình excused by HTMX, without a page load.
    page.goto(f"/meetings/{meeting.pk}/attendance/")
    expect(page.locator("#att-counts")).to_contain_text("1/2")
    binh = page.locator("#attendance-sheet li", has_text="Trần Thị Bình")
    binh.locator("input[name=reason]").fill("Ốm")
    binh.locator("button[value=excused]").click()
    expect(page.locator("#attendance-sheet li", has_text="Trần Thị Bình")).to_contain_text(
        "Vắng có lý do"
    )
    expect(page.locator("#att-counts")).to_contain_text("1/2")

    # Held, then the minutes: written, signed by both, exported.
    now = timezone.localtime()
    start = now - timedelta(minutes=100)
    if start.date() != now.date():
        start = now.replace(hour=0, minute=0)
    _move(meeting, start, minutes=max(1, int((now - start).total_seconds() // 60)))
    page.goto(f"/meetings/{meeting.pk}/")
    page.locator("#record-held").click()
    expect(page.locator("#meeting-status")).to_contain_text("Đã họp")
    page.locator("#open-minutes").click()
    page.fill("#id_content", "Đánh giá kết quả tháng; kết nạp một quần chúng ưu tú.")
    page.fill("#id_conclusions", "Chi bộ thống nhất nghị quyết tháng.")
    page.fill("#id_vote_title", "Nghị quyết tháng")
    page.fill("#id_votes_for", "1")
    page.locator("#save-minutes").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã lưu biên bản")
    page.locator("#sign-chair").click()
    page.locator("#sign-secretary").click()
    expect(page.locator("#secretary-signed")).to_be_visible()
    expect(page.locator("#minutes-form")).to_have_count(0)  # locked once signed
    with page.expect_download() as download:
        page.locator("#download-pdf").click()
    path = download.value.path()
    with open(path, "rb") as f:
        assert f.read(5) == b"%PDF-"
    watch.assert_clean()
    next(desk, None)

    # The committee above: which branches met this month and which did not.
    above = _context(browser, live_server, DESKTOP)
    page, watch = next(above)
    log_in(page, "hq_admin")
    page.goto("/meetings/unit/G1/quality/")
    expect(page.locator("#met")).to_contain_text("Chi bộ 1")
    expect(page.locator("#not-met")).to_contain_text("Chi bộ 2")
    expect(page.locator("#chart-quality")).to_be_visible()
    watch.assert_clean()
    next(above, None)
