"""`manage.py export_members OUT.csv --unit CODE`

Writes the members of unit CODE's subtree in the import template's columns, with normalised
values (dates dd/mm/yyyy, or mm/yyyy / yyyy when only that is known; names of ethnic groups,
religions and theory levels; the branch's code), UTF-8 with a byte-order mark so Excel reads the
marks. `Mã hồ sơ` is the source's own key when an import brought one, else "CBS-<member id>".
Cells that a spreadsheet would read as a formula are escaped with a leading apostrophe.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chibo.core.errors import DomainError
from chibo.data_quality.importing.cli import CommandLineActor, unit_by_code
from chibo.data_quality.importing.exports import write_members_csv


class Command(BaseCommand):
    help = "Xuất danh sách đảng viên theo mẫu nhập / Export members in the template's columns"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("out")
        parser.add_argument("--unit", required=True, help="mã đơn vị / unit code")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            unit = unit_by_code(options["unit"])
            actor = CommandLineActor.for_command("export_members")
            with open(options["out"], "w", encoding="utf-8-sig", newline="") as out:
                count = write_members_csv(actor, unit, out)
        except DomainError as exc:
            raise CommandError(exc.text()) from exc
        self.stdout.write(f"Đã xuất {count} đảng viên / {count} members written")
