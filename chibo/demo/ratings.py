"""Demo data of the ratings module: five closed years of member and organisation ratings in every
demo ward (a few members excellent all five years, every grassroots organisation within the cap
on excellent), and the current year's round of the accounts' ward open, part assessed, with one
grassroots organisation over the cap.

Closed years are bulk inserts (executemany) of ratings and their decision events; the open round
is opened by the action and its assessments written in bulk as the actions would write them.
A standing-committee login `thuongtruc` (leader of the accounts' ward) is made here because the
demo accounts have nobody who may decide a rating (ratings.decide); the lead may move it to
DEMO_ACCOUNTS.
"""

import random
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from chibo.access.models import Grant, User
from chibo.access.roles import Role
from chibo.members.models import ACTIVE_STATUSES, Member
from chibo.org.models import OrgUnit, UnitKind
from chibo.ratings.actions.rounds import grassroots_of, open_round
from chibo.ratings.models import (
    Rating,
    RatingEvent,
    RatingRound,
    RoundEvent,
    RoundStatus,
    Stage,
    SubjectKind,
)
from chibo.ratings.rules import (
    EXCELLENT_CAP,
    GRASSROOTS_KINDS,
    LEVEL_RULES,
    RATED_ORGANISATION_KINDS,
    Level,
    cap_limit,
    criteria_book,
    period_end,
)

from .plan import DEMO_PASSWORD
from .rows import insert_rows

YEARS = 5
LEADER = "thuongtruc"
CONDITIONS = {
    Level.EXCELLENT: {"tasks_on_time": True, "exceeding_percent": 40, "shortcomings_fixed": True},
    Level.GOOD: {"tasks_on_time": True, "exceeding_percent": 10, "shortcomings_fixed": True},
    Level.SATISFACTORY: {
        "tasks_on_time": False,
        "exceeding_percent": 0,
        "shortcomings_fixed": True,
    },
    Level.UNSATISFACTORY: {"tasks_on_time": False, "disqualifying": ["under_half"]},
}
SCORE_RANGE = {
    Level.EXCELLENT: (90, 98),
    Level.GOOD: (72, 89),
    Level.SATISFACTORY: (52, 69),
    Level.UNSATISFACTORY: (30, 48),
}


def _leader(ward: OrgUnit) -> User:
    user = User.objects.filter(username=LEADER).first()
    if user is None:
        user = User.objects.create(
            username=LEADER,
            first_name="Hoàng Thị",
            last_name="Lan",
            email=f"{LEADER}@chibo.local",
            password=make_password(DEMO_PASSWORD),
            is_active=True,
        )
    Grant.objects.get_or_create(
        user=user, unit=ward, role=Role.LEADER, defaults={"approved_at": timezone.now()}
    )
    return user


def _pick_level(rng: random.Random) -> Level:
    x = rng.random()
    if x < 0.10:
        return Level.EXCELLENT
    if x < 0.84:
        return Level.GOOD
    if x < 0.98:
        return Level.SATISFACTORY
    return Level.UNSATISFACTORY


def _score(level: Level, rng: random.Random, uses_points: bool) -> Decimal | None:
    if not uses_points:
        return None
    low, high = SCORE_RANGE[level]
    return Decimal(rng.randint(low, high))


def _within_cap(levels: dict[int, Level], group: dict[int, Any], stars: set[int], pct: int) -> None:
    """Downgrade excellent ratings (not the stars') until every grassroots group is in the cap."""
    by_group: dict[Any, list[int]] = defaultdict(list)
    for key, g in group.items():
        by_group[g].append(key)
    for keys in by_group.values():
        good = sum(levels[k] == Level.GOOD for k in keys)
        excellent = [k for k in keys if levels[k] == Level.EXCELLENT]
        excellent.sort(key=lambda k: k in stars)  # stars last: downgraded only if unavoidable
        while len(excellent) > cap_limit(good, pct):
            levels[excellent.pop(0)] = Level.GOOD
            good += 1


def _closed_round(
    *,
    unit: OrgUnit,
    year: int,
    kind: str,
    subjects: list[tuple[int, OrgUnit, OrgUnit | None]],  # (subject id, unit, grassroots)
    stars: set[int],
    rng: random.Random,
    leader: User,
    with_branch: bool,
) -> int:
    end = period_end(year)
    rules = LEVEL_RULES.rule_on(end)
    cap = EXCELLENT_CAP.rule_on(end)
    decided_on = date(year, 12, 20)
    rnd = RatingRound.objects.create(
        unit=unit,
        year=year,
        quarter=0,
        kind=kind,
        status=RoundStatus.CLOSED,
        cap_percent=cap.percent,
        cap_confirmed=cap.confirmed,
        cap_source=cap.source[:255],
        rule_source=rules.source[:255],
        criteria=[
            {"code": c.code, "label": c.label, "max_points": c.max_points}
            for c in criteria_book(kind).rule_on(end).criteria
        ],
        opened_on=date(year, 12, 1),
        closed_on=date(year, 12, 28),
        created_by=leader,
    )
    levels = {
        sid: (Level.EXCELLENT if sid in stars else _pick_level(rng)) for sid, _u, _g in subjects
    }
    if kind == SubjectKind.MEMBER:
        _within_cap(
            levels, {sid: g.pk if g else None for sid, _u, g in subjects}, stars, cap.percent
        )
    scores = {sid: _score(levels[sid], rng, rules.uses_points) for sid in levels}
    field = "member_id" if kind == SubjectKind.MEMBER else "organisation_id"
    insert_rows(
        Rating,
        (
            {
                "round_id": rnd.pk,
                "kind": kind,
                "year": year,
                "quarter": 0,
                field: sid,
                "unit_id": u.pk,
                "grassroots_id": g.pk if g else None,
                "stage": Stage.DECIDED,
                "score": scores[sid],
                "level": levels[sid].value,
                "decided_on": decided_on,
            }
            for sid, u, g in subjects
        ),
    )
    ids = dict(Rating.objects.filter(round=rnd).values_list(field, "pk"))
    stages = [Stage.BRANCH, Stage.DECIDED] if with_branch else [Stage.DECIDED]
    insert_rows(
        RatingEvent,
        (
            {
                "rating_id": ids[sid],
                "stage": stage,
                "effective_on": date(year, 12, 10) if stage == Stage.BRANCH else decided_on,
                "score": scores[sid],
                "level": levels[sid].value,
                "conditions": CONDITIONS[levels[sid]],
                "points": {},
                "comment": "",
                "rule_source": rules.source[:255],
                "recorded_by_id": leader.pk,
            }
            for sid in ids
            for stage in stages
        ),
        datetimes=True,
    )
    RoundEvent.objects.create(
        round=rnd,
        kind="opened",
        effective_on=rnd.opened_on,
        recorded_by=leader,
        details={"subjects": len(ids)},
    )
    RoundEvent.objects.create(
        round=rnd,
        kind="closed",
        effective_on=date(year, 12, 28),
        recorded_by=leader,
        details={"breaches": [], "decision_number": "", "decision_reason": ""},
    )
    return len(ids)


def _members_of(ward: OrgUnit, year: int) -> list[Member]:
    return list(
        Member.objects.filter(
            unit__path__startswith=ward.path,
            status__in=ACTIVE_STATUSES,
            is_exempt=False,
            admitted_on__lte=date(year, 6, 30),
        ).select_related("unit")
    )


def _grassroots(ward: OrgUnit) -> dict[str, OrgUnit]:
    return {
        u.path: u
        for u in OrgUnit.objects.filter(path__startswith=ward.path, kind__in=GRASSROOTS_KINDS)
    }


def seed_ratings(
    *,
    root: OrgUnit,
    ward_code: str,
    branch_code: str,
    today: date | None,
    seed: int,
    say: Callable[[str], None],
) -> None:
    today = today or timezone.localdate()
    rng = random.Random(seed * 14 + 1)
    account_ward = OrgUnit.objects.get(code=ward_code)
    leader = _leader(account_ward)
    wards = list(OrgUnit.objects.filter(kind=UnitKind.UPPER_GRASSROOTS, path__startswith=root.path))
    last_closed = today.year - 1
    first = last_closed - YEARS + 1
    total = 0
    for ward in wards:
        grassroots = _grassroots(ward)
        members_now = _members_of(ward, first)
        # About 4 % of the longer-standing members are excellent every year: the streaks.
        stars = {m.pk for m in members_now if rng.random() < 0.04}
        orgs = list(
            OrgUnit.objects.filter(
                path__startswith=ward.path, kind__in=RATED_ORGANISATION_KINDS, status="active"
            ).exclude(pk=ward.pk)
        )
        org_owner = grassroots_of([o.path for o in orgs], grassroots)
        org_stars = {o.pk for o in orgs if rng.random() < 0.15}
        for year in range(first, last_closed + 1):
            members = _members_of(ward, year)
            owner = grassroots_of(sorted({m.unit.path for m in members}), grassroots)
            total += _closed_round(
                unit=ward,
                year=year,
                kind=SubjectKind.MEMBER,
                subjects=[(m.pk, m.unit, owner[m.unit.path]) for m in members],
                stars=stars,
                rng=rng,
                leader=leader,
                with_branch=ward.pk == account_ward.pk,
            )
            total += _closed_round(
                unit=ward,
                year=year,
                kind=SubjectKind.ORGANISATION,
                subjects=[(o.pk, o, org_owner[o.path]) for o in orgs],
                stars=org_stars,
                rng=rng,
                leader=leader,
                with_branch=False,
            )
    say(f"Đánh giá, xếp loại: {total} kết quả {first}-{last_closed} ở {len(wards)} phường")
    _open_round(account_ward, branch_code, today, leader, rng, say)


def _open_round(
    ward: OrgUnit, branch_code: str, today: date, leader: User, rng: random.Random, say: Any
) -> None:
    """This year's member round of the accounts' ward: open, most members self-assessed, many
    assessed by their branch, a third decided, and one grassroots organisation over the cap.
    The `dangvien` account's own rating waits for its self-assessment; the `bithu` account's
    branch has members waiting for the branch's assessment."""
    staff = User.objects.filter(username="phuong").first() or leader
    rnd = open_round(actor=staff, unit=ward, year=today.year, kind=SubjectKind.MEMBER, on=today)
    rules = LEVEL_RULES.rule_on(period_end(today.year))
    ratings = list(Rating.objects.filter(round=rnd).select_related("member__user", "unit"))
    by_group: dict[Any, list[Rating]] = defaultdict(list)
    for r in ratings:
        by_group[r.grassroots_id].append(r)
    # The biggest grassroots organisation decides too many "excellent".
    over = max(by_group, key=lambda g: len(by_group[g])) if by_group else None
    events: list[dict[str, Any]] = []
    updates: list[Rating] = []
    for r in ratings:
        assert r.member is not None
        if r.member.user and r.member.user.username == "dangvien":
            continue
        if r.unit.code == branch_code and rng.random() < 0.5:
            stage_reached = Stage.SELF
        else:
            x = rng.random()
            stage_reached = (
                Stage.PENDING
                if x < 0.15
                else Stage.SELF
                if x < 0.35
                else Stage.BRANCH
                if x < 0.6
                else Stage.DECIDED
            )
        if r.grassroots_id == over and stage_reached != Stage.PENDING:
            stage_reached = Stage.DECIDED
        if stage_reached == Stage.PENDING:
            continue
        if r.grassroots_id == over:
            level = Level.EXCELLENT if rng.random() < 0.3 else Level.GOOD
        else:
            level = _pick_level(rng)
        score = _score(level, rng, rules.uses_points)
        order = [Stage.SELF, Stage.BRANCH, Stage.DECIDED]
        for stage in order[: order.index(stage_reached) + 1]:
            events.append(
                {
                    "rating_id": r.pk,
                    "stage": stage,
                    "effective_on": today,
                    "score": score,
                    "level": level.value,
                    "conditions": CONDITIONS[level],
                    "points": {},
                    "comment": "",
                    "rule_source": rules.source[:255],
                    "recorded_by_id": (r.member.user_id if stage == Stage.SELF else leader.pk),
                }
            )
        r.stage, r.score, r.level = stage_reached, score, level.value
        r.decided_on = today if stage_reached == Stage.DECIDED else None
        updates.append(r)
    # Outside the one organisation meant to break it, the decisions stay within the cap.
    decided = [r for r in updates if r.stage == Stage.DECIDED and r.grassroots_id != over]
    levels = {r.pk: Level(r.level) for r in decided}
    _within_cap(levels, {r.pk: r.grassroots_id for r in decided}, set(), rnd.cap_percent)
    for r in decided:
        if levels[r.pk] != r.level:
            r.level = levels[r.pk].value
            r.score = _score(levels[r.pk], rng, rules.uses_points)
            for e in events:
                if e["rating_id"] == r.pk:
                    e["level"], e["score"] = r.level, r.score
                    e["conditions"] = CONDITIONS[levels[r.pk]]
    insert_rows(RatingEvent, events, datetimes=True)
    Rating.objects.bulk_update(updates, ["stage", "score", "level", "decided_on"], batch_size=2000)
    say(f"Đợt đánh giá năm {today.year} đang mở ở {ward.name}: {len(ratings)} đảng viên")
