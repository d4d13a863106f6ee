"""manage.py backup_site OUT_DIR: the database and the uploaded files together, with a manifest."""

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chibo.data_quality.importing.cli import ProgressBar
from chibo.operations.backup import backup_site
from chibo.operations.manifest import BackupError
from chibo.operations.steps import StepBars


class Command(BaseCommand):
    help = (
        "Sao lưu cơ sở dữ liệu và tệp tải lên vào một thư mục mới, kèm manifest.json / "
        "Back up the database and the uploaded files into a new directory, with a manifest"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("out_dir", help="thư mục mới hoặc trống / a new or empty directory")
        parser.add_argument("--database", default="default")
        parser.add_argument("--no-progress", action="store_true", help="không hiện thanh tiến độ")

    def handle(self, *args: Any, **options: Any) -> None:
        bars = None if options["no_progress"] else StepBars(ProgressBar, sys.stderr)
        try:
            manifest = backup_site(
                Path(options["out_dir"]), using=options["database"], progress=bars
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        finally:
            if bars:
                bars.close()
        data = manifest.data
        rows = sum(data["tables"].values())
        self.stdout.write(
            f"Đã sao lưu {len(data['tables'])} bảng ({rows} dòng), {len(data['files'])} tệp "
            f"({data['files_bytes']} byte) trong {data['seconds']['total']:.1f} s vào "
            f"{options['out_dir']} / backed up {len(data['tables'])} tables, "
            f"{len(data['files'])} files"
        )
