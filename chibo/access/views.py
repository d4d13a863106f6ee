from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from chibo.core.errors import DomainError

from . import actions, queries
from .forms import TokenForm


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
