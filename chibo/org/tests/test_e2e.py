"""End to end in a real browser: log in, walk the tree (HTMX), search, open a unit, on a phone too.

Every page must load only from our own server (no CDN, no external call) and log no console
error: a Content-Security-Policy violation shows up there.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from chibo.org.models import OrgUnit
from chibo.testing.e2e import DESKTOP, PHONE, Watch, e2e_personas, open_page
from chibo.testing.e2e import log_in as log_in_form
from chibo.testing.personas import Personas

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("audit_truncate_allowed")]


@dataclass
class TreeWatch(Watch):
    """The page's watch, also noting each load of a unit's children (HTMX)."""

    children_loads: list[str] = field(default_factory=list)

    def on_request(self, request: Any) -> None:
        super().on_request(request)
        path = urlsplit(request.url).path
        if re.search(r"/org/[^/]+/children/$", path):
            self.children_loads.append(path)


@pytest.fixture
def tree_personas(transactional_db: None, settings: Any) -> Personas:
    personas = e2e_personas(settings)
    OrgUnit.objects.filter(code="HCM").update(member_count=20000)
    OrgUnit.objects.filter(code="P1").update(member_count=1234)
    return personas


def _open(browser: Browser, live_server: Any, viewport: Any) -> Iterator[tuple[Page, TreeWatch]]:
    watch = TreeWatch(origin=live_server.url.rstrip("/"))
    for page, _watch in open_page(browser, live_server.url, viewport, watch=watch):
        yield page, watch


@pytest.fixture
def desktop(
    browser: Browser, live_server: Any, tree_personas: Personas
) -> Iterator[tuple[Page, TreeWatch]]:
    yield from _open(browser, live_server, DESKTOP)


@pytest.fixture
def phone(
    browser: Browser, live_server: Any, tree_personas: Personas
) -> Iterator[tuple[Page, TreeWatch]]:
    yield from _open(browser, live_server, PHONE)


def log_in(page: Page, username: str) -> None:
    log_in_form(page, username)
    # The home page is the shell's "Việc cần làm" (issue 17); cards may carry headings of their own.
    expect(page.locator("main h1").first).to_contain_text("Việc cần làm")


def toggle(page: Page, code: str) -> Any:
    return page.locator(f'.tree button.toggle[aria-controls="kids-{code}"]')


def test_staff_walks_the_tree_searches_and_opens_a_unit(desktop: tuple[Page, TreeWatch]) -> None:
    page, watch = desktop
    log_in(page, "hq_admin")

    page.get_by_role("link", name="Tổ chức đảng").first.click()
    expect(page).to_have_url(re.compile(r"/org/$"))
    tree = page.locator(".tree")
    expect(tree).to_contain_text("Đảng bộ Thành phố Hồ Chí Minh")
    expect(tree).to_contain_text("20.000")  # Vietnamese thousands separator
    expect(page.locator("#kids-HCM")).not_to_contain_text("Phường Sài Gòn")
    # The loading indicators exist and stay hidden while nothing loads.
    expect(page.locator("#load-HCM.htmx-indicator")).to_be_hidden()

    # Expand: the children arrive by HTMX.
    button = toggle(page, "HCM")
    expect(button).to_have_attribute("aria-expanded", "false")
    button.click()
    kids = page.locator("#kids-HCM")
    expect(kids).to_contain_text("Đảng bộ Phường Sài Gòn")
    expect(kids).to_contain_text("Đảng bộ Phường Bến Thành")
    expect(kids).to_contain_text("1.234")
    expect(button).to_have_attribute("aria-expanded", "true")

    # Collapse, then expand again without asking the server a second time.
    button.click()
    expect(kids).to_be_hidden()
    expect(button).to_have_attribute("aria-expanded", "false")
    button.click()
    expect(kids).to_be_visible()
    assert watch.children_loads == ["/org/HCM/children/"]

    # A second level.
    toggle(page, "P1").click()
    expect(page.locator("#kids-P1")).to_contain_text("Đảng bộ Công ty A")

    # Search without diacritics.
    page.fill("#unit-q", "phuong sai gon")
    results = page.locator("#search-results")
    expect(results).to_contain_text("Đảng bộ Phường Sài Gòn")
    expect(results).not_to_contain_text("Bến Thành")

    results.get_by_role("link", name="Đảng bộ Phường Sài Gòn").click()
    expect(page).to_have_url(re.compile(r"/org/P1/$"))
    expect(page.locator("h1")).to_have_text("Đảng bộ Phường Sài Gòn")
    expect(page.locator("main")).to_contain_text("1.234")
    expect(page.locator(".breadcrumb")).to_contain_text("Đảng bộ Thành phố Hồ Chí Minh")
    # The manage forms open.
    page.get_by_role("button", name="Đổi tên").click()
    expect(page.locator("#act-rename input[name=name]")).to_be_visible()

    watch.assert_clean()


def test_branch_officer_sees_only_their_branch(desktop: tuple[Page, TreeWatch]) -> None:
    page, watch = desktop
    log_in(page, "branch_officer")
    page.goto("/org/")
    tree = page.locator(".tree")
    expect(tree).to_contain_text("Chi bộ 1")
    for other in ("Chi bộ 2", "Đảng bộ Công ty A", "Phường Sài Gòn", "Thành phố Hồ Chí Minh"):
        expect(tree).not_to_contain_text(other)
    expect(page.locator(".tree button.toggle")).to_have_count(0)  # B1 has no children

    page.fill("#unit-q", "chi bo")
    results = page.locator("#search-results")
    expect(results).to_contain_text("Chi bộ 1")
    expect(results).not_to_contain_text("Chi bộ 2")

    # Out of reach is "not found", asked with the page's own session.
    assert page.request.get("/org/B2/").status == 404
    assert page.request.get("/org/B1/").status == 200
    watch.assert_clean()


def test_phone_navbar_collapses_and_the_tree_works(phone: tuple[Page, TreeWatch]) -> None:
    page, watch = phone
    log_in(page, "hq_admin")
    page.goto("/org/")

    menu = page.locator("#mainnav")
    toggler = page.locator(".navbar-toggler")
    expect(toggler).to_be_visible()
    expect(menu).to_be_hidden()
    toggler.click()
    expect(menu).to_have_class(re.compile(r"\bcollapse show\b"))  # the opening transition is over
    menu.get_by_role("button", name="Tổ chức & đảng viên").click()  # the menu's group
    expect(menu.get_by_role("link", name="Tổ chức đảng")).to_be_visible()
    menu.get_by_role("button", name="Tổ chức & đảng viên").click()
    toggler.click()
    expect(menu).to_be_hidden()

    toggle(page, "HCM").tap()
    expect(page.locator("#kids-HCM")).to_contain_text("Đảng bộ Phường Sài Gòn")
    toggle(page, "P1").tap()
    expect(page.locator("#kids-P1")).to_contain_text("Đảng bộ Công ty A")

    # Nothing sticks out sideways on a 390 px screen.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    page.fill("#unit-q", "ben thanh")
    expect(page.locator("#search-results")).to_contain_text("Đảng bộ Phường Bến Thành")
    watch.assert_clean()
