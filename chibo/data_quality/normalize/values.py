"""Value types of the normalisation functions: an issue, a normalised value beside its raw text,
partial dates, decoded files and address matches."""

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from django.utils.functional import Promise

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem found while normalising a field; `message` is Vietnamese (gettext_lazy)."""

    field: str
    code: str
    message: str | Promise
    severity: Severity = "warning"


@dataclass(frozen=True, slots=True)
class Normalized[T]:
    """A normalised value beside the raw text it came from.

    `value` is None when the raw text is empty or could not be normalised (an issue says which);
    `changed` is True when the normalised form differs from the raw text.
    """

    value: T | None
    raw: str
    issues: tuple[Issue, ...] = ()
    changed: bool = False


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A date of which old records may know only the year, or the month and the year."""

    year: int
    month: int | None = None
    day: int | None = None

    def to_date(self) -> date:
        """The date itself, or the first day of the month or year it names."""
        return date(self.year, self.month or 1, self.day or 1)

    def precision(self) -> str:
        """The `chibo.members.models.DatePrecision` value: "day", "month" or "year"."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def __str__(self) -> str:
        if self.day is not None and self.month is not None:
            return f"{self.day:02d}/{self.month:02d}/{self.year:04d}"
        if self.month is not None:
            return f"{self.month:02d}/{self.year:04d}"
        return f"{self.year:04d}"


@dataclass(frozen=True, slots=True)
class Decoded:
    """A whole file's text and how it was encoded ("utf-8", "cp1258", "tcvn3", "utf-8+vni"...)."""

    text: str
    encoding: str


# The scheme of the codes: the value of chibo.org.models.AdminCodeScheme.POST_2025, so a match can
# be stored as it is in Member.permanent_admin_code / permanent_admin_scheme.
POST_2025 = "post_2025"


@dataclass(frozen=True, slots=True)
class AddressMatch:
    """The current (from 1 July 2025) province and ward of an address.

    Codes are written as OrgUnit.admin_code writes them (the integer code as text, "26734").
    `ward_code` is "" when the text names only a province (a home town such as "Nghệ An").
    """

    province_code: str
    ward_code: str
    label: str
    scheme: str = POST_2025


@dataclass(slots=True)
class NormalizedRow:
    """One imported row: normalised values by canonical key, the raw text, and the issues."""

    values: dict[str, object] = field(default_factory=dict)
    raw: dict[str, str] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return any(i.severity == "error" for i in self.issues)
