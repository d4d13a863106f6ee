"""Study campaigns: opening (allowed, forbidden, out of scope), the quiz (layout kept, scoring,
retries), sessions, materials, results per unit, reminders (idempotent)."""

import io
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from chibo.audit.models import AuditEvent
from chibo.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from chibo.documents.models import QuizOption, StudyParticipant
from chibo.documents.study import actions, queries
from chibo.documents.study.quiz import QuestionSpec
from chibo.notifications.models import Notice, NoticeKind
from chibo.testing.personas import make_member, make_user

from .distribution_support import make_document, member_for

pytestmark = pytest.mark.django_db

TODAY = date.today()
QUIZ = actions.QuizSpec(
    questions=[
        QuestionSpec("Câu 1?", [("Đúng 1", True), ("Sai 1", False), ("Sai 1b", False)]),
        QuestionSpec("Câu 2?", [("Sai 2", False), ("Đúng 2", True)]),
    ],
    pass_mark=100,
    max_attempts=2,
)


@pytest.fixture
def setup(personas):
    t = personas.tree
    reader = make_user("reader")
    return {
        "doc": make_document(t.hcm),
        "reader": reader,
        "member": member_for(reader, t.b1, "Nguyễn Văn An"),
        "b2": make_member(t.b2, "Phạm Văn Cường"),
        "g2": make_member(t.g2, "Lê Thị Dung"),
    }


def open_campaign(personas, setup, *, unit=None, quiz=QUIZ, deadline=None):
    return actions.create_study_campaign(
        actor=personas.hq_admin,
        unit=unit or personas.tree.p1,
        title="Quán triệt Nghị quyết 57",
        document_ids=[setup["doc"].pk],
        starts_on=TODAY,
        deadline=deadline or TODAY + timedelta(days=20),
        quiz=quiz,
    )


def correct_answers(attempt):
    correct = dict(QuizOption.objects.filter(is_correct=True).values_list("question_id", "id"))
    return {qid: correct[qid] for qid, _o in attempt.layout}


def test_open_campaign_materialises_participants_and_notifies(personas, setup):
    campaign = open_campaign(personas, setup)
    assert campaign.participant_count == 2
    assert set(StudyParticipant.objects.values_list("member_id", flat=True)) == {
        setup["member"].pk,
        setup["b2"].pk,
    }
    assert Notice.objects.filter(user=setup["reader"], kind=NoticeKind.STUDY).count() == 1
    assert AuditEvent.objects.filter(action="documents.create_study_campaign").exists()


def test_open_campaign_forbidden_and_out_of_scope(personas, setup):
    with pytest.raises(Forbidden):
        actions.create_study_campaign(
            actor=personas.branch_officer,
            unit=personas.tree.b1,
            title="X",
            document_ids=[setup["doc"].pk],
            starts_on=TODAY,
            deadline=TODAY,
        )
    with pytest.raises(NotFound):
        actions.create_study_campaign(
            actor=personas.outsider,
            unit=personas.tree.p1,
            title="X",
            document_ids=[setup["doc"].pk],
            starts_on=TODAY,
            deadline=TODAY,
        )
    assert not StudyParticipant.objects.exists()


def test_open_campaign_validates(personas, setup):
    bad_quiz = actions.QuizSpec([QuestionSpec("Câu?", [("A", True), ("B", True)])])
    cases: tuple[dict[str, Any], ...] = (
        {"quiz": bad_quiz},
        {"deadline": TODAY - timedelta(days=1)},
    )
    for kwargs in cases:
        with pytest.raises(ValidationFailed):
            actions.create_study_campaign(
                actor=personas.hq_admin,
                unit=personas.tree.p1,
                title="X",
                document_ids=[setup["doc"].pk],
                starts_on=TODAY,
                **{"deadline": TODAY, **kwargs},
            )


def test_quiz_attempt_keeps_its_layout_and_scores_exactly(personas, setup):
    campaign = open_campaign(personas, setup)
    reader = setup["reader"]
    attempt = actions.start_quiz_attempt(actor=reader, campaign_id=campaign.pk)
    # Starting again resumes the open attempt.
    assert actions.start_quiz_attempt(actor=reader, campaign_id=campaign.pk).pk == attempt.pk
    shown = queries.attempt_questions(attempt)
    assert [q.question.pk for q in shown] == [qid for qid, _o in attempt.layout]
    answers = correct_answers(attempt)
    first_q = next(iter(answers))
    wrong = next(o.pk for o in shown[0].options if not o.is_correct)
    answers_one_wrong = {**answers, shown[0].question.pk: wrong}
    done = actions.submit_quiz_attempt(
        actor=reader, attempt_id=attempt.pk, answers=answers_one_wrong
    )
    assert (done.correct, done.total, done.passed) == (1, 2, False)
    with pytest.raises(Conflict):
        actions.submit_quiz_attempt(actor=reader, attempt_id=attempt.pk, answers=answers)
    second = actions.start_quiz_attempt(actor=reader, campaign_id=campaign.pk)
    passed = actions.submit_quiz_attempt(
        actor=reader, attempt_id=second.pk, answers=correct_answers(second)
    )
    assert passed.passed and passed.percent == 100
    participant = StudyParticipant.objects.get(member=setup["member"])
    assert participant.passed_at is not None and participant.best_percent == 100
    assert participant.attempts == 2
    assert first_q in answers
    with pytest.raises(Conflict):
        actions.start_quiz_attempt(actor=reader, campaign_id=campaign.pk)


def test_attempt_limit_and_other_members(personas, setup):
    campaign = open_campaign(personas, setup)
    reader = setup["reader"]
    for _ in range(2):
        a = actions.start_quiz_attempt(actor=reader, campaign_id=campaign.pk)
        actions.submit_quiz_attempt(actor=reader, attempt_id=a.pk, answers={})
    with pytest.raises(Conflict):
        actions.start_quiz_attempt(actor=reader, campaign_id=campaign.pk)
    # Someone not called to the campaign, or another member's attempt: not found.
    with pytest.raises(NotFound):
        actions.start_quiz_attempt(actor=personas.hq_admin, campaign_id=campaign.pk)
    other = make_user("other")
    member_for(other, personas.tree.b2, "Trần Văn Ba")
    with pytest.raises(NotFound):
        actions.submit_quiz_attempt(actor=other, attempt_id=a.pk, answers={})


def test_results_per_unit(personas, setup):
    campaign = open_campaign(personas, setup)
    a = actions.start_quiz_attempt(actor=setup["reader"], campaign_id=campaign.pk)
    actions.submit_quiz_attempt(actor=setup["reader"], attempt_id=a.pk, answers=correct_answers(a))
    rates = queries.campaign_rates(personas.hq_admin, campaign, personas.tree.g1)
    assert {r.code: (r.total, r.done) for r in rates.rows} == {"B1": (1, 1), "B2": (1, 0)}
    assert rates.percent == 50.0
    behind = queries.not_passed(personas.hq_admin, campaign, personas.tree.g1)
    assert [p.member.full_name for p in behind] == ["Phạm Văn Cường"]
    assert queries.campaign_rates_unit(personas.branch_officer, campaign, None) == personas.tree.b1
    with pytest.raises(NotFound):
        queries.get_campaign_for_staff(personas.outsider, campaign.pk)
    listed = list(queries.campaigns_for(personas.branch_officer))
    assert listed == [campaign]


def test_campaign_without_quiz_is_confirmed(personas, setup):
    campaign = open_campaign(personas, setup, quiz=None)
    participant = actions.confirm_studied(actor=setup["reader"], campaign_id=campaign.pk)
    assert participant.passed_at is not None
    with_quiz = open_campaign(personas, setup)
    with pytest.raises(Conflict):
        actions.confirm_studied(actor=setup["reader"], campaign_id=with_quiz.pk)


def test_sessions_allowed_forbidden_out_of_scope(personas, setup):
    campaign = open_campaign(personas, setup)
    at = timezone.now() + timedelta(days=2)
    session = actions.add_study_session(
        actor=personas.branch_officer,
        campaign_id=campaign.pk,
        unit=personas.tree.b1,
        held_at=at,
        place="Hội trường khu phố",
        meeting_id=12,
    )
    assert session.meeting_id == 12
    reader = setup["reader"]
    with pytest.raises(NotFound):
        actions.add_study_session(
            actor=reader, campaign_id=campaign.pk, unit=personas.tree.b1, held_at=at, place="X"
        )
    with pytest.raises(NotFound):
        actions.add_study_session(
            actor=personas.outsider,
            campaign_id=campaign.pk,
            unit=personas.tree.b1,
            held_at=at,
            place="X",
        )
    # In their own unit the outsider still does not find P1's campaign (it used to answer 400,
    # "not in the campaign's scope", which told them it exists).
    with pytest.raises(NotFound):
        actions.add_study_session(
            actor=personas.outsider,
            campaign_id=campaign.pk,
            unit=personas.tree.g2,
            held_at=at,
            place="X",
        )
    # A sibling branch of the campaign's subtree is out of the secretary's scope.
    with pytest.raises(NotFound):
        actions.add_study_session(
            actor=personas.branch_officer,
            campaign_id=campaign.pk,
            unit=personas.tree.b2,
            held_at=at,
            place="X",
        )


def test_materials(personas, setup, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    campaign = open_campaign(personas, setup)
    link = actions.add_study_material(
        actor=personas.hq_admin, campaign_id=campaign.pk, title="Bài giảng", url="https://a.vn/x"
    )
    assert link.url
    pdf = io.BytesIO(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    stored = actions.add_study_material(
        actor=personas.hq_admin,
        campaign_id=campaign.pk,
        title="Đề cương",
        upload=pdf,
        upload_name="de-cuong.pdf",
    )
    assert stored.stored_name and stored.original_name == "de-cuong.pdf"
    with pytest.raises(ValidationFailed):
        actions.add_study_material(
            actor=personas.hq_admin,
            campaign_id=campaign.pk,
            title="Giả",
            upload=io.BytesIO(b"MZ not a pdf"),
            upload_name="x.pdf",
        )
    in_b1 = open_campaign(personas, setup, unit=personas.tree.b1)
    with pytest.raises(Forbidden):
        actions.add_study_material(
            actor=personas.branch_officer, campaign_id=in_b1.pk, title="X", url="https://a.vn"
        )
    with pytest.raises(NotFound):
        actions.add_study_material(
            actor=personas.outsider, campaign_id=campaign.pk, title="X", url="https://a.vn"
        )
    assert queries.material_for_user(setup["reader"], campaign.pk, stored.pk) == stored


def test_reminders_are_sent_once(personas, setup):
    campaign = open_campaign(personas, setup, deadline=TODAY + timedelta(days=2))
    Notice.objects.all().delete()
    assert actions.send_study_reminders(days=3) == 1  # the member with a login
    assert actions.send_study_reminders(days=3) == 0
    assert Notice.objects.filter(user=setup["reader"]).count() == 1
    far = open_campaign(personas, setup, deadline=TODAY + timedelta(days=10))
    assert actions.send_study_reminders(days=3) == 0
    assert far.pk != campaign.pk


def test_send_study_reminders_command(personas, setup):
    from django.core.management import call_command

    open_campaign(personas, setup, deadline=TODAY + timedelta(days=1))
    out = io.StringIO()
    call_command("send_study_reminders", "--days", "2", stdout=out)
    call_command("send_study_reminders", "--days", "2", stdout=out)
    assert out.getvalue().splitlines() == ["Đã nhắc 1 đảng viên.", "Đã nhắc 0 đảng viên."]
