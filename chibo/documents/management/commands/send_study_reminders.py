"""Remind members who have not finished a study campaign a few days before its deadline.

Run it daily (cron or a scheduler); each member is reminded once per campaign, so running it
again the same day, or every day, sends nothing twice.
"""

from typing import Any

from django.core.management.base import BaseCommand

from chibo.documents.study.actions import REMINDER_DAYS, send_study_reminders


class Command(BaseCommand):
    help = "Nhắc đảng viên chưa hoàn thành học tập, quán triệt trước hạn (mỗi người một lần)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=REMINDER_DAYS,
            help="nhắc khi còn từ 0 đến N ngày đến hạn (mặc định %(default)s)",
        )

    def handle(self, *args: Any, days: int, **options: Any) -> None:
        sent = send_study_reminders(days=days)
        self.stdout.write(f"Đã nhắc {sent} đảng viên.")
