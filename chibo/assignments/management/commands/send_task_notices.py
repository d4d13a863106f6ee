"""Tell owners of tasks that fall due soon or are overdue (in the app and by e-mail).

Run it once a day (cron or a systemd timer); a task gets at most one notice of a kind a day,
so running it again the same day sends nothing twice."""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from chibo.assignments.actions.notices import NOTICES, send_task_notices


class Command(BaseCommand):
    help = "Nhắc người chủ trì nhiệm vụ sắp đến hạn và quá hạn (mỗi loại một lần mỗi ngày)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--today", help="ngày chạy (yyyy-mm-dd), mặc định hôm nay")

    def handle(self, *args: Any, today: str | None = None, **options: Any) -> None:
        try:
            day = date.fromisoformat(today) if today else None
        except ValueError as exc:
            raise CommandError("Ngày không hợp lệ (yyyy-mm-dd).") from exc
        sent = send_task_notices(actor=NOTICES, today=day)
        self.stdout.write(
            f"Đã nhắc {sent['soon']} nhiệm vụ sắp đến hạn, {sent['overdue']} nhiệm vụ quá hạn."
        )
