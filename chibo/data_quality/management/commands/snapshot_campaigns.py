"""manage.py snapshot_campaigns [--date YYYY-MM-DD] [--recheck]: the day's counts per unit of every
running campaign, for the progress chart (run daily, e.g. from cron after midnight)."""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chibo.data_quality.campaigns.actions import refresh_member_checks, snapshot_campaigns


class Command(BaseCommand):
    help = (
        "Ghi số liệu trong ngày của các đợt làm sạch dữ liệu đang diễn ra / "
        "Write the day's counts of running data-quality campaigns"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", default="", help="ngày (YYYY-MM-DD), mặc định hôm nay")
        parser.add_argument(
            "--recheck", action="store_true", help="kiểm tra lại mọi hồ sơ trước khi ghi"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            on = date.fromisoformat(options["date"]) if options["date"] else date.today()
        except ValueError as exc:
            raise CommandError("Ngày không hợp lệ / invalid date (YYYY-MM-DD)") from exc
        if options["recheck"]:
            refresh_member_checks(on=on)
        rows = snapshot_campaigns(on=on)
        self.stdout.write(f"Đã ghi {rows} dòng số liệu ngày {on:%d/%m/%Y} / {rows} rows written")
