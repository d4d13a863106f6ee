"""The filters of the read report: unit code, period (dd/mm/yyyy), reader's username."""

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from chibo.core.bounds import in_range

from .queries import ReadFilters

DAY_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class BoundedDayField(forms.DateField):
    def clean(self, value: Any) -> date | None:
        day = super().clean(value)
        if day is not None and not in_range(day):
            raise forms.ValidationError(_("Ngày không hợp lệ."))
        return day


class ReadFilterForm(forms.Form):
    unit = forms.CharField(label=_("Mã đơn vị"), max_length=40, required=False)
    reader = forms.CharField(label=_("Người xem (tên đăng nhập)"), max_length=150, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The period's fields are named "from" and "to" on the page and in the API ("from" is a
        # Python keyword, so they are added here rather than declared).
        self.fields["from"] = BoundedDayField(
            label=_("Từ ngày"), input_formats=DAY_FORMATS, required=False
        )
        self.fields["to"] = BoundedDayField(
            label=_("Đến ngày"), input_formats=DAY_FORMATS, required=False
        )
        self.order_fields(["unit", "from", "to", "reader"])

    def filters(self) -> ReadFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return ReadFilters(
            unit_code=(data.get("unit") or "").strip(),
            start=data.get("from"),
            end=data.get("to"),
            reader=(data.get("reader") or "").strip(),
        )
