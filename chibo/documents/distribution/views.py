"""Pages of distribution: send a document, its read rates per unit, and the member's reader."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from chibo.access.policy import can, units_for
from chibo.access.roles import Perm
from chibo.core.errors import Conflict, Forbidden, ValidationFailed

from ..files import CONTENT_TYPES, open_stored
from ..models import FileKind
from ..study import queries as study_queries
from . import actions, queries
from .forms import DistributeForm
from .rates import rate_chart

MEMBERS_PER_PAGE = 50


@login_required
@require_http_methods(["GET", "POST"])
def distribute(request: HttpRequest, pk: int) -> HttpResponse:
    document = queries.document_for_rates(request.user, pk)
    tops = list(units_for(request.user, Perm.DOCUMENTS_MANAGE))
    if not tops:
        raise Forbidden(_("Bạn không có quyền phát hành văn bản."))
    form = DistributeForm(request.POST or None, initial={"unit": tops[0].code if tops else ""})
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            unit = queries.unit_by_code(data["unit"])
            distribution = actions.distribute_document(
                actor=request.user,
                document_id=document.pk,
                unit=unit,
                audience=data["audience"],
                deadline=data["deadline"],
                note=data["note"],
            )
        except (ValidationFailed, Conflict) as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.text())
        else:
            if distribution.pending:
                messages.info(
                    request,
                    _("Đang gửi văn bản tới đảng viên của %(u)s; tiến độ hiện bên dưới.")
                    % {"u": unit.name},
                )
                return redirect("documents:distribute", pk=document.pk)
            messages.success(
                request,
                _("Đã gửi văn bản tới %(n)s đảng viên của %(u)s.")
                % {"n": f"{distribution.recipient_count:,}".replace(",", "."), "u": unit.name},
            )
            if request.POST.get("then") == "study":
                return redirect(
                    reverse("documents:study_create") + f"?document={document.pk}&unit={unit.code}"
                )
            return redirect(
                reverse("documents:read_rates", kwargs={"pk": document.pk}) + f"?unit={unit.code}"
            )
    if form.errors:
        status = 400
    return render(
        request,
        "documents/distribute.html",
        {
            "document": document,
            "form": form,
            "tops": tops,
            "distributions": list(queries.distributions_of(request.user, document)[:20]),
        },
        status=status,
    )


@login_required
@require_GET
def distribution_progress(request: HttpRequest, pk: int, distribution_id: int) -> HttpResponse:
    """The HTMX-polled progress of a queued distribution (stops polling once it is done)."""
    document = queries.document_for_rates(request.user, pk)
    distribution = queries.distribution_of(request.user, document, distribution_id)
    return render(
        request,
        "documents/_distribution_item.html",
        {"document": document, "d": distribution},
    )


@login_required
@require_GET
def read_rates(request: HttpRequest, pk: int) -> HttpResponse:
    document = queries.document_for_rates(request.user, pk)
    unit = queries.rates_unit(request.user, document, request.GET.get("unit"))
    rates = queries.read_rates(request.user, document, unit)
    behind = Paginator(queries.unread_members(request.user, document, unit), MEMBERS_PER_PAGE)
    page = behind.get_page(request.GET.get("page"))
    return render(
        request,
        "documents/read_rates.html",
        {
            "document": document,
            "unit": unit,
            "rates": rates,
            "laggards": sorted(rates.rows, key=lambda r: (r.percent, -r.pending))[:10],
            "chart": rate_chart(rates.rows, _("Tỷ lệ đã đọc (%)")),
            "page": page,
            "can_manage": can(request.user, Perm.DOCUMENTS_MANAGE, unit),
            "parent": queries.parent_of(unit),
        },
    )


@login_required
@require_GET
def reader(request: HttpRequest, pk: int) -> HttpResponse:
    """The member's page of a document sent to them: opening it records the read."""
    document = queries.get_document_for_reader(request.user, pk)
    read_at = actions.record_read(actor=request.user, document_id=document.pk)
    return render(
        request,
        "documents/reader.html",
        {
            "document": document,
            "read_at": read_at,
            "bookmarked": queries.is_bookmarked(request.user, document.pk),
            "files": list(document.files.all()),
            "campaigns": study_queries.campaigns_for_member(request.user, document=document),
        },
    )


@login_required
@require_GET
def reader_file(request: HttpRequest, pk: int, file_id: int) -> FileResponse:
    """A file of a document sent to the member: always a download, never rendered inline."""
    stored = queries.reader_file(request.user, pk, file_id)
    response = FileResponse(
        open_stored(stored.stored_name),
        as_attachment=True,
        filename=stored.original_name,
        content_type=CONTENT_TYPES.get(FileKind(stored.file_kind), "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def bookmark(request: HttpRequest, pk: int) -> HttpResponse:
    on = actions.toggle_bookmark(actor=request.user, document_id=pk)
    messages.info(request, _("Đã lưu văn bản.") if on else _("Đã bỏ lưu văn bản."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("documents:reader", kwargs={"pk": pk})
    return redirect(target)
