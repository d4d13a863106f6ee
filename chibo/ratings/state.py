"""The fold of a rating's events into its current stage, score and level (pure: no database).

The latest event of the furthest stage wins: a branch may revise its assessment until the
committee decides, and a later decision (a correction) replaces an earlier one.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

STAGE_ORDER = ("pending", "self_assessment", "branch_assessment", "committee_decision")


@dataclass(frozen=True)
class RatingState:
    stage: str = "pending"
    score: Decimal | None = None
    level: str = ""
    decided_on: date | None = None


def derive(events: Iterable[Any]) -> RatingState:
    """Events are anything with `stage`, `effective_on`, `score`, `level` and `pk`."""
    ordered = sorted(events, key=lambda e: (STAGE_ORDER.index(e.stage), e.effective_on, e.pk or 0))
    if not ordered:
        return RatingState()
    last = ordered[-1]
    return RatingState(
        stage=last.stage,
        score=last.score,
        level=last.level,
        decided_on=last.effective_on if last.stage == "committee_decision" else None,
    )
