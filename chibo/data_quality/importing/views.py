"""The import wizard: upload → detected encoding and columns → column mapping → preview with
every problem per row → commit (background task, polled progress bar) → result and the
rejected-rows workbook. Every step is a page of one batch (`/data-quality/imports/<id>/…`)."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from chibo.access.policy import mask, units_for
from chibo.access.roles import Perm
from chibo.core.errors import Conflict, ValidationFailed
from chibo.core.pagination import page_number
from chibo.core.spreadsheets import XLSX_CONTENT_TYPE
from chibo.members.models import Gender

from ..models import ImportStatus, RowOutcome
from . import actions, exports, queries, reader
from .columns import TEMPLATE_COLUMNS, template_workbook

PAGE_SIZE = 50
_RUNNING = (ImportStatus.QUEUED, ImportStatus.RUNNING)


class UploadForm(forms.Form):
    unit = forms.CharField(label=gettext_lazy("Mã đơn vị nhận dữ liệu"), max_length=40)
    file = forms.FileField(
        label=gettext_lazy("Tệp danh sách (CSV hoặc XLSX)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.txt"}),
    )


def _list_context(request: HttpRequest, form: UploadForm | None = None) -> dict[str, Any]:
    units = list(units_for(request.user, Perm.DATA_QUALITY_MANAGE)[:20])
    return {
        "form": form or UploadForm(initial={"unit": units[0].code if units else ""}),
        "units": units,
        "batches": list(queries.imports_for_user(request.user)[:50]),
        "max_mb": reader.max_upload_bytes() // (1024 * 1024),
    }


@login_required
@require_GET
def import_list(request: HttpRequest) -> HttpResponse:
    queries.require_importer(request.user)
    return render(request, "data_quality/imports/list.html", _list_context(request))


@login_required
@require_GET
def template_download(request: HttpRequest) -> HttpResponse:
    queries.require_importer(request.user)
    response = HttpResponse(template_workbook(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="mau-danh-sach-dang-vien.xlsx"'
    return response


@login_required
@require_POST
def upload(request: HttpRequest) -> HttpResponse:
    # Refuse an oversized upload from its declared length, before Django reads the body.
    declared = int(request.META.get("CONTENT_LENGTH") or 0)
    try:
        reader.check_size(max(0, declared - 64 * 1024))
    except ValidationFailed as exc:
        context = _list_context(request)
        context["upload_error"] = exc.text()
        return render(request, "data_quality/imports/list.html", context, status=413)
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        unit = queries.unit_to_import_into(request.user, form.cleaned_data["unit"])
        file = form.cleaned_data["file"]
        try:
            batch = actions.upload_import(
                actor=request.user, unit=unit, file_name=file.name, stream=file, size=file.size
            )
        except (ValidationFailed, Conflict) as exc:
            form.add_error("file", exc.text())
        else:
            return redirect(reverse("data_quality:import_detail", args=[batch.pk]))
    return render(
        request, "data_quality/imports/list.html", _list_context(request, form), status=400
    )


def _mapping_rows(batch: Any) -> list[dict[str, Any]]:
    return [
        {"key": key, "header": header, "selected": batch.column_mapping.get(key)}
        for key, header in TEMPLATE_COLUMNS
    ]


def _detail_context(request: HttpRequest, batch: Any) -> dict[str, Any]:
    return {
        "batch": batch,
        "mapping_rows": _mapping_rows(batch),
        "headers": list(enumerate(batch.headers)),
        "editable": batch.status in (ImportStatus.UPLOADED, ImportStatus.MAPPED),
        "running": batch.status in _RUNNING,
        "outcomes": [
            (RowOutcome.CREATED.label, batch.created_count, "success"),
            (RowOutcome.FLAGGED.label, batch.flagged_count, "warning"),
            (RowOutcome.UPDATED.label, batch.updated_count, "info"),
            (RowOutcome.UNCHANGED.label, batch.unchanged_count, "secondary"),
            (RowOutcome.REJECTED.label, batch.rejected_count, "danger"),
        ],
    }


@login_required
@require_GET
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = queries.get_import_for_user(request.user, pk)
    context = _detail_context(request, batch)
    if batch.status in (ImportStatus.DONE, ImportStatus.FAILED):
        headers = dict(TEMPLATE_COLUMNS)
        reads_ids = queries.may_read_citizen_ids(request.user, batch)
        context["noted_rows"] = [
            {
                "row": row,
                "issues": [
                    _labelled(i, headers)
                    for i in (row.issues if reads_ids else queries.masked_issues(row.issues))
                ],
            }
            for row in queries.rows_with_issues(request.user, batch)
        ]
    return render(request, "data_quality/imports/detail.html", context)


@login_required
@require_POST
def set_mapping(request: HttpRequest, pk: int) -> HttpResponse:
    batch = queries.get_import_for_user(request.user, pk)
    mapping: dict[str, int] = {}
    for key, _header in TEMPLATE_COLUMNS:
        value = request.POST.get(f"col_{key}", "")
        if value.isdigit():
            mapping[key] = int(value)
    try:
        actions.set_column_mapping(actor=request.user, batch=batch, mapping=mapping)
    except (ValidationFailed, Conflict) as exc:
        messages.error(request, exc.text())
        context = _detail_context(request, batch)
        context["mapping_rows"] = [
            {**row, "selected": mapping.get(row["key"])} for row in context["mapping_rows"]
        ]
        return render(request, "data_quality/imports/detail.html", context, status=400)
    return redirect(reverse("data_quality:import_preview", args=[batch.pk]))


@login_required
@require_GET
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    batch = queries.get_import_for_user(request.user, pk)
    page = page_number(request.GET.get("page"))
    only_problems = request.GET.get("problems") == "1"
    try:
        result = queries.preview_page(
            request.user, batch, page=page, per_page=PAGE_SIZE, only_problems=only_problems
        )
    except ValidationFailed as exc:
        messages.error(request, exc.text())
        return redirect(reverse("data_quality:import_detail", args=[batch.pk]))
    keys = [key for key, _h in TEMPLATE_COLUMNS if key in batch.column_mapping]
    headers = dict(TEMPLATE_COLUMNS)
    id_columns = queries.citizen_id_columns(batch)
    revealed = queries.reveal_citizen_ids(
        request.user,
        batch,
        result.rows,
        reason="import preview",
        key=lambda row: f"{batch.pk}:{row.number}",
        raw=lambda row: row.raw,
    )
    reads_ids = queries.may_read_citizen_ids(request.user, batch)
    rows = []
    for row in result.rows:
        shown = f"{batch.pk}:{row.number}" in revealed
        issues = row.issues if reads_ids else queries.masked_issues(row.issues)
        cells = []
        for key in keys:
            value = _shown(key, row.normalized.get(key))
            raw = _raw(row.raw, batch.column_mapping[key])
            if not shown and (key == "citizen_id" or batch.column_mapping[key] in id_columns):
                value, raw = mask(value), mask(raw)
            cells.append((value, raw))
        rows.append(
            {
                "row": row,
                "cells": cells,
                "errors": [_labelled(i, headers) for i in issues if i["severity"] == "error"],
                "warnings": [_labelled(i, headers) for i in issues if i["severity"] != "error"],
            }
        )
    return render(
        request,
        "data_quality/imports/preview.html",
        {
            "batch": batch,
            "page": result,
            "columns": [(key, headers[key]) for key in keys],
            "rows": rows,
            "field_labels": headers,
            "can_commit": batch.status in (ImportStatus.MAPPED, ImportStatus.FAILED),
        },
    )


def _labelled(issue: dict[str, str], headers: dict[str, str]) -> dict[str, str]:
    return {**issue, "label": headers.get(issue["field"], issue["field"])}


def _shown(key: str, value: Any) -> str:
    if key == "gender" and value in Gender.values:
        return str(Gender(value).label)
    if isinstance(value, dict):
        return str(value.get("label", ""))
    return "" if value is None else str(value)


def _raw(raw: list[str], index: int) -> str:
    return raw[index] if index < len(raw) else ""


@login_required
@require_POST
def commit(request: HttpRequest, pk: int) -> HttpResponse:
    batch = queries.get_import_for_user(request.user, pk)
    try:
        actions.queue_import(actor=request.user, batch=batch)
    except (ValidationFailed, Conflict) as exc:
        messages.error(request, exc.text())
    return redirect(reverse("data_quality:import_detail", args=[batch.pk]))


@login_required
@require_GET
def progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress fragment the detail page polls while the import runs; once it has stopped
    the fragment tells HTMX to reload the page (HX-Refresh) to show the result."""
    batch = queries.get_import_for_user(request.user, pk)
    response = render(
        request, "data_quality/imports/_progress.html", _detail_context(request, batch)
    )
    if batch.status not in _RUNNING and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_GET
def rejected_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    batch = queries.get_import_for_user(request.user, pk)
    response = HttpResponse(
        exports.rejected_rows_workbook(request.user, batch), content_type=XLSX_CONTENT_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="dong-bi-tu-choi-{batch.pk}.xlsx"'
    # Personal data: never kept by a browser or a proxy (DESIGN.md, security).
    response["Cache-Control"] = "private, no-store"
    return response
