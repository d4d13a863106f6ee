"""The test personas and members are built as production builds them (issue 10, finding 7)."""

from datetime import date

import pytest

from chibo.access import policy
from chibo.access.roles import Perm, Role
from chibo.members.actions import recompute_member_states
from chibo.members.models import EventKind, MemberStatus
from chibo.testing.personas import admit_member_persona, make_member


def test_the_member_persona_is_a_real_member_of_b1(personas):
    assert personas.member_record is None  # by default B1 holds no member
    record = admit_member_persona(personas)
    assert record.user == personas.member and record.unit == personas.tree.b1
    assert record.status == MemberStatus.FULL
    kinds = list(record.events.order_by("effective_on").values_list("kind", flat=True))
    assert kinds == [EventKind.ADMISSION, EventKind.FULL_MEMBERSHIP]
    assert policy.member_of(personas.member) == record


def test_every_persona_holds_an_effective_grant(personas):
    tree = personas.tree
    expected = {
        "hq_admin": (Perm.ORG_MANAGE, tree.hcm),
        "branch_officer": (Perm.MEMBERS_MANAGE, tree.b1),
        "outsider": (Perm.ORG_MANAGE, tree.g2),
        "member": (Perm.MEETINGS_VIEW, tree.b1),
        "inspector": (Perm.DISCIPLINE_VIEW, tree.b2),
        "leader": (Perm.AUDIT_VIEW, tree.g1),
    }
    for name, (perm, unit) in expected.items():
        assert policy.can(getattr(personas, name), perm, unit), name
    assert not policy.in_scope(personas.leader, tree.p2)
    assert not policy.in_scope(personas.member, tree.b2)
    assert policy.roles_of(personas.inspector) == {Role.INSPECTOR}


@pytest.mark.parametrize(
    ("status", "kinds"),
    [
        (MemberStatus.PROBATIONARY, [EventKind.ADMISSION]),
        (MemberStatus.FULL, [EventKind.ADMISSION, EventKind.FULL_MEMBERSHIP]),
        (
            MemberStatus.DECEASED,
            [EventKind.ADMISSION, EventKind.FULL_MEMBERSHIP, EventKind.DEATH],
        ),
        (
            MemberStatus.REMOVED,
            [EventKind.ADMISSION, EventKind.FULL_MEMBERSHIP, EventKind.REMOVAL],
        ),
    ],
)
def test_make_member_records_the_events_of_its_status(personas, status, kinds):
    member = make_member(personas.tree.b2, "Lê Thị Sự Kiện", status)
    assert member.status == status
    assert list(member.events.order_by("effective_on").values_list("kind", flat=True)) == kinds


def test_a_recompute_changes_no_fixture_member(personas):
    tree = personas.tree
    make_member(tree.b1, "Nguyễn Văn An")
    make_member(tree.b2, "Trần Thị Bình", MemberStatus.PROBATIONARY, admitted_on=date(2025, 9, 1))
    make_member(tree.g2, "Lê Văn Cường", MemberStatus.WITHDRAWN)
    assert recompute_member_states() == 0


def test_make_member_without_a_manager_in_the_tree_records_through_a_clerk(db):
    from chibo.testing.personas import build_tree

    tree = build_tree()
    member = make_member(tree.g2, "Phạm Thị Dung")
    recorder = member.events.get(kind=EventKind.ADMISSION).recorded_by
    assert recorder is not None and recorder.username == "thu_ky_du_lieu"


def test_make_member_refuses_a_unit_that_holds_no_members(personas):
    from chibo.core.errors import ValidationFailed

    with pytest.raises(ValidationFailed):
        make_member(personas.tree.p1, "Lê Văn Cường")
