"""`manage.py create_token USERNAME [--name NAME]`: a personal access token for scripts.

Prints only the raw token, so `TOKEN=$(python manage.py create_token vanphong)` works.

The token is created by the owner themself (actor = owner): whoever can run manage.py on the
server already has the database, so there is no grant to check, and the action's own rule (a user
manages their own tokens) holds without inventing a "system" actor. The audit event names the
owner as actor; the action name `access.create_token` and the token name tell it apart.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chibo.access import actions, queries
from chibo.core.errors import DomainError


class Command(BaseCommand):
    help = "Tạo khóa truy cập API cho một người dùng / Create an API access token for a user"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="Dòng lệnh (command line)")

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"]
        owner = queries.user_named(username)
        if owner is None:
            raise CommandError(
                f"Không tìm thấy người dùng “{username}”. / No user named “{username}”."
            )
        if not owner.is_active:
            raise CommandError(
                f"Tài khoản “{username}” đã bị khóa. / The account “{username}” is inactive."
            )
        try:
            _token, raw = actions.create_token(actor=owner, owner=owner, name=options["name"])
        except DomainError as exc:
            bilingual = exc.bilingual()
            raise CommandError(f"{bilingual['detail']} / {bilingual['detail_en']}") from exc
        self.stdout.write(raw)
