"""Duplicates API: the review queue, one pair, a decision, a merge, an undo."""

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from chibo.core.pagination import PageParams, page

from ..models.duplicates import PairStatus
from . import actions, queries

router = Router()


class PairMemberOut(Schema):
    id: int
    full_name: str
    birth_date: str | None
    unit: str = Field(description="code of the member's unit")
    status: str

    @staticmethod
    def resolve_unit(obj: Any) -> str:
        return str(obj.unit.code)

    @staticmethod
    def resolve_birth_date(obj: Any) -> str | None:
        return obj.birth_date.isoformat() if obj.birth_date else None


class PairOut(Schema):
    id: int
    left: PairMemberOut
    right: PairMemberOut
    match_probability: float
    status: str = Field(
        description="flagged | review | confirmed_duplicate | not_duplicate | merged"
    )
    reason: dict[str, Any] = Field(description='{"source", "weights": {comparison: match weight}}')
    found_at: datetime
    decided_at: datetime | None


class PairPage(Schema):
    items: list[PairOut]
    count: int


class FieldOut(Schema):
    name: str
    label: str
    left: str
    right: str
    differs: bool


class PairDetailOut(PairOut):
    fields: list[FieldOut]


class PairFilters(Schema):
    unit: str = Field("", max_length=40, description="unit code: pairs inside its subtree")
    status: str = Field("open", max_length=20, description='a status, or "open" (undecided)')


class PairDecisionIn(Schema):
    decision: Literal["not_duplicate", "confirmed_duplicate"]


class PairMergeIn(Schema):
    survivor: Literal["left", "right"] = "left"
    keep: dict[str, Literal["left", "right"]] = Field(
        default_factory=dict, description="field → whose value to keep (left or right)"
    )


class MergeOut(Schema):
    id: int
    pair_id: int | None
    survivor_id: int
    absorbed_id: int
    choices: dict[str, str]
    merged_at: datetime
    undone_at: datetime | None


@router.get(
    "/duplicates", response=PairPage, summary="Likely duplicate pairs in the caller's reach"
)
def list_pairs(
    request: HttpRequest, filters: Query[PairFilters], params: Query[PageParams]
) -> dict[str, Any]:
    queries.require_viewer(request.user)
    unit = queries.unit_for(request.user, filters.unit) if filters.unit else None
    status = filters.status if filters.status in ("open", *PairStatus.values) else "open"
    return page(queries.pairs_for(request.user, unit=unit, status=status), params)


@router.get("/duplicates/{pair_id}", response=PairDetailOut, summary="A pair, side by side")
def get_pair(request: HttpRequest, pair_id: int) -> Any:
    pair = queries.get_pair_for_user(request.user, pair_id)
    pair.fields = [  # type: ignore[attr-defined]
        {"name": r.name, "label": r.label, "left": r.left, "right": r.right, "differs": r.differs}
        for r in queries.side_by_side(request.user, pair)
    ]
    return pair


@router.post("/duplicates/{pair_id}/decide", response=PairOut, summary="Decide a pair")
def decide_pair(request: HttpRequest, pair_id: int, payload: PairDecisionIn) -> Any:
    pair = queries.get_pair_for_user(request.user, pair_id)
    return actions.decide_pair(actor=request.user, pair=pair, decision=payload.decision)


@router.post("/duplicates/{pair_id}/merge", response=MergeOut, summary="Merge the two records")
def merge_pair(request: HttpRequest, pair_id: int, payload: PairMergeIn) -> Any:
    pair = queries.get_pair_for_user(request.user, pair_id)
    survivor, absorbed = (
        (pair.left, pair.right) if payload.survivor == "left" else (pair.right, pair.left)
    )
    choices = {
        name: "survivor" if side == payload.survivor else "absorbed"
        for name, side in payload.keep.items()
    }
    return actions.merge_members(
        actor=request.user, survivor=survivor, absorbed=absorbed, choices=choices, pair=pair
    )


@router.post("/merges/{merge_id}/undo", response=MergeOut, summary="Undo a merge exactly")
def undo_merge(request: HttpRequest, merge_id: int) -> Any:
    merge = queries.get_merge_for_user(request.user, merge_id)
    return actions.undo_merge(actor=request.user, merge=merge)
