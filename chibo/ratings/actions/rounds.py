"""Opening and closing a rating round, and rebuilding the ratings' cached state."""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import require
from chibo.access.roles import Perm
from chibo.audit.recorder import record
from chibo.core.errors import Conflict, NotFound, ValidationFailed
from chibo.core.tree import ancestor_paths
from chibo.members.models import Member
from chibo.org.models import OrgUnit, UnitStatus

from .. import state
from ..models import (
    Rating,
    RatingRound,
    RoundEvent,
    RoundEventKind,
    RoundStatus,
    Stage,
    SubjectKind,
)
from ..queries.cap import cap_breaches
from ..rules import (
    EXCELLENT_CAP,
    GRASSROOTS_KINDS,
    LEVEL_RULES,
    RATED_ORGANISATION_KINDS,
    criteria_book,
    period_end,
)

# The units that run a round: a committee with organisations under it (not a plain branch).
ROUND_UNIT_KINDS = frozenset(
    {"central", "provincial_committee", "upper_grassroots", "grassroots_committee"}
)


def grassroots_of(paths: list[str], grassroots: dict[str, OrgUnit]) -> dict[str, OrgUnit | None]:
    """For each unit path, its deepest ancestor-or-self that is a grassroots organisation."""
    found: dict[str, OrgUnit | None] = {}
    for path in paths:
        found[path] = None
        for candidate in reversed(ancestor_paths(path, include_self=True)):
            if candidate in grassroots:
                found[path] = grassroots[candidate]
                break
    return found


def _grassroots_map(unit: OrgUnit) -> dict[str, OrgUnit]:
    rows = OrgUnit.objects.filter(kind__in=GRASSROOTS_KINDS, path__startswith=unit.path)
    above = OrgUnit.objects.filter(kind__in=GRASSROOTS_KINDS, path__in=unit.ancestor_paths())
    return {u.path: u for u in [*rows, *above]}


def open_round(
    *,
    actor: Any,
    unit: OrgUnit,
    year: int,
    kind: str,
    quarter: int = 0,
    cap_percent: int | None = None,
    on: date,
) -> RatingRound:
    """Open the round of `year` (or one quarter of it) for the members or the organisations of
    the unit's subtree: one rating per active member (exempt members are not rated) or per
    grassroots organisation and branch."""
    require(actor, Perm.RATINGS_MANAGE, unit)
    if unit.kind not in ROUND_UNIT_KINDS:
        raise ValidationFailed(
            _("Đợt đánh giá do cấp ủy có tổ chức đảng trực thuộc tổ chức, không do chi bộ."),
            field="unit",
        )
    if kind not in SubjectKind.values:
        raise ValidationFailed(_("Loại đánh giá không hợp lệ."), field="kind")
    if not 0 <= quarter <= 4:
        raise ValidationFailed(_("Quý phải từ 1 đến 4 (0: cả năm)."), field="quarter")
    if not 2000 <= year <= on.year + 1:
        raise ValidationFailed(_("Năm đánh giá không hợp lệ."), field="year")
    end = period_end(year, quarter)
    cap = EXCELLENT_CAP.rule_on(end)
    percent = cap.percent if cap_percent is None else cap_percent
    if not 0 <= percent <= 100:
        raise ValidationFailed(_("Tỷ lệ tối đa phải từ 0 đến 100%."), field="cap_percent")
    template = criteria_book(kind).rule_on(end)
    with transaction.atomic():
        if RatingRound.objects.filter(unit=unit, year=year, quarter=quarter, kind=kind).exists():
            raise Conflict(_("Đơn vị đã mở đợt đánh giá cho kỳ này."))
        rnd = RatingRound.objects.create(
            unit=unit,
            year=year,
            quarter=quarter,
            kind=kind,
            cap_percent=percent,
            cap_confirmed=cap.confirmed and percent == cap.percent,
            cap_source=cap.source[:255],
            rule_source=LEVEL_RULES.rule_on(end).source[:255],
            criteria=[
                {"code": c.code, "label": c.label, "max_points": c.max_points}
                for c in template.criteria
            ],
            opened_on=on,
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        grassroots = _grassroots_map(unit)
        if kind == SubjectKind.MEMBER:
            members = list(
                Member.objects.active()
                .filter(unit__path__startswith=unit.path, is_exempt=False)
                .select_related("unit")
            )
            owner = grassroots_of(sorted({m.unit.path for m in members}), grassroots)
            ratings = [
                Rating(
                    round=rnd,
                    kind=kind,
                    year=year,
                    quarter=quarter,
                    member=m,
                    unit=m.unit,
                    grassroots=owner[m.unit.path],
                )
                for m in members
            ]
        else:
            orgs = list(
                OrgUnit.objects.filter(
                    path__startswith=unit.path,
                    kind__in=RATED_ORGANISATION_KINDS,
                    status=UnitStatus.ACTIVE,
                ).exclude(pk=unit.pk)
            )
            owner = grassroots_of([o.path for o in orgs], grassroots)
            ratings = [
                Rating(
                    round=rnd,
                    kind=kind,
                    year=year,
                    quarter=quarter,
                    organisation=o,
                    unit=o,
                    grassroots=owner[o.path],
                )
                for o in orgs
            ]
        Rating.objects.bulk_create(ratings, batch_size=2000)
        RoundEvent.objects.create(
            round=rnd,
            kind=RoundEventKind.OPENED,
            effective_on=on,
            details={"subjects": len(ratings), "cap_percent": percent},
            recorded_by=rnd.created_by,
        )
        record(
            actor=actor,
            action="ratings.open_round",
            target=rnd,
            unit=unit,
            changes={"year": year, "quarter": quarter, "kind": kind, "subjects": len(ratings)},
        )
    return rnd


def close_round(
    *,
    actor: Any,
    round_id: int,
    on: date,
    decision_number: str = "",
    decision_reason: str = "",
) -> RatingRound:
    """Close a round once every rating is decided. Over the cap on excellent in any grassroots
    organisation, the round closes only with a recorded decision (its number and reason)."""
    with transaction.atomic():
        rnd = (
            RatingRound.objects.select_for_update(of=("self",))
            .select_related("unit")
            .filter(pk=round_id)
            .first()
        )
        if rnd is None:
            raise NotFound(_("Không tìm thấy đợt đánh giá."))
        require(actor, Perm.RATINGS_DECIDE, rnd.unit)
        if rnd.status != RoundStatus.OPEN:
            raise Conflict(_("Đợt đánh giá đã kết thúc."))
        if on < rnd.opened_on:
            raise ValidationFailed(_("Ngày kết thúc trước ngày mở đợt."), field="on")
        undecided = rnd.ratings.exclude(stage=Stage.DECIDED).count()
        if undecided:
            raise Conflict(
                _("Còn %(n)s trường hợp chưa có quyết định của cấp ủy; chưa thể kết thúc đợt."),
                n=undecided,
            )
        breaches = cap_breaches(rnd)
        number, reason = decision_number.strip(), decision_reason.strip()
        if breaches and not (number and reason):
            names = "; ".join(
                f"{b.grassroots.name if b.grassroots else '—'} ({b.excellent}/{b.good})"
                for b in breaches
            )
            raise Conflict(
                _(
                    "Vượt tỷ lệ hoàn thành xuất sắc (không quá %(percent)s%% số hoàn thành tốt, "
                    "tính theo tổ chức cơ sở đảng — %(source)s): %(names)s. Muốn kết thúc đợt, "
                    "ghi số và lý do quyết định của cấp ủy."
                ),
                percent=rnd.cap_percent,
                source=rnd.cap_source,
                names=names,
            )
        rnd.status = RoundStatus.CLOSED
        rnd.closed_on = on
        rnd.cap_decision_number = number if breaches else ""
        rnd.cap_decision_reason = reason if breaches else ""
        rnd.save(
            update_fields=["status", "closed_on", "cap_decision_number", "cap_decision_reason"]
        )
        details = {
            "breaches": [
                {
                    "grassroots": b.grassroots.code if b.grassroots else None,
                    "excellent": b.excellent,
                    "good": b.good,
                }
                for b in breaches
            ],
            "decision_number": rnd.cap_decision_number,
            "decision_reason": rnd.cap_decision_reason,
        }
        RoundEvent.objects.create(
            round=rnd,
            kind=RoundEventKind.CLOSED,
            effective_on=on,
            details=details,
            recorded_by=actor if getattr(actor, "pk", None) else None,
        )
        record(
            actor=actor,
            action="ratings.close_round",
            target=rnd,
            unit=rnd.unit,
            changes={"status": [RoundStatus.OPEN, RoundStatus.CLOSED], **details},
        )
    return rnd


def recompute_ratings(*, actor: Any, unit: OrgUnit) -> int:
    """Rebuild the cached stage, score and level of the subtree's ratings from their events;
    returns how many changed (0 after any action: the cache is never ahead of the events)."""
    require(actor, Perm.RATINGS_DECIDE, unit)
    changed = 0
    with transaction.atomic():
        rows = Rating.objects.filter(unit__path__startswith=unit.path).prefetch_related("events")
        for rating in rows:
            derived = state.derive(rating.events.all())
            current = (rating.stage, rating.score, rating.level, rating.decided_on)
            new = (derived.stage, derived.score, derived.level, derived.decided_on)
            if current != new:
                rating.stage, rating.score, rating.level, rating.decided_on = new
                rating.save(update_fields=["stage", "score", "level", "decided_on"])
                changed += 1
        if changed:
            record(
                actor=actor,
                action="ratings.recompute_ratings",
                target=unit,
                unit=unit,
                changes={"changed": changed},
            )
    return changed
