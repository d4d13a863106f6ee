"""The two-way channel: not anonymous, the committee answers, both see the thread."""

import pytest
from django.test import Client

from chibo.access.roles import Role
from chibo.core.errors import Forbidden, NotFound, ValidationFailed
from chibo.handbook import actions, queries
from chibo.handbook.models import QuestionStatus
from chibo.notifications.models import Notice
from chibo.testing.personas import make_user

from .support import member_with_login

pytestmark = pytest.mark.django_db


def test_question_goes_to_the_nearest_answerers(personas, member):
    user, _person = member
    question = actions.ask_question(actor=user, subject="Học nghị quyết", body="Khi nào học?")
    assert question.unit == personas.tree.b1
    # The branch secretary answers; the city staff (hq_admin) are not paged for every question.
    assert set(Notice.objects.values_list("user_id", flat=True)) == {personas.branch_officer.pk}


def test_branch_without_answerer_goes_up(personas):
    user, _person = member_with_login(personas.tree.b2, username="b2member", name="Trần Văn B")
    g1_staff = make_user("g1_staff", (personas.tree.g1, Role.COMMITTEE_STAFF))
    actions.ask_question(actor=user, subject="Hỏi", body="Nội dung")
    assert set(Notice.objects.values_list("user_id", flat=True)) == {g1_staff.pk}


def test_thread_answer_and_follow_up(personas, member):
    user, _person = member
    question = actions.ask_question(actor=user, subject="Đảng phí", body="Mức đóng?")
    found, as_committee = queries.get_question_for_user(personas.branch_officer, question.pk)
    assert as_committee
    actions.reply_to_question(
        actor=personas.branch_officer, question=found, body="1% lương", as_committee=True
    )
    question.refresh_from_db()
    assert question.status == QuestionStatus.ANSWERED
    assert Notice.objects.filter(user=user, kind="question").exists()
    mine, as_committee = queries.get_question_for_user(user, question.pk)
    assert not as_committee
    actions.reply_to_question(actor=user, question=mine, body="Cảm ơn", as_committee=False)
    question.refresh_from_db()
    assert question.status == QuestionStatus.OPEN
    assert [r.from_committee for r in question.replies.all()] == [True, False]


def test_thread_forbidden_and_out_of_scope(personas, member):
    user, _person = member
    question = actions.ask_question(actor=user, subject="Hỏi", body="Nội dung")
    with pytest.raises(NotFound):
        queries.get_question_for_user(personas.outsider, question.pk)
    other, _m = member_with_login(personas.tree.b1, username="khac", name="Người Khác")
    with pytest.raises(Forbidden):  # a member of the same branch: in scope, not theirs
        queries.get_question_for_user(other, question.pk)
    with pytest.raises(Forbidden):
        actions.reply_to_question(actor=other, question=question, body="x", as_committee=False)
    with pytest.raises(NotFound):
        actions.reply_to_question(
            actor=personas.outsider, question=question, body="x", as_committee=True
        )
    with pytest.raises(ValidationFailed):
        actions.ask_question(actor=user, subject="", body="x")


def test_pages_say_it_is_not_anonymous(personas, member):
    user, _person = member
    client = Client()
    client.force_login(user)
    html = client.get("/so-tay/y-kien/").content.decode()
    assert "không ẩn danh" in html
    response = client.post("/so-tay/y-kien/gui/", {"subject": "Hỏi", "body": "Nội dung"})
    assert response.status_code == 302
    officer = Client()
    officer.force_login(personas.branch_officer)
    inbox = officer.get("/so-tay/y-kien/hop-thu/").content.decode()
    assert "Nguyễn Thị Mai" in inbox and "Hỏi" in inbox


def test_api_questions(personas, member):
    user, _person = member
    client = Client()
    client.force_login(user)
    created = client.post(
        "/api/v1/handbook/questions",
        {"subject": "Hỏi", "body": "Nội dung"},
        content_type="application/json",
    )
    assert created.status_code == 201
    qid = created.json()["id"]
    officer = Client()
    officer.force_login(personas.branch_officer)
    answered = officer.post(
        f"/api/v1/handbook/questions/{qid}/replies",
        {"body": "Trả lời"},
        content_type="application/json",
    )
    assert answered.status_code == 201 and answered.json()["from_committee"]
    thread = client.get(f"/api/v1/handbook/questions/{qid}").json()
    assert thread["status"] == "answered" and thread["replies"][0]["body"] == "Trả lời"
