"""End to end: committee staff register a resolution, send it to their subtree with a study
campaign and a quiz; a member opens it on a phone (the read is recorded) and passes the quiz;
the staff watch the read and pass rates per unit rise.

Pages load only from our own server and log no console error (CSP violations show there).
"""

import re
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

from chibo.access.roles import Role
from chibo.testing.e2e import Watch, e2e_personas, log_in, open_page
from chibo.testing.personas import Personas, make_member, make_user

from .distribution_support import member_for

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("audit_truncate_allowed")]

DESKTOP: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 390, "height": 844}

QUESTIONS = {
    "Chi bộ sinh hoạt thường kỳ bao lâu một lần?": "Mỗi tháng một lần",
    "Sinh hoạt chuyên đề ít nhất bao lâu một lần?": "Mỗi quý một lần",
    "Tài liệu sinh hoạt được gửi trước qua đâu?": "Sổ tay đảng viên",
}
QUIZ_TEXT = """Chi bộ sinh hoạt thường kỳ bao lâu một lần?
* Mỗi tháng một lần
- Sáu tháng một lần
- Mỗi năm một lần

Sinh hoạt chuyên đề ít nhất bao lâu một lần?
- Mỗi tuần một lần
* Mỗi quý một lần

Tài liệu sinh hoạt được gửi trước qua đâu?
- Báo in
- Bảng tin khu phố
* Sổ tay đảng viên
"""


@pytest.fixture
def world(transactional_db: None, settings: Any) -> Personas:
    personas = e2e_personas(settings)
    tree = personas.tree
    member = make_user("dangvien", (tree.b1, Role.MEMBER))
    member_for(member, tree.b1, "Nguyễn Thị Mai")
    for unit, name in (
        (tree.b1, "Trần Văn Bình"),
        (tree.b2, "Lê Thị Cúc"),
        (tree.b2, "Phạm Văn Dũng"),
        (tree.g2, "Võ Thị Em"),
    ):
        make_member(unit, name)
    return personas


@pytest.fixture
def desktop(browser: Browser, live_server: Any, world: Personas) -> Iterator[tuple[Page, Watch]]:
    yield from open_page(browser, live_server.url, DESKTOP, timeout=15_000)


@pytest.fixture
def phone(browser: Browser, live_server: Any, world: Personas) -> Iterator[tuple[Page, Watch]]:
    yield from open_page(browser, live_server.url, PHONE, timeout=15_000)


def test_distribute_study_read_and_pass_on_a_phone(
    desktop: tuple[Page, Watch], phone: tuple[Page, Watch]
) -> None:
    staff, staff_watch = desktop
    log_in(staff, "hq_admin")

    # 1. Register the resolution (the registry's form).
    staff.goto("/documents/new/")
    staff.select_option("select[name=unit]", value="HCM")
    staff.select_option("select[name=kind]", value="resolution")
    staff.fill("input[name=number]", "57-NQ/TW")
    staff.fill("input[name=issued_on]", "22/12/2024")
    staff.fill(
        "input[name=title]",
        "Về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia",
    )
    staff.get_by_role("button", name="Đăng ký", exact=True).click()
    expect(staff).to_have_url(re.compile(r"/documents/\d+/$"))
    document_id = int(re.findall(r"/documents/(\d+)/", staff.url)[0])

    # 2. Send it to the subtree and open a study campaign with a quiz.
    staff.goto(f"/documents/{document_id}/distribute/")
    staff.fill("input[name=unit]", "HCM")
    deadline = (date.today() + timedelta(days=14)).strftime("%d/%m/%Y")
    staff.fill("input[name=deadline]", deadline)
    staff.get_by_role("button", name="Phát hành và mở đợt học tập").click()
    expect(staff).to_have_url(re.compile(r"/documents/study/new/"))
    expect(staff.locator(".alert-success")).to_contain_text("5")  # 5 members in the subtree
    expect(staff.locator("input[name=documents]")).to_have_value("57-NQ/TW")
    staff.fill("input[name=deadline]", deadline)
    staff.check("input[name=with_quiz]")
    staff.fill("input[name=pass_mark]", "100")
    staff.fill("textarea[name=questions]", QUIZ_TEXT)
    staff.get_by_role("button", name="Mở đợt học tập").click()
    expect(staff).to_have_url(re.compile(r"/documents/study/\d+/results/"))
    campaign_url = staff.url.split("?")[0]
    campaign_id = int(re.findall(r"/study/(\d+)/", campaign_url)[0])
    expect(staff.locator("#study-total")).to_have_text("5")
    expect(staff.locator("#study-percent")).to_have_text("0,0%")

    staff.goto(f"/documents/{document_id}/read-rates/?unit=G1")
    expect(staff.locator("#rates-read")).to_have_text("0")
    expect(staff.locator("canvas[data-rates-chart]")).to_be_visible()

    # 3. The member opens the document on a phone: the read is recorded.
    member, member_watch = phone
    log_in(member, "dangvien")
    member.goto(f"/documents/read/{document_id}/")
    expect(member.locator("h1")).to_have_text("57-NQ/TW")
    expect(member.locator("#read-status")).to_contain_text("Đã đọc")

    # 4. ... and passes the quiz (after one failed try: retries are allowed).
    member.get_by_role("link", name="Học tập, quán triệt 57-NQ/TW").click()
    expect(member).to_have_url(re.compile(rf"/documents/study/{campaign_id}/$"))
    member.locator("#start-quiz").click()
    expect(member).to_have_url(re.compile(rf"/documents/study/{campaign_id}/quiz/\d+/$"))
    first = [q.inner_text() for q in member.locator("fieldset legend").all()]
    assert len(first) == 3
    # A wrong answer to every question fails.
    for fieldset in member.locator("fieldset.quiz-question").all():
        legend = fieldset.locator("legend").inner_text().split(". ", 1)[1]
        wrong = fieldset.locator("label.quiz-option").filter(has_not_text=QUESTIONS[legend]).first
        wrong.click()
    member.locator("#submit-quiz").click()
    expect(member.locator("#quiz-result")).to_contain_text("Chưa đạt")
    member.get_by_role("button", name="Làm lại").click()
    expect(member).to_have_url(re.compile(rf"/documents/study/{campaign_id}/quiz/\d+/$"))
    for fieldset in member.locator("fieldset.quiz-question").all():
        legend = fieldset.locator("legend").inner_text().split(". ", 1)[1]
        fieldset.locator("label.quiz-option").filter(has_text=QUESTIONS[legend]).click()
    member.screenshot(path="docs/screenshots/documents-quiz-phone.png", full_page=True)
    member.locator("#submit-quiz").click()
    expect(member.locator("#quiz-result")).to_contain_text("Đạt: 3/3 (100%)")
    # The page fits the phone: nothing wider than the screen.
    width = member.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width
    member.goto(f"/documents/study/{campaign_id}/")
    expect(member.locator("#study-status")).to_contain_text("đã đạt")
    member_watch.assert_clean()

    # 5. The staff see the read and pass rates rise, per unit.
    staff.goto(f"/documents/{document_id}/read-rates/?unit=G1")
    expect(staff.locator("#rates-read")).to_have_text("1")
    expect(staff.locator("table")).to_contain_text("Chi bộ 1")
    row = staff.locator("tr", has_text="Chi bộ 1")
    expect(row.locator("td").nth(2)).to_have_text("1")
    staff.goto(f"/documents/study/{campaign_id}/results/?unit=G1")
    expect(staff.locator("#study-passed")).to_have_text("1")
    expect(staff.locator("#study-percent")).to_have_text("25,0%")
    expect(staff.locator("tr", has_text="Chi bộ 1").locator("td").nth(4)).to_have_text("50,0")
    staff_watch.assert_clean()
