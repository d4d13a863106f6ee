"""The demo as plain data: units and members planned from a seeded `random.Random`.

The same seed and date give the same plan, so the demo is reproducible and testable without a
database. `chibo.demo.seed` writes the plan.
"""

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from vietnam_provinces import Province, VietNamDivisionType, Ward

from chibo.access.roles import Role
from chibo.members.models import Gender, MemberStatus
from chibo.org.models import OrgUnit, UnitKind

from . import names

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
    weight: float = 1.0
    numchild: int = 0
    children: list["PlannedUnit"] = field(default_factory=list)


@dataclass(frozen=True)
class PlannedMember:
    unit_code: str
    full_name: str
    gender: str
    birth_date: date
    admitted_on: date
    full_member_on: date | None
    card_number: str
    status: str


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


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _weighted(rng: random.Random, table: dict[str, float]) -> str:
    return rng.choices(list(table), weights=list(table.values()))[0]


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
                    self.add(
                        committee,
                        f"{gcode}-{b:02d}",
                        branch_names[index],
                        UnitKind.BRANCH,
                        weight=0.8 * rng.lognormvariate(0, 0.35),
                    )
                budget -= size
                continue
            roll = rng.random()
            if roll < 0.58:
                localities += 1
                name, profile, weight = f"Chi bộ {locality} {localities}", "residential", 1.7
            elif roll < 0.78:
                name, profile, weight = self._unique(used, self._school), "work", 0.6
            elif roll < 0.92:
                name, profile, weight = self._unique(used, self._company), "work", 0.8
            elif "market" not in used:
                used.add("market")
                name, profile, weight = f"Chi bộ Chợ {_short(ward)}", "work", 0.5
            else:
                name, profile, weight = self._unique(used, self._cooperative), "work", 0.5
            self.add(
                unit,
                gcode,
                name,
                UnitKind.GRASSROOTS_BRANCH,
                profile=profile,
                weight=weight * rng.lognormvariate(0, 0.35),
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


def _short(ward: Ward) -> str:
    """ "Phường Sài Gòn" → "Sài Gòn"."""
    for prefix in ("Phường ", "Xã ", "Đặc khu "):
        if ward.name.startswith(prefix):
            return ward.name.removeprefix(prefix)
    return ward.name


class _People:
    """Vietnamese names and party careers that fit together (admitted at 18 or older, full member
    12 months after admission, probationary only if admitted in the last 12 months)."""

    def __init__(self, rng: random.Random, today: date) -> None:
        self.rng, self.today = rng, today
        self.latest_full = today - timedelta(days=366)

    def name(self, gender: str) -> str:
        rng = self.rng
        male = gender == Gender.MALE
        middle = _weighted(rng, names.MALE_MIDDLE_NAMES if male else names.FEMALE_MIDDLE_NAMES)
        given_pool = names.MALE_GIVEN_NAMES if male else names.FEMALE_GIVEN_NAMES
        given = rng.choice(given_pool)
        while given == middle.split()[-1]:
            given = rng.choice(given_pool)
        return f"{_weighted(rng, names.SURNAMES)} {middle} {given}"

    def birth(self, profile: str) -> date:
        if profile == "residential":
            low, high, mode = 1945, 2006, 1958
        else:
            low, high, mode = 1962, 2004, 1987
        start = date(low, 1, 1)
        span = (date(high, 12, 31) - start).days
        return start + timedelta(days=int(self.rng.triangular(0, span, (mode - low) * 365.25)))

    def member(self, unit: PlannedUnit, card_number: str) -> PlannedMember:
        rng = self.rng
        gender = Gender.MALE if rng.random() < 0.55 else Gender.FEMALE
        residential = unit.profile == "residential"
        roll = rng.random()
        if roll < (0.02 if residential else 0.05):
            status = MemberStatus.PROBATIONARY
        elif residential and roll < 0.045:
            status = MemberStatus.DECEASED
        elif roll < 0.06:
            status = MemberStatus.REMOVED
        else:
            status = MemberStatus.FULL
        if status == MemberStatus.PROBATIONARY:
            admitted = self.today - timedelta(days=rng.randint(7, 360))
            age_days = int(rng.triangular(18, 40, 22) * 365.25)
            birth = min(admitted - timedelta(days=age_days), _add_years(admitted, -18))
            birth = max(min(birth, date(2006, 12, 31)), date(1945, 1, 1))
            full_on = None
        else:
            birth = self.birth(unit.profile)
            if status == MemberStatus.DECEASED:
                birth = min(birth, date(1960, 12, 31))
            earliest = _add_years(birth, 18)
            if earliest > self.latest_full:
                birth = _add_years(self.latest_full, -18) - timedelta(days=rng.randint(0, 365))
                earliest = _add_years(birth, 18)
            age_days = int(rng.triangular(18, 50, 24) * 365.25)
            admitted = birth + timedelta(days=age_days)
            if not earliest <= admitted <= self.latest_full:
                room = (self.latest_full - earliest).days
                admitted = earliest + timedelta(days=rng.randint(0, room))
            full_on = _add_years(admitted, 1)
        return PlannedMember(
            unit_code=unit.code,
            full_name=self.name(gender),
            gender=gender,
            birth_date=birth,
            admitted_on=admitted,
            full_member_on=full_on,
            card_number=card_number,
            status=status,
        )

    def account_member(self, account: DemoAccount, unit: PlannedUnit, card: str) -> PlannedMember:
        birth = date(self.rng.randint(1975, 1992), self.rng.randint(1, 12), self.rng.randint(1, 28))
        admitted = _add_years(birth, self.rng.randint(22, 30))
        return PlannedMember(
            unit_code=unit.code,
            full_name=account.full_name,
            gender=account.gender,
            birth_date=birth,
            admitted_on=admitted,
            full_member_on=_add_years(admitted, 1),
            card_number=card,
            status=MemberStatus.FULL,
        )


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
    people = _People(rng, today)
    planned = [people.account_member(a, account_branch, cards.pop()) for a in accounts]
    for branch, size in zip(branches, sizes, strict=True):
        planned.extend(people.member(branch, cards.pop()) for _ in range(size))
    return DemoPlan(root, wards, planner.units, planned, account_ward, account_branch)


def _branches_under(unit: PlannedUnit) -> Iterator[PlannedUnit]:
    for child in unit.children:
        if child.kind in BRANCH_KINDS:
            yield child
        yield from _branches_under(child)
