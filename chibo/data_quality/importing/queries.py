"""Reads of imports: batches in the user's reach, one batch, preview pages, its rows.

Imports carry raw personal data (every cell of every row), so every read needs
`data_quality.manage` on the batch's unit, as the import itself does: out of reach is 404, in
reach without the permission 403.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any, ClassVar

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from chibo.access import policy
from chibo.access.policy import Sensitive, require, scope
from chibo.access.roles import Perm
from chibo.core.errors import Forbidden, NotFound
from chibo.org.models import OrgUnit

from ..models import ImportBatch, ImportRow, RowOutcome
from . import reader
from .columns import field_for_header
from .rows import PreparedRow, prepare_row


def require_importer(user: Any) -> None:
    """The import pages are for those who take part in the data-cleaning work somewhere
    (data_quality.view; the list then shows the imports they may manage): anyone else is refused
    with 403, not shown an empty list and an upload form."""
    if not policy.has_perm_anywhere(user, Perm.DATA_QUALITY_VIEW):
        raise Forbidden(_("Bạn không có quyền nhập danh sách đảng viên."))


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


def batch_to_run(batch_id: int) -> ImportBatch:
    """The batch a queued import runs (the task worker; the action checks the actor)."""
    return ImportBatch.objects.select_related("unit").get(pk=batch_id)


def batch_to_resume(unit: OrgUnit, batch_id: int) -> ImportBatch | None:
    """A batch of `unit` to resume from the command line (None when there is none)."""
    return ImportBatch.objects.select_related("unit").filter(pk=batch_id, unit=unit).first()


def actor_by_id(user_id: int) -> Any:
    """The login a queued task acts for (its actions check the permissions again)."""
    return get_user_model()._default_manager.get(pk=user_id)


def root_units() -> list[tuple[int, str]]:
    """(id, path) of the tree's roots: the command-line operator acts over all of them."""
    return list(OrgUnit.objects.filter(depth=1).values_list("id", "path"))


def unit_to_import_into(user: Any, code: str) -> OrgUnit:
    return policy.unit_for_user(user, code, Perm.DATA_QUALITY_MANAGE)


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


# --- citizen IDs in the rows of a file ------------------------------------------------------------
#
# A file's cells are a member's data before there is a member: its citizen IDs follow the same
# field rule as the member record (`policy.reveal`: `members.view_sensitive` on the batch's unit,
# one `SensitiveRead` per row revealed). `data_quality.manage` alone (a branch secretary) sees
# them masked, in the preview, on the result page and in the rejected-rows workbook.


@dataclass(frozen=True)
class FileRow:
    """A row of an imported file as the read log names it: `data_quality.importrow`, id the
    stored row's id, or "<batch>:<row number>" for a preview row (not stored)."""

    pk: Any
    unit: OrgUnit
    _meta: ClassVar[Any] = ImportRow._meta


def citizen_id_columns(batch: ImportBatch) -> set[int]:
    """The columns that hold citizen IDs: the one mapped to the field, and any other whose
    header says so (an unmapped second "Số CCCD" column is still a citizen ID)."""
    columns = {
        i for i, header in enumerate(batch.headers) if field_for_header(header) == "citizen_id"
    }
    if "citizen_id" in batch.column_mapping:
        columns.add(batch.column_mapping["citizen_id"])
    return columns


def reveal_citizen_ids[R](
    user: Any,
    batch: ImportBatch,
    rows: Iterable[R],
    *,
    reason: str,
    key: Callable[[R], Any],
    raw: Callable[[R], list[str]],
) -> set[Any]:
    """The keys of `rows` whose citizen IDs the user may read, logged; rows without one in any
    citizen-ID column are neither revealed nor logged (nothing to read)."""
    columns = citizen_id_columns(batch)
    if not columns:
        return set()
    holding = [
        FileRow(pk=key(row), unit=batch.unit)
        for row in rows
        if any(str(cell).strip() for i, cell in enumerate(raw(row)) if i in columns)
    ]
    return policy.reveal(user, Sensitive.CITIZEN_ID, holding, reason=reason)


def may_read_citizen_ids(user: Any, batch: ImportBatch) -> bool:
    """Whether the user reads the batch's citizen IDs at all (for messages that quote digits of
    one: shown or replaced, not logged as a read of the number)."""
    return policy.may_read(user, Sensitive.CITIZEN_ID, unit=batch.unit)


def masked_cells(raw: list[str], columns: set[int]) -> list[str]:
    return [policy.mask(cell) if i in columns else cell for i, cell in enumerate(raw)]


_HIDDEN_CITIZEN_ID_ISSUE = _("Số CCCD có vấn đề (chi tiết chỉ hiện với người được xem số CCCD).")


def masked_issues(issues: list[dict[str, str]]) -> list[dict[str, str]]:
    """The issues of a row with those about its citizen ID told without quoting its digits."""
    return [
        {**i, "message": str(_HIDDEN_CITIZEN_ID_ISSUE)} if i.get("field") == "citizen_id" else i
        for i in issues
    ]
