"""The shell in a real browser: the grouped menu on one line at 1366 px and collapsed on a phone,
the cards loading on their own, the header search by keyboard, and axe-core on the shell's pages.
"""

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from playwright.sync_api import Browser, Page, expect

from chibo.testing.e2e import PHONE, e2e_personas, log_in, open_page
from chibo.testing.personas import Personas, make_member

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("audit_truncate_allowed")]

WIDE = {"width": 1366, "height": 768}
AXE = Path(django_settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def people(transactional_db: None, settings: Any) -> Personas:
    personas = e2e_personas(settings)
    make_member(personas.tree.b1, "Nguyễn Văn Sài")
    return personas


def _page(browser: Browser, live_server: Any, viewport: Any) -> Iterator[Page]:
    for page, _watch in open_page(browser, live_server.url, viewport, check=True):
        yield page


@pytest.fixture
def wide(browser: Browser, live_server: Any, people: Personas) -> Iterator[Page]:
    yield from _page(browser, live_server, WIDE)


@pytest.fixture
def phone(browser: Browser, live_server: Any, people: Personas) -> Iterator[Page]:
    yield from _page(browser, live_server, PHONE)


def test_menu_fits_one_line_cards_load_and_search_by_keyboard(wide: Page) -> None:
    page = wide
    log_in(page, "hq_admin")
    nav = page.locator("nav.navbar")
    box = nav.bounding_box()
    assert box is not None and box["height"] < 70, box  # one line of menu, not two
    # Every card fills itself in (HTMX, one request each).
    expect(page.locator("#todo-cards [aria-busy=true]")).to_have_count(0)
    expect(page.get_by_role("region", name="Số liệu đảng viên")).to_contain_text("đảng viên")
    # A group opens as a dropdown; the current place is highlighted.
    page.get_by_role("button", name="Tổ chức & đảng viên").click()
    page.locator(".dropdown-menu.show").get_by_role("link", name="Đảng viên", exact=True).click()
    expect(page.get_by_role("button", name="Tổ chức & đảng viên")).to_have_class(
        re.compile(r"\bactive\b")
    )
    expect(page.locator(".breadcrumb")).to_contain_text("Tổ chức & đảng viên")
    # The search: type without diacritics, arrow down, Enter opens the member.
    page.locator("#global-q").fill("nguyen van sai")
    expect(page.locator("#global-results .search-hit").first).to_be_visible()
    page.locator("#global-q").press("ArrowDown")
    page.locator("#global-q").press("Enter")
    expect(page.locator("h1")).to_contain_text("Nguyễn Văn Sài")
    assert "nguyen" not in page.url  # the query never went into a URL


def test_phone_menu_collapses_and_nothing_sticks_out(phone: Page) -> None:
    page = phone
    log_in(page, "branch_officer")
    expect(page.locator("#mainnav")).to_be_hidden()
    page.locator(".navbar-toggler").click()
    expect(page.get_by_role("button", name="Sinh hoạt & văn bản")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_plain_member_lands_on_the_handbook(phone: Page, people: Personas) -> None:
    from chibo.testing.personas import admit_member_persona

    admit_member_persona(people)
    page = phone
    log_in(page, "b1_member")
    expect(page).to_have_url(re.compile(r"/so-tay/$"))


@pytest.mark.skipif(
    not AXE.exists(),
    reason="axe-core is not installed: the lead adds axe-core 4.10.2 to package.json "
    "(npm install axe-core@4.10.2), then this test runs axe on the shell's pages",
)
def test_axe_finds_no_serious_violation_on_the_shell(wide: Page) -> None:
    page = wide
    log_in(page, "hq_admin")
    for path in ("/", "/home/tim-kiem/", "/meetings/not-met/", "/members/", "/account/tokens/"):
        page.goto(path)
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("async () => JSON.stringify(await axe.run())")
        serious = [
            v["id"]
            for v in json.loads(result)["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert serious == [], (path, serious)
