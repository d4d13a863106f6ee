"""Helpers of the cadres tests: the posts of a unit for 2025-2030 and their first holders."""

from datetime import date
from typing import Any

from chibo.org.models import OrgUnit

from .. import actions
from ..models import Incumbency, Post

TERM_ON = date(2025, 9, 15)


def post(actor: Any, unit: OrgUnit, kind: str = "secretary", seats: int = 1) -> Post:
    return actions.define_post(
        actor=actor,
        unit=unit,
        kind=kind,
        term_start=2025,
        term_end=2030,
        term_starts_on=TERM_ON,
        seats=seats,
        seats_decision="15-QĐ/ĐU",
        seats_decided_by="Ban Thường vụ Đảng ủy",
    )


def hold(actor: Any, p: Post, member_id: int, start: date = TERM_ON, **extra: Any) -> Incumbency:
    fields: dict[str, Any] = {
        "how": "elected",
        "start_on": start,
        "decision_number": "01-NQ/ĐH",
        "deciding_body": "Đại hội đại biểu",
        "decided_on": start,
    }
    fields.update(extra)
    return actions.appoint_to_post(actor=actor, post=p, member_id=member_id, **fields)
