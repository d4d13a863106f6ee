from django.db import migrations

from chibo.core.migration_ops import postgres_only


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial")]
    operations = [
        postgres_only(
            "CREATE EXTENSION IF NOT EXISTS pg_trgm;"
            "CREATE INDEX IF NOT EXISTS members_member_search_trgm "
            "ON members_member USING gin (search_name gin_trgm_ops);",
            "DROP INDEX IF EXISTS members_member_search_trgm;",
        )
    ]
