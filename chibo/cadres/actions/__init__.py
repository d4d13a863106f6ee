"""Writes of cadre work: posts and holders, proposals, rotations, planning lists."""

from .planning import (
    approve_planning_list,
    create_planning_list,
    plan_person,
    remove_planned,
    start_review,
)
from .posts import appoint_to_post, define_post, end_incumbency, recompute_posts
from .proposals import propose_appointment, record_step, withdraw_proposal
from .rotations import end_rotation, record_rotation

__all__ = [
    "appoint_to_post",
    "approve_planning_list",
    "create_planning_list",
    "define_post",
    "end_incumbency",
    "end_rotation",
    "plan_person",
    "propose_appointment",
    "recompute_posts",
    "record_rotation",
    "record_step",
    "remove_planned",
    "start_review",
    "withdraw_proposal",
]
