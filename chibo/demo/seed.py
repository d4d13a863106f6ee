"""Demo data: a realistic slice of the Ho Chi Minh City party organisation (`manage.py seed_demo`).

Seeding is a bootstrap on an empty database run from the command line: no user exists yet to act
through the actions, and 20,000 members must load in seconds, so this module bulk-inserts what
`plan` planned: units (materialised paths computed there), their "created" events, members,
the demo accounts and their grants. The root goes through `org.actions.create_root_unit`, and one
audit event records the whole seed.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chibo.access.models import Grant, User
from chibo.access.roles import ROLE_LABELS, Role
from chibo.audit.recorder import record
from chibo.core.errors import Conflict
from chibo.core.text import fold, sort_text
from chibo.members.actions import refresh_member_counts
from chibo.members.models import Member, MemberEvent
from chibo.org.actions import create_root_unit
from chibo.org.models import AdminCodeScheme, OrgUnit, UnitEvent, UnitEventKind, UnitKind

from .assignments import seed_assignments
from .cadres import seed_cadres
from .commendations import seed_commendations
from .congresses import seed_congresses
from .data_quality import seed_data_quality
from .documents import seed_documents
from .documents_distribution import seed_documents_distribution
from .duplicates import seed_duplicates
from .elections import seed_elections
from .handbook import seed_handbook
from .meetings import seed_meetings
from .plan import (
    BRANCH_KINDS,
    CITY_CODE,
    CITY_NAME,
    DEFAULT_MEMBERS,
    DEFAULT_SEED,
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    DEMO_URL,
    FOUNDED_ON,
    MEMBERS_PER_BRANCH,
    WARD_COUNT,
    DemoPlan,
    hcmc_wards,
    plan_demo,
)
from .ratings import seed_ratings
from .recruitment import seed_recruitment
from .reports import seed_reports
from .rows import insert_rows
from .training import seed_training

__all__ = [
    "BRANCH_KINDS",
    "DEFAULT_MEMBERS",
    "DEFAULT_SEED",
    "DEMO_ACCOUNTS",
    "DEMO_PASSWORD",
    "DEMO_URL",
    "MEMBERS_PER_BRANCH",
    "WARD_COUNT",
    "AccountRow",
    "SeedSummary",
    "demo_account_rows",
    "hcmc_wards",
    "plan_demo",
    "seed_demo",
]


@dataclass(frozen=True)
class SeedSummary:
    units: int
    wards: int
    grassroots: int
    branches: int
    members: int
    accounts: int


def has_units() -> bool:
    """The database already holds an organisation tree (the demo loads only into an empty one)."""
    return OrgUnit.objects.exists()


def seed_demo(
    *,
    members: int = DEFAULT_MEMBERS,
    seed: int = DEFAULT_SEED,
    today: date | None = None,
    progress: Callable[[str], None] | None = None,
    data_quality: bool = True,
    modules: bool = True,
) -> SeedSummary:
    """Build the demo on an empty database. Refuses when any organisation unit exists.

    `data_quality` adds the data-cleaning campaign, which spoils a few hundred records on purpose
    (chibo/demo/data_quality.py); without it every record is as the plan made it. `modules` adds
    the demo data of the modules of issues 11-18 (programmes, reports, the ward congress and its
    elections, candidates and courses, ratings and awards, cadres); the candidates admitted at
    their ceremony are members beyond the plan."""
    say = progress or (lambda _message: None)
    if has_units():
        raise Conflict(
            _("Cơ sở dữ liệu đã có tổ chức đảng; chỉ nạp dữ liệu mẫu vào cơ sở dữ liệu trống.")
        )
    say(f"Lập kế hoạch dữ liệu mẫu: {members} đảng viên, hạt giống {seed}")
    plan = plan_demo(members=members, seed=seed, today=today)
    with transaction.atomic():
        root = create_root_unit(
            code=CITY_CODE,
            name=CITY_NAME,
            kind=UnitKind.PROVINCIAL_COMMITTEE,
            founded_on=FOUNDED_ON,
        )
        say(f"Tổ chức đảng: {len(plan.units) + 1}")
        unit_ids = _write_units(root, plan)
        _write_members(plan, unit_ids, say)
        say("Tính lại số đảng viên theo đơn vị")
        refresh_member_counts()
        say("Tài khoản dùng thử")
        _write_accounts(root, plan, unit_ids)
        if data_quality:
            seed_data_quality(
                root=root, branch_code=plan.account_branch.code, today=today, seed=seed, say=say
            )
            seed_duplicates(ward_code=plan.account_ward.code, seed=seed, say=say)
        seed_documents(
            city=root,
            ward=OrgUnit.objects.get(pk=unit_ids[plan.account_ward.code]),
            actor=User.objects.get(username="vanphong"),
            today=today,
            say=say,
        )
        seed_handbook(branch_code=plan.account_branch.code, say=say)
        seed_meetings(
            root=root,
            ward_code=plan.account_ward.code,
            branch_code=plan.account_branch.code,
            today=today,
            seed=seed,
            say=say,
        )
        seed_documents_distribution(
            city=root,
            ward_code=plan.account_ward.code,
            branch_code=plan.account_branch.code,
            today=today,
            say=say,
        )
        # Modules of issues 11-18, each in its own chibo/demo/<module>.py.
        if modules:
            seed_assignments(
                root=root,
                ward_code=plan.account_ward.code,
                branch_code=plan.account_branch.code,
                today=today,
                seed=seed,
                say=say,
            )
            seed_reports(
                root=root,
                ward_code=plan.account_ward.code,
                branch_code=plan.account_branch.code,
                today=today,
                seed=seed,
                say=say,
            )
            seed_congresses(
                root=root,
                ward_code=plan.account_ward.code,
                branch_code=plan.account_branch.code,
                today=today,
                seed=seed,
                say=say,
            )
            seed_elections(
                root=root,
                ward_code=plan.account_ward.code,
                branch_code=plan.account_branch.code,
                today=today,
                seed=seed,
                say=say,
            )
            seed_recruitment(
                root=root,
                ward_code=plan.account_ward.code,
                branch_code=plan.account_branch.code,
                today=today,
                seed=seed,
                say=say,
            )
            seed_training(
                root=root,
                ward_code=plan.account_ward.code,
                branch_code=plan.account_branch.code,
                today=today,
                seed=seed,
                say=say,
            )
            seed_ratings(
                root=root,
                ward_code=plan.account_ward.code,
                branch_code=plan.account_branch.code,
                today=today,
                seed=seed,
                say=say,
            )
            seed_commendations(
                root=root,
                ward_code=plan.account_ward.code,
                branch_code=plan.account_branch.code,
                today=today,
                seed=seed,
                say=say,
            )
            seed_cadres(
                root=root,
                ward_code=plan.account_ward.code,
                branch_code=plan.account_branch.code,
                today=today,
                seed=seed,
                say=say,
            )
        summary = SeedSummary(
            units=len(plan.units) + 1,
            wards=len(plan.wards),
            grassroots=sum(
                u.kind in (UnitKind.GRASSROOTS_COMMITTEE, UnitKind.GRASSROOTS_BRANCH)
                for u in plan.units
            ),
            branches=len(plan.branches),
            members=len(plan.members),
            accounts=len(DEMO_ACCOUNTS),
        )
        record(
            actor=None,
            action="org.seed_demo",
            target=root,
            unit=root,
            changes={
                "seed": [None, seed],
                "units": [None, summary.units],
                "members": [None, summary.members],
            },
        )
    return summary


def _write_units(root: OrgUnit, plan: DemoPlan) -> dict[str, int]:
    OrgUnit.objects.bulk_create(
        [
            OrgUnit(
                path=root.path + u.rel_path,
                depth=root.depth + len(u.rel_path) // OrgUnit.steplen,
                numchild=u.numchild,
                code=u.code,
                name=u.name,
                search_name=fold(u.name),
                sort_name=sort_text(u.name),
                kind=u.kind,
                founded_on=FOUNDED_ON,
                admin_code=u.admin_code,
                admin_code_scheme=AdminCodeScheme.POST_2025 if u.admin_code else "",
            )
            for u in plan.units
        ],
        batch_size=1000,
    )
    OrgUnit.objects.filter(pk=root.pk).update(numchild=plan.root.numchild)
    unit_ids = dict(OrgUnit.objects.filter(path__startswith=root.path).values_list("code", "id"))
    parents = {
        child.code: parent.code for parent in [plan.root, *plan.units] for child in parent.children
    }
    UnitEvent.objects.bulk_create(
        [
            UnitEvent(
                unit_id=unit_ids[u.code],
                kind=UnitEventKind.CREATED,
                effective_on=FOUNDED_ON,
                details={"parent": parents[u.code], "source": "seed_demo"},
            )
            for u in plan.units
        ],
        batch_size=1000,
    )
    return unit_ids


def _write_members(plan: DemoPlan, unit_ids: dict[str, int], say: Callable[[str], None]) -> None:
    """Members with their full record, then their events in date order (so that ties of a
    member's events fall in recording order, as `chibo.members.state.derive` expects)."""
    total = insert_rows(
        Member,
        (
            {
                **m.profile,
                "unit_id": unit_ids[m.unit_code],
                "full_name": m.full_name,
                "search_name": m.search_name,
                "sort_name": m.sort_name,
                "gender": m.gender,
                "birth_date": m.birth_date,
                "admitted_on": m.admitted_on,
                "admission_ceremony_on": m.ceremony_on,
                "full_member_on": m.full_member_on,
                "card_number": m.card_number,
                "sponsors": m.sponsors,
                "status": m.status,
                "temporary_unit_id": unit_ids[m.temporary_unit_code]
                if m.temporary_unit_code
                else None,
                "is_exempt": m.is_exempt,
            }
            for m in plan.members
        ),
    )
    say(f"Đảng viên: {total}")
    member_ids = dict(Member.objects.values_list("card_number", "id"))
    events = insert_rows(
        MemberEvent,
        (
            {
                "member_id": member_ids[m.card_number],
                "kind": e.kind,
                "effective_on": e.effective_on,
                "decision_number": e.decision_number,
                "deciding_body": e.deciding_body,
                "from_unit_id": unit_ids[e.from_unit] if e.from_unit else None,
                "to_unit_id": unit_ids[e.to_unit] if e.to_unit else None,
                "details": e.details,
            }
            for m in plan.members
            for e in m.events
        ),
    )
    say(f"Biến động của đảng viên: {events}")


def _write_accounts(root: OrgUnit, plan: DemoPlan, unit_ids: dict[str, int]) -> None:
    scopes = {
        "city": root.pk,
        "ward": unit_ids[plan.account_ward.code],
        "branch": unit_ids[plan.account_branch.code],
    }
    # One hash for all: the password is published anyway, and Argon2 costs ~0.5 s a hash.
    password = make_password(DEMO_PASSWORD)
    for account in DEMO_ACCOUNTS:
        user = User.objects.filter(username=account.username).first() or User(
            username=account.username
        )
        user.first_name, user.last_name = account.first_name, account.last_name
        user.email = f"{account.username}@chibo.local"
        user.is_active = True
        user.password = password
        user.save()
        # Written in force, as a bootstrap: a grant of a role that reads member data needs a
        # second access manager's approval (access.actions.approve_grant_request), and nobody may
        # approve their own grant. The seed stands for grants made and approved before the demo
        # starts; `approved_by` stays empty on them. In the demo, quantri and quantri2 approve
        # each other's requests.
        Grant.objects.get_or_create(
            user=user,
            unit_id=scopes[account.scope],
            role=account.role,
            defaults={"approved_at": timezone.now()},
        )


@dataclass(frozen=True)
class AccountRow:
    username: str
    full_name: str
    role: str  # code name
    role_label: str  # Vietnamese
    unit: str


def demo_account_rows() -> list[AccountRow]:
    """The demo accounts that exist, with each grant they hold, in the order of DEMO_ACCOUNTS."""
    order = {a.username: i for i, a in enumerate(DEMO_ACCOUNTS)}
    users = sorted(
        User.objects.filter(username__in=order).prefetch_related("grants__unit"),
        key=lambda u: order[u.username],
    )
    rows = []
    for user in users:
        full_name = f"{user.last_name} {user.first_name}".strip()
        grants = sorted(user.grants.all(), key=lambda g: g.pk)
        if not grants:
            rows.append(AccountRow(user.username, full_name, "-", "-", "-"))
        for grant in grants:
            role = Role(grant.role)
            rows.append(
                AccountRow(
                    username=user.username,
                    full_name=full_name,
                    role=role.value,
                    role_label=str(ROLE_LABELS[role]),
                    unit=grant.unit.name,
                )
            )
    return rows
