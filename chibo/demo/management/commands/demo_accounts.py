"""`manage.py demo_accounts`: the demo accounts that exist, in Vietnamese and in English."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from chibo.demo.seed import DEMO_PASSWORD, DEMO_URL, AccountRow, demo_account_rows


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=True)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in (header, *rows)
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return lines


class Command(BaseCommand):
    help = "In danh sách tài khoản dùng thử (list the demo accounts)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--url", default=DEMO_URL)

    def handle(self, *args: Any, **options: Any) -> None:
        rows = demo_account_rows()
        url = options["url"]
        if not rows:
            self.stdout.write("Chưa có tài khoản dùng thử: chạy `manage.py seed_demo`.")
            self.stdout.write("No demo accounts yet: run `manage.py seed_demo`.")
            return
        out = [f"Chi Bộ Số — mở {url} và đăng nhập bằng một tài khoản dưới đây:", ""]
        out += _table(
            ("Tên đăng nhập", "Mật khẩu", "Vai trò", "Đơn vị", "Họ và tên"),
            [self._cells(r, r.role_label) for r in rows],
        )
        out += ["", f"Chi Bộ Số — open {url} and log in with one of these accounts:", ""]
        out += _table(
            ("Username", "Password", "Role", "Unit", "Name"),
            [self._cells(r, r.role) for r in rows],
        )
        self.stdout.write("\n".join(out))

    @staticmethod
    def _cells(row: AccountRow, role: str) -> tuple[str, ...]:
        return (row.username, DEMO_PASSWORD, role, row.unit, row.full_name)
