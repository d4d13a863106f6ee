"""The daily run of due-soon and overdue notices (in the app and by e-mail, `notify`).

Each programme says how many working days before the due date its owners are told
(`notice_days`) and how often, in working days, the notice repeats while a task is overdue
(`repeat_days`; 0: once). Working days come from `core.workdays` and the calendar table. A
notice is recorded per task, kind and day (`NoticeSent`), so running the command twice on one
day sends nothing twice."""

from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from chibo.access import policy
from chibo.audit.recorder import record
from chibo.core.workdays import WorkCalendar, load_calendar, working_days_between
from chibo.notifications.actions import notify
from chibo.notifications.models import NoticeKind

from ..models import NoticeSent, Task, TaskStatus
from .workflow import task_url

# Who sends the daily notices: the server's scheduled job, not a person.
NOTICES = policy.SystemActor(job="assignments.notices")
# The furthest ahead any programme's notice window reaches (notice_days ≤ 60 working days).
HORIZON_DAYS = 100
WAITING_ON_OWNER = (TaskStatus.ISSUED, TaskStatus.IN_PROGRESS, TaskStatus.RETURNED)


def _recipients(task: Task) -> list[int]:
    users = [task.owner.user_id, *task.co_owners.values_list("user_id", flat=True)]
    return [u for u in users if u]


def _due_soon(task: Task, today: date, calendar: WorkCalendar) -> bool:
    days = task.programme.notice_days
    if not days or task.due_on < today:
        return False
    return working_days_between(today, task.due_on, calendar=calendar) <= days


def _overdue_again(task: Task, today: date, last: date | None, calendar: WorkCalendar) -> bool:
    if task.due_on >= today:
        return False
    if last is None:
        return True
    repeat = task.programme.repeat_days
    return bool(repeat) and working_days_between(last, today, calendar=calendar) >= repeat


def send_task_notices(*, actor: Any, today: date | None = None) -> dict[str, int]:
    """Send today's notices; returns how many tasks got a due-soon and an overdue notice."""
    policy.require_system(actor)
    today = today or timezone.localdate()
    calendar = load_calendar()
    sent = {"soon": 0, "overdue": 0}
    rows = (
        Task.objects.select_related("owner", "programme", "unit", "approver")
        .filter(status__in=WAITING_ON_OWNER, due_on__lte=today + timedelta(days=HORIZON_DAYS))
        .order_by("due_on", "pk")
    )
    for task in rows.iterator(chunk_size=1000):
        history = dict(
            NoticeSent.objects.filter(task=task).order_by("on").values_list("kind", "on")
        )
        kind = None
        if _overdue_again(task, today, history.get("overdue"), calendar):
            kind = "overdue"
        elif task.due_on >= today and "soon" not in history and _due_soon(task, today, calendar):
            kind = "soon"
        if kind is None:
            continue
        with transaction.atomic():
            _written, created = NoticeSent.objects.get_or_create(task=task, kind=kind, on=today)
            if not created:
                continue
            if kind == "overdue":
                late = (today - task.due_on).days
                title = gettext("Nhiệm vụ quá hạn %(n)s ngày") % {"n": late}
                users = _recipients(task) + (
                    [task.approver.user_id] if task.approver and task.approver.user_id else []
                )
            else:
                title = gettext("Nhiệm vụ sắp đến hạn")
                users = _recipients(task)
            notify(
                recipients=users,
                kind=NoticeKind.GENERAL,
                title=f"{title}: {task.title}"[:255],
                body=gettext("Hạn hoàn thành %(d)s; sản phẩm: %(p)s.")
                % {"d": f"{task.due_on:%d/%m/%Y}", "p": task.deliverable},
                url=task_url(task),
            )
            record(
                actor=actor,
                action="assignments.send_task_notices",
                target=task,
                unit=task.unit,
                changes={"notice": [None, kind]},
            )
            sent[kind] += 1
    return sent
