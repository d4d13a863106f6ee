"""`manage.py run_demo`: migrate, seed when empty, list the accounts and serve — in one process.

`make demo` calls this instead of four commands so a second start pays Django's start-up once.
"""

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
        if not options["no_serve"]:
            call_command("runserver", options["addrport"], use_reloader=False)
