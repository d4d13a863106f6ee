"""Member statistics of a unit's subtree: charts, the "biến động" table and its XLSX export."""

from datetime import date
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from chibo.access.policy import can, units_for
from chibo.access.roles import Perm
from chibo.core.errors import Forbidden, ValidationFailed
from chibo.org import queries as org_queries

from .. import exports, queries
from ..queries.statistics import ChangeReport, UnitStatistics

CHILDREN_LIMIT = 200
# The export lists every member behind the counts, up to a bound that keeps memory in check.
XLSX_LIST_LIMIT = 50_000


class PeriodForm(forms.Form):
    start = forms.DateField(label=gettext_lazy("Từ ngày"), input_formats=["%d/%m/%Y"])
    end = forms.DateField(label=gettext_lazy("Đến ngày"), input_formats=["%d/%m/%Y"])

    def period(self) -> tuple[date, date]:
        """The chosen period; the current year up to today when none (or a wrong one) is given."""
        today = date.today()
        if self.is_bound and self.is_valid():
            return self.cleaned_data["start"], self.cleaned_data["end"]
        return date(today.year, 1, 1), today


def _period_form(request: HttpRequest) -> PeriodForm:
    data = {k: request.GET[k] for k in ("start", "end") if request.GET.get(k)}
    return PeriodForm(data or None)


def _chart(
    key: str, title: str, kind: str, buckets: list[Any], *, horizontal: bool = False
) -> dict[str, Any]:
    labels = [str(b.label) for b in buckets]
    data = [b.count for b in buckets]
    if kind == "doughnut" and not any(data):
        data = []  # an empty doughnut draws nothing: the page says "no data" instead
    return {
        "id": key,
        "title": title,
        "type": kind,
        "labels": labels,
        "data": data,
        "horizontal": horizontal,
        "rows": list(zip(labels, data, strict=False)),
    }


def _charts(stats: UnitStatistics) -> list[dict[str, Any]]:
    return [
        _chart("status", _("Dự bị và chính thức"), "doughnut", stats.by_status),
        _chart("gender", _("Giới tính"), "doughnut", stats.by_gender),
        _chart("age", _("Độ tuổi"), "bar", stats.by_age),
        _chart("party_age", _("Tuổi đảng (năm)"), "bar", stats.by_party_age),
        _chart("ethnicity", _("Dân tộc"), "doughnut", stats.by_ethnicity),
        _chart("theory", _("Lý luận chính trị"), "bar", stats.by_theory, horizontal=True),
        _chart("education", _("Giáo dục phổ thông"), "bar", stats.by_education, horizontal=True),
        _chart("admissions", _("Kết nạp theo năm"), "bar", stats.admissions_by_year),
    ]


@login_required
@require_GET
def statistics_home(request: HttpRequest) -> HttpResponse:
    """The first unit where the user may see members; its page has the picker."""
    top = units_for(request.user, Perm.MEMBERS_VIEW).first()
    if top is None:
        # A login without members.view anywhere is refused (403) like the member list, not told
        # that a unit is missing.
        raise Forbidden(_("Bạn không quản lý đảng viên ở đơn vị nào."))
    return redirect("members:statistics", code=top.code)


@login_required
@require_GET
def unit_statistics(request: HttpRequest, code: str) -> HttpResponse:
    unit = queries.get_unit_for_statistics(request.user, code)
    form = _period_form(request)
    start, end = form.period()
    stats = queries.unit_statistics(request.user, unit)
    error = None
    report: ChangeReport | None = None
    try:
        report = queries.member_changes(request.user, unit, start=start, end=end)
    except ValidationFailed as exc:
        error = exc.text()
    breadcrumb = [
        a
        for a in org_queries.ancestors_in_reach(request.user, unit)
        if can(request.user, Perm.MEMBERS_VIEW, a)
    ]
    children = list(org_queries.children_of(request.user, unit)[:CHILDREN_LIMIT])
    return render(
        request,
        "members/statistics.html",
        {
            "unit": unit,
            "stats": stats,
            "charts": _charts(stats),
            "report": report,
            "error": error,
            "form": form,
            "start": start,
            "end": end,
            "breadcrumb": breadcrumb,
            "children": children,
            "tops": list(units_for(request.user, Perm.MEMBERS_VIEW)),
        },
    )


@login_required
@require_GET
def changes_xlsx(request: HttpRequest, code: str) -> HttpResponse:
    unit = queries.get_unit_for_statistics(request.user, code)
    form = _period_form(request)
    if form.is_bound and not form.is_valid():
        raise ValidationFailed(_("Ngày không hợp lệ (dd/mm/yyyy)."), field="start")
    start, end = form.period()
    report = queries.member_changes(
        request.user, unit, start=start, end=end, list_limit=XLSX_LIST_LIMIT
    )
    response = HttpResponse(
        exports.changes_workbook(report), content_type=exports.XLSX_CONTENT_TYPE
    )
    name = f"bien-dong-{unit.code}-{start:%Y%m%d}-{end:%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    # Names of members: personal data, never kept by a browser or a proxy.
    response["Cache-Control"] = exports.NO_STORE
    return response
