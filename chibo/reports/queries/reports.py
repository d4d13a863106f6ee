"""Templates, requests and reports the user may see."""

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import (
    get_for_user,
    reach_paths,
    scope,
    scope_with_ancestors,
    unit_for_user,
)
from chibo.access.roles import Perm
from chibo.org.models import OrgUnit

from .. import indicators
from ..models import Report, ReportRequest, ReportTemplate

NOT_FOUND_TEMPLATE = _("Không tìm thấy mẫu báo cáo.")
NOT_FOUND_REQUEST = _("Không tìm thấy yêu cầu báo cáo.")
NOT_FOUND_REPORT = _("Không tìm thấy báo cáo.")


def get_unit(user: Any, code: str, perm: Perm = Perm.REPORTS_VIEW) -> OrgUnit:
    return unit_for_user(user, code, perm)


def visible_templates(user: Any, *, unit: OrgUnit | None = None) -> QuerySet[ReportTemplate]:
    """Templates of the units in reach and of the units above them (a ward reuses the city's)."""
    rows = scope_with_ancestors(
        user, ReportTemplate.objects.select_related("unit"), perm=Perm.REPORTS_VIEW
    )
    if unit is not None:
        rows = rows.filter(unit__path__in=unit.ancestor_paths(include_self=True))
    return rows


def get_template_for_user(user: Any, pk: Any) -> ReportTemplate:
    return get_for_user(
        user,
        ReportTemplate.objects.select_related("unit").prefetch_related(
            "indicators", "sections", "rules"
        ),
        pk,
        Perm.REPORTS_VIEW,
        with_ancestors=True,
        not_found=NOT_FOUND_TEMPLATE,
    )


def computed_catalogue() -> list[indicators.ComputedIndicator]:
    return list(indicators.registry().values())


def requests_issued(user: Any, *, unit: OrgUnit | None = None) -> QuerySet[ReportRequest]:
    """Requests whose requesting unit is in reach (the roll-up side)."""
    rows = scope(
        user,
        ReportRequest.objects.select_related("unit", "template"),
        perm=Perm.REPORTS_VIEW,
    )
    if unit is not None:
        rows = rows.filter(unit=unit)
    return rows


def visible_requests(user: Any, *, unit: OrgUnit | None = None) -> QuerySet[ReportRequest]:
    """Requests issued by `unit` or addressed to it (without `unit`: issued in the user's reach
    or addressed to a unit in it)."""
    paths = reach_paths(user, Perm.REPORTS_VIEW)
    if not paths:
        return ReportRequest.objects.none()
    rows = ReportRequest.objects.select_related("unit", "template")
    if unit is not None:
        return rows.filter(Q(unit=unit) | Q(reports__unit=unit)).distinct()
    mine = Q()
    for path in paths:
        mine |= Q(unit__path__startswith=path) | Q(reports__unit__path__startswith=path)
    return rows.filter(mine).distinct()


def get_request_for_user(user: Any, pk: Any) -> ReportRequest:
    """The request as its requesting level sees it (completeness, roll-up): 404 to the units it
    went to — they see their own report, not the other units'."""
    return get_for_user(
        user,
        ReportRequest.objects.select_related("unit", "template"),
        pk,
        Perm.REPORTS_VIEW,
        not_found=NOT_FOUND_REQUEST,
    )


def visible_reports(user: Any, *, unit: OrgUnit | None = None) -> QuerySet[Report]:
    rows = scope(
        user,
        Report.objects.select_related("unit", "request", "request__unit"),
        perm=Perm.REPORTS_VIEW,
    )
    if unit is not None:
        rows = rows.filter(unit=unit)
    return rows


def reports_to_do(user: Any, limit: int = 5) -> list[Report]:
    """The reports the user's units still owe (not yet gone up), nearest deadline first."""
    return list(
        scope(
            user,
            Report.objects.select_related("unit", "request"),
            perm=Perm.REPORTS_MANAGE,
        )
        .exclude(status__in=("approved", "accepted"))
        .filter(unit__status="active")
        .order_by("request__deadline", "unit__path")[:limit]
    )


def count_to_do(user: Any) -> int:
    return (
        scope(user, Report.objects.all(), perm=Perm.REPORTS_MANAGE)
        .exclude(status__in=("approved", "accepted"))
        .filter(unit__status="active")
        .count()
    )


def get_report_for_user(user: Any, pk: Any) -> Report:
    return get_for_user(
        user,
        Report.objects.select_related("unit", "request", "request__unit", "request__template"),
        pk,
        Perm.REPORTS_VIEW,
        not_found=NOT_FOUND_REPORT,
    )
