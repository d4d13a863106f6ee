from django.db import migrations

from chibo.core.migration_ops import postgres_only


class Migration(migrations.Migration):
    dependencies = [("org", "0001_initial")]
    operations = [
        postgres_only(
            "CREATE EXTENSION IF NOT EXISTS pg_trgm;"
            "CREATE INDEX IF NOT EXISTS org_orgunit_search_trgm "
            "ON org_orgunit USING gin (search_name gin_trgm_ops);",
            "DROP INDEX IF EXISTS org_orgunit_search_trgm;",
        )
    ]
