"""`manage.py calendar_adjustment add|remove|list`: the government's days off and working days.

    manage.py calendar_adjustment add 2025-01-27 --kind day_off --actor quantri \\
        --reason "Nghỉ Tết Ất Tỵ" --source "Thông báo .../TB-BLĐTBXH"
    manage.py calendar_adjustment remove 2025-01-27 --actor quantri
    manage.py calendar_adjustment list [--year 2025]

`add` and `remove` go through the actions in chibo.calendar.actions, so `--actor` must name a system
administrator (see that module); `list` reads only the national calendar, which is public.
With `--year`, `list` also prints every weekday off and every working weekend day of that year.
"""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chibo.calendar import actions, queries
from chibo.core import workdays
from chibo.core.errors import DomainError
from chibo.core.models import CalendarAdjustment


def _date(value: str) -> date:
    for parse in (date.fromisoformat, _vietnamese_date):
        try:
            return parse(value)
        except ValueError:
            continue
    raise CommandError(f"Ngày không hợp lệ: “{value}” (YYYY-MM-DD hoặc DD/MM/YYYY).")


def _vietnamese_date(value: str) -> date:
    day, month, year = (int(part) for part in value.split("/"))
    return date(year, month, day)


class Command(BaseCommand):
    help = (
        "Điều chỉnh lịch làm việc (nghỉ bù, làm bù) / Calendar adjustments (days off, working days)"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="operation", required=True)
        add = sub.add_parser("add", help="thêm hoặc sửa / add or replace")
        add.add_argument("date")
        add.add_argument("--kind", required=True, choices=CalendarAdjustment.Kind.values)
        add.add_argument("--reason", required=True)
        add.add_argument("--source", required=True, help="quyết định, thông báo / the decision")
        add.add_argument("--actor", required=True, help="tên đăng nhập quản trị hệ thống")
        remove = sub.add_parser("remove", help="xóa / remove")
        remove.add_argument("date")
        remove.add_argument("--actor", required=True, help="tên đăng nhập quản trị hệ thống")
        show = sub.add_parser("list", help="liệt kê / list")
        show.add_argument("--year", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        operation = options["operation"]
        if operation == "list":
            self._list(options.get("year"))
            return
        actor = self._actor(options["actor"])
        day = _date(options["date"])
        try:
            if operation == "add":
                adjustment = actions.set_calendar_adjustment(
                    actor=actor,
                    day=day,
                    kind=options["kind"],
                    reason=options["reason"],
                    source=options["source"],
                )
                self.stdout.write(f"{adjustment}: {adjustment.reason} ({adjustment.source})")
            else:
                actions.remove_calendar_adjustment(actor=actor, day=day)
                self.stdout.write(f"Đã xóa điều chỉnh ngày {day:%d/%m/%Y}.")
        except DomainError as exc:
            bilingual = exc.bilingual()
            raise CommandError(f"{bilingual['detail']} / {bilingual['detail_en']}") from exc

    def _actor(self, username: str) -> Any:
        user = queries.active_user_named(username)
        if user is None:
            raise CommandError(f"Không tìm thấy người dùng “{username}”. / No user “{username}”.")
        return user

    def _list(self, year: int | None) -> None:
        for row in queries.adjustments(year):
            self.stdout.write(f"{row.date:%Y-%m-%d}\t{row.kind}\t{row.reason}\t{row.source}")
        if year is None:
            return
        self.stdout.write(f"\nNgày nghỉ và ngày làm bù năm {year}:")
        calendar = workdays.load_calendar()
        for day, why in workdays.days_off_in(year, calendar=calendar):
            self.stdout.write(f"{day:%Y-%m-%d}\t{day:%a}\t{why}")
