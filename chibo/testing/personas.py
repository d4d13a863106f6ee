"""A small tree and the personas every interface is tested with (DESIGN.md rule 8).

HCM  (provincial_committee)             ← hq_admin: committee_staff
├── P1 Phường Sài Gòn (upper_grassroots)  ← inspector: inspector (the inspection committee of P1)
│   │                                     ← leader: leader (the standing committee of P1)
│   └── G1 Đảng bộ Công ty A (grassroots_committee)
│       ├── B1 Chi bộ 1 (branch)          ← branch_officer: branch_secretary
│       │                                 ← member: member (a plain member of B1, with a record)
│       └── B2 Chi bộ 2 (branch)
└── P2 Phường Bến Thành (upper_grassroots) ← outsider: committee_staff (nothing of P1)
    └── G2 Chi bộ Trường B (grassroots_branch)

Logins: hq_admin, branch_officer, outsider, b1_member, p1_inspector, p1_leader (tests make
their own "member", "leader", … users).

Optional congress personas (`add_congress_personas`, for congresses and elections; the seven
above are unchanged): g1_organizer (congress_organizer on G1), g1_delegate (delegate on G1, with
a full member record in B2 named `DELEGATE_PERSONA_NAME`), g1_counting (counting_officer on G1).

In the access matrix the `member` persona is a real
member (`build_personas(member_record=True)`): admitted into B1 through
`members.actions.admit_member`, made full by the event, linked to the login. The other personas
have no member record.
"""

import zlib
from dataclasses import dataclass
from datetime import date
from typing import Any

from chibo.access.models import Grant, User
from chibo.access.roles import Role
from chibo.core.text import fold, sort_text
from chibo.members.models import EventKind, Gender, Member, MemberStatus
from chibo.org.models import OrgUnit, UnitKind

PASSWORD = "chibo-test-2026!"
MEMBER_PERSONA_NAME = "Đoàn Thị Đảng Viên"

# The dates test members get unless a test asks otherwise: admitted, then full a year later.
ADMITTED_ON = date(2015, 3, 2)
FULL_ON = date(2016, 3, 2)


def born_on(name: str) -> date:
    """A birth date that depends on the exact spelling of the name (1960 to 1989), so that two test
    members never share one by accident ("Lý Thị Mai" and "Ly Thi Mai" are not born the same day
    unless a test says so: the duplicate rules would pair them)."""
    h = zlib.crc32(name.encode())
    return date(1960 + h % 30, 1 + (h >> 5) % 12, 1 + (h >> 9) % 28)


@dataclass
class Tree:
    hcm: OrgUnit
    p1: OrgUnit
    g1: OrgUnit
    b1: OrgUnit
    b2: OrgUnit
    p2: OrgUnit
    g2: OrgUnit


def _add(parent: OrgUnit | None, code: str, name: str, kind: str) -> OrgUnit:
    fields = {
        "code": code,
        "name": name,
        "search_name": fold(name),
        "sort_name": sort_text(name),
        "kind": kind,
        "founded_on": date(2025, 7, 1),
    }
    unit = OrgUnit.objects.add_child(parent, fields) if parent else OrgUnit.objects.add_root(fields)
    if parent:
        parent.refresh_from_db()
    return unit


def build_tree() -> Tree:
    hcm = _add(None, "HCM", "Đảng bộ Thành phố Hồ Chí Minh", UnitKind.PROVINCIAL_COMMITTEE)
    p1 = _add(hcm, "P1", "Đảng bộ Phường Sài Gòn", UnitKind.UPPER_GRASSROOTS)
    g1 = _add(p1, "G1", "Đảng bộ Công ty A", UnitKind.GRASSROOTS_COMMITTEE)
    b1 = _add(g1, "B1", "Chi bộ 1", UnitKind.BRANCH)
    b2 = _add(g1, "B2", "Chi bộ 2", UnitKind.BRANCH)
    hcm.refresh_from_db()
    p2 = _add(hcm, "P2", "Đảng bộ Phường Bến Thành", UnitKind.UPPER_GRASSROOTS)
    g2 = _add(p2, "G2", "Chi bộ Trường B", UnitKind.GRASSROOTS_BRANCH)
    return Tree(*(OrgUnit.objects.get(pk=u.pk) for u in (hcm, p1, g1, b1, b2, p2, g2)))


def make_user(username: str, *grants: tuple[OrgUnit, Role]) -> User:
    """A login with its grants, effective at once.

    The grants are written directly, not through `access.actions.grant_role`: that action needs an
    access manager as actor, and a grant of a role that reads member data needs a second person to
    approve it (issue 10, finding 14). A fixture stands for a grant already made and approved."""
    user = User.objects.create_user(
        username=username, email=f"{username}@example.vn", password=PASSWORD
    )
    for unit, role in grants:
        Grant.objects.create(user=user, unit=unit, role=role)
    return user


_CLERK = "thu_ky_du_lieu"


def _clerk_for(unit: OrgUnit) -> Any:
    """Who records test members of `unit`: a holder of members.manage over it if one exists (in the
    personas tree: hq_admin), else a committee-staff login made once on the unit's root."""
    from chibo.access import policy
    from chibo.access.roles import Perm

    root = OrgUnit.objects.get(path=unit.path[: OrgUnit.steplen])
    candidates = (
        User.objects.filter(
            grants__role__in=(Role.COMMITTEE_STAFF, Role.BRANCH_SECRETARY), is_active=True
        )
        .distinct()
        .order_by("pk")
    )
    for user in candidates:
        if policy.can(user, Perm.MEMBERS_MANAGE, unit):
            return user
    clerk = User.objects.filter(username=_CLERK).first() or make_user(_CLERK)
    Grant.objects.get_or_create(user=clerk, unit=root, role=Role.COMMITTEE_STAFF)
    policy.forget(clerk)
    return clerk


_LEAVING_EVENTS = {
    MemberStatus.DECEASED: EventKind.DEATH,
    MemberStatus.REMOVED: EventKind.REMOVAL,
    MemberStatus.EXPELLED: EventKind.EXPULSION,
    MemberStatus.WITHDRAWN: EventKind.WITHDRAWAL,
}


def make_member(
    unit: OrgUnit,
    name: str,
    status: str = MemberStatus.FULL,
    *,
    actor: Any = None,
    gender: str = Gender.FEMALE,
    birth_date: date | None = None,
    admitted_on: date = ADMITTED_ON,
    full_on: date = FULL_ON,
    left_on: date | None = None,
    user: Any = None,
    **profile: Any,
) -> Member:
    """A member as production makes one: admitted by `admit_member` (probationary), then the
    events that bring them to `status` — full membership a year later, and for a member who left,
    the leaving event (`left_on`, by default a year after full membership). `user` links a login.
    `actor` records the events (default: a holder of members.manage over `unit`)."""
    from chibo.members import actions as member_actions

    actor = actor or _clerk_for(unit)
    member = member_actions.admit_member(
        actor=actor,
        unit=unit,
        full_name=name,
        gender=gender,
        birth_date=birth_date or born_on(name),
        decision_on=admitted_on,
        decision_number="01-QĐ/ĐU",
        **profile,
    )
    if status != MemberStatus.PROBATIONARY:
        member_actions.record_event(
            actor=actor,
            member=member,
            kind=EventKind.FULL_MEMBERSHIP,
            effective_on=full_on,
            decision_number="02-QĐ/ĐU",
        )
    if status in _LEAVING_EVENTS:
        member_actions.record_event(
            actor=actor,
            member=member,
            kind=_LEAVING_EVENTS[MemberStatus(status)],
            effective_on=left_on or date(full_on.year + 1, full_on.month, full_on.day),
            decision_number="03-QĐ/ĐU",
        )
    elif status not in (MemberStatus.PROBATIONARY, MemberStatus.FULL):
        raise ValueError(f"make_member cannot build a member with status {status!r}")
    member.refresh_from_db()
    if user is not None:
        # Linking a login to its member record has no action yet (accounts are made by IT staff).
        member.user = user
        member.save(update_fields=["user"])
    return member


@dataclass
class Personas:
    tree: Tree
    hq_admin: User
    branch_officer: User
    outsider: User
    member: User
    inspector: User
    leader: User
    # The member persona's record (None unless `build_personas(member_record=True)`).
    member_record: Member | None = None
    # The optional congress personas (None unless `add_congress_personas`).
    organizer: User | None = None
    delegate: User | None = None
    counting_officer: User | None = None
    delegate_record: Member | None = None


def admit_member_persona(personas: Personas) -> Member:
    """Admit the `member` persona into B1 (through the actions), full, linked to its login."""
    personas.member_record = make_member(
        personas.tree.b1, MEMBER_PERSONA_NAME, actor=personas.hq_admin, user=personas.member
    )
    return personas.member_record


def build_personas(*, member_record: bool = False) -> Personas:
    """The tree and the seven personas' logins. `member_record=True` (the access matrix) also
    admits the member persona into B1; without it the `member` login is one not yet linked to a
    record, and B1 holds no member (many tests count a branch's members)."""
    tree = build_tree()
    personas = Personas(
        tree=tree,
        hq_admin=make_user("hq_admin", (tree.hcm, Role.COMMITTEE_STAFF)),
        branch_officer=make_user("branch_officer", (tree.b1, Role.BRANCH_SECRETARY)),
        outsider=make_user("outsider", (tree.p2, Role.COMMITTEE_STAFF)),
        member=make_user("b1_member", (tree.b1, Role.MEMBER)),
        inspector=make_user("p1_inspector", (tree.p1, Role.INSPECTOR)),
        leader=make_user("p1_leader", (tree.p1, Role.LEADER)),
    )
    if member_record:
        admit_member_persona(personas)
    return personas


DELEGATE_PERSONA_NAME = "Lương Văn Đại Biểu"


def add_congress_personas(personas: Personas) -> Personas:
    """The three congress roles on G1 (the grassroots committee above B1 and B2): the organiser,
    a delegate (a full member of B2 whose login holds the delegate role on G1) and a counting
    officer. Making them writes nothing the seven personas' rows depend on."""
    tree = personas.tree
    personas.organizer = make_user("g1_organizer", (tree.g1, Role.CONGRESS_ORGANIZER))
    personas.delegate = make_user("g1_delegate", (tree.g1, Role.DELEGATE))
    personas.counting_officer = make_user("g1_counting", (tree.g1, Role.COUNTING_OFFICER))
    personas.delegate_record = make_member(
        tree.b2, DELEGATE_PERSONA_NAME, actor=personas.hq_admin, user=personas.delegate
    )
    return personas
