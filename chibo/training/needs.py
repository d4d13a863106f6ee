"""Who still needs which course: a registry of providers, so that a module above training
(recruitment: candidates without the awareness certificate) can add its list to the training
pages without training importing it (an explicit call list, docs/architecture.md)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class Need:
    """One person who needs a course: their name, branch, the course kind, and by when."""

    full_name: str
    unit_name: str
    course_kind: str
    due_on: date | None
    late: bool
    url: str = ""


@dataclass(frozen=True)
class NeedProvider:
    key: str
    title: str | Promise
    course_kind: str
    # (user, unit, today, limit) -> (count, first `limit` needs); the provider checks access.
    fn: Callable[[Any, Any, date, int], tuple[int, list[Need]]]


_PROVIDERS: dict[str, NeedProvider] = {}


def register(provider: NeedProvider) -> None:
    _PROVIDERS[provider.key] = provider


def providers() -> list[NeedProvider]:
    return list(_PROVIDERS.values())
