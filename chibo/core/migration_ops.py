"""Migration operations that only apply on PostgreSQL (SQLite, the embedded default, skips them)."""

from collections.abc import Callable
from typing import Any

from django.db import migrations


def postgres_only(forward_sql: str, reverse_sql: str) -> migrations.RunPython:
    def run(sql: str) -> Callable[[Any, Any], None]:
        def apply(apps: Any, schema_editor: Any) -> None:
            if schema_editor.connection.vendor == "postgresql":
                schema_editor.execute(sql, params=None)

        return apply

    return migrations.RunPython(run(forward_sql), run(reverse_sql))
