"""Rules of commendations as dated data (DESIGN.md rule 6). Badge milestones, early awards and
ceremony days are the member registry's (`chibo.members.rules.BADGE_RULES`), reused here.

- An award is a decision: it names the deciding body and carries its number and date (Luật Thi
  đua, khen thưởng số 06/2022/QH15 (15/6/2022): khen thưởng bằng quyết định của cấp có thẩm
  quyền; the number and symbol of a party decision follow Hướng dẫn 36-HD/VPTW). [V for the
  principle; the articles are not quoted here.]
- Eligibility for the year-end lists: "excellent five years in a row" (RULES.md, the seeds'
  certificates for 2021-2025) is a streak of the ratings module.
"""

from dataclasses import dataclass
from datetime import date

from chibo.core.rules import RuleBook


@dataclass(frozen=True)
class AwardRules:
    source: str
    valid_from: date
    valid_to: date | None
    needs_deciding_body: bool
    needs_decision_number: bool
    streak_years: int  # the default run of "excellent" years the eligibility list asks for


AWARD_RULES = RuleBook(
    "awards",
    [
        AwardRules(
            source="Luật Thi đua, khen thưởng số 06/2022/QH15 (15/6/2022); thể thức số, ký hiệu "
            "quyết định theo Hướng dẫn 36-HD/VPTW",
            valid_from=date(2024, 1, 1),
            valid_to=None,
            needs_deciding_body=True,
            needs_decision_number=True,
            streak_years=5,
        )
    ],
)
