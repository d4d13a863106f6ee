from typing import Any

from django.http import HttpRequest
from ninja import Query, Router
from ninja.responses import Status

from chibo.core.pagination import PageParams, page

from . import actions, queries
from .schemas import TokenCreatedOut, TokenCreateIn, TokenOut, TokenPage

router = Router()


@router.get("", response=TokenPage, summary="The caller's personal access tokens")
def list_tokens(request: HttpRequest, params: Query[PageParams]) -> dict[str, Any]:
    return page(queries.tokens_of(request.user), params)


@router.post("", response={201: TokenCreatedOut}, summary="Create a token (shown once)")
def create_token(request: HttpRequest, payload: TokenCreateIn) -> Status[Any]:
    token, raw = actions.create_token(actor=request.user, owner=request.user, name=payload.name)
    return Status(201, {**TokenOut.from_orm(token).dict(), "token": raw})


@router.post("/{token_id}/revoke", response=TokenOut)
def revoke_token(request: HttpRequest, token_id: int) -> Any:
    token = queries.get_token_for_user(request.user, token_id)
    return actions.revoke_token(actor=request.user, token=token)
