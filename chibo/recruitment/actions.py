"""Writes of the recruitment module (DESIGN.md rule 1): candidates, the dated steps of their
admission, targets. Each step is checked against the rules in force on its day, with the rule's
source in the refusal; the ceremony admits the member through `members.actions.admit_member`,
so probation and full membership continue in the registry's events. All or nothing."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import require
from chibo.access.roles import Perm
from chibo.audit.recorder import record
from chibo.core import workdays
from chibo.core.errors import Conflict, NotFound, ValidationFailed
from chibo.core.text import fold, nfc
from chibo.members.actions import admit_member, holds_members
from chibo.members.models import Gender, Member, MemberStatus
from chibo.members.rules.dates import add_months
from chibo.org.models import OrgUnit
from chibo.training.models import CourseKind
from chibo.training.queries import certificate_by_number
from chibo.training.rules import AWARENESS_VALIDITY

from . import rules
from .models import STEP_ORDER, Candidate, CandidateStatus, CandidateStep, Sponsor, Step, Target

ORDER_SOURCE = "Điều lệ Đảng Điều 4; QĐ 294-QĐ/TW (26/5/2025), mục 3: thủ tục kết nạp theo thứ tự"
MAX_TARGET = 100_000


@dataclass(frozen=True)
class SponsorIn:
    member: Member
    known_since: date


def _name(text: str) -> str:
    cleaned = " ".join(nfc(text or "").split())
    if not cleaned:
        raise ValidationFailed(_("Họ và tên không được để trống."), field="full_name")
    if len(cleaned) > 120:
        raise ValidationFailed(_("Họ và tên quá dài."), field="full_name")
    return cleaned


def _education(text: str) -> str:
    text = (text or "").strip().replace(" ", "")
    if rules.education_grade(text) is None:
        raise ValidationFailed(
            _("Trình độ giáo dục phổ thông ghi dạng 9/12, 12/12 hoặc 7/10."),
            field="general_education",
        )
    return text


def create_candidate(
    *,
    actor: Any,
    unit: OrgUnit,
    full_name: str,
    gender: str,
    birth_date: date,
    general_education: str,
    occupation: str = "",
) -> Candidate:
    """List a candidate (quần chúng ưu tú) of a branch."""
    require(actor, Perm.RECRUITMENT_MANAGE, unit)
    today = timezone.localdate()
    if not holds_members(unit, today):
        raise ValidationFailed(
            _("Quần chúng ưu tú được theo dõi ở chi bộ (chi bộ trực thuộc hoặc chi bộ cơ sở)."),
            field="unit",
        )
    if gender not in Gender.values:
        raise ValidationFailed(_("Giới tính không hợp lệ."), field="gender")
    if birth_date >= today:
        raise ValidationFailed(_("Ngày sinh phải trước hôm nay."), field="birth_date")
    name = _name(full_name)
    education = _education(general_education)
    with transaction.atomic():
        candidate = Candidate.objects.create(
            unit=unit,
            full_name=name,
            search_name=fold(name),
            gender=gender,
            birth_date=birth_date,
            general_education=education,
            occupation=" ".join(nfc(occupation or "").split())[:120],
            created_by=actor,
        )
        record(
            actor=actor,
            action="recruitment.create_candidate",
            target=candidate,
            unit=unit,
            changes={"full_name": [None, name]},
        )
    return candidate


def record_age_exception(*, actor: Any, candidate: Candidate, number: str, on: date) -> Candidate:
    """The provincial-level committee's decision that lets a candidate over 60 be admitted."""
    require(actor, Perm.RECRUITMENT_MANAGE, candidate.unit)
    number = (number or "").strip()
    if not number:
        raise ValidationFailed(_("Ghi số quyết định của cấp ủy cấp tỉnh."), field="number")
    if on > timezone.localdate():
        raise ValidationFailed(_("Ngày quyết định chưa tới."), field="on")
    with transaction.atomic():
        candidate.age_exception_number = number[:60]
        candidate.age_exception_on = on
        candidate.save(update_fields=["age_exception_number", "age_exception_on", "updated_at"])
        record(
            actor=actor,
            action="recruitment.record_age_exception",
            target=candidate,
            unit=candidate.unit,
            changes={"age_exception_number": [None, number], "on": on.isoformat()},
        )
    return candidate


def next_step(candidate: Candidate) -> str | None:
    if candidate.status != CandidateStatus.ACTIVE:
        return None
    if not candidate.last_step:
        return STEP_ORDER[0]
    index = STEP_ORDER.index(candidate.last_step)
    return STEP_ORDER[index + 1] if index + 1 < len(STEP_ORDER) else None


def _done(candidate: Candidate, step: str) -> CandidateStep:
    row = candidate.steps.filter(step=step).first()
    if row is None:  # the order check comes first, so this is a broken history
        raise Conflict(_("Thiếu bước %(step)s."), step=Step(step).label)
    return row


def _check_age(candidate: Candidate, on: date) -> None:
    rule = rules.ELIGIBILITY.rule_on(on)
    months = rules.age_in_months(candidate.birth_date, on)
    if months < rule.min_age_months:
        raise ValidationFailed(
            _(
                "Người vào Đảng phải đủ 18 tuổi (tính theo tháng) khi chi bộ xét; ngày "
                "%(d)s mới %(y)s tuổi %(m)s tháng (%(source)s)."
            ),
            field="done_on",
            d=on.strftime("%d/%m/%Y"),
            y=months // 12,
            m=months % 12,
            source=rule.source,
        )
    if months > rule.max_age_months and not (
        candidate.age_exception_number
        and candidate.age_exception_on
        and candidate.age_exception_on <= on
    ):
        raise ValidationFailed(
            _(
                "Người trên 60 tuổi chỉ được xét kết nạp khi có quyết định của cấp ủy cấp tỉnh "
                "(trực thuộc Trung ương); hãy ghi quyết định đó trước (%(source)s)."
            ),
            field="done_on",
            source=rule.source,
        )


def _check_education(candidate: Candidate, on: date) -> None:
    rule = rules.ELIGIBILITY.rule_on(on)
    grade = rules.education_grade(candidate.general_education) or 0
    if grade < rule.min_education_grade:
        raise ValidationFailed(
            _(
                "Người vào Đảng phải tốt nghiệp trung học cơ sở trở lên; trình độ ghi là "
                "%(e)s (%(source)s)."
            ),
            field="general_education",
            e=candidate.general_education,
            source=rule.source,
        )


def _check_votes(votes_for: int | None, votes_of: int | None, share: Any, source: str) -> None:
    if votes_for is None or votes_of is None or votes_of <= 0:
        raise ValidationFailed(_("Ghi số phiếu tán thành và tổng số."), field="votes_for")
    if votes_for > votes_of:
        raise ValidationFailed(_("Số tán thành không thể lớn hơn tổng số."), field="votes_for")
    if not rules.share_reached(votes_for, votes_of, share):
        raise ValidationFailed(
            _(
                "Chỉ %(a)s/%(b)s tán thành, chưa đủ %(n)s/%(d)s: không đủ điều kiện đề nghị "
                "kết nạp (%(source)s)."
            ),
            field="votes_for",
            a=votes_for,
            b=votes_of,
            n=share.numerator,
            d=share.denominator,
            source=source,
        )


def _check_sponsors(candidate: Candidate, sponsors: list[SponsorIn], on: date) -> None:
    rule = rules.ELIGIBILITY.rule_on(on)
    if len({s.member.pk for s in sponsors}) != rule.sponsors or len(sponsors) != rule.sponsors:
        raise ValidationFailed(
            _("Cần đúng %(n)s đảng viên chính thức giới thiệu, khác nhau (%(source)s)."),
            field="sponsors",
            n=rule.sponsors,
            source=rule.source,
        )
    for sponsor in sponsors:
        member = sponsor.member
        full_on = member.full_member_on
        if member.status != MemberStatus.FULL or (full_on is not None and full_on > on):
            raise ValidationFailed(
                _(
                    "%(name)s không phải đảng viên chính thức nên không được giới thiệu "
                    "(%(source)s)."
                ),
                field="sponsors",
                name=member.full_name,
                source=rule.source,
            )
        if sponsor.known_since > on or not rules.sponsor_known_enough(sponsor.known_since, on):
            raise ValidationFailed(
                _(
                    "%(name)s mới cùng công tác với người vào Đảng từ %(d)s, chưa đủ "
                    "%(m)s tháng (%(source)s)."
                ),
                field="sponsors",
                name=member.full_name,
                d=sponsor.known_since.strftime("%d/%m/%Y"),
                m=rule.sponsor_known_months,
                source=rule.source,
            )


def _late_or_refuse(
    done_on: date, due: date, accept_late: bool, note: str, what: Any, source: str
) -> None:
    if done_on <= due:
        return
    if accept_late and note.strip():
        return
    raise ValidationFailed(
        _(
            "%(what)s ngày %(d)s đã quá hạn %(due)s (%(source)s). Nếu thực tế đã muộn, đánh "
            "dấu 'ghi nhận quá hạn' và ghi lý do."
        ),
        field="done_on",
        what=what,
        d=done_on.strftime("%d/%m/%Y"),
        due=due.strftime("%d/%m/%Y"),
        source=source,
    )


def record_step(
    *,
    actor: Any,
    candidate: Candidate,
    step: str,
    done_on: date,
    document_number: str = "",
    document: Any = None,
    note: str = "",
    votes_for: int | None = None,
    votes_of: int | None = None,
    deciding_body: str = "",
    received_on: date | None = None,
    extended: bool = False,
    accept_late: bool = False,
    certificate_number: str = "",
    helper: Member | None = None,
    sponsors: list[SponsorIn] | None = None,
) -> CandidateStep:
    """Record the candidate's next step, dated, with its document; refuses a step out of order,
    in the future, before the previous one, or breaking its rule (the rule's source said)."""
    require(actor, Perm.RECRUITMENT_MANAGE, candidate.unit)
    today = timezone.localdate()
    if step not in STEP_ORDER:
        raise ValidationFailed(_("Bước không hợp lệ."), field="step")
    with transaction.atomic():
        candidate = (
            Candidate.objects.select_for_update().select_related("unit").get(pk=candidate.pk)
        )
        if candidate.status != CandidateStatus.ACTIVE:
            raise Conflict(_("Hồ sơ này không còn đang xét kết nạp."))
        expected = next_step(candidate)
        if step != expected:
            raise ValidationFailed(
                _("Bước '%(step)s' không đúng thứ tự: bước tiếp theo là '%(next)s' (%(source)s)."),
                field="step",
                step=Step(step).label,
                next=Step(expected).label if expected else "—",
                source=ORDER_SOURCE,
            )
        if done_on > today:
            raise ValidationFailed(_("Ngày thực hiện chưa tới."), field="done_on")
        if candidate.last_step_on and done_on < candidate.last_step_on:
            raise ValidationFailed(
                _("Ngày thực hiện trước bước trước (%(d)s) (%(source)s)."),
                field="done_on",
                d=candidate.last_step_on.strftime("%d/%m/%Y"),
                source=ORDER_SOURCE,
            )
        if done_on <= candidate.birth_date:
            raise ValidationFailed(_("Ngày thực hiện trước ngày sinh."), field="done_on")
        calendar = workdays.load_calendar()
        row = CandidateStep(
            candidate=candidate,
            step=step,
            done_on=done_on,
            document_number=(document_number or "").strip()[:60],
            note=(note or "").strip(),
            recorded_by=actor,
        )
        changes: dict[str, Any] = {"step": [candidate.last_step or None, step]}
        next_due: date | None = None
        if step == Step.AWARENESS_COURSE:
            certificate = certificate_by_number(certificate_number)
            if certificate is None or certificate.course.kind != CourseKind.AWARENESS:
                raise ValidationFailed(
                    _("Không có giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng số '%(n)s'."),
                    field="certificate_number",
                    n=(certificate_number or "").strip()[:80],
                )
            if fold(certificate.full_name) != candidate.search_name:
                raise ValidationFailed(
                    _("Giấy chứng nhận số %(n)s cấp cho người khác."),
                    field="certificate_number",
                    n=certificate.number,
                )
            if Candidate.objects.filter(awareness_certificate=certificate).exists():
                raise Conflict(
                    _("Giấy chứng nhận này đã gắn với một hồ sơ khác."), field="certificate_number"
                )
            if done_on < certificate.issued_on:
                raise ValidationFailed(
                    _("Ngày ghi nhận trước ngày cấp giấy chứng nhận."), field="done_on"
                )
            candidate.awareness_certificate = certificate
            row.document_number = row.document_number or certificate.number
            changes["awareness_certificate"] = [None, certificate.number]
        elif step == Step.SYMPATHISER:
            if helper is None:
                raise ValidationFailed(_("Chọn đảng viên được phân công giúp đỡ."), field="helper")
            if helper.unit_id != candidate.unit_id or helper.status != MemberStatus.FULL:
                raise ValidationFailed(
                    _("Người giúp đỡ phải là đảng viên chính thức của chi bộ (%(source)s)."),
                    field="helper",
                    source=rules.ELIGIBILITY.rule_on(done_on).source,
                )
            candidate.helper = helper
            changes["helper"] = [None, helper.pk]
        elif step == Step.APPLICATION:
            _check_education(candidate, done_on)
            _check_sponsors(candidate, list(sponsors or []), done_on)
        elif step == Step.BRANCH_VOTE:
            _check_age(candidate, done_on)
            _check_education(candidate, done_on)
            votes = rules.VOTES.rule_on(done_on)
            _check_votes(votes_for, votes_of, votes.branch_share, votes.source)
            certificate = candidate.awareness_certificate
            validity = AWARENESS_VALIDITY.rule_on(done_on)
            if (
                certificate is not None
                and add_months(certificate.issued_on, validity.months) < done_on
            ):
                raise ValidationFailed(
                    _("Giấy chứng nhận lớp nhận thức về Đảng đã quá %(m)s tháng (%(source)s)."),
                    field="done_on",
                    m=validity.months,
                    source=validity.source,
                )
            next_due = rules.decision_due(done_on, extended=False, calendar=calendar)
            row.rule_source = rules.DEADLINES.rule_on(done_on).source
            row.votes_for, row.votes_of = votes_for, votes_of
        elif step == Step.GRASSROOTS_RESOLUTION:
            votes = rules.VOTES.rule_on(done_on)
            _check_votes(votes_for, votes_of, votes.committee_share, votes.source)
            row.votes_for, row.votes_of = votes_for, votes_of
            next_due = candidate.next_due_on  # the decision's deadline still runs
        elif step == Step.DECISION:
            if not row.document_number or not deciding_body.strip():
                raise ValidationFailed(
                    _("Ghi số quyết định và cấp ủy ra quyết định."), field="document_number"
                )
            branch_vote = _done(candidate, Step.BRANCH_VOTE)
            rule = rules.DEADLINES.rule_on(branch_vote.done_on)
            due = rules.decision_due(branch_vote.done_on, extended=extended, calendar=calendar)
            row.due_on, row.rule_source, row.extended = due, rule.source, extended
            _late_or_refuse(done_on, due, accept_late, note, Step.DECISION.label, rule.source)
            received_on = received_on or done_on
            if received_on < done_on or received_on > today:
                raise ValidationFailed(
                    _("Ngày nhận quyết định phải từ ngày quyết định đến hôm nay."),
                    field="received_on",
                )
            row.received_on = received_on
            row.deciding_body = deciding_body.strip()[:255]
            next_due = rules.ceremony_due(received_on, calendar=calendar)
        elif step == Step.CEREMONY:
            decision = _done(candidate, Step.DECISION)
            received = decision.received_on or decision.done_on
            rule = rules.DEADLINES.rule_on(received)
            due = rules.ceremony_due(received, calendar=calendar)
            row.due_on, row.rule_source = due, rule.source
            _late_or_refuse(done_on, due, accept_late, note, Step.CEREMONY.label, rule.source)
            if done_on < received:
                raise ValidationFailed(
                    _("Lễ kết nạp phải sau ngày nhận quyết định (%(d)s)."),
                    field="done_on",
                    d=received.strftime("%d/%m/%Y"),
                )
            sponsor_names = ", ".join(
                s.member.full_name for s in candidate.sponsors.select_related("member")
            )
            member = admit_member(
                actor=actor,
                unit=candidate.unit,
                full_name=candidate.full_name,
                gender=candidate.gender,
                birth_date=candidate.birth_date,
                decision_on=decision.done_on,
                ceremony_on=done_on,
                decision_number=decision.document_number,
                deciding_body=decision.deciding_body,
                general_education=candidate.general_education,
                occupation=candidate.occupation,
                sponsors=sponsor_names[:255],
            )
            candidate.member = member
            candidate.status = CandidateStatus.ADMITTED
            changes["member"] = [None, member.pk]
        if document is not None:
            row.document_name = getattr(document, "name", "")[:255]
            row.document = document
        row.save()
        if step == Step.APPLICATION:
            for sponsor in sponsors or []:
                Sponsor.objects.create(
                    candidate=candidate, member=sponsor.member, known_since=sponsor.known_since
                )
            changes["sponsors"] = [None, [s.member.pk for s in sponsors or []]]
        candidate.last_step = step
        candidate.last_step_on = done_on
        candidate.next_due_on = next_due
        candidate.save()
        record(
            actor=actor,
            action="recruitment.record_step",
            target=candidate,
            unit=candidate.unit,
            changes={**changes, "done_on": done_on.isoformat()},
        )
    return row


def withdraw_candidate(*, actor: Any, candidate: Candidate, reason: str) -> Candidate:
    require(actor, Perm.RECRUITMENT_MANAGE, candidate.unit)
    if not (reason or "").strip():
        raise ValidationFailed(_("Ghi lý do dừng xét."), field="reason")
    with transaction.atomic():
        candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
        if candidate.status != CandidateStatus.ACTIVE:
            raise Conflict(_("Hồ sơ này không còn đang xét kết nạp."))
        candidate.status = CandidateStatus.WITHDRAWN
        candidate.next_due_on = None
        candidate.save(update_fields=["status", "next_due_on", "updated_at"])
        record(
            actor=actor,
            action="recruitment.withdraw_candidate",
            target=candidate,
            unit=candidate.unit,
            changes={"status": ["active", "withdrawn"], "reason": reason.strip()[:500]},
        )
    return candidate


def set_target(*, actor: Any, unit: OrgUnit, year: int, target: int) -> Target:
    """The number of new members the unit plans to admit in the year (its whole subtree)."""
    require(actor, Perm.RECRUITMENT_MANAGE, unit)
    today = timezone.localdate()
    if not today.year - 5 <= year <= today.year + 5:
        raise ValidationFailed(_("Năm không hợp lệ."), field="year")
    if not 0 <= target <= MAX_TARGET:
        raise ValidationFailed(_("Chỉ tiêu phải từ 0 đến %(n)s."), field="target", n=MAX_TARGET)
    with transaction.atomic():
        row = Target.objects.select_for_update().filter(unit=unit, year=year).first()
        before = row.target if row else None
        if row is None:
            row = Target.objects.create(unit=unit, year=year, target=target, set_by=actor)
        else:
            row.target, row.set_by = target, actor
            row.save(update_fields=["target", "set_by", "updated_at"])
        record(
            actor=actor,
            action="recruitment.set_target",
            target=row,
            unit=unit,
            changes={"target": [before, target], "year": year},
        )
    return row


def enrol_candidate(*, actor: Any, candidate: Candidate, course: Any) -> Any:
    """Put a candidate on an awareness course's list (training's own action decides access)."""
    from chibo.training.actions import enrol_person

    require(actor, Perm.RECRUITMENT_MANAGE, candidate.unit)
    if course.kind != CourseKind.AWARENESS:
        raise ValidationFailed(
            _("Chỉ ghi danh vào lớp bồi dưỡng nhận thức về Đảng."), field="course"
        )
    if candidate.status != CandidateStatus.ACTIVE:
        raise NotFound(_("Không tìm thấy hồ sơ."))
    return enrol_person(
        actor=actor,
        course=course,
        full_name=candidate.full_name,
        birth_date=candidate.birth_date,
        unit=candidate.unit,
    )
