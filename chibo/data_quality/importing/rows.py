"""One data row → what the member table needs, and every problem found on the way.

Pure apart from `UnitTable`, a lookup table of the target subtree's units built once per import
(so rows can be prepared in worker processes). Policy, written here because the issue leaves it
open:

- A row is **rejected** (kept in the batch with its reasons, listed in the rejected-rows
  workbook, nothing written to members) when it has no name, when its `Chi bộ` is not a branch
  of the target subtree, or when it has neither `Mã hồ sơ` nor a card number (without the source's
  key a second run could not recognise the row).
- Any other problem (an unreadable date, a citizen ID that does not match the birth year…) is a
  problem of the record, not of the import: the row is imported with the value left empty or as
  given, the raw cell is kept beside it, and the problem is listed on the row. The campaign's
  checks show the record as failing until someone fixes it.
- Status: "Ngày chính thức" given → full member; only "Ngày vào Đảng" → probationary; neither →
  full member (lists sent for cleaning are of serving members) with a warning, and no event.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from json import dumps as _dumps
from typing import Any

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from chibo.core.spreadsheets import FORMULA_STARTS
from chibo.core.text import fold, name_sort_text
from chibo.data_quality.normalize import tone_style
from chibo.members.models import Gender, MemberStatus
from chibo.members.rules import Gender as RuleGender
from chibo.members.rules import (
    check_card_number,
    check_citizen_id,
    check_member_dates,
)
from chibo.members.rules.card_number import normalise_card_number as normalized_card_number

from .columns import TEMPLATE_KEYS
from .normalizing import normalize_row, partial_parts
from .reader import cell_text

ERROR, WARNING = "error", "warning"
REJECTING_CODES = frozenset(
    {"name.missing", "name.formula", "unit.unknown", "unit.not_branch", "key.missing"}
)


@dataclass(frozen=True)
class UnitRef:
    id: int
    code: str
    name: str
    is_branch: bool


@dataclass
class UnitTable:
    """The units of the target subtree by code and by name (both compared folded)."""

    root: UnitRef
    by_code: dict[str, UnitRef] = field(default_factory=dict)
    by_name: dict[str, list[UnitRef]] = field(default_factory=dict)

    def add(self, unit: UnitRef) -> None:
        self.by_code[fold(unit.code)] = unit
        self.by_name.setdefault(fold(unit.name), []).append(unit)

    def resolve(self, text: str) -> tuple[UnitRef | None, str | None]:
        """(unit, problem code)."""
        if not text:
            return (self.root, None) if self.root.is_branch else (None, "unit.missing")
        key = fold(text)
        unit = self.by_code.get(key)
        if unit is None:
            named = self.by_name.get(key, [])
            if len(named) > 1:
                return None, "unit.ambiguous"
            unit = named[0] if named else None
        if unit is None:
            return None, "unit.unknown"
        if not unit.is_branch:
            return None, "unit.not_branch"
        return unit, None


_MESSAGES = {
    "name.missing": _("Thiếu họ và tên."),
    "name.formula": _(
        "Họ và tên bắt đầu bằng ký tự của công thức bảng tính (= + - @, tab hoặc xuống dòng): "
        "không phải họ tên, dòng bị từ chối. Hãy sửa trong tệp."
    ),
    "text.formula": _(
        "Giá trị bắt đầu bằng ký tự của công thức bảng tính (= + - @, tab hoặc xuống dòng): "
        "không hợp lệ, đã bỏ trống. Hãy sửa trong tệp."
    ),
    "unit.missing": _("Thiếu chi bộ: đơn vị nhận không phải chi bộ nên mỗi dòng phải ghi chi bộ."),
    "unit.unknown": _("Không tìm thấy chi bộ này trong đơn vị nhận dữ liệu."),
    "unit.ambiguous": _("Có nhiều chi bộ trùng tên này; hãy ghi mã chi bộ."),
    "unit.not_branch": _("Đơn vị này không phải chi bộ; đảng viên phải sinh hoạt ở chi bộ."),
    "key.missing": _(
        "Thiếu cả Mã hồ sơ và Số thẻ đảng viên: không thể nhận ra dòng này khi nhập lại."
    ),
    "status.assumed": _(
        "Thiếu ngày vào Đảng và ngày chính thức: ghi nhận là đảng viên chính thức, chưa có "
        "biến động kết nạp."
    ),
    "date.partial": _("Chỉ biết tháng/năm hoặc năm; lưu ngày đầu kỳ, cần bổ sung ngày chính xác."),
    "text.too_long": _("Giá trị quá dài, đã bị cắt."),
}
# A problem in these codes is an error (the row is rejected when it is in REJECTING_CODES).
_ERRORS = frozenset(
    {"name.missing", "unit.missing", "unit.ambiguous", "text.formula", *REJECTING_CODES}
)
REJECTING = REJECTING_CODES | {"unit.missing", "unit.ambiguous"}

_TEXT_LIMITS = {
    "full_name": 120,
    "email": 254,
    "home_town": 255,
    "permanent_address": 255,
    "professional_qualification": 120,
    "occupation": 120,
    "religion": 40,
    "phone": 20,
    "card_number": 20,
    "citizen_id": 12,
}
_EDUCATION = re.compile(r"\d{1,2}/1[02]")
# Text cells that a spreadsheet would run as a formula (`=HYPERLINK(...)` in a name): invalid in a
# member's record (issue 10, finding 12). Numbers, dates and identifiers are normalised to their
# digits instead; a lone "-" is how many lists write "none".
_FORMULA_FIRST = frozenset(FORMULA_STARTS)
_FORMULA_CHECKED = frozenset(
    {
        "full_name",
        "source_ref",
        "gender",
        "ethnicity",
        "religion",
        "home_town",
        "permanent_address",
        "general_education",
        "professional_qualification",
        "theory_level",
        "occupation",
        "email",
    }
)


def starts_like_formula(cell: Any) -> bool:
    if type(cell) is not str or not cell:
        return False
    if cell[0] in "\t\r\n":
        return True
    text = cell.lstrip(" ")
    return bool(text) and text[0] in _FORMULA_FIRST and text.strip("-") != ""


_GENDERS = {Gender.MALE.value, Gender.FEMALE.value}


@dataclass
class PreparedRow:
    number: int
    raw: list[str]
    normalized: dict[str, Any]
    fields: dict[str, Any]  # Member field values (dates as date)
    issues: list[dict[str, str]]
    unit_id: int | None
    source_key: str
    card_number: str
    status: str
    rejected: bool
    # (raw, normalized) as JSON text, made where the row is prepared (a worker process) so the
    # writing process does not encode them; None when not made (`encode_rows`).
    encoded: tuple[str, str] | None = None

    def add_issue(self, field_name: str, code: str, message: Any, severity: str) -> None:
        self.issues.append(_issue(field_name, code, message, severity))


def _issue(field_name: str, code: str, message: Any, severity: str) -> dict[str, str]:
    if translation.get_language() == "vi":
        text = str(message)
    else:
        with translation.override("vi"):
            text = str(message)
    return {"field": field_name, "code": code, "message": text, "severity": severity}


def _json_value(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, date):
        return value.isoformat()
    label = getattr(value, "label", None)
    if label is not None:  # an address match
        return {
            "label": str(label),
            "province_code": getattr(value, "province_code", ""),
            "ward_code": getattr(value, "ward_code", ""),
            "scheme": getattr(value, "scheme", ""),
        }
    formatted = getattr(value, "format", None)
    if callable(formatted):
        return formatted()
    return str(value)


def _text(value: Any) -> str:
    if value is None:
        return ""
    label = getattr(value, "label", None)
    return str(label if label is not None else value).strip()


@lru_cache(maxsize=200_000)
def _name_keys(name: str) -> tuple[str, str]:
    return fold(name), name_sort_text(name)[:400]


def _problem_dicts(problems: Sequence[Any], default_field: str) -> tuple[dict[str, str], ...]:
    return tuple(
        _issue(p.field or default_field, p.code, p.text(), str(p.severity)) for p in problems
    )


@lru_cache(maxsize=200_000)
def _date_problems(
    birth: date | None, admitted_on: date | None, full_member_on: date | None
) -> tuple[dict[str, str], ...]:
    return _problem_dicts(
        check_member_dates(birth=birth, admitted_on=admitted_on, full_member_on=full_member_on),
        "birth_date",
    )


@lru_cache(maxsize=200_000)
def _citizen_id_problems(
    number: str, gender: str, birth_year: int | None
) -> tuple[dict[str, str], ...]:
    return _problem_dicts(
        check_citizen_id(
            number, gender=RuleGender(gender) if gender else None, birth_year=birth_year
        ),
        "citizen_id",
    )


def _citizen_id_issues(
    number: str, gender: str, birth_year: int | None
) -> tuple[dict[str, str], ...]:
    # A well-formed 12-digit number is checked on its first six digits only (province,
    # gender/century, year): memoise on those.
    if len(number) == 12 and _DIGITS12.fullmatch(number):
        return _citizen_id_problems(number[:6] + "000000", gender, birth_year)
    return _citizen_id_problems(number, gender, birth_year)


@lru_cache(maxsize=100_000)
def _card_problems(card: str) -> tuple[dict[str, str], ...]:
    return _problem_dicts(check_card_number(card), "card_number")


# --- one cell, normalised once per distinct value ------------------------------------------------
#
# Most columns of a member list repeat (gender, ethnic group, religion, education, theory level,
# occupation, dates, home towns, branch): each distinct value is normalised once per process and
# what the row needs (normalised values, their JSON form, the issues as stored) is looked up.
# Identifiers unique per row take a fast path when they are already in their one form.

_UNIQUE_PER_ROW = frozenset({"source_ref", "citizen_id", "phone", "email", "card_number"})
_UNIQUE_ORDER = tuple(k for k in TEMPLATE_KEYS if k in _UNIQUE_PER_ROW)
_NEVER_MEMO = frozenset({"permanent_address"})  # house numbers: one value per row
_MEMO_LIMIT = 200_000
_HOUSE_NUMBER = re.compile(r"([0-9]{1,5}(?:/[0-9]{1,5})*) (?=[^\s0-9])")
_DIGITS12 = re.compile(r"[0-9]{12}")
_MOBILE = re.compile(r"0[35789][0-9]{8}")
_PLAIN_REF = re.compile(r"[A-Za-z0-9_\-/.]+")
_PLAIN_EMAIL = re.compile(r"[a-z0-9._%+\-]+@[a-z0-9.\-]+\.[a-z]{2,}")

# (values, their JSON form, issues as stored)
CellResult = tuple[dict[str, Any], dict[str, Any], tuple[dict[str, str], ...]]
_memos: dict[str, dict[Any, CellResult]] = {}
_memo_style = ""


def _normalized_cell(key: str, cell: Any) -> CellResult:
    one = normalize_row({key: cell})
    values = one.values
    return (
        values,
        {k: _json_value(v) for k, v in values.items()},
        tuple(_issue(i.field, i.code, i.message, str(i.severity)) for i in one.issues),
    )


def _fast_cell(key: str, cell: Any) -> CellResult | None:
    """The result for an identifier already in its one form, without the general path."""
    if type(cell) is not str or not cell:
        return None
    if key == "phone":
        if _MOBILE.fullmatch(cell):
            return {key: cell}, {key: cell}, ()
    elif key == "source_ref":
        if _PLAIN_REF.fullmatch(cell):
            return {key: cell}, {key: cell}, ()
    elif key == "citizen_id":
        if _DIGITS12.fullmatch(cell):
            # Its issues depend on the first six digits alone (see _citizen_id_issues).
            shape = cell[:6] + "000000"
            _values, json_values, issues = _cell(key, shape, memo=True)
            if json_values.get(key) == shape:
                return {key: cell}, {key: cell}, issues
    elif key == "email":
        if _PLAIN_EMAIL.fullmatch(cell):
            return {key: cell}, {key: cell}, ()
    elif key == "card_number" and cell.isascii() and cell.isdigit():
        value = normalized_card_number(cell)
        return {key: value}, {key: value}, ()
    return None


def _cell(key: str, cell: Any, *, memo: bool) -> CellResult:
    table = _memos.get(key)
    if table is None:
        table = _memos[key] = {}
    memo_key = cell if type(cell) is str else (type(cell), cell)
    hit = table.get(memo_key)
    if hit is None:
        hit = _normalized_cell(key, cell)
        if memo:
            if len(table) >= _MEMO_LIMIT:
                table.clear()
            table[memo_key] = hit
    return hit


def _street_address(cell: Any) -> CellResult | None:
    """A residence "324 Âu Cơ, Khu phố 4, Phường Tân Bình, Thành phố Hồ Chí Minh": its house
    number alone makes it unique, and neither normalising the text nor matching the ward (on the
    last parts only, when there are four or more) looks at that number. So the address is
    normalised once with the number "1" in its place, and the number put back. Used only when
    that gives no issue (an issue quotes the address)."""
    if type(cell) is not str or cell.count(",") < 3:
        return None
    m = _HOUSE_NUMBER.match(cell)
    if m is None:
        return None
    key = "permanent_address"
    values, json_values, issues = _cell(key, "1 " + cell[m.end() :], memo=True)
    text = values.get(key)
    if issues or not isinstance(text, str) or not text.startswith("1 "):
        return None
    text = m.group(1) + text[1:]
    return {**values, key: text}, {**json_values, key: text}, ()


def _cells(key: str, cell: Any) -> CellResult:
    if key == "permanent_address":
        street = _street_address(cell)
        if street is not None:
            return street
    if key in _UNIQUE_PER_ROW and cell:
        fast = _fast_cell(key, cell)
        if fast is not None:
            return fast
        return _normalized_cell(key, cell)
    return _cell(key, cell, memo=key not in _NEVER_MEMO)


def _check_style() -> None:
    global _memo_style
    style = tone_style()
    if style != _memo_style:
        _memos.clear()
        _memo_style = style


def prepare_row(
    number: int, cells: Sequence[Any], mapping: Mapping[str, int], units: UnitTable
) -> PreparedRow:
    _check_style()
    size = len(cells)
    values: dict[str, Any] = {}
    normalized: dict[str, Any] = {}
    issues: list[dict[str, str]] = []
    raw_cells: dict[str, Any] = {}
    later: dict[str, tuple[dict[str, str], ...]] = {}
    formula_name = False
    for key, index in mapping.items():
        cell = cells[index] if index < size else None
        if key in _FORMULA_CHECKED and type(cell) is str and starts_like_formula(cell):
            if key == "full_name":
                formula_name = True
                issues.append(_problem_issue(key, "name.formula"))
            else:
                issues.append(_problem_issue(key, "text.formula"))
            cell = None  # the raw row keeps it as it was, for the rejected-rows workbook
        raw_cells[key] = cell
        if key not in TEMPLATE_KEYS:
            continue
        cell_values, json_values, cell_issues = _cells(key, cell)
        values.update(cell_values)
        normalized.update(json_values)
        if cell_issues:
            # The identifiers' issues come after the others, in template order.
            if key in _UNIQUE_PER_ROW:
                later[key] = cell_issues
            else:
                issues.extend(cell_issues)
    if later:
        for key in _UNIQUE_ORDER:
            issues.extend(later.get(key, ()))
    row = PreparedRow(
        number=number,
        raw=[c if type(c) is str else cell_text(c) for c in cells],
        normalized=normalized,
        fields={},
        issues=issues,
        unit_id=None,
        source_key="",
        card_number="",
        status=MemberStatus.FULL,
        rejected=False,
    )
    fields = row.fields

    def problem(field_name: str, code: str) -> None:
        issues.append(_problem_issue(field_name, code))

    name = _text(values.get("full_name"))
    if not name and not formula_name:
        problem("full_name", "name.missing")
    fields["full_name"] = name[:120]
    fields["search_name"], fields["sort_name"] = _name_keys(fields["full_name"])

    gender = _text(values.get("gender"))
    fields["gender"] = gender if gender in _GENDERS else ""

    birth = partial_parts(values.get("birth_date"))
    fields["birth_date"], fields["birth_date_precision"] = birth if birth else (None, "day")
    admitted = partial_parts(values.get("admitted_on"))
    full = partial_parts(values.get("full_member_on"))
    for key, parts in (("admitted_on", admitted), ("full_member_on", full)):
        fields[key] = parts[0] if parts else None
        if parts and parts[1] != "day":
            problem(key, "date.partial")

    for key in ("citizen_id", "phone", "email", "professional_qualification", "occupation"):
        fields[key] = _text(values.get(key))
    # Addresses keep the text as written (house and street, normalised); a match with a current
    # ward adds its code.
    for key in ("home_town", "permanent_address"):
        fields[key] = _text(values.get(key))
    address = values.get("permanent_address_admin")
    ward_code = getattr(address, "ward_code", None)
    if ward_code:
        fields["permanent_admin_code"] = str(ward_code)[:10]
        fields["permanent_admin_scheme"] = str(getattr(address, "scheme", "") or "new")[:10]

    # Codes of the reference lists come from normalisation, which also reports unknown names.
    fields["ethnicity"] = str(values.get("ethnicity_code") or "")
    fields["religion"] = str(values.get("religion_code") or "")
    theory = str(values.get("theory_level_code") or "")
    fields["theory_level"] = "" if theory == "none" else theory
    education = _text(values.get("general_education"))
    fields["general_education"] = education if _EDUCATION.fullmatch(education) else ""

    card = _text(values.get("card_number"))
    row.card_number = card[:20]
    if card:
        issues.extend(_card_problems(card))

    for key, limit in _TEXT_LIMITS.items():
        value = fields.get(key)
        if isinstance(value, str) and len(value) > limit:
            fields[key] = value[:limit]
            problem(key, "text.too_long")

    # Consistency rules of the member registry (the same functions the profile form uses).
    issues.extend(
        _date_problems(fields["birth_date"], fields["admitted_on"], fields["full_member_on"])
    )
    if fields["citizen_id"]:
        issues.extend(
            _citizen_id_issues(
                fields["citizen_id"],
                fields["gender"],
                fields["birth_date"].year if fields["birth_date"] else None,
            )
        )

    if fields["full_member_on"]:
        row.status = MemberStatus.FULL
    elif fields["admitted_on"]:
        row.status = MemberStatus.PROBATIONARY
    else:
        problem("admitted_on", "status.assumed")

    unit, unit_problem = units.resolve(
        _text(values.get("unit")) or cell_text(raw_cells.get("unit"))
    )
    if unit_problem:
        problem("unit", unit_problem)
    row.unit_id = unit.id if unit else None

    source_ref = cell_text(raw_cells.get("source_ref")).strip()
    if source_ref:
        row.source_key = f"ref:{source_ref}"[:160]
    elif row.card_number:
        row.source_key = f"card:{row.card_number}"
    else:
        problem("source_ref", "key.missing")

    row.rejected = any(i["code"] in REJECTING for i in issues)
    return row


@lru_cache(maxsize=256)
def _problem_issue(field_name: str, code: str) -> dict[str, str]:
    return _issue(field_name, code, _MESSAGES[code], ERROR if code in _ERRORS else WARNING)


def encode_rows(rows: Sequence[PreparedRow]) -> None:
    """Encode each row's raw and normalised values as JSON text (`PreparedRow.encoded`) and drop
    the normalised dict, which the writer then no longer needs (less to send between processes)."""
    for row in rows:
        row.encoded = (
            _dumps(row.raw, ensure_ascii=False),
            _dumps(row.normalized, ensure_ascii=False),
        )
        row.normalized = {}
