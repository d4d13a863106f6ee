"""The three assessments of a rating: the subject's own, the branch's, the committee's decision.

Who may write each (QĐ 366-QĐ/TW, HD 43-HD/BTCTW; QĐ 124-QĐ/TW before):
- self-assessment: the member themselves; for an organisation, its own committee;
- the branch's assessment: the committee of the member's branch (a grant on that branch itself,
  not one inherited from above); for an organisation, the committee directly above it;
- the decision: the committee that runs the round (ratings.decide on the round's unit).
"""

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from chibo.access.policy import in_scope, is_self, reaches, require
from chibo.access.roles import Perm
from chibo.audit.recorder import record
from chibo.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from chibo.org.models import OrgUnit

from .. import state
from ..models import EVENT_STAGES, Rating, RatingEvent, RoundStatus, Stage, SubjectKind
from ..rules import (
    BRANCH_KINDS,
    LEVEL_LABELS,
    LEVEL_RULES,
    Conditions,
    Level,
    highest_level,
    level_problem,
    period_end,
)

NOT_FOUND = _("Không tìm thấy phiếu đánh giá.")


def assessing_unit(rating: Rating) -> OrgUnit | None:
    """The unit whose committee gives the middle assessment: a member's branch (the nearest
    branch at or above their unit, a party cell's branch), an organisation's parent."""
    if rating.kind == SubjectKind.MEMBER:
        paths = rating.unit.ancestor_paths(include_self=True)
        units = {u.path: u for u in OrgUnit.objects.filter(path__in=paths, kind__in=BRANCH_KINDS)}
        for path in reversed(paths):
            if path in units:
                return units[path]
        return None
    assert rating.organisation is not None
    return OrgUnit.objects.get_parent(rating.organisation)


def holds_on(actor: Any, perm: Perm, unit: OrgUnit | None) -> bool:
    """A grant on this very unit carrying `perm` (its own committee, not one above)."""
    return unit is not None and any(
        r.unit_id == unit.pk and perm in r.perms for r in reaches(actor)
    )


def _authorise(actor: Any, rating: Rating, stage: str) -> None:
    rules = LEVEL_RULES.rule_on(period_end(rating.year, rating.quarter))
    if stage == Stage.SELF:
        if rating.kind == SubjectKind.MEMBER and is_self(actor, rating.member):
            return
        if rating.kind == SubjectKind.ORGANISATION and holds_on(
            actor, Perm.RATINGS_MANAGE, rating.organisation
        ):
            return
        if not in_scope(actor, rating.unit):
            raise NotFound(NOT_FOUND)
        raise Forbidden(
            _("Chỉ đảng viên (hoặc cấp ủy của tổ chức) tự đánh giá, xếp loại mình (%(source)s)."),
            source=rules.source,
        )
    if stage == Stage.BRANCH:
        unit = assessing_unit(rating)
        if holds_on(actor, Perm.RATINGS_MANAGE, unit):
            return
        if not in_scope(actor, rating.unit):
            raise NotFound(NOT_FOUND)
        raise Forbidden(
            _(
                "Chỉ cấp ủy chi bộ nơi đảng viên sinh hoạt (với tổ chức: cấp ủy cấp trên trực "
                "tiếp) nhận xét, đánh giá ở bước này (%(source)s)."
            ),
            source=rules.source,
        )
    require(actor, Perm.RATINGS_DECIDE, rating.round.unit, not_found=NOT_FOUND)


def _score(raw: Any, rules: Any, points: dict[str, Any], criteria: list[dict[str, Any]]) -> Any:
    if raw in (None, ""):
        score = None
    else:
        try:
            score = Decimal(str(raw))
        except InvalidOperation:
            raise ValidationFailed(_("Điểm phải là một số."), field="score") from None
        if not score.is_finite():
            raise ValidationFailed(_("Điểm phải là một số."), field="score")
    clean: dict[str, Decimal] = {}
    known = {c["code"]: c for c in criteria}
    for code, value in (points or {}).items():
        if value in (None, ""):
            continue
        if code not in known or known[code]["max_points"] is None:
            raise ValidationFailed(
                _("Tiêu chí “%(code)s” không có trong khung điểm năm nay."),
                field="points",
                code=code,
            )
        try:
            got = Decimal(str(value))
        except InvalidOperation:
            raise ValidationFailed(_("Điểm phải là một số."), field=f"points_{code}") from None
        if not got.is_finite() or not 0 <= got <= known[code]["max_points"]:
            raise ValidationFailed(
                _("Điểm tiêu chí “%(label)s” phải từ 0 đến %(max)s (%(source)s)."),
                field=f"points_{code}",
                label=known[code]["label"],
                max=known[code]["max_points"],
                source=rules.source,
            )
        clean[code] = got
    if clean:
        total = sum(clean.values(), Decimal(0))
        if score is None:
            score = total
        elif score != total:
            raise ValidationFailed(
                _("Tổng điểm %(score)s khác tổng điểm các tiêu chí %(total)s."),
                field="score",
                score=f"{score:g}",
                total=f"{total:g}",
            )
    if score is None:
        if rules.uses_points:
            raise ValidationFailed(
                _("Cần chấm điểm theo thang điểm 100 (%(source)s)."),
                field="score",
                source=rules.source,
            )
        return None, clean
    if not 0 <= score <= rules.max_score:
        raise ValidationFailed(
            _("Điểm phải từ 0 đến %(max)s theo thang điểm %(max)s (%(source)s)."),
            field="score",
            max=rules.max_score,
            source=rules.source,
        )
    return score, clean


def _conditions(raw: dict[str, Any] | None, rules: Any) -> Conditions:
    try:
        cond = Conditions.from_dict(raw)
    except (TypeError, ValueError):
        raise ValidationFailed(_("Điều kiện xếp loại không hợp lệ."), field="conditions") from None
    for value, name in (
        (cond.exceeding_percent, "exceeding_percent"),
        (cond.late_percent, "late_percent"),
    ):
        if not 0 <= value <= 100:
            raise ValidationFailed(_("Tỷ lệ phải từ 0 đến 100%."), field=name)
    unknown = [c for c in cond.disqualifying if c not in rules.disqualifying]
    if unknown:
        raise ValidationFailed(
            _("Điều kiện không hoàn thành nhiệm vụ không có trong quy định: %(codes)s."),
            field="disqualifying",
            codes=", ".join(unknown),
        )
    return cond


def assess_rating(
    *,
    actor: Any,
    rating_id: int,
    stage: str,
    on: date,
    score: Any = None,
    level: str = "",
    conditions: dict[str, Any] | None = None,
    points: dict[str, Any] | None = None,
    comment: str = "",
) -> RatingEvent:
    """Record one assessment of a rating; its level is checked against the score and the
    conditions of the rule of the rated period, not the score alone."""
    if stage not in EVENT_STAGES:
        raise ValidationFailed(_("Bước đánh giá không hợp lệ."), field="stage")
    with transaction.atomic():
        rating = (
            Rating.objects.select_for_update(of=("self",))
            .select_related("round__unit", "unit", "member", "organisation")
            .filter(pk=rating_id)
            .first()
        )
        if rating is None:
            raise NotFound(NOT_FOUND)
        _authorise(actor, rating, stage)
        rnd = rating.round
        if rnd.status != RoundStatus.OPEN:
            raise Conflict(_("Đợt đánh giá đã kết thúc; không sửa được kết quả."))
        if stage != Stage.DECIDED and rating.stage == Stage.DECIDED:
            raise Conflict(_("Cấp ủy đã quyết định xếp loại; không đánh giá lại ở bước này."))
        if stage == Stage.DECIDED and not rating.events.filter(stage=Stage.BRANCH).exists():
            raise Conflict(
                _(
                    "Chưa có nhận xét, đánh giá của chi bộ (cấp trên trực tiếp); "
                    "chưa thể quyết định."
                )
            )
        if on < rnd.opened_on:
            raise ValidationFailed(_("Ngày đánh giá trước ngày mở đợt."), field="on")
        rules = LEVEL_RULES.rule_on(period_end(rating.year, rating.quarter))
        value, clean_points = _score(score, rules, points or {}, rnd.criteria)
        cond = _conditions(conditions, rules)
        if level:
            if level not in {lv.value for lv in Level}:
                raise ValidationFailed(_("Mức xếp loại không hợp lệ."), field="level")
            why = level_problem(rules, rating.kind, value, level, cond)
            if why:
                raise ValidationFailed(
                    _("Không thể xếp loại “%(level)s”: %(why)s (%(source)s)."),
                    field="level",
                    level=LEVEL_LABELS[Level(level)],
                    why=why,
                    source=rules.source,
                )
            chosen = Level(level)
        elif not rules.uses_points:
            raise ValidationFailed(
                _("Không chấm điểm theo %(source)s: cần chọn mức xếp loại."),
                field="level",
                source=rules.source,
            )
        else:
            chosen = highest_level(rules, rating.kind, value, cond).level
        event = RatingEvent.objects.create(
            rating=rating,
            stage=stage,
            effective_on=on,
            score=value,
            level=chosen,
            conditions=cond.as_dict(),
            points={k: str(v) for k, v in clean_points.items()},
            comment=comment.strip(),
            rule_source=rules.source[:255],
            recorded_by=actor if getattr(actor, "pk", None) else None,
        )
        before = (rating.stage, rating.score, rating.level)
        derived = state.derive(rating.events.all())
        rating.stage, rating.score, rating.level = derived.stage, derived.score, derived.level
        rating.decided_on = derived.decided_on
        rating.save(update_fields=["stage", "score", "level", "decided_on"])
        record(
            actor=actor,
            action="ratings.assess_rating",
            target=rating,
            unit=rating.unit,
            changes={
                "stage": [before[0], rating.stage],
                "score": [before[1], rating.score],
                "level": [before[2], rating.level],
            },
        )
    return event
