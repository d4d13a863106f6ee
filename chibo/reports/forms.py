"""Forms of the report pages: they parse input only; the actions hold the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from chibo.org.models import UnitKind

from .models import Importance, IndicatorSource, Operator, PeriodKind

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class TemplateForm(forms.Form):
    name = forms.CharField(label=_("Tên mẫu báo cáo"), max_length=200)
    description = forms.CharField(label=_("Mô tả"), widget=forms.Textarea, required=False)


class IndicatorForm(forms.Form):
    source = forms.ChoiceField(label=_("Nguồn số liệu"), choices=IndicatorSource.choices)
    computed_code = forms.ChoiceField(label=_("Chỉ tiêu tính tự động"), required=False)
    code = forms.CharField(label=_("Mã chỉ tiêu (chữ không dấu)"), max_length=40, required=False)
    label = forms.CharField(label=_("Tên chỉ tiêu"), max_length=200, required=False)
    formula = forms.CharField(
        label=_("Công thức (vd: admitted * 100 / candidates)"), max_length=300, required=False
    )

    def __init__(self, *args: object, catalogue: list[tuple[str, str]] = (), **kw: object) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kw)  # type: ignore[arg-type]
        self.fields["computed_code"].choices = [("", "—"), *catalogue]  # type: ignore[attr-defined]


class SectionForm(forms.Form):
    title = forms.CharField(label=_("Tên phần nội dung"), max_length=200)
    guidance = forms.CharField(label=_("Hướng dẫn viết"), widget=forms.Textarea, required=False)


class RuleForm(forms.Form):
    name = forms.CharField(label=_("Tên quy tắc"), max_length=200)
    left = forms.CharField(label=_("Vế trái"), max_length=300)
    operator = forms.ChoiceField(label=_("So sánh"), choices=Operator.choices)
    right = forms.CharField(label=_("Vế phải"), max_length=300)
    importance = forms.ChoiceField(label=_("Mức độ"), choices=Importance.choices, initial="medium")
    blocks_submission = forms.BooleanField(
        label=_("Sai thì không cho gửi"), required=False, initial=True
    )


class RequestForm(forms.Form):
    template = forms.TypedChoiceField(label=_("Mẫu báo cáo"), coerce=int)
    period_kind = forms.ChoiceField(
        label=_("Kỳ báo cáo"), choices=PeriodKind.choices, initial="quarter"
    )
    year = forms.IntegerField(label=_("Năm"), min_value=1990, max_value=2100, required=False)
    number = forms.IntegerField(
        label=_("Kỳ thứ (tháng, quý, 6 tháng)"), min_value=1, max_value=12, required=False
    )
    period_start = forms.DateField(
        label=_("Từ ngày (đột xuất)"), input_formats=DATE_FORMATS, required=False
    )
    period_end = forms.DateField(
        label=_("Đến ngày (đột xuất)"), input_formats=DATE_FORMATS, required=False
    )
    deadline = forms.DateField(label=_("Hạn nộp"), input_formats=DATE_FORMATS)
    target_kind = forms.ChoiceField(
        label=_("Gửi tới"),
        choices=[("", _("Các tổ chức trực thuộc"))]
        + [
            (k, _("Mọi %(kind)s trong đảng bộ") % {"kind": str(label).lower()})
            for k, label in UnitKind.choices
            if k not in ("central", "provincial_committee")
        ],
        required=False,
    )
    title = forms.CharField(label=_("Tiêu đề (để trống: tự đặt)"), max_length=255, required=False)
    document_number = forms.CharField(label=_("Số công văn"), max_length=40, required=False)


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("Lý do trả lại"), widget=forms.Textarea, max_length=2000)
