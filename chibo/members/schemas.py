"""Shapes of the members API. Which fields a caller may see is decided in `queries`, not here."""

from datetime import date, datetime

from ninja import Schema
from pydantic import Field

from chibo.core.bounds import Day


class MemberOut(Schema):
    id: int
    full_name: str
    gender: str
    birth_date: date | None
    birth_date_precision: str
    unit_code: str
    unit_name: str
    status: str
    card_number: str | None

    @staticmethod
    def resolve_unit_code(obj: object) -> str:
        return str(getattr(getattr(obj, "unit", None), "code", ""))

    @staticmethod
    def resolve_unit_name(obj: object) -> str:
        return str(getattr(getattr(obj, "unit", None), "name", ""))


class MemberPage(Schema):
    items: list[MemberOut]
    count: int


class MemberDetailOut(Schema):
    """The full record (form 2-HSĐV). `citizen_id` is present only when the caller may see it."""

    id: int
    full_name: str
    other_names: str
    gender: str
    birth_date: date | None
    birth_date_precision: str
    place_of_birth: str
    home_town: str
    permanent_address: str
    permanent_admin_code: str
    permanent_admin_scheme: str
    current_address: str
    current_admin_code: str
    current_admin_scheme: str
    ethnicity: str
    religion: str
    citizen_id: str | None = None
    phone: str
    email: str
    general_education: str
    professional_qualification: str
    theory_level: str
    occupation: str
    workplace: str
    party_position: str
    government_position: str
    card_number: str | None
    admitted_on: date | None
    admission_ceremony_on: date | None
    full_member_on: date | None
    sponsors: str
    status: str
    is_exempt: bool
    unit_code: str
    unit_name: str
    temporary_unit_code: str | None
    has_photo: bool


class MemberEventOut(Schema):
    id: int
    kind: str
    effective_on: date
    decision_number: str
    deciding_body: str
    from_unit: str | None
    to_unit: str | None
    recorded_at: datetime
    cancelled: bool

    @staticmethod
    def resolve_from_unit(obj: object) -> str | None:
        unit = getattr(obj, "from_unit", None)
        return unit.code if unit else None

    @staticmethod
    def resolve_to_unit(obj: object) -> str | None:
        unit = getattr(obj, "to_unit", None)
        return unit.code if unit else None

    @staticmethod
    def resolve_cancelled(obj: object) -> bool:
        return getattr(obj, "cancelled_at", None) is not None


class MemberEventPage(Schema):
    items: list[MemberEventOut]
    count: int


class CitizenIdLookupIn(Schema):
    citizen_id: str = Field(min_length=1, max_length=20)


class CitizenIdLookupOut(Schema):
    items: list[MemberOut]
    count: int


# --- statistics of a unit's subtree (/units/{code}/statistics, /units/{code}/changes) ----------


class BucketOut(Schema):
    key: str
    label: str
    count: int


class StatisticsOut(Schema):
    unit_code: str
    unit_name: str
    on: date
    total: int
    status: list[BucketOut]
    gender: list[BucketOut]
    age: list[BucketOut]
    party_age: list[BucketOut]
    ethnicity: list[BucketOut]
    education: list[BucketOut]
    theory: list[BucketOut]
    admissions_by_year: list[BucketOut]


class PeriodIn(Schema):
    start: Day = Field(..., alias="from", description="first day (YYYY-MM-DD)")
    end: Day = Field(..., alias="to", description="last day, included (YYYY-MM-DD)")


class ChangeCountOut(Schema):
    key: str
    label: str
    count: int


class ChangesOut(Schema):
    unit_code: str
    unit_name: str
    start: date = Field(..., alias="from")
    end: date = Field(..., alias="to")
    rows: list[ChangeCountOut]
