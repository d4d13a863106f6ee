"""`manage.py import_members FILE --unit CODE [--dry-run] [--resume BATCH_ID]`

Imports a member list (CSV or XLSX, template columns or their usual synonyms) into the subtree of
unit CODE, with a progress bar on stderr and a summary. Columns are mapped automatically from the
headers; `Họ và tên` must be among them. The import commits every 2,000 rows with a checkpoint:
after a crash, `--resume BATCH_ID` (printed at the start) continues from the last committed row.
`--dry-run` reads, normalises and checks every row and reports what would happen; nothing is kept.
"""

import os
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from chibo.core.errors import DomainError
from chibo.data_quality.importing import actions, queries
from chibo.data_quality.importing.cli import CommandLineActor, ProgressBar, unit_by_code
from chibo.data_quality.importing.columns import HEADER_BY_KEY
from chibo.data_quality.models import ImportBatch, ImportStatus


class Command(BaseCommand):
    help = "Nhập danh sách đảng viên từ CSV/XLSX / Import a member list from CSV or XLSX"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--unit", required=True, help="mã đơn vị nhận dữ liệu / unit code")
        parser.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra / check only")
        parser.add_argument("--resume", type=int, metavar="BATCH_ID", help="nhập tiếp / resume")
        parser.add_argument("--workers", type=int, default=1, help="processes normalising rows")
        parser.add_argument("--chunk-rows", type=int, default=actions.CHUNK_ROWS)
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["file"]
        if not os.path.isfile(path):
            raise CommandError(f"Không có tệp “{path}” / no such file")
        try:
            if options["dry_run"]:
                # Everything, the batch included, is rolled back: a dry run leaves no trace.
                with transaction.atomic():
                    self._import(path, options)
                    transaction.set_rollback(True)
            else:
                self._import(path, options)
        except DomainError as exc:
            raise CommandError(exc.text()) from exc

    def _import(self, path: str, options: dict[str, Any]) -> None:
        unit = unit_by_code(options["unit"])
        actor = CommandLineActor.for_command("import_members")
        with open(path, "rb") as stream:
            if options["resume"]:
                batch = queries.batch_to_resume(unit, options["resume"])
                if batch is None:
                    raise CommandError(f"Không có lần nhập {options['resume']} của đơn vị này.")
                if batch.status == ImportStatus.DONE:
                    raise CommandError(f"Lần nhập {batch.pk} đã hoàn tất.")
                self.stderr.write(f"Nhập tiếp lần nhập {batch.pk} từ sau dòng {batch.checkpoint}")
            else:
                batch = actions.upload_import(
                    actor=actor,
                    unit=unit,
                    file_name=path,
                    stream=stream,
                    size=os.path.getsize(path),
                    store=False,
                )
                self._describe(batch, options["dry_run"])
            bar = None if options["no_progress"] else ProgressBar(sys.stderr)
            try:
                summary = actions.run_import(
                    actor=actor,
                    batch=batch,
                    stream=stream,
                    dry_run=options["dry_run"],
                    progress=bar,
                    chunk_rows=options["chunk_rows"],
                    workers=options["workers"],
                )
            finally:
                if bar:
                    batch.refresh_from_db()
                    bar.close(batch.checkpoint, max(batch.total_rows, batch.checkpoint))
        counts = summary.as_dict()
        label = "Kết quả kiểm tra (không ghi gì)" if options["dry_run"] else "Kết quả"
        self.stdout.write(
            f"{label}: thêm mới {counts['created']}, nghi trùng {counts['flagged']}, "
            f"cập nhật {counts['updated']}, không đổi {counts['unchanged']}, "
            f"bị từ chối {counts['rejected']}"
        )
        if counts["rejected"] and not options["dry_run"]:
            self.stdout.write(
                f"Các dòng bị từ chối: trang /data-quality/imports/{batch.pk}/rejected.xlsx"
            )

    def _describe(self, batch: ImportBatch, dry_run: bool) -> None:
        mapped = ", ".join(
            f"{HEADER_BY_KEY[key]} ← “{batch.headers[index]}”"
            for key, index in sorted(batch.column_mapping.items(), key=lambda kv: kv[1])
        )
        encoding = f", bảng mã {batch.encoding}" if batch.encoding else ""
        self.stderr.write(
            f"Lần nhập {batch.pk}: {batch.file_format.upper()}{encoding}, "
            f"khoảng {batch.total_rows} dòng{' (chạy thử)' if dry_run else ''}"
        )
        self.stderr.write(f"Ghép cột: {mapped}")
        if "full_name" not in batch.column_mapping:
            raise CommandError("Không tìm thấy cột Họ và tên / no name column")
