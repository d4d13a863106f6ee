"""The search vector without positions and weights (`strip`): lists are ordered by date, never
ranked, so positions only made every row's vector ~2 kB to decompress when a filter has to test
it row by row (bench/RESULTS.md, documents search). Also tells the planner that matching a
vector is not as cheap as comparing two columns."""

from django.db import migrations

from chibo.core.migration_ops import postgres_only

FORWARD = """
DROP INDEX IF EXISTS documents_document_search_vector;
ALTER TABLE documents_document DROP COLUMN IF EXISTS search_vector;
ALTER TABLE documents_document ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    strip(to_tsvector('chibo_unaccent'::regconfig, coalesce(search_text, '')))
) STORED;
CREATE INDEX documents_document_search_vector ON documents_document USING gin (search_vector);
-- Matching a vector costs far more than comparing two dates, but the function is declared at the
-- default cost of a plain operator, so the planner tests it first on every row. Needs ownership
-- of the function (a superuser); without it the database keeps the default and searches are
-- only slower (bench/RESULTS.md).
DO $$
BEGIN
    ALTER FUNCTION ts_match_vq(tsvector, tsquery) COST 20;
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'ts_match_vq cost left at its default (not the owner)';
END
$$;
"""

REVERSE = """
DO $$
BEGIN
    ALTER FUNCTION ts_match_vq(tsvector, tsquery) COST 1;
EXCEPTION WHEN insufficient_privilege THEN
    NULL;
END
$$;
DROP INDEX IF EXISTS documents_document_search_vector;
ALTER TABLE documents_document DROP COLUMN IF EXISTS search_vector;
ALTER TABLE documents_document ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('chibo_unaccent'::regconfig, coalesce(title, '')), 'A')
    || setweight(to_tsvector('chibo_unaccent'::regconfig, coalesce(search_text, '')), 'D')
) STORED;
CREATE INDEX documents_document_search_vector ON documents_document USING gin (search_vector);
"""


class Migration(migrations.Migration):
    dependencies = [("documents", "0004_replaced_from")]

    operations = [postgres_only(FORWARD, REVERSE)]
