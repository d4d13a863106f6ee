"""Every members action authorises itself; none trusts its caller to have stripped what the
actor may not write (issue 10, finding 4)."""

from datetime import date

import pytest

from chibo.access.roles import Role
from chibo.audit.models import AuditEvent
from chibo.core.errors import Forbidden, NotFound
from chibo.members import actions
from chibo.members.models import Member, MemberEvent
from chibo.testing.personas import make_user

CITIZEN_ID = "079090001234"  # a man born in 1990 in Ho Chi Minh City


def _admit(actor, unit, **profile):
    return actions.admit_member(
        actor=actor,
        unit=unit,
        full_name="Hoàng Văn Khang",
        gender="male",
        birth_date=date(1990, 4, 5),
        decision_on=date(2024, 3, 1),
        **profile,
    )


def _nothing_written(before_members: int, before_events: int) -> None:
    assert Member.objects.count() == before_members
    assert MemberEvent.objects.count() == before_events
    assert not AuditEvent.objects.filter(action="members.admit_member").exists()


def test_admission_with_a_citizen_id_needs_view_sensitive(personas):
    """A branch secretary manages members but may not read citizen IDs: the action refuses the
    ID itself (before, the view stripped it and the action took whatever it was given)."""
    counts = (Member.objects.count(), MemberEvent.objects.count())
    with pytest.raises(Forbidden) as refused:
        _admit(personas.branch_officer, personas.tree.b1, citizen_id=CITIZEN_ID)
    assert refused.value.field == "citizen_id"
    _nothing_written(*counts)


def test_admission_without_a_citizen_id_is_the_secretarys_to_make(personas):
    member = _admit(personas.branch_officer, personas.tree.b1, citizen_id="")
    assert member.citizen_id == ""


def test_admission_with_a_citizen_id_by_a_reader_of_it(personas):
    member = _admit(personas.hq_admin, personas.tree.b1, citizen_id=CITIZEN_ID)
    assert member.citizen_id == CITIZEN_ID


def test_view_sensitive_elsewhere_does_not_cover_this_branch(personas):
    """Citizen IDs readable in B2 only, admitting into B1: refused, nothing written."""
    clerk = make_user(
        "mixed_clerk",
        (personas.tree.b1, Role.BRANCH_SECRETARY),
        (personas.tree.b2, Role.COMMITTEE_STAFF),
    )
    counts = (Member.objects.count(), MemberEvent.objects.count())
    with pytest.raises(Forbidden):
        _admit(clerk, personas.tree.b1, citizen_id=CITIZEN_ID)
    _nothing_written(*counts)


def test_admission_out_of_scope_is_not_found_before_anything_else(personas):
    counts = (Member.objects.count(), MemberEvent.objects.count())
    with pytest.raises(NotFound):
        _admit(personas.outsider, personas.tree.b1, citizen_id=CITIZEN_ID)
    _nothing_written(*counts)
