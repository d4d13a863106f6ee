"""The demo as plain data: units and members planned from a seeded `random.Random`.

The same seed and date give the same plan, so the demo is reproducible and testable without a
database. `chibo.demo.seed` writes the plan.
"""

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date

from vietnam_provinces import Province, VietNamDivisionType, Ward
from vietnam_provinces.legacy import District as OldDistrict

from chibo.access.roles import Role
from chibo.members.models import Gender
from chibo.org.models import OrgUnit, UnitKind

from . import names
from .people import People, PlannedMember

DEMO_PASSWORD = "chibo-demo-2026"  # published with the demo on purpose
DEMO_URL = "http://127.0.0.1:8000"
DEFAULT_MEMBERS = 20_000
DEFAULT_SEED = 2026
CITY_CODE = "HCM"
CITY_NAME = "Đảng bộ Thành phố Hồ Chí Minh"
WARD_COUNT = 30
MEMBERS_PER_BRANCH = 15
# Other tests and the screenshots look these two up by name.
REQUIRED_WARDS = ("Phường Sài Gòn", "Phường Bến Thành")
ACCOUNT_WARD = "Phường Sài Gòn"
# The wards and communes of the city as reorganised on 1 July 2025 (QĐ 294-QĐ/TW).
FOUNDED_ON = date(2025, 7, 1)
BRANCH_KINDS = (UnitKind.BRANCH, UnitKind.GRASSROOTS_BRANCH)

_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    last_name: str  # họ và tên đệm
    first_name: str  # tên
    gender: str
    role: Role
    scope: str  # "city", "ward" or "branch": where the grant sits
    has_member_record: bool = False

    @property
    def full_name(self) -> str:
        return f"{self.last_name} {self.first_name}"


DEMO_ACCOUNTS = (
    DemoAccount("quantri", "Trần Minh", "Khoa", Gender.MALE, Role.SYSTEM_ADMIN, "city"),
    DemoAccount("vanphong", "Lê Thị Thu", "Hà", Gender.FEMALE, Role.COMMITTEE_STAFF, "city"),
    DemoAccount("phuong", "Phạm Văn", "Hùng", Gender.MALE, Role.COMMITTEE_STAFF, "ward"),
    DemoAccount("bithu", "Nguyễn Văn", "Tâm", Gender.MALE, Role.BRANCH_SECRETARY, "branch", True),
    DemoAccount("dangvien", "Nguyễn Thị", "Mai", Gender.FEMALE, Role.MEMBER, "branch", True),
    DemoAccount("kiemtra", "Võ Thanh", "Sơn", Gender.MALE, Role.INSPECTOR, "city"),
    # A second access manager, so that a role one administrator asks for can be approved by
    # another (a grant that reads member data needs a second person: access.actions).
    DemoAccount("quantri2", "Đỗ Văn", "Bình", Gender.MALE, Role.SYSTEM_ADMIN, "city"),
)


@dataclass
class PlannedUnit:
    code: str
    name: str
    kind: str
    rel_path: str  # the path below the root: `steplen` characters per level
    admin_code: str = ""
    # Who the members are: "residential" (khu phố, ấp: many retirees) or "work" (agencies, schools,
    # companies: working age). Shapes the generated birth dates only.
    profile: str = "work"
    # What kind of place the branch is (see profiles.OCCUPATIONS), where its members work, its
    # ward (post-2025) and the district committee that decided before 1 July 2025.
    sector: str = ""
    workplace: str = ""
    locality: str = ""
    ward: Ward | None = None
    ward_name: str = ""
    old_committee: str = ""
    weight: float = 1.0
    numchild: int = 0
    children: list["PlannedUnit"] = field(default_factory=list)


@dataclass
class DemoPlan:
    root: PlannedUnit
    wards: list[Ward]
    units: list[PlannedUnit]  # below the root, parents before children
    members: list[PlannedMember]
    account_ward: PlannedUnit
    account_branch: PlannedUnit

    @property
    def branches(self) -> list[PlannedUnit]:
        return [u for u in self.units if u.kind in BRANCH_KINDS]


def hcmc_wards() -> list[Ward]:
    """Wards, communes and the special zone of Ho Chi Minh City since 1 July 2025."""
    city = next(p for p in Province.iter_all() if "Hồ Chí Minh" in p.name)
    return list(Ward.iter_by_province(city.code))


def _step(n: int) -> str:
    digits = ""
    while n:
        n, rest = divmod(n, len(_ALPHABET))
        digits = _ALPHABET[rest] + digits
    return digits.rjust(OrgUnit.steplen, _ALPHABET[0])


class _Planner:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.units: list[PlannedUnit] = []

    def add(
        self, parent: PlannedUnit, code: str, name: str, kind: str, **extra: object
    ) -> PlannedUnit:
        parent.numchild += 1
        unit = PlannedUnit(
            code=code, name=name, kind=kind, rel_path=parent.rel_path + _step(parent.numchild)
        )
        for key, value in extra.items():
            setattr(unit, key, value)
        parent.children.append(unit)
        self.units.append(unit)
        return unit

    def pick_wards(self) -> list[Ward]:
        wards = hcmc_wards()
        required = [w for w in wards if w.name in REQUIRED_WARDS]
        rest = [w for w in wards if w.name not in REQUIRED_WARDS]
        communes = [w for w in rest if w.division_type != VietNamDivisionType.PHUONG]
        urban = [w for w in rest if w.division_type == VietNamDivisionType.PHUONG]
        n_communes = (WARD_COUNT - len(required)) // 4
        chosen = (
            required
            + self.rng.sample(communes, n_communes)
            + self.rng.sample(urban, WARD_COUNT - len(required) - n_communes)
        )
        return sorted(chosen, key=lambda w: int(w.code))

    def ward(self, root: PlannedUnit, ward: Ward, budget: int) -> PlannedUnit:
        """One ward or commune committee with `budget` branches (direct or in committees)."""
        code = int(ward.code)
        unit = self.add(
            root,
            f"{CITY_CODE}-{code}",
            f"Đảng bộ {ward.name}",
            UnitKind.UPPER_GRASSROOTS,
            admin_code=str(code),
        )
        rng = self.rng
        used: set[str] = set()
        locality = "Ấp" if ward.division_type == VietNamDivisionType.XA else "Khu phố"
        place = {"ward": ward, "ward_name": ward.name, "old_committee": _old_committee(ward)}
        localities = 0
        seq = 0
        while budget > 0:
            seq += 1
            gcode = f"{unit.code}-{seq:02d}"
            if budget >= 4 and (seq == 1 or rng.random() < 0.2):
                size = rng.randint(3, min(8, budget))
                name, branch_names = self._committee(ward, first=seq == 1, used=used)
                committee = self.add(unit, gcode, name, UnitKind.GRASSROOTS_COMMITTEE)
                picked = sorted(rng.sample(range(len(branch_names)), size))
                for b, index in enumerate(picked, start=1):
                    branch_name = branch_names[index]
                    self.add(
                        committee,
                        f"{gcode}-{b:02d}",
                        branch_name,
                        UnitKind.BRANCH,
                        weight=0.8 * rng.lognormvariate(0, 0.35),
                        **place,
                        **_committee_branch_place(ward, name, branch_name, seq == 1),
                    )
                budget -= size
                continue
            roll = rng.random()
            where = ""
            if roll < 0.58:
                localities += 1
                where = f"{locality} {localities}"
                name, profile, weight, sector = f"Chi bộ {where}", "residential", 1.7, "residential"
            elif roll < 0.78:
                name, profile, weight = self._unique(used, self._school), "work", 0.6
                sector = "school"
            elif roll < 0.92:
                name, profile, weight = self._unique(used, self._company), "work", 0.8
                sector = "company"
            elif "market" not in used:
                used.add("market")
                name, profile, weight = f"Chi bộ Chợ {_short(ward)}", "work", 0.5
                sector = "market"
            else:
                name, profile, weight = self._unique(used, self._cooperative), "work", 0.5
                sector = "cooperative"
            workplace = name.removeprefix("Chi bộ ")
            if sector == "residential":
                workplace = f"Ban điều hành {where}, {ward.name}"
            elif sector in ("school", "market"):
                workplace = f"{workplace}, {ward.name}"
            self.add(
                unit,
                gcode,
                name,
                UnitKind.GRASSROOTS_BRANCH,
                profile=profile,
                weight=weight * rng.lognormvariate(0, 0.35),
                sector=sector,
                workplace=workplace,
                locality=where,
                **place,
            )
            budget -= 1
        return unit

    def _committee(self, ward: Ward, *, first: bool, used: set[str]) -> tuple[str, tuple[str, ...]]:
        if first:
            # Without the ward's name: a search for "phuong sai gon" should find the ward itself.
            return "Đảng bộ Cơ quan Ủy ban nhân dân", names.AGENCY_BRANCHES
        roll = self.rng.random()
        if roll < 0.2 and "hospital" not in used:
            used.add("hospital")
            return f"Đảng bộ Bệnh viện Đa khoa khu vực {_short(ward)}", names.HOSPITAL_BRANCHES
        if roll < 0.35 and "college" not in used:
            used.add("college")
            trade = self.rng.choice(("Kỹ thuật", "Kinh tế - Kỹ thuật", "Công nghệ", "Du lịch"))
            return f"Đảng bộ Trường Cao đẳng {trade} {_short(ward)}", names.COLLEGE_BRANCHES
        return "Đảng bộ " + self._unique(used, self._company_name), names.COMPANY_BRANCHES

    def _unique(self, used: set[str], make: Callable[[], str]) -> str:
        for _attempt in range(50):
            name = make()
            if name not in used:
                used.add(name)
                return name
        n = 2
        while f"{name} số {n}" in used:
            n += 1
        used.add(f"{name} số {n}")
        return f"{name} số {n}"

    def _school(self) -> str:
        return (
            f"Chi bộ {self.rng.choice(names.SCHOOL_LEVELS)} {self.rng.choice(names.SCHOOL_NAMES)}"
        )

    def _company_name(self) -> str:
        form = self.rng.choice(names.COMPANY_FORMS)
        trade = self.rng.choice(names.COMPANY_TRADES)
        return f"{form} {trade} {self.rng.choice(names.COMPANY_NAMES)}"

    def _company(self) -> str:
        return "Chi bộ " + self._company_name()

    def _cooperative(self) -> str:
        return f"Chi bộ Hợp tác xã {self.rng.choice(names.COMPANY_NAMES)}"


def _old_committee(ward: Ward) -> str:
    """The pre-2025 district committee of a ward ("Quận ủy Quận 1", "Huyện ủy Củ Chi")."""
    sources = ward.get_legacy_sources()
    if not sources:
        return ""
    district = OldDistrict.from_code(sources[0].district_code).name
    for kind, committee in (
        ("Quận", "Quận ủy"),
        ("Huyện", "Huyện ủy"),
        ("Thành phố", "Thành ủy"),
        ("Thị xã", "Thị ủy"),
    ):
        if district.startswith(kind + " "):
            rest = district.removeprefix(kind + " ")
            return f"{committee} {district if rest.isdigit() else rest}"
    return district


def _committee_branch_place(
    ward: Ward, committee: str, branch: str, agency: bool
) -> dict[str, str]:
    """Sector and workplace of a branch of a grassroots committee (agency, hospital, ...)."""
    organisation = committee.removeprefix("Đảng bộ ")
    department = branch.removeprefix("Chi bộ ")
    if agency:
        organisation = f"Ủy ban nhân dân {ward.name}"
        sector = "agency"
        if "Quân sự" in department:
            sector = "military"
        elif "Y tế" in department:
            sector = "health"
    elif organisation.startswith("Bệnh viện"):
        sector = "health"
    elif organisation.startswith("Trường"):
        sector = "college"
    else:
        sector = "enterprise"
    return {"sector": sector, "workplace": f"{department}, {organisation}"}


def _short(ward: Ward) -> str:
    """ "Phường Sài Gòn" → "Sài Gòn"."""
    for prefix in ("Phường ", "Xã ", "Đặc khu "):
        if ward.name.startswith(prefix):
            return ward.name.removeprefix(prefix)
    return ward.name


def plan_demo(*, members: int, seed: int, today: date | None = None) -> DemoPlan:
    """The whole demo as data; the same arguments give the same plan."""
    if members < len([a for a in DEMO_ACCOUNTS if a.has_member_record]):
        raise ValueError("too few members for the demo accounts")
    today = today or date.today()
    rng = random.Random(seed)
    planner = _Planner(rng)
    root = PlannedUnit(CITY_CODE, CITY_NAME, UnitKind.PROVINCIAL_COMMITTEE, rel_path="")
    wards = planner.pick_wards()

    n_branches = max(WARD_COUNT, round(members / MEMBERS_PER_BRANCH))
    ward_weights = [rng.uniform(0.5, 1.6) for _ in wards]
    budgets = [1] * len(wards)
    # The accounts' ward gets a grassroots committee with branches even in a small demo.
    account_index = [w.name for w in wards].index(ACCOUNT_WARD)
    if n_branches >= len(wards) + 3:
        budgets[account_index] = 4
    for i in rng.choices(range(len(wards)), weights=ward_weights, k=n_branches - sum(budgets)):
        budgets[i] += 1
    ward_units = [planner.ward(root, w, b) for w, b in zip(wards, budgets, strict=True)]

    account_ward = ward_units[account_index]
    account_branch = next(_branches_under(account_ward))
    accounts = [a for a in DEMO_ACCOUNTS if a.has_member_record]

    branches = [u for u in planner.units if u.kind in BRANCH_KINDS]
    generated = members - len(accounts)
    base = min(3, generated // len(branches))
    sizes = [base] * len(branches)
    weights = [b.weight for b in branches]
    for i in rng.choices(range(len(branches)), weights=weights, k=generated - base * len(branches)):
        sizes[i] += 1

    cards = [str(n) for n in rng.sample(range(10_000_000, 1_000_000_000), members)]
    people = People(rng, today, branches, hcmc_wards())
    planned = [people.account_member(a, account_branch, cards.pop()) for a in accounts]
    for branch, size in zip(branches, sizes, strict=True):
        crew = [people.member(branch, cards.pop()) for _ in range(size)]
        people.appoint_cadres(branch, crew, first=1 if branch is account_branch else 0)
        planned.extend(crew)
    return DemoPlan(root, wards, planner.units, planned, account_ward, account_branch)


def _branches_under(unit: PlannedUnit) -> Iterator[PlannedUnit]:
    for child in unit.children:
        if child.kind in BRANCH_KINDS:
            yield child
        yield from _branches_under(child)
