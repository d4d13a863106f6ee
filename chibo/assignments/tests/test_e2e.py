"""End to end in headless Chromium: the ward committee (P1's standing committee) issues its
quarter's programme, the branch member carries the task out and submits proof, the committee
returns it with a reason, then accepts it, and the dashboard shows what is late.

Every page loads only from our own server and logs no console error (CSP violations show there).
"""

import re
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from chibo.testing.e2e import DESKTOP, PHONE, e2e_personas, open_page
from chibo.testing.personas import PASSWORD, Personas

from .. import actions
from ..models import Task, TaskStatus
from .support import member_with_login

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("audit_truncate_allowed")]


def log_in(page: Page, username: str) -> None:
    """Through the log-in form, landing on the user's tasks rather than the home page: the home
    loads every module's card at once, and the live server's in-memory SQLite, shared by its
    threads, answers some of those concurrent requests with errors that are not this test's."""
    page.goto("/accounts/login/?next=/assignments/mine/")
    page.fill("input[name=login]", username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form:has(input[name=login]) [type=submit]").click()
    expect(page).to_have_url(re.compile(r"/assignments/mine/$"))


@pytest.fixture
def people(transactional_db: None, settings: Any) -> Personas:
    personas = e2e_personas(settings)
    member_with_login(personas.tree.b1, "Lê Văn An", "an")
    return personas


def test_ward_issues_branch_submits_approver_decides_dashboard_shows_late(
    browser: Browser, live_server: Any, people: Personas
) -> None:
    today = timezone.localdate()
    quarter = (today.month - 1) // 3 + 1
    an = people.tree.b1.members.get(full_name="Lê Văn An")
    # A task of last year's programme, given long ago and never handed in: late.
    old = actions.create_programme(actor=people.leader, unit=people.tree.p1, year=today.year - 1)
    actions.create_task(
        actor=people.leader,
        programme_id=old.pk,
        title="Nhiệm vụ cũ chưa xong",
        scope="Tổng kết",
        owner_id=an.pk,
        due_on=today - timedelta(days=10),
        accountable_unit="B1",
        deliverable="Báo cáo tổng kết",
        approver_unit="P1",
        issue=True,
        on=today - timedelta(days=60),
    )

    desk = open_page(browser, live_server.url, DESKTOP, timeout=30_000)
    page, watch = next(desk)
    log_in(page, "p1_leader")
    page.goto("/assignments/unit/P1/")
    page.select_option("#id_quarter", str(quarter))
    page.fill("#id_year", str(today.year))
    page.locator("#create-programme").click()
    expect(page.locator("h1")).to_contain_text(f"quý {quarter}")
    page.locator("#add-task").click()
    due = (today + timedelta(days=10)).strftime("%d/%m/%Y")
    page.fill("#id_title", "Rà soát hồ sơ đảng viên")
    page.fill("#id_scope", "Rà soát, bổ sung hồ sơ của toàn bộ đảng viên chi bộ")
    page.select_option("#id_owner", str(an.pk))
    page.select_option("#id_accountable_unit", "B1")
    page.fill("#id_due_on", due)
    page.select_option("#id_approver", "uP1")
    # The deliverable left out: refused beside its field, what was typed kept.
    page.locator("#save-task").click()
    expect(page.locator('[data-error-for="deliverable"]')).to_contain_text("rõ sản phẩm")
    expect(page.locator("#id_title")).to_have_value("Rà soát hồ sơ đảng viên")
    expect(page.locator("#id_due_on")).to_have_value(due)
    page.fill("#id_deliverable", "Danh sách hồ sơ đã rà soát")
    page.locator("#save-task").click()
    expect(page.locator("#task-status")).to_contain_text("Dự thảo")
    page.goto(
        f"/assignments/programme/{Task.objects.get(title='Rà soát hồ sơ đảng viên').programme_id}/"
    )
    page.locator("#issue-programme").click()
    expect(page.locator("#tasks-table")).to_contain_text("Đã giao")
    task = Task.objects.get(title="Rà soát hồ sơ đảng viên")
    assert task.status == TaskStatus.ISSUED

    # The branch member, on a phone: their tasks, then the proof.
    phone = open_page(browser, live_server.url, PHONE, timeout=30_000)
    mobile, mobile_watch = next(phone)
    log_in(mobile, "an")
    mobile.goto("/assignments/mine/")
    mobile.get_by_role("link", name="Rà soát hồ sơ đảng viên").click()
    mobile.locator("#submit-task").click()  # nothing attached: refused with the reason
    expect(mobile.locator('[data-error-for="link"]')).to_contain_text("Danh sách hồ sơ")
    mobile.fill("#id_link", "https://vanban.local/ho-so-ra-soat")
    mobile.fill("#id_note", "Đã rà soát 25 hồ sơ")
    mobile.locator("#submit-task").click()
    expect(mobile.locator("#task-status")).to_contain_text("Đã nộp sản phẩm")

    # The committee returns it with a reason, the member submits again, the committee accepts.
    page.goto(f"/assignments/task/{task.pk}/")
    page.locator("#return-task").click()
    expect(page.locator('[data-error-for="reason"]')).to_contain_text("lý do")
    page.fill("#return-form textarea", "Thiếu hồ sơ của 2 đồng chí")
    page.locator("#return-task").click()
    expect(page.locator("#task-status")).to_contain_text("Trả lại")
    mobile.reload()
    expect(mobile.locator("#timeline")).to_contain_text("Thiếu hồ sơ của 2 đồng chí")
    mobile.fill("#id_link", "https://vanban.local/ho-so-ra-soat-2")
    mobile.locator("#submit-task").click()
    expect(mobile.locator("#task-status")).to_contain_text("Đã nộp sản phẩm")
    page.reload()
    page.locator("#accept-task").click()
    expect(page.locator("#task-status")).to_contain_text("Đã nghiệm thu")

    # The dashboard: one task overdue now (last year's), this quarter's accepted on time.
    page.goto(f"/assignments/unit/P1/dashboard/?year={today.year}&quarter={quarter}")
    expect(page.locator("#stat-overdue")).to_have_text("1")
    expect(page.locator("#stat-accepted")).to_have_text("1")
    page.goto("/assignments/unit/P1/?status=overdue")
    expect(page.locator("#tasks-table")).to_contain_text("Nhiệm vụ cũ chưa xong")
    expect(page.locator("#tasks-table")).to_contain_text("Trễ hạn")
    for gen in (desk, phone):
        next(gen, None)  # closes the browser context
    for w in (watch, mobile_watch):
        # A refused form answers 400 on purpose (the page shows the reason); the browser logs
        # that status as a failed load. Anything else logged is a real error.
        w.errors = [e for e in w.errors if "status of 400" not in e]
        w.assert_clean()
