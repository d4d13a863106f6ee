"""Forms parse and check input shape only; the rules live in `actions`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import UnitKind

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class _Dated(forms.Form):
    effective_on = forms.DateField(
        label=_("Ngày hiệu lực"),
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
    )
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60, required=False)


class CreateUnitForm(forms.Form):
    code = forms.CharField(label=_("Mã đơn vị"), max_length=40)
    name = forms.CharField(label=_("Tên đơn vị"), max_length=255)
    kind = forms.ChoiceField(label=_("Loại tổ chức"), choices=UnitKind.choices)
    founded_on = forms.DateField(
        label=_("Ngày thành lập"),
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
    )
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60, required=False)


class RenameForm(_Dated):
    name = forms.CharField(label=_("Tên mới"), max_length=255)


class MoveForm(_Dated):
    new_parent = forms.CharField(label=_("Mã đơn vị cấp trên mới"), max_length=40)


class MergeForm(_Dated):
    survivor = forms.CharField(label=_("Mã đơn vị tiếp nhận"), max_length=40)


class DissolveForm(_Dated):
    reason = forms.CharField(
        label=_("Lý do"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Tìm đơn vị"), max_length=100, required=False)
