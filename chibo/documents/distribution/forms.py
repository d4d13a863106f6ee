"""Forms of distribution: input shape only; the rules are in `actions`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Audience

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class DistributeForm(forms.Form):
    unit = forms.CharField(
        label=_("Gửi tới đơn vị"),
        max_length=40,
        widget=forms.TextInput(
            attrs={"data-unit-picker": "", "placeholder": _("gõ tên hoặc mã đơn vị")}
        ),
    )
    audience = forms.ChoiceField(
        label=_("Đối tượng"), choices=Audience.choices, initial=Audience.ALL_MEMBERS
    )
    deadline = forms.DateField(
        label=_("Hạn đọc"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
    )
    note = forms.CharField(
        label=_("Ghi chú"), required=False, max_length=2000, widget=forms.Textarea({"rows": 2})
    )
