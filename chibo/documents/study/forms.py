"""Forms of study campaigns: input shape only; the rules are in `actions` and `quiz`."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..distribution.forms import DATE_FORMATS
from ..models import Audience


def _date(label: Any, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
    )


QUIZ_HELP = _(
    "Mỗi câu hỏi một khối, các khối cách nhau một dòng trống. Dòng đầu là câu hỏi; mỗi "
    "phương án một dòng, bắt đầu bằng * (phương án đúng, đúng một) hoặc - (phương án sai)."
)


class CampaignForm(forms.Form):
    title = forms.CharField(label=_("Tên đợt học tập"), max_length=255)
    unit = forms.CharField(
        label=_("Đơn vị"),
        max_length=40,
        widget=forms.TextInput(
            attrs={"data-unit-picker": "", "placeholder": _("gõ tên hoặc mã đơn vị")}
        ),
    )
    documents = forms.CharField(
        label=_("Văn bản (số, ký hiệu hoặc mã số, cách nhau dấu phẩy)"), max_length=500
    )
    audience = forms.ChoiceField(
        label=_("Đối tượng"), choices=Audience.choices, initial=Audience.ALL_MEMBERS
    )
    starts_on = _date(_("Ngày bắt đầu"))
    deadline = _date(_("Hạn hoàn thành"))
    description = forms.CharField(
        label=_("Nội dung, yêu cầu"),
        required=False,
        max_length=5000,
        widget=forms.Textarea({"rows": 3}),
    )
    with_quiz = forms.BooleanField(label=_("Có bài kiểm tra trắc nghiệm"), required=False)
    pass_mark = forms.IntegerField(
        label=_("Điểm đạt (%)"), min_value=1, max_value=100, initial=70, required=False
    )
    max_attempts = forms.IntegerField(
        label=_("Số lần làm tối đa"), min_value=1, max_value=20, initial=3, required=False
    )
    questions = forms.CharField(
        label=_("Câu hỏi"),
        required=False,
        max_length=50_000,
        help_text=QUIZ_HELP,
        widget=forms.Textarea({"rows": 10}),
    )


class SessionForm(forms.Form):
    unit = forms.CharField(
        label=_("Đơn vị tổ chức"),
        max_length=40,
        widget=forms.TextInput(
            attrs={"data-unit-picker": "", "placeholder": _("gõ tên hoặc mã đơn vị")}
        ),
    )
    held_on = _date(_("Ngày"))
    held_time = forms.TimeField(label=_("Giờ"), input_formats=["%H:%M"], initial="08:00")
    place = forms.CharField(label=_("Địa điểm"), max_length=255)
    meeting_id = forms.IntegerField(
        label=_("Mã buổi sinh hoạt chi bộ (nếu học trong buổi sinh hoạt)"),
        required=False,
        min_value=1,
    )


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Tên tài liệu"), max_length=255)
    url = forms.URLField(label=_("Đường dẫn"), required=False, max_length=500)
    file = forms.FileField(label=_("Hoặc tệp PDF, DOCX"), required=False)
