"""Audit: every org action leaves an event with its changes; the page shows only the viewer's
subtree; on PostgreSQL the table refuses UPDATE and DELETE."""

from datetime import date

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client

from chibo.audit.models import AuditEvent
from chibo.org import actions
from chibo.org.models import UnitKind

D = date(2026, 1, 15)


def only_event(action: str) -> AuditEvent:
    events = list(AuditEvent.objects.filter(action=action))
    assert len(events) == 1, events
    return events[0]


def test_every_org_action_is_audited_with_before_and_after(personas):
    t, actor = personas.tree, personas.hq_admin
    b3 = actions.create_unit(
        actor=actor, parent=t.g1, code="B3", name="Chi bộ 3", kind=UnitKind.BRANCH, founded_on=D
    )
    e = only_event("org.create_unit")
    assert e.actor == actor and e.unit_id == b3.pk
    assert e.changes["code"] == [None, "B3"] and e.changes["parent"] == [None, "G1"]

    actions.rename_unit(actor=actor, unit=b3, name="Chi bộ Ba", effective_on=D)
    assert only_event("org.rename_unit").changes == {"name": ["Chi bộ 3", "Chi bộ Ba"]}

    actions.move_unit(actor=actor, unit=t.g1, new_parent=t.p2, effective_on=D)
    assert only_event("org.move_unit").changes == {"parent": ["P1", "P2"]}

    b3.refresh_from_db()
    t.b2.refresh_from_db()
    actions.merge_units(actor=actor, merged=b3, survivor=t.b2, effective_on=D)
    e = only_event("org.merge_units")
    assert e.changes == {"status": ["active", "merged"], "merged_into": [None, "B2"]}
    assert e.unit_id == t.b2.pk

    t.b2.refresh_from_db()
    # A unit without members (the personas' B1 holds the member persona).
    b4 = actions.create_unit(
        actor=actor, parent=t.g1, code="B4", name="Chi bộ 4", kind=UnitKind.BRANCH, founded_on=D
    )
    actions.dissolve_unit(actor=actor, unit=b4, effective_on=D)
    assert only_event("org.dissolve_unit").changes == {"status": ["active", "dissolved"]}
    assert all(
        e.actor_label == "hq_admin" for e in AuditEvent.objects.filter(action__startswith="org.")
    )


def test_a_refused_action_is_not_audited(personas):
    before = AuditEvent.objects.count()  # the personas' members were admitted, with events
    with pytest.raises(Exception):  # noqa: B017  (which refusal does not matter here)
        actions.rename_unit(
            actor=personas.outsider, unit=personas.tree.b1, name="Khác", effective_on=D
        )
    assert AuditEvent.objects.count() == before


def _rename(personas, unit, name):
    actions.rename_unit(actor=personas.hq_admin, unit=unit, name=name, effective_on=D)


def test_audit_page_lists_only_the_viewers_subtree(personas):
    _rename(personas, personas.tree.p1, "Đảng bộ Phường Sài Gòn Mới")
    _rename(personas, personas.tree.g2, "Chi bộ Trường Bến Thành")
    outsider = Client()
    outsider.force_login(personas.outsider)
    page = outsider.get("/audit/").content.decode()
    assert "Chi bộ Trường Bến Thành" in page
    assert "Sài Gòn Mới" not in page
    hq = Client()
    hq.force_login(personas.hq_admin)
    page = hq.get("/audit/").content.decode()
    assert "Sài Gòn Mới" in page and "Chi bộ Trường Bến Thành" in page


def test_audit_api_lists_only_the_viewers_subtree(personas):
    _rename(personas, personas.tree.p1, "Đảng bộ Phường Sài Gòn Mới")
    _rename(personas, personas.tree.g2, "Chi bộ Trường Bến Thành")
    client = Client()
    client.force_login(personas.outsider)
    items = client.get("/api/v1/audit/events").json()["items"]
    assert [i["unit"] for i in items] == ["G2"]
    client.force_login(personas.branch_officer)  # no audit.view anywhere: refused, as the page
    assert client.get("/api/v1/audit/events").status_code == 403


def test_audit_page_is_forbidden_without_audit_permission(personas):
    client = Client()
    client.force_login(personas.branch_officer)
    assert client.get("/audit/").status_code == 403


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the append-only trigger exists on PostgreSQL only (SQLite is the embedded demo)",
)
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditevent SET action = 'forged' WHERE id = %s",
        "DELETE FROM audit_auditevent WHERE id = %s",
    ],
    ids=["update", "delete"],
)
def test_audit_table_is_append_only_on_postgresql(personas, sql):
    _rename(personas, personas.tree.b1, "Chi bộ Một")
    event = only_event("org.rename_unit")
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [event.pk])
    event.refresh_from_db()
    assert event.action == "org.rename_unit"
