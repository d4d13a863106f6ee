from typing import Any

from django.http import HttpRequest
from ninja import Query, Router
from ninja.responses import Status

from chibo.access.roles import Perm
from chibo.core.pagination import PageParams, page

from . import actions, queries
from .schemas import (
    DissolveIn,
    MergeIn,
    MoveIn,
    RenameIn,
    UnitCreateIn,
    UnitDetailOut,
    UnitOut,
    UnitPage,
)

router = Router()


def _detail(request: HttpRequest, code: str) -> dict[str, Any]:
    unit = queries.get_unit_for_user(request.user, code)
    parent = queries.parent_of(request.user, unit)
    return {
        **UnitOut.from_orm(unit).dict(),
        "parent": parent.code if parent else None,
        "path": [a.code for a in queries.ancestors_in_reach(request.user, unit)],
        "live_member_count": queries.live_member_count(request.user, unit),
    }


@router.get("", response=UnitPage, summary="Top units the caller can see")
def list_top_units(request: HttpRequest, params: Query[PageParams]) -> dict[str, Any]:
    return page(queries.top_units(request.user), params)


@router.get("/search", response=UnitPage, summary="Search units by name, without diacritics")
def search_units(
    request: HttpRequest, q: str, params: Query[PageParams], include_ended: bool = False
) -> dict[str, Any]:
    return page(queries.search_units(request.user, q, include_ended=include_ended), params)


@router.get("/{code}", response=UnitDetailOut)
def get_unit(request: HttpRequest, code: str) -> dict[str, Any]:
    return _detail(request, code)


@router.get("/{code}/children", response=UnitPage)
def list_children(
    request: HttpRequest, code: str, params: Query[PageParams], include_ended: bool = False
) -> dict[str, Any]:
    unit = queries.get_unit_for_user(request.user, code)
    return page(queries.children_of(request.user, unit, include_ended=include_ended), params)


@router.post("/{code}/children", response={201: UnitDetailOut})
def create_child(request: HttpRequest, code: str, payload: UnitCreateIn) -> Status[Any]:
    parent = queries.get_unit_for_user(request.user, code)
    unit = actions.create_unit(actor=request.user, parent=parent, **payload.dict())
    return Status(201, _detail(request, unit.code))


@router.post("/{code}/rename", response=UnitDetailOut)
def rename(request: HttpRequest, code: str, payload: RenameIn) -> dict[str, Any]:
    unit = queries.get_unit_for_user(request.user, code)
    actions.rename_unit(actor=request.user, unit=unit, **payload.dict())
    return _detail(request, code)


@router.post("/{code}/move", response=UnitDetailOut)
def move(request: HttpRequest, code: str, payload: MoveIn) -> dict[str, Any]:
    unit = queries.get_unit_for_user(request.user, code, Perm.ORG_MANAGE)
    target = queries.get_unit_for_user(request.user, payload.new_parent)
    actions.move_unit(
        actor=request.user,
        unit=unit,
        new_parent=target,
        effective_on=payload.effective_on,
        decision_number=payload.decision_number,
    )
    return _detail(request, code)


@router.post("/{code}/merge", response=UnitDetailOut, summary="Merge this unit into a survivor")
def merge(request: HttpRequest, code: str, payload: MergeIn) -> dict[str, Any]:
    unit = queries.get_unit_for_user(request.user, code, Perm.ORG_MANAGE)
    survivor = queries.get_unit_for_user(request.user, payload.survivor)
    actions.merge_units(
        actor=request.user,
        merged=unit,
        survivor=survivor,
        effective_on=payload.effective_on,
        decision_number=payload.decision_number,
    )
    return _detail(request, code)


@router.post("/{code}/dissolve", response=UnitDetailOut)
def dissolve(request: HttpRequest, code: str, payload: DissolveIn) -> dict[str, Any]:
    unit = queries.get_unit_for_user(request.user, code)
    actions.dissolve_unit(actor=request.user, unit=unit, **payload.dict())
    return _detail(request, code)
