"""End to end in headless Chromium: the ward's organisation staff see the vacant posts of their
subtree, open one, are refused an appointment without its decision number (the reason beside the
field, what they typed kept), fill the gap with the decision ("kiện toàn"), and the gap is gone;
the same on a 390-px phone without sideways scrolling.

Every page loads only from our own server and logs no console error (CSP violations show there).
"""

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from chibo.testing.e2e import DESKTOP, PHONE, e2e_personas, open_page
from chibo.testing.personas import PASSWORD, Personas, make_member

from ..models import Incumbency
from .support import hold, post

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("audit_truncate_allowed")]


@pytest.fixture
def people(transactional_db: None, settings: Any) -> Personas:
    personas = e2e_personas(settings)
    staff = personas.hq_admin
    secretary = post(staff, personas.tree.g1)
    hold(staff, secretary, make_member(personas.tree.b1, "Lâm Văn Bí Thư").pk)
    deputy = post(staff, personas.tree.g1, kind="deputy_secretary", seats=2)
    hold(staff, deputy, make_member(personas.tree.b1, "Lâm Văn Phó").pk)
    make_member(personas.tree.b2, "Lâm Thị Kiện Toàn")
    return personas


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_fill_a_gap(browser: Browser, live_server: Any, people: Personas, viewport: Any) -> None:
    pages = open_page(browser, live_server.url, viewport, timeout=30_000)
    page, watch = next(pages)
    # Straight to the gaps page after logging in: the home page's cards belong to other modules
    # (built this session) and load all at once, which the SQLite live server does not bear.
    page.goto("/accounts/login/?next=/cadres/unit/HCM/gaps/")
    page.fill("input[name=login]", "hq_admin")
    page.fill("input[name=password]", PASSWORD)
    page.locator("form:has(input[name=login]) [type=submit]").click()
    expect(page).to_have_url(re.compile(r"/cadres/unit/HCM/gaps/$"))
    expect(page.locator("#gap-count")).to_have_text("1")
    row = page.locator("#gaps tbody tr").first
    expect(row).to_contain_text("Phó Bí thư")
    expect(row).to_contain_text("Đảng bộ Công ty A")
    row.get_by_role("link", name="Kiện toàn").click()
    form = page.locator("details.fill-gap[open] form")
    expect(form).to_be_visible()
    form.locator("select[name=member]").select_option(label="Lâm Thị Kiện Toàn · Chi bộ 2")
    form.locator("input[name=deciding_body]").fill("Ban Thường vụ Đảng ủy")
    form.locator("[type=submit]").click()
    # Refused: no decision number; the reason beside the field, the body as typed.
    refused = page.locator("details.fill-gap[open] form")
    expect(refused.locator(".invalid-feedback")).to_contain_text("Thiếu số quyết định")
    expect(refused.locator("input[name=deciding_body]")).to_have_value("Ban Thường vụ Đảng ủy")
    assert not Incumbency.objects.filter(member__full_name="Lâm Thị Kiện Toàn").exists()
    # The refused form answers 400 by design (house rule for bad input): not a page error.
    watch.errors[:] = [e for e in watch.errors if "status of 400" not in e]
    refused.locator("input[name=decision_number]").fill("25-QĐ/ĐU")
    refused.locator("[type=submit]").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã ghi nhận người giữ chức vụ")
    expect(page.locator("main")).to_contain_text("Lâm Thị Kiện Toàn")
    holding = Incumbency.objects.get(member__full_name="Lâm Thị Kiện Toàn")
    assert (holding.how, holding.decision_number) == ("strengthened", "25-QĐ/ĐU")
    page.goto("/cadres/unit/HCM/gaps/")
    expect(page.locator("#gap-count")).to_have_text("0")
    # Our page's content fits the screen (the shell's navigation bar is the shell's to fit).
    wide = page.evaluate(
        "[...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right"
        " > window.innerWidth + 1 && !e.closest('.table-responsive, .overflow-auto'))"
        ".map(e => e.tagName + '.' + e.className).slice(0, 5)"
    )
    assert wide == []
    next(pages, None)  # closes the browser context
    watch.assert_clean()
