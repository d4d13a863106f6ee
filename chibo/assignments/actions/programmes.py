"""Work programmes and the creation of their tasks with the six clears ("6 rõ")."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import require
from chibo.access.roles import Perm
from chibo.audit.recorder import record
from chibo.core.bounds import MAX_YEAR, MIN_YEAR, in_range
from chibo.core.errors import Conflict, NotFound, ValidationFailed
from chibo.members.models import Member
from chibo.org.models import OrgUnit

from ..models import EventKind, Priority, Task, TaskStatus, WorkProgramme
from .common import add_event, clean_text, day_of

QUARTERS = (0, 1, 2, 3, 4)

# The six clears, in the order the leaders say them, with the message for a missing one.
CLEARS: tuple[tuple[str, Any], ...] = (
    ("owner", _("Thiếu “rõ người”: chọn người chủ trì thực hiện.")),
    ("scope", _("Thiếu “rõ việc”: ghi nội dung công việc.")),
    ("due_on", _("Thiếu “rõ thời gian”: ghi hạn hoàn thành.")),
    ("accountable_unit", _("Thiếu “rõ trách nhiệm”: chọn đơn vị chịu trách nhiệm.")),
    ("deliverable", _("Thiếu “rõ sản phẩm”: ghi sản phẩm chứng minh hoàn thành.")),
    ("approver", _("Thiếu “rõ thẩm quyền”: chọn người hoặc cấp ủy nghiệm thu.")),
)


def _period_title(unit: OrgUnit, year: int, quarter: int) -> str:
    if quarter:
        return str(_("Chương trình công tác quý %(q)s năm %(y)s")) % {"q": quarter, "y": year}
    return str(_("Chương trình công tác năm %(y)s")) % {"y": year}


def create_programme(
    *,
    actor: Any,
    unit: OrgUnit,
    year: int,
    quarter: int = 0,
    title: str = "",
    notice_days: int = 3,
    repeat_days: int = 5,
) -> WorkProgramme:
    require(actor, Perm.ASSIGNMENTS_MANAGE, unit)
    if not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationFailed(
            _("Năm phải từ %(a)s đến %(b)s."), field="year", a=MIN_YEAR, b=MAX_YEAR
        )
    if quarter not in QUARTERS:
        raise ValidationFailed(_("Quý phải là 1, 2, 3, 4 (hoặc 0: cả năm)."), field="quarter")
    for field, value in (("notice_days", notice_days), ("repeat_days", repeat_days)):
        if not isinstance(value, int) or not 0 <= value <= 60:
            raise ValidationFailed(_("Số ngày làm việc phải từ 0 đến 60."), field=field)
    if not unit.is_active:
        raise Conflict(_("Đơn vị %(name)s không còn hoạt động."), name=unit.name)
    title = clean_text(title, "title", 255) or _period_title(unit, year, quarter)
    with transaction.atomic():
        if WorkProgramme.objects.filter(unit=unit, year=year, quarter=quarter).exists():
            raise Conflict(_("Đơn vị đã có chương trình công tác của kỳ này."))
        programme = WorkProgramme.objects.create(
            unit=unit,
            year=year,
            quarter=quarter,
            title=title,
            notice_days=notice_days,
            repeat_days=repeat_days,
            created_by=actor,
        )
        record(
            actor=actor,
            action="assignments.create_programme",
            target=programme,
            unit=unit,
            changes={"year": [None, year], "quarter": [None, quarter]},
        )
    return programme


def programme_for_write(actor: Any, programme_id: int, *, lock: bool = False) -> WorkProgramme:
    rows = WorkProgramme.objects.select_related("unit")
    if lock:
        rows = rows.select_for_update(of=("self",))
    try:
        programme = rows.filter(pk=programme_id).first()
    except (TypeError, ValueError, OverflowError):
        programme = None
    if programme is None:
        raise NotFound(_("Không tìm thấy chương trình công tác."))
    require(actor, Perm.ASSIGNMENTS_MANAGE, programme.unit, not_found=_("Không tìm thấy."))
    return programme


@dataclass(frozen=True)
class Clears:
    owner: Member
    scope: str
    due_on: date
    accountable_unit: OrgUnit
    deliverable: str
    approver: Member | None
    approver_unit: OrgUnit | None


def _member(pk: Any, field: str) -> Member | None:
    if pk in (None, ""):
        return None
    try:
        member = Member.objects.active().select_related("unit").filter(pk=int(pk)).first()
    except (TypeError, ValueError, OverflowError):
        member = None
    if member is None:
        raise ValidationFailed(_("Không tìm thấy đảng viên này."), field=field)
    return member


def _unit(value: Any, field: str) -> OrgUnit | None:
    if value in (None, ""):
        return None
    if isinstance(value, OrgUnit):
        return value
    unit = OrgUnit.objects.filter(code=str(value).strip().upper()).first()
    if unit is None:
        raise ValidationFailed(_("Không tìm thấy đơn vị."), field=field)
    return unit


def check_clears(
    *,
    issuing_unit: OrgUnit,
    owner_id: Any,
    scope: str,
    due_on: date | None,
    accountable_unit: Any,
    deliverable: str,
    approver_id: Any,
    approver_unit: Any,
    issued_on: date,
) -> Clears:
    """All six clears, each where it belongs; the first missing or wrong one is refused with
    its reason (nothing is written before every clear is right)."""
    owner = _member(owner_id, "owner")
    unit = _unit(accountable_unit, "accountable_unit")
    approver = _member(approver_id, "approver")
    body = _unit(approver_unit, "approver")
    given = {
        "owner": owner,
        "scope": scope,
        "due_on": due_on,
        "accountable_unit": unit,
        "deliverable": deliverable,
        "approver": approver or body,
    }
    for field, message in CLEARS:
        if not given[field]:
            raise ValidationFailed(message, field=field)
    assert owner is not None and unit is not None and due_on is not None
    if approver is not None and body is not None:
        raise ValidationFailed(
            _("Thẩm quyền nghiệm thu là một người hoặc một cấp ủy, không cả hai."), field="approver"
        )
    if not unit.path.startswith(issuing_unit.path):
        raise ValidationFailed(
            _("Đơn vị chịu trách nhiệm phải là %(name)s hoặc đơn vị trực thuộc."),
            field="accountable_unit",
            name=issuing_unit.name,
        )
    if not unit.is_active:
        raise ValidationFailed(
            _("Đơn vị %(name)s không còn hoạt động."), field="accountable_unit", name=unit.name
        )
    if not owner.unit.path.startswith(unit.path):
        raise ValidationFailed(
            _("Người chủ trì phải là đảng viên của %(name)s."), field="owner", name=unit.name
        )
    if owner.user_id is None:
        raise ValidationFailed(
            _("Người chủ trì chưa có tài khoản nên không nộp được sản phẩm."), field="owner"
        )
    if approver is not None:
        if approver.pk == owner.pk:
            raise ValidationFailed(_("Người nghiệm thu phải khác người chủ trì."), field="approver")
        if approver.user_id is None:
            raise ValidationFailed(
                _("Người nghiệm thu chưa có tài khoản nên không nghiệm thu được."),
                field="approver",
            )
    if body is not None and not unit.path.startswith(body.path):
        raise ValidationFailed(
            _("Cấp ủy nghiệm thu phải là cấp của đơn vị chịu trách nhiệm hoặc cấp trên."),
            field="approver",
        )
    if not in_range(due_on):
        raise ValidationFailed(_("Ngày không hợp lệ."), field="due_on")
    if due_on < issued_on:
        raise ValidationFailed(
            _("Hạn hoàn thành (%(d)s) không được trước ngày giao (%(on)s)."),
            field="due_on",
            d=f"{due_on:%d/%m/%Y}",
            on=f"{issued_on:%d/%m/%Y}",
        )
    return Clears(owner, scope, due_on, unit, deliverable, approver, body)


def _co_owners(ids: Iterable[Any], clears: Clears) -> list[Member]:
    members = []
    for pk in ids or ():
        member = _member(pk, "co_owners")
        assert member is not None
        if member.pk == clears.owner.pk:
            raise ValidationFailed(
                _("Người chủ trì không đồng thời là người phối hợp."), field="co_owners"
            )
        if not member.unit.path.startswith(clears.accountable_unit.path):
            raise ValidationFailed(
                _("Người phối hợp phải là đảng viên của %(name)s."),
                field="co_owners",
                name=clears.accountable_unit.name,
            )
        members.append(member)
    return members


def create_task(
    *,
    actor: Any,
    programme_id: int,
    title: str,
    scope: str,
    owner_id: Any,
    due_on: date | None,
    accountable_unit: Any,
    deliverable: str,
    approver_id: Any = None,
    approver_unit: Any = None,
    co_owner_ids: Iterable[Any] = (),
    priority: str = Priority.NORMAL,
    source_document: Any = None,
    source_meeting: Any = None,
    source_note: str = "",
    parent: Task | None = None,
    issue: bool = False,
    on: date | None = None,
) -> Task:
    """A task of the programme, with all six clears (refused otherwise); issued at once when
    `issue`, else a draft that `issue_programme` or `issue_task` issues."""
    with transaction.atomic():
        programme = programme_for_write(actor, programme_id, lock=True)
        on = day_of(on)
        title = clean_text(title, "title", 255, required=True)
        scope = clean_text(scope, "scope", 5000)
        deliverable = clean_text(deliverable, "deliverable", 500)
        source_note = clean_text(source_note, "source_note", 500)
        if priority not in Priority.values:
            raise ValidationFailed(_("Mức ưu tiên không hợp lệ."), field="priority")
        clears = check_clears(
            issuing_unit=programme.unit,
            owner_id=owner_id,
            scope=scope,
            due_on=due_on,
            accountable_unit=accountable_unit,
            deliverable=deliverable,
            approver_id=approver_id,
            approver_unit=approver_unit,
            issued_on=on,
        )
        co_owners = _co_owners(co_owner_ids, clears)
        if parent is not None and clears.due_on > parent.due_on:
            raise ValidationFailed(
                _("Hạn của nhiệm vụ con không được sau hạn của nhiệm vụ cấp trên (%(d)s)."),
                field="due_on",
                d=f"{parent.due_on:%d/%m/%Y}",
            )
        task = Task.objects.create(
            programme=programme,
            unit=programme.unit,
            parent=parent,
            title=title,
            owner=clears.owner,
            scope=clears.scope,
            original_due_on=clears.due_on,
            due_on=clears.due_on,
            accountable_unit=clears.accountable_unit,
            deliverable=clears.deliverable,
            approver=clears.approver,
            approver_unit=clears.approver_unit,
            priority=priority,
            source_document=source_document,
            source_meeting=source_meeting,
            source_note=source_note,
            created_by=actor,
        )
        task.co_owners.set(co_owners)
        add_event(task, kind=EventKind.CREATED, on=on, actor=actor, due_on=clears.due_on)
        record(
            actor=actor,
            action="assignments.create_task",
            target=task,
            unit=programme.unit,
            changes={
                "owner": [None, clears.owner.pk],
                "accountable_unit": [None, clears.accountable_unit.code],
                "due_on": [None, clears.due_on.isoformat()],
            },
        )
        if issue:
            _issue(actor, task, on)
    return task


def _issue(actor: Any, task: Task, on: date) -> None:
    from .workflow import notify_owner

    if task.status != TaskStatus.DRAFT:
        raise Conflict(_("Nhiệm vụ đã được giao."))
    # The clears are checked again: the owner may have left or the unit closed since the draft.
    check_clears(
        issuing_unit=task.unit,
        owner_id=task.owner_id,
        scope=task.scope,
        due_on=task.due_on,
        accountable_unit=task.accountable_unit,
        deliverable=task.deliverable,
        approver_id=task.approver_id,
        approver_unit=task.approver_unit,
        issued_on=on,
    )
    add_event(task, kind=EventKind.ISSUED, on=on, actor=actor)
    record(
        actor=actor,
        action="assignments.issue_task",
        target=task,
        unit=task.unit,
        changes={"status": [TaskStatus.DRAFT, TaskStatus.ISSUED]},
    )
    notify_owner(task, _("Nhiệm vụ mới được giao"))


def issue_task(*, actor: Any, task_id: int, on: date | None = None) -> Task:
    with transaction.atomic():
        task = (
            Task.objects.select_for_update(of=("self",))
            .select_related("unit", "accountable_unit", "approver_unit")
            .filter(pk=task_id)
            .first()
        )
        if task is None:
            raise NotFound(_("Không tìm thấy nhiệm vụ."))
        require(actor, Perm.ASSIGNMENTS_MANAGE, task.unit, not_found=_("Không tìm thấy nhiệm vụ."))
        _issue(actor, task, day_of(on))
    return task


def issue_programme(*, actor: Any, programme_id: int, on: date | None = None) -> int:
    """Issue every draft task of the programme (all or none: one task missing a clear stops
    the whole issue). Returns how many were issued."""
    with transaction.atomic():
        programme = programme_for_write(actor, programme_id, lock=True)
        on = day_of(on)
        drafts = list(
            Task.objects.select_for_update(of=("self",))
            .select_related("unit", "accountable_unit", "approver_unit")
            .filter(programme=programme, status=TaskStatus.DRAFT)
        )
        if not drafts and programme.issued_on:
            raise Conflict(_("Chương trình đã ban hành, không còn nhiệm vụ dự thảo."))
        if not drafts and not programme.tasks.exists():
            raise Conflict(_("Chương trình chưa có nhiệm vụ nào."))
        for task in drafts:
            _issue(actor, task, on)
        if programme.issued_on is None:
            programme.issued_on = on
            programme.issued_by = actor
            programme.save(update_fields=["issued_on", "issued_by"])
        record(
            actor=actor,
            action="assignments.issue_programme",
            target=programme,
            unit=programme.unit,
            changes={"issued": [None, len(drafts)]},
        )
    return len(drafts)
