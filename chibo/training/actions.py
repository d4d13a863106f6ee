"""Writes of the training module (DESIGN.md rule 1): courses, their sessions, teachers and
materials, enrolment, attendance, results, and finishing a course (certificates, theory level)."""

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlparse

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import in_scope, require
from chibo.access.roles import Perm
from chibo.audit.recorder import record
from chibo.core.errors import Conflict, NotFound, ValidationFailed
from chibo.core.text import nfc
from chibo.documents.models import Document, StudyParticipant
from chibo.members.actions import update_member
from chibo.members.models import ACTIVE_STATUSES, Member, TheoryLevel
from chibo.org.models import OrgUnit

from . import rules
from .models import (
    Certificate,
    CertificateSequence,
    Course,
    CourseKind,
    CourseMaterial,
    CourseMode,
    CourseSession,
    CourseTeacher,
    Enrolment,
    SessionAttendance,
)

THEORY_ORDER: list[str] = [
    TheoryLevel.NONE,
    TheoryLevel.ELEMENTARY,
    TheoryLevel.INTERMEDIATE,
    TheoryLevel.ADVANCED,
    TheoryLevel.BACHELOR,
]


def _text(value: str, field: str, *, required: bool = True, limit: int = 255) -> str:
    cleaned = " ".join(nfc(value or "").split())
    if required and not cleaned:
        raise ValidationFailed(_("Trường này không được để trống."), field=field)
    if len(cleaned) > limit:
        raise ValidationFailed(_("Quá dài (tối đa %(n)s ký tự)."), field=field, n=limit)
    return cleaned


def _not_finished(course: Course) -> None:
    if course.finished_on is not None:
        raise Conflict(_("Lớp đã bế giảng; không sửa được nữa."))


def create_course(
    *,
    actor: Any,
    unit: OrgUnit,
    kind: str,
    title: str,
    mode: str,
    starts_on: date,
    ends_on: date,
    place: str = "",
    video_url: str = "",
) -> Course:
    require(actor, Perm.TRAINING_MANAGE, unit)
    if kind not in CourseKind.values:
        raise ValidationFailed(_("Loại lớp không hợp lệ."), field="kind")
    if mode not in CourseMode.values:
        raise ValidationFailed(_("Hình thức học không hợp lệ."), field="mode")
    title = _text(title, "title")
    place = _text(place, "place", required=False)
    video_url = (video_url or "").strip()
    if ends_on < starts_on:
        raise ValidationFailed(_("Ngày bế giảng phải sau ngày khai giảng."), field="ends_on")
    if mode == CourseMode.ONLINE:
        parsed = urlparse(video_url)
        if parsed.scheme not in ("https", "http") or not parsed.netloc:
            raise ValidationFailed(
                _("Lớp trực tuyến cần đường dẫn học (http:// hoặc https://)."), field="video_url"
            )
    elif not place:
        raise ValidationFailed(_("Lớp học trực tiếp cần địa điểm."), field="place")
    elif video_url:
        raise ValidationFailed(
            _("Lớp học trực tiếp không có đường dẫn trực tuyến."), field="video_url"
        )
    with transaction.atomic():
        course = Course.objects.create(
            unit=unit,
            kind=kind,
            title=title,
            mode=mode,
            place=place,
            video_url=video_url,
            starts_on=starts_on,
            ends_on=ends_on,
            created_by=actor,
        )
        record(
            actor=actor,
            action="training.create_course",
            target=course,
            unit=unit,
            changes={"title": [None, title], "kind": [None, kind]},
        )
    return course


def add_session(
    *, actor: Any, course: Course, held_on: date, topic: str, teacher: str = ""
) -> CourseSession:
    require(actor, Perm.TRAINING_MANAGE, course.unit)
    _not_finished(course)
    topic = _text(topic, "topic")
    teacher = _text(teacher, "teacher", required=False, limit=120)
    if not course.starts_on <= held_on <= course.ends_on:
        raise ValidationFailed(
            _("Buổi học phải trong thời gian của lớp (%(a)s - %(b)s)."),
            field="held_on",
            a=course.starts_on.strftime("%d/%m/%Y"),
            b=course.ends_on.strftime("%d/%m/%Y"),
        )
    with transaction.atomic():
        session = CourseSession.objects.create(
            course=course, held_on=held_on, topic=topic, teacher=teacher
        )
        record(
            actor=actor,
            action="training.add_session",
            target=course,
            unit=course.unit,
            changes={"session": [None, f"{held_on.isoformat()} {topic}"]},
        )
    return session


def add_teacher(*, actor: Any, course: Course, full_name: str, position: str = "") -> CourseTeacher:
    require(actor, Perm.TRAINING_MANAGE, course.unit)
    _not_finished(course)
    name = _text(full_name, "full_name", limit=120)
    with transaction.atomic():
        teacher = CourseTeacher.objects.create(
            course=course, full_name=name, position=_text(position, "position", required=False)
        )
        record(
            actor=actor,
            action="training.add_teacher",
            target=course,
            unit=course.unit,
            changes={"teacher": [None, name]},
        )
    return teacher


def add_material(
    *,
    actor: Any,
    course: Course,
    title: str,
    document: Document | None = None,
    file: Any = None,
) -> CourseMaterial:
    require(actor, Perm.TRAINING_MANAGE, course.unit)
    title = _text(title, "title")
    if (document is None) == (file is None):
        raise ValidationFailed(
            _("Chọn một văn bản trong kho hoặc tải lên một tệp."), field="document"
        )
    with transaction.atomic():
        material = CourseMaterial(course=course, title=title, document=document)
        if file is not None:
            material.original_name = getattr(file, "name", "")[:255]
            material.file = file
        material.save()
        record(
            actor=actor,
            action="training.add_material",
            target=course,
            unit=course.unit,
            changes={"material": [None, title]},
        )
    return material


def enrol_member(*, actor: Any, course: Course, member: Member) -> Enrolment:
    """Enrol a member of the course unit's subtree (404 for one out of the actor's reach)."""
    require(actor, Perm.TRAINING_MANAGE, course.unit)
    _not_finished(course)
    if not in_scope(actor, member.unit) or not member.unit.path.startswith(course.unit.path):
        raise NotFound(_("Không tìm thấy đảng viên."))
    if member.status not in ACTIVE_STATUSES:
        raise Conflict(_("Người này không còn là đảng viên."))
    with transaction.atomic():
        if Enrolment.objects.filter(course=course, member=member).exists():
            raise Conflict(_("Đảng viên này đã có trong danh sách lớp."))
        enrolment = Enrolment.objects.create(
            course=course,
            member=member,
            full_name=member.full_name,
            birth_date=member.birth_date,
            unit=member.unit,
        )
        record(
            actor=actor,
            action="training.enrol_member",
            target=course,
            unit=course.unit,
            changes={"enrolment": [None, enrolment.pk]},
        )
    return enrolment


def enrol_person(
    *, actor: Any, course: Course, full_name: str, birth_date: date | None, unit: OrgUnit
) -> Enrolment:
    """Enrol someone who is not a member (a candidate), named with their branch."""
    require(actor, Perm.TRAINING_MANAGE, course.unit)
    _not_finished(course)
    if not unit.path.startswith(course.unit.path):
        raise ValidationFailed(
            _("Người học phải thuộc đơn vị tổ chức lớp hoặc đơn vị cấp dưới."), field="unit"
        )
    name = _text(full_name, "full_name", limit=120)
    with transaction.atomic():
        enrolment = Enrolment.objects.create(
            course=course, full_name=name, birth_date=birth_date, unit=unit
        )
        record(
            actor=actor,
            action="training.enrol_person",
            target=course,
            unit=course.unit,
            changes={"enrolment": [None, enrolment.pk]},
        )
    return enrolment


def record_attendance(*, actor: Any, session: CourseSession, present_ids: set[int]) -> int:
    """Mark every learner of the course present (in `present_ids`) or absent at the session."""
    course = session.course
    require(actor, Perm.TRAINING_MANAGE, course.unit)
    _not_finished(course)
    enrolments = list(course.enrolments.values_list("pk", flat=True))
    unknown = set(present_ids) - set(enrolments)
    if unknown:
        raise ValidationFailed(_("Người học không có trong danh sách lớp."), field="present")
    if session.held_on > timezone.localdate():
        raise ValidationFailed(_("Buổi học chưa diễn ra."), field="present")
    with transaction.atomic():
        for pk in enrolments:
            SessionAttendance.objects.update_or_create(
                session=session, enrolment_id=pk, defaults={"present": pk in present_ids}
            )
        record(
            actor=actor,
            action="training.record_attendance",
            target=course,
            unit=course.unit,
            changes={"session": session.pk, "present": len(present_ids), "of": len(enrolments)},
        )
    return len(present_ids)


def parse_grade(text: str) -> Decimal | None:
    text = (text or "").strip().replace(",", ".")
    if not text:
        return None
    try:
        grade = Decimal(text)
    except InvalidOperation:
        raise ValidationFailed(_("Điểm phải là số từ 0 đến 10."), field="grade") from None
    if not Decimal(0) <= grade <= Decimal(10) or grade.as_tuple().exponent < -2:  # type: ignore[operator]
        raise ValidationFailed(_("Điểm phải là số từ 0 đến 10."), field="grade")
    return grade


def record_grades(*, actor: Any, course: Course, grades: dict[int, Decimal | None]) -> int:
    """The final grades entered (scale 0-10) of the listed learners."""
    require(actor, Perm.TRAINING_MANAGE, course.unit)
    _not_finished(course)
    known = set(course.enrolments.values_list("pk", flat=True))
    if set(grades) - known:
        raise ValidationFailed(_("Người học không có trong danh sách lớp."), field="grade")
    for grade in grades.values():
        if grade is not None and not Decimal(0) <= grade <= Decimal(10):
            raise ValidationFailed(_("Điểm phải là số từ 0 đến 10."), field="grade")
    with transaction.atomic():
        for pk, grade in grades.items():
            Enrolment.objects.filter(pk=pk).update(grade=grade)
        record(
            actor=actor,
            action="training.record_grades",
            target=course,
            unit=course.unit,
            changes={"grades": len(grades)},
        )
    return len(grades)


def link_quiz(*, actor: Any, course: Course, campaign: Any) -> Course:
    """Use a study campaign's quiz (documents module) as the course's final test."""
    require(actor, Perm.TRAINING_MANAGE, course.unit)
    _not_finished(course)
    if not hasattr(campaign, "quiz"):
        raise ValidationFailed(_("Đợt học tập này không có bài kiểm tra."), field="campaign")
    with transaction.atomic():
        course.study_campaign = campaign
        course.save(update_fields=["study_campaign", "updated_at"])
        record(
            actor=actor,
            action="training.link_quiz",
            target=course,
            unit=course.unit,
            changes={"study_campaign": [None, campaign.pk]},
        )
    return course


def _quiz_results(course: Course) -> dict[int, tuple[int | None, bool]]:
    """member id -> (best percent, passed) of the linked quiz."""
    if course.study_campaign_id is None:
        return {}
    return {
        p.member_id: (p.best_percent, p.passed_at is not None)
        for p in StudyParticipant.objects.filter(campaign_id=course.study_campaign_id)
    }


def _draw_number(unit: OrgUnit, year: int) -> tuple[int, str]:
    sequence, _created = CertificateSequence.objects.select_for_update().get_or_create(
        unit=unit, year=year
    )
    CertificateSequence.objects.filter(pk=sequence.pk).update(last=F("last") + 1)
    sequence.refresh_from_db()
    return sequence.last, rules.certificate_number(unit.code, year, sequence.last)


def _raise_theory_level(actor: Any, member: Member, level: str) -> None:
    current = member.theory_level or TheoryLevel.NONE
    if current in THEORY_ORDER and THEORY_ORDER.index(current) >= THEORY_ORDER.index(level):
        return
    update_member(actor=actor, member=member, changes={"theory_level": level})


def finish_course(*, actor: Any, course: Course, finished_on: date) -> list[Certificate]:
    """Close the course: every learner who meets COMPLETION gets a numbered certificate; a member
    completing a course that confers a theory level has it raised through the member actions
    (an audited change of the record). All or nothing."""
    require(actor, Perm.TRAINING_MANAGE, course.unit)
    _not_finished(course)
    if finished_on > timezone.localdate():
        raise ValidationFailed(_("Ngày bế giảng chưa tới."), field="finished_on")
    if finished_on < course.starts_on:
        raise ValidationFailed(_("Ngày bế giảng trước ngày khai giảng."), field="finished_on")
    sessions = list(course.sessions.all())
    if not sessions:
        raise Conflict(_("Lớp chưa có buổi học nào."))
    if any(s.held_on > finished_on for s in sessions):
        raise ValidationFailed(_("Còn buổi học sau ngày bế giảng."), field="finished_on")
    quiz = _quiz_results(course)
    level = rules.theory_level_of(course.kind, finished_on)
    issued: list[Certificate] = []
    with transaction.atomic():
        course = Course.objects.select_for_update().get(pk=course.pk)
        _not_finished(course)
        present: dict[int, int] = {}
        for mark in SessionAttendance.objects.filter(session__course=course, present=True):
            present[mark.enrolment_id] = present.get(mark.enrolment_id, 0) + 1
        for enrolment in course.enrolments.select_related("member", "unit").order_by("pk"):
            quiz_percent, quiz_passed = quiz.get(enrolment.member_id or 0, (None, None))
            if course.study_campaign_id is not None and quiz_passed is None:
                quiz_passed = False
            passed = rules.completes(
                present=present.get(enrolment.pk, 0),
                sessions=len(sessions),
                grade=enrolment.grade,
                quiz_passed=quiz_passed,
                on=finished_on,
            )
            Enrolment.objects.filter(pk=enrolment.pk).update(
                passed=passed, quiz_percent=quiz_percent
            )
            if not passed:
                continue
            sequence, number = _draw_number(course.unit, finished_on.year)
            certificate = Certificate.objects.create(
                number=number,
                issuing_unit=course.unit,
                year=finished_on.year,
                sequence=sequence,
                enrolment=enrolment,
                course=course,
                member=enrolment.member,
                full_name=enrolment.full_name,
                unit=enrolment.unit,
                issued_on=finished_on,
                issued_by=actor,
            )
            record(
                actor=actor,
                action="training.issue_certificate",
                target=certificate,
                unit=course.unit,
                changes={"number": [None, number]},
            )
            issued.append(certificate)
            if level and enrolment.member is not None:
                _raise_theory_level(actor, enrolment.member, level)
        course.finished_on = finished_on
        course.save(update_fields=["finished_on", "updated_at"])
        record(
            actor=actor,
            action="training.finish_course",
            target=course,
            unit=course.unit,
            changes={
                "finished_on": [None, finished_on.isoformat()],
                "certificates": len(issued),
            },
        )
    return issued
