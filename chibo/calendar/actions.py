"""The working-day calendar adjustments (the table `core.CalendarAdjustment`).

Who may write. The calendar is national (one table for every unit), so there is no unit to check a
grant against and no permission of its own in `Perm` yet. It is configuration, which is the
system administrator's job (DESIGN.md: "users, grants, configuration"), so the rule is: a user who
holds `Perm.ACCESS_MANAGE` on any unit — today only `system_admin` — may edit it. The audit event
has no unit (`unit=None`). Its action names (`core.set_calendar_adjustment`, ...) name the table's
app, as they did before these actions moved out of core, so the audit history stays one series.
"""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import has_perm_anywhere
from chibo.access.roles import Perm
from chibo.audit.recorder import diff, record, snapshot
from chibo.core import workdays
from chibo.core.errors import Forbidden, NotFound, ValidationFailed
from chibo.core.models import CalendarAdjustment

_FIELDS = ["date", "kind", "reason", "source"]


def _require_calendar_manager(actor: Any) -> None:
    if not has_perm_anywhere(actor, Perm.ACCESS_MANAGE):
        raise Forbidden(_("Chỉ quản trị hệ thống được điều chỉnh lịch làm việc."))


def _clean_text(value: str, field: str) -> str:
    value = " ".join(value.split())
    if not value or len(value) > 255:
        raise ValidationFailed(_("Trường này cần từ 1 đến 255 ký tự."), field=field)
    return value


def _after_write() -> None:
    workdays.invalidate_calendar()
    # Again after commit, so that no reader caches the table as it was before this write.
    transaction.on_commit(workdays.invalidate_calendar)


def set_calendar_adjustment(
    *, actor: Any, day: date, kind: str, reason: str, source: str
) -> CalendarAdjustment:
    """Make `day` a day off or a working day, creating or replacing its adjustment."""
    _require_calendar_manager(actor)
    if kind not in CalendarAdjustment.Kind.values:
        raise ValidationFailed(_("Loại điều chỉnh không hợp lệ."), field="kind")
    if not workdays.SUPPORTED_FROM <= day <= workdays.SUPPORTED_TO:
        raise ValidationFailed(_("Ngày nằm ngoài khoảng lịch hỗ trợ."), field="date")
    reason = _clean_text(reason, "reason")
    source = _clean_text(source, "source")
    with transaction.atomic():
        adjustment = CalendarAdjustment.objects.select_for_update().filter(date=day).first()
        # An adjustment that changes nothing is almost always a typo in the date.
        without_this_day = workdays.calendar_from(
            CalendarAdjustment.objects.exclude(date=day).values_list("date", "kind")
        )
        already_working = workdays.is_working_day(day, calendar=without_this_day)
        if already_working == (kind == CalendarAdjustment.Kind.WORKING_DAY):
            raise ValidationFailed(
                _("Ngày %(day)s vốn đã là %(what)s; không cần điều chỉnh."),
                field="date",
                day=f"{day:%d/%m/%Y}",
                what=_("ngày làm việc") if already_working else _("ngày nghỉ"),
            )
        before = snapshot(adjustment, _FIELDS) if adjustment else {}
        if adjustment is None:
            adjustment = CalendarAdjustment(date=day)
        adjustment.kind = kind
        adjustment.reason = reason
        adjustment.source = source
        adjustment.save()
        record(
            actor=actor,
            action="core.set_calendar_adjustment",
            target=adjustment,
            unit=None,
            changes=diff(before, snapshot(adjustment, _FIELDS)),
        )
        _after_write()
    return adjustment


def remove_calendar_adjustment(*, actor: Any, day: date) -> None:
    _require_calendar_manager(actor)
    with transaction.atomic():
        adjustment = CalendarAdjustment.objects.select_for_update().filter(date=day).first()
        if adjustment is None:
            raise NotFound(_("Không có điều chỉnh lịch cho ngày %(day)s."), day=f"{day:%d/%m/%Y}")
        record(
            actor=actor,
            action="core.remove_calendar_adjustment",
            target=adjustment,
            unit=None,
            changes={f: [v, None] for f, v in snapshot(adjustment, _FIELDS).items()},
        )
        adjustment.delete()
        _after_write()
