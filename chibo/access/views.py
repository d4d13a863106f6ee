from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from chibo.core.errors import DomainError, Forbidden, ValidationFailed

from . import actions, policy, queries
from .forms import GrantForm, TokenForm, UserCreateForm, UserSearchForm
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
            return redirect("access:user", user_id=user.pk)
    paginator = Paginator(queries.users_for(request.user, q), 50)
    return render(
        request,
        "access/users.html",
        {
            "page": paginator.get_page(request.GET.get("page")),
            "search": search,
            "q": q,
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_GET
def user_detail(request: HttpRequest, user_id: int) -> HttpResponse:
    _require_manager(request)
    person = queries.get_user_for_user(request.user, user_id)
    return render(
        request,
        "access/user.html",
        {
            "person": person,
            "grants": queries.grants_of(person),
            "form": GrantForm(),
        },
    )


@login_required
@require_POST
def add_grant(request: HttpRequest, user_id: int) -> HttpResponse:
    _require_manager(request)
    person = queries.get_user_for_user(request.user, user_id)
    form = GrantForm(request.POST)
    if form.is_valid():
        try:
            unit = queries.managed_unit(request.user, form.cleaned_data["unit_code"])
            actions.grant_role(
                actor=request.user, user=person, unit=unit, role=Role(form.cleaned_data["role"])
            )
        except DomainError as exc:
            form.add_error("unit_code", exc.text())
        else:
            messages.success(request, _("Đã thêm vai trò."))
            return redirect("access:user", user_id=person.pk)
    return render(
        request,
        "access/user.html",
        {
            "person": person,
            "grants": queries.grants_of(person),
            "form": form,
        },
        status=400,
    )


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
