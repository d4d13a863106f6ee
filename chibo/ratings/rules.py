"""Rules of the annual (and quarterly) quality rating as dated data and small pure functions
(DESIGN.md rule 6). Nothing here touches the database.

Sources (RULES.md, "Ratings"):
- QĐ 366-QĐ/TW (30/8/2025) on reviewing, evaluating and rating the quality of collectives and
  individuals in the political system, with Hướng dẫn 43-HD/BTCTW (31/10/2025): a 100-point
  scale; excellent (hoàn thành xuất sắc nhiệm vụ) at 90 points or more, with every task done on
  time, at least 30 % of them exceeding the target, every earlier shortcoming fixed, and for a
  collective no disciplined subordinate; good (hoàn thành tốt) at 70-89 with every task on time;
  satisfactory (hoàn thành) at 50-69, for a collective at most 20 % of tasks late; unsatisfactory
  (không hoàn thành) below 50 or on a disqualifying condition [V].
- QĐ 124-QĐ/TW (2023) for the years before: the same four levels and conditions but no point
  scale, so a level is only checked against its conditions; years before 2023 are judged by it
  too for want of the older regulation (the books reach back).
- The cap on excellent: at most 20 % of those rated good, counted per grassroots organisation
  [V under the 2019 guidance; U under QĐ 366]: the percentage is a field of each round, taken from
  the book when the round opens, and the pages say when it is unconfirmed.
- The criteria and their points are a template per year and kind [U: the headings follow HD 43's
  structure, the split of the 100 points is ours to configure]. A round keeps a copy of the
  template it opened with, so a later change of the book never rewrites a closed round.

A rating period is judged by the rule in force on its last day (`period_end`): the year 2025 is
rated under QĐ 366, 2024 under QĐ 124. `valid_from` inclusive, `valid_to` exclusive.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chibo.core.rules import RuleBook

QD_366 = "QĐ 366-QĐ/TW (30/8/2025) và Hướng dẫn 43-HD/BTCTW (31/10/2025)"
QD_124 = "QĐ 124-QĐ/TW (2023)"
QD_366_DAY = date(2025, 8, 30)
# QĐ 124-QĐ/TW is dated 2023 in RULES.md; the day (4/10/2023) is from public summaries [U].
QD_124_DAY = date(2023, 10, 4)

# Organisations rated as collectives: grassroots organisations and branches (org's UnitKind values).
GRASSROOTS_KINDS = frozenset({"grassroots_committee", "grassroots_branch"})
BRANCH_KINDS = frozenset({"branch", "grassroots_branch"})
RATED_ORGANISATION_KINDS = frozenset({"grassroots_committee", "grassroots_branch", "branch"})


class Level(StrEnum):
    EXCELLENT = "excellent"
    GOOD = "good"
    SATISFACTORY = "satisfactory"
    UNSATISFACTORY = "unsatisfactory"


# Highest first.
LEVEL_ORDER = (Level.EXCELLENT, Level.GOOD, Level.SATISFACTORY, Level.UNSATISFACTORY)


class Subject(StrEnum):
    MEMBER = "member"
    ORGANISATION = "organisation"


LEVEL_LABELS = {
    Level.EXCELLENT: gettext_lazy("Hoàn thành xuất sắc nhiệm vụ"),
    Level.GOOD: gettext_lazy("Hoàn thành tốt nhiệm vụ"),
    Level.SATISFACTORY: gettext_lazy("Hoàn thành nhiệm vụ"),
    Level.UNSATISFACTORY: gettext_lazy("Không hoàn thành nhiệm vụ"),
}


def rank(level: Level | str) -> int:
    """0 for excellent … 3 for unsatisfactory."""
    return LEVEL_ORDER.index(Level(level))


@dataclass(frozen=True)
class Conditions:
    """What the assessment states besides the score."""

    tasks_on_time: bool = False  # every task done on time
    exceeding_percent: int = 0  # share of tasks done beyond the target
    shortcomings_fixed: bool = False  # every shortcoming found earlier has been fixed
    late_percent: int = 0  # collective: share of tasks late
    disciplined_subordinate: bool = False  # collective: a subordinate organisation disciplined
    disqualifying: tuple[str, ...] = ()  # codes of LevelRules.disqualifying

    @classmethod
    def from_dict(cls, data: dict[str, object] | None) -> Conditions:
        data = data or {}
        return cls(
            tasks_on_time=bool(data.get("tasks_on_time", False)),
            exceeding_percent=int(str(data.get("exceeding_percent") or 0)),
            shortcomings_fixed=bool(data.get("shortcomings_fixed", False)),
            late_percent=int(str(data.get("late_percent") or 0)),
            disciplined_subordinate=bool(data.get("disciplined_subordinate", False)),
            disqualifying=tuple(str(c) for c in data.get("disqualifying", ()) or ()),  # type: ignore[attr-defined]
        )

    def as_dict(self) -> dict[str, object]:
        return {
            "tasks_on_time": self.tasks_on_time,
            "exceeding_percent": self.exceeding_percent,
            "shortcomings_fixed": self.shortcomings_fixed,
            "late_percent": self.late_percent,
            "disciplined_subordinate": self.disciplined_subordinate,
            "disqualifying": list(self.disqualifying),
        }


@dataclass(frozen=True)
class LevelRules:
    source: str
    valid_from: date
    valid_to: date | None
    uses_points: bool  # a 100-point scale (QĐ 366); without it only the conditions count
    max_score: int
    excellent_min: int
    good_min: int
    satisfactory_min: int
    excellent_exceeding_percent: int  # excellent: at least this share of tasks exceeding
    satisfactory_late_percent: int  # collective, satisfactory: at most this share late
    # Disqualifying conditions: code -> (label, applies to members, applies to organisations).
    # The list is configurable [U: wording summarised from the regulation, not quoted].
    disqualifying: dict[str, tuple[str, bool, bool]] = field(default_factory=dict)


_DISQUALIFYING = {
    "disciplined": ("Bị thi hành kỷ luật trong năm", True, True),
    "degradation": (
        "Suy thoái về tư tưởng chính trị, đạo đức, lối sống, “tự diễn biến”, “tự chuyển hóa”",
        True,
        False,
    ),
    "under_half": ("Hoàn thành dưới 50% chỉ tiêu, nhiệm vụ được giao", True, True),
    "internal_disunity": ("Nội bộ mất đoàn kết nghiêm trọng", False, True),
}

LEVEL_RULES = RuleBook(
    "rating levels",
    [
        LevelRules(
            source=QD_124 + "; các năm trước 2023 cũng xét theo quy định này",
            valid_from=QD_124_DAY,
            valid_to=QD_366_DAY,
            uses_points=False,
            max_score=100,
            excellent_min=90,
            good_min=70,
            satisfactory_min=50,
            excellent_exceeding_percent=0,
            satisfactory_late_percent=20,
            disqualifying=_DISQUALIFYING,
        ),
        LevelRules(
            source=QD_366,
            valid_from=QD_366_DAY,
            valid_to=None,
            uses_points=True,
            max_score=100,
            excellent_min=90,
            good_min=70,
            satisfactory_min=50,
            excellent_exceeding_percent=30,
            satisfactory_late_percent=20,
            disqualifying=_DISQUALIFYING,
        ),
    ],
)


@dataclass(frozen=True)
class ExcellentCap:
    source: str
    valid_from: date
    valid_to: date | None
    percent: int  # excellent ≤ percent % of those rated good
    per: str  # counted per this kind of organisation
    confirmed: bool


EXCELLENT_CAP = RuleBook(
    "cap on excellent",
    [
        ExcellentCap(
            source="Hướng dẫn của Ban Tổ chức Trung ương năm 2019 (RULES.md), áp dụng đến QĐ 366",
            valid_from=date(2019, 1, 1),
            valid_to=QD_366_DAY,
            percent=20,
            per="grassroots",
            confirmed=True,
        ),
        ExcellentCap(
            source=QD_366 + " — tỷ lệ 20% chưa được xác nhận trong văn bản mới",
            valid_from=QD_366_DAY,
            valid_to=None,
            percent=20,
            per="grassroots",
            confirmed=False,
        ),
    ],
)


@dataclass(frozen=True)
class Criterion:
    code: str
    label: str
    max_points: int | None  # None: no points under this template


@dataclass(frozen=True)
class CriteriaTemplate:
    source: str
    valid_from: date
    valid_to: date | None
    criteria: tuple[Criterion, ...]
    confirmed: bool = False  # the split of the points is configurable [U]

    @property
    def total(self) -> int | None:
        if any(c.max_points is None for c in self.criteria):
            return None
        return sum(c.max_points or 0 for c in self.criteria)


MEMBER_CRITERIA = RuleBook(
    "member rating criteria",
    [
        CriteriaTemplate(
            source=QD_124,
            valid_from=QD_124_DAY,
            valid_to=QD_366_DAY,
            criteria=(
                Criterion("politics", "Tư tưởng chính trị; phẩm chất đạo đức, lối sống", None),
                Criterion("discipline", "Ý thức tổ chức kỷ luật; tác phong, lề lối làm việc", None),
                Criterion("results", "Kết quả thực hiện chức trách, nhiệm vụ được giao", None),
            ),
        ),
        CriteriaTemplate(
            source=QD_366 + " (phân bổ điểm theo cấu hình của đơn vị)",
            valid_from=QD_366_DAY,
            valid_to=None,
            criteria=(
                Criterion("politics", "Tư tưởng chính trị", 20),
                Criterion("ethics", "Phẩm chất đạo đức, lối sống", 20),
                Criterion("discipline", "Ý thức tổ chức kỷ luật, tác phong", 10),
                Criterion("results", "Kết quả thực hiện chức trách, nhiệm vụ được giao", 50),
            ),
        ),
    ],
)

ORGANISATION_CRITERIA = RuleBook(
    "organisation rating criteria",
    [
        CriteriaTemplate(
            source=QD_124,
            valid_from=QD_124_DAY,
            valid_to=QD_366_DAY,
            criteria=(
                Criterion(
                    "building", "Công tác xây dựng Đảng về chính trị, tư tưởng, tổ chức", None
                ),
                Criterion("leadership", "Lãnh đạo thực hiện nhiệm vụ chính trị", None),
            ),
        ),
        CriteriaTemplate(
            source=QD_366 + " (phân bổ điểm theo cấu hình của đơn vị)",
            valid_from=QD_366_DAY,
            valid_to=None,
            criteria=(
                Criterion("building", "Công tác xây dựng Đảng về chính trị, tư tưởng, tổ chức", 30),
                Criterion("leadership", "Lãnh đạo thực hiện nhiệm vụ chính trị", 50),
                Criterion("unity", "Đoàn kết nội bộ; kiểm tra, giám sát", 20),
            ),
        ),
    ],
)


def criteria_book(subject: Subject | str) -> RuleBook[CriteriaTemplate]:
    return MEMBER_CRITERIA if Subject(subject) == Subject.MEMBER else ORGANISATION_CRITERIA


def period_end(year: int, quarter: int = 0) -> date:
    """The last day of the rated period: 31/12 for a year (quarter 0), else the quarter's."""
    if quarter == 0:
        return date(year, 12, 31)
    if not 1 <= quarter <= 4:
        raise ValueError("quarter must be 0 (the year) or 1-4")
    month = quarter * 3
    return date(year, month, 30 if month in (6, 9) else 31)


@dataclass(frozen=True)
class Verdict:
    """The highest level the score and conditions allow, and why each higher one is not."""

    level: Level
    blocked: dict[Level, tuple[str, ...]]  # level -> unmet conditions (Vietnamese, with figures)


def _pct(value: int) -> str:
    return f"{value}%"


def highest_level(
    rules: LevelRules, subject: Subject | str, score: Decimal | int | None, cond: Conditions
) -> Verdict:
    """The highest level whose every condition holds (the score band included when the rule has a
    point scale). Disqualifying conditions leave only "unsatisfactory"."""
    collective = Subject(subject) == Subject.ORGANISATION
    blocked: dict[Level, list[str]] = {lvl: [] for lvl in LEVEL_ORDER[:-1]}
    applicable = {
        code
        for code, (_label, members, organisations) in rules.disqualifying.items()
        if (organisations if collective else members)
    }
    disq = [c for c in cond.disqualifying if c in applicable]
    for lvl in blocked:
        for code in disq:
            blocked[lvl].append(_(rules.disqualifying[code][0]))
    if rules.uses_points:
        points = Decimal(score if score is not None else 0)
        for lvl, minimum in (
            (Level.EXCELLENT, rules.excellent_min),
            (Level.GOOD, rules.good_min),
            (Level.SATISFACTORY, rules.satisfactory_min),
        ):
            if points < minimum:
                blocked[lvl].append(
                    _("điểm %(score)s < %(min)s") % {"score": f"{points:g}", "min": minimum}
                )
    if not cond.tasks_on_time:
        blocked[Level.EXCELLENT].append(_("chưa hoàn thành 100% nhiệm vụ đúng tiến độ"))
        blocked[Level.GOOD].append(_("chưa hoàn thành 100% nhiệm vụ đúng tiến độ"))
    if cond.exceeding_percent < rules.excellent_exceeding_percent:
        blocked[Level.EXCELLENT].append(
            _("nhiệm vụ vượt mức %(got)s < %(need)s")
            % {"got": _pct(cond.exceeding_percent), "need": _pct(rules.excellent_exceeding_percent)}
        )
    if not cond.shortcomings_fixed:
        blocked[Level.EXCELLENT].append(_("chưa khắc phục hết hạn chế, khuyết điểm đã chỉ ra"))
    if collective:
        if cond.disciplined_subordinate:
            blocked[Level.EXCELLENT].append(_("có tổ chức trực thuộc bị kỷ luật"))
        if cond.late_percent > rules.satisfactory_late_percent:
            blocked[Level.SATISFACTORY].append(
                _("nhiệm vụ chậm tiến độ %(got)s > %(max)s")
                % {"got": _pct(cond.late_percent), "max": _pct(rules.satisfactory_late_percent)}
            )
    level = next((lvl for lvl in LEVEL_ORDER[:-1] if not blocked[lvl]), Level.UNSATISFACTORY)
    return Verdict(level, {k: tuple(v) for k, v in blocked.items() if v})


def level_problem(
    rules: LevelRules,
    subject: Subject | str,
    score: Decimal | int | None,
    level: Level | str,
    cond: Conditions,
) -> str | None:
    """Why `level` contradicts the score or the conditions (Vietnamese), or None.

    With a point scale the level must be the one the score and conditions give (a lower level
    contradicts the score as much as a higher one). Without it (QĐ 124) any level up to the one
    the conditions allow may be chosen."""
    verdict = highest_level(rules, subject, score, cond)
    chosen = Level(level)
    if rank(chosen) < rank(verdict.level):
        return "; ".join(verdict.blocked.get(chosen, ()))
    if rules.uses_points and chosen != verdict.level:
        return _("điểm và điều kiện tương ứng mức “%(level)s”") % {
            "level": LEVEL_LABELS[verdict.level]
        }
    return None


def cap_allows(*, excellent: int, good: int, percent: int) -> bool:
    """excellent ≤ percent % of good, in whole people: 100 * excellent ≤ percent * good."""
    return 100 * excellent <= percent * good


def cap_limit(good: int, percent: int) -> int:
    """The most people who may be rated excellent beside `good` rated good."""
    return (percent * good) // 100


def streak_years(years: Iterable[int], until: int) -> int:
    """How many consecutive years end at `until` in `years` (2021..2025 with until 2025 → 5)."""
    got = set(years)
    n = 0
    while until - n in got:
        n += 1
    return n
