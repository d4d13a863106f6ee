from collections import Counter
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from chibo.access import policy
from chibo.access.models import Grant, GrantRequest, User
from chibo.access.roles import Perm, Role
from chibo.audit.models import AuditEvent
from chibo.core.text import fold, name_sort_text
from chibo.demo.duplicates import COPIES
from chibo.demo.seed import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    MEMBERS_PER_BRANCH,
    WARD_COUNT,
    hcmc_wards,
    plan_demo,
    seed_demo,
)
from chibo.members.actions import recompute_member_states
from chibo.members.models import ACTIVE_STATUSES, EventKind, Member, MemberEvent, MemberStatus
from chibo.members.rules import (
    ETHNIC_GROUPS,
    Religion,
    check_citizen_id,
    full_member_from,
    parse_general_education,
)
from chibo.members.rules import (
    Gender as IdGender,
)
from chibo.org.models import OrgUnit, UnitEvent, UnitKind
from chibo.org.rules import may_hold

N = 600
SEED = 7
TODAY = date(2026, 3, 1)
BRANCH_KINDS = (UnitKind.BRANCH, UnitKind.GRASSROOTS_BRANCH)


@pytest.fixture
def seeded(db):
    # The registry as the plan made it: the data-cleaning demo (which spoils records on purpose)
    # has its own test, chibo/demo/tests/test_data_quality_demo.py.
    return seed_demo(members=N, seed=SEED, today=TODAY, data_quality=False, modules=False)


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


@pytest.mark.django_db
def test_the_modules_demo_data_keeps_the_registry_consistent():
    """With the modules' demo data (issues 11-18): every module has something to show, the only
    members beyond the plan are the candidates admitted at their ceremony (probationary, no card
    number yet), and the member events still fold to the cached state."""
    from django.apps import apps

    seed_demo(members=N, seed=SEED, today=TODAY, data_quality=False)
    plan = plan_demo(members=N, seed=SEED, today=TODAY)
    stored = list(Member.objects.values_list("full_name", "card_number"))
    planned = sorted((m.full_name, m.card_number) for m in plan.members)
    assert sorted(row for row in stored if row[1] is not None) == planned
    extra = Member.objects.filter(card_number__isnull=True)
    assert extra.count() == len(stored) - len(planned) > 0
    assert set(extra.values_list("status", flat=True)) == {MemberStatus.PROBATIONARY}
    assert recompute_member_states() == 0
    for label in (
        "assignments",
        "reports",
        "congresses",
        "elections",
        "recruitment",
        "training",
        "ratings",
        "commendations",
        "cadres",
    ):
        models = apps.get_app_config(label).get_models()
        assert any(model._default_manager.exists() for model in models), label


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
            ceremony = m.admission_ceremony_on
            assert ceremony and 3 <= (ceremony - admitted).days <= 45
            # Full from the end of the 12 months of probation counted from the ceremony.
            assert m.full_member_on == full_member_from(ceremony)


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
    # The seed's grants are in force at once (a bootstrap: nothing waits for approval), and the
    # system administrator among them reads no member data (finding 14).
    assert not GrantRequest.objects.exists()
    assert policy.can(grant["vanphong"].user, Perm.MEMBERS_VIEW_SENSITIVE, branch)
    assert not policy.can(grant["quantri"].user, Perm.MEMBERS_VIEW, branch)

    out = StringIO()
    call_command("demo_accounts", stdout=out)
    text = out.getvalue()
    assert "http://127.0.0.1:8000" in text and "Đảng bộ Phường Sài Gòn" in text
    for account in DEMO_ACCOUNTS:
        assert account.username in text


def test_if_empty_is_a_no_op_the_second_time(db):
    call_command("seed_demo", "--members", "200", "--seed", "3", "--if-empty", stdout=StringIO())
    counts = (OrgUnit.objects.count(), Member.objects.count(), User.objects.count())
    # The planned members, plus the damaged copies the duplicates demo adds for the review queue.
    assert 200 < counts[1] <= 200 + COPIES
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


def test_members_have_full_records(seeded):
    members = list(Member.objects.select_related("unit"))
    city_wards = {str(int(w.code)) for w in hcmc_wards()}
    ethnic_codes = {g.code for g in ETHNIC_GROUPS}
    citizen_ids = [m.citizen_id for m in members if m.citizen_id]
    assert len(citizen_ids) == len(set(citizen_ids)) > 0.95 * N
    for m in members:
        assert m.sort_name == name_sort_text(m.full_name)
        assert m.search_name == fold(m.full_name)
        assert m.place_of_birth.count(", ") == 2 and m.home_town.count(", ") == 2
        assert m.permanent_admin_scheme == m.current_admin_scheme == "post_2025"
        assert {m.permanent_admin_code, m.current_admin_code} <= city_wards
        assert m.permanent_address.endswith("Thành phố Hồ Chí Minh")
        assert m.ethnicity in ethnic_codes
        assert m.religion in Religion.values
        assert parse_general_education(m.general_education).completed_lower_secondary()
        assert len(m.sponsors.split(", ")) == 2
        if m.citizen_id:
            number, born = m.citizen_id, m.birth_date
            assert born is not None
            assert len(number) == 12 and number.isdigit()
            # 4th digit: even for men, odd for women; 0/1 born in the 1900s, 2/3 in the 2000s.
            assert int(number[3]) % 2 == (0 if m.gender == "male" else 1)
            assert int(number[3]) // 2 == born.year // 100 - 19
            assert number[4:6] == f"{born.year % 100:02d}"
            assert check_citizen_id(number, gender=IdGender(m.gender), birth_year=born.year) == []
        if m.status in ACTIVE_STATUSES:
            assert len(m.phone) == 10 and m.phone.startswith("0") and m.phone.isdigit()
        if m.email:
            assert m.email.split("@")[1].startswith("example.")
    ethnicities = Counter(m.ethnicity for m in members)
    assert ethnicities.most_common(1)[0][0] == "01" and len(ethnicities) > 2
    assert Counter(m.religion for m in members).most_common(1)[0][0] == Religion.NONE
    occupations = {
        (
            m.unit.name.startswith("Chi bộ Khu phố") or m.unit.name.startswith("Chi bộ Ấp"),
            m.occupation,
        )
        for m in members
    }
    assert (True, "Hưu trí") in occupations and (False, "Hưu trí") not in occupations
    assert any(m.other_names for m in members)
    branches = {m.unit_id for m in members}
    secretaries = Counter(m.unit_id for m in members if m.party_position == "Bí thư chi bộ")
    assert set(secretaries) == branches and set(secretaries.values()) == {1}
    assert Member.objects.get(full_name="Nguyễn Văn Tâm").party_position == "Bí thư chi bộ"


def test_event_history_matches_the_cached_state(seeded):
    counts = dict(OrgUnit.objects.values_list("code", "member_count"))
    assert recompute_member_states() == 0
    assert dict(OrgUnit.objects.values_list("code", "member_count")) == counts
    kinds = Counter(MemberEvent.objects.values_list("kind", flat=True))
    assert kinds[EventKind.ADMISSION] == N
    for kind in (
        EventKind.TRANSFER_OUT,
        EventKind.TEMPORARY_OUT,
        EventKind.TEMPORARY_RETURN,
        EventKind.EXEMPTION,
        EventKind.DEATH,
        EventKind.REMOVAL,
    ):
        assert kinds[kind] > 0, kind
    assert kinds[EventKind.TRANSFER_IN] == kinds[EventKind.TRANSFER_OUT]
    assert 1.5 < sum(kinds.values()) / N < 3
    for m in Member.objects.prefetch_related("events"):
        events = sorted(m.events.all(), key=lambda e: (e.effective_on, e.pk))
        first = events[0]
        assert (first.kind, first.effective_on) == (EventKind.ADMISSION, m.admitted_on)
        assert first.details["ceremony_on"] == (
            m.admission_ceremony_on.isoformat() if m.admission_ceremony_on else None
        )
        days = [e.effective_on for e in events]
        assert days == sorted(set(days)) and days[-1] < TODAY
        if m.full_member_on:
            full = next(e for e in events if e.kind == EventKind.FULL_MEMBERSHIP)
            assert full.details["full_from"] == m.full_member_on.isoformat()
            assert full.effective_on >= m.full_member_on


def test_recompute_sees_a_cache_that_disagrees_with_the_events(seeded):
    member = Member.objects.filter(status=MemberStatus.FULL, is_exempt=False).first()
    assert member is not None
    Member.objects.filter(pk=member.pk).update(status=MemberStatus.REMOVED, is_exempt=True)
    assert recompute_member_states() == 1
    member.refresh_from_db()
    assert (member.status, member.is_exempt) == (MemberStatus.FULL, False)
