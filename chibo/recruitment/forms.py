"""Forms of the recruitment pages: they parse input only; the actions hold the rules."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from chibo.members.models import Gender

from .models import Step

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def _date(label: Any, *, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, input_formats=DATE_FORMATS, required=required)


class CandidateForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=120)
    gender = forms.ChoiceField(label=_("Giới tính"), choices=Gender.choices)
    birth_date = _date(_("Ngày sinh"))
    general_education = forms.CharField(label=_("Giáo dục phổ thông (9/12, 12/12)"), max_length=10)
    occupation = forms.CharField(label=_("Nghề nghiệp"), max_length=120, required=False)


class StepForm(forms.Form):
    step = forms.ChoiceField(label=_("Bước"), choices=Step.choices)
    done_on = _date(_("Ngày thực hiện"))
    document_number = forms.CharField(label=_("Số văn bản"), max_length=60, required=False)
    document = forms.FileField(label=_("Tệp văn bản (PDF, ảnh)"), required=False)
    note = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea, required=False)
    certificate_number = forms.CharField(
        label=_("Số giấy chứng nhận lớp nhận thức về Đảng"), max_length=80, required=False
    )
    helper = forms.TypedChoiceField(
        label=_("Đảng viên giúp đỡ"), coerce=int, required=False, empty_value=None
    )
    sponsor1 = forms.TypedChoiceField(
        label=_("Người giới thiệu thứ nhất"), coerce=int, required=False, empty_value=None
    )
    sponsor1_since = _date(_("Cùng công tác từ ngày"), required=False)
    sponsor2 = forms.TypedChoiceField(
        label=_("Người giới thiệu thứ hai"), coerce=int, required=False, empty_value=None
    )
    sponsor2_since = _date(_("Cùng công tác từ ngày"), required=False)
    votes_for = forms.IntegerField(label=_("Số tán thành"), min_value=0, required=False)
    votes_of = forms.IntegerField(label=_("Trên tổng số"), min_value=0, required=False)
    deciding_body = forms.CharField(label=_("Cấp ủy quyết định"), max_length=255, required=False)
    received_on = _date(_("Ngày chi bộ nhận quyết định"), required=False)
    extended = forms.BooleanField(
        label=_("Cấp ủy đã gia hạn (tối đa 30 ngày làm việc)"), required=False
    )
    accept_late = forms.BooleanField(label=_("Ghi nhận quá hạn (ghi lý do)"), required=False)

    def __init__(self, *args: object, members: list[tuple[int, str]] | None = None, **kw: object):
        super().__init__(*args, **kw)  # type: ignore[arg-type]
        choices = [("", "—"), *(members or [])]
        for name in ("helper", "sponsor1", "sponsor2"):
            self.fields[name].choices = choices  # type: ignore[attr-defined]


class TargetForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    target = forms.IntegerField(label=_("Chỉ tiêu kết nạp"), min_value=0, max_value=100_000)


class AgeExceptionForm(forms.Form):
    number = forms.CharField(label=_("Số quyết định của cấp ủy cấp tỉnh"), max_length=60)
    on = _date(_("Ngày quyết định"))


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Lý do dừng xét"), max_length=500)


class EnrolForm(forms.Form):
    course = forms.IntegerField(label=_("Lớp học"))
