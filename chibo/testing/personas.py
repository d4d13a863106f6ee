"""A small tree and the personas every write interface is tested with (DESIGN.md rule 8).

HCM  (provincial_committee)             ← hq_admin: committee_staff
├── P1 Phường Sài Gòn (upper_grassroots)
│   └── G1 Đảng bộ Công ty A (grassroots_committee)
│       ├── B1 Chi bộ 1 (branch)          ← branch_officer: branch_secretary
│       └── B2 Chi bộ 2 (branch)
└── P2 Phường Bến Thành (upper_grassroots) ← outsider: committee_staff (nothing of P1)
    └── G2 Chi bộ Trường B (grassroots_branch)
"""

from dataclasses import dataclass
from datetime import date

from chibo.access.models import Grant, User
from chibo.access.roles import Role
from chibo.core.text import fold, sort_text
from chibo.members.models import Gender, Member, MemberStatus
from chibo.org.models import OrgUnit, UnitKind

PASSWORD = "chibo-test-2026!"


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
    user = User.objects.create_user(
        username=username, email=f"{username}@example.vn", password=PASSWORD
    )
    for unit, role in grants:
        Grant.objects.create(user=user, unit=unit, role=role)
    return user


def make_member(unit: OrgUnit, name: str, status: str = MemberStatus.FULL) -> Member:
    return Member.objects.create(
        unit=unit, full_name=name, search_name=fold(name), gender=Gender.FEMALE, status=status
    )


@dataclass
class Personas:
    tree: Tree
    hq_admin: User
    branch_officer: User
    outsider: User


def build_personas() -> Personas:
    tree = build_tree()
    return Personas(
        tree=tree,
        hq_admin=make_user("hq_admin", (tree.hcm, Role.COMMITTEE_STAFF)),
        branch_officer=make_user("branch_officer", (tree.b1, Role.BRANCH_SECRETARY)),
        outsider=make_user("outsider", (tree.p2, Role.COMMITTEE_STAFF)),
    )
