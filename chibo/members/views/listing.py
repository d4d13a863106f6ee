"""The member list: live search, filters, pagination, export to Excel, citizen-ID lookup (POST)."""

from datetime import date
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from chibo.core.errors import DomainError, Forbidden, ValidationFailed
from chibo.core.pagination import CappedPaginator, filter_query_string

from .. import exports, queries
from ..models import Gender, Member, MemberStatus, TheoryLevel
from ..queries.search import ACTIVE, NO_THEORY
from ..rules import ETHNIC_GROUPS

# Count at most this many matches; beyond it the page says "more than" (bench/RESULTS.md).
COUNT_CAP = 1000
PAGE_SIZE = 50
ALL = "all"
_ANY = [("", gettext_lazy("Tất cả"))]
_FILTERS = (
    "q",
    "unit",
    "status",
    "gender",
    "age_band",
    "party_age_band",
    "theory_level",
    "ethnicity",
)


class MemberFilterForm(forms.Form):
    """Shape of the list's query string; the query functions judge the values."""

    q = forms.CharField(
        label=gettext_lazy("Tìm theo tên hoặc số thẻ"), max_length=100, required=False
    )
    unit = forms.CharField(label=gettext_lazy("Mã đơn vị"), max_length=40, required=False)
    status = forms.ChoiceField(
        label=gettext_lazy("Trạng thái"),
        required=False,
        choices=[
            (ACTIVE, gettext_lazy("Đang trong Đảng (dự bị, chính thức)")),
            (ALL, gettext_lazy("Tất cả, kể cả đã ra khỏi Đảng")),
            *MemberStatus.choices,
        ],
    )
    gender = forms.ChoiceField(
        label=gettext_lazy("Giới tính"), required=False, choices=[*_ANY, *Gender.choices]
    )
    age_band = forms.ChoiceField(
        label=gettext_lazy("Độ tuổi"),
        required=False,
        choices=[*_ANY, *((b.code, b.label) for b in queries.AGE_BANDS)],
    )
    party_age_band = forms.ChoiceField(
        label=gettext_lazy("Tuổi Đảng (gần đúng)"),
        required=False,
        choices=[*_ANY, *((b.code, b.label) for b in queries.PARTY_AGE_BANDS)],
    )
    theory_level = forms.ChoiceField(
        label=gettext_lazy("Lý luận chính trị"),
        required=False,
        choices=[
            *_ANY,
            *((NO_THEORY if v == "" else v, label) for v, label in TheoryLevel.choices),
        ],
    )
    ethnicity = forms.ChoiceField(
        label=gettext_lazy("Dân tộc"),
        required=False,
        choices=[*_ANY, *((g.code, g.name) for g in ETHNIC_GROUPS)],
    )


class CitizenIdLookupForm(forms.Form):
    citizen_id = forms.CharField(label=gettext_lazy("Số CCCD"), max_length=20)


def _filters(form: MemberFilterForm) -> dict[str, Any]:
    data = form.cleaned_data
    status = data.get("status") or ACTIVE
    return {
        "unit": data.get("unit") or None,
        "q": data.get("q") or "",
        "status": None if status == ALL else status,
        "gender": data.get("gender") or None,
        "age_band": data.get("age_band") or None,
        "party_age_band": data.get("party_age_band") or None,
        "theory_level": data.get("theory_level") or None,
        "ethnicity": data.get("ethnicity") or None,
    }


def _with_dates(members: list[Member]) -> list[Member]:
    for member in members:
        member.birth_text = exports.format_partial_date(  # type: ignore[attr-defined]
            member.birth_date, member.birth_date_precision
        )
    return members


def _list_context(request: HttpRequest) -> tuple[dict[str, Any], int]:
    form = MemberFilterForm(request.GET)
    context: dict[str, Any] = {
        "form": form,
        "query_string": filter_query_string(request.GET, _FILTERS),
        "lookup_form": CitizenIdLookupForm(),
        "may_lookup": queries.may_look_up_citizen_ids(request.user),
        "page": None,
        "error": None,
        "filtered": any(request.GET.get(n, "").strip() for n in _FILTERS if n != "status"),
    }
    if not form.is_valid():
        context["error"] = _("Giá trị lọc không hợp lệ.")
        return context, 400
    try:
        members = queries.members_for(request.user, **_filters(form), on=date.today())
        page = CappedPaginator(members, PAGE_SIZE, cap=COUNT_CAP).get_page(request.GET.get("page"))
    except DomainError as exc:
        context["error"] = exc.text()
        return context, exc.status
    page.object_list = _with_dates(list(page.object_list))
    context["page"] = page
    # Offer the export only where it works (issue 17: the button was shown over 39,596 members
    # and the export refused them): beyond the list's count cap, count up to the export limit.
    paginator = page.paginator
    count = paginator.count
    if isinstance(paginator, CappedPaginator) and paginator.capped:
        count = members.order_by()[: exports.EXPORT_LIMIT + 1].count()
    context["export_allowed"] = 0 < count <= exports.EXPORT_LIMIT
    context["export_limit"] = exports.EXPORT_LIMIT
    return context, 200


@login_required
@require_GET
def member_list(request: HttpRequest) -> HttpResponse:
    queries.require_member_reader(request.user)
    context, status = _list_context(request)
    htmx = bool(getattr(request, "htmx", False))
    template = "members/list.html#results" if htmx else "members/list.html"
    return render(request, template, context, status=status)


@login_required
@require_GET
def member_export(request: HttpRequest) -> HttpResponse:
    queries.require_member_reader(request.user)
    form = MemberFilterForm(request.GET)
    if not form.is_valid():
        raise ValidationFailed(gettext_lazy("Giá trị lọc không hợp lệ."))
    members = queries.members_for(request.user, **_filters(form), on=date.today())
    content = exports.members_workbook(
        request.user,
        members.iterator(chunk_size=2000),
        count=members.count(),
        title=_("Danh sách đảng viên (xuất ngày %(day)s)")
        % {"day": date.today().strftime("%d/%m/%Y")},
    )
    response = HttpResponse(content, content_type=exports.XLSX_CONTENT_TYPE)
    filename = f"dang-vien-{date.today():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Personal data: never kept by a browser or a proxy (DESIGN.md, security).
    response["Cache-Control"] = exports.NO_STORE
    return response


@login_required
@require_POST
def member_lookup(request: HttpRequest) -> HttpResponse:
    """Find members by citizen ID. POST only: the number must never sit in a URL or a log."""
    queries.require_member_reader(request.user)
    if not queries.may_look_up_citizen_ids(request.user):
        raise Forbidden(_("Bạn không có quyền tra cứu theo số CCCD."))
    form = CitizenIdLookupForm(request.POST)
    context: dict[str, Any] = {"lookup_form": form, "may_lookup": True, "lookup_done": False}
    status = 200
    if form.is_valid():
        try:
            matches = queries.lookup_by_citizen_id(request.user, form.cleaned_data["citizen_id"])
        except DomainError as exc:
            form.add_error("citizen_id", exc.text())
            status = exc.status
        else:
            context["lookup_results"] = _with_dates(matches)
            context["lookup_done"] = True
    else:
        status = 400
    # The number is not shown back: the form is emptied once it has been used.
    context["lookup_form"] = CitizenIdLookupForm() if status == 200 else form
    if getattr(request, "htmx", False):
        return render(request, "members/list.html#lookup", context, status=status)
    list_context, _list_status = _list_context(request)
    list_context.update(context)
    return render(request, "members/list.html", list_context, status=status)
