"""Migration 0003: the grants that exist when approvals arrive stay in force, approved as of
their creation (finding 14)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from chibo.access.models import Grant


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("audit_truncate_allowed")  # the flush after a transactional test
def test_existing_grants_are_approved_as_of_their_creation(personas):
    before = {g.pk: g.created_at for g in Grant.objects.all()}
    assert before
    executor = MigrationExecutor(connection)
    executor.migrate([("access", "0002_initial")])
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    after = {g.pk: (g.created_at, g.approved_at, g.approved_by_id) for g in Grant.objects.all()}
    assert after == {pk: (created, created, None) for pk, created in before.items()}
