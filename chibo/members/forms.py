"""Forms parse and check input shape only; the rules live in `actions` (DESIGN.md house rule 5)."""

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .actions import EDITABLE_FIELDS
from .models import AdminScheme, DatePrecision, EventKind, Gender, TheoryLevel
from .rules import ETHNIC_GROUPS, PartialDate

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
_DATE_WIDGET = {"format": "%d/%m/%Y", "attrs": {"placeholder": "dd/mm/yyyy"}}
ETHNICITY_CHOICES = [("", "—"), *((g.code, g.name) for g in ETHNIC_GROUPS)]
# Events recorded from the profile; admission has its own page (a new record).
EVENT_CHOICES = [(k.value, k.label) for k in EventKind if k != EventKind.ADMISSION]
# Events that name the branch the member goes to (or comes back to).
EVENTS_WITH_UNIT = frozenset(
    {
        EventKind.TRANSFER_OUT,
        EventKind.TRANSFER_IN,
        EventKind.TEMPORARY_OUT,
        EventKind.READMISSION,
    }
)


def _date_field(label: Any, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(**_DATE_WIDGET),  # type: ignore[arg-type]
    )


def _text(label: Any, max_length: int) -> forms.CharField:
    return forms.CharField(label=label, max_length=max_length, required=False)


class _BirthMixin:
    """Birth date as dd/mm/yyyy, mm/yyyy or yyyy (old records lack the day)."""

    cleaned_data: dict[str, Any]

    def clean_birth(self) -> PartialDate | None:
        raw = (self.cleaned_data.get("birth") or "").strip()
        if not raw:
            return None
        try:
            return PartialDate.parse(raw)
        except ValueError:
            raise forms.ValidationError(
                _("Ngày sinh ghi theo dạng dd/mm/yyyy, mm/yyyy hoặc yyyy.")
            ) from None


def birth_text(birth: date | None, precision: str) -> str:
    """The birth date as the record knows it: dd/mm/yyyy, mm/yyyy or yyyy."""
    if birth is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{birth.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{birth.month:02d}/{birth.year:04d}"
    return birth.strftime("%d/%m/%Y")


def birth_fields(birth: PartialDate | None) -> dict[str, Any]:
    """A partial birth date as the model stores it: the earliest day and its precision."""
    if birth is None:
        return {"birth_date": None, "birth_date_precision": DatePrecision.DAY}
    precision = (
        DatePrecision.DAY
        if birth.day is not None
        else DatePrecision.MONTH
        if birth.month is not None
        else DatePrecision.YEAR
    )
    return {"birth_date": birth.earliest(), "birth_date_precision": precision}


class MemberForm(_BirthMixin, forms.Form):
    """The profile fields of form 2-HSĐV that `actions.update_member` edits."""

    full_name = forms.CharField(label=_("Họ và tên"), max_length=120)
    other_names = _text(_("Tên gọi khác"), 120)
    gender = forms.ChoiceField(label=_("Giới tính"), choices=Gender.choices)
    birth = forms.CharField(
        label=_("Ngày sinh"),
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "dd/mm/yyyy"}),
        help_text=_("Có thể chỉ ghi tháng/năm hoặc năm."),
    )
    citizen_id = forms.RegexField(
        label=_("Số CCCD"),
        regex=r"^\d{12}$",
        required=False,
        error_messages={"invalid": _("Số CCCD gồm 12 chữ số.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    ethnicity = forms.ChoiceField(label=_("Dân tộc"), choices=ETHNICITY_CHOICES, required=False)
    religion = _text(_("Tôn giáo"), 40)
    place_of_birth = _text(_("Nơi sinh"), 255)
    home_town = _text(_("Quê quán"), 255)
    permanent_address = _text(_("Nơi thường trú"), 255)
    permanent_admin_code = _text(_("Mã đơn vị hành chính thường trú"), 10)
    permanent_admin_scheme = forms.ChoiceField(
        label=_("Loại mã thường trú"), choices=[("", "—"), *AdminScheme.choices], required=False
    )
    current_address = _text(_("Nơi ở hiện nay"), 255)
    current_admin_code = _text(_("Mã đơn vị hành chính nơi ở"), 10)
    current_admin_scheme = forms.ChoiceField(
        label=_("Loại mã nơi ở"), choices=[("", "—"), *AdminScheme.choices], required=False
    )
    phone = _text(_("Số điện thoại"), 20)
    email = forms.EmailField(label=_("E-mail"), required=False)
    general_education = _text(_("Giáo dục phổ thông"), 10)
    professional_qualification = _text(_("Trình độ chuyên môn"), 120)
    theory_level = forms.ChoiceField(
        label=_("Lý luận chính trị"), choices=TheoryLevel.choices, required=False
    )
    occupation = _text(_("Nghề nghiệp"), 120)
    workplace = _text(_("Nơi làm việc"), 255)
    party_position = _text(_("Chức vụ Đảng"), 120)
    government_position = _text(_("Chức vụ chính quyền, đoàn thể"), 120)
    card_number = _text(_("Số thẻ đảng viên"), 20)
    sponsors = _text(_("Người giới thiệu"), 255)

    def __init__(self, *args: Any, with_sensitive: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not with_sensitive:
            del self.fields["citizen_id"]

    @classmethod
    def initial_for(cls, member: Any, *, with_sensitive: bool) -> dict[str, Any]:
        data = {
            name: getattr(member, name) or ""
            for name in EDITABLE_FIELDS
            if name not in ("birth_date", "birth_date_precision")
        }
        if not with_sensitive:
            data.pop("citizen_id", None)
        data["birth"] = birth_text(member.birth_date, member.birth_date_precision)
        return data

    def changes(self) -> dict[str, Any]:
        """The fields the user changed, as `update_member` takes them."""
        changed: dict[str, Any] = {}
        for name in self.changed_data:
            if name == "birth":
                changed.update(birth_fields(self.cleaned_data["birth"]))
            elif name == "card_number":
                changed[name] = self.cleaned_data[name].strip() or None
            else:
                changed[name] = self.cleaned_data[name]
        return changed


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Biến động"), choices=EVENT_CHOICES)
    effective_on = _date_field(_("Ngày hiệu lực"))
    decision_number = _text(_("Số quyết định"), 60)
    deciding_body = _text(_("Cơ quan quyết định"), 255)
    to_unit = forms.CharField(
        label=_("Mã chi bộ đến"),
        max_length=40,
        required=False,
        help_text=_("Khi chuyển sinh hoạt, tiếp nhận hoặc kết nạp lại."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") in EVENTS_WITH_UNIT and not (data.get("to_unit") or "").strip():
            self.add_error("to_unit", _("Nhập mã chi bộ."))
        return data


class AdmitForm(forms.Form):
    """The key fields of an admission (the rest of the record is filled in on the profile)."""

    unit = forms.CharField(label=_("Mã chi bộ"), max_length=40)
    full_name = forms.CharField(label=_("Họ và tên"), max_length=120)
    gender = forms.ChoiceField(label=_("Giới tính"), choices=Gender.choices)
    birth_date = _date_field(_("Ngày sinh"))
    citizen_id = MemberForm.base_fields["citizen_id"]
    ethnicity = MemberForm.base_fields["ethnicity"]
    place_of_birth = _text(_("Nơi sinh"), 255)
    home_town = _text(_("Quê quán"), 255)
    decision_on = _date_field(_("Ngày quyết định kết nạp"))
    decision_number = _text(_("Số quyết định"), 60)
    deciding_body = _text(_("Cơ quan quyết định"), 255)
    ceremony_on = _date_field(_("Ngày lễ kết nạp"), required=False)
    sponsors = _text(_("Người giới thiệu"), 255)

    def __init__(self, *args: Any, with_sensitive: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not with_sensitive:
            del self.fields["citizen_id"]

    def profile(self) -> dict[str, Any]:
        """Profile fields for `admit_member(**profile)`: only those filled in."""
        keys = ("citizen_id", "ethnicity", "place_of_birth", "home_town", "sponsors")
        return {k: self.cleaned_data[k] for k in keys if self.cleaned_data.get(k)}
