"""End to end in headless Chromium: the branch secretary takes a candidate from the awareness
certificate to the ceremony, one dated step after another (a vote below two thirds refused on the
way, with the rule), and the admitted member appears in the registry with the admission event;
the committee above sees the tally. Every page loads only from our own server and logs no
console error (CSP violations show there)."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from playwright.sync_api import Browser, Page, expect

from chibo.members.models import EventKind
from chibo.testing.e2e import DESKTOP, PHONE, Watch, e2e_personas, open_page
from chibo.testing.personas import Personas
from chibo.training.tests.support import finished_course

from ..models import Candidate, Step
from .support import DATES, branch_people, new_candidate

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("audit_truncate_allowed")]


@pytest.fixture
def people(transactional_db: None, settings: Any) -> Personas:
    personas = e2e_personas(settings)
    branch_people(personas.tree.b1)
    candidate = new_candidate(personas.branch_officer, personas.tree.b1)
    finished_course(
        personas.hq_admin,
        personas.tree.p1,
        [(candidate.full_name, candidate.birth_date, personas.tree.b1)],
    )
    return personas


def _context(browser: Browser, live_server: Any, viewport: Any) -> Iterator[tuple[Page, Watch]]:
    # A busy shared machine (load ~20): a generous timeout.
    return open_page(browser, live_server.url, viewport, timeout=90_000)


def _day(step: str) -> str:
    return DATES[Step(step)].strftime("%d/%m/%Y")


def _log_in(page: Page, live_server: Any, user: Any) -> None:
    """A session for `user` in the browser, without the home page (its cards belong to other
    modules and are tested there)."""
    client = Client()
    client.force_login(user)
    session = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])


def _refused(watch: Watch) -> None:
    """A refused step answers its page with 400, which the browser logs; that one is expected."""
    watch.errors[:] = [e for e in watch.errors if "400 (Bad Request)" not in e]


def _save(page: Page, step: str, expect_next: str | None) -> None:
    page.fill("#id_done_on", _day(step))
    page.locator("#save-step").click()
    expect(page.locator(".alert-success[role=alert]")).to_contain_text("Đã ghi bước")
    if expect_next:
        expect(page.locator("#next-step")).to_contain_text(expect_next)


def test_candidate_path_to_the_ceremony(browser: Browser, live_server: Any, people: Personas):
    desk = _context(browser, live_server, DESKTOP)
    page, watch = next(desk)
    _log_in(page, live_server, people.branch_officer)
    page.goto("/recruitment/unit/B1/")
    expect(page.locator("#candidates-table")).to_contain_text("Phạm Minh Ưu")
    page.get_by_role("link", name="Phạm Minh Ưu").click()
    expect(page.locator("#next-step")).to_contain_text("nhận thức về Đảng")

    # The awareness certificate: a wrong number is refused beside its field.
    page.fill("#id_certificate_number", "GCN-P1-2026-0999")
    page.fill("#id_done_on", _day(Step.AWARENESS_COURSE))
    page.locator("#save-step").click()
    expect(page.locator(".invalid-feedback")).to_contain_text("Không có giấy chứng nhận")
    _refused(watch)
    page.fill("#id_certificate_number", page.locator(".cert-hint").first.inner_text())
    _save(page, Step.AWARENESS_COURSE, "cảm tình Đảng")

    page.select_option("#id_helper", label="Nguyễn Văn Giúp")
    _save(page, Step.SYMPATHISER, "Đơn xin vào Đảng")

    page.select_option("#id_sponsor1", label="Trần Thị Giới")
    page.fill("#id_sponsor1_since", "01/01/2024")
    page.select_option("#id_sponsor2", label="Lê Văn Thiệu")
    page.fill("#id_sponsor2_since", "01/06/2024")
    _save(page, Step.APPLICATION, "Thẩm tra")
    _save(page, Step.VERIFICATION, "Nhận xét")
    _save(page, Step.OPINIONS, "Chi bộ xét")

    # The branch vote: below two thirds is refused with the charter's article; the input stays.
    page.fill("#id_votes_for", "2")
    page.fill("#id_votes_of", "4")
    page.fill("#id_done_on", _day(Step.BRANCH_VOTE))
    page.locator("#save-step").click()
    expect(page.locator("#step-error, .invalid-feedback").first).to_contain_text("Điều 4 khoản 3")
    expect(page.locator("#id_votes_of")).to_have_value("4")
    _refused(watch)
    page.fill("#id_votes_for", "4")
    _save(page, Step.BRANCH_VOTE, "Nghị quyết của đảng ủy cơ sở")

    page.fill("#id_votes_for", "5")
    page.fill("#id_votes_of", "7")
    _save(page, Step.GRASSROOTS_RESOLUTION, "Quyết định kết nạp")

    page.fill("#id_document_number", "125-QĐ/ĐU")
    page.fill("#id_deciding_body", "Ban Thường vụ Đảng ủy Phường Sài Gòn")
    page.fill("#id_received_on", "22/07/2026")
    _save(page, Step.DECISION, "Lễ kết nạp")
    expect(page.locator("#deadline")).to_contain_text("04/09/2026")

    _save(page, Step.CEREMONY, None)
    expect(page.locator("#candidate-status")).to_contain_text("Đã kết nạp")
    expect(page.locator("#admitted-member")).to_contain_text("23/09/2027")
    watch.assert_clean()

    # In the registry: a probationary member of B1 with the admission event.
    candidate = Candidate.objects.get(full_name="Phạm Minh Ưu")
    member = candidate.member
    assert member is not None
    assert member.status == "probationary" and member.unit_id == people.tree.b1.pk
    assert list(member.events.values_list("kind", flat=True)) == [EventKind.ADMISSION]
    page.locator("#admitted-member a").click()
    expect(page.locator("h1")).to_contain_text("Phạm Minh Ưu")
    next(desk, None)

    # The committee above: the tally of the year, and the candidate's page on a phone.
    above = _context(browser, live_server, DESKTOP)
    page, watch = next(above)
    _log_in(page, live_server, people.hq_admin)
    page.goto("/recruitment/unit/G1/?year=2026")
    page.fill("#id_target", "2")
    page.locator("#save-target").click()
    expect(page.locator("#percent")).to_contain_text("50%")
    page.locator("#tally-link").click()
    expect(page.locator("#tally-total")).to_contain_text("1/2, đạt 50%")
    expect(page.locator("#tally-rows")).to_contain_text("Chi bộ 1")
    watch.assert_clean()
    next(above, None)

    mobile = _context(browser, live_server, PHONE)
    phone, phone_watch = next(mobile)
    _log_in(phone, live_server, people.branch_officer)
    phone.goto(f"/recruitment/candidates/{candidate.pk}/")
    expect(phone.locator("#steps li")).to_have_count(9)
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    phone_watch.assert_clean()
    next(mobile, None)
