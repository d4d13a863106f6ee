"""PostgreSQL full-text search of the registry: an `unaccent` configuration and a generated
tsvector column with a GIN index. SQLite searches `search_text` (already folded) instead."""

from django.db import migrations

from chibo.core.migration_ops import postgres_only

FORWARD = """
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'chibo_unaccent') THEN
        CREATE TEXT SEARCH CONFIGURATION chibo_unaccent (COPY = simple);
        ALTER TEXT SEARCH CONFIGURATION chibo_unaccent
            ALTER MAPPING FOR word, hword, hword_part, numword, numhword, hword_numpart
            WITH unaccent, simple;
    END IF;
END
$$;
ALTER TABLE documents_document ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('chibo_unaccent'::regconfig, coalesce(title, '')), 'A')
    || setweight(to_tsvector('chibo_unaccent'::regconfig, coalesce(search_text, '')), 'D')
) STORED;
CREATE INDEX documents_document_search_vector ON documents_document USING gin (search_vector);
"""

REVERSE = """
DROP INDEX IF EXISTS documents_document_search_vector;
ALTER TABLE documents_document DROP COLUMN IF EXISTS search_vector;
"""


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [postgres_only(FORWARD, REVERSE)]
