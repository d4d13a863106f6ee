from datetime import date

from chibo.members import actions
from chibo.members.models import EventKind
from chibo.members.queries.transfers import pending_transfers


def _admit(personas):
    return actions.admit_member(
        actor=personas.hq_admin,
        unit=personas.tree.b1,
        full_name="Hồ Văn Nam",
        gender="male",
        birth_date=date(1985, 1, 1),
        decision_on=date(2020, 1, 6),
    )


def test_transfer_deadlines_in_working_days(personas):
    member = _admit(personas)
    event = actions.record_event(
        actor=personas.hq_admin,
        member=member,
        kind=EventKind.TRANSFER_OUT,
        effective_on=date(2026, 1, 23),
        to_unit=personas.tree.g2,
        details={"cause_on": "2025-10-01"},
    )
    # 30 working days after Friday 23/1/2026, skipping weekends and the Tết holidays of 2026.
    assert event.details["report_by"] == "2026-03-13"
    assert event.details["started_late"] is True  # 60 working days after 1/10/2025 had passed


def test_overdue_transfers_listed_for_sender_and_receiver_until_received(personas):
    member = _admit(personas)
    actions.record_event(
        actor=personas.hq_admin,
        member=member,
        kind=EventKind.TRANSFER_OUT,
        effective_on=date(2026, 1, 23),
        to_unit=personas.tree.g2,
    )
    assert pending_transfers(personas.branch_officer, on=date(2026, 3, 13), overdue_only=True) == []
    overdue = pending_transfers(personas.branch_officer, on=date(2026, 3, 16), overdue_only=True)
    assert [p.event.member.full_name for p in overdue] == ["Hồ Văn Nam"]
    assert len(pending_transfers(personas.outsider, on=date(2026, 3, 16))) == 1  # receiving side
    actions.record_event(
        actor=personas.outsider,
        member=member,
        kind=EventKind.TRANSFER_IN,
        effective_on=date(2026, 3, 20),
        to_unit=personas.tree.g2,
    )
    assert pending_transfers(personas.hq_admin, on=date(2026, 4, 1)) == []


def test_transfers_page_lists_overdue(client, personas):
    member = _admit(personas)
    actions.record_event(
        actor=personas.hq_admin,
        member=member,
        kind=EventKind.TRANSFER_OUT,
        effective_on=date(2026, 1, 23),
        to_unit=personas.tree.g2,
    )
    client.force_login(personas.branch_officer)
    page = client.get("/members/transfers/", {"overdue": "1"}).content.decode()
    assert "Hồ Văn Nam" in page and "Quá hạn" in page
