"""Reads of the handbook: the member behind the login, their record, requests and questions.

The handbook reads other modules only through their queries (DESIGN.md: "handbook may read any
module's queries"); see `sources` for meetings and documents.
"""

from .member import (  # noqa: F401
    NoMemberRecord,
    my_record,
    require_member,
)
from .questions import (  # noqa: F401
    committee_work,
    get_question_for_user,
    may_answer_questions,
    questions_for_committee,
    questions_of,
)
from .requests import (  # noqa: F401
    corrections_of,
    corrections_to_decide,
    get_correction_to_decide,
    may_decide_corrections,
    shows_proposed_value,
)
