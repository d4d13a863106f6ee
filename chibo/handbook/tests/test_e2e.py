"""End to end on a phone (390 x 844, headless chromium): a member uses the handbook, the branch
secretary answers, and the pages the member opened stay readable offline (service worker)."""

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from chibo.documents.models import Receipt
from chibo.handbook.models import CorrectionRequest
from chibo.testing.e2e import PHONE, Watch, e2e_personas, open_page
from chibo.testing.personas import PASSWORD

from .support import member_with_login, plan_meeting, send_document

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("audit_truncate_allowed")]


@pytest.fixture
def world(transactional_db: None, settings: Any) -> dict[str, Any]:
    personas = e2e_personas(settings)
    user, member = member_with_login(personas.tree.b1)
    document = send_document(personas.tree.b1, [member])
    meeting = plan_meeting(personas.tree.b1)
    return {"p": personas, "user": user, "member": member, "document": document, "meeting": meeting}


def _phone(browser: Browser, live_server: Any) -> Iterator[tuple[Page, Watch]]:
    return open_page(browser, live_server.url, PHONE, service_workers="allow")


def _login(page: Page, username: str) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=login]", username)
    page.fill("input[name=password]", PASSWORD)
    page.press("input[name=password]", "Enter")
    page.wait_for_load_state("networkidle")
    assert "/accounts/login/" not in page.url


def test_member_handbook_on_a_phone_with_offline_reading(
    browser: Browser, live_server: Any, world: dict[str, Any]
) -> None:
    document, meeting = world["document"], world["meeting"]
    member_phone = _phone(browser, live_server)
    page, watch = next(member_phone)
    context = page.context
    _login(page, "dangvien")

    # Home: next meeting with its calendar file, the document to read, no tasks box.
    page.goto("/so-tay/")
    expect(page.get_by_role("heading", name="Chào đồng chí Nguyễn Thị Mai")).to_be_visible()
    expect(page.get_by_text(meeting.title)).to_be_visible()
    expect(page.locator(f"a[href='/so-tay/lich-hop/{meeting.pk}/lich.ics']")).to_be_visible()
    expect(page.get_by_role("link", name=document.number)).to_be_visible()
    # The service worker takes control of the handbook.
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    page.wait_for_function("navigator.serviceWorker.controller !== null")

    # Open the document: the read is recorded; bookmark it (HTMX).
    page.get_by_role("link", name=document.number).click()
    expect(page.get_by_role("heading", name=document.number)).to_be_visible()
    expect(page.get_by_text("Đã ghi nhận đọc")).to_be_visible()
    assert Receipt.objects.get(document=document).read_at is not None
    page.get_by_role("button", name="Lưu văn bản").click()
    expect(page.get_by_role("button", name="Đã lưu")).to_be_visible()

    # Ask the branch committee; the page says plainly it is not anonymous.
    page.get_by_role("link", name="Ý kiến").first.click()
    expect(page.get_by_text("không ẩn danh")).to_be_visible()
    page.fill("input[name=subject]", "Lịch học nghị quyết")
    page.fill("textarea[name=body]", "Khi nào chi bộ học tập nghị quyết mới?")
    page.get_by_role("button", name="Gửi chi ủy").click()
    expect(page.get_by_role("heading", name="Lịch học nghị quyết")).to_be_visible()
    thread_url = page.url

    # The branch secretary answers from their own phone.
    secretary_phone = _phone(browser, live_server)
    secretary, secretary_watch = next(secretary_phone)
    _login(secretary, "branch_officer")
    secretary.goto("/so-tay/y-kien/hop-thu/")
    secretary.get_by_role("link", name="Lịch học nghị quyết").click()
    secretary.fill("textarea[name=body]", "Thứ Năm tuần sau, trong buổi sinh hoạt chuyên đề.")
    secretary.get_by_role("button", name="Gửi").click()
    expect(secretary.get_by_text("Thứ Năm tuần sau")).to_be_visible()
    next(secretary_phone, None)

    # The member gets the answer and a notice.
    page.goto(thread_url)
    expect(page.get_by_text("Thứ Năm tuần sau")).to_be_visible()
    expect(page.locator("#bell-count")).to_have_text("1 thông báo chưa đọc")

    # Ask to correct the record.
    page.goto("/so-tay/ho-so/")
    page.select_option("select[name=field]", "phone")
    page.fill("input[name=proposed_value]", "0912 345 678")
    page.get_by_role("button", name="Gửi đề nghị").click()
    expect(page.get_by_text("Chờ xử lý")).to_be_visible()
    assert CorrectionRequest.objects.get().proposed_value == "0912345678"

    # Offline: what was opened stays readable; a page never opened says it is offline.
    page.goto(f"/so-tay/van-ban/{document.pk}/")
    page.goto("/so-tay/")
    context.set_offline(True)
    page.reload()
    expect(page.get_by_role("heading", name="Chào đồng chí Nguyễn Thị Mai")).to_be_visible()
    expect(page.locator("#hb-offline")).to_be_visible()
    page.goto(f"/so-tay/van-ban/{document.pk}/")
    expect(page.get_by_role("heading", name=document.number)).to_be_visible()
    page.goto("/so-tay/lich-hop/")
    expect(page.get_by_role("heading", name="Không có kết nối mạng")).to_be_visible()
    context.set_offline(False)
    next(member_phone, None)

    # Offline, the boxes the home loads on their own (HTMX: "my tasks") cannot be fetched; htmx
    # reports it as a send error, which is what a phone without network should see.
    offline = ("ERR_INTERNET_DISCONNECTED", "htmx:sendError", "htmx:afterRequest")
    offline_noise = [e for e in watch.errors if not any(mark in e for mark in offline)]
    assert watch.foreign == [], watch.foreign
    assert offline_noise == [], offline_noise
    secretary_watch.assert_clean()
