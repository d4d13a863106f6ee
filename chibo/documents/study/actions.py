"""Writes of study campaigns: open a campaign (with its quiz), add sessions and materials,
take the quiz, confirm having studied, and send reminders before the deadline."""

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import batched
from typing import IO, Any

from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import can, in_scope_or_above, member_of, require
from chibo.access.roles import Perm
from chibo.audit.recorder import record
from chibo.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from chibo.notifications.actions import notify
from chibo.notifications.models import NoticeKind
from chibo.org.models import OrgUnit

from ..distribution.audience import audience_members
from ..distribution.queries import staff_document
from ..files import check_upload, store
from ..models import (
    Audience,
    Quiz,
    QuizAttempt,
    QuizOption,
    QuizQuestion,
    StudyCampaign,
    StudyMaterial,
    StudyParticipant,
    StudySession,
)
from .queries import participant_for_member
from .quiz import MAX_OPTIONS, MAX_QUESTIONS, QuestionSpec, draw_layout, score_attempt


@dataclass(frozen=True)
class QuizSpec:
    questions: Sequence[QuestionSpec]
    pass_mark: int = 70
    max_attempts: int | None = 3


def campaign_url(campaign_id: int) -> str:
    return reverse("documents:study_campaign", kwargs={"pk": campaign_id})


def create_study_campaign(
    *,
    actor: Any,
    unit: OrgUnit,
    title: str,
    document_ids: Sequence[int],
    starts_on: date,
    deadline: date,
    audience: str = Audience.ALL_MEMBERS,
    description: str = "",
    quiz: QuizSpec | None = None,
) -> StudyCampaign:
    """Open a study campaign for `unit`'s subtree; every member of the audience becomes a
    participant (INSERT … SELECT) and is notified."""
    require(actor, Perm.DOCUMENTS_MANAGE, unit)
    title = title.strip()
    if not title:
        raise ValidationFailed(_("Cần nhập tên đợt học tập."), field="title")
    if not document_ids:
        raise ValidationFailed(_("Chọn ít nhất một văn bản."), field="documents")
    documents = [staff_document(actor, pk) for pk in dict.fromkeys(document_ids)]
    if any(d.classified for d in documents):
        raise ValidationFailed(
            _("Văn bản mật không được đưa vào đợt học tập qua sổ tay."), field="documents"
        )
    if audience not in Audience.values:
        raise ValidationFailed(_("Đối tượng nhận không hợp lệ."), field="audience")
    if deadline < starts_on:
        raise ValidationFailed(_("Hạn hoàn thành phải sau ngày bắt đầu."), field="deadline")
    if quiz is not None:
        _check_quiz(quiz)
    with transaction.atomic():
        campaign = StudyCampaign.objects.create(
            title=title[:255],
            description=description.strip(),
            unit=unit,
            audience=audience,
            starts_on=starts_on,
            deadline=deadline,
            created_by=actor,
        )
        campaign.documents.set(documents)
        if quiz is not None:
            _write_quiz(campaign, quiz)
        campaign.participant_count = _materialise_participants(campaign)
        campaign.save(update_fields=["participant_count"])
        record(
            actor=actor,
            action="documents.create_study_campaign",
            target=campaign,
            unit=unit,
            changes={
                "title": [None, campaign.title],
                "documents": [None, [d.number for d in documents]],
                "deadline": [None, deadline],
                "participants": [None, campaign.participant_count],
                "questions": [None, len(quiz.questions) if quiz else 0],
            },
        )
        users = StudyParticipant.objects.filter(
            campaign=campaign, member__user__isnull=False
        ).values_list("member__user_id", flat=True)
        notify(
            recipients=list(users),
            kind=NoticeKind.STUDY,
            title=f"{gettext('Học tập, quán triệt')}: {campaign.title}"[:255],
            body=gettext("Hạn hoàn thành: %(d)s") % {"d": f"{deadline:%d/%m/%Y}"},
            url=campaign_url(campaign.pk),
        )
    return campaign


def _check_quiz(quiz: QuizSpec) -> None:
    if not 1 <= quiz.pass_mark <= 100:
        raise ValidationFailed(_("Điểm đạt từ 1 đến 100%%."), field="pass_mark")
    if quiz.max_attempts is not None and not 1 <= quiz.max_attempts <= 20:
        raise ValidationFailed(_("Số lần làm bài từ 1 đến 20."), field="max_attempts")
    if not 1 <= len(quiz.questions) <= MAX_QUESTIONS:
        raise ValidationFailed(_("Bài kiểm tra có từ 1 đến 50 câu hỏi."), field="questions")
    for q in quiz.questions:
        if not q.text.strip() or not 2 <= len(q.options) <= MAX_OPTIONS:
            raise ValidationFailed(_("Mỗi câu hỏi có từ 2 đến 6 phương án."), field="questions")
        if sum(correct for _t, correct in q.options) != 1:
            raise ValidationFailed(_("Mỗi câu hỏi có đúng một phương án đúng."), field="questions")


def _write_quiz(campaign: StudyCampaign, spec: QuizSpec) -> None:
    quiz = Quiz.objects.create(
        campaign=campaign, pass_mark=spec.pass_mark, max_attempts=spec.max_attempts
    )
    for qpos, q in enumerate(spec.questions, start=1):
        question = QuizQuestion.objects.create(quiz=quiz, position=qpos, text=q.text.strip())
        QuizOption.objects.bulk_create(
            QuizOption(question=question, position=opos, text=text.strip()[:500], is_correct=ok)
            for opos, (text, ok) in enumerate(q.options, start=1)
        )


def _materialise_participants(campaign: StudyCampaign) -> int:
    already = StudyParticipant.objects.filter(campaign=campaign, member=OuterRef("pk"))
    members = (
        audience_members(campaign.unit, campaign.audience)
        .filter(~Exists(already))
        .order_by()
        .values_list("id", "unit_id")
    )
    select_sql, params = members.query.sql_with_params()
    table = connection.ops.quote_name(StudyParticipant._meta.db_table)
    # Identifiers are the model's, quoted by the backend; values are parameters.
    sql = (
        f"INSERT INTO {table} (campaign_id, member_id, unit_id, attempts) "  # noqa: S608
        f"SELECT %s, sub.*, 0 FROM ({select_sql}) sub"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [campaign.pk, *params])
        return max(cursor.rowcount, 0)


def _campaign(actor: Any, pk: int) -> StudyCampaign:
    """The campaign if it is opened in the actor's reach or above it (404 otherwise)."""
    campaign = StudyCampaign.objects.select_related("unit").filter(pk=pk).first()
    if campaign is None or not in_scope_or_above(actor, campaign.unit):
        raise NotFound(_("Không tìm thấy đợt học tập."))
    return campaign


def add_study_session(
    *,
    actor: Any,
    campaign_id: int,
    unit: OrgUnit,
    held_at: datetime,
    place: str,
    meeting_id: int | None = None,
) -> StudySession:
    """Record a study session held in `unit` (a branch holds it in its meeting): the branch's
    secretary may record it (meetings.manage on the unit), as may the committee's staff."""
    campaign = _campaign(actor, campaign_id)
    require(actor, Perm.MEETINGS_MANAGE, unit)
    if not unit.path.startswith(campaign.unit.path):
        raise ValidationFailed(
            _("Đơn vị tổ chức buổi học không thuộc phạm vi đợt học tập."), field="unit"
        )
    if not place.strip():
        raise ValidationFailed(_("Cần nhập địa điểm."), field="place")
    with transaction.atomic():
        session = StudySession.objects.create(
            campaign=campaign,
            unit=unit,
            held_at=held_at,
            place=place.strip()[:255],
            meeting_id=meeting_id,
        )
        record(
            actor=actor,
            action="documents.add_study_session",
            target=session,
            unit=unit,
            changes={"campaign": [None, campaign.pk], "held_at": [None, held_at]},
        )
    return session


def add_study_material(
    *,
    actor: Any,
    campaign_id: int,
    title: str,
    url: str = "",
    upload: IO[bytes] | None = None,
    upload_name: str = "",
) -> StudyMaterial:
    """A link or a file (PDF, DOCX: type checked by content, size limited, stored under a
    random name) to study with."""
    campaign = _campaign(actor, campaign_id)
    if not can(actor, Perm.DOCUMENTS_MANAGE, campaign.unit):
        # Seen from below (the campaign covers the actor's unit) but managed by its committee.
        raise Forbidden(_("Chỉ cấp ủy mở đợt học tập mới thêm được tài liệu."))
    if not title.strip():
        raise ValidationFailed(_("Cần nhập tên tài liệu."), field="title")
    if bool(url) == (upload is not None):
        raise ValidationFailed(_("Nhập một đường dẫn hoặc chọn một tệp."), field="url")
    if url and not url.startswith(("https://", "http://", "/")):
        raise ValidationFailed(_("Đường dẫn không hợp lệ."), field="url")
    stored_name = original = ""
    size = 0
    if upload is not None:
        checked = check_upload(upload_name, upload)
        stored_name, original, size = store(checked), checked.original_name, checked.size
    with transaction.atomic():
        material = StudyMaterial.objects.create(
            campaign=campaign,
            title=title.strip()[:255],
            url=url,
            stored_name=stored_name,
            original_name=original,
            size=size,
            position=StudyMaterial.objects.filter(campaign=campaign).count() + 1,
        )
        record(
            actor=actor,
            action="documents.add_study_material",
            target=material,
            unit=campaign.unit,
            changes={"campaign": [None, campaign.pk], "title": [None, material.title]},
        )
    return material


def start_quiz_attempt(*, actor: Any, campaign_id: int, today: date | None = None) -> QuizAttempt:
    """The member's open attempt, or a new one with its own seeded layout.

    Refused (409) once the member has passed, when the attempts are used up, or after the
    deadline."""
    with transaction.atomic():
        participant = participant_for_member(actor, campaign_id)
        participant = StudyParticipant.objects.select_for_update().get(pk=participant.pk)
        quiz = Quiz.objects.filter(campaign_id=campaign_id).first()
        if quiz is None:
            raise NotFound(_("Đợt học tập này không có bài kiểm tra."))
        open_attempt = participant.quiz_attempts.filter(submitted_at__isnull=True).first()
        if open_attempt is not None:
            return open_attempt
        if participant.passed_at is not None:
            raise Conflict(_("Đồng chí đã đạt bài kiểm tra này."))
        if quiz.max_attempts is not None and participant.attempts >= quiz.max_attempts:
            raise Conflict(_("Đồng chí đã làm hết số lần cho phép."))
        today = today or timezone.localdate()
        campaign = participant.campaign
        if today > campaign.deadline:
            raise Conflict(_("Đợt học tập đã hết hạn."))
        questions: dict[int, list[int]] = {}
        for qid, oid in QuizOption.objects.filter(question__quiz=quiz).values_list(
            "question_id", "id"
        ):
            questions.setdefault(qid, []).append(oid)
        seed = secrets.randbelow(2**62)
        layout = draw_layout(
            questions,
            seed,
            shuffle_questions=quiz.shuffle_questions,
            shuffle_options=quiz.shuffle_options,
        )
        attempt = QuizAttempt.objects.create(
            participant=participant,
            seed=seed,
            layout=[[qid, options] for qid, options in layout],
            total=len(layout),
        )
        participant.attempts += 1
        participant.save(update_fields=["attempts"])
    return attempt


def submit_quiz_attempt(
    *, actor: Any, attempt_id: int, answers: dict[int, int | None]
) -> QuizAttempt:
    """Score the attempt from its stored layout; the first pass marks the member as passed."""
    member = member_of(actor)
    with transaction.atomic():
        attempt = (
            QuizAttempt.objects.select_for_update(of=("self",))
            .select_related("participant__campaign__quiz")
            .filter(pk=attempt_id, participant__member=member)
            .first()
            if member is not None
            else None
        )
        if attempt is None:
            raise NotFound(_("Không tìm thấy bài làm."))
        if attempt.submitted_at is not None:
            raise Conflict(_("Bài làm này đã được nộp."))
        participant = attempt.participant
        quiz = participant.campaign.quiz
        layout = [(int(qid), [int(o) for o in options]) for qid, options in attempt.layout]
        correct = dict(
            QuizOption.objects.filter(
                question_id__in=[qid for qid, _o in layout], is_correct=True
            ).values_list("question_id", "id")
        )
        score = score_attempt(layout, answers, correct, quiz.pass_mark)
        now = timezone.now()
        attempt.answers = {str(k): v for k, v in answers.items() if v is not None}
        attempt.submitted_at = now
        attempt.correct, attempt.total, attempt.percent = score.correct, score.total, score.percent
        attempt.passed = score.passed
        attempt.save()
        fields = []
        if participant.best_percent is None or score.percent > participant.best_percent:
            participant.best_percent = score.percent
            fields.append("best_percent")
        if score.passed and participant.passed_at is None:
            participant.passed_at = now
            fields.append("passed_at")
        if fields:
            participant.save(update_fields=fields)
    return attempt


def confirm_studied(*, actor: Any, campaign_id: int) -> StudyParticipant:
    """Without a quiz, the member confirms having studied the documents (first time kept)."""
    participant = participant_for_member(actor, campaign_id)
    if Quiz.objects.filter(campaign_id=campaign_id).exists():
        raise Conflict(_("Đợt học tập này hoàn thành bằng bài kiểm tra."))
    if participant.passed_at is None:
        participant.passed_at = timezone.now()
        participant.save(update_fields=["passed_at"])
    return participant


# Not a regulation: the app reminds members this many days before a campaign's deadline (the
# committee sets the deadline; no rule says when to remind).
REMINDER_DAYS = 3


def send_study_reminders(*, days: int = REMINDER_DAYS, today: date | None = None) -> int:
    """Remind the participants who have not passed, of campaigns whose deadline falls within
    `days` days (today included). Each participant is reminded once (`reminded_at`), so running
    it again, or every day, sends nothing twice. Returns the number of members reminded."""
    today = today or timezone.localdate()
    reminded = 0
    campaigns = StudyCampaign.objects.filter(
        starts_on__lte=today, deadline__gte=today, deadline__lte=today + timedelta(days=days)
    )
    for campaign in campaigns:
        with transaction.atomic():
            due = StudyParticipant.objects.select_for_update(skip_locked=True, of=("self",)).filter(
                campaign=campaign,
                passed_at__isnull=True,
                reminded_at__isnull=True,
                member__user__isnull=False,
            )
            ids = list(due.values_list("id", "member__user_id"))
            if not ids:
                continue
            left = (campaign.deadline - today).days
            notify(
                recipients=[uid for _pid, uid in ids],
                kind=NoticeKind.STUDY,
                title=f"{gettext('Nhắc học tập, quán triệt')}: {campaign.title}"[:255],
                body=gettext("Còn %(n)s ngày đến hạn %(d)s; đồng chí chưa hoàn thành.")
                % {"n": left, "d": f"{campaign.deadline:%d/%m/%Y}"},
                url=campaign_url(campaign.pk),
            )
            now = timezone.now()
            for batch in batched([pid for pid, _uid in ids], 5000):
                StudyParticipant.objects.filter(pk__in=batch).update(reminded_at=now)
            record(
                actor=None,
                action="documents.send_study_reminders",
                target=campaign,
                unit=campaign.unit,
                changes={"reminded": [None, len(ids)]},
            )
            reminded += len(ids)
    return reminded
