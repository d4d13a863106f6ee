"""A unit's report: pre-filled with its computed indicators, completed by its staff, approved by
its leader (it goes up), accepted by the requesting level (locked) or returned with a reason
(reopened; the earlier content kept as a ReportVersion). Every step a dated ReportEvent."""

from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from chibo.access.roles import Perm
from chibo.audit.recorder import record
from chibo.core.errors import Conflict, ValidationFailed
from chibo.core.text import nfc
from chibo.notifications.actions import notify
from chibo.notifications.models import NoticeKind

from .. import formulas, indicators, state
from ..models import (
    IndicatorSource,
    Report,
    ReportEventKind,
    ReportStatus,
    ReportVersion,
    TemplateIndicator,
)
from ..validation import judge
from .common import add_event, report_for_write, require_receiver
from .requests import _staff_of

MAX_FIGURE = Decimal(10) ** 12
MAX_NARRATIVE = 20000
MIN_REASON = 5

LOCKED = {
    ReportStatus.ACCEPTED: _("Báo cáo đã được cấp trên tiếp nhận và khóa, không sửa được."),
    ReportStatus.SUBMITTED: _("Báo cáo đang chờ lãnh đạo duyệt, không sửa được."),
    ReportStatus.APPROVED: _("Báo cáo đã gửi lên cấp trên, không sửa được."),
}


def _require_editable(report: Report) -> None:
    if report.status not in state.EDITABLE:
        raise Conflict(LOCKED[ReportStatus(report.status)])


def _indicators(report: Report) -> list[TemplateIndicator]:
    return list(report.request.template.indicators.all())


def _apply_formulas(items: list[TemplateIndicator], values: dict[str, Any]) -> None:
    for item in items:
        if item.source == IndicatorSource.FORMULA:
            try:
                values[item.code] = formulas.rounded(
                    formulas.evaluate(formulas.parse(item.formula), values)
                )
            except (formulas.DivisionByZero, formulas.MissingFigure):
                values[item.code] = None


def computed_figures(report: Report) -> dict[str, Any]:
    """The report's computed indicators (and their components) for its unit and period."""
    items = _indicators(report)
    codes = {i.computed_code for i in items if i.source == IndicatorSource.COMPUTED}
    if not codes:
        return {}
    figures = indicators.compute(
        report.unit.path,
        [report.unit.path],
        codes,
        report.request.period_start,
        report.request.period_end,
    )[report.unit.path]
    out: dict[str, Any] = dict(
        figures
    )  # components kept under their registry codes (roll-up of ratios)
    for item in items:
        if item.source == IndicatorSource.COMPUTED:
            out[item.code] = figures.get(item.computed_code)
    return out


def prefill_report(*, actor: Any, report_id: int, now: datetime | None = None) -> Report:
    """Open the report with its computed indicators (again: refresh them) for the period."""
    now = now or timezone.now()
    with transaction.atomic():
        report = report_for_write(actor, report_id, Perm.REPORTS_MANAGE)
        _require_editable(report)
        if not report.unit.is_active:
            raise Conflict(_("Tổ chức không còn hoạt động."))
        items = _indicators(report)
        values = {
            i.code: report.values.get(i.code)
            for i in items
            if i.source == IndicatorSource.ENTERED and i.code in report.values
        }
        values.update(computed_figures(report))
        _apply_formulas(items, values)
        report.values = values
        report.computed_at = now
        add_event(report, ReportEventKind.PREFILLED, actor=actor, at=now)
        report.save()
        record(
            actor=actor,
            action="reports.prefill_report",
            target=report,
            unit=report.unit,
            changes={"computed": [None, sorted(k for k in values if k not in report.narrative)]},
        )
    return report


def _figure(raw: Any, item: TemplateIndicator) -> int | float | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    text = str(raw).strip().replace(" ", "")
    # Vietnamese figures group thousands with "." (1.234) and mark decimals with ",".
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif text.count(".") > 1 or (text.count(".") == 1 and len(text.split(".")[1]) == 3):
        text = text.replace(".", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValidationFailed(
            _("“%(label)s”: phải là một số."), field=item.code, label=item.label
        ) from None
    if not value.is_finite() or value < 0 or value >= MAX_FIGURE:
        raise ValidationFailed(
            _("“%(label)s”: phải là số không âm, nhỏ hơn 1.000 tỷ."),
            field=item.code,
            label=item.label,
        )
    return formulas.rounded(value)


def save_report(
    *,
    actor: Any,
    report_id: int,
    values: dict[str, Any],
    narrative: dict[str, str] | None = None,
    now: datetime | None = None,
) -> Report:
    """Write the entered figures and the narrative (computed ones are never typed)."""
    now = now or timezone.now()
    with transaction.atomic():
        report = report_for_write(actor, report_id, Perm.REPORTS_MANAGE)
        _require_editable(report)
        if report.computed_at is None:
            raise Conflict(_("Hãy lập báo cáo (điền sẵn chỉ tiêu) trước khi nhập số liệu."))
        items = _indicators(report)
        by_code = {i.code: i for i in items}
        new_values = dict(report.values)
        for code, raw in (values or {}).items():
            item = by_code.get(code)
            if item is None:
                raise ValidationFailed(
                    _("Mẫu báo cáo không có chỉ tiêu mã %(code)s."), field=code, code=code
                )
            if item.source != IndicatorSource.ENTERED:
                raise ValidationFailed(
                    _("“%(label)s” được tính tự động, không nhập tay."),
                    field=code,
                    label=item.label,
                )
            new_values[code] = _figure(raw, item)
        sections = {str(s.pk) for s in report.request.template.sections.all()}
        new_narrative = dict(report.narrative)
        for key, text in (narrative or {}).items():
            if str(key) not in sections:
                raise ValidationFailed(
                    _("Mẫu báo cáo không có phần nội dung này."), field="narrative"
                )
            text = nfc(str(text or "").strip())
            if len(text) > MAX_NARRATIVE:
                raise ValidationFailed(
                    _("Phần nội dung dài quá %(n)s ký tự."), field=f"s{key}", n=MAX_NARRATIVE
                )
            new_narrative[str(key)] = text
        _apply_formulas(items, new_values)
        changed = {
            k: [report.values.get(k), v] for k, v in new_values.items() if report.values.get(k) != v
        }
        report.values = new_values
        report.narrative = new_narrative
        add_event(report, ReportEventKind.SAVED, actor=actor, at=now)
        report.save()
        record(
            actor=actor,
            action="reports.save_report",
            target=report,
            unit=report.unit,
            changes=changed,
        )
    return report


def _check_complete(report: Report) -> None:
    items = _indicators(report)
    missing = [
        i.label
        for i in items
        if i.source == IndicatorSource.ENTERED and report.values.get(i.code) is None
    ]
    if missing:
        raise ValidationFailed(
            _("Chưa nhập số liệu: %(names)s."), field="values", names=", ".join(missing)
        )
    failed = [r for r in judge(report.request.template.rules.all(), report.values) if r.blocks]
    if failed:
        raise ValidationFailed(
            _("Số liệu chưa đạt quy tắc kiểm tra: %(rules)s."),
            field="values",
            rules="; ".join(
                f"{r.rule.name} ({r.left} {r.rule.get_operator_display()} {r.right})"
                for r in failed
            ),
        )


def submit_report(*, actor: Any, report_id: int, now: datetime | None = None) -> Report:
    """Staff send the completed report to the unit's leader for approval."""
    now = now or timezone.now()
    with transaction.atomic():
        report = report_for_write(actor, report_id, Perm.REPORTS_MANAGE)
        _require_editable(report)
        if report.computed_at is None:
            raise Conflict(_("Hãy lập báo cáo (điền sẵn chỉ tiêu) trước khi trình duyệt."))
        _check_complete(report)
        add_event(report, ReportEventKind.SUBMITTED, actor=actor, at=now)
        report.save()
        record(
            actor=actor,
            action="reports.submit_report",
            target=report,
            unit=report.unit,
            changes={"status": ["draft", report.status]},
        )
    return report


def approve_report(*, actor: Any, report_id: int, now: datetime | None = None) -> Report:
    """The unit's leader approves: the report goes up to the requesting level."""
    now = now or timezone.now()
    with transaction.atomic():
        report = report_for_write(actor, report_id, Perm.REPORTS_APPROVE)
        if report.status != ReportStatus.SUBMITTED:
            raise Conflict(_("Chỉ duyệt được báo cáo đang chờ lãnh đạo duyệt."))
        _check_complete(report)
        add_event(report, ReportEventKind.APPROVED, actor=actor, at=now)
        report.save()
        record(
            actor=actor,
            action="reports.approve_report",
            target=report,
            unit=report.unit,
            changes={"status": ["submitted", report.status]},
        )
        recipients = _staff_of([report.request.unit_id])
        url = reverse("reports:request", args=[report.request_id])
        title = _t("%(unit)s đã gửi báo cáo: %(t)s") % {
            "unit": report.unit.name,
            "t": report.request.title,
        }
        transaction.on_commit(
            lambda: notify(recipients=recipients, kind=NoticeKind.GENERAL, title=title, url=url)
        )
    return report


def accept_report(*, actor: Any, report_id: int, now: datetime | None = None) -> Report:
    """The requesting level accepts the report: it is locked."""
    now = now or timezone.now()
    with transaction.atomic():
        report = report_for_write(actor, report_id, Perm.REPORTS_VIEW)
        require_receiver(actor, report)
        if report.status != ReportStatus.APPROVED:
            raise Conflict(_("Chỉ tiếp nhận được báo cáo đã gửi lên."))
        add_event(report, ReportEventKind.ACCEPTED, actor=actor, at=now)
        report.save()
        record(
            actor=actor,
            action="reports.accept_report",
            target=report,
            unit=report.request.unit,
            changes={"status": ["approved", report.status]},
        )
    return report


def return_report(
    *, actor: Any, report_id: int, reason: str, now: datetime | None = None
) -> Report:
    """Send the report back for correction with a reason: by the requesting level once it went
    up, or by the unit's leader while it waits for approval. The content so far is kept."""
    now = now or timezone.now()
    reason = nfc((reason or "").strip())
    with transaction.atomic():
        report = report_for_write(actor, report_id, Perm.REPORTS_VIEW)
        if report.status == ReportStatus.APPROVED:
            require_receiver(actor, report)
        elif report.status == ReportStatus.SUBMITTED:
            report_for_write(actor, report_id, Perm.REPORTS_APPROVE)
        elif report.status == ReportStatus.ACCEPTED:
            raise Conflict(LOCKED[ReportStatus.ACCEPTED])
        else:
            raise Conflict(_("Chỉ trả lại được báo cáo đã trình duyệt hoặc đã gửi lên."))
        if len(reason) < MIN_REASON:
            raise ValidationFailed(_("Cần ghi rõ lý do trả lại báo cáo."), field="reason")
        before = report.status
        ReportVersion.objects.create(
            report=report,
            version=report.version,
            values=report.values,
            narrative=report.narrative,
            returned_at=now,
            reason=reason[:2000],
        )
        add_event(report, ReportEventKind.RETURNED, actor=actor, at=now, reason=reason[:2000])
        report.save()
        record(
            actor=actor,
            action="reports.return_report",
            target=report,
            unit=report.request.unit if before == ReportStatus.APPROVED else report.unit,
            changes={"status": [before, report.status], "reason": [None, reason[:200]]},
        )
        recipients = _staff_of([report.unit_id])
        url = reverse("reports:report", args=[report.pk])
        title = _t("Báo cáo bị trả lại: %(t)s") % {"t": report.request.title}
        transaction.on_commit(
            lambda: notify(
                recipients=recipients, kind=NoticeKind.GENERAL, title=title, body=reason, url=url
            )
        )
    return report


def recompute_report_states(*, actor: Any) -> int:
    """Rebuild every report's cached state from its events; returns how many changed."""
    from chibo.access.policy import require_system

    require_system(actor)
    changed = 0
    with transaction.atomic():
        for report in Report.objects.prefetch_related("events").select_for_update():
            derived = state.derive(report.events.all())
            current = (
                report.status,
                report.version,
                report.first_sent_at,
                report.sent_at,
                report.return_reason,
            )
            if current != (
                derived.status,
                derived.version,
                derived.first_sent_at,
                derived.sent_at,
                derived.return_reason,
            ):
                report.status, report.version = derived.status, derived.version
                report.first_sent_at, report.sent_at = derived.first_sent_at, derived.sent_at
                report.return_reason = derived.return_reason
                report.save()
                changed += 1
    return changed
