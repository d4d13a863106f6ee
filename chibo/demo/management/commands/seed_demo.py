"""`manage.py seed_demo`: load the Ho Chi Minh City demo (see chibo/demo/seed.py)."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chibo.core.errors import DomainError
from chibo.demo.seed import DEFAULT_MEMBERS, DEFAULT_SEED, has_units, seed_demo


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu: Đảng bộ TP. Hồ Chí Minh, 30 phường/xã, đảng viên, tài khoản dùng thử."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--members", type=int, default=DEFAULT_MEMBERS)
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Không làm gì nếu đã có tổ chức đảng (do nothing when units exist).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["members"] < 2:
            raise CommandError("--members phải từ 2 trở lên (at least 2).")
        if options["if_empty"] and has_units():
            self.stdout.write("Đã có dữ liệu, bỏ qua nạp dữ liệu mẫu. (Data exists; seed skipped.)")
            return
        started = time.monotonic()
        try:
            summary = seed_demo(
                members=options["members"],
                seed=options["seed"],
                progress=lambda message: self.stdout.write(f"  {message}"),
            )
        except DomainError as exc:
            raise CommandError(exc.text()) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Xong sau {time.monotonic() - started:.1f} giây: {summary.units} tổ chức đảng "
                f"({summary.wards} phường/xã, {summary.grassroots} tổ chức cơ sở đảng, "
                f"{summary.branches} chi bộ), {summary.members} đảng viên, "
                f"{summary.accounts} tài khoản dùng thử."
            )
        )
