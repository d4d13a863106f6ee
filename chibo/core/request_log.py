"""Application logs as JSON lines that carry who and which request, and no personal data.

Every record gets `request_id` (the `X-Request-ID` that nginx set, or one made here), `user_id`
and `unit` (the code of the user's top grant unit) from the request being served; nothing else
about the person. Names and citizen IDs must never reach a log (Law 91/2025/QH15 treats party
membership as sensitive data, and logs are kept longer and read by more people than the records):

- the formatter writes an allow-list of fields, never arbitrary `extra=` attributes (Django hands
  the `request` object to its loggers, whose repr holds the full path with the query string);
- query strings are cut from every message: member searches travel as `GET ?q=<name>`
  (foundations issue, finding 11), so the path is logged and the query never is;
- runs of 9 to 12 digits (citizen IDs, old identity-card numbers, phone numbers) are masked in
  messages and tracebacks, because a database error quotes the offending value.

`RequestIdMiddleware` (in `middleware.py`) binds the request to `current_request` for the time of
the request. The unit code comes from the callable named by `settings.CHIBO_LOG_UNIT_OF`, since
core may not ask `access` itself (core is the ground floor); it is looked up only when a record is
actually written, and cached per user for a few minutes.
"""

import logging
import re
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.functional import empty
from django.utils.module_loading import import_string
from pythonjsonlogger.json import JsonFormatter

current_request: ContextVar[HttpRequest | None] = ContextVar("chibo_request", default=None)
# Set while the unit code is being looked up, so the query's own log records don't recurse.
_resolving: ContextVar[bool] = ContextVar("chibo_log_resolving", default=False)

UNIT_CACHE_SECONDS = 300
MASK = "***"

# `/path?query` anywhere in a message (a request line, a URL in an error): keep the path.
_QUERY = re.compile(r"(?P<path>/[^\s?#\"'<>]*)\?[^\s#\"'<>]*")
# A full URL's query too (`http://host/?q=…`, `?q=…` after a bare host).
_BARE_QUERY = re.compile(r"(?<=[\w/])\?[^\s#\"'<>]*")
_ID_DIGITS = re.compile(r"(?<!\d)\d{9,12}(?!\d)")

# What a JSON line may hold. Anything else a library passes as `extra=` is dropped.
FIELDS = (
    "time",
    "level",
    "logger",
    "message",
    "request_id",
    "user_id",
    "unit",
    "status_code",
    "method",
    "path",
    "duration_ms",
    "exc_info",
    "stack_info",
)
_REDACTED_FIELDS = ("message", "exc_info", "stack_info", "path")


def strip_query(text: str) -> str:
    text = _QUERY.sub(r"\g<path>", text)
    return _BARE_QUERY.sub("", text)


def redact(text: str) -> str:
    """The text with query strings removed and ID-like digit runs masked."""
    return _ID_DIGITS.sub(MASK, strip_query(text))


def strip_request_line(line: str) -> str:
    """`GET /members/?q=Nguy%E1%BB%85n HTTP/1.1` -> `GET /members/ HTTP/1.1`."""
    method, _, rest = line.partition(" ")
    target, _, protocol = rest.rpartition(" ") if " " in rest else (rest, "", "")
    path = target.split("?", 1)[0].split("#", 1)[0]
    return " ".join(part for part in (method, path, protocol) if part)


def _loaded_user(request: HttpRequest) -> Any:
    """The request's user if authentication already resolved it; never a query from logging."""
    user = request.__dict__.get("user")
    if user is None:
        return None
    wrapped = getattr(user, "_wrapped", user)
    if wrapped is empty:
        return None
    return wrapped if getattr(wrapped, "is_authenticated", False) else None


def _unit_code(user: Any) -> str | None:
    path = getattr(settings, "CHIBO_LOG_UNIT_OF", "")
    if not path or _resolving.get():
        return None
    key = f"chibo:log-unit:{user.pk}"
    token = _resolving.set(True)
    try:
        code = cache.get(key)
        if code is None:
            code = import_string(path)(user) or ""
            cache.set(key, code, UNIT_CACHE_SECONDS)
        return code or None
    except Exception:  # a log line must never fail the request (e.g. an aborted transaction)
        return None
    finally:
        _resolving.reset(token)


def request_context() -> dict[str, Any]:
    """request_id, user_id and unit of the request being served (all None outside one)."""
    request = current_request.get()
    if request is None:
        return {"request_id": None, "user_id": None, "unit": None}
    user = _loaded_user(request)
    return {
        "request_id": getattr(request, "request_id", None),
        "user_id": user.pk if user is not None else None,
        "unit": _unit_code(user) if user is not None else None,
    }


# Loggers whose DEBUG records echo data verbatim: the template engine prints the whole context of
# a failed variable lookup (the request's QueryDict, the members on the page), the database
# backend every statement with its parameters. Their records below INFO are never written.
VERBATIM_DEBUG_LOGGERS = ("django.template", "django.db.backends")


class RequestContextFilter(logging.Filter):
    """Adds request_id, user_id and unit to every record passing the handler.

    Drops the DEBUG records of VERBATIM_DEBUG_LOGGERS, whatever level a developer sets.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.INFO and record.name.startswith(VERBATIM_DEBUG_LOGGERS):
            return False
        for name, value in request_context().items():
            if not hasattr(record, name):
                setattr(record, name, value)
        return True


class QueryStringFilter(logging.Filter):
    """For text handlers (runserver's `django.server`): request lines and messages lose their query.

    runserver logs `"%s" %s %s` with the raw request line as the first argument.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name == "django.server" and isinstance(record.args, tuple) and record.args:
            first = record.args[0]
            if isinstance(first, str):
                record.args = (strip_request_line(first), *record.args[1:])
        record.msg = redact(record.getMessage())
        record.args = ()
        # runserver's record carries the socket; Django's request loggers the HttpRequest.
        if hasattr(record, "request"):
            record.request = None
        return True


class JsonLinesFormatter(JsonFormatter):
    """One JSON object per line with the fields in FIELDS only, each redacted."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("fmt", ["levelname", "name", "message"])
        kwargs.setdefault("rename_fields", {"levelname": "level", "name": "logger"})
        kwargs.setdefault("timestamp", "time")
        kwargs.setdefault("json_ensure_ascii", False)
        super().__init__(*args, **kwargs)

    def process_log_record(self, log_data: dict[str, Any]) -> dict[str, Any]:
        kept = {name: log_data[name] for name in FIELDS if name in log_data}
        for name in _REDACTED_FIELDS:
            value = kept.get(name)
            if isinstance(value, str):
                kept[name] = redact(value)
        return kept
