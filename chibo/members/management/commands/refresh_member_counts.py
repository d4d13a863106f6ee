from typing import Any

from django.core.management.base import BaseCommand

from chibo.members.actions import refresh_member_counts


class Command(BaseCommand):
    help = "Tính lại số đảng viên của mọi đơn vị từ bảng đảng viên / Recompute cached member counts"

    def handle(self, *args: Any, **options: Any) -> None:
        changed = refresh_member_counts()
        self.stdout.write(f"Đã cập nhật {changed} đơn vị / {changed} units updated")
