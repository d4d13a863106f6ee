from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from chibo.members.actions import refresh_unit_statistics


class Command(BaseCommand):
    help = (
        "Tổng hợp trước thống kê đảng viên của các đơn vị lớn (chạy hằng ngày) / "
        "Pre-aggregate member statistics of large subtrees (run daily)"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--min-members", type=int, default=None, help="threshold (default: 20,000)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        written = refresh_unit_statistics(min_members=options["min_members"])
        self.stdout.write(f"Đã tổng hợp {written} đơn vị / {written} snapshots written")
