"""Demo members: names, dates, record and history that fit together.

Admitted at 18 or older; probationary only if admitted in the last 12 months; full members
admitted long enough ago that the 12 months of probation from the ceremony and the branch's
decision are behind them; the record (`profiles`) and the events (`history`) planned from the same
seeded random.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from vietnam_provinces import Ward

from chibo.core.text import fold, name_sort_text
from chibo.members.models import Gender, MemberStatus

from . import names
from .history import HistoryPlanner, PlannedEvent
from .profiles import ProfileMaker

if TYPE_CHECKING:
    from .plan import DemoAccount, PlannedUnit

# Full members are admitted at least this long ago: ceremony (≤ 45 days), 12 months of probation,
# the branch's decision (≤ 60 days), and some room after it.
FULL_MEMBER_ADMITTED_BEFORE = timedelta(days=500)


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
    ceremony_on: date | None = None
    temporary_unit_code: str | None = None
    is_exempt: bool = False
    sponsors: str = ""
    # The other 2-HSĐV fields, by Member field name (see profiles.ProfileMaker.make).
    profile: dict[str, Any] = field(default_factory=dict)
    events: tuple[PlannedEvent, ...] = ()

    @property
    def search_name(self) -> str:
        return fold(self.full_name)

    @property
    def sort_name(self) -> str:
        return name_sort_text(self.full_name)


def _weighted(rng: random.Random, table: dict[str, float]) -> str:
    return rng.choices(list(table), weights=list(table.values()))[0]


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class People:
    def __init__(
        self,
        rng: random.Random,
        today: date,
        branches: list[PlannedUnit],
        city_wards: list[Ward],
    ) -> None:
        self.rng, self.today = rng, today
        self.latest_full = today - FULL_MEMBER_ADMITTED_BEFORE
        self.history = HistoryPlanner(rng, today, branches)
        self.profiles = ProfileMaker(rng, today, city_wards)

    def name(self, gender: str, surname: str | None = None) -> tuple[str, str]:
        """A full name and its given name."""
        rng = self.rng
        male = gender == Gender.MALE
        middle = _weighted(rng, names.MALE_MIDDLE_NAMES if male else names.FEMALE_MIDDLE_NAMES)
        given_pool = names.MALE_GIVEN_NAMES if male else names.FEMALE_GIVEN_NAMES
        given = rng.choice(given_pool)
        while given == middle.split()[-1]:
            given = rng.choice(given_pool)
        return f"{surname or _weighted(rng, names.SURNAMES)} {middle} {given}", given

    def sponsors(self) -> str:
        """Two full members who introduced the applicant (Điều lệ Đảng, Điều 4)."""
        pair = [self.name(Gender.MALE if self.rng.random() < 0.55 else Gender.FEMALE)[0]]
        pair.append(self.name(Gender.MALE if self.rng.random() < 0.55 else Gender.FEMALE)[0])
        return ", ".join(pair)

    def birth(self, profile: str) -> date:
        if profile == "residential":
            low, high, mode = 1945, 2006, 1958
        else:
            low, high, mode = 1962, 2004, 1987
        start = date(low, 1, 1)
        span = (date(high, 12, 31) - start).days
        return start + timedelta(days=int(self.rng.triangular(0, span, (mode - low) * 365.25)))

    def _dates(self, unit: PlannedUnit, status: str) -> tuple[date, date]:
        rng = self.rng
        if status == MemberStatus.PROBATIONARY:
            admitted = self.today - timedelta(days=rng.randint(7, 360))
            age_days = int(rng.triangular(18, 40, 22) * 365.25)
            birth = min(admitted - timedelta(days=age_days), _add_years(admitted, -18))
            return max(min(birth, date(2006, 12, 31)), date(1945, 1, 1)), admitted
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
        return birth, admitted

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
        birth, admitted = self._dates(unit, status)
        ethnicity = self.profiles.ethnicity()
        full_name, given = self.name(gender, self.profiles.surname(ethnicity))
        return self._planned(
            unit, card_number, full_name, given, gender, birth, admitted, status, ethnicity
        )

    def account_member(self, account: DemoAccount, unit: PlannedUnit, card: str) -> PlannedMember:
        rng = self.rng
        birth = date(rng.randint(1975, 1992), rng.randint(1, 12), rng.randint(1, 28))
        admitted = _add_years(birth, rng.randint(22, 30))
        member = self._planned(
            unit,
            card,
            account.full_name,
            account.first_name,
            account.gender,
            birth,
            admitted,
            MemberStatus.FULL,
            "Kinh",
            eventful=False,
        )
        if account.role == "branch_secretary":
            self.profiles.promote(member.profile, 0, unit.sector, unit.workplace)
        return member

    def _planned(
        self,
        unit: PlannedUnit,
        card_number: str,
        full_name: str,
        given: str,
        gender: str,
        birth: date,
        admitted: date,
        status: str,
        ethnicity: str,
        *,
        eventful: bool = True,
    ) -> PlannedMember:
        career = self.history.plan(
            unit=unit,
            gender=gender,
            birth=birth,
            admitted=admitted,
            status=status,
            eventful=eventful,
        )
        assert unit.ward is not None
        profile = self.profiles.make(
            full_name=full_name,
            given_name=given,
            gender=gender,
            birth=birth,
            ethnicity=ethnicity,
            status=status,
            sector=unit.sector,
            workplace=unit.workplace,
            ward=unit.ward,
            locality=unit.locality,
            died_on=career.died_on,
        )
        return PlannedMember(
            unit_code=unit.code,
            full_name=full_name,
            gender=gender,
            birth_date=birth,
            admitted_on=admitted,
            full_member_on=career.full_member_on,
            card_number=card_number,
            status=status,
            ceremony_on=career.ceremony_on,
            temporary_unit_code=career.temporary_unit,
            is_exempt=career.is_exempt,
            sponsors=self.sponsors(),
            profile=profile,
            events=career.events,
        )

    def appoint_cadres(self, unit: PlannedUnit, members: list[PlannedMember], first: int) -> None:
        """A secretary, a deputy from 6 full members and a committee from 9 (Điều lệ Đảng,
        Điều 24: a branch of 9 or more full members elects a committee), among members at work
        in the branch. `first` = 1 when the secretary is a demo account."""
        ready = [
            m
            for m in members
            if m.status == MemberStatus.FULL and not m.is_exempt and not m.temporary_unit_code
        ]
        count = 1 + (len(ready) >= 6) + (self.rng.randint(1, 3) if len(ready) >= 9 else 0)
        for rank, member in zip(range(first, count), ready, strict=False):
            self.profiles.promote(member.profile, rank, unit.sector, unit.workplace)
