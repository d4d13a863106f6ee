"""Shared pieces of the assignments actions: loading a task for a write, who may do what to it,
the six clears, clean text, writing an event and refreshing the task's cached state."""

from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import can, in_scope, member_of
from chibo.access.roles import Perm
from chibo.core.bounds import in_range
from chibo.core.errors import Forbidden, NotFound, ValidationFailed
from chibo.core.text import nfc

from ..models import Task, TaskEvent
from ..state import derive

NOT_FOUND = _("Không tìm thấy nhiệm vụ.")


def clean_text(value: Any, field: str, limit: int, *, required: bool = False) -> str:
    cleaned = nfc(str(value or "")).strip()
    if required and not cleaned:
        raise ValidationFailed(_("Trường này không được để trống."), field=field)
    if len(cleaned) > limit:
        raise ValidationFailed(_("Dài quá %(n)s ký tự."), field=field, n=limit)
    return cleaned


def day_of(on: date | None, *, field: str = "on") -> date:
    """The day a step happened: today unless given; never in the future."""
    today = timezone.localdate()
    if on is None:
        return today
    if not in_range(on):
        raise ValidationFailed(_("Ngày không hợp lệ."), field=field)
    if on > today:
        raise ValidationFailed(
            _("Ngày %(d)s chưa đến: không ghi trước một việc chưa xảy ra."),
            field=field,
            d=f"{on:%d/%m/%Y}",
        )
    return on


def member_id(actor: Any) -> int | None:
    member = member_of(actor)
    return member.pk if member is not None else None


def is_owner(actor: Any, task: Task) -> bool:
    mid = member_id(actor)
    return mid is not None and mid == task.owner_id


def is_co_owner(actor: Any, task: Task) -> bool:
    mid = member_id(actor)
    return mid is not None and task.co_owners.filter(pk=mid).exists()


def is_approver(actor: Any, task: Task) -> bool:
    """The approving authority: the person named, or a holder of assignments.manage over the
    approving body's unit — never the owner approving their own work."""
    mid = member_id(actor)
    if mid is not None and mid == task.owner_id:
        return False
    if task.approver_id is not None:
        return mid is not None and mid == task.approver_id
    return task.approver_unit is not None and can(
        actor, Perm.ASSIGNMENTS_MANAGE, task.approver_unit
    )


def may_see(actor: Any, task: Task) -> bool:
    """The owner, co-owners and the approver see the task; so does anyone whose reach holds its
    accountable unit or its approving body (with assignments.view checked by the caller)."""
    if in_scope(actor, task.accountable_unit):
        return True
    if task.approver_unit is not None and in_scope(actor, task.approver_unit):
        return True
    mid = member_id(actor)
    return mid is not None and (
        mid in (task.owner_id, task.approver_id) or task.co_owners.filter(pk=mid).exists()
    )


def task_for_write(actor: Any, task_id: int, *, lock: bool = True) -> Task:
    """The task (locked), 404 when absent or out of the actor's sight."""
    rows = Task.objects.select_related(
        "unit", "accountable_unit", "approver_unit", "owner", "approver", "programme"
    )
    if lock:
        rows = rows.select_for_update(of=("self",))
    try:
        task = rows.filter(pk=task_id).first()
    except (TypeError, ValueError, OverflowError):
        task = None
    if task is None or not may_see(actor, task):
        raise NotFound(NOT_FOUND)
    return task


def require_owner(actor: Any, task: Task, message: Any) -> None:
    if not is_owner(actor, task):
        raise Forbidden(message)


def require_approver(actor: Any, task: Task, message: Any) -> None:
    if not is_approver(actor, task):
        raise Forbidden(message)


def add_event(task: Task, *, kind: str, on: date, actor: Any, **fields: Any) -> TaskEvent:
    event = TaskEvent.objects.create(
        task=task, kind=kind, on=on, actor=actor if getattr(actor, "pk", None) else None, **fields
    )
    refresh_state(task)
    return event


def refresh_state(task: Task) -> None:
    """Rewrite the task's cached state from its events."""
    state = derive(task.events.order_by("on", "at", "pk"), original_due_on=task.original_due_on)
    cached = state.cached()
    for field, value in cached.items():
        setattr(task, field, value)
    Task.objects.filter(pk=task.pk).update(**cached)


def not_before(on: date, earlier: date | None, field: str = "on") -> None:
    if earlier is not None and on < earlier:
        raise ValidationFailed(
            _("Ngày %(d)s trước bước trước đó của nhiệm vụ (%(e)s)."),
            field=field,
            d=f"{on:%d/%m/%Y}",
            e=f"{earlier:%d/%m/%Y}",
        )
