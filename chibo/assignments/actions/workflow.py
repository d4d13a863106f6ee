"""A task's life after it is issued: progress notes, submission of the deliverable (only the
owner), acceptance or return (only the approving authority), extensions (asked by the owner,
decided by the approver), and the split of a task into tasks for the units below."""

from datetime import date
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import can, require
from chibo.access.roles import Perm
from chibo.audit.recorder import record
from chibo.core.bounds import in_range
from chibo.core.errors import Conflict, Forbidden, ValidationFailed
from chibo.notifications.actions import notify
from chibo.notifications.models import NoticeKind
from chibo.org.models import OrgUnit

from ..models import EventKind, Task, TaskEvent, TaskStatus, WorkProgramme
from ..state import derive
from .common import (
    add_event,
    clean_text,
    day_of,
    is_co_owner,
    is_owner,
    not_before,
    require_approver,
    require_owner,
    task_for_write,
)

MAX_NOTE = 5000
MAX_FILE = 20 * 1024 * 1024


def task_url(task: Task) -> str:
    return reverse("assignments:task", args=[task.pk])


def _approver_users(task: Task) -> list[int]:
    if task.approver is not None and task.approver.user_id:
        return [task.approver.user_id]
    return []


def notify_owner(task: Task, title: Any) -> None:
    # In the action's transaction: a rolled-back write leaves no notice; `notify` sends its
    # e-mail after the commit.
    if task.owner.user_id:
        notify(
            recipients=[task.owner.user_id],
            kind=NoticeKind.GENERAL,
            title=f"{title}: {task.title}"[:255],
            body=gettext("Hạn hoàn thành %(d)s.") % {"d": f"{task.due_on:%d/%m/%Y}"},
            url=task_url(task),
        )


def _notify_approver(task: Task, title: Any) -> None:
    users = _approver_users(task)
    if users:
        notify(
            recipients=users,
            kind=NoticeKind.GENERAL,
            title=f"{title}: {task.title}"[:255],
            url=task_url(task),
        )


def _require_open(task: Task) -> None:
    if task.status == TaskStatus.DRAFT:
        raise Conflict(_("Nhiệm vụ chưa được giao."))
    if task.status == TaskStatus.ACCEPTED:
        raise Conflict(_("Nhiệm vụ đã được nghiệm thu, không thay đổi được nữa."))


def _last_step(task: Task) -> date | None:
    last = task.events.order_by("-on", "-at", "-pk").values_list("on", flat=True).first()
    return last


def _audit(actor: Any, task: Task, action: str, before: str, **more: Any) -> None:
    changes: dict[str, Any] = {"status": [before, task.status]}
    changes.update({k: [None, v] for k, v in more.items()})
    record(
        actor=actor, action=f"assignments.{action}", target=task, unit=task.unit, changes=changes
    )


def record_progress(
    *, actor: Any, task_id: int, note: str, percent: int | None = None, on: date | None = None
) -> TaskEvent:
    """A progress note by the owner or a co-owner."""
    with transaction.atomic():
        task = task_for_write(actor, task_id)
        if not (is_owner(actor, task) or is_co_owner(actor, task)):
            raise Forbidden(_("Chỉ người chủ trì hoặc người phối hợp ghi tiến độ."))
        _require_open(task)
        on = day_of(on)
        not_before(on, _last_step(task))
        note = clean_text(note, "note", MAX_NOTE, required=True)
        if percent is not None and (not isinstance(percent, int) or not 0 <= percent <= 100):
            raise ValidationFailed(_("Tỷ lệ tiến độ phải từ 0 đến 100."), field="percent")
        before = task.status
        event = add_event(
            task, kind=EventKind.PROGRESS, on=on, actor=actor, note=note, percent=percent
        )
        _audit(actor, task, "record_progress", before, percent=percent)
    return event


def submit_task(
    *,
    actor: Any,
    task_id: int,
    note: str = "",
    link: str = "",
    file: Any = None,
    on: date | None = None,
) -> Task:
    """The owner hands in the deliverable (a file or a link to it, and what it is)."""
    with transaction.atomic():
        task = task_for_write(actor, task_id)
        require_owner(actor, task, _("Chỉ người chủ trì nhiệm vụ mới nộp sản phẩm."))
        _require_open(task)
        if task.status == TaskStatus.SUBMITTED:
            raise Conflict(_("Sản phẩm đã nộp, đang chờ nghiệm thu."))
        on = day_of(on)
        not_before(on, _last_step(task))
        note = clean_text(note, "note", MAX_NOTE)
        link = clean_text(link, "link", 500)
        if link and not link.startswith(("https://", "http://", "/")):
            raise ValidationFailed(
                _("Đường dẫn sản phẩm phải bắt đầu bằng https:// hoặc http://."), field="link"
            )
        if not link and not file:
            raise ValidationFailed(
                _("Cần đính kèm hoặc dẫn đường dẫn tới sản phẩm (%(what)s)."),
                field="link",
                what=task.deliverable,
            )
        if file is not None and getattr(file, "size", 0) > MAX_FILE:
            raise ValidationFailed(_("Tệp lớn quá 20 MB."), field="file")
        before = task.status
        add_event(
            task,
            kind=EventKind.SUBMITTED,
            on=on,
            actor=actor,
            note=note,
            link=link,
            file=file or "",
        )
        _audit(actor, task, "submit_task", before, link=link)
        _notify_approver(task, _("Sản phẩm chờ nghiệm thu"))
    return task


def accept_task(*, actor: Any, task_id: int, note: str = "", on: date | None = None) -> Task:
    with transaction.atomic():
        task = task_for_write(actor, task_id)
        require_approver(actor, task, _("Chỉ người hoặc cấp ủy có thẩm quyền mới nghiệm thu."))
        _require_open(task)
        if task.status != TaskStatus.SUBMITTED:
            raise Conflict(_("Chỉ nghiệm thu nhiệm vụ đã nộp sản phẩm."))
        on = day_of(on)
        not_before(on, task.submitted_on)
        note = clean_text(note, "note", MAX_NOTE)
        before = task.status
        add_event(task, kind=EventKind.ACCEPTED, on=on, actor=actor, note=note)
        _audit(actor, task, "accept_task", before)
        notify_owner(task, _("Sản phẩm đã được nghiệm thu"))
    return task


def return_task(*, actor: Any, task_id: int, reason: str, on: date | None = None) -> Task:
    with transaction.atomic():
        task = task_for_write(actor, task_id)
        require_approver(actor, task, _("Chỉ người hoặc cấp ủy có thẩm quyền mới trả lại."))
        _require_open(task)
        if task.status != TaskStatus.SUBMITTED:
            raise Conflict(_("Chỉ trả lại nhiệm vụ đã nộp sản phẩm."))
        reason = clean_text(reason, "reason", MAX_NOTE)
        if not reason:
            raise ValidationFailed(_("Cần ghi lý do trả lại."), field="reason")
        on = day_of(on)
        not_before(on, task.submitted_on)
        before = task.status
        add_event(task, kind=EventKind.RETURNED, on=on, actor=actor, note=reason)
        _audit(actor, task, "return_task", before, reason=reason[:200])
        notify_owner(task, _("Sản phẩm bị trả lại"))
    return task


def request_extension(
    *, actor: Any, task_id: int, due_on: date | None, reason: str, on: date | None = None
) -> Task:
    with transaction.atomic():
        task = task_for_write(actor, task_id)
        require_owner(actor, task, _("Chỉ người chủ trì nhiệm vụ mới xin gia hạn."))
        _require_open(task)
        if task.extension_pending:
            raise Conflict(_("Đã có đề nghị gia hạn đang chờ quyết định."))
        on = day_of(on)
        if due_on is None or not in_range(due_on):
            raise ValidationFailed(_("Cần ghi hạn mới."), field="due_on")
        if due_on <= task.due_on:
            raise ValidationFailed(
                _("Hạn mới phải sau hạn hiện tại (%(d)s)."),
                field="due_on",
                d=f"{task.due_on:%d/%m/%Y}",
            )
        parent = task.parent
        if parent is not None and due_on > parent.due_on:
            raise ValidationFailed(
                _("Hạn mới không được sau hạn của nhiệm vụ cấp trên (%(d)s)."),
                field="due_on",
                d=f"{parent.due_on:%d/%m/%Y}",
            )
        reason = clean_text(reason, "reason", MAX_NOTE)
        if not reason:
            raise ValidationFailed(_("Cần ghi lý do xin gia hạn."), field="reason")
        not_before(on, _last_step(task))
        before = task.status
        add_event(
            task,
            kind=EventKind.EXTENSION_REQUESTED,
            on=on,
            actor=actor,
            note=reason,
            due_on=due_on,
        )
        _audit(actor, task, "request_extension", before, due_on=due_on.isoformat())
        _notify_approver(task, _("Đề nghị gia hạn"))
    return task


def decide_extension(
    *, actor: Any, task_id: int, grant: bool, note: str = "", on: date | None = None
) -> Task:
    """The approver grants the pending extension (the due date moves to the one asked) or
    refuses it."""
    with transaction.atomic():
        task = task_for_write(actor, task_id)
        require_approver(
            actor, task, _("Chỉ người hoặc cấp ủy có thẩm quyền mới quyết định gia hạn.")
        )
        _require_open(task)
        if not task.extension_pending:
            raise Conflict(_("Không có đề nghị gia hạn nào đang chờ."))
        asked = (
            task.events.filter(kind=EventKind.EXTENSION_REQUESTED).order_by("-on", "-at", "-pk")
        ).first()
        assert asked is not None
        on = day_of(on)
        not_before(on, asked.on)
        note = clean_text(note, "note", MAX_NOTE)
        if not grant and not note:
            raise ValidationFailed(_("Cần ghi lý do không đồng ý gia hạn."), field="note")
        before = task.status
        kind = EventKind.EXTENSION_GRANTED if grant else EventKind.EXTENSION_REFUSED
        add_event(
            task, kind=kind, on=on, actor=actor, note=note, due_on=asked.due_on if grant else None
        )
        _audit(actor, task, "decide_extension", before, granted=grant)
        notify_owner(task, _("Đồng ý gia hạn") if grant else _("Không đồng ý gia hạn"))
    return task


def split_task(
    *, actor: Any, task_id: int, parts: list[dict[str, Any]], on: date | None = None
) -> list[Task]:
    """Split an issued task into tasks for units below its accountable unit, issued at once in
    that unit's programme of the same period (made if missing). Each part carries its own six
    clears; the approver defaults to the parent's owner. All parts or none."""
    from .programmes import create_programme, create_task

    with transaction.atomic():
        parent = task_for_write(actor, task_id)
        require(actor, Perm.ASSIGNMENTS_MANAGE, parent.accountable_unit)
        _require_open(parent)
        if not parts:
            raise ValidationFailed(_("Cần ít nhất một nhiệm vụ con."), field="parts")
        on = day_of(on)
        programme = parent.programme
        target = WorkProgramme.objects.filter(
            unit=parent.accountable_unit, year=programme.year, quarter=programme.quarter
        ).first() or create_programme(
            actor=actor,
            unit=parent.accountable_unit,
            year=programme.year,
            quarter=programme.quarter,
        )
        children = []
        for part in parts:
            unit: Any = part.get("accountable_unit")
            code = getattr(unit, "code", None) or str(unit or "").strip().upper()
            if code == parent.accountable_unit.code:
                raise ValidationFailed(
                    _("Nhiệm vụ con phải giao cho đơn vị cấp dưới của %(name)s."),
                    field="accountable_unit",
                    name=parent.accountable_unit.name,
                )
            approver_id = part.get("approver_id")
            approver_unit = part.get("approver_unit")
            if not approver_id and not approver_unit:
                # The parent's owner accepts the parts, unless they own the part themselves:
                # then the parent's own approving authority does.
                if str(part.get("owner_id")) != str(parent.owner_id):
                    approver_id = parent.owner_id
                else:
                    approver_id, approver_unit = parent.approver_id, parent.approver_unit
            children.append(
                create_task(
                    actor=actor,
                    programme_id=target.pk,
                    title=part.get("title") or parent.title,
                    scope=part.get("scope") or parent.scope,
                    owner_id=part.get("owner_id"),
                    due_on=part.get("due_on") or parent.due_on,
                    accountable_unit=unit,
                    deliverable=part.get("deliverable") or parent.deliverable,
                    approver_id=approver_id,
                    approver_unit=approver_unit,
                    priority=parent.priority,
                    parent=parent,
                    issue=True,
                    on=on,
                )
            )
        record(
            actor=actor,
            action="assignments.split_task",
            target=parent,
            unit=parent.unit,
            changes={"children": [None, [c.pk for c in children]]},
        )
    return children


def may_split(user: Any, task: Task) -> bool:
    unit = task.accountable_unit
    return (
        task.status not in (TaskStatus.DRAFT, TaskStatus.ACCEPTED)
        and can(user, Perm.ASSIGNMENTS_MANAGE, unit)
        and OrgUnit.objects.filter(path__startswith=unit.path, depth=unit.depth + 1).exists()
    )


def recompute_task_states() -> int:
    """Rebuild every task's cached state from its events; returns how many changed."""
    changed = 0
    for task in Task.objects.iterator(chunk_size=2000):
        state = derive(
            task.events.order_by("on", "at", "pk"), original_due_on=task.original_due_on
        ).cached()
        if any(getattr(task, k) != v for k, v in state.items()):
            Task.objects.filter(pk=task.pk).update(**state)
            changed += 1
    return changed
