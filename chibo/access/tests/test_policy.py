"""The shared policy questions (issue 10, finding 3): one object by key (404 outside scope, 403
in scope without the permission), a unit by code, the member record of a login, in scope or
above, and the field rules with their read log."""

import pytest

from chibo.access import policy
from chibo.access.models import User
from chibo.access.policy import MASK, Sensitive
from chibo.access.roles import Perm, Role
from chibo.audit.models import SensitiveRead
from chibo.core.errors import Forbidden, NotFound
from chibo.members.models import Member
from chibo.org.models import OrgUnit
from chibo.testing.personas import make_member, make_user


def fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)


@pytest.fixture
def an(personas) -> Member:
    return make_member(personas.tree.b1, "Nguyễn Văn An", actor=personas.hq_admin)


# --- get_for_user ---------------------------------------------------------------------------------


def test_get_for_user_finds_the_row_in_scope_with_the_permission(personas, an):
    found = policy.get_for_user(
        personas.branch_officer, Member.objects.all(), an.pk, Perm.MEMBERS_VIEW
    )
    assert found == an


def test_get_for_user_is_404_outside_scope_on_every_permission(personas, an):
    for perm in (Perm.MEMBERS_VIEW, Perm.ORG_VIEW):
        with pytest.raises(NotFound):
            policy.get_for_user(personas.outsider, Member.objects.all(), an.pk, perm)


def test_get_for_user_is_403_in_scope_without_the_permission(personas, an):
    with pytest.raises(Forbidden):  # a plain member of B1: org.view only
        policy.get_for_user(personas.member, Member.objects.all(), an.pk, Perm.MEMBERS_VIEW)


@pytest.mark.parametrize("pk", [999_999, "abc", None, 2**70])
def test_get_for_user_is_404_for_absent_or_malformed_keys(personas, pk):
    with pytest.raises(NotFound):
        policy.get_for_user(personas.hq_admin, Member.objects.all(), pk, Perm.MEMBERS_VIEW)


def test_get_for_user_uses_the_callers_message(personas):
    with pytest.raises(NotFound, match="Không có biên bản"):
        policy.get_for_user(
            personas.hq_admin,
            Member.objects.all(),
            0,
            Perm.MEMBERS_VIEW,
            not_found="Không có biên bản",
        )


def test_get_for_user_with_ancestors_admits_rows_owned_above(personas):
    t, officer = personas.tree, personas.branch_officer
    units = OrgUnit.objects.all()
    # A unit above the officer's branch: out of scope, unless rows owned above count.
    with pytest.raises(NotFound):
        policy.get_for_user(officer, units, t.g1.pk, Perm.ORG_VIEW, via="")
    assert policy.get_for_user(officer, units, t.g1.pk, Perm.ORG_VIEW, via="", with_ancestors=True)
    # Above, but without the permission on the line through the reach: 403.
    with pytest.raises(Forbidden):
        policy.get_for_user(
            officer, units, t.hcm.pk, Perm.DOCUMENTS_MANAGE, via="", with_ancestors=True
        )
    # A sibling branch is neither in scope nor above: 404.
    with pytest.raises(NotFound):
        policy.get_for_user(officer, units, t.b2.pk, Perm.ORG_VIEW, via="", with_ancestors=True)


# --- units by code --------------------------------------------------------------------------------


def test_find_unit_normalises_the_code(personas):
    assert policy.find_unit("  b1 ") == personas.tree.b1
    assert policy.find_unit("") is None
    assert policy.find_unit("nope") is None


def test_unit_for_user_is_404_outside_and_403_without_permission(personas):
    assert (
        policy.unit_for_user(personas.branch_officer, "b1", Perm.MEMBERS_VIEW) == personas.tree.b1
    )
    with pytest.raises(NotFound):
        policy.unit_for_user(personas.outsider, "B1", Perm.ORG_VIEW)
    with pytest.raises(NotFound):
        policy.unit_for_user(personas.hq_admin, "KHONG_CO", Perm.ORG_VIEW)
    with pytest.raises(Forbidden):
        policy.unit_for_user(personas.member, "B1", Perm.MEMBERS_VIEW)


# --- in scope or above ----------------------------------------------------------------------------


def test_in_scope_or_above(personas):
    t, officer = personas.tree, personas.branch_officer
    assert policy.in_scope_or_above(officer, t.b1)
    assert policy.in_scope_or_above(officer, t.hcm)  # above
    assert not policy.in_scope_or_above(officer, t.b2)  # a sibling
    assert not policy.in_scope_or_above(officer, t.p2)
    assert policy.in_scope_or_above(officer, t.hcm, Perm.MEETINGS_MANAGE)
    assert not policy.in_scope_or_above(officer, t.hcm, Perm.DOCUMENTS_MANAGE)
    policy.require_in_scope_or_above(officer, Perm.MEETINGS_VIEW, t.p1)
    with pytest.raises(NotFound):
        policy.require_in_scope_or_above(officer, Perm.MEETINGS_VIEW, t.g2)
    with pytest.raises(Forbidden):
        policy.require_in_scope_or_above(officer, Perm.DOCUMENTS_MANAGE, t.p1)


def test_scope_with_ancestors_of_units_themselves(personas):
    t = personas.tree
    seen = policy.scope_with_ancestors(personas.branch_officer, OrgUnit.objects.all(), via="")
    assert set(seen) == {t.hcm, t.p1, t.g1, t.b1}


def test_reach_paths_fold_nested_grants(personas):
    t = personas.tree
    both = make_user("both", (t.p1, Role.INSPECTOR), (t.b1, Role.BRANCH_SECRETARY))
    assert policy.reach_paths(both) == [t.p1.path]
    assert policy.reach_paths(both, Perm.MEMBERS_MANAGE) == [t.b1.path]
    assert policy.reach_paths(both, Perm.ACCESS_MANAGE) == []


# --- the member record of a login -----------------------------------------------------------------


def test_member_of_is_the_active_record_and_is_cached(personas, django_assert_num_queries):
    login = personas.member
    record = make_member(personas.tree.b1, "Đoàn Thị Mai", actor=personas.hq_admin, user=login)
    user = fresh(login)
    with django_assert_num_queries(1):
        assert policy.member_of(user) == record
        assert policy.member_of(user) == record
        assert policy.member_id_of(user) == record.pk
    policy.forget(user)
    with django_assert_num_queries(1):
        policy.member_of(user)


def test_member_of_is_none_for_logins_without_an_active_record(personas, db):
    from django.contrib.auth.models import AnonymousUser

    assert policy.member_of(AnonymousUser()) is None
    assert policy.member_of(None) is None
    assert policy.member_of(fresh(personas.hq_admin)) is None
    gone = make_member(
        personas.tree.b1, "Lê Văn Cũ", "deceased", actor=personas.hq_admin, user=personas.member
    )
    assert gone.status == "deceased"
    assert policy.member_of(fresh(personas.member)) is None


# --- field rules ----------------------------------------------------------------------------------


def test_may_read_follows_the_field_rules(personas, an):
    b1 = personas.tree.b1
    assert policy.may_read(personas.hq_admin, Sensitive.CITIZEN_ID, unit=b1)
    assert not policy.may_read(personas.branch_officer, Sensitive.CITIZEN_ID, unit=b1)
    assert policy.may_read(personas.branch_officer, Sensitive.RATING, unit=b1)
    assert not policy.may_read(personas.branch_officer, Sensitive.DISCIPLINE, unit=b1)
    assert policy.may_read(personas.inspector, Sensitive.DISCIPLINE, unit=b1)
    assert not policy.may_read(personas.outsider, Sensitive.CITIZEN_ID, unit=b1)
    assert not policy.may_read(personas.hq_admin, Sensitive.CITIZEN_ID, unit=None)
    # The member themselves, whatever their grants.
    member = personas.member
    assert policy.may_read(member, Sensitive.DUES, unit=b1, owner_user_id=member.pk)
    assert not policy.may_read(member, Sensitive.DUES, unit=b1, owner_user_id=personas.hq_admin.pk)
    assert not policy.can_read_sensitive(personas.branch_officer, an)
    assert policy.can_read_sensitive(personas.hq_admin, an)


def test_mask():
    assert policy.mask("079123456789") == MASK
    assert policy.mask("") == "" and policy.mask(None) == ""


def test_reveal_logs_exactly_the_revealed_records_of_other_people(personas, an):
    t = personas.tree
    own = make_member(t.b1, "Đoàn Thị Mai", actor=personas.hq_admin, user=personas.hq_admin)
    far = make_member(t.g2, "Trần Văn Xa", actor=personas.outsider)
    records = list(Member.objects.filter(pk__in=[an.pk, own.pk, far.pk]).select_related("unit"))

    shown = policy.reveal(personas.hq_admin, Sensitive.CITIZEN_ID, records, reason="test")
    assert shown == {an.pk, own.pk, far.pk}
    reads = SensitiveRead.objects.filter(actor=personas.hq_admin)
    # The reader's own record is shown without a log line; the others, one line each.
    assert sorted(reads.values_list("target_id", flat=True)) == sorted([str(an.pk), str(far.pk)])
    assert {r.reason for r in reads} == {"test (citizen_id)"}
    assert {r.target_type for r in reads} == {"members.member"}
    assert {(r.target_id, r.unit_id) for r in reads} == {
        (str(an.pk), t.b1.pk),
        (str(far.pk), t.g2.pk),
    }

    # Without the field's permission: nothing shown, nothing logged.
    assert (
        policy.reveal(personas.branch_officer, Sensitive.CITIZEN_ID, records, reason="x") == set()
    )
    assert not SensitiveRead.objects.filter(actor=personas.branch_officer).exists()
    # Outside the reader's scope: only what is in scope.
    assert policy.reveal(personas.outsider, Sensitive.CITIZEN_ID, records, reason="x") == {far.pk}
    assert SensitiveRead.objects.filter(actor=personas.outsider).count() == 1


def test_reveal_logs_in_one_insert(personas, an, django_assert_num_queries):
    others = [
        make_member(personas.tree.b1, f"Người {n}", actor=personas.hq_admin) for n in range(3)
    ]
    records = list(
        Member.objects.filter(pk__in=[an.pk, *(o.pk for o in others)]).select_related("unit")
    )
    reader = fresh(personas.hq_admin)
    policy.reaches(reader)  # grants loaded once per request
    with django_assert_num_queries(1):
        shown = policy.reveal(reader, Sensitive.CITIZEN_ID, records, reason="bulk")
    assert len(shown) == 4 and SensitiveRead.objects.filter(reason="bulk (citizen_id)").count() == 4


def test_reveal_with_custom_unit_and_owner(personas, an):
    """Records that are not member rows (an import row, a dues line) say where their member is."""

    class Row:
        def __init__(self, pk: int) -> None:
            self.pk = pk
            self._meta = Member._meta

    rows = [Row(an.pk)]
    shown = policy.reveal(
        personas.member,
        Sensitive.DUES,
        rows,
        reason="dues",
        unit_of=lambda r: personas.tree.b1,
        owner_of=lambda r: personas.member.pk,
    )
    assert shown == {an.pk} and not SensitiveRead.objects.exists()
