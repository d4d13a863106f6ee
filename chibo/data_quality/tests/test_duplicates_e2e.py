"""End to end: committee staff open the duplicate queue, see a pair side by side with the
differences highlighted, keep the other record's phone, merge, then undo; no CSP error, no
foreign request."""

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from chibo.data_quality.duplicates.actions import flag_duplicate_pair
from chibo.members.models import Member, MemberStatus
from chibo.testing.personas import PASSWORD, Personas, build_personas, make_member

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("audit_truncate_allowed")]


@pytest.fixture
def pair_personas(transactional_db: None, settings: Any) -> Personas:
    settings.CHIBO_REQUIRE_STAFF_MFA = False
    personas = build_personas()
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
    context = browser.new_context(base_url=live_server.url, locale="vi-VN")
    context.set_default_timeout(10_000)
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


def test_staff_merge_a_pair_then_undo(page: Page) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=login]", "hq_admin")
    page.fill("input[name=password]", PASSWORD)
    page.locator("form:has(input[name=login]) [type=submit]").click()
    expect(page).to_have_url(re.compile(r"/$"))

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
