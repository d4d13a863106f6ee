"""Report requests: a unit asks the units below it for a report on a period by a deadline;
the expected reports are the units it went to. Reminders to the units that have not reported."""

from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from chibo.access.models import Grant
from chibo.access.policy import require
from chibo.access.roles import ROLE_PERMISSIONS, Perm
from chibo.audit.recorder import record
from chibo.core.bounds import in_range
from chibo.core.errors import ValidationFailed
from chibo.core.text import nfc
from chibo.notifications.actions import notify
from chibo.notifications.models import NoticeKind
from chibo.org.models import OrgUnit, UnitKind, UnitStatus

from .. import periods
from ..models import PeriodKind, Report, ReportEventKind, ReportRequest, ReportTemplate
from .common import NOT_FOUND_TEMPLATE, add_event, request_for_write

MAX_TARGETS = 20000


def _template_for(actor: Any, unit: OrgUnit, template_id: int) -> ReportTemplate:
    template = ReportTemplate.objects.select_related("unit").filter(pk=template_id).first()
    # A unit uses its own templates and those of the units above it.
    if template is None or not unit.path.startswith(template.unit.path):
        raise ValidationFailed(NOT_FOUND_TEMPLATE, field="template")
    if not template.indicators.exists() and not template.sections.exists():
        raise ValidationFailed(
            _("Mẫu báo cáo chưa có chỉ tiêu hay phần nội dung nào."), field="template"
        )
    return template


def _period(
    kind: str, year: int | None, number: int | None, start: date | None, end: date | None
) -> tuple[date, date]:
    if kind not in PeriodKind.values:
        raise ValidationFailed(_("Kỳ báo cáo không hợp lệ."), field="period_kind")
    if kind == PeriodKind.AD_HOC:
        if start is None or end is None:
            raise ValidationFailed(
                _("Báo cáo đột xuất cần ngày bắt đầu và ngày kết thúc kỳ."), field="period_start"
            )
        if end < start:
            raise ValidationFailed(_("Ngày kết thúc kỳ phải sau ngày bắt đầu."), field="period_end")
        return start, end
    if year is None or not 1990 <= year <= 2100:
        raise ValidationFailed(_("Năm của kỳ báo cáo không hợp lệ."), field="year")
    return periods.bounds(kind, year, number or 1)


def _targets(unit: OrgUnit, target_kind: str) -> list[OrgUnit]:
    below = OrgUnit.objects.filter(status=UnitStatus.ACTIVE, path__startswith=unit.path).exclude(
        pk=unit.pk
    )
    if target_kind:
        if target_kind not in UnitKind.values:
            raise ValidationFailed(_("Loại tổ chức không hợp lệ."), field="target_kind")
        below = below.filter(kind=target_kind)
    else:
        below = below.filter(depth=unit.depth + 1)
    targets = list(below.order_by("path")[: MAX_TARGETS + 1])
    if not targets:
        raise ValidationFailed(
            _("Không có tổ chức nào bên dưới để gửi yêu cầu báo cáo."), field="target_kind"
        )
    if len(targets) > MAX_TARGETS:
        raise ValidationFailed(
            _("Yêu cầu gửi tới quá %(n)s tổ chức; hãy chọn loại tổ chức."),
            field="target_kind",
            n=MAX_TARGETS,
        )
    return targets


def create_request(
    *,
    actor: Any,
    unit: OrgUnit,
    template_id: int,
    period_kind: str,
    deadline: date,
    year: int | None = None,
    number: int | None = None,
    period_start: date | None = None,
    period_end: date | None = None,
    target_kind: str = "",
    title: str = "",
    document_number: str = "",
) -> ReportRequest:
    require(actor, Perm.REPORTS_MANAGE, unit)
    if not unit.is_active:
        raise ValidationFailed(_("Tổ chức không còn hoạt động."), field="unit")
    template = _template_for(actor, unit, template_id)
    start, end = _period(period_kind, year, number, period_start, period_end)
    if deadline is None or not in_range(deadline):
        raise ValidationFailed(_("Chưa nhập hạn nộp báo cáo."), field="deadline")
    if deadline < end:
        raise ValidationFailed(
            _("Hạn nộp (%(deadline)s) không được trước ngày kết thúc kỳ báo cáo (%(end)s)."),
            field="deadline",
            deadline=f"{deadline:%d/%m/%Y}",
            end=f"{end:%d/%m/%Y}",
        )
    targets = _targets(unit, target_kind)
    label = periods.label(period_kind, start, end)
    name = template.name
    default = (
        f"{name} {label}"
        if name.lower().startswith("báo cáo")
        else _t("Báo cáo %(what)s %(period)s") % {"what": name, "period": label}
    )
    title = nfc((title or "").strip())[:255] or default
    with transaction.atomic():
        req = ReportRequest.objects.create(
            unit=unit,
            template=template,
            title=title,
            period_kind=period_kind,
            period_start=start,
            period_end=end,
            deadline=deadline,
            target_kind=target_kind,
            number=nfc((document_number or "").strip())[:40],
            created_by=actor,
        )
        Report.objects.bulk_create(
            [Report(request=req, unit=target) for target in targets], batch_size=1000
        )
        record(
            actor=actor,
            action="reports.create_request",
            target=req,
            unit=unit,
            changes={
                "title": [None, title],
                "period": [None, f"{start.isoformat()}..{end.isoformat()}"],
                "deadline": [None, deadline.isoformat()],
                "expected": [None, len(targets)],
            },
        )
        recipients = _staff_of([t.pk for t in targets])
        url = reverse("reports:home")
        transaction.on_commit(
            lambda: notify(
                recipients=recipients,
                kind=NoticeKind.GENERAL,
                title=_t("Yêu cầu báo cáo: %(t)s (hạn %(d)s)")
                % {"t": title, "d": f"{deadline:%d/%m/%Y}"},
                url=url,
            )
        )
    return req


def _staff_of(unit_ids: list[int]) -> list[int]:
    """The logins that fill in these units' reports (a grant with reports.manage on the unit)."""
    roles = [r for r, perms in ROLE_PERMISSIONS.items() if Perm.REPORTS_MANAGE in perms]
    return list(
        Grant.objects.filter(unit_id__in=unit_ids, role__in=roles, user__is_active=True)
        .values_list("user_id", flat=True)
        .distinct()
    )


def remind_missing(*, actor: Any, request_id: int, now: datetime | None = None) -> int:
    """Remind every expected unit that has not sent its report up; returns how many."""
    req = request_for_write(actor, request_id)
    now = now or timezone.now()
    with transaction.atomic():
        missing = list(
            Report.objects.select_for_update(of=("self",))
            .filter(request=req, unit__status=UnitStatus.ACTIVE)
            .exclude(status__in=("approved", "accepted"))
            .select_related("unit")
        )
        for report in missing:
            add_event(report, ReportEventKind.REMINDED, actor=actor, at=now)
        record(
            actor=actor,
            action="reports.remind_missing",
            target=req,
            unit=req.unit,
            changes={"reminded": [None, len(missing)]},
        )
        recipients = _staff_of([r.unit_id for r in missing])
        url = reverse("reports:home")
        transaction.on_commit(
            lambda: notify(
                recipients=recipients,
                kind=NoticeKind.GENERAL,
                title=_t("Nhắc nộp báo cáo: %(t)s (hạn %(d)s)")
                % {"t": req.title, "d": f"{req.deadline:%d/%m/%Y}"},
                url=url,
            )
        )
    return len(missing)
