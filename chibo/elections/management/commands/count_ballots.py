"""`manage.py count_ballots FILE.json [--on YYYY-MM-DD]`: an independent re-count from a file.

For the counting committee and for audits (issue 12): the input names the kind of congress, the
number convened and excluded, the seats, the candidates, the ballot form and every ballot; the
result is printed as JSON on stdout, counted by the same code as the app
(`chibo.elections.counting`) with the rules in force on `--on` (default: today). What the rules
allow next after a tie or too few elected is written to stderr, so stdout stays the JSON alone.
A file that breaks the format stops with a Vietnamese and English message and exit status 1.
"""

import json
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone, translation

from chibo.core.errors import DomainError
from chibo.elections.counting import COMPLETE, NEXT_STEPS, count_file


class Command(BaseCommand):
    help = "Kiểm phiếu lại từ tệp JSON / Re-count an election from a JSON file"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="tệp JSON / the JSON file ('-' for stdin)")
        parser.add_argument("--on", help="ngày bầu (YYYY-MM-DD), mặc định hôm nay / election day")

    def handle(self, *args: Any, **options: Any) -> None:
        on = timezone.localdate()
        if options.get("on"):
            try:
                on = date.fromisoformat(options["on"])
            except ValueError as exc:
                raise CommandError(f"Ngày không hợp lệ / invalid date: {options['on']}") from exc
        try:
            if options["file"] == "-":
                import sys

                text = sys.stdin.read()
            else:
                text = Path(options["file"]).read_text(encoding="utf-8")
            raw = json.loads(text)
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp / cannot read the file: {exc}") from exc
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise CommandError(f"Tệp không phải JSON / not JSON: {exc}") from exc
        try:
            result = count_file(raw, on)
        except DomainError as exc:
            words = exc.bilingual()
            raise CommandError(f"{words['detail']} / {words['detail_en']}") from exc
        self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
        if result.status != COMPLETE:
            with translation.override("vi"):
                self.stderr.write(str(NEXT_STEPS[result.status]))
