"""Forms of the training pages: they parse input only; the actions hold the rules."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CourseKind, CourseMode

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def _date(label: Any, *, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, input_formats=DATE_FORMATS, required=required)


class CourseForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại lớp"), choices=CourseKind.choices)
    title = forms.CharField(label=_("Tên lớp"), max_length=255)
    mode = forms.ChoiceField(label=_("Hình thức"), choices=CourseMode.choices)
    place = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)
    video_url = forms.CharField(label=_("Đường dẫn học trực tuyến"), max_length=500, required=False)
    starts_on = _date(_("Ngày khai giảng"))
    ends_on = _date(_("Ngày bế giảng (dự kiến)"))


class SessionForm(forms.Form):
    held_on = _date(_("Ngày học"))
    topic = forms.CharField(label=_("Chuyên đề"), max_length=255)
    teacher = forms.CharField(label=_("Giảng viên"), max_length=120, required=False)


class TeacherForm(forms.Form):
    full_name = forms.CharField(label=_("Họ tên giảng viên"), max_length=120)
    position = forms.CharField(label=_("Chức vụ, đơn vị"), max_length=255, required=False)


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Tên tài liệu"), max_length=255)
    document = forms.IntegerField(label=_("Văn bản trong kho"), required=False)
    file = forms.FileField(label=_("hoặc tệp tải lên"), required=False)


class EnrolForm(forms.Form):
    member = forms.IntegerField(label=_("Đảng viên"), required=False)
    full_name = forms.CharField(
        label=_("hoặc họ tên người học (chưa là đảng viên)"), max_length=120, required=False
    )
    birth_date = _date(_("Ngày sinh"), required=False)


class FinishForm(forms.Form):
    finished_on = _date(_("Ngày bế giảng"))


class QuizForm(forms.Form):
    campaign = forms.IntegerField(label=_("Bài kiểm tra (đợt học tập có câu hỏi)"))


class VerifyForm(forms.Form):
    number = forms.CharField(label=_("Số giấy chứng nhận"), max_length=80)
