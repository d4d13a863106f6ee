"""Forms of the registry pages: they parse input shape only; rules live in `actions`."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import DocumentKind

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
_DATE_WIDGET = {"format": "%d/%m/%Y", "attrs": {"placeholder": "dd/mm/yyyy"}}
_ANY = [("", _("Tất cả"))]
IN_FORCE_CHOICES = [("", _("Tất cả")), ("yes", _("Còn hiệu lực")), ("no", _("Hết hiệu lực"))]


def _date(label: Any, *, required: bool = False) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(**_DATE_WIDGET),  # type: ignore[arg-type]
    )


class DocumentFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm trong số, trích yếu, tóm tắt, nội dung"), required=False)
    kind = forms.ChoiceField(
        label=_("Loại văn bản"), required=False, choices=[*_ANY, *DocumentKind.choices]
    )
    issuer = forms.CharField(label=_("Cơ quan ban hành"), required=False, max_length=20)
    year = forms.IntegerField(label=_("Năm ban hành"), required=False, min_value=1, max_value=9999)
    in_force = forms.ChoiceField(label=_("Hiệu lực"), required=False, choices=IN_FORCE_CHOICES)

    def __init__(self, *args: Any, issuers: list[tuple[str, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.issuers = list(issuers)


class DocumentForm(forms.Form):
    unit = forms.ChoiceField(label=_("Đơn vị đăng ký"))
    kind = forms.ChoiceField(label=_("Loại văn bản"), choices=DocumentKind.choices)
    number = forms.CharField(
        label=_("Số, ký hiệu"),
        max_length=60,
        help_text=_("Theo mẫu số-ký hiệu loại/cơ quan ban hành, ví dụ 57-NQ/TW, 42-HD/BTCTW."),
    )
    issued_on = _date(_("Ngày ban hành"), required=True)
    title = forms.CharField(label=_("Trích yếu (tên văn bản)"), max_length=500)
    summary = forms.CharField(
        label=_("Tóm tắt"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    in_force_from = _date(_("Có hiệu lực từ ngày"))
    expires_on = _date(_("Hết hiệu lực từ ngày"))
    replaces = forms.CharField(
        label=_("Thay thế văn bản (số, ký hiệu)"),
        required=False,
        max_length=300,
        help_text=_("Cách nhau bằng dấu phẩy, ví dụ 232-QĐ/TW."),
    )
    classified = forms.BooleanField(
        label=_("Văn bản mật (không phát hành lên Sổ tay đảng viên)"), required=False
    )

    def __init__(self, *args: Any, units: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = units  # type: ignore[attr-defined]
        for name, field in self.fields.items():
            css = "form-check-input" if name == "classified" else "form-control"
            if isinstance(field, forms.ChoiceField):
                css = "form-select"
            field.widget.attrs.setdefault("class", css)
