"""Forms of the campaign pages: shape only; the rules live in the actions."""

from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from chibo.members.actions import EDITABLE_FIELDS
from chibo.members.forms import MemberForm, birth_text

from ..normalize.phones import normalize_phone

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
_DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})


class CampaignForm(forms.Form):
    name = forms.CharField(label=_("Tên đợt"), max_length=200)
    unit = forms.CharField(label=_("Mã đơn vị"), max_length=40)
    starts_on = forms.DateField(
        label=_("Ngày bắt đầu"), input_formats=DATE_FORMATS, widget=_DATE_WIDGET
    )
    ends_on = forms.DateField(
        label=_("Ngày kết thúc"), input_formats=DATE_FORMATS, widget=_DATE_WIDGET
    )

    @classmethod
    def initial_for(cls, unit_code: str) -> dict[str, Any]:
        today = date.today()
        return {
            "name": _("Làm sạch dữ liệu đảng viên năm %(year)s") % {"year": today.year},
            "unit": unit_code,
            "starts_on": today,
            "ends_on": today + timedelta(days=60),
        }


# A failing test names a model field; the profile form edits some of them under another name.
FORM_FIELD_OF = {"birth_date": "birth", "birth_date_precision": "birth"}


def fixable_fields(failing: list[str], *, with_sensitive: bool) -> list[str]:
    """The form fields that edit the failing model fields (dates of events are not among them:
    they change through the member's life events on the profile)."""
    names: dict[str, None] = {}
    for name in failing:
        if name not in EDITABLE_FIELDS:
            continue
        if name == "citizen_id" and not with_sensitive:
            continue
        names.setdefault(FORM_FIELD_OF.get(name, name), None)
    return list(names)


class FixForm(MemberForm):
    """The registry's profile form cut down to the fields a record fails on."""

    def __init__(self, *args: Any, fields: list[str], with_sensitive: bool, **kwargs: Any) -> None:
        super().__init__(*args, with_sensitive=with_sensitive, **kwargs)
        for name in list(self.fields):
            if name not in fields:
                del self.fields[name]
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", f"{css} {css}-sm")

    def clean_phone(self) -> str:
        """Validated before anything is saved (issue 17: the inline fix stored "09x" and only
        then flagged it): a number that is no phone number is refused beside the field, and a
        valid one is saved in its one house form."""
        value = self.cleaned_data.get("phone") or ""
        if not value.strip():
            return ""
        result = normalize_phone(value)
        if result.value is None:
            errors = [i.message for i in result.issues if i.severity == "error"]
            message = str(errors[0]) if errors else str(_("Số điện thoại không hợp lệ."))
            raise forms.ValidationError(message, code="invalid")
        return result.value

    @staticmethod
    def current_values(member: Any, *, with_sensitive: bool) -> dict[str, Any]:
        return MemberForm.initial_for(member, with_sensitive=with_sensitive)

    @staticmethod
    def suggested_values(
        member: Any, normal: dict[str, str], *, with_sensitive: bool
    ) -> dict[str, Any]:
        """The current values with the normalised form proposed where a value is unclean."""
        values = MemberForm.initial_for(member, with_sensitive=with_sensitive)
        values["birth"] = birth_text(member.birth_date, member.birth_date_precision)
        for name, value in normal.items():
            if name in values:
                values[name] = value
        return values
