from datetime import datetime

from ninja import Schema
from pydantic import Field


class NoticeOut(Schema):
    id: int
    kind: str
    title: str
    body: str
    url: str
    created_at: datetime
    read_at: datetime | None


class NoticePage(Schema):
    items: list[NoticeOut]
    count: int
    unread: int


class PushKeysIn(Schema):
    p256dh: str = Field(..., max_length=200)
    auth: str = Field(..., max_length=100)


class PushSubscriptionIn(Schema):
    endpoint: str = Field(..., max_length=1000)
    keys: PushKeysIn


class MarkedOut(Schema):
    marked: int


class SubscribedOut(Schema):
    subscribed: bool
