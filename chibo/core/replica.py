"""Reads that tolerate a little lag go to a PostgreSQL streaming replica (docs/scaling.md).

Configured by `DATABASE_REPLICA_URL` (config/settings/base.py adds the `replica` alias, this
router and the middleware); without it nothing here does anything and every query goes to
`default`, as on SQLite.

- **What goes to the replica** is a list of URL names in `settings.CHIBO_REPLICA_VIEWS`: dashboards,
  statistics, roll-ups and exports, read with GET or HEAD. Every other page, and every write, uses
  the primary.
- **Read-your-writes.** After a successful write request (POST, PUT, PATCH, DELETE) the response
  carries a cookie with the primary's WAL position (`pg_current_wal_lsn()`). A later replica-read
  from the same browser goes to the primary until the replica has replayed past that position,
  so a write followed by its dashboard shows the new value. Inside a transaction on the primary
  (a request that already wrote, every test case), reads stay on the primary.
- **Tolerated lag.** A replica more than `CHIBO_REPLICA_MAX_LAG` seconds behind, or unreachable,
  is skipped (the primary answers). A page read from the replica knows how old its figures are:
  `request.data_source` (`DataSource`), shown by `templates/core/_data_source.html`, and the
  `X-Data-Source` / `X-Data-Age` response headers.
"""

import logging
import re
import time
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone

DEFAULT = "default"
REPLICA = "replica"
PIN_COOKIE = "chibo_wal"
SAFE_METHODS = frozenset({"GET", "HEAD"})
LSN_FORMAT = re.compile(r"^[0-9A-F]{1,8}/[0-9A-F]{1,8}$")

log = logging.getLogger(__name__)

_route: ContextVar[str] = ContextVar("chibo_db_route", default=DEFAULT)


def lsn_value(lsn: str) -> int:
    """A WAL position as PostgreSQL writes it ("16/B374D848") as a comparable integer."""
    high, low = lsn.split("/")
    return (int(high, 16) << 32) + int(low, 16)


def lsn_text(value: int) -> str:
    return f"{value >> 32:X}/{value & 0xFFFFFFFF:X}"


@dataclass(frozen=True)
class DataSource:
    """Where a request's tolerant reads went, and how old the replica's data was then."""

    alias: str
    lag_seconds: float = 0.0
    as_of: datetime | None = None
    reason: str = ""

    @property
    def from_replica(self) -> bool:
        return self.alias == REPLICA


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def _replica_status() -> tuple[int, datetime | None]:
    """The replica's replayed WAL position and the commit time of its last replayed transaction."""
    with connections[REPLICA].cursor() as cursor:
        cursor.execute(
            "SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()::text,"
            " pg_last_xact_replay_timestamp()"
        )
        in_recovery, replay_lsn, replayed_at = cursor.fetchone()
    if not in_recovery or replay_lsn is None:
        raise DatabaseError("the replica alias is not a standby in recovery")
    return lsn_value(replay_lsn), replayed_at


def _primary_lsn() -> int:
    with connections[DEFAULT].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        return lsn_value(cursor.fetchone()[0])


def choose_source(pinned_lsn: int | None = None) -> DataSource:
    """Replica or primary for one request's tolerant reads (two small queries)."""
    if not replica_configured():
        return DataSource(DEFAULT, reason="no replica")
    if connections[DEFAULT].in_atomic_block:
        return DataSource(DEFAULT, reason="in a transaction")
    try:
        replayed, replayed_at = _replica_status()
        primary = _primary_lsn()
    except DatabaseError as exc:
        log.warning("replica unavailable, reading the primary: %s", exc.__class__.__name__)
        return DataSource(DEFAULT, reason="replica unavailable")
    if pinned_lsn is not None and replayed < pinned_lsn:
        return DataSource(DEFAULT, reason="own write not yet replayed")
    now = timezone.now()
    if replayed >= primary or replayed_at is None:
        return DataSource(REPLICA, 0.0, now)
    lag = max(0.0, (now - replayed_at).total_seconds())
    if lag > settings.CHIBO_REPLICA_MAX_LAG:
        return DataSource(DEFAULT, reason="replica too far behind")
    return DataSource(REPLICA, lag, replayed_at)


class ReplicaRouter:
    """`DATABASE_ROUTERS` entry: tolerant reads of the current request to the replica."""

    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        if _route.get() == REPLICA and not connections[DEFAULT].in_atomic_block:
            return REPLICA
        return None

    def db_for_write(self, model: Any, **hints: Any) -> str | None:
        return DEFAULT

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        return True  # one database, two copies of it

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return db == DEFAULT


def _pinned(request: HttpRequest) -> int | None:
    value = request.COOKIES.get(PIN_COOKIE, "")
    return lsn_value(value) if LSN_FORMAT.match(value) else None


class ReplicaReadMiddleware:
    """Routes the tolerant views' reads (`CHIBO_REPLICA_VIEWS`) and pins a browser that just
    wrote to the primary until the replica has caught up with its write."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.views = frozenset(getattr(settings, "CHIBO_REPLICA_VIEWS", ()))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not replica_configured():
            return self.get_response(request)
        token = None
        if request.method in SAFE_METHODS and self._tolerant(request.path_info):
            started = time.perf_counter()
            source = choose_source(_pinned(request))
            request.data_source = source  # type: ignore[attr-defined]
            token = _route.set(source.alias)
            log.debug(
                "data source %s (%.1f ms)", source.alias, 1000 * (time.perf_counter() - started)
            )
        try:
            response = self.get_response(request)
        finally:
            if token is not None:
                _route.reset(token)
        chosen: DataSource | None = getattr(request, "data_source", None)
        if chosen is not None:
            response["X-Data-Source"] = chosen.alias
            response["X-Data-Age"] = f"{chosen.lag_seconds:.1f}"
        if request.method not in SAFE_METHODS and response.status_code < 400:
            try:
                written = _primary_lsn()
            except DatabaseError:
                return response
            response.set_cookie(
                PIN_COOKIE,
                lsn_text(written),
                max_age=settings.CHIBO_REPLICA_PIN_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        return response

    def _tolerant(self, path: str) -> bool:
        try:
            return resolve(path).view_name in self.views
        except Resolver404:
            return False


def data_source(request: HttpRequest) -> dict[str, Any]:
    """Context processor: the page's `data_source` when its figures came from the replica."""
    return {"data_source": getattr(request, "data_source", None)}
