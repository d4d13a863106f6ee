from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from chibo.core.errors import DomainError, Forbidden, ValidationFailed
from chibo.core.pagination import filter_query_string, page_number

from . import actions, policy, queries
from .forms import GrantForm, RefuseGrantForm, TokenForm, UserCreateForm, UserSearchForm
from .models import GrantRequest
from .roles import Perm, Role


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    created = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                _token, created = actions.create_token(
                    actor=request.user, owner=request.user, name=form.cleaned_data["name"]
                )
                form = TokenForm()
            except DomainError as exc:
                form.add_error("name", exc.text())
                status = 400
        else:
            status = 400
    return render(
        request,
        "access/tokens.html",
        {"form": form, "tokens": queries.tokens_of(request.user), "created": created},
        status=status,
    )


@login_required
@require_POST
def revoke_token(request: HttpRequest, token_id: int) -> HttpResponse:
    token = queries.get_token_for_user(request.user, token_id)
    actions.revoke_token(actor=request.user, token=token)
    messages.success(request, _("Đã thu hồi khóa truy cập."))
    return redirect("access:tokens")


_PENDING_MESSAGE = gettext_lazy(
    "Vai trò này cho xem dữ liệu đảng viên hoặc quản lý quyền: đã gửi đề nghị, vai trò có hiệu "
    "lực khi một người quản trị khác của đơn vị duyệt."
)


def _require_manager(request: HttpRequest) -> None:
    if not policy.has_perm_anywhere(request.user, Perm.ACCESS_MANAGE):
        raise Forbidden(gettext_lazy("Bạn không có quyền quản lý người dùng."))


@login_required
@require_http_methods(["GET", "POST"])
def users(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    search = UserSearchForm(request.GET)
    q = search.data.get("q", "").strip()[:100]
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            unit = queries.managed_unit(request.user, d["unit_code"])
            user = actions.create_user(
                actor=request.user,
                username=d["username"],
                email=d["email"],
                first_name=d["first_name"],
                last_name=d["last_name"],
                password=d["password"],
                unit=unit,
                role=Role(d["role"]),
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else "unit_code", exc.text())
        else:
            messages.success(request, _("Đã tạo người dùng %(name)s.") % {"name": user.username})
            if policy.needs_second_person(Role(d["role"])):
                messages.info(request, _PENDING_MESSAGE)
            return redirect("access:user", user_id=user.pk)
    paginator = Paginator(queries.users_for(request.user, q), 50)
    return render(
        request,
        "access/users.html",
        {
            "page": paginator.get_page(page_number(request.GET.get("page"))),
            "query_string": filter_query_string(request.GET, ("q",)),
            "search": search,
            "q": q,
            "form": form,
            "to_decide": queries.requests_to_decide(request.user),
        },
        status=400 if request.method == "POST" else 200,
    )


@dataclass
class _PendingRow:
    request: GrantRequest
    may_approve: bool
    may_refuse: bool
    form: RefuseGrantForm
    error: str = ""


def _user_page(
    request: HttpRequest,
    person: Any,
    *,
    form: GrantForm | None = None,
    failed: tuple[int, RefuseGrantForm | None, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The user page: grants in force, grants waiting for a second person (with the approve and
    refuse forms the viewer may use), and the form to add a role. `failed` is the pending row
    whose decision failed: its form and its error are shown beside it."""
    rows = []
    for pending in queries.pending_requests_of(person):
        row = _PendingRow(
            request=pending,
            may_approve=policy.may_approve_grant(request.user, pending),
            may_refuse=policy.may_refuse_grant(request.user, pending),
            form=RefuseGrantForm(prefix=f"r{pending.pk}"),
        )
        if failed and failed[0] == pending.pk:
            row.form = failed[1] or row.form
            row.error = failed[2]
        rows.append(row)
    return render(
        request,
        "access/user.html",
        {
            "person": person,
            "grants": queries.grants_of(person),
            "pending": rows,
            "form": form or GrantForm(),
        },
        status=status,
    )


@login_required
@require_GET
def user_detail(request: HttpRequest, user_id: int) -> HttpResponse:
    _require_manager(request)
    person = queries.get_user_for_user(request.user, user_id)
    return _user_page(request, person)


@login_required
@require_POST
def add_grant(request: HttpRequest, user_id: int) -> HttpResponse:
    _require_manager(request)
    person = queries.get_user_for_user(request.user, user_id)
    form = GrantForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            unit = queries.managed_unit(request.user, form.cleaned_data["unit_code"])
            given = actions.grant_role(
                actor=request.user, user=person, unit=unit, role=Role(form.cleaned_data["role"])
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else "unit_code", exc.text())
            status = exc.status
        else:
            if isinstance(given, GrantRequest):
                messages.info(request, _PENDING_MESSAGE)
            else:
                messages.success(request, _("Đã thêm vai trò."))
            return redirect("access:user", user_id=person.pk)
    return _user_page(request, person, form=form, status=status)


@login_required
@require_POST
def approve_grant_request(request: HttpRequest, request_id: int) -> HttpResponse:
    _require_manager(request)
    pending = queries.get_grant_request_for_user(request.user, request_id)
    try:
        actions.approve_grant_request(actor=request.user, request=pending)
    except DomainError as exc:
        return _user_page(
            request, pending.user, failed=(pending.pk, None, exc.text()), status=exc.status
        )
    messages.success(request, _("Đã duyệt: vai trò có hiệu lực từ bây giờ."))
    return redirect("access:user", user_id=pending.user_id)


@login_required
@require_POST
def refuse_grant_request(request: HttpRequest, request_id: int) -> HttpResponse:
    _require_manager(request)
    pending = queries.get_grant_request_for_user(request.user, request_id)
    form = RefuseGrantForm(request.POST, prefix=f"r{pending.pk}")
    if not form.is_valid():
        return _user_page(request, pending.user, failed=(pending.pk, form, ""), status=400)
    try:
        actions.refuse_grant_request(
            actor=request.user, request=pending, reason=form.cleaned_data["reason"]
        )
    except DomainError as exc:
        if exc.field in form.fields:
            form.add_error(exc.field, exc.text())
            return _user_page(request, pending.user, failed=(pending.pk, form, ""), status=400)
        return _user_page(
            request, pending.user, failed=(pending.pk, form, exc.text()), status=exc.status
        )
    messages.success(request, _("Đã ghi nhận: không duyệt đề nghị cấp vai trò."))
    return redirect("access:user", user_id=pending.user_id)


@login_required
@require_POST
def revoke_grant(request: HttpRequest, grant_id: int) -> HttpResponse:
    _require_manager(request)
    grant = queries.get_grant_for_user(request.user, grant_id)
    person_id = grant.user_id
    actions.revoke_grant(actor=request.user, grant=grant)
    messages.success(request, _("Đã thu hồi vai trò."))
    return redirect("access:user", user_id=person_id)


@login_required
@require_POST
def deactivate(request: HttpRequest, user_id: int) -> HttpResponse:
    _require_manager(request)
    person = queries.get_user_for_user(request.user, user_id)
    if person.pk == request.user.pk:
        raise ValidationFailed(gettext_lazy("Không thể tự khóa tài khoản của mình."))
    actions.deactivate_user(actor=request.user, user=person)
    messages.success(request, _("Đã khóa tài khoản %(name)s.") % {"name": person.username})
    return redirect("access:user", user_id=person.pk)
