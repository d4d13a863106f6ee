"""End to end in headless Chromium: a member self-assesses from a phone, the branch secretary
assesses, the standing committee decides, the cap check refuses to close the round until the
decision to exceed it is recorded, and the results download as XLSX and DOCX.

Every page loads only from our own server and logs no console error (CSP violations show there).
"""

from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from chibo.testing.e2e import DESKTOP, PHONE, e2e_personas, log_in, open_page
from chibo.testing.personas import Personas

from ..models import Rating
from .support import member_with_login, open_p1_round

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("audit_truncate_allowed")]


@pytest.fixture
def people(transactional_db: None, settings: Any) -> tuple[Personas, int, int]:
    personas = e2e_personas(settings)
    member, _user = member_with_login(personas.tree.b1, "Lê Văn An", "an")
    rnd = open_p1_round(personas)
    return personas, rnd.pk, Rating.objects.get(round=rnd, member=member).pk


def _logged_in(page: Any, watch: Any, username: str) -> None:
    """Log in, and let the home page's cards (the shell's, tested with the shell) finish loading
    before this module's pages are watched: on SQLite's in-memory test database their parallel
    requests sometimes fail in the live server's threads."""
    log_in(page, username)
    page.wait_for_load_state("networkidle")
    watch.errors.clear()


def test_round_from_self_assessment_to_decision(
    browser: Browser, live_server: Any, people: tuple[Personas, int, int]
) -> None:
    _p, round_id, rating_id = people
    # The member, on a phone: "Đánh giá, xếp loại" leads to their own results and the pending form.
    phone = open_page(browser, live_server.url, PHONE, timeout=30_000)
    page, watch = next(phone)
    _logged_in(page, watch, "an")
    page.goto("/ratings/")
    expect(page.locator("h1")).to_contain_text("của tôi")
    page.locator("#pending a").first.click()
    # A level the score contradicts is refused beside its field, with the rule and its source.
    page.fill("#id_score", "85")
    page.select_option("#id_level", "excellent")
    page.check("#id_tasks_on_time")
    page.fill("#id_exceeding_percent", "40")
    page.check("#id_shortcomings_fixed")
    page.locator("#assessment-submit").click()
    expect(page.locator(".invalid-feedback").first).to_contain_text("85 < 90")
    expect(page.locator(".invalid-feedback").first).to_contain_text("366-QĐ/TW")
    expect(page.locator("#id_score")).to_have_value("85")  # what was typed is kept
    # The refused form answered 400 on purpose; the browser logs that status as a console error.
    watch.errors[:] = [e for e in watch.errors if "status of 400" not in e]
    page.fill("#id_score", "95")
    page.locator("#assessment-submit").click()
    expect(page.locator("#rating-result")).to_contain_text("Hoàn thành xuất sắc nhiệm vụ")
    expect(page.locator("#rating-stage")).to_contain_text("Đã tự đánh giá")
    watch.assert_clean()
    next(phone, None)

    # The branch secretary assesses.
    desk = open_page(browser, live_server.url, DESKTOP, timeout=30_000, accept_downloads=True)
    page, watch = next(desk)
    _logged_in(page, watch, "branch_officer")
    page.goto(f"/ratings/rating/{rating_id}/")
    page.select_option("#step", "branch")
    page.fill("#id_score", "93")
    page.locator("#assessment-submit").click()
    expect(page.locator("#rating-stage")).to_contain_text("Chi bộ đã đánh giá")
    watch.assert_clean()
    next(desk, None)

    # The standing committee decides, then tries to close: one excellent beside no good breaks
    # the cap in Đảng bộ Công ty A, so closing needs the decision's number and reason.
    desk = open_page(browser, live_server.url, DESKTOP, timeout=30_000, accept_downloads=True)
    page, watch = next(desk)
    _logged_in(page, watch, "p1_leader")
    page.goto(f"/ratings/rating/{rating_id}/")
    page.select_option("#step", "decide")
    page.fill("#id_score", "93")
    page.locator("#assessment-submit").click()
    expect(page.locator("#rating-stage")).to_contain_text("Cấp ủy đã quyết định")
    page.goto(f"/ratings/round/{round_id}/")
    expect(page.locator("#cap-check")).to_contain_text("Đảng bộ Công ty A")
    page.locator("#close-round button[type=submit]").click()
    expect(page.locator("#close-error")).to_contain_text("Vượt tỷ lệ hoàn thành xuất sắc")
    watch.errors[:] = [e for e in watch.errors if "status of 400" not in e]  # the refusal
    page.fill("#id_decision_number", "15-QĐ/ĐU")
    page.fill("#id_decision_reason", "Đơn vị có thành tích đột xuất")
    page.locator("#close-round button[type=submit]").click()
    expect(page.locator("#round-status")).to_contain_text("Đã kết thúc")
    with page.expect_download() as download:
        page.get_by_role("link", name="XLSX").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    with page.expect_download() as download:
        page.get_by_role("link", name="Báo cáo (DOCX)").click()
    assert download.value.suggested_filename.endswith(".docx")
    watch.assert_clean()
    next(desk, None)
