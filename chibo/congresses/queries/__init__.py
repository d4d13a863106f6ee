"""Reads of congresses, through access.policy, by subject: `base` (congresses, delegates,
presence, the base of a result, the projector state: what elections builds on) and `pages`
(what the congress pages show).

The names elections uses are listed here and keep their signatures: `delegate_of`,
`present_delegates`, `current_session`, `convened_count`, `exclusions`, `projector_state`,
`get_congress_for_user`, `visible_congresses`, `seated_delegates`, `presence_by_session`.
"""

from .base import (
    convened_count,
    current_session,
    delegate_of,
    exclusions,
    get_congress_for_user,
    presence_by_session,
    present_delegates,
    projector_state,
    seated_delegates,
    visible_congresses,
)

__all__ = [
    "convened_count",
    "current_session",
    "delegate_of",
    "exclusions",
    "get_congress_for_user",
    "presence_by_session",
    "present_delegates",
    "projector_state",
    "seated_delegates",
    "visible_congresses",
]
