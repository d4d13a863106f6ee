"""Reads of cadre work (DESIGN.md rule 3): every function takes the user and asks access.policy;
every read of cadre records is logged."""

from .common import Term, get_unit, log_read, parse_term, term_of
from .gaps import GapSummary, gap_summary, post_gaps
from .planning import (
    PlannedPerson,
    PlanningView,
    current_planning,
    get_entry_for_user,
    get_planning_for_user,
    planning_lists,
    planning_view,
)
from .posts import (
    PostView,
    get_holding_for_user,
    get_post_for_user,
    get_proposal_for_user,
    may_decide,
    may_manage,
    member_choices,
    person_posts,
    post_history,
    post_of,
    remind_days,
    unit_named,
    unit_posts,
)
from .rotations import (
    Counts,
    appointments_in_year,
    planning_counts,
    rotations_due,
    rotations_for,
    rotations_in_year,
)

__all__ = [
    "Counts",
    "GapSummary",
    "PlannedPerson",
    "PlanningView",
    "PostView",
    "Term",
    "appointments_in_year",
    "current_planning",
    "gap_summary",
    "get_entry_for_user",
    "get_holding_for_user",
    "get_planning_for_user",
    "get_post_for_user",
    "get_proposal_for_user",
    "get_unit",
    "log_read",
    "may_decide",
    "may_manage",
    "member_choices",
    "parse_term",
    "person_posts",
    "planning_counts",
    "planning_lists",
    "planning_view",
    "post_gaps",
    "post_history",
    "post_of",
    "remind_days",
    "rotations_due",
    "rotations_for",
    "rotations_in_year",
    "term_of",
    "unit_named",
    "unit_posts",
]
