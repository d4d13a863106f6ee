"""A demo member's party career as dated events, and the state those events lead to.

The events obey the rules the actions check (`chibo.members.actions._check_event`): admission
first, full membership from the end of the 12 months of probation (decided later), a permanent
transfer out before the transfer in, one temporary transfer at a time, exemption only while in the
party, dates strictly increasing. The returned `Career` holds the cached state the events derive
(`chibo.members.state`), so that `recompute_member_states()` finds nothing to change after seeding.
"""

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Protocol

from chibo.members.models import EventKind, Gender, MemberStatus
from chibo.members.rules import full_member_from
from chibo.members.rules.dates import add_months

# Units of the city were reorganised on 1 July 2025: earlier decisions were taken by the
# district-level committees, later ones by the ward and commune committees.
REFORM_ON = date(2025, 7, 1)


class Branch(Protocol):
    code: str
    name: str
    sector: str
    ward_name: str
    old_committee: str


@dataclass(frozen=True)
class PlannedEvent:
    kind: str
    effective_on: date
    to_unit: str | None = None  # unit codes
    from_unit: str | None = None
    decision_number: str = ""
    deciding_body: str = ""
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Career:
    events: tuple[PlannedEvent, ...]
    ceremony_on: date | None
    full_member_on: date | None
    temporary_unit: str | None
    is_exempt: bool
    died_on: date | None


def _add_years(day: date, years: int) -> date:
    return add_months(day, 12 * years)


def _between(rng: random.Random, low: date, high: date) -> date | None:
    if low > high:
        return None
    return low + timedelta(days=rng.randint(0, (high - low).days))


class HistoryPlanner:
    def __init__(self, rng: random.Random, today: date, branches: Sequence[Branch]) -> None:
        self.rng, self.today = rng, today
        self.branches = list(branches)
        self.work_branches = [b for b in branches if b.sector != "residential"] or self.branches

    def _other(self, unit: Branch, pool: list[Branch]) -> Branch | None:
        if len(pool) < 2 and (not pool or pool[0].code == unit.code):
            return None
        while True:
            other = self.rng.choice(pool)
            if other.code != unit.code:
                return other

    def _decision(self, unit: Branch, on: date, form: str = "QĐ") -> tuple[str, str]:
        """A decision number and the committee that signed it (a standing committee)."""
        number = self.rng.randint(1, 2400)
        if on >= REFORM_ON or not unit.old_committee:
            return f"{number}-{form}/ĐU", f"Ban Thường vụ Đảng ủy {unit.ward_name}"
        short = {"Quận": "QU", "Huyện": "HU", "Thành": "TU", "Thị": "TXU"}
        suffix = short.get(unit.old_committee.split()[0], "QU")
        return f"{number}-{form}/{suffix}", f"Ban Thường vụ {unit.old_committee}"

    def plan(
        self,
        *,
        unit: Branch,
        gender: str,
        birth: date,
        admitted: date,
        status: str,
        eventful: bool = True,
    ) -> Career:
        """The career of a member planned with this status; `eventful=False` keeps it to the
        admission and full membership (the demo accounts: their pages should look plain)."""
        rng, today = self.rng, self.today
        last_day = today - timedelta(days=1)
        ceremony: date | None = admitted + timedelta(days=rng.randint(3, 45))
        if ceremony is not None and ceremony > today:
            ceremony = None
        events: list[PlannedEvent] = []
        in_party = status != MemberStatus.PROBATIONARY
        full_from = decided = None
        last = admitted
        if in_party:
            if ceremony is None:  # the planner admits full members long enough ago
                raise ValueError("a full member needs a ceremony")
            full_from = full_member_from(ceremony)
            decided = min(full_from + timedelta(days=rng.randint(5, 60)), last_day)
            last = decided

        residential = unit.sector == "residential"
        transfer = None
        if eventful and in_party and rng.random() < (0.35 if residential else 0.12):
            origin = self._other(unit, self.work_branches if residential else self.branches)
            retired_on = _add_years(birth, 60 if gender == Gender.MALE else 55)
            low, high = last + timedelta(days=30), today - timedelta(days=50)
            out_on = retired_on if residential and low <= retired_on <= high else None
            out_on = out_on or _between(rng, low, high)
            if origin is not None and out_on is not None:
                in_on = min(out_on + timedelta(days=rng.randint(5, 45)), last_day)
                transfer = (origin, out_on, in_on)
                last = in_on
        admitted_in = transfer[0] if transfer else unit

        number, body = self._decision(admitted_in, admitted)
        events.append(
            PlannedEvent(
                EventKind.ADMISSION,
                admitted,
                to_unit=admitted_in.code,
                decision_number=number,
                deciding_body=body,
                details={"ceremony_on": ceremony.isoformat() if ceremony else None},
            )
        )
        if full_from and decided:
            number, body = self._decision(admitted_in, decided)
            events.append(
                PlannedEvent(
                    EventKind.FULL_MEMBERSHIP,
                    decided,
                    from_unit=admitted_in.code,
                    decision_number=number,
                    deciding_body=body,
                    details={"full_from": full_from.isoformat()},
                )
            )
        if transfer:
            origin, out_on, in_on = transfer
            number, body = self._decision(origin, out_on, form="GGT")
            events.append(
                PlannedEvent(
                    EventKind.TRANSFER_OUT,
                    out_on,
                    to_unit=unit.code,
                    from_unit=origin.code,
                    decision_number=number,
                    deciding_body=body,
                )
            )
            number, body = self._decision(unit, in_on, form="TN")
            events.append(
                PlannedEvent(
                    EventKind.TRANSFER_IN,
                    in_on,
                    to_unit=unit.code,
                    from_unit=origin.code,
                    decision_number=number,
                    deciding_body=body,
                )
            )

        died_on = None
        if status == MemberStatus.DECEASED:
            low = max(last + timedelta(days=60), today - timedelta(days=8 * 365))
            died_on = _between(rng, low, last_day) or min(last + timedelta(days=1), last_day)

        exempt = False
        age_now = ((died_on or today) - birth).days // 365
        old_enough = residential and in_party and age_now >= 75
        if old_enough and status != MemberStatus.REMOVED and rng.random() < 0.35:
            low = max(_add_years(birth, 72), last + timedelta(days=30))
            exempt_on = _between(rng, low, (died_on or today) - timedelta(days=2))
            if exempt_on is not None:
                exempt, last = True, exempt_on
                events.append(
                    PlannedEvent(
                        EventKind.EXEMPTION,
                        exempt_on,
                        from_unit=unit.code,
                        decision_number=f"{rng.randint(1, 40)}-NQ/CB",
                        deciding_body=unit.name,
                        details={"reason": "age"},
                    )
                )

        temporary_unit = None
        chance = 0.01 if residential else 0.04
        if eventful and status == MemberStatus.FULL and not exempt and rng.random() < chance:
            target = self._other(unit, self.branches)
            low = max(last + timedelta(days=30), today - timedelta(days=700))
            out_on = _between(rng, low, today - timedelta(days=10))
            if target is not None and out_on is not None:
                study = rng.random() < 0.4
                until = add_months(out_on, rng.randint(3, 24 if study else 12))
                number, body = self._decision(unit, out_on, form="GGT")
                events.append(
                    PlannedEvent(
                        EventKind.TEMPORARY_OUT,
                        out_on,
                        to_unit=target.code,
                        from_unit=unit.code,
                        decision_number=number,
                        deciding_body=body,
                        details={
                            "reason": "study" if study else "work",
                            "until": until.isoformat(),
                        },
                    )
                )
                last = out_on
                if until < today:
                    events.append(
                        PlannedEvent(EventKind.TEMPORARY_RETURN, until, from_unit=unit.code)
                    )
                    last = until
                else:
                    temporary_unit = target.code

        if died_on:
            events.append(PlannedEvent(EventKind.DEATH, died_on, from_unit=unit.code))
        if status == MemberStatus.REMOVED:
            removed_on = _between(rng, last + timedelta(days=60), last_day) or last_day
            number, body = self._decision(unit, removed_on)
            events.append(
                PlannedEvent(
                    EventKind.REMOVAL,
                    removed_on,
                    from_unit=unit.code,
                    decision_number=number,
                    deciding_body=body,
                )
            )
        return Career(
            events=tuple(events),
            ceremony_on=ceremony,
            full_member_on=full_from,
            temporary_unit=temporary_unit,
            is_exempt=exempt,
            died_on=died_on,
        )
