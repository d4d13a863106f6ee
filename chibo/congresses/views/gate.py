"""The gate: a phone or tablet page that scans delegates' badges (camera where the browser can
read QR codes, a typed code always), and the live presence count."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from chibo.access.roles import Perm
from chibo.core.errors import Conflict, ValidationFailed

from .. import queries
from ..actions import gate
from ..forms import CheckInForm
from ..models import CheckInMethod
from ..queries import pages
from .common import PRIVATE


def _sessions(congress: object) -> list[tuple[int, str]]:
    return [(s.pk, f"{s.number}. {s.title}") for s in pages.sessions_of(congress)]  # type: ignore[arg-type]


@login_required
@require_GET
def gate_page(request: HttpRequest, pk: int) -> HttpResponse:
    congress = queries.get_congress_for_user(request.user, pk, Perm.CONGRESSES_MANAGE)
    response = render(
        request,
        "congresses/gate.html",
        {
            "congress": congress,
            "g": pages.gate_state(congress),
            "sessions": pages.sessions_of(congress),
        },
    )
    response["Cache-Control"] = PRIVATE
    return response


@login_required
@require_GET
def presence(request: HttpRequest, pk: int) -> HttpResponse:
    """The live count (HTMX polls it every few seconds)."""
    congress = queries.get_congress_for_user(request.user, pk, Perm.CONGRESSES_MANAGE)
    response = render(
        request,
        "congresses/gate.html#presence",
        {"congress": congress, "g": pages.gate_state(congress)},
    )
    response["Cache-Control"] = PRIVATE
    return response


@login_required
@require_POST
def check_in(request: HttpRequest, pk: int) -> HttpResponse:
    """The gate's scanner posts here with `fetch` (X-Requested-With: fetch) and shows the
    fragment whatever its status; without script the form posts and the page comes back."""
    congress = queries.get_congress_for_user(request.user, pk, Perm.CONGRESSES_MANAGE)
    form = CheckInForm(request.POST, sessions=_sessions(congress))
    scripted = request.headers.get("X-Requested-With") == "fetch"
    row, error, status = None, "", 201
    if not form.is_valid():
        error, status = _("Phiên họp không hợp lệ."), 400
    else:
        try:
            row = gate.check_in(
                actor=request.user,
                congress_id=pk,
                token=form.cleaned_data["token"],
                session_id=form.cleaned_data["session"],
                method=form.cleaned_data["method"] or CheckInMethod.MANUAL,
            )
        except (ValidationFailed, Conflict) as exc:
            error, status = exc.text(), exc.status
    if not scripted:
        if error:
            messages.error(request, error)
        else:
            messages.success(
                request,
                _("Đã điểm danh đại biểu số %(number)s: %(name)s.")
                % {"number": row.delegate.number, "name": row.delegate.member.full_name},  # type: ignore[union-attr]
            )
        return redirect("congresses:gate", pk=pk)
    response = render(
        request,
        "congresses/gate.html#result",
        {"congress": congress, "row": row, "error": error},
        status=status,
    )
    response["Cache-Control"] = PRIVATE
    return response
