"""What every rule function returns: structured problems with a Vietnamese message and a source.

A rule never raises for bad data; it reports. An action or an import decides what to do with an
error (refuse) or a warning (show it and let a person confirm).
"""

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from django.utils import translation
from django.utils.functional import Promise


class Severity(StrEnum):
    ERROR = "error"  # certainly wrong: the record cannot be saved as it is
    WARNING = "warning"  # unusual or needing a decision (a softer problem)


@dataclass(frozen=True)
class Source:
    """The regulation a rule comes from, and the dates in which it applies (DESIGN.md rule 6),
    by the one convention of `chibo.core.rules`: `valid_from` inclusive (None: since always),
    `valid_to` exclusive (None: still in force).

    `confirmed` follows RULES.md: True is [V] (read in a public source), False is [U] (not
    confirmed: configurable, and the UI says so).
    """

    citation: str
    valid_from: date | None = None
    valid_to: date | None = None
    confirmed: bool = True

    def applies_on(self, on: date) -> bool:
        """`chibo.core.rules.applies_on`, with an open start allowed."""
        starts = self.valid_from is None or self.valid_from <= on
        ends = self.valid_to is None or on < self.valid_to
        return starts and ends


@dataclass(frozen=True, eq=False)
class Problem:
    code: str
    message: str | Promise
    severity: Severity = Severity.ERROR
    field: str | None = None
    source: Source | None = None
    params: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    def text(self) -> str:
        return str(self.message) % dict(self.params) if self.params else str(self.message)

    def bilingual(self) -> dict[str, str]:
        with translation.override("vi"):
            vi = self.text()
        with translation.override("en"):
            en = self.text()
        return {"detail": vi, "detail_en": en}

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]


def codes(problems: list[Problem]) -> list[str]:
    return [p.code for p in problems]
