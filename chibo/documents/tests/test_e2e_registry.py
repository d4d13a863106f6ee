"""End to end, the registry: committee staff register a regulation with its PDF, find it by a
search typed without diacritics (HTMX), open it, see what it replaces, and download the file;
a fake PDF is refused with its reason. On a phone, the registry list is usable.
"""

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

from chibo.testing.e2e import e2e_personas, log_in, watched_page
from chibo.testing.personas import Personas

from .registry_support import pdf_bytes, register

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("audit_truncate_allowed")]

DESKTOP: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 390, "height": 844}


@pytest.fixture
def world(transactional_db: None, settings: Any) -> Personas:
    personas = e2e_personas(settings)
    register(
        personas.hq_admin,
        personas.tree.hcm,
        "232-QĐ/TW",
        kind="regulation",
        title="Quy định về thi hành Điều lệ Đảng (2025)",
    )
    return personas


def _open(browser: Browser, live_server: Any, viewport: ViewportSize) -> Iterator[Page]:
    # Generous: the first request of a live server on a busy machine compiles templates, etc.
    # Page errors and foreign requests are checked; console messages are not listened to here.
    yield from watched_page(
        browser, live_server.url, viewport, timeout=45_000, touch=False, console=False
    )


@pytest.fixture
def desktop(browser: Browser, live_server: Any, world: Personas) -> Iterator[Page]:
    yield from _open(browser, live_server, DESKTOP)


@pytest.fixture
def phone(browser: Browser, live_server: Any, world: Personas) -> Iterator[Page]:
    yield from _open(browser, live_server, PHONE)


def _fill(page: Page, number: str, title: str) -> None:
    page.select_option("select[name=unit]", value="HCM")
    page.select_option("select[name=kind]", value="regulation")
    page.fill("input[name=number]", number)
    page.fill("input[name=issued_on]", "26/05/2025")
    page.fill("input[name=in_force_from]", "01/07/2025")
    page.fill("input[name=title]", title)


def test_register_search_open_download(desktop: Page, tmp_path: Any) -> None:
    page = desktop
    log_in(page, "hq_admin")
    page.get_by_role("link", name="Văn bản").first.click()
    expect(page).to_have_url(re.compile(r"/documents/$"))

    # A file that is not what its name says is refused, with the reason.
    fake = tmp_path / "quy-dinh.pdf"
    fake.write_bytes(b"<html><script>alert(1)</script></html>")
    page.goto("/documents/new/")
    _fill(page, "294-QĐ/TW", "Quy định về thi hành Điều lệ Đảng")
    page.set_input_files("input[name=files]", str(fake))
    page.get_by_role("button", name="Đăng ký", exact=True).click()
    expect(page.locator(".alert-danger")).to_contain_text("không phải PDF")

    real = tmp_path / "quy-dinh-294.pdf"
    real.write_bytes(pdf_bytes("Ky niem thi hanh Dieu le Dang, ket nap dang vien moi"))
    _fill(page, "294-qd/tw", "Quy định về thi hành Điều lệ Đảng")
    page.fill("input[name=replaces]", "232-QĐ/TW")
    page.set_input_files("input[name=files]", str(real))
    page.get_by_role("button", name="Đăng ký", exact=True).click()
    expect(page).to_have_url(re.compile(r"/documents/\d+/$"))
    expect(page.locator("h1")).to_contain_text("Quy định về thi hành Điều lệ Đảng")
    expect(page.locator("dd").first).to_have_text("294-QĐ/TW")

    # Search without diacritics, in the PDF's text, updated as one types.
    page.goto("/documents/")
    page.fill("#document-q", "ket nap dang vien")
    expect(page.locator(".document-table tbody tr")).to_have_count(1)
    expect(page.locator(".document-table")).to_contain_text("294-QĐ/TW")
    page.locator(".document-table a", has_text="294-QĐ/TW").click()

    # The replaced regulation says so, and links back.
    page.locator("a", has_text="232-QĐ/TW").first.click()
    expect(page.locator(".alert-warning")).to_contain_text("294-QĐ/TW")
    expect(page.locator(".badge", has_text="Hết hiệu lực")).to_be_visible()
    page.locator(".alert-warning a").click()

    with page.expect_download() as download:
        page.get_by_role("link", name="Tải về").click()
    assert download.value.suggested_filename == "quy-dinh-294.pdf"


def test_registry_on_a_phone(phone: Page) -> None:
    page = phone
    log_in(page, "branch_officer")
    page.goto("/documents/?q=dieu+le")
    expect(page.locator(".document-table")).to_contain_text("232-QĐ/TW")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
