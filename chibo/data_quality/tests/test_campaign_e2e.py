"""End to end: committee staff open the campaign dashboard, drill down to a branch, fix a record
inline (HTMX) and watch the branch's percentage rise, without a CSP error or a foreign request."""

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from chibo.data_quality.campaigns.actions import refresh_member_checks
from chibo.testing.e2e import e2e_personas, log_in, watched_page
from chibo.testing.personas import Personas

from .campaign_support import add_campaign, add_member

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("audit_truncate_allowed")]


@pytest.fixture
def campaign_personas(transactional_db: None, settings: Any) -> Personas:
    personas = e2e_personas(settings)
    add_campaign(personas.tree.hcm)
    add_member(personas.tree.b1, full_name="lê  thị hoa")
    add_member(personas.tree.b1)
    add_member(personas.tree.b2)
    add_member(personas.tree.g2, citizen_id="")
    refresh_member_checks()
    return personas


@pytest.fixture
def page(browser: Browser, live_server: Any, campaign_personas: Personas) -> Iterator[Page]:
    yield from watched_page(browser, live_server.url, timeout=10_000)


def percent(page: Page, key: str) -> float:
    text = page.locator(f'#dq-summary [data-percent="{key}"]').inner_text()
    return float(text.rstrip("%").replace(",", "."))


def test_staff_drill_down_fix_inline_and_the_percentage_rises(page: Page) -> None:
    log_in(page, "hq_admin")

    page.get_by_role("link", name="Làm sạch dữ liệu").first.click()
    expect(page.locator("h1")).to_have_text("Đảng bộ Thành phố Hồ Chí Minh")
    expect(page.locator("#dq-progress-chart")).to_be_visible()
    page.locator(".dq-table").get_by_role("link", name="Đảng bộ Phường Sài Gòn").click()
    page.locator(".dq-table").get_by_role("link", name="Đảng bộ Công ty A").click()
    page.locator(".dq-table").get_by_role("link", name="Chi bộ 1").click()
    expect(page.locator("h1")).to_have_text("Chi bộ 1")
    assert percent(page, "clean") == 50.0

    row = page.locator(".fix-row", has_text="lê  thị hoa")
    row.get_by_role("button", name="Sửa").click()
    name = row.get_by_label("Họ và tên")
    expect(name).to_have_value("Lê Thị Hoa")  # the normal form, proposed
    row.get_by_role("button", name="Lưu và kiểm tra lại").click()

    fixed = page.locator(".fix-row", has_text="Lê Thị Hoa")
    expect(fixed.locator(".dq-badge-clean")).to_have_count(0)
    expect(page.locator('#dq-summary [data-percent="clean"]')).to_have_text("100,0%")
    assert percent(page, "clean") == 100.0

    fixed.get_by_role("button", name="Xác nhận").click()
    expect(page.locator('#dq-summary [data-percent="current"]')).to_have_text("50,0%")
    page.reload()
    assert percent(page, "all_four") == 50.0
