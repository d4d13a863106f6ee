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
from chibo.testing.e2e import e2e_personas, log_in, watched_page
from chibo.testing.personas import Personas

from .import_support import csv_bytes, person

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("audit_truncate_allowed")]


@pytest.fixture
def staff(transactional_db: None, settings: Any) -> Personas:
    return e2e_personas(settings)


@pytest.fixture
def page(browser: Browser, live_server: Any, staff: Personas) -> Iterator[Page]:
    yield from watched_page(browser, live_server.url, timeout=15_000)


def test_staff_import_a_ward_file(page: Page, tmp_path: Any) -> None:
    data = csv_bytes(
        [person("W1", "nguyễn thị  hoà"), person("W2", "Trần Văn Bé", unit="KHONGCO")]
    ).replace("Họ và tên".encode(), "Họ tên".encode())
    path = tmp_path / "phuong.csv"
    path.write_bytes(data)

    log_in(page, "hq_admin")

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
