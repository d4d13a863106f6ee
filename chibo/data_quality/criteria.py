"""The four tests of a member record: đúng, đủ, sạch, sống (correct, complete, clean, current).

Pure functions over a member-like object (attribute access only, no database): the callers fetch
the facts the tests need beyond the record itself (open duplicate pairs, the latest confirmation,
the campaign period) and pass them in. Each test answers pass/fail with the reasons, in Vietnamese,
citing the regulation where one applies, so a record page can say exactly what to fix.

- *đúng* (correct): the values are valid and consistent. The registry's own rules
  (`chibo.members.rules`): dates in order and in age/probation limits, a citizen ID that matches
  the birth year and gender, known ethnicity codes, schooling written "grade/system", a phone that
  normalises. Errors fail the test; warnings (an unconfirmed card-number format) are shown only,
  except the 9-digit identity card, which no longer identifies anybody since 2025 and must be
  replaced before the record is synced to the national database.
- *đủ* (complete): every field of `REQUIRED_FIELDS` is filled (card number and full-membership
  date for full members only).
- *sạch* (clean): every value is already in its normalised form (`chibo.data_quality.normalize`:
  NFC, house tone style, title-case names, one phone form, citizen ID as digits) and the record is
  not part of a duplicate pair still waiting for a decision.
- *sống* (current): the branch confirmed the record within the campaign period.
"""

import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from chibo.data_quality.normalize import (
    normalize_citizen_id,
    normalize_name,
    normalize_phone,
    normalize_text,
)
from chibo.members.rules import Gender, Problem, Source, check_card_number, check_citizen_id
from chibo.members.rules.dates import PartialDate, check_member_dates
from chibo.members.rules.reference import (
    ETHNIC_GROUP_BY_CODE,
    ETHNIC_GROUPS_SOURCE,
    check_general_education,
)


class Criterion(StrEnum):
    CORRECT = "correct"
    COMPLETE = "complete"
    CLEAN = "clean"
    CURRENT = "current"


TEST_LABELS: dict[Criterion, Promise] = {
    Criterion.CORRECT: _("Đúng"),
    Criterion.COMPLETE: _("Đủ"),
    Criterion.CLEAN: _("Sạch"),
    Criterion.CURRENT: _("Sống"),
}
TEST_HELP: dict[Criterion, Promise] = {
    Criterion.CORRECT: _(
        "Giá trị hợp lệ, các ngày tháng nhất quán, CCCD khớp năm sinh và giới tính."
    ),
    Criterion.COMPLETE: _("Đủ các trường bắt buộc của hồ sơ."),
    Criterion.CLEAN: _("Giá trị đã chuẩn hóa và không nằm trong cặp nghi trùng chưa xử lý."),
    Criterion.CURRENT: _("Chi bộ đã xác nhận hồ sơ trong thời gian của đợt."),
}

FIELD_LABELS: dict[str, Promise] = {
    "full_name": _("Họ và tên"),
    "gender": _("Giới tính"),
    "birth_date": _("Ngày sinh"),
    "citizen_id": _("Số CCCD"),
    "phone": _("Số điện thoại"),
    "email": _("E-mail"),
    "ethnicity": _("Dân tộc"),
    "religion": _("Tôn giáo"),
    "home_town": _("Quê quán"),
    "place_of_birth": _("Nơi sinh"),
    "permanent_address": _("Nơi thường trú"),
    "current_address": _("Nơi ở hiện nay"),
    "general_education": _("Giáo dục phổ thông"),
    "professional_qualification": _("Trình độ chuyên môn"),
    "occupation": _("Nghề nghiệp"),
    "workplace": _("Nơi làm việc"),
    "card_number": _("Số thẻ đảng viên"),
    "admitted_on": _("Ngày vào Đảng"),
    "admission_ceremony_on": _("Ngày lễ kết nạp"),
    "full_member_on": _("Ngày chính thức"),
    "unit": _("Chi bộ"),
}

# The fields a record must have to be synced to the national member database. Form 2-HSĐV (the
# member's record) asks for all of them; which ones the national database refuses when empty is
# not published [U: the list is the campaign's working rule, change it here].
REQUIRED_SOURCE = Source(
    "Mẫu 2-HSĐV (lý lịch đảng viên); danh mục trường bắt buộc của đợt", confirmed=False
)
REQUIRED_FIELDS: tuple[str, ...] = (
    "full_name",
    "gender",
    "birth_date",
    "citizen_id",
    "home_town",
    "permanent_address",
    "ethnicity",
    "religion",
    "admitted_on",
    "unit",
)
# Only full members hold a party card and a full-membership date (Điều lệ Đảng, Điều 5: the
# probationary member becomes full after 12 months; the card is handed over then).
FULL_MEMBER_FIELDS: tuple[str, ...] = ("card_number", "full_member_on")
FULL_MEMBER_SOURCE = Source("Điều lệ Đảng, Điều 5; QĐ 294-QĐ/TW (thẻ đảng viên)", confirmed=False)

# Warnings of the registry rules that still fail "đúng" in a campaign (see the module docstring).
FAILING_WARNINGS = frozenset({"citizen_id.old_cmnd"})

# Free-text fields whose stored value must equal its normalised text (NFC, tone style, spaces).
CLEAN_TEXT_FIELDS: tuple[str, ...] = (
    "other_names",
    "place_of_birth",
    "home_town",
    "permanent_address",
    "current_address",
    "professional_qualification",
    "occupation",
    "workplace",
)

# Every member field the tests read (callers loading members for the tests load these).
READ_FIELDS: tuple[str, ...] = (
    "full_name",
    "gender",
    "birth_date",
    "birth_date_precision",
    "citizen_id",
    "phone",
    "email",
    "ethnicity",
    "religion",
    "general_education",
    "card_number",
    "admitted_on",
    "admission_ceremony_on",
    "full_member_on",
    "status",
    "unit",
    *CLEAN_TEXT_FIELDS,
)


@dataclass(frozen=True)
class Reason:
    """Why a record fails (or nearly fails) a test: shown on the record page and in the API."""

    code: str
    message: str  # already rendered in the active language
    field: str | None = None
    citation: str = ""
    confirmed: bool = True  # False: the rule is not confirmed in a public source (RULES.md [U])
    severity: str = "error"  # "warning": shown, does not fail the test

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "message": self.message,
            "field": self.field,
            "citation": self.citation,
            "confirmed": self.confirmed,
            "severity": self.severity,
        }


@dataclass(frozen=True)
class CriterionResult:
    test: Criterion
    reasons: tuple[Reason, ...] = ()

    @property
    def passed(self) -> bool:
        return not any(r.severity == "error" for r in self.reasons)

    @property
    def failing_fields(self) -> list[str]:
        return [r.field for r in self.reasons if r.field and r.severity == "error"]


@dataclass(frozen=True)
class RecordChecks:
    correct: CriterionResult
    complete: CriterionResult
    clean: CriterionResult
    current: CriterionResult
    results: tuple[CriterionResult, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "results", (self.correct, self.complete, self.clean, self.current))

    @property
    def passes_all(self) -> bool:
        return all(r.passed for r in self.results)

    def failing_fields(self) -> list[str]:
        """The record's own fields that some test blames, in the order of the tests."""
        seen: dict[str, None] = {}
        for result in self.results:
            for name in result.failing_fields:
                seen.setdefault(name, None)
        return list(seen)

    def reasons_json(self) -> dict[str, list[dict[str, Any]]]:
        return {r.test.value: [x.as_json() for x in r.reasons] for r in self.results}


@dataclass(frozen=True)
class Period:
    name: str
    starts_on: date
    ends_on: date


def _label(name: str) -> str:
    return str(FIELD_LABELS.get(name, name))


def _from_problem(problem: Problem) -> Reason:
    failing = problem.is_error or problem.code in FAILING_WARNINGS
    source = problem.source
    return Reason(
        code=problem.code,
        message=problem.text(),
        field=problem.field,
        citation=source.citation if source else "",
        confirmed=source.confirmed if source else True,
        severity="error" if failing else "warning",
    )


def _reason(
    code: str,
    message: str | Promise,
    /,
    *,
    field: str | None = None,
    source: Source | None = None,
    severity: str = "error",
    **params: object,
) -> Reason:
    text = str(message) % params if params else str(message)
    return Reason(
        code=code,
        message=text,
        field=field,
        citation=source.citation if source else "",
        confirmed=source.confirmed if source else True,
        severity=severity,
    )


def _text(member: Any, name: str) -> str:
    value = getattr(member, name, "")
    return "" if value is None else str(value)


def birth_of(member: Any) -> PartialDate | None:
    """The birth date at the precision the record knows (old records give only a year)."""
    birth: date | None = getattr(member, "birth_date", None)
    if birth is None:
        return None
    precision = getattr(member, "birth_date_precision", "day") or "day"
    if precision == "year":
        return PartialDate(birth.year)
    if precision == "month":
        return PartialDate(birth.year, birth.month)
    return PartialDate(birth.year, birth.month, birth.day)


def _is_full(member: Any) -> bool:
    return getattr(member, "status", "") == "full"


# --- đúng --------------------------------------------------------------------------------------


def check_correct(member: Any, *, today: date | None = None) -> CriterionResult:
    today = today or date.today()
    problems: list[Problem] = []
    birth = birth_of(member)
    problems += check_member_dates(
        birth=birth,
        admitted_on=getattr(member, "admitted_on", None),
        full_member_on=getattr(member, "full_member_on", None),
        admission_ceremony_on=getattr(member, "admission_ceremony_on", None),
    )
    gender = _text(member, "gender")
    problems += check_citizen_id(
        _text(member, "citizen_id"),
        gender=Gender(gender) if gender in Gender._value2member_map_ else None,
        birth_year=birth.year if birth else None,
    )
    problems += check_card_number(_text(member, "card_number"))
    problems += check_general_education(_text(member, "general_education"))
    reasons = [_from_problem(p) for p in problems]
    if gender and gender not in Gender._value2member_map_:
        reasons.append(_reason("gender.invalid", _("Giới tính không hợp lệ."), field="gender"))
    if birth is not None and birth.earliest() > today:
        reasons.append(
            _reason("dates.birth_in_future", _("Ngày sinh ở tương lai."), field="birth_date")
        )
    ethnicity = _text(member, "ethnicity")
    if ethnicity and ethnicity not in ETHNIC_GROUP_BY_CODE:
        reasons.append(
            _reason(
                "ethnicity.unknown",
                _("Mã dân tộc %(code)s không có trong danh mục 54 dân tộc."),
                field="ethnicity",
                source=ETHNIC_GROUPS_SOURCE,
                code=ethnicity,
            )
        )
    phone = _text(member, "phone")
    if phone:
        reasons += [
            _reason(issue.code, issue.message, field="phone")
            for issue in normalize_phone(phone).issues
            if issue.severity == "error"
        ]
    return CriterionResult(Criterion.CORRECT, tuple(reasons))


# --- đủ ----------------------------------------------------------------------------------------


def required_fields_for(member: Any) -> tuple[str, ...]:
    return REQUIRED_FIELDS + (FULL_MEMBER_FIELDS if _is_full(member) else ())


def _filled(member: Any, name: str) -> bool:
    if name == "unit":
        return getattr(member, "unit_id", None) is not None
    value = getattr(member, name, None)
    return value is not None and str(value).strip() != ""


def check_complete(member: Any) -> CriterionResult:
    reasons = [
        _reason(
            f"missing.{name}",
            _("Thiếu %(label)s."),
            field=name,
            source=FULL_MEMBER_SOURCE if name in FULL_MEMBER_FIELDS else REQUIRED_SOURCE,
            label=_label(name),
        )
        for name in required_fields_for(member)
        if not _filled(member, name)
    ]
    return CriterionResult(Criterion.COMPLETE, tuple(reasons))


# --- sạch --------------------------------------------------------------------------------------


def normal_forms(member: Any) -> dict[str, str]:
    """The normalised value of each field whose stored value differs from it."""
    found: dict[str, str] = {}
    checks: list[tuple[str, Callable[[str], str | None]]] = [
        ("full_name", normalize_name),
        ("phone", lambda s: normalize_phone(s).value),
        ("citizen_id", lambda s: normalize_citizen_id(s).value),
        *((name, normalize_text) for name in CLEAN_TEXT_FIELDS),
    ]
    for name, normaliser in checks:
        value = _text(member, name)
        if not value:
            continue
        normal = normaliser(value)
        # A value the normaliser cannot read (a broken phone) is a "đúng" problem, not "sạch".
        if normal and normal != value:
            found[name] = normal
    return found


def _unclean(name: str, value: str, normal: str) -> Reason:
    if unicodedata.normalize("NFC", value) == normal:
        # Decomposed (NFD) text looks the same on screen: say what differs.
        return _reason(
            f"unclean.{name}.nfd",
            _(
                "%(label)s có dấu gõ tách rời khỏi chữ (trông như nhau nhưng tìm kiếm không "
                "nhận ra): cần lưu lại ở dạng chuẩn."
            ),
            field=name,
            label=_label(name),
        )
    return _reason(
        f"unclean.{name}",
        _("%(label)s chưa chuẩn hóa: “%(value)s” → “%(normal)s”."),
        field=name,
        label=_label(name),
        value=value,
        normal=normal,
    )


def check_clean(member: Any, *, open_pairs: int = 0) -> CriterionResult:
    reasons = [
        _unclean(name, _text(member, name), normal) for name, normal in normal_forms(member).items()
    ]
    if open_pairs:
        reasons.append(
            _reason(
                "duplicate.open_pair",
                _("Nằm trong %(count)s cặp nghi trùng chưa xử lý: cần xem xét hoặc gộp hồ sơ."),
                count=open_pairs,
            )
        )
    return CriterionResult(Criterion.CLEAN, tuple(reasons))


# --- sống --------------------------------------------------------------------------------------


def check_current(*, confirmed_on: date | None, period: Period | None) -> CriterionResult:
    if period is None:
        return CriterionResult(
            Criterion.CURRENT,
            (
                _reason(
                    "current.no_campaign",
                    _("Không có đợt làm sạch dữ liệu nào đang diễn ra cho đơn vị này."),
                ),
            ),
        )
    if confirmed_on is None or not period.starts_on <= confirmed_on <= period.ends_on:
        return CriterionResult(
            Criterion.CURRENT,
            (
                _reason(
                    "current.not_confirmed",
                    _(
                        "Chi bộ chưa xác nhận hồ sơ trong đợt “%(name)s” "
                        "(từ %(start)s đến %(end)s)."
                    ),
                    name=period.name,
                    start=period.starts_on.strftime("%d/%m/%Y"),
                    end=period.ends_on.strftime("%d/%m/%Y"),
                ),
            ),
        )
    return CriterionResult(Criterion.CURRENT)


def check_record(
    member: Any,
    *,
    open_pairs: int = 0,
    confirmed_on: date | None = None,
    period: Period | None = None,
    today: date | None = None,
) -> RecordChecks:
    return RecordChecks(
        correct=check_correct(member, today=today),
        complete=check_complete(member),
        clean=check_clean(member, open_pairs=open_pairs),
        current=check_current(confirmed_on=confirmed_on, period=period),
    )


def check_record_in(language: str, member: Any, **facts: Any) -> RecordChecks:
    """The checks with their messages rendered in `language` (the cache stores Vietnamese)."""
    with translation.override(language):
        return check_record(member, **facts)


def summarise(rows: Iterable[Mapping[str, bool]]) -> dict[str, int]:
    """Counts of passes per test and of all four, over result rows (for tests and the demo)."""
    counts = {t.value: 0 for t in Criterion} | {"all_four": 0, "total": 0}
    for row in rows:
        counts["total"] += 1
        for t in Criterion:
            counts[t.value] += bool(row[t.value])
        counts["all_four"] += all(row[t.value] for t in Criterion)
    return counts
