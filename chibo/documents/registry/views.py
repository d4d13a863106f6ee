"""Registry pages: list with search and filters (HTMX), document page, register and edit forms,
file upload, download (attachment) and in-browser PDF viewing."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from chibo.core.errors import Conflict, DomainError, ValidationFailed
from chibo.core.pagination import CappedPaginator, filter_query_string

from .. import files
from ..models import Document, FileKind
from ..numbering import issuer_name
from . import actions, queries
from .forms import DocumentFilterForm, DocumentForm

PAGE_SIZE = 30
COUNT_CAP = 1_000
FORM_ERRORS = (ValidationFailed, Conflict)
_FILTERS = ("q", "kind", "issuer", "year", "in_force")
# A served file is data, never a page: nothing in it may run, load or be framed elsewhere.
DOWNLOAD_CSP = "default-src 'none'; sandbox; frame-ancestors 'none'"
# Chromium's PDF viewer does not run inside a CSP sandbox; the inline view keeps everything
# else shut and is only ever used for files checked to be PDFs.
PDF_VIEW_CSP = "default-src 'none'; frame-ancestors 'self'"


def _filters(form: DocumentFilterForm) -> dict[str, Any]:
    data = form.cleaned_data
    in_force = {"yes": True, "no": False}.get(data.get("in_force") or "")
    return {
        "q": data.get("q") or "",
        "kind": data.get("kind") or None,
        "issuer": data.get("issuer") or None,
        "year": data.get("year"),
        "in_force": in_force,
    }


@login_required
@require_GET
def document_list(request: HttpRequest) -> HttpResponse:
    queries.require_document_reader(request.user)
    form = DocumentFilterForm(request.GET, issuers=queries.issuer_choices(request.user))
    context: dict[str, Any] = {
        "form": form,
        "query_string": filter_query_string(request.GET, _FILTERS),
        "may_register": queries.may_register(request.user),
        "page": None,
        "error": None,
        "filtered": any(request.GET.get(n, "").strip() for n in _FILTERS),
        "today": date.today(),
    }
    status = 200
    if not form.is_valid():
        context["error"] = _("Giá trị lọc không hợp lệ.")
        status = 400
    else:
        try:
            documents = queries.documents_for(request.user, **_filters(form), on=date.today())
            page = CappedPaginator(documents, PAGE_SIZE, cap=COUNT_CAP).get_page(
                request.GET.get("page")
            )
            context["page"] = page
        except DomainError as exc:
            context["error"] = exc.text()
            status = exc.status
    template = "documents/list.html#results" if request.htmx else "documents/list.html"  # type: ignore[attr-defined]
    return render(request, template, context, status=status)


def _detail_context(request: HttpRequest, document: Document, **extra: Any) -> dict[str, Any]:
    user = request.user
    return {
        "document": document,
        "issuer_name": issuer_name(document.issuer),
        "files": queries.files_of(document),
        "replaces": queries.replaced_documents(user, document),
        "replaced_by": queries.replacing_documents(user, document),
        "excerpt": queries.text_excerpt(document),
        "may_manage": queries.may_manage(user, document),
        "upload_error": extra.get("upload_error"),
        "pdf": FileKind.PDF,
    }


@login_required
@require_GET
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = queries.get_document_for_user(request.user, pk)
    return render(request, "documents/detail.html", _detail_context(request, document))


def _unit_choices(request: HttpRequest) -> list[tuple[str, str]]:
    return [(u.code, u.name) for u in queries.registering_units(request.user)[:500]]


def _uploads(request: HttpRequest) -> list[actions.Upload]:
    return [
        actions.Upload(name=f.name or "", stream=f, size=f.size)
        for f in request.FILES.getlist("files")
    ]


def _replaces_ids(request: HttpRequest, text: str) -> list[int]:
    numbers = [n.strip() for n in text.replace(";", ",").split(",") if n.strip()]
    if not numbers:
        return []
    from ..numbering import NumberFormatError, parse_number

    canonical = []
    for number in numbers:
        try:
            canonical.append(parse_number(number).canonical)
        except NumberFormatError as error:
            raise ValidationFailed(
                _("Văn bản bị thay thế: %(error)s"), field="replaces", error=str(error)
            ) from error
    found = {d.number: d.pk for d in queries.documents_by_numbers(request.user, canonical)}
    missing = [n for n in canonical if n not in found]
    if missing:
        raise ValidationFailed(
            _("Không tìm thấy văn bản %(numbers)s trong sổ."),
            field="replaces",
            numbers=", ".join(missing),
        )
    return [found[n] for n in canonical]


def _add_error(form: DocumentForm, exc: DomainError) -> None:
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.text())


@login_required
@require_http_methods(["GET", "POST"])
def document_register(request: HttpRequest) -> HttpResponse:
    units = _unit_choices(request)
    if not units:
        from chibo.core.errors import Forbidden

        raise Forbidden(_("Bạn không có quyền đăng ký văn bản."))
    posted_unit = request.POST.get("unit", "")
    if request.method == "POST" and posted_unit not in {code for code, _name in units}:
        # Out of reach is 404 and without the permission 403, as everywhere; not a form error.
        queries.unit_for_registration(request.user, posted_unit)
        units = [*units, (posted_unit, posted_unit)]
    form = DocumentForm(request.POST or None, units=units)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                unit = queries.unit_for_registration(request.user, data["unit"])
                document = actions.register_document(
                    actor=request.user,
                    unit=unit,
                    kind=data["kind"],
                    number=data["number"],
                    issued_on=data["issued_on"],
                    title=data["title"],
                    summary=data["summary"],
                    in_force_from=data["in_force_from"],
                    expires_on=data["expires_on"],
                    classified=data["classified"],
                    replaces=_replaces_ids(request, data["replaces"]),
                    uploads=_uploads(request),
                )
            except FORM_ERRORS as exc:
                _add_error(form, exc)
                status = exc.status
            else:
                messages.success(request, _("Đã đăng ký văn bản %(n)s.") % {"n": document.number})
                return redirect("documents:detail", pk=document.pk)
    context = {"form": form, "editing": None}
    return render(request, "documents/form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    document = queries.get_document_to_manage(request.user, pk)
    units = [(document.owner_unit.code, document.owner_unit.name)]
    initial = {
        "unit": document.owner_unit.code,
        "kind": document.kind,
        "number": document.number,
        "issued_on": document.issued_on,
        "title": document.title,
        "summary": document.summary,
        "in_force_from": document.in_force_from,
        "expires_on": document.expires_on,
        "classified": document.classified,
        "replaces": ", ".join(d.number for d in document.replaces.all()),
    }
    form = DocumentForm(request.POST or None, units=units, initial=initial)
    form.fields["unit"].disabled = True
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                actions.update_document(
                    actor=request.user,
                    document=document,
                    changes={
                        k: data[k]
                        for k in (
                            "kind",
                            "number",
                            "issued_on",
                            "title",
                            "summary",
                            "in_force_from",
                            "expires_on",
                            "classified",
                        )
                    },
                    replaces=_replaces_ids(request, data["replaces"]),
                )
            except FORM_ERRORS as exc:
                _add_error(form, exc)
                status = exc.status
            else:
                messages.success(request, _("Đã lưu văn bản %(n)s.") % {"n": document.number})
                return redirect("documents:detail", pk=document.pk)
    context = {"form": form, "editing": document}
    return render(request, "documents/form.html", context, status=status)


@login_required
@require_POST
def file_add(request: HttpRequest, pk: int) -> HttpResponse:
    document = queries.get_document_to_manage(request.user, pk)
    try:
        added = actions.add_document_files(
            actor=request.user, document=document, uploads=_uploads(request)
        )
    except FORM_ERRORS as exc:
        context = _detail_context(request, document, upload_error=exc.text())
        return render(request, "documents/detail.html", context, status=exc.status)
    messages.success(request, _("Đã thêm %(n)s tệp.") % {"n": len(added)})
    return redirect("documents:detail", pk=document.pk)


@login_required
@require_POST
def file_remove(request: HttpRequest, pk: int) -> HttpResponse:
    file = queries.get_file_for_user(request.user, pk)
    document = queries.get_document_to_manage(request.user, file.document_id)
    actions.remove_document_file(actor=request.user, file=file)
    messages.success(request, _("Đã xóa tệp %(name)s.") % {"name": file.original_name})
    return redirect("documents:detail", pk=document.pk)


def serve_file(file: Any, *, inline: bool = False) -> FileResponse:
    """Answer a stored file: attachment by default; inline only for a PDF.

    Exposed for the handbook, which authorises its readers itself."""
    inline = inline and file.file_kind == FileKind.PDF
    response = FileResponse(
        files.open_stored(file.stored_name),
        as_attachment=not inline,
        filename=file.original_name,
        content_type=files.CONTENT_TYPES[FileKind(file.file_kind)],
    )
    if inline:
        # FileResponse puts the filename only on attachments; say it for the viewer too.
        response["Content-Disposition"] = f"inline; filename*=utf-8''{quote(file.original_name)}"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = PDF_VIEW_CSP if inline else DOWNLOAD_CSP
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


@login_required
@require_GET
def file_download(request: HttpRequest, pk: int) -> FileResponse:
    return serve_file(queries.get_file_for_user(request.user, pk))


@login_required
@require_GET
def file_view(request: HttpRequest, pk: int) -> FileResponse:
    return serve_file(queries.get_file_for_user(request.user, pk), inline=True)
