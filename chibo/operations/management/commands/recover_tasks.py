"""manage.py recover_tasks (--worker-id ID | --all-running): requeue tasks a killed worker left."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chibo.operations.worker import requeue_interrupted


class Command(BaseCommand):
    help = (
        "Đưa lại vào hàng đợi các tác vụ mà tiến trình worker bị dừng đột ngột bỏ dở / "
        "Requeue the tasks a worker that died left RUNNING (run before starting db_worker)"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group()
        group.add_argument(
            "--worker-id",
            help="mã ổn định của worker sắp khởi động (db_worker --worker-id) / the stable id "
            "of the worker about to start",
        )
        group.add_argument(
            "--all-running",
            action="store_true",
            help="mọi tác vụ đang chạy (khi không worker nào chạy) / every running task (when "
            "no worker runs)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["worker_id"] and not options["all_running"]:
            raise CommandError("--worker-id ID hoặc --all-running / give one of them")
        recovery = requeue_interrupted(worker_id=options["worker_id"] or None)
        self.stdout.write(
            f"Đưa lại hàng đợi {len(recovery.requeued)} tác vụ, đánh dấu thất bại "
            f"{len(recovery.failed)} / requeued {len(recovery.requeued)}, failed "
            f"{len(recovery.failed)}"
        )
