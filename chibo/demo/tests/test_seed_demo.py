from collections import Counter
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from chibo.access.models import Grant, User
from chibo.access.roles import Role
from chibo.audit.models import AuditEvent
from chibo.core.text import fold
from chibo.demo.seed import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    MEMBERS_PER_BRANCH,
    WARD_COUNT,
    hcmc_wards,
    plan_demo,
    seed_demo,
)
from chibo.members.models import ACTIVE_STATUSES, Member, MemberStatus
from chibo.org.models import OrgUnit, UnitEvent, UnitKind
from chibo.org.rules import may_hold

N = 600
SEED = 7
TODAY = date(2026, 3, 1)
BRANCH_KINDS = (UnitKind.BRANCH, UnitKind.GRASSROOTS_BRANCH)


@pytest.fixture
def seeded(db):
    return seed_demo(members=N, seed=SEED, today=TODAY)


def _parent_path(unit: OrgUnit) -> str:
    return unit.path[: -OrgUnit.steplen]


def test_same_seed_same_plan_other_seed_other_plan():
    def signature(seed: int) -> tuple[list[tuple[str, str, str, str]], list[tuple[str, ...]]]:
        plan = plan_demo(members=N, seed=seed, today=TODAY)
        return (
            [(u.code, u.name, u.kind, u.rel_path) for u in plan.units],
            [(m.unit_code, m.full_name, m.card_number, str(m.birth_date)) for m in plan.members],
        )

    assert signature(SEED) == signature(SEED)
    assert signature(SEED) != signature(SEED + 1)


def test_seed_writes_the_plan(seeded):
    plan = plan_demo(members=N, seed=SEED, today=TODAY)
    assert sorted(OrgUnit.objects.exclude(depth=1).values_list("code", "name")) == sorted(
        (u.code, u.name) for u in plan.units
    )
    assert sorted(Member.objects.values_list("full_name", "card_number")) == sorted(
        (m.full_name, m.card_number) for m in plan.members
    )


def test_thirty_real_wards_of_ho_chi_minh_city(seeded):
    root = OrgUnit.objects.get(depth=1)
    assert (root.code, root.kind) == ("HCM", UnitKind.PROVINCIAL_COMMITTEE)
    wards = list(OrgUnit.objects.filter(kind=UnitKind.UPPER_GRASSROOTS))
    assert len(wards) == WARD_COUNT
    real = {str(int(w.code)): w.name for w in hcmc_wards()}
    for ward in wards:
        assert ward.depth == 2
        assert ward.admin_code_scheme == "post_2025"
        assert ward.name == f"Đảng bộ {real[ward.admin_code]}"
    names = {w.name for w in wards}
    assert {"Đảng bộ Phường Sài Gòn", "Đảng bộ Phường Bến Thành"} <= names
    found = OrgUnit.objects.filter(search_name__contains="phuong sai gon")
    assert [u.name for u in found] == ["Đảng bộ Phường Sài Gòn"]


def test_tree_is_sound_and_kinds_obey_the_rules(seeded):
    assert all(not problems for problems in OrgUnit.objects.find_problems())
    units = list(OrgUnit.objects.all())
    by_path = {u.path: u for u in units}
    children = Counter(_parent_path(u) for u in units if u.depth > 1)
    for unit in units:
        parent = by_path.get(_parent_path(unit))
        assert may_hold(parent.kind if parent else None, unit.kind, unit.founded_on)
        assert unit.numchild == children[unit.path]
        if unit.kind in BRANCH_KINDS:
            assert unit.numchild == 0
    kinds = Counter(u.kind for u in units)
    assert kinds[UnitKind.GRASSROOTS_COMMITTEE] > 0 and kinds[UnitKind.GRASSROOTS_BRANCH] > 0
    assert len({u.code for u in units}) == len(units)
    assert UnitEvent.objects.filter(kind="created").count() == len(units)
    assert AuditEvent.objects.filter(action="org.seed_demo").count() == 1


def test_member_counts_and_branch_sizes(seeded):
    assert Member.objects.count() == N
    units = list(OrgUnit.objects.all())
    active = Counter(
        Member.objects.filter(status__in=ACTIVE_STATUSES).values_list("unit__path", flat=True)
    )
    for unit in units:
        live = sum(n for path, n in active.items() if path.startswith(unit.path))
        assert unit.member_count == live, unit.code
    branches = [u for u in units if u.kind in BRANCH_KINDS]
    assert abs(len(branches) - N / MEMBERS_PER_BRANCH) <= 2
    per_branch = Counter(Member.objects.values_list("unit_id", flat=True))
    assert set(per_branch) == {b.pk for b in branches}
    assert min(per_branch.values()) >= 3


def test_members_look_real(seeded):
    members = list(Member.objects.all())
    statuses = Counter(m.status for m in members)
    assert statuses[MemberStatus.FULL] > 0.85 * N
    assert statuses[MemberStatus.PROBATIONARY] > 0
    surnames = Counter(m.full_name.split()[0] for m in members)
    assert surnames.most_common(1)[0][0] == "Nguyễn"
    assert 0.4 < Counter(m.gender for m in members)["male"] / N < 0.7
    assert len({m.card_number for m in members}) == N
    for m in members:
        card, born, admitted = m.card_number, m.birth_date, m.admitted_on
        assert card and born and admitted
        assert m.search_name == fold(m.full_name)
        assert len(m.full_name.split()) >= 3
        assert card.isdigit() and len(card) in (8, 9)
        assert date(1945, 1, 1) <= born <= date(2006, 12, 31)
        assert (admitted.year, admitted.month, admitted.day) >= (
            born.year + 18,
            born.month,
            born.day,
        )
        if m.status == MemberStatus.PROBATIONARY:
            assert TODAY - timedelta(days=366) < admitted <= TODAY
            assert m.full_member_on is None
        else:
            assert admitted <= TODAY - timedelta(days=365)
            assert m.full_member_on is not None
            assert (m.full_member_on - admitted).days in (365, 366)


def test_demo_accounts_and_grants(seeded):
    ward = OrgUnit.objects.get(name="Đảng bộ Phường Sài Gòn")
    for account in DEMO_ACCOUNTS:
        user = User.objects.get(username=account.username)
        assert user.check_password(DEMO_PASSWORD)
        assert user.email == f"{account.username}@chibo.local"
        assert user.first_name and user.last_name
        assert list(user.grants.values_list("role", flat=True)) == [account.role]
    grant = {g.user.username: g for g in Grant.objects.select_related("user", "unit")}
    assert grant["quantri"].role == Role.SYSTEM_ADMIN and grant["quantri"].unit.depth == 1
    assert grant["vanphong"].unit.depth == 1 and grant["kiemtra"].unit.depth == 1
    assert grant["phuong"].unit == ward
    branch = grant["bithu"].unit
    assert branch.kind in BRANCH_KINDS and branch.path.startswith(ward.path)
    assert grant["dangvien"].unit == branch
    assert Member.objects.filter(unit=branch, full_name="Nguyễn Thị Mai").exists()

    out = StringIO()
    call_command("demo_accounts", stdout=out)
    text = out.getvalue()
    assert "http://127.0.0.1:8000" in text and "Đảng bộ Phường Sài Gòn" in text
    for account in DEMO_ACCOUNTS:
        assert account.username in text


def test_if_empty_is_a_no_op_the_second_time(db):
    call_command("seed_demo", "--members", "200", "--seed", "3", "--if-empty", stdout=StringIO())
    counts = (OrgUnit.objects.count(), Member.objects.count(), User.objects.count())
    assert counts[1] == 200
    out = StringIO()
    call_command("seed_demo", "--members", "200", "--if-empty", stdout=out)
    assert "bỏ qua" in out.getvalue()
    assert (OrgUnit.objects.count(), Member.objects.count(), User.objects.count()) == counts
    with pytest.raises(CommandError):
        call_command("seed_demo", "--members", "200", stdout=StringIO())


def test_demo_accounts_lists_only_existing_accounts(db):
    out = StringIO()
    call_command("demo_accounts", stdout=out)
    assert "seed_demo" in out.getvalue()
