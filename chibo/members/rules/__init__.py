"""Pure rules of the member registry: no models, no database.

Every check returns a list of `Problem`s (Vietnamese gettext-lazy messages, a severity and the
`Source` it comes from, dated); lists and constants carry their source beside them.
"""

from .card_number import check_card_number, normalise_card_number
from .citizen_id import (
    PROVINCE_CODES,
    Gender,
    check_citizen_id,
    make_citizen_id,
    normalise_citizen_id,
)
from .dates import PartialDate, check_member_dates, full_member_from
from .party_age import (
    BADGE_RULES,
    BadgeRule,
    PartyAge,
    badge_years_due,
    merge_gaps,
    next_ceremony_on,
    party_age,
    reaches_on,
)
from .problems import Problem, Severity, Source
from .reference import (
    ETHNIC_GROUPS,
    EthnicGroup,
    GeneralEducation,
    Religion,
    TheoryLevel,
    find_ethnic_group,
    parse_general_education,
)

__all__ = [
    "BADGE_RULES",
    "ETHNIC_GROUPS",
    "PROVINCE_CODES",
    "BadgeRule",
    "EthnicGroup",
    "Gender",
    "GeneralEducation",
    "PartialDate",
    "PartyAge",
    "Problem",
    "Religion",
    "Severity",
    "Source",
    "TheoryLevel",
    "badge_years_due",
    "check_card_number",
    "check_citizen_id",
    "check_member_dates",
    "find_ethnic_group",
    "full_member_from",
    "make_citizen_id",
    "merge_gaps",
    "next_ceremony_on",
    "normalise_card_number",
    "normalise_citizen_id",
    "parse_general_education",
    "party_age",
    "reaches_on",
]
