"""Shared pieces of the report actions: lookups for a write and the dated events."""

from datetime import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

from chibo.access.policy import can, require
from chibo.access.roles import Perm
from chibo.core.errors import NotFound
from chibo.org.models import OrgUnit

from .. import state
from ..models import Report, ReportEvent, ReportRequest, ReportTemplate

NOT_FOUND_TEMPLATE = _("Không tìm thấy mẫu báo cáo.")
NOT_FOUND_REQUEST = _("Không tìm thấy yêu cầu báo cáo.")
NOT_FOUND_REPORT = _("Không tìm thấy báo cáo.")


def template_for_write(actor: Any, template_id: int) -> ReportTemplate:
    template = ReportTemplate.objects.select_related("unit").filter(pk=template_id).first()
    if template is None:
        raise NotFound(NOT_FOUND_TEMPLATE)
    require(actor, Perm.REPORTS_MANAGE, template.unit, not_found=NOT_FOUND_TEMPLATE)
    return template


def request_for_write(actor: Any, request_id: int) -> ReportRequest:
    req = ReportRequest.objects.select_related("unit", "template").filter(pk=request_id).first()
    if req is None:
        raise NotFound(NOT_FOUND_REQUEST)
    require(actor, Perm.REPORTS_MANAGE, req.unit, not_found=NOT_FOUND_REQUEST)
    return req


def report_for_write(actor: Any, report_id: int, perm: Perm) -> Report:
    """The report, locked, after checking `perm` at the reporting unit."""
    report = (
        Report.objects.select_related("unit", "request", "request__unit", "request__template")
        .select_for_update(of=("self",))
        .filter(pk=report_id)
        .first()
    )
    if report is None:
        raise NotFound(NOT_FOUND_REPORT)
    require(actor, perm, report.unit, not_found=NOT_FOUND_REPORT)
    return report


def may_receive(user: Any, unit: OrgUnit) -> bool:
    """Whether `user` accepts or returns the reports sent to `unit`: its office (reports.manage)
    or its leaders (reports.approve), as DHIS2 lets the level above accept."""
    return can(user, Perm.REPORTS_MANAGE, unit) or can(user, Perm.REPORTS_APPROVE, unit)


def require_receiver(actor: Any, report: Report) -> None:
    if not may_receive(actor, report.request.unit):
        # 404 when the requesting unit is out of the actor's reach, 403 when it is in it.
        require(actor, Perm.REPORTS_APPROVE, report.request.unit, not_found=NOT_FOUND_REPORT)


def add_event(
    report: Report, kind: str, *, actor: Any, at: datetime, reason: str = ""
) -> ReportEvent:
    """Write the dated event and apply it to the report's cached state (state.py)."""
    event = ReportEvent.objects.create(
        report=report,
        kind=kind,
        at=at,
        actor=actor if getattr(actor, "pk", None) else None,
        reason=reason,
        version=report.version,
    )
    current = state.ReportState(
        report.status, report.version, report.first_sent_at, report.sent_at, report.return_reason
    )
    after = state.apply(current, kind, at, reason)
    report.status = after.status
    report.version = after.version
    report.first_sent_at = after.first_sent_at
    report.sent_at = after.sent_at
    report.return_reason = after.return_reason
    return event
