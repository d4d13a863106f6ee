"""Reads of the recruitment module, through access.policy (house rule 3): candidates, their next
step and deadlines, targets and progress rolled up the tree, the conference tallies."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import can, get_for_user, require, scope, unit_for_user
from chibo.access.roles import Perm
from chibo.core import workdays
from chibo.core.text import fold
from chibo.core.tree import ancestor_paths
from chibo.members.models import EventKind, Member, MemberEvent, MemberStatus
from chibo.org.models import OrgUnit
from chibo.training.models import Certificate, Course, CourseKind

from . import rules
from .models import STEP_ORDER, Candidate, CandidateStatus, CandidateStep, Step, Target

NOT_FOUND = _("Không tìm thấy hồ sơ quần chúng.")
LISTED = "listed"  # a candidate with no step done yet


def get_unit(user: Any, code: str, perm: Perm = Perm.RECRUITMENT_VIEW) -> OrgUnit:
    return unit_for_user(user, code, perm)


def candidates_for(
    user: Any,
    unit: OrgUnit | None = None,
    *,
    step: str = "",
    late_on: date | None = None,
    status: str = CandidateStatus.ACTIVE,
    q: str = "",
) -> QuerySet[Candidate]:
    """Candidates in reach (recruitment.view), of a unit's subtree; `step`: the last step done
    ("listed": none yet); `late_on`: only those whose next deadline is before that day."""
    rows = scope(user, Candidate.objects.select_related("unit"), perm=Perm.RECRUITMENT_VIEW)
    if unit is not None:
        rows = rows.filter(unit__path__startswith=unit.path)
    if status:
        rows = rows.filter(status=status)
    if step == LISTED:
        rows = rows.filter(last_step="")
    elif step:
        rows = rows.filter(last_step=step)
    if late_on is not None:
        rows = rows.filter(next_due_on__lt=late_on)
    if q.strip():
        rows = rows.filter(search_name__contains=fold(q.strip())[:120])
    return rows.order_by("next_due_on", "full_name", "pk")


def get_candidate_for_user(user: Any, pk: int, perm: Perm = Perm.RECRUITMENT_VIEW) -> Candidate:
    return get_for_user(
        user,
        Candidate.objects.select_related("unit", "helper", "awareness_certificate", "member"),
        pk,
        perm,
        not_found=NOT_FOUND,
    )


def may_manage(user: Any, unit: OrgUnit) -> bool:
    return can(user, Perm.RECRUITMENT_MANAGE, unit)


def next_step(candidate: Candidate) -> str | None:
    from .actions import next_step as _next

    return _next(candidate)


@dataclass(frozen=True)
class Deadline:
    due_on: date
    source: str
    late: bool


def deadline_of(candidate: Candidate, today: date) -> Deadline | None:
    """The next step's deadline where a rule sets one (decision, ceremony)."""
    if candidate.status != CandidateStatus.ACTIVE or candidate.next_due_on is None:
        return None
    on = candidate.last_step_on or today
    return Deadline(
        candidate.next_due_on,
        rules.DEADLINES.rule_on(on).source,
        candidate.next_due_on < today,
    )


def steps_of(candidate: Candidate) -> list[CandidateStep]:
    return list(candidate.steps.select_related("recorded_by").order_by("done_on", "pk"))


def full_review_due(candidate: Candidate) -> date | None:
    if candidate.status != CandidateStatus.ADMITTED:
        return None
    ceremony = candidate.steps.filter(step=Step.CEREMONY).first()
    if ceremony is None:
        return None
    return rules.full_review_due(ceremony.done_on, calendar=workdays.load_calendar())


def get_step_document(user: Any, pk: int) -> CandidateStep:
    row = CandidateStep.objects.select_related("candidate__unit").filter(pk=pk).first()
    if row is None or not row.document:
        from chibo.core.errors import NotFound

        raise NotFound(_("Không tìm thấy tài liệu."))
    require(
        user, Perm.RECRUITMENT_VIEW, row.candidate.unit, not_found=_("Không tìm thấy tài liệu.")
    )
    return row


def full_members_of(unit: OrgUnit) -> QuerySet[Member]:
    """The branch's full members: helpers, sponsors, and the base of the branch vote."""
    return Member.objects.filter(unit=unit, status=MemberStatus.FULL).order_by("sort_name")


def get_branch_member(candidate: Candidate, pk: int | None) -> Member | None:
    if not pk:
        return None
    return Member.objects.filter(pk=pk, unit=candidate.unit).select_related("unit").first()


def matching_certificates(candidate: Candidate) -> list[Certificate]:
    """Awareness certificates issued to someone of the candidate's name in the branch."""
    rows = Certificate.objects.select_related("course").filter(
        course__kind=CourseKind.AWARENESS, unit=candidate.unit
    )
    return [
        c for c in rows.order_by("-issued_on")[:200] if fold(c.full_name) == candidate.search_name
    ][:5]


def awareness_courses(user: Any, candidate: Candidate) -> list[Course]:
    """Open awareness courses of the branch's line the user may enrol people in."""
    paths = ancestor_paths(candidate.unit.path, include_self=True)
    rows = Course.objects.select_related("unit").filter(
        kind=CourseKind.AWARENESS, finished_on__isnull=True, unit__path__in=paths
    )
    return [c for c in rows.order_by("-starts_on")[:20] if can(user, Perm.TRAINING_MANAGE, c.unit)]


def get_course_to_enrol(user: Any, candidate: Candidate, pk: int) -> Course:
    from chibo.core.errors import NotFound

    for course in awareness_courses(user, candidate):
        if course.pk == pk:
            return course
    raise NotFound(_("Không tìm thấy lớp học."))


# --- targets and progress -------------------------------------------------------------------


def rolled_target(path: str, targets: dict[str, int]) -> int | None:
    """A unit's target: its own if set, else the sum of the nearest targets below it (a unit
    whose own target is set covers its subtree; one below it is not counted twice)."""
    if path in targets:
        return targets[path]
    below = [p for p in targets if p.startswith(path) and p != path]
    if not below:
        return None
    total = 0
    for p in below:
        between = [a for a in ancestor_paths(p) if a.startswith(path) and a != path]
        if not any(a in targets for a in between):
            total += targets[p]
    return total


@dataclass
class Progress:
    unit: OrgUnit
    year: int
    target: int | None
    admitted: int
    percent: int | None
    by_step: dict[str, int] = field(default_factory=dict)
    late: int = 0


@dataclass(frozen=True)
class TallyRow:
    unit: OrgUnit
    target: int | None
    admitted: int
    percent: int | None


def _targets(unit: OrgUnit, year: int) -> dict[str, int]:
    return dict(
        _in_subtree(Target.objects.filter(year=year), "unit", unit).values_list(
            "unit__path", "target"
        )
    )


def _in_subtree(rows: QuerySet[Any], field: str, unit: OrgUnit) -> QuerySet[Any]:
    """Rows whose unit is in `unit`'s subtree; a root covers every row, so the join to the
    units and its path test are skipped (on the national tree they cost more than the count)."""
    if unit.depth == 1:
        return rows
    return rows.filter(**{f"{field}__path__startswith": unit.path})


def _admissions(unit: OrgUnit, year: int) -> QuerySet[MemberEvent]:
    """Admissions of the year (decision date) in the subtree: the registry is the source."""
    rows = MemberEvent.objects.filter(
        kind=EventKind.ADMISSION,
        cancelled_at__isnull=True,
        effective_on__gte=date(year, 1, 1),
        effective_on__lte=date(year, 12, 31),
    )
    return _in_subtree(rows, "to_unit", unit)


def progress(user: Any, unit: OrgUnit, year: int, today: date) -> Progress:
    require(user, Perm.RECRUITMENT_VIEW, unit)
    targets = _targets(unit, year)
    target = rolled_target(unit.path, targets)
    admitted = _admissions(unit, year).count()
    # One pass over the subtree's candidates: how many at each step, and how many late.
    rows = list(
        _in_subtree(Candidate.objects.filter(status=CandidateStatus.ACTIVE), "unit", unit)
        .values("last_step")
        .annotate(n=Count("pk"), late=Count("pk", filter=Q(next_due_on__lt=today)))
        .values_list("last_step", "n", "late")
    )
    counts = {step: n for step, n, _late in rows}
    late = sum(n for _step, _n, n in rows)
    by_step = {LISTED: counts.get("", 0), **{s: counts.get(s, 0) for s in STEP_ORDER[:-1]}}
    return Progress(
        unit, year, target, admitted, rules.percent(admitted, target or 0), by_step, late
    )


def tally(user: Any, unit: OrgUnit, year: int, limit: int = 500) -> list[TallyRow]:
    """Target and admissions of each unit directly below (rolled up), for the conference."""
    require(user, Perm.RECRUITMENT_VIEW, unit)
    children = list(
        OrgUnit.objects.filter(depth=unit.depth + 1, path__startswith=unit.path).order_by(
            "sort_name", "path"
        )[:limit]
    )
    if not children:
        return []
    targets = _targets(unit, year)
    width = len(children[0].path)
    admitted = dict(
        _admissions(unit, year)
        .annotate(prefix=Substr("to_unit__path", 1, width))
        .values("prefix")
        .annotate(n=Count("pk"))
        .values_list("prefix", "n")
    )
    rows = []
    for child in children:
        target = rolled_target(child.path, targets)
        n = admitted.get(child.path, 0)
        rows.append(TallyRow(child, target, n, rules.percent(n, target or 0)))
    return rows


def funnel(by_step: dict[str, int]) -> list[tuple[str, int]]:
    """Candidates who have reached each step (done it or gone further), for the funnel chart."""
    keys = [LISTED, *STEP_ORDER[:-1]]
    out = []
    for i, key in enumerate(keys):
        out.append((key, sum(by_step.get(k, 0) for k in keys[i:])))
    return out


SHORT_LABELS = {
    LISTED: _("Mới lập danh sách"),
    Step.AWARENESS_COURSE: _("Lớp nhận thức"),
    Step.SYMPATHISER: _("Cảm tình Đảng"),
    Step.APPLICATION: _("Đơn, lý lịch"),
    Step.VERIFICATION: _("Thẩm tra"),
    Step.OPINIONS: _("Nhận xét nơi cư trú"),
    Step.BRANCH_VOTE: _("Chi bộ biểu quyết"),
    Step.GRASSROOTS_RESOLUTION: _("Nghị quyết cơ sở"),
    Step.DECISION: _("Quyết định kết nạp"),
}


def short_label(key: str) -> Any:
    """The step's name on the funnel chart (a phone has no room for the full one)."""
    return SHORT_LABELS.get(key, key)


def step_label(key: str) -> Any:
    return _("Mới lập danh sách") if key == LISTED else Step(key).label


def late_candidates(user: Any, today: date, limit: int = 5) -> tuple[int, list[Candidate]]:
    """The home card: candidates in reach whose next deadline has passed or comes within 10
    working days."""
    rows = candidates_for(user).filter(next_due_on__isnull=False)
    soon = workdays.add_working_days(today, 10, calendar=workdays.load_calendar())
    rows = rows.filter(next_due_on__lte=soon)
    return rows.count(), list(rows[:limit])


def candidates_without_awareness(
    user: Any, unit: OrgUnit, today: date, limit: int
) -> tuple[int, list[Any]]:
    """For the training module's "who needs which course": candidates not past the first step."""
    from chibo.training.needs import Need

    if not can(user, Perm.RECRUITMENT_VIEW, unit):
        return 0, []
    rows = candidates_for(user, unit, step=LISTED)
    return rows.count(), [
        Need(c.full_name, c.unit.name, CourseKind.AWARENESS, None, False) for c in rows[:limit]
    ]
