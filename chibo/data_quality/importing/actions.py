"""Writes of the import: upload a file, map its columns, run (or resume) the import.

The import is atomic per chunk (`CHUNK_ROWS` rows in one transaction) with a checkpoint: the
chunk's members, events, source keys and raw rows and the batch's `checkpoint` are committed
together, so a killed import resumes after the last committed row without losing or repeating
any (`run_import(..., batch=<the failed batch>)`, `manage.py import_members --resume ID`).
"""

import hashlib
import os
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from typing import IO, Any

from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import require
from chibo.access.roles import Perm
from chibo.audit.recorder import record
from chibo.core.errors import Conflict, ValidationFailed
from chibo.members.rules.membership import member_unit_kinds
from chibo.org.models import OrgUnit

from ..models import ImportBatch, ImportStatus, RowOutcome
from . import reader, writer
from .columns import TEMPLATE_KEYS
from .rows import PreparedRow, UnitRef, UnitTable, encode_rows, prepare_row

CHUNK_ROWS = 2000

Progress = Callable[[int, int], None]  # (rows done, total)


@dataclass
class Summary:
    total: int = 0
    counts: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, int]:
        return {o: self.counts.get(o, 0) for o in RowOutcome.values}


def unit_table(unit: OrgUnit) -> UnitTable:
    """The target subtree's units by code and name (one query, built once per import)."""
    rows = OrgUnit.objects.filter(path__startswith=unit.path).values_list(
        "id", "code", "name", "kind", "status", "path"
    )
    table: UnitTable | None = None
    refs = []
    for pk, code, name, kind, status, path in rows:
        ref = UnitRef(pk, code, name, kind in member_unit_kinds() and status == "active")
        refs.append(ref)
        if path == unit.path:
            table = UnitTable(root=ref)
    assert table is not None
    for ref in refs:
        table.add(ref)
    return table


def _sha256(stream: IO[bytes]) -> str:
    digest = hashlib.sha256()
    stream.seek(0)
    while chunk := stream.read(4 * 1024 * 1024):
        digest.update(chunk)
    stream.seek(0)
    return digest.hexdigest()


def upload_import(
    *,
    actor: Any,
    unit: OrgUnit,
    file_name: str,
    stream: IO[bytes],
    size: int,
    store: bool = True,
) -> ImportBatch:
    """Check a file (size, format, encoding), detect its columns and open a batch for it.

    `store` keeps the file with the batch (the wizard's background run reads it from there); the
    command line reads its own path and does not store it.
    """
    require(actor, Perm.DATA_QUALITY_MANAGE, unit)
    if store:
        reader.check_size(size)
    table = reader.open_table(stream, file_name=file_name)
    mapping = _auto_mapping(table.headers)
    batch = ImportBatch(
        unit=unit,
        file_name=os.path.basename(file_name)[:255],
        file_size=size,
        file_sha256=_sha256(stream),
        file_format=table.format,
        encoding=table.encoding,
        delimiter=table.delimiter,
        headers=table.headers,
        column_mapping=mapping,
        status=ImportStatus.MAPPED if "full_name" in mapping else ImportStatus.UPLOADED,
        total_rows=table.total_rows,
        uploaded_by=actor if isinstance(getattr(actor, "pk", None), int) else None,
        uploaded_at=timezone.now(),
    )
    with transaction.atomic():
        if store:
            stream.seek(0)
            batch.upload.save(
                f"{timezone.now():%Y%m%d%H%M%S}-{batch.file_sha256[:12]}.{table.format}",
                File(stream),
                save=False,
            )
        batch.save()
        record(
            actor=actor,
            action="data_quality.upload_import",
            target=batch,
            unit=unit,
            changes={"file_name": batch.file_name, "rows": batch.total_rows},
        )
    return batch


def _auto_mapping(headers: list[str]) -> dict[str, int]:
    from .columns import auto_map

    return auto_map(headers)


def set_column_mapping(
    *, actor: Any, batch: ImportBatch, mapping: Mapping[str, int]
) -> ImportBatch:
    """Choose which column holds each template field (None/absent: not in the file)."""
    require(actor, Perm.DATA_QUALITY_MANAGE, batch.unit)
    if batch.status not in (ImportStatus.UPLOADED, ImportStatus.MAPPED):
        raise Conflict(_("Lần nhập này đã chạy; không đổi được cách ghép cột."))
    cleaned: dict[str, int] = {}
    used: dict[int, str] = {}
    for key, index in mapping.items():
        if key not in TEMPLATE_KEYS:
            raise ValidationFailed(_("Trường không hợp lệ: %(f)s"), f=key)
        if index is None:
            continue
        if not 0 <= int(index) < len(batch.headers):
            raise ValidationFailed(_("Cột không có trong tệp."), field=key)
        if int(index) in used:
            raise ValidationFailed(
                _("Một cột chỉ ghép với một trường (cột %(col)s)."),
                field=key,
                col=batch.headers[int(index)],
            )
        used[int(index)] = key
        cleaned[key] = int(index)
    if "full_name" not in cleaned:
        raise ValidationFailed(_("Phải chọn cột Họ và tên."), field="full_name")
    with transaction.atomic():
        before = batch.column_mapping
        batch.column_mapping = cleaned
        batch.status = ImportStatus.MAPPED
        batch.save(update_fields=["column_mapping", "status"])
        record(
            actor=actor,
            action="data_quality.set_column_mapping",
            target=batch,
            unit=batch.unit,
            changes={"column_mapping": [before, cleaned]},
        )
    return batch


def queue_import(*, actor: Any, batch: ImportBatch) -> ImportBatch:
    """Start the import in the background (the wizard's commit step; progress is polled)."""
    from .tasks import run_import_task

    require(actor, Perm.DATA_QUALITY_MANAGE, batch.unit)
    if batch.status not in (ImportStatus.MAPPED, ImportStatus.FAILED):
        raise Conflict(_("Lần nhập này đã chạy hoặc chưa ghép cột."))
    if not batch.upload:
        raise Conflict(_("Tệp của lần nhập này không còn được lưu; hãy tải lên lại."))
    with transaction.atomic():
        batch.status = ImportStatus.QUEUED
        batch.save(update_fields=["status"])
        record(actor=actor, action="data_quality.queue_import", target=batch, unit=batch.unit)
        transaction.on_commit(lambda: run_import_task.enqueue(batch.pk, actor.pk))
    return batch


def _prepare_chunk(
    args: tuple[list[tuple[int, list[Any]]], dict[str, int], UnitTable],
) -> list[PreparedRow]:
    chunk, mapping, units = args
    rows = [prepare_row(number, cells, mapping, units) for number, cells in chunk]
    if writer.use_copy():
        encode_rows(rows)
    return rows


def _chunks(table: reader.Table, after: int, size: int) -> Iterator[list[tuple[int, list[Any]]]]:
    rows = table.rows(after=after)
    while chunk := list(islice(rows, size)):
        yield chunk


def _prepared(
    table: reader.Table,
    after: int,
    mapping: dict[str, int],
    units: UnitTable,
    *,
    chunk_rows: int,
    workers: int,
) -> Iterator[list[PreparedRow]]:
    """Prepared chunks in file order; with workers > 1 the normalisation runs in other
    processes while this one writes (the rows and the unit table are plain data)."""
    chunks = _chunks(table, after, chunk_rows)
    if workers <= 1:
        for chunk in chunks:
            yield _prepare_chunk((chunk, mapping, units))
        return
    import multiprocessing

    from chibo.data_quality.normalize import map_address

    # Build the address index here, once: the forked workers inherit it instead of each
    # building its own (seconds each).
    map_address("Phường Bến Thành, Thành phố Hồ Chí Minh")
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending = []
        for chunk in chunks:
            pending.append(pool.submit(_prepare_chunk, (chunk, mapping, units)))
            if len(pending) > workers * 2:
                yield pending.pop(0).result()
        for future in pending:
            yield future.result()


def run_import(
    *,
    actor: Any,
    batch: ImportBatch,
    stream: IO[bytes],
    dry_run: bool = False,
    progress: Progress | None = None,
    chunk_rows: int = CHUNK_ROWS,
    workers: int = 1,
) -> Summary:
    """Import the batch's rows after its checkpoint from `stream` (the same file: checked by its
    SHA-256). A dry run does everything in one transaction and rolls it back: nothing is kept,
    the summary says what would happen."""
    require(actor, Perm.DATA_QUALITY_MANAGE, batch.unit)
    if batch.status == ImportStatus.DONE:
        raise Conflict(_("Lần nhập này đã hoàn tất."))
    if batch.file_sha256 and _sha256(stream) != batch.file_sha256:
        raise ValidationFailed(_("Tệp khác với tệp của lần nhập này; không thể nhập tiếp."))
    if "full_name" not in batch.column_mapping:
        raise ValidationFailed(_("Phải chọn cột Họ và tên."), field="full_name")
    table = reader.open_table(stream, file_name=batch.file_name)
    units = unit_table(batch.unit)
    summary = Summary(total=table.total_rows)
    if dry_run:
        with transaction.atomic():
            _run(actor, batch, table, units, summary, progress, chunk_rows, workers)
            transaction.set_rollback(True)
        return summary
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportStatus.RUNNING, started_at=batch.started_at or timezone.now(), error=""
    )
    try:
        _run(actor, batch, table, units, summary, progress, chunk_rows, workers)
    except Exception as exc:
        # The chunks committed so far stay; the batch says where to resume from.
        message = exc.text() if hasattr(exc, "text") else f"{type(exc).__name__}: {exc}"
        ImportBatch.objects.filter(pk=batch.pk).update(
            status=ImportStatus.FAILED, error=message[:2000]
        )
        raise
    with transaction.atomic():
        ImportBatch.objects.filter(pk=batch.pk).update(
            status=ImportStatus.DONE, finished_at=timezone.now()
        )
        record(
            actor=actor,
            action="data_quality.finish_import",
            target=batch,
            unit=batch.unit,
            changes=summary.as_dict(),
        )
    batch.refresh_from_db()
    return summary


_COUNT_FIELDS = {
    RowOutcome.CREATED: "created_count",
    RowOutcome.UPDATED: "updated_count",
    RowOutcome.UNCHANGED: "unchanged_count",
    RowOutcome.FLAGGED: "flagged_count",
    RowOutcome.REJECTED: "rejected_count",
}


def _run(
    actor: Any,
    batch: ImportBatch,
    table: reader.Table,
    units: UnitTable,
    summary: Summary,
    progress: Progress | None,
    chunk_rows: int,
    workers: int,
) -> None:
    from django.db.models import F

    mapping = dict(batch.column_mapping)
    for prepared in _prepared(
        table, batch.checkpoint, mapping, units, chunk_rows=chunk_rows, workers=workers
    ):
        with transaction.atomic():
            counts = writer.write_chunk(actor=actor, batch=batch, rows=prepared)
            last = prepared[-1].number
            ImportBatch.objects.filter(pk=batch.pk).update(
                checkpoint=last,
                **{
                    _COUNT_FIELDS[RowOutcome(o)]: F(_COUNT_FIELDS[RowOutcome(o)]) + n
                    for o, n in counts.items()
                },
            )
        batch.checkpoint = last
        summary.counts.update(counts)
        if progress:
            progress(last, max(table.total_rows, last))
