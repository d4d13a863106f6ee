"""End to end: committee staff upload a ward's CSV with its own headers, check the automatic column
mapping, see every problem in the preview, import, watch it finish and download the rejected rows;
no CSP error, no foreign request."""

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from chibo.data_quality.models import ImportBatch, ImportStatus
from chibo.members.models import Member
from chibo.testing.personas import PASSWORD, Personas, build_personas

from .import_support import csv_bytes, person

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("audit_truncate_allowed")]


@pytest.fixture
def staff(transactional_db: None, settings: Any) -> Personas:
    settings.CHIBO_REQUIRE_STAFF_MFA = False
    return build_personas()


@pytest.fixture
def page(browser: Browser, live_server: Any, staff: Personas) -> Iterator[Page]:
    context = browser.new_context(base_url=live_server.url, locale="vi-VN")
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors: list[str] = []
    foreign: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on(
        "request",
        lambda r: (
            foreign.append(r.url)
            if not r.url.startswith((live_server.url, "data:", "blob:"))
            else None
        ),
    )
    yield page
    context.close()
    assert errors == [], f"console errors: {errors}"
    assert foreign == [], f"requests to other hosts: {foreign}"


def test_staff_import_a_ward_file(page: Page, tmp_path: Any) -> None:
    data = csv_bytes(
        [person("W1", "nguyễn thị  hoà"), person("W2", "Trần Văn Bé", unit="KHONGCO")]
    ).replace("Họ và tên".encode(), "Họ tên".encode())
    path = tmp_path / "phuong.csv"
    path.write_bytes(data)

    page.goto("/accounts/login/")
    page.fill("input[name=login]", "hq_admin")
    page.fill("input[name=password]", PASSWORD)
    page.locator("form:has(input[name=login]) [type=submit]").click()
    expect(page).to_have_url(re.compile(r"/$"))

    page.get_by_role("link", name="Nhập danh sách").first.click()
    page.fill("input[name=unit]", "G1")
    page.set_input_files("input[name=file]", str(path))
    page.get_by_role("button", name="Tải lên và đọc tệp").click()
    expect(page.locator("h2", has_text="Bước 2: ghép cột")).to_be_visible()
    expect(page.locator("#col_full_name option:checked")).to_have_text("Họ tên")

    page.get_by_role("button", name="Lưu cách ghép cột và xem trước").click()
    expect(page.locator("h1")).to_have_text("Bước 3: xem trước")
    expect(page.locator("td", has_text="Nguyễn Thị Hòa").first).to_be_visible()
    expect(page.get_by_text("Không tìm thấy chi bộ này")).to_be_visible()
    assert not Member.objects.exists()

    page.get_by_role("button", name="Nhập").click()
    expect(page.locator(".badge", has_text="Hoàn tất")).to_be_visible()
    batch = ImportBatch.objects.get()
    assert batch.status == ImportStatus.DONE
    assert (batch.created_count, batch.rejected_count) == (1, 1)
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Tải các dòng bị từ chối")).click()
    assert download.value.suggested_filename.endswith(".xlsx")
