"""Rules of cadre work as dated data and small pure functions (DESIGN.md rule 6).

Sources (RULES.md, "Cadre work"):
- QĐ 50-QĐ/TW (27/12/2021) on planning cadres [V]: a cadre planned for the next term must be young
  enough to serve the whole term; structure targets of a list (young ≥ 15 %, under 40 for
  provincial and lower posts; women ≥ 25 %) are targets, not blocks.
- QĐ 80-QĐ/TW (18/8/2022) on cadre management and appointment [V]: an appointment is made by the
  competent body's decision; a higher post needs at least 24 months in the current or an
  equivalent post [U for party posts]; the planned person is on the planning list unless the
  competent body decides otherwise (recorded).
- Retirement age by gender and birth month [U for party posts]: Bộ luật Lao động 2019, Điều 169,
  and Nghị định 135/2020/NĐ-CP (men 60 years 3 months in 2021, + 3 months a year up to 62; women
  55 years 4 months in 2021, + 4 months a year up to 60).
- Term limits for secretaries [U]; theory level, schooling and party age per post [U]; rotation
  period (QĐ 65-QĐ/TW, 28/4/2022, on rotation of cadres) [U: not in RULES.md].

Figures marked [U] are configurable: `settings.CHIBO_CADRES_RULES` (a dict of `CadreRules` field
names to values) overrides them, read on every call; the pages say which checks are unconfirmed.
The book is a `RuleBook`: `valid_from` inclusive, `valid_to` exclusive, chosen by the day the fact
is judged on (the term's start for planning, the decision day for an appointment).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from chibo.core.rules import RuleBook
from chibo.members.rules import parse_general_education
from chibo.members.rules.dates import add_months

# Unit kinds (chibo.org.models.UnitKind values) whose congress elects a full committee with a
# standing committee and an inspection committee, and those that elect a branch committee or only
# a secretary and deputy (Điều lệ Đảng, Điều 12, 24, 30; QĐ 294-QĐ/TW).
COMMITTEE_UNIT_KINDS = frozenset(
    {"provincial_committee", "upper_grassroots", "grassroots_committee"}
)
BRANCH_UNIT_KINDS = frozenset({"grassroots_branch", "branch"})

POSTS_SOURCE = (
    "Điều lệ Đảng (2011), Điều 12, 24 và 30; QĐ 294-QĐ/TW (26/5/2025): đảng bộ bầu ban chấp hành, "
    "ban thường vụ, bí thư, phó bí thư, ủy ban kiểm tra và chủ nhiệm; chi bộ bầu chi ủy hoặc bí "
    "thư, phó bí thư"
)
COMMITTEE_POSTS = (
    "secretary",
    "deputy_secretary",
    "standing_member",
    "committee_member",
    "inspection_chair",
    "inspection_member",
)
BRANCH_POSTS = ("secretary", "deputy_secretary", "committee_member")
# The posts of which a term has at most one holder, whatever the seats decision says.
SINGLE_SEAT_POSTS = frozenset({"secretary", "inspection_chair"})

# The post each post is "higher" than, for the months-in-a-lower-post standard.
LOWER_POSTS: dict[str, tuple[str, ...]] = {
    "secretary": ("deputy_secretary", "standing_member"),
    "deputy_secretary": ("standing_member", "committee_member"),
    "standing_member": ("committee_member",),
    "inspection_chair": ("inspection_member", "committee_member"),
}

DECISION_SOURCE = (
    "QĐ 80-QĐ/TW (18/8/2022) về phân cấp quản lý cán bộ và bổ nhiệm: bổ nhiệm, chỉ định phải có "
    "quyết định của cấp có thẩm quyền"
)
SEATS_SOURCE = "Số lượng cấp ủy viên, ủy viên ủy ban kiểm tra do cấp có thẩm quyền quyết định"
PLANNING_SCOPE_SOURCE = (
    "QĐ 50-QĐ/TW (27/12/2021) về công tác quy hoạch cán bộ: cấp ủy quy hoạch cán bộ thuộc "
    "phạm vi mình quản lý"
)
ROTATION_SOURCE = "QĐ 65-QĐ/TW (28/4/2022) về luân chuyển cán bộ"


def posts_for(unit_kind: str) -> tuple[str, ...]:
    """The committee posts a unit of this kind has (a party cell has none)."""
    if unit_kind in COMMITTEE_UNIT_KINDS:
        return COMMITTEE_POSTS
    if unit_kind in BRANCH_UNIT_KINDS:
        return BRANCH_POSTS
    return ()


@dataclass(frozen=True)
class CadreRules:
    source: str
    valid_from: date
    valid_to: date | None
    # [V] QĐ 50: structure targets of a planning list.
    young_share: float
    young_age_below: int
    women_share: float
    # [U] Retirement age (months) by gender: (first year, months in that year, step per year,
    # ceiling) from Nghị định 135/2020/NĐ-CP.
    retirement_male: tuple[int, int, int, int]
    retirement_female: tuple[int, int, int, int]
    retirement_source: str
    # [U] Months ahead of the retirement day (or of a term limit) to warn.
    warn_months_ahead: int
    # [U] Consecutive terms a secretary may hold the same post at the same unit.
    secretary_max_terms: int
    # [U] Minimum months in a lower post before a higher one (QĐ 80: 24, confirmed for public
    # employees only).
    lower_post_months: int
    # [U] Minimum theory level per post (TheoryLevel values, ranked by THEORY_RANK), by unit group.
    theory_committee: Mapping[str, str] = field(default_factory=dict)
    theory_branch: Mapping[str, str] = field(default_factory=dict)
    # [U] Minimum general education (grade of a 12-year system) and years of party age per post.
    min_grade: int = 12
    party_age_years: Mapping[str, int] = field(default_factory=dict)
    # [U] Rotation: the least period (months) and days ahead of the due end to remind.
    rotation_min_months: int = 36
    rotation_remind_days: int = 60
    # [U] Ratings of how many recent years are looked at for planning.
    rating_years: int = 2


# The fields marked [U]: the ones `settings.CHIBO_CADRES_RULES` may override.
UNCONFIRMED = frozenset(
    {
        "retirement_male",
        "retirement_female",
        "warn_months_ahead",
        "secretary_max_terms",
        "lower_post_months",
        "theory_committee",
        "theory_branch",
        "min_grade",
        "party_age_years",
        "rotation_min_months",
        "rotation_remind_days",
        "rating_years",
    }
)

CADRE_RULES: RuleBook[CadreRules] = RuleBook(
    "cadre work",
    [
        CadreRules(
            source="QĐ 50-QĐ/TW (27/12/2021) về quy hoạch cán bộ; QĐ 80-QĐ/TW (18/8/2022) về "
            "quản lý cán bộ, bổ nhiệm (các ngày trước đó xét theo cùng bảng)",
            valid_from=date(2021, 12, 27),
            valid_to=None,
            young_share=0.15,
            young_age_below=40,
            women_share=0.25,
            retirement_male=(2021, 723, 3, 744),
            retirement_female=(2021, 664, 4, 720),
            retirement_source="Bộ luật Lao động 2019, Điều 169; Nghị định 135/2020/NĐ-CP "
            "(áp dụng cho chức vụ Đảng: chưa xác nhận, cấu hình được)",
            warn_months_ahead=12,
            secretary_max_terms=2,
            lower_post_months=24,
            theory_committee={
                "secretary": "intermediate",
                "deputy_secretary": "intermediate",
                "standing_member": "intermediate",
                "inspection_chair": "intermediate",
                "committee_member": "elementary",
                "inspection_member": "elementary",
            },
            theory_branch={
                "secretary": "elementary",
                "deputy_secretary": "elementary",
                "committee_member": "",
            },
            min_grade=12,
            party_age_years={
                "secretary": 3,
                "deputy_secretary": 3,
                "standing_member": 3,
                "inspection_chair": 3,
                "committee_member": 1,
                "inspection_member": 1,
            },
            rotation_min_months=36,
            rotation_remind_days=60,
            rating_years=2,
        )
    ],
)


def rules_on(day: date) -> CadreRules:
    """The rule in force on `day`, with the deployment's overrides of its [U] figures."""
    rule = CADRE_RULES.rule_on(day)
    overrides = {
        k: v for k, v in getattr(settings, "CHIBO_CADRES_RULES", {}).items() if k in UNCONFIRMED
    }
    return dataclasses.replace(rule, **overrides) if overrides else rule


THEORY_RANK = {"": 0, "elementary": 1, "intermediate": 2, "advanced": 3, "bachelor": 3}


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def retirement_day(birth: date, gender: str, rule: CadreRules) -> date:
    """The day a person reaches the retirement age (Nghị định 135/2020/NĐ-CP, Phụ lục I): the
    age rises each year until its ceiling, and a person retires at the age set for the year in
    which they reach it."""
    first_year, months, step, ceiling = (
        rule.retirement_female if gender == "female" else rule.retirement_male
    )
    for year in range(first_year, first_year + 40):
        target = min(months + step * (year - first_year), ceiling)
        day = add_months(birth, target)
        if day.year <= year:
            return day
    return add_months(birth, ceiling)


def months_between(start: date, end: date) -> int:
    if end <= start:
        return 0
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - (end.day < start.day)


def periods_months(periods: Iterable[tuple[date, date | None]], on: date) -> int:
    """Months in the given posts up to `on`, summed over interrupted periods (QĐ 80)."""
    return sum(months_between(start, min(end or on, on)) for start, end in periods if start < on)


# --- standards of a planned person ---------------------------------------------------------------


class Status:
    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"  # the record lacks the data to judge
    NOT_AVAILABLE = "not_available"  # the module that holds the data is not there yet


@dataclass(frozen=True)
class PersonFacts:
    """What the standards read about a person: the record's formal fields and their posts."""

    birth_date: date | None
    gender: str
    theory_level: str
    general_education: str
    admitted_on: date | None
    party_age_days: int | None  # on the term's start, gaps deducted
    lower_post_periods: tuple[tuple[date, date | None], ...] = ()
    consecutive_terms: int = 0  # terms already held in this post at this unit, back to back
    courses: tuple[str, ...] | None = None  # None: not available
    ratings: tuple[tuple[int, str], ...] | None = None  # (year, level); None: not available


@dataclass(frozen=True)
class StandardCheck:
    code: str
    label: Any
    status: str
    detail: Any
    source: str
    confirmed: bool

    @property
    def failed(self) -> bool:
        return self.status == Status.NOT_MET


def check_standards(
    facts: PersonFacts,
    *,
    post_kind: str,
    unit_kind: str,
    term_start: date,
    term_end: date,
    rule: CadreRules,
) -> list[StandardCheck]:
    """Every formal standard of `post_kind` for this person, judged at the term's start."""
    checks = [
        _age(facts, term_start, term_end, rule),
        _theory(facts, post_kind, unit_kind, rule),
        _education(facts, rule),
        _party_age(facts, post_kind, rule),
    ]
    if post_kind in LOWER_POSTS:
        checks.append(_lower_post(facts, term_start, rule))
    if post_kind == "secretary":
        checks.append(_term_limit(facts, rule))
    checks.append(_courses(facts))
    checks.append(_ratings(facts, rule))
    return checks


def _age(facts: PersonFacts, start: date, end: date, rule: CadreRules) -> StandardCheck:
    label = _("Tuổi: đủ công tác trọn nhiệm kỳ")
    source = f"QĐ 50-QĐ/TW (27/12/2021); {rule.retirement_source}"
    if facts.birth_date is None:
        return StandardCheck(
            "age", label, Status.UNKNOWN, _("Hồ sơ chưa có ngày sinh."), source, False
        )
    retire = retirement_day(facts.birth_date, facts.gender, rule)
    age = age_on(facts.birth_date, start)
    detail = _("%(age)s tuổi khi bắt đầu nhiệm kỳ; đến tuổi nghỉ hưu ngày %(day)s") % {
        "age": age,
        "day": f"{retire:%d/%m/%Y}",
    }
    status = Status.MET if retire >= end else Status.NOT_MET
    return StandardCheck("age", label, status, detail, source, False)


def _theory(facts: PersonFacts, post: str, unit_kind: str, rule: CadreRules) -> StandardCheck:
    table = rule.theory_committee if unit_kind in COMMITTEE_UNIT_KINDS else rule.theory_branch
    needed = table.get(post, "")
    label = _("Trình độ lý luận chính trị")
    have = THEORY_RANK.get(facts.theory_level or "", 0)
    status = Status.MET if have >= THEORY_RANK.get(needed, 0) else Status.NOT_MET
    names = {
        "": _("chưa qua đào tạo"),
        "elementary": _("sơ cấp"),
        "intermediate": _("trung cấp"),
        "advanced": _("cao cấp"),
        "bachelor": _("cử nhân"),
    }
    detail = _("Có: %(have)s; yêu cầu: %(need)s") % {
        "have": names.get(facts.theory_level or "", facts.theory_level),
        "need": names.get(needed, needed),
    }
    return StandardCheck(
        "theory", label, status, detail, _u("tiêu chuẩn lý luận chính trị theo chức vụ"), False
    )


def _education(facts: PersonFacts, rule: CadreRules) -> StandardCheck:
    label = _("Trình độ giáo dục phổ thông")
    source = _u("tiêu chuẩn học vấn")
    try:
        level = parse_general_education(facts.general_education or "")
    except ValueError:
        return StandardCheck(
            "education", label, Status.UNKNOWN, _("Hồ sơ chưa ghi rõ."), source, False
        )
    # A grade of a 10-year system (before 1989 in the north) counts as completing school.
    complete = level.grade == level.system
    ok = complete or (level.system == 12 and level.grade >= rule.min_grade)
    detail = _("Có: %(have)s; yêu cầu: tốt nghiệp phổ thông (%(need)s/12)") % {
        "have": facts.general_education,
        "need": rule.min_grade,
    }
    return StandardCheck(
        "education", label, Status.MET if ok else Status.NOT_MET, detail, source, False
    )


def _party_age(facts: PersonFacts, post: str, rule: CadreRules) -> StandardCheck:
    label = _("Tuổi đảng")
    needed = rule.party_age_years.get(post, 0)
    source = _u("tuổi đảng tối thiểu theo chức vụ")
    if facts.party_age_days is None:
        return StandardCheck(
            "party_age", label, Status.UNKNOWN, _("Hồ sơ chưa có ngày vào Đảng."), source, False
        )
    years = facts.party_age_days // 365
    status = Status.MET if facts.party_age_days >= needed * 365 else Status.NOT_MET
    detail = _("%(have)s năm khi bắt đầu nhiệm kỳ; yêu cầu: %(need)s năm") % {
        "have": years,
        "need": needed,
    }
    return StandardCheck("party_age", label, status, detail, source, False)


def _lower_post(facts: PersonFacts, start: date, rule: CadreRules) -> StandardCheck:
    months = periods_months(facts.lower_post_periods, start)
    status = Status.MET if months >= rule.lower_post_months else Status.NOT_MET
    detail = _("%(have)s tháng ở chức vụ thấp hơn; yêu cầu: %(need)s tháng") % {
        "have": months,
        "need": rule.lower_post_months,
    }
    return StandardCheck(
        "lower_post",
        _("Thời gian giữ chức vụ thấp hơn"),
        status,
        detail,
        "QĐ 80-QĐ/TW (18/8/2022), 24 tháng (với chức vụ Đảng: chưa xác nhận, cấu hình được)",
        False,
    )


def _term_limit(facts: PersonFacts, rule: CadreRules) -> StandardCheck:
    status = Status.MET if facts.consecutive_terms < rule.secretary_max_terms else Status.NOT_MET
    detail = _("Đã giữ chức %(have)s nhiệm kỳ liên tiếp; tối đa %(most)s") % {
        "have": facts.consecutive_terms,
        "most": rule.secretary_max_terms,
    }
    return StandardCheck(
        "term_limit",
        _("Số nhiệm kỳ liên tiếp giữ chức bí thư"),
        status,
        detail,
        _u("giới hạn nhiệm kỳ bí thư"),
        False,
    )


def _courses(facts: PersonFacts) -> StandardCheck:
    label = _("Các lớp bồi dưỡng đã học")
    if facts.courses is None:
        return StandardCheck(
            "training",
            label,
            Status.NOT_AVAILABLE,
            _("Chưa có dữ liệu: phân hệ đào tạo, bồi dưỡng chưa sẵn sàng."),
            "QĐ 50-QĐ/TW (27/12/2021)",
            True,
        )
    source = "QĐ 50-QĐ/TW (27/12/2021)"
    if not facts.courses:
        return StandardCheck(
            "training", label, Status.UNKNOWN, _("Chưa có giấy chứng nhận."), source, True
        )
    return StandardCheck("training", label, Status.MET, ", ".join(facts.courses), source, True)


def _ratings(facts: PersonFacts, rule: CadreRules) -> StandardCheck:
    label = _("Xếp loại chất lượng các năm gần đây")
    source = "QĐ 50-QĐ/TW (27/12/2021); QĐ 366-QĐ/TW (30/8/2025)"
    if facts.ratings is None:
        return StandardCheck(
            "ratings",
            label,
            Status.NOT_AVAILABLE,
            _("Chưa có dữ liệu: phân hệ đánh giá, xếp loại chưa sẵn sàng."),
            source,
            True,
        )
    recent = sorted(facts.ratings, reverse=True)[: rule.rating_years]
    if not recent:
        return StandardCheck(
            "ratings", label, Status.UNKNOWN, _("Chưa có kết quả xếp loại."), source, True
        )
    failed = any(level == "unsatisfactory" for _y, level in recent)
    detail = ", ".join(f"{y}: {level}" for y, level in recent) or _("chưa có")
    return StandardCheck(
        "ratings", label, Status.NOT_MET if failed else Status.MET, detail, source, True
    )


def _u(what: str) -> str:
    return f"Chưa xác nhận ({what}); cấu hình được: CHIBO_CADRES_RULES"


# --- warnings about incumbents -------------------------------------------------------------------


@dataclass(frozen=True)
class IncumbentWarning:
    code: str  # "retirement" | "term_limit"
    on: date
    source: str


def incumbent_warnings(
    *,
    birth_date: date | None,
    gender: str,
    post_kind: str,
    consecutive_terms: int,
    term_end: date,
    today: date,
    rule: CadreRules,
) -> list[IncumbentWarning]:
    """Warnings ahead of the day a holder must leave the post (retirement age) and of a
    secretary's last allowed term, within `warn_months_ahead` or already past."""
    out: list[IncumbentWarning] = []
    horizon = add_months(today, rule.warn_months_ahead)
    if birth_date is not None:
        retire = retirement_day(birth_date, gender, rule)
        if retire <= horizon:
            out.append(IncumbentWarning("retirement", retire, rule.retirement_source))
    last_term = post_kind == "secretary" and consecutive_terms + 1 >= rule.secretary_max_terms
    if last_term and term_end <= horizon:
        out.append(IncumbentWarning("term_limit", term_end, _u("giới hạn nhiệm kỳ bí thư")))
    return out


def rotation_due_soon(due_end_on: date, today: date, rule: CadreRules) -> bool:
    return (due_end_on - today).days <= rule.rotation_remind_days


def age_band(age: int) -> str:
    """The age bands of a conference's lists: under 40, 40-50, over 50 (practice of the
    organisation commissions' statistics, not a regulation)."""
    if age < 40:
        return "under_40"
    if age <= 50:
        return "40_50"
    return "over_50"
