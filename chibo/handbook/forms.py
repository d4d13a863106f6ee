from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CorrectionField


class CorrectionForm(forms.Form):
    field = forms.ChoiceField(label=_("Thông tin cần sửa"), choices=CorrectionField.choices)
    proposed_value = forms.CharField(
        label=_("Đề nghị sửa thành"),
        max_length=255,
        help_text=_("Ngày ghi dd/mm/yyyy (hoặc mm/yyyy, yyyy nếu chỉ biết tháng, năm)."),
    )
    note = forms.CharField(
        label=_("Ghi chú, căn cứ"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ví dụ: theo quyết định kết nạp số …, theo CCCD cấp ngày …"),
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do không chấp nhận"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class AcceptForm(forms.Form):
    note = forms.CharField(
        label=_("Ghi chú"), required=False, max_length=2000, widget=forms.TextInput()
    )


class QuestionForm(forms.Form):
    subject = forms.CharField(label=_("Tiêu đề"), max_length=200)
    body = forms.CharField(
        label=_("Nội dung ý kiến, câu hỏi"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Nội dung"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
