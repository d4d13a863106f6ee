"""Reads of programmes and tasks: a unit's lists, one task, a member's own tasks, the
roll-up of a task's children."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import (
    can,
    get_for_user,
    in_scope,
    member_of,
    require,
    scope,
    unit_for_user,
)
from chibo.access.roles import Perm
from chibo.core.errors import NotFound
from chibo.core.workdays import add_working_days, load_calendar
from chibo.members.models import Member
from chibo.org.models import OrgUnit

from ..models import OPEN_STATUSES, Task, TaskEvent, TaskStatus, WorkProgramme
from ..state import is_late

# A task is "at risk" when it is open, not yet handed in, and due within this many working days
# (a house choice, not a regulation).
AT_RISK_WORKING_DAYS = 3
NOT_FOUND = _("Không tìm thấy nhiệm vụ.")
# Filters of a task list beside the statuses themselves.
OVERDUE = "overdue"
DUE_SOON = "due_soon"
LIST_FILTERS = (*TaskStatus.values, OVERDUE, DUE_SOON)


def get_unit(user: Any, code: str, perm: Perm = Perm.ASSIGNMENTS_VIEW) -> OrgUnit:
    return unit_for_user(user, code, perm)


def soon_limit(today: date, days: int = AT_RISK_WORKING_DAYS) -> date:
    try:
        return add_working_days(today, days, calendar=load_calendar())
    except ValueError:  # outside the calendar's years
        return today


def visible_tasks(user: Any) -> QuerySet[Task]:
    return scope(
        user,
        Task.objects.select_related(
            "accountable_unit", "owner", "unit", "approver", "approver_unit"
        ),
        via="accountable_unit",
        perm=Perm.ASSIGNMENTS_VIEW,
    )


def filter_status(rows: QuerySet[Task], status: str, today: date) -> QuerySet[Task]:
    if status == OVERDUE:
        return rows.filter(status__in=OPEN_STATUSES, due_on__lt=today)
    if status == DUE_SOON:
        return rows.filter(
            status__in=OPEN_STATUSES, due_on__gte=today, due_on__lte=soon_limit(today)
        ).exclude(status=TaskStatus.SUBMITTED)
    if status:
        return rows.filter(status=status)
    return rows


def unit_tasks(
    user: Any,
    unit: OrgUnit,
    *,
    status: str = "",
    due_before: date | None = None,
    subtree: bool = True,
    today: date | None = None,
) -> QuerySet[Task]:
    """Tasks whose accountable unit is `unit` (or in its subtree), optionally of a status (or
    "overdue", "due_soon") and due before a day (excluded)."""
    require(user, Perm.ASSIGNMENTS_VIEW, unit)
    today = today or timezone.localdate()
    # `require` passed: a grant covers its unit's whole subtree, so the subtree filter alone is
    # the scope (a second path filter through `scope` doubled the join's cost on 100,000 tasks).
    rows = Task.objects.select_related(
        "accountable_unit", "owner", "unit", "approver", "approver_unit"
    )
    rows = (
        rows.filter(accountable_unit__path__startswith=unit.path)
        if subtree
        else rows.filter(accountable_unit=unit)
    )
    rows = filter_status(rows, status, today)
    if due_before is not None:
        rows = rows.filter(due_on__lt=due_before)
    return rows.order_by("due_on", "pk")


def unit_programmes(user: Any, unit: OrgUnit, year: int | None = None) -> QuerySet[WorkProgramme]:
    require(user, Perm.ASSIGNMENTS_VIEW, unit)
    rows = WorkProgramme.objects.filter(unit=unit)
    return rows.filter(year=year) if year else rows


def get_programme_for_user(user: Any, pk: int, perm: Perm = Perm.ASSIGNMENTS_VIEW) -> WorkProgramme:
    return get_for_user(
        user,
        WorkProgramme.objects.select_related("unit"),
        pk,
        perm,
        not_found=_("Không tìm thấy chương trình công tác."),
    )


def programme_tasks(programme: WorkProgramme) -> QuerySet[Task]:
    """The tasks of a programme already read through `get_programme_for_user`."""
    return programme.tasks.select_related("accountable_unit", "owner", "approver", "approver_unit")


def _is_party(user: Any, task: Task) -> bool:
    member = member_of(user)
    if member is None:
        return False
    return (
        member.pk in (task.owner_id, task.approver_id)
        or task.co_owners.filter(pk=member.pk).exists()
    )


def get_task_for_user(user: Any, pk: Any) -> Task:
    """The task's owner, co-owners and approver read it; so does anyone with assignments.view
    over its accountable unit or its approving body. 404 out of sight, 403 in reach without
    the permission."""
    rows = Task.objects.select_related(
        "accountable_unit",
        "owner",
        "owner__unit",
        "unit",
        "approver",
        "approver_unit",
        "programme",
        "parent",
        "source_document",
        "source_meeting",
    )
    try:
        task = rows.filter(pk=pk).first()
    except (TypeError, ValueError, OverflowError):
        task = None
    if task is None:
        raise NotFound(NOT_FOUND)
    if _is_party(user, task):
        return task
    if task.approver_unit is not None and can(user, Perm.ASSIGNMENTS_VIEW, task.approver_unit):
        return task
    return get_for_user(
        user, rows, pk, Perm.ASSIGNMENTS_VIEW, via="accountable_unit", not_found=NOT_FOUND
    )


def task_events(task: Task) -> list[TaskEvent]:
    return list(task.events.select_related("actor").order_by("on", "at", "pk"))


def co_owners(task: Task) -> list[Member]:
    return list(task.co_owners.all())


def may_manage(user: Any, unit: OrgUnit) -> bool:
    return can(user, Perm.ASSIGNMENTS_MANAGE, unit)


@dataclass(frozen=True)
class Rollup:
    total: int
    accepted: int
    late: int
    at_risk: int

    @property
    def accepted_percent(self) -> int | None:
        return round(100 * self.accepted / self.total) if self.total else None


def late_flag(task: Task, today: date) -> bool:
    return is_late(
        status=task.status, due_on=task.due_on, accepted_on=task.accepted_on, today=today
    )


def at_risk_flag(task: Task, today: date, limit: date | None = None) -> bool:
    limit = limit or soon_limit(today)
    return (
        task.status in (TaskStatus.ISSUED, TaskStatus.IN_PROGRESS, TaskStatus.RETURNED)
        and today <= task.due_on <= limit
    )


def children_of(user: Any, task: Task) -> list[Task]:
    """The task's children the user may see (all of them for those who see the parent's unit)."""
    rows = task.children.select_related("accountable_unit", "owner").order_by("due_on", "pk")
    if in_scope(user, task.accountable_unit):
        return list(rows)
    return [c for c in rows if in_scope(user, c.accountable_unit)]


def rollup(task: Task, today: date | None = None) -> Rollup | None:
    """The computed roll-up of a task's children (every child, whoever asks: the parent's page
    shows shares, not the children's contents). None for a task without children."""
    today = today or timezone.localdate()
    children = list(task.children.only("status", "due_on", "accepted_on"))
    if not children:
        return None
    limit = soon_limit(today)
    return Rollup(
        total=len(children),
        accepted=sum(1 for c in children if c.status == TaskStatus.ACCEPTED),
        late=sum(1 for c in children if late_flag(c, today)),
        at_risk=sum(1 for c in children if at_risk_flag(c, today, limit)),
    )


def my_tasks(user: Any, limit: int | None = 5) -> list[Task]:
    """The member's open tasks (owner or co-owner), soonest due first; empty without a record."""
    member = member_of(user)
    if member is None:
        return []
    rows = (
        Task.objects.select_related("accountable_unit")
        .filter(Q(owner=member) | Q(co_owners=member), status__in=OPEN_STATUSES)
        .distinct()
        .order_by("due_on", "pk")
    )
    return list(rows[:limit] if limit else rows)


def to_approve(user: Any, limit: int | None = 5) -> list[Task]:
    """Tasks waiting for the user's decision as the named approver (submitted, or with an
    extension asked)."""
    member = member_of(user)
    if member is None:
        return []
    rows = (
        Task.objects.select_related("accountable_unit")
        .filter(approver=member, status__in=OPEN_STATUSES)
        .filter(Q(status=TaskStatus.SUBMITTED) | Q(extension_pending=True))
        .order_by("due_on", "pk")
    )
    return list(rows[:limit] if limit else rows)


def tasks_from_meeting(user: Any, meeting: Any) -> list[Task]:
    return list(visible_tasks(user).filter(source_meeting=meeting).order_by("due_on", "pk"))


def tasks_from_document(user: Any, document: Any) -> list[Task]:
    return list(visible_tasks(user).filter(source_document=document).order_by("due_on", "pk"))


def owner_candidates(unit: OrgUnit, limit: int = 500) -> list[Member]:
    """Active members of the unit's subtree with a login (the owner must log in to submit),
    for the task form's choices (the form's user has assignments.manage over `unit`)."""
    return list(
        Member.objects.active()
        .filter(unit__path__startswith=unit.path, user__isnull=False)
        .select_related("unit")
        .order_by("sort_name", "pk")[:limit]
    )


def approver_candidates(unit: OrgUnit, limit: int = 500) -> list[Member]:
    """Members with a login in the subtree of the unit's top committee reach: the issuing
    unit's own members (its secretary, its standing committee)."""
    return owner_candidates(unit, limit)


def unit_choices(unit: OrgUnit, limit: int = 500) -> list[OrgUnit]:
    """The unit and the active units below it (the accountable-unit choices)."""
    return list(
        OrgUnit.objects.filter(path__startswith=unit.path, status="active").order_by("path")[:limit]
    )


def child_units(unit: OrgUnit) -> list[OrgUnit]:
    return list(
        OrgUnit.objects.filter(
            path__startswith=unit.path, depth=unit.depth + 1, status="active"
        ).order_by("path")
    )


def visible_programmes_to_manage(user: Any, *, year: int) -> QuerySet[WorkProgramme]:
    """Programmes of the year (and the next) the user may add tasks to."""
    return scope(
        user,
        WorkProgramme.objects.select_related("unit").filter(year__in=(year, year + 1)),
        perm=Perm.ASSIGNMENTS_MANAGE,
    ).order_by("unit__path", "year", "quarter")


def meeting_source(user: Any, pk: int) -> tuple[Any, str]:
    """A meeting the user may read (meetings.view) and its latest minutes' conclusions."""
    from chibo.meetings.queries import get_meeting_for_user, minutes_versions

    meeting = get_meeting_for_user(user, pk)
    versions = minutes_versions(meeting)
    return meeting, (versions[0].conclusions if versions else "") or ""


def document_source(user: Any, pk: int) -> Any:
    """A registry document the user may read."""
    from chibo.documents.registry.queries import get_document_for_user

    return get_document_for_user(user, pk)


def programme_of(user: Any, code: str, year: int | None, quarter: int) -> int:
    """The id of a unit's programme for a period (the API names it so); 404 when none."""
    unit = get_unit(user, code)
    if year is None:
        year = timezone.localdate().year
    pk = (
        WorkProgramme.objects.filter(unit=unit, year=year, quarter=quarter)
        .values_list("pk", flat=True)
        .first()
    )
    if pk is None:
        raise NotFound(_("Không tìm thấy chương trình công tác."))
    return int(pk)


def approving_bodies(unit: OrgUnit) -> list[OrgUnit]:
    """The issuing unit and the units above it: the bodies that may accept its tasks."""
    return list(
        OrgUnit.objects.filter(path__in=unit.ancestor_paths(include_self=True)).order_by("-depth")
    )


def overdue_in_reach(user: Any, limit: int = 5) -> tuple[int, list[Task]]:
    """Open tasks past their due date in the user's reach (assignments.view): how many, and the
    longest overdue few."""
    today = timezone.localdate()
    rows = visible_tasks(user).filter(status__in=OPEN_STATUSES, due_on__lt=today)
    return rows.count(), list(rows.order_by("due_on", "pk")[:limit])
