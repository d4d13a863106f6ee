"""Reads of imports: batches in the user's reach, one batch, preview pages, its rows.

Imports carry raw personal data (every cell of every row), so every read needs
`data_quality.manage` on the batch's unit, as the import itself does: out of reach is 404, in
reach without the permission 403.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import require, scope
from chibo.access.roles import Perm
from chibo.core.errors import NotFound
from chibo.org.models import OrgUnit

from ..models import ImportBatch, ImportRow, RowOutcome
from . import reader
from .rows import PreparedRow, prepare_row


def imports_for_user(user: Any) -> QuerySet[ImportBatch]:
    return scope(
        user,
        ImportBatch.objects.select_related("unit", "uploaded_by"),
        perm=Perm.DATA_QUALITY_MANAGE,
    ).order_by("-uploaded_at", "-id")


def get_import_for_user(user: Any, pk: int) -> ImportBatch:
    batch = ImportBatch.objects.select_related("unit", "uploaded_by").filter(pk=pk).first()
    if batch is None:
        raise NotFound(_("Không tìm thấy lần nhập dữ liệu."))
    require(user, Perm.DATA_QUALITY_MANAGE, batch.unit)
    return batch


def unit_to_import_into(user: Any, code: str) -> OrgUnit:
    unit = OrgUnit.objects.filter(code__iexact=code.strip()).first()
    if unit is None:
        raise NotFound(_("Không tìm thấy đơn vị."))
    require(user, Perm.DATA_QUALITY_MANAGE, unit)
    return unit


def rows_of(user: Any, batch: ImportBatch, *, outcome: str | None = None) -> QuerySet[ImportRow]:
    require(user, Perm.DATA_QUALITY_MANAGE, batch.unit)
    rows = ImportRow.objects.filter(batch=batch)
    if outcome:
        rows = rows.filter(outcome=outcome)
    return rows.order_by("row_number")


def rows_with_issues(user: Any, batch: ImportBatch, *, limit: int = 100) -> list[ImportRow]:
    """The first rows the import had something to say about (rejected, flagged or warned)."""
    return list(rows_of(user, batch).exclude(issues=[]).select_related("member")[:limit])


def rejected_rows(user: Any, batch: ImportBatch) -> Iterator[ImportRow]:
    return rows_of(user, batch, outcome=RowOutcome.REJECTED).iterator(chunk_size=2000)


@dataclass
class PreviewPage:
    rows: list[PreparedRow]
    number: int
    has_next: bool
    only_problems: bool


def preview_page(
    user: Any, batch: ImportBatch, *, page: int = 1, per_page: int = 50, only_problems: bool = False
) -> PreviewPage:
    """A page of the file's rows as the import would prepare them, with every problem found.
    Reads the stored file again (nothing of the preview is kept)."""
    from .actions import unit_table

    require(user, Perm.DATA_QUALITY_MANAGE, batch.unit)
    if not batch.upload:
        return PreviewPage([], page, False, only_problems)
    units = unit_table(batch.unit)
    mapping = dict(batch.column_mapping)
    with batch.upload.open("rb") as stream:
        table = reader.open_table(stream, file_name=batch.file_name)
        prepared = (prepare_row(n, cells, mapping, units) for n, cells in table.rows())
        if only_problems:
            prepared = (row for row in prepared if row.issues)
        start = (max(page, 1) - 1) * per_page
        window = list(islice(prepared, start, start + per_page + 1))
    return PreviewPage(window[:per_page], max(page, 1), len(window) > per_page, only_problems)
