from collections.abc import Iterator
from pathlib import Path

import pytest

from .drill import DrillSite, make_site


@pytest.fixture
def drill_site(
    transactional_db: None, audit_truncate_allowed: None, tmp_path: Path
) -> Iterator[DrillSite]:
    """A migrated, empty site of the drills' own (never pytest's test database), dropped after.

    It is copied from pytest's test database, which must then hold no open transaction (the
    SQLite backup API would wait for it): so the drills are transactional tests, and the audit
    tables' append-only triggers let the TRUNCATE that ends them through (chibo.testing.e2e).
    Modules using it carry `pytest.mark.django_db(transaction=True)`, so that pytest sets its
    database up at all."""
    site = make_site(tmp_path)
    try:
        yield site
    finally:
        site.drop()
