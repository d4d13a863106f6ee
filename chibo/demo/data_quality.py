"""Demo data of the data-cleaning campaign: a city-wide campaign two weeks in, a few hundred dirty
records (names in NFD or not title-cased, old tone style, 11-digit or +84 phones, missing citizen
IDs), confirmations spread over the past days, the four tests computed, and 14 days of history.

Deterministic for a seed. The history before today is synthetic: the confirmations are real rows
dated on those days, so "sống" per day is exact; for the three other tests the demo only knows
today's failures, so earlier days show more of them, decreasing linearly to today (as a campaign
that fixes records day after day would look).
"""

import random
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from chibo.access.models import User
from chibo.core.tree import ancestor_paths
from chibo.data_quality.campaigns.actions import (
    COUNT_KEYS,
    aggregates,
    daily_fields,
    refresh_member_checks,
)
from chibo.data_quality.models import Campaign, CampaignDaily, MemberCheck, RecordConfirmation
from chibo.members.models import ACTIVE_STATUSES, Member
from chibo.org.models import OrgUnit

from .plan import DEMO_ACCOUNTS

CAMPAIGN_NAME = "Làm sạch dữ liệu đảng viên: đúng, đủ, sạch, sống"
HISTORY_DAYS = 14
CAMPAIGN_DAYS = 60
CONFIRMED_SHARE = 0.55  # of the members, confirmed by their branch over the past two weeks
DIRTY_SHARE = 0.02  # of the members, given one of the faults below
BRANCH_DIRTY = 8  # records to fix in the demo secretary's own branch
# On the first day of the history, failures were this many times today's (then fixed steadily).
FIRST_DAY_FAILURE_FACTOR = 3.0
# Old 11-digit mobile prefixes (renumbered in 2018) for the "old phone" fault.
OLD_PREFIXES = ("0162", "0163", "0164", "0165", "0166", "0167", "0168", "0169", "0121", "0124")


def _nfd_name(m: Member, rng: random.Random) -> None:
    m.full_name = unicodedata.normalize("NFD", m.full_name)


def _lower_name(m: Member, rng: random.Random) -> None:
    m.full_name = "  ".join(m.full_name.lower().split())


def _modern_tone(m: Member, rng: random.Random) -> None:
    for old, new in (("òa", "oà"), ("òe", "oè"), ("ỏa", "oả"), ("ủy", "uỷ"), ("ũy", "uỹ")):
        m.full_name = m.full_name.replace(old, new)
    m.home_town = m.home_town.replace("Hòa", "Hoà")


def _old_phone(m: Member, rng: random.Random) -> None:
    m.phone = rng.choice(OLD_PREFIXES) + f"{rng.randrange(10**7):07d}"


def _international_phone(m: Member, rng: random.Random) -> None:
    m.phone = (
        f"+84 9{rng.randrange(10**2):02d} {rng.randrange(10**3):03d} {rng.randrange(10**3):03d}"
    )


def _no_citizen_id(m: Member, rng: random.Random) -> None:
    m.citizen_id = ""


def _citizen_id_year(m: Member, rng: random.Random) -> None:
    """Digits 5-6 (the birth year) typed wrong: the ID no longer matches the birth date."""
    if len(m.citizen_id) == 12:
        year = (int(m.citizen_id[4:6]) + 1 + rng.randrange(8)) % 100
        m.citizen_id = f"{m.citizen_id[:4]}{year:02d}{m.citizen_id[6:]}"


def _broken_phone(m: Member, rng: random.Random) -> None:
    m.phone = f"{rng.randrange(10**5):05d}"


def _no_home_town(m: Member, rng: random.Random) -> None:
    m.home_town = ""


FAULTS: tuple[Callable[[Member, random.Random], None], ...] = (
    _nfd_name,
    _lower_name,
    _modern_tone,
    _old_phone,
    _international_phone,
    _no_citizen_id,
    _citizen_id_year,
    _broken_phone,
    _no_home_town,
)
DIRTY_FIELDS = ["full_name", "phone", "citizen_id", "home_town"]


def _dirty(members: list[Member], rng: random.Random) -> None:
    for index, member in enumerate(members):
        FAULTS[index % len(FAULTS)](member, rng)
    Member.objects.bulk_update(members, DIRTY_FIELDS, batch_size=1_000)


def _confirm(campaign: Campaign, members: list[int], actor: User | None, today: date) -> None:
    """Confirmations spread over the history, fewer at the start (branches warm up)."""
    rng = random.Random(campaign.pk)
    tz = timezone.get_current_timezone()
    rows = []
    for member_id in members:
        days_ago = int(HISTORY_DAYS * rng.random() ** 0.7)  # more recent than uniform
        day = today - timedelta(days=min(days_ago, HISTORY_DAYS - 1))
        at = datetime.combine(day, time(8 + rng.randrange(9), rng.randrange(60)), tzinfo=tz)
        rows.append(
            RecordConfirmation(
                campaign=campaign, member_id=member_id, confirmed_by=actor, confirmed_at=at
            )
        )
    RecordConfirmation.objects.bulk_create(rows, batch_size=2_000)


def _history(campaign: Campaign, today: date) -> int:
    """CampaignDaily rows for every unit and each of the last HISTORY_DAYS days (see docstring)."""
    root = campaign.root_unit
    checks = MemberCheck.objects.filter(unit_path__startswith=root.path)
    first = today - timedelta(days=HISTORY_DAYS - 1)
    per_day: dict[date, dict[str, dict[str, int]]] = {}
    for offset in range(HISTORY_DAYS):
        day = first + timedelta(days=offset)
        confirmed = Q(confirmed_on__gte=campaign.starts_on, confirmed_on__lte=day)
        rows = checks.values("unit_path").annotate(**aggregates(confirmed))
        factor = 1 + (FIRST_DAY_FAILURE_FACTOR - 1) * (HISTORY_DAYS - 1 - offset) / (
            HISTORY_DAYS - 1
        )
        totals: dict[str, dict[str, int]] = {}
        for row in rows:
            path = row["unit_path"]
            for prefix in ancestor_paths(path, include_self=True)[root.depth - 1 :]:
                bucket = totals.setdefault(prefix, dict.fromkeys(COUNT_KEYS, 0))
                for key in COUNT_KEYS:
                    bucket[key] += int(row[key])  # type: ignore[literal-required]
        for counts in totals.values():
            total = counts["total"]
            three = min(counts["correct"], counts["complete"], counts["clean"])
            for key in ("correct", "complete", "clean"):
                counts[key] = max(0, total - round((total - counts[key]) * factor))
            past_three = min(counts["correct"], counts["complete"], counts["clean"])
            counts["all_four"] = round(counts["all_four"] * past_three / three) if three else 0
        per_day[day] = totals
    units = dict(OrgUnit.objects.filter(path__startswith=root.path).values_list("path", "pk"))
    rows_out = [
        CampaignDaily(campaign=campaign, unit_id=units[path], day=day, **daily_fields(counts))
        for day, totals in per_day.items()
        for path, counts in totals.items()
        if path in units
    ]
    CampaignDaily.objects.bulk_create(rows_out, batch_size=5_000)
    return len(rows_out)


def seed_data_quality(
    *,
    root: OrgUnit,
    branch_code: str,
    today: date | None = None,
    seed: int = 2026,
    say: Callable[[str], None] = lambda _m: None,
) -> Campaign:
    """The demo campaign over the city (`root`); `branch_code`'s branch gets records to fix."""
    today = today or timezone.localdate()
    rng = random.Random(seed)
    staff = User.objects.filter(username="vanphong").first()
    campaign = Campaign.objects.create(
        name=CAMPAIGN_NAME,
        root_unit=root,
        starts_on=today - timedelta(days=HISTORY_DAYS - 1),
        ends_on=today + timedelta(days=CAMPAIGN_DAYS - HISTORY_DAYS),
        created_by=staff,
    )
    active = Member.objects.filter(status__in=ACTIVE_STATUSES, unit__path__startswith=root.path)
    ids = list(active.order_by("pk").values_list("pk", flat=True))
    branch_ids = list(
        active.filter(unit__code=branch_code).order_by("pk").values_list("pk", flat=True)
    )
    dirty_ids = set(rng.sample(ids, int(len(ids) * DIRTY_SHARE))) | set(branch_ids[:BRANCH_DIRTY])
    # The demo accounts' own records stay clean: the handbook greets its user by that name.
    account_names = {account.full_name for account in DEMO_ACCOUNTS}
    dirty_ids -= set(active.filter(full_name__in=account_names).values_list("pk", flat=True))
    dirty = list(Member.objects.filter(pk__in=sorted(dirty_ids)).order_by("pk"))
    say(f"Làm sạch dữ liệu: {len(dirty)} hồ sơ cần sửa")
    _dirty(dirty, rng)
    # The demo secretary's branch has confirmed half of its records: there is work left to show.
    confirmed = [i for i in ids if rng.random() < CONFIRMED_SHARE and i not in branch_ids]
    confirmed += branch_ids[BRANCH_DIRTY : BRANCH_DIRTY + len(branch_ids) // 2]
    _confirm(campaign, confirmed, staff, today)
    say("Làm sạch dữ liệu: kiểm tra bốn tiêu chí")
    refresh_member_checks(unit=root, on=today)
    rows = _history(campaign, today)
    say(f"Làm sạch dữ liệu: {rows} dòng số liệu theo ngày")
    return campaign
