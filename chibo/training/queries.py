"""Reads of the training module, through access.policy (house rule 3)."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import can, get_for_user, require, scope, unit_for_user
from chibo.access.roles import Perm
from chibo.core.errors import NotFound
from chibo.documents.models import Document, StudyCampaign
from chibo.members.models import Member, MemberStatus
from chibo.members.queries.profile import get_member_to_read
from chibo.members.rules.dates import add_months
from chibo.org.models import OrgUnit

from . import needs, rules
from .models import (
    Certificate,
    Course,
    CourseKind,
    CourseSession,
    Enrolment,
    SessionAttendance,
)

NOT_FOUND = _("Không tìm thấy lớp học.")


def get_unit(user: Any, code: str, perm: Perm = Perm.TRAINING_VIEW) -> OrgUnit:
    return unit_for_user(user, code, perm)


def courses_for(user: Any, unit: OrgUnit | None = None) -> QuerySet[Course]:
    """Courses in the user's reach (training.view), of a unit's subtree when given."""
    rows = scope(user, Course.objects.select_related("unit"), perm=Perm.TRAINING_VIEW)
    if unit is not None:
        rows = rows.filter(unit__path__startswith=unit.path)
    return rows.annotate(learners=Count("enrolments", distinct=True)).order_by("-starts_on", "pk")


def get_course_for_user(user: Any, pk: int, perm: Perm = Perm.TRAINING_VIEW) -> Course:
    return get_for_user(user, Course.objects.select_related("unit"), pk, perm, not_found=NOT_FOUND)


def may_manage(user: Any, course: Course) -> bool:
    return can(user, Perm.TRAINING_MANAGE, course.unit)


@dataclass(frozen=True)
class LearnerRow:
    enrolment: Enrolment
    marks: dict[int, bool]  # session id -> present
    present: int
    percent: int | None
    certificate: Certificate | None


def course_sheet(course: Course) -> tuple[list[CourseSession], list[LearnerRow]]:
    """The sessions and every learner with their attendance and certificate (the caller holds
    the course through `get_course_for_user`)."""
    sessions = list(course.sessions.all())
    # A running course's attendance is counted over the sessions held so far.
    today = timezone.localdate()
    held = len([s for s in sessions if s.held_on <= today])
    marks: dict[int, dict[int, bool]] = {}
    for mark in SessionAttendance.objects.filter(session__course=course):
        marks.setdefault(mark.enrolment_id, {})[mark.session_id] = mark.present
    certificates = {c.enrolment_id: c for c in course.certificates.all()}
    rows = []
    for enrolment in course.enrolments.select_related("unit", "member").order_by("full_name"):
        own = marks.get(enrolment.pk, {})
        present = sum(1 for v in own.values() if v)
        rows.append(
            LearnerRow(
                enrolment,
                own,
                present,
                rules.attendance_percent(present, held),
                certificates.get(enrolment.pk),
            )
        )
    return sessions, rows


def get_session(course: Course, pk: int) -> CourseSession:
    session = course.sessions.filter(pk=pk).first()
    if session is None:
        raise NotFound(_("Không tìm thấy buổi học."))
    return session


def get_material(user: Any, pk: int) -> Any:
    from .models import CourseMaterial

    material = CourseMaterial.objects.select_related("course__unit").filter(pk=pk).first()
    if material is None or not material.file:
        raise NotFound(_("Không tìm thấy tài liệu."))
    require(user, Perm.TRAINING_VIEW, material.course.unit, not_found=_("Không tìm thấy tài liệu."))
    return material


def member_to_enrol(user: Any, course: Course, pk: int) -> Member:
    member = Member.objects.select_related("unit").filter(pk=pk).first()
    if member is None or not member.unit.path.startswith(course.unit.path):
        raise NotFound(_("Không tìm thấy đảng viên."))
    require(user, Perm.TRAINING_MANAGE, member.unit, not_found=_("Không tìm thấy đảng viên."))
    return member


def members_to_enrol(course: Course, limit: int = 300) -> list[Member]:
    """Active members of the course unit's subtree not yet enrolled (the enrol form)."""
    taken = course.enrolments.filter(member__isnull=False).values("member_id")
    return list(
        Member.objects.active()
        .filter(unit__path__startswith=course.unit.path)
        .exclude(pk__in=taken)
        .select_related("unit")
        .order_by("sort_name")[:limit]
    )


def registry_documents(user: Any, unit: OrgUnit, limit: int = 200) -> list[Document]:
    """Registry documents the course's unit may offer as materials (its own and those above)."""
    from chibo.access.policy import scope_with_ancestors

    rows = scope_with_ancestors(
        user, Document.objects.all(), via="owner_unit", perm=Perm.DOCUMENTS_VIEW
    ).filter(classified=False)
    return list(rows.order_by("-issued_on")[:limit])


def get_document(user: Any, pk: int) -> Document:
    return get_for_user(
        user,
        Document.objects.select_related("owner_unit"),
        pk,
        Perm.DOCUMENTS_VIEW,
        via="owner_unit",
        with_ancestors=True,
        not_found=_("Không tìm thấy văn bản."),
    )


def quiz_campaigns(user: Any, unit: OrgUnit) -> list[StudyCampaign]:
    rows = scope(user, StudyCampaign.objects.all(), perm=Perm.DOCUMENTS_VIEW).filter(
        quiz__isnull=False, unit__path__startswith=unit.path
    )
    return list(rows.order_by("-starts_on")[:100])


def get_campaign(user: Any, unit: OrgUnit, pk: int) -> StudyCampaign:
    campaign = StudyCampaign.objects.filter(pk=pk, unit__path__startswith=unit.path).first()
    if campaign is None:
        raise NotFound(_("Không tìm thấy đợt học tập."))
    require(user, Perm.DOCUMENTS_VIEW, campaign.unit, not_found=_("Không tìm thấy đợt học tập."))
    return campaign


# --- certificates ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Verification:
    number: str
    full_name: str
    course_title: str
    course_kind: str
    issued_on: date


def verify_certificate(number: str) -> Verification:
    """Public: whether a certificate number was issued, with the holder's name, the course and
    the date only (404 for a number never issued)."""
    number = (number or "").strip().upper()[:80]
    certificate = (
        Certificate.objects.select_related("course").filter(number=number).first()
        if number
        else None
    )
    if certificate is None:
        raise NotFound(_("Không có giấy chứng nhận mang số này."))
    return Verification(
        certificate.number,
        certificate.full_name,
        certificate.course.title,
        certificate.course.get_kind_display(),
        certificate.issued_on,
    )


def certificate_by_number(number: str) -> Certificate | None:
    """For the recruitment actions, which check the unit themselves."""
    number = (number or "").strip().upper()[:80]
    if not number:
        return None
    return Certificate.objects.select_related("course", "unit").filter(number=number).first()


def get_certificate_for_user(user: Any, pk: int) -> Certificate:
    """A certificate: its holder, or training.view over the learner's branch or the issuer."""
    certificate = (
        Certificate.objects.select_related("course", "issuing_unit", "unit", "member", "enrolment")
        .filter(pk=pk)
        .first()
    )
    missing = _("Không tìm thấy giấy chứng nhận.")
    if certificate is None:
        raise NotFound(missing)
    if certificate.member is not None and certificate.member.user_id == getattr(user, "pk", -1):
        return certificate
    if can(user, Perm.TRAINING_VIEW, certificate.issuing_unit):
        return certificate
    require(user, Perm.TRAINING_VIEW, certificate.unit, not_found=missing)
    return certificate


def member_certificates(user: Any, member_pk: int) -> tuple[Member, list[Certificate]]:
    """The record page's section: the member's certificates (own record, or members.view)."""
    member = get_member_to_read(user, member_pk)
    rows = list(
        Certificate.objects.select_related("course")
        .filter(member=member)
        .order_by("-issued_on", "-pk")
    )
    return member, rows


# --- who still needs which course -----------------------------------------------------------


def _new_members_without_course(
    user: Any, unit: OrgUnit, today: date, limit: int
) -> tuple[int, list[needs.Need]]:
    require(user, Perm.TRAINING_VIEW, unit)
    done = Certificate.objects.filter(
        course__kind=CourseKind.NEW_MEMBER, member__isnull=False
    ).values("member_id")
    rows = (
        Member.objects.filter(unit__path__startswith=unit.path, status=MemberStatus.PROBATIONARY)
        .exclude(pk__in=done)
        .select_related("unit")
        .order_by("admitted_on", "pk")
    )
    count = rows.count()
    items = []
    for member in rows[:limit]:
        start = member.admission_ceremony_on or member.admitted_on
        due = None
        if start is not None:
            due = add_months(start, rules.NEW_MEMBER_COURSE.rule_on(start).within_months)
        items.append(
            needs.Need(
                member.full_name,
                member.unit.name,
                CourseKind.NEW_MEMBER,
                due,
                due is not None and due < today,
            )
        )
    return count, items


needs.register(
    needs.NeedProvider(
        "training.new_members",
        _("Đảng viên dự bị chưa học lớp bồi dưỡng đảng viên mới"),
        CourseKind.NEW_MEMBER,
        _new_members_without_course,
    )
)


@dataclass(frozen=True)
class NeedList:
    key: str
    title: Any
    course_kind: str
    count: int
    items: list[needs.Need]
    late: int


def needs_of(user: Any, unit: OrgUnit, today: date, limit: int = 50) -> list[NeedList]:
    lists = []
    for provider in needs.providers():
        count, items = provider.fn(user, unit, today, limit)
        lists.append(
            NeedList(
                provider.key,
                provider.title,
                provider.course_kind,
                count,
                items,
                sum(1 for i in items if i.late),
            )
        )
    return lists


def course_counts(user: Any, unit: OrgUnit) -> dict[str, int]:
    rows = courses_for(user, unit)
    return {
        "running": rows.filter(finished_on__isnull=True).count(),
        "finished": rows.filter(finished_on__isnull=False).count(),
        "certificates": Certificate.objects.filter(
            Q(issuing_unit__path__startswith=unit.path)
        ).count(),
    }
