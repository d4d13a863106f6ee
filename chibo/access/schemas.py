from datetime import datetime

from ninja import Schema
from pydantic import Field


class TokenOut(Schema):
    id: int
    name: str
    hint: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class TokenCreateIn(Schema):
    name: str = Field(min_length=1, max_length=100)


class TokenCreatedOut(TokenOut):
    token: str


class TokenPage(Schema):
    items: list[TokenOut]
    count: int
