"""Issue constructors: Vietnamese messages (gettext msgids) with their parameters filled lazily."""

from typing import Any

from django.utils.functional import Promise, lazy

from .values import Issue, Severity


def _fill(message: str | Promise, params: dict[str, Any]) -> str:
    return str(message) % params


_lazy_fill = lazy(_fill, str)


def issue(
    field: str,
    code: str,
    message: str | Promise,
    severity: Severity = "warning",
    **params: Any,
) -> Issue:
    """An issue whose message is translated when shown, with `params` put into it."""
    return Issue(field, code, _lazy_fill(message, params) if params else message, severity)
