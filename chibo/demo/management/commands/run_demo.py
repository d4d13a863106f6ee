"""`manage.py run_demo`: migrate, seed when empty, list the accounts and serve.

`make demo` calls this instead of four commands so a second start pays Django's start-up once.
Background work (imports, duplicate detection, big distributions) goes through `django.tasks` with
the database queue, so the demo also starts one `db_worker` beside the web server and stops it with
the server.
"""

import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from chibo.demo.seed import DEFAULT_MEMBERS


class Command(BaseCommand):
    help = (
        "Chạy bản dùng thử: cập nhật CSDL, nạp dữ liệu mẫu nếu trống, in tài khoản, chạy máy chủ."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--members", type=int, default=DEFAULT_MEMBERS)
        parser.add_argument("--addrport", default="127.0.0.1:8000")
        parser.add_argument(
            "--no-serve", action="store_true", help="Prepare only (used by tests and benchmarks)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        out = {"stdout": self.stdout, "stderr": self.stderr}
        call_command("migrate", interactive=False, verbosity=0, **out)
        call_command("seed_demo", if_empty=True, members=options["members"], **out)
        call_command("demo_accounts", url=f"http://{options['addrport']}", **out)
        if options["no_serve"]:
            return
        manage = Path(__file__).resolve().parents[4] / "manage.py"
        worker = subprocess.Popen(  # noqa: S603 - our own manage.py with fixed arguments
            [sys.executable, str(manage), "db_worker", "--no-reload", "--no-startup-delay"]
        )
        # A plain `kill` of the demo stops the worker too (SIGINT already unwinds to `finally`).
        signal.signal(signal.SIGTERM, lambda *_args: sys.exit(0))
        try:
            call_command("runserver", options["addrport"], use_reloader=False)
        finally:
            worker.terminate()
            worker.wait(timeout=10)
