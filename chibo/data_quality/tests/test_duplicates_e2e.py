"""End to end: committee staff open the duplicate queue, see a pair side by side with the
differences highlighted, keep the other record's phone, merge, then undo; no CSP error, no
foreign request."""

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from chibo.data_quality.duplicates.actions import flag_duplicate_pair
from chibo.members.models import Member, MemberStatus
from chibo.testing.e2e import e2e_personas, log_in, watched_page
from chibo.testing.personas import Personas, make_member

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("audit_truncate_allowed")]


@pytest.fixture
def pair_personas(transactional_db: None, settings: Any) -> Personas:
    personas = e2e_personas(settings)
    a = make_member(personas.tree.b1, "Phạm Thị Hòa")
    b = make_member(personas.tree.b1, "Pham Thi Hoa")
    Member.objects.filter(pk=a.pk).update(birth_date=date(1980, 5, 6), phone="")
    Member.objects.filter(pk=b.pk).update(birth_date=date(1980, 6, 5), phone="0987654321")
    a.refresh_from_db()
    b.refresh_from_db()
    flag_duplicate_pair(
        actor=personas.hq_admin,
        left=a,
        right=b,
        probability=0.996,
        reason={"source": "splink", "weights": {"name": 8.0, "birth_date": 5.5}},
    )
    return personas


@pytest.fixture
def page(browser: Browser, live_server: Any, pair_personas: Personas) -> Iterator[Page]:
    yield from watched_page(browser, live_server.url, timeout=10_000)


def test_staff_merge_a_pair_then_undo(page: Page) -> None:
    log_in(page, "hq_admin")

    page.get_by_role("link", name="Hồ sơ trùng").first.click()
    expect(page.locator("h1")).to_have_text("Hồ sơ nghi trùng")
    page.locator("table").get_by_role("link", name="Xem", exact=True).first.click()
    expect(page.locator("h1")).to_have_text("Cặp hồ sơ nghi trùng")
    expect(page.locator("tr.table-warning", has_text="Ngày sinh")).to_be_visible()
    page.locator("input[name=keep_phone][value=right]").check()
    page.get_by_role("button", name="Gộp hai hồ sơ").click()
    expect(page.locator(".badge", has_text="Đã gộp")).to_be_visible()
    merged = Member.objects.get(full_name="Pham Thi Hoa")
    assert merged.status == MemberStatus.MERGED
    assert Member.objects.get(full_name="Phạm Thị Hòa").phone == "0987654321"

    page.get_by_role("button", name="Hoàn tác").click()
    expect(page.get_by_role("alert")).to_contain_text("Đã hoàn tác việc gộp hồ sơ")
    assert Member.objects.get(full_name="Pham Thi Hoa").status == MemberStatus.FULL
    assert Member.objects.get(full_name="Phạm Thị Hòa").phone == ""
