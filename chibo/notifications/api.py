"""Notifications API: the caller's own notices, marking them read, web-push subscriptions."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.responses import Status

from chibo.core.pagination import PageParams, page

from . import actions, queries
from .schemas import MarkedOut, NoticeOut, NoticePage, PushSubscriptionIn, SubscribedOut

router = Router()


class NoticeFilters(Schema):
    unread: bool = False


@router.get("", response=NoticePage, summary="The caller's notices, newest first")
def list_notices(
    request: HttpRequest, filters: Query[NoticeFilters], params: Query[PageParams]
) -> dict[str, Any]:
    result = page(queries.notices_for(request.user, unread_only=filters.unread), params)
    result["unread"] = queries.unread_count(request.user)
    return result


@router.post(
    "/{notice_id}/read", response=NoticeOut, summary="Mark one of the caller's notices read"
)
def mark_read(request: HttpRequest, notice_id: int) -> Any:
    return actions.mark_notice_read(actor=request.user, notice_id=notice_id)


@router.post("/read-all", response=MarkedOut, summary="Mark all the caller's notices read")
def mark_all_read(request: HttpRequest) -> dict[str, int]:
    return {"marked": actions.mark_all_notices_read(actor=request.user)}


@router.post(
    "/push-subscriptions",
    response={201: SubscribedOut},
    summary="Store this browser's web-push subscription for the caller",
)
def subscribe(request: HttpRequest, payload: PushSubscriptionIn) -> Status:
    actions.subscribe_push(
        actor=request.user,
        endpoint=payload.endpoint,
        p256dh=payload.keys.p256dh,
        auth=payload.keys.auth,
    )
    return Status(201, {"subscribed": True})
