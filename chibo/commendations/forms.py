"""Forms of the commendations pages (shape and parse; the actions check the rules)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def _date(label: Any) -> forms.DateField:
    return forms.DateField(label=label, input_formats=DATE_FORMATS)


class SubjectForm(forms.Form):
    kind = forms.ChoiceField(label=_("Hình thức"))
    member = forms.TypedChoiceField(
        label=_("Đảng viên"), required=False, coerce=int, empty_value=None
    )
    organisation = forms.ChoiceField(label=_("hoặc tổ chức đảng"), required=False)
    badge_years = forms.IntegerField(
        label=_("Huy hiệu: số năm tuổi đảng"), required=False, min_value=1, max_value=100
    )

    def __init__(
        self,
        *args: Any,
        kinds: list[tuple[str, str]],
        members: list[tuple[int, str]],
        organisations: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds  # type: ignore[attr-defined]
        self.fields["member"].choices = [("", "—"), *members]  # type: ignore[attr-defined]
        self.fields["organisation"].choices = [("", "—"), *organisations]  # type: ignore[attr-defined]


class AwardForm(SubjectForm):
    deciding_body = forms.CharField(label=_("Cấp quyết định"), max_length=255, required=False)
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60, required=False)
    decided_on = _date(_("Ngày quyết định"))
    reason = forms.CharField(
        label=_("Thành tích, lý do"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ProposalForm(SubjectForm):
    reason = forms.CharField(
        label=_("Thành tích, lý do đề nghị"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Quyết định"),
        choices=[
            ("approve", _("Khen thưởng")),
            ("refuse", _("Không khen thưởng")),
            ("forward", _("Chuyển lên cấp trên")),
        ],
    )
    deciding_body = forms.CharField(label=_("Cấp quyết định"), max_length=255, required=False)
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60, required=False)
    note = forms.CharField(
        label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class CampaignForm(forms.Form):
    title = forms.CharField(label=_("Tên phong trào"), max_length=255)
    starts_on = _date(_("Từ ngày"))
    ends_on = _date(_("Đến ngày"))
    criteria = forms.CharField(label=_("Tiêu chí"), widget=forms.Textarea(attrs={"rows": 3}))


class ProjectForm(forms.Form):
    unit = forms.ChoiceField(label=_("Đơn vị đăng ký"))
    member = forms.TypedChoiceField(
        label=_("Đảng viên (nếu là phần việc cá nhân)"),
        required=False,
        coerce=int,
        empty_value=None,
    )
    title = forms.CharField(label=_("Tên công trình, phần việc"), max_length=255)
    target = forms.CharField(
        label=_("Chỉ tiêu"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(
        self, *args: Any, units: list[tuple[str, str]], members: list[tuple[int, str]], **kw: Any
    ) -> None:
        super().__init__(*args, **kw)
        self.fields["unit"].choices = units  # type: ignore[attr-defined]
        self.fields["member"].choices = [("", "—"), *members]  # type: ignore[attr-defined]


class ProjectStepForm(forms.Form):
    op = forms.ChoiceField(
        choices=[
            ("progress", "progress"),
            ("complete", "complete"),
            ("fail", "fail"),
            ("commend", "commend"),
        ]
    )
    percent = forms.IntegerField(required=False, min_value=0, max_value=100)
    note = forms.CharField(required=False, max_length=2000)
    kind = forms.CharField(required=False, max_length=40)
    deciding_body = forms.CharField(required=False, max_length=255)
    decision_number = forms.CharField(required=False, max_length=60)
