"""End to end in headless Chromium: at the gate on a phone the organiser checks delegates in by
their badge's code and the presence count rises; a second scan is refused; on a tablet a
delegate reads a document (read receipt), and reads it again offline from the service worker's
copy; a classified document is listed, never opened.

Every page loads only from our own server and logs no console error (CSP violations show there)."""

import os
from typing import Any

import pytest
from playwright.sync_api import Browser, ViewportSize, expect

from chibo.testing.e2e import PHONE, e2e_personas, log_in, open_page
from chibo.testing.personas import Personas, add_congress_personas

from ..actions import documents
from ..actions.common import format_token
from ..models import DocumentRead
from .support import World, build_world

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("audit_truncate_allowed")]

TABLET: ViewportSize = {"width": 820, "height": 1180}


def _shot(page: Any, name: str, *, full_page: bool = False) -> None:
    """Pictures for docs/screenshots only when asked (CHIBO_SCREENSHOTS=1): a test run must not
    rewrite tracked files."""
    if os.environ.get("CHIBO_SCREENSHOTS"):
        page.screenshot(path=f"docs/screenshots/{name}", full_page=full_page)


@pytest.fixture
def world(transactional_db: None, settings: Any) -> World:
    personas: Personas = e2e_personas(settings)
    add_congress_personas(personas)
    return build_world(personas)


def test_gate_on_a_phone_and_documents_on_a_tablet(
    browser: Browser, live_server: Any, world: World
) -> None:
    c = world.congress
    # --- the gate, on a phone ---------------------------------------------------------------
    gen = open_page(browser, live_server.url, PHONE, timeout=30_000)
    page, watch = next(gen)
    log_in(page, "g1_organizer")
    page.goto(f"/congresses/{c.pk}/")
    page.locator("#open-gate").click()
    expect(page.locator("#present-count")).to_have_text("0")
    token = format_token(world.officials[1].badge_token)
    page.fill("#check-in-token", token)
    page.locator("#check-in-submit").click()
    expect(page.locator("#check-in-ok")).to_contain_text(world.officials[1].member.full_name)
    expect(page.locator("#present-count")).to_have_text("1")
    page.fill("#check-in-token", world.officials[2].badge_token.lower())
    page.keyboard.press("Enter")
    expect(page.locator("#present-count")).to_have_text("2")
    # The same badge again, and a forged one: refused, the count unchanged.
    page.fill("#check-in-token", token)
    page.locator("#check-in-submit").click()
    expect(page.locator("#check-in-error")).to_contain_text("đã điểm danh phiên này lúc")
    page.fill("#check-in-token", "ABCD-EFGH-JKLM")
    page.locator("#check-in-submit").click()
    expect(page.locator("#check-in-error")).to_contain_text("Mã thẻ đại biểu không đúng")
    expect(page.locator("#present-count")).to_have_text("2")
    # No BarcodeDetector in desktop Chromium on Linux: the page says to type the code.
    expect(page.locator("#no-camera")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    _shot(page, "session4-congresses-e2e-gate-phone.png", full_page=True)
    # The browser logs the two refusals provoked above (409, 400); nothing else may show.
    provoked = [e for e in watch.errors if "status of 409" in e or "status of 400" in e]
    assert len(provoked) == 2
    watch.errors = [e for e in watch.errors if e not in provoked]
    watch.assert_clean()
    next(gen, None)  # closes the browser context

    # --- the tablet -----------------------------------------------------------------------------
    doc = documents.post_document(
        actor=world.organizer,
        congress_id=c.pk,
        title="Dự thảo Báo cáo chính trị",
        body="Phần I. Kết quả nhiệm kỳ 2020-2025",
    )
    documents.post_document(
        actor=world.organizer, congress_id=c.pk, title="Đề án nhân sự", body="", is_classified=True
    )
    gen = open_page(browser, live_server.url, TABLET, timeout=30_000)
    page, watch = next(gen)
    log_in(page, "g1_delegate")
    page.goto("/congresses/")
    page.locator(f"#open-tablet-{c.pk}").click()
    expect(page.locator("#documents")).to_contain_text("Tài liệu mật")
    expect(page.locator("#documents a")).to_have_count(1)
    # The service worker is in charge before the document is opened, so it keeps a copy.
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    page.locator(f"#doc-{doc.pk}").click()
    expect(page.locator("#document-body")).to_contain_text("Kết quả nhiệm kỳ")
    expect(page.locator("#read-receipt")).to_be_visible()
    assert DocumentRead.objects.filter(document=doc, delegate=world.mine).count() == 1
    _shot(page, "session4-congresses-e2e-tablet-document.png")
    # Offline: the document once opened is still there.
    page.context.set_offline(True)
    page.reload()
    expect(page.locator("#document-body")).to_contain_text("Kết quả nhiệm kỳ")
    page.context.set_offline(False)
    page.goto(f"/congresses/{c.pk}/tablet/")
    expect(page.locator(f"#doc-{doc.pk}")).to_contain_text("đã đọc")
    # Offline reloads log a failed fetch in the console; only page errors and foreign hosts count.
    watch.errors = [e for e in watch.errors if "net::ERR_INTERNET_DISCONNECTED" not in e]
    watch.assert_clean()
    next(gen, None)  # closes the browser context
