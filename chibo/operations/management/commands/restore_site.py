"""manage.py restore_site BACKUP_DIR: into an empty database and storage, then verify."""

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chibo.data_quality.importing.cli import ProgressBar
from chibo.operations.manifest import BackupError
from chibo.operations.restore import restore_site
from chibo.operations.steps import StepBars


class Command(BaseCommand):
    help = (
        "Phục hồi một bản sao lưu vào cơ sở dữ liệu trống rồi kiểm tra theo manifest / "
        "Restore a backup into an empty database, then verify it against its manifest"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("backup_dir")
        parser.add_argument("--database", default="default")
        parser.add_argument(
            "--jobs",
            type=int,
            default=1,
            help="PostgreSQL: pg_restore song song (không còn là một giao dịch) / parallel "
            "pg_restore jobs (then not one transaction)",
        )
        parser.add_argument("--no-progress", action="store_true", help="không hiện thanh tiến độ")

    def handle(self, *args: Any, **options: Any) -> None:
        bars = None if options["no_progress"] else StepBars(ProgressBar, sys.stderr)
        try:
            report = restore_site(
                Path(options["backup_dir"]),
                using=options["database"],
                progress=bars,
                jobs=options["jobs"],
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        finally:
            if bars:
                bars.close()
        data = report.manifest.data
        steps = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in report.seconds.items())
        self.stdout.write(
            f"Đã phục hồi và kiểm tra {len(data['tables'])} bảng, {len(data['files'])} tệp "
            f"(bản sao lưu lúc {data['created_at']}) trong {report.total_seconds:.1f} s "
            f"({steps}) / restored and verified"
        )
        if report.pending_migrations:
            self.stdout.write(
                f"Mã nguồn có {len(report.pending_migrations)} migration mới hơn bản sao lưu: "
                "chạy `manage.py migrate` / newer migrations: run `manage.py migrate`"
            )
