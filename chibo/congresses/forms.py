"""Forms of the congress pages: they parse input only; the actions hold the rules."""

from datetime import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import (
    CheckInMethod,
    CommitteeKind,
    CommitteeRole,
    CongressKind,
    CredentialsStatus,
    DelegateBasis,
    DelegateKind,
    Exclusion,
    RequestKind,
    RequestStatus,
    SessionKind,
)

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
TIME_FORMATS = ["%H:%M"]


def local_datetime(day: Any, time: Any) -> datetime:
    return datetime.combine(day, time, tzinfo=timezone.get_current_timezone())


class CongressForm(forms.Form):
    unit = forms.CharField(label=_("Mã đơn vị"), max_length=40)
    kind = forms.ChoiceField(label=_("Hình thức"), choices=CongressKind.choices)
    title = forms.CharField(label=_("Tên đại hội"), max_length=255)
    term_start = forms.IntegerField(label=_("Nhiệm kỳ từ năm"), min_value=2000, max_value=2100)
    term_end = forms.IntegerField(label=_("đến năm"), min_value=2000, max_value=2100)
    starts_on = forms.DateField(label=_("Ngày khai mạc"), input_formats=DATE_FORMATS)
    ends_on = forms.DateField(label=_("Ngày bế mạc"), input_formats=DATE_FORMATS)
    cutoff_on = forms.DateField(
        label=_("Ngày chốt danh sách đảng viên"), input_formats=DATE_FORMATS
    )
    place = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)
    planned_delegates = forms.IntegerField(
        label=_("Số đại biểu chính thức được triệu tập"), min_value=0, required=False
    )


class StatusForm(forms.Form):
    status = forms.CharField(max_length=12)


class SessionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại phiên"), choices=SessionKind.choices)
    title = forms.CharField(label=_("Tên phiên"), max_length=255, required=False)
    day = forms.DateField(label=_("Ngày"), input_formats=DATE_FORMATS)
    start = forms.TimeField(label=_("Bắt đầu"), input_formats=TIME_FORMATS)
    end = forms.TimeField(label=_("Kết thúc"), input_formats=TIME_FORMATS)

    def times(self) -> tuple[datetime, datetime]:
        d = self.cleaned_data
        return local_datetime(d["day"], d["start"]), local_datetime(d["day"], d["end"])


class CommitteeForm(forms.Form):
    committee = forms.ChoiceField(label=_("Ban"), choices=CommitteeKind.choices)
    delegate = forms.TypedChoiceField(label=_("Đại biểu"), coerce=int)
    role = forms.ChoiceField(label=_("Vai trò"), choices=CommitteeRole.choices)

    def __init__(self, *args: Any, delegates: list[tuple[int, str]] | None = None, **kw: Any):
        super().__init__(*args, **kw)
        self.fields["delegate"].choices = delegates or []  # type: ignore[attr-defined]


class AgendaForm(forms.Form):
    title = forms.CharField(label=_("Nội dung"), max_length=255)
    presenter = forms.CharField(label=_("Người trình bày"), max_length=120, required=False)
    session = forms.TypedChoiceField(label=_("Phiên"), coerce=int, required=False, empty_value=None)
    start = forms.TimeField(label=_("Giờ dự kiến"), input_formats=TIME_FORMATS, required=False)
    duration_minutes = forms.IntegerField(
        label=_("Thời lượng (phút)"), min_value=1, max_value=600, initial=15
    )

    def __init__(self, *args: Any, sessions: list[tuple[int, str]] | None = None, **kw: Any):
        super().__init__(*args, **kw)
        self.fields["session"].choices = [("", "—"), *(sessions or [])]  # type: ignore[attr-defined]


class CurrentItemForm(forms.Form):
    item = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)

    def __init__(self, *args: Any, items: list[tuple[int, str]] | None = None, **kw: Any):
        super().__init__(*args, **kw)
        self.fields["item"].choices = [("", "—"), *(items or [])]  # type: ignore[attr-defined]


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Tên tài liệu"), max_length=255)
    summary = forms.CharField(label=_("Tóm tắt"), max_length=500, required=False)
    body = forms.CharField(label=_("Nội dung"), widget=forms.Textarea, required=False)
    is_classified = forms.BooleanField(label=_("Tài liệu mật (chỉ phát bản giấy)"), required=False)
    officials_only = forms.BooleanField(label=_("Chỉ đại biểu chính thức"), required=False)


class DelegateForm(forms.Form):
    member = forms.TypedChoiceField(label=_("Đảng viên"), coerce=int)
    kind = forms.ChoiceField(
        label=_("Loại đại biểu"),
        choices=[(k.value, k.label) for k in (DelegateKind.OFFICIAL, DelegateKind.ALTERNATE)],
    )
    basis = forms.ChoiceField(
        label=_("Tư cách"),
        choices=[
            (b.value, b.label)
            for b in (DelegateBasis.ELECTED, DelegateBasis.EX_OFFICIO, DelegateBasis.APPOINTED)
        ],
    )

    def __init__(self, *args: Any, members: list[tuple[int, str]] | None = None, **kw: Any):
        super().__init__(*args, **kw)
        self.fields["member"].choices = members or []  # type: ignore[attr-defined]


class CredentialsForm(forms.Form):
    status = forms.ChoiceField(
        choices=[(CredentialsStatus.ACCEPTED, ""), (CredentialsStatus.REJECTED, "")]
    )
    credentials_note = forms.CharField(max_length=255, required=False)


class ExclusionForm(forms.Form):
    exclusion = forms.ChoiceField(choices=Exclusion.choices, required=False)
    exclusion_note = forms.CharField(max_length=255, required=False)


class SubstituteForm(forms.Form):
    official = forms.TypedChoiceField(label=_("Đại biểu chính thức vắng"), coerce=int)
    alternate = forms.TypedChoiceField(label=_("Đại biểu dự khuyết thay"), coerce=int)
    reason = forms.CharField(label=_("Lý do"), max_length=255)

    def __init__(
        self,
        *args: Any,
        officials: list[tuple[int, str]] | None = None,
        alternates: list[tuple[int, str]] | None = None,
        **kw: Any,
    ):
        super().__init__(*args, **kw)
        self.fields["official"].choices = officials or []  # type: ignore[attr-defined]
        self.fields["alternate"].choices = alternates or []  # type: ignore[attr-defined]


class CheckInForm(forms.Form):
    token = forms.CharField(label=_("Mã thẻ đại biểu"), max_length=80, required=False)
    session = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)
    method = forms.ChoiceField(choices=CheckInMethod.choices, required=False)

    def __init__(self, *args: Any, sessions: list[tuple[int, str]] | None = None, **kw: Any):
        super().__init__(*args, **kw)
        self.fields["session"].choices = [("", "—"), *(sessions or [])]  # type: ignore[attr-defined]


class FloorRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại"), choices=RequestKind.choices)
    agenda_item = forms.TypedChoiceField(
        label=_("Về nội dung"), coerce=int, required=False, empty_value=None
    )
    text = forms.CharField(label=_("Nội dung"), widget=forms.Textarea, max_length=4000)

    def __init__(self, *args: Any, items: list[tuple[int, str]] | None = None, **kw: Any):
        super().__init__(*args, **kw)
        self.fields["agenda_item"].choices = [("", "—"), *(items or [])]  # type: ignore[attr-defined]


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", ""), ("down", "")])


class CloseRequestForm(forms.Form):
    status = forms.ChoiceField(choices=[(RequestStatus.DONE, ""), (RequestStatus.DECLINED, "")])
