"""A delegate's own pages on their tablet: the current agenda item, their badge, the documents
(read receipts; kept for offline reading by the service worker once opened; classified ones
never served), their questions and requests to speak."""

from typing import Any

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST

from chibo.access.roles import Perm
from chibo.core.errors import Conflict, Forbidden, ValidationFailed

from .. import queries
from ..actions import documents, floor
from ..actions.common import format_token
from ..forms import FloorRequestForm
from ..models import Congress, Delegate
from ..queries import pages
from .common import add_error

# The tablet pages are the delegate's own; the service worker keeps a copy on the device.
TABLET_CACHE = "private, no-cache"


def _seat(request: HttpRequest, pk: int) -> tuple[Congress, Delegate]:
    congress = queries.get_congress_for_user(request.user, pk, Perm.CONGRESSES_ATTEND)
    delegate = queries.delegate_of(request.user, congress)
    if delegate is None:
        raise Forbidden(_("Bạn không phải đại biểu của đại hội này."))
    return congress, delegate


def badge_svg(token: str) -> str:
    image = qrcode.make(
        f"CBS-DB:{token}", image_factory=qrcode.image.svg.SvgPathImage, border=2, box_size=8
    )
    return image.to_string(encoding="unicode")


def _tablet(
    request: HttpRequest, pk: int, form: FloorRequestForm | None = None, status: int = 200
) -> HttpResponse:
    congress, delegate = _seat(request, pk)
    items = [(a.pk, f"{a.position}. {a.title}") for a in pages.agenda_of(congress)]
    context: dict[str, Any] = {
        "congress": congress,
        "delegate": delegate,
        "state": queries.projector_state(congress),
        "documents": pages.tablet_documents(congress, delegate),
        "requests": pages.my_requests(delegate),
        "speakers": pages.speakers_list(congress),
        "form": form or FloorRequestForm(items=items),
        "badge_svg": badge_svg(delegate.badge_token),
        "badge_code": format_token(delegate.badge_token),
        "tablet": True,
    }
    response = render(request, "congresses/tablet.html", context, status=status)
    response["Cache-Control"] = TABLET_CACHE
    return response


@login_required
@require_GET
def tablet(request: HttpRequest, pk: int) -> HttpResponse:
    return _tablet(request, pk)


@login_required
@require_GET
def now(request: HttpRequest, pk: int) -> HttpResponse:
    """The current item and presence (HTMX polls it)."""
    congress, _delegate = _seat(request, pk)
    response = render(
        request,
        "congresses/tablet.html#now",
        {"congress": congress, "state": queries.projector_state(congress)},
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def document(request: HttpRequest, pk: int, doc: int) -> HttpResponse:
    congress, delegate = _seat(request, pk)
    # Refuses a classified document (403, the page says why) before anything is read.
    shown, read = documents.record_read(actor=request.user, delegate=delegate, document_id=doc)
    response = render(
        request,
        "congresses/tablet_document.html",
        {
            "congress": congress,
            "delegate": delegate,
            "document": shown,
            "read": read,
            "tablet": True,
        },
    )
    response["Cache-Control"] = TABLET_CACHE
    return response


@login_required
@require_POST
def submit_request(request: HttpRequest, pk: int) -> HttpResponse:
    congress, delegate = _seat(request, pk)
    items = [(a.pk, a.title) for a in pages.agenda_of(congress)]
    form = FloorRequestForm(request.POST, items=items)
    if form.is_valid():
        d = form.cleaned_data
        try:
            floor.submit_request(
                actor=request.user,
                delegate=delegate,
                kind=d["kind"],
                text=d["text"],
                agenda_item_id=d["agenda_item"],
            )
        except (ValidationFailed, Conflict) as exc:
            add_error(form, exc)
        else:
            messages.success(request, _("Đã gửi tới Đoàn Chủ tịch."))
            return redirect(reverse("congresses:tablet", args=[pk]) + "#floor")
    return _tablet(request, pk, form, status=400)


@require_GET
@cache_control(no_cache=True)
def service_worker(request: HttpRequest) -> HttpResponse:
    """Keeps the delegate's tablet pages once opened, for reading offline (network first).
    Only the tablet pages of a congress (`/congresses/<id>/tablet/…`): never a staff page, and a
    classified document has no page to keep (the view refuses it)."""
    scope = reverse("congresses:home")
    response = render(
        request,
        "congresses/tablet_sw.js",
        {
            "scope": scope,
            "static_prefix": static(""),
            "logout_url": reverse("account_logout"),
        },
        content_type="application/javascript; charset=utf-8",
    )
    response["Service-Worker-Allowed"] = scope
    return response
