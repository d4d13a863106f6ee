"""Forms of the meeting pages: they parse input only; the actions hold the rules."""

from datetime import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import AttendanceStatus, MeetingKind

DATE_FORMATS = ["%d/%m/%Y"]
TIME_FORMATS = ["%H:%M"]


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại sinh hoạt"), choices=MeetingKind.choices)
    title = forms.CharField(label=_("Tên cuộc họp"), max_length=255, required=False)
    day = forms.DateField(label=_("Ngày họp"), input_formats=DATE_FORMATS)
    start = forms.TimeField(label=_("Giờ bắt đầu"), input_formats=TIME_FORMATS)
    end = forms.TimeField(label=_("Giờ kết thúc (dự kiến)"), input_formats=TIME_FORMATS)
    place = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)
    video_url = forms.CharField(
        label=_("Đường dẫn họp trực tuyến (Jitsi…)"), max_length=500, required=False
    )
    topic = forms.CharField(label=_("Nội dung chính"), widget=forms.Textarea, required=False)
    chair = forms.TypedChoiceField(label=_("Chủ trì"), coerce=int, required=False, empty_value=None)
    secretary = forms.TypedChoiceField(
        label=_("Thư ký"), coerce=int, required=False, empty_value=None
    )
    agenda = forms.CharField(
        label=_("Chương trình (mỗi dòng một mục)"), widget=forms.Textarea, required=False
    )

    def __init__(self, *args: Any, members: list[tuple[int, str]] | None = None, **kw: Any):
        super().__init__(*args, **kw)
        choices = [("", "—"), *(members or [])]
        self.fields["chair"].choices = choices  # type: ignore[attr-defined]
        self.fields["secretary"].choices = choices  # type: ignore[attr-defined]

    def times(self) -> tuple[datetime, datetime]:
        tz = timezone.get_current_timezone()
        d = self.cleaned_data
        return (
            datetime.combine(d["day"], d["start"], tzinfo=tz),
            datetime.combine(d["day"], d["end"], tzinfo=tz),
        )

    def action_fields(self) -> dict[str, Any]:
        starts, ends = self.times()
        d = self.cleaned_data
        return {
            "kind": d["kind"],
            "title": d["title"],
            "topic": d["topic"],
            "starts_at": starts,
            "ends_at": ends,
            "place": d["place"],
            "video_url": d["video_url"],
            "chair_id": d["chair"],
            "secretary_id": d["secretary"],
        }


class HeldForm(forms.Form):
    day = forms.DateField(label=_("Ngày họp"), input_formats=DATE_FORMATS)
    start = forms.TimeField(label=_("Bắt đầu thực tế"), input_formats=TIME_FORMATS)
    end = forms.TimeField(label=_("Kết thúc thực tế"), input_formats=TIME_FORMATS)

    def times(self) -> tuple[datetime, datetime]:
        tz = timezone.get_current_timezone()
        d = self.cleaned_data
        return (
            datetime.combine(d["day"], d["start"], tzinfo=tz),
            datetime.combine(d["day"], d["end"], tzinfo=tz),
        )


class AttendanceForm(forms.Form):
    member = forms.IntegerField()
    status = forms.ChoiceField(choices=AttendanceStatus.choices)
    reason = forms.CharField(max_length=255, required=False)


class MinutesForm(forms.Form):
    place = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)
    chair_name = forms.CharField(label=_("Chủ trì"), max_length=120, required=False)
    secretary_name = forms.CharField(label=_("Thư ký"), max_length=120, required=False)
    content = forms.CharField(label=_("Nội dung"), widget=forms.Textarea, required=False)
    opinions = forms.CharField(label=_("Ý kiến phát biểu"), widget=forms.Textarea, required=False)
    conclusions = forms.CharField(label=_("Kết luận"), widget=forms.Textarea, required=False)
    vote_title = forms.CharField(label=_("Biểu quyết nghị quyết"), max_length=255, required=False)
    votes_for = forms.IntegerField(label=_("Tán thành"), min_value=0, required=False)
    votes_against = forms.IntegerField(label=_("Không tán thành"), min_value=0, required=False)
    abstain = forms.IntegerField(label=_("Không biểu quyết"), min_value=0, required=False)

    def action_fields(self) -> dict[str, Any]:
        d = self.cleaned_data
        fields = {
            k: d[k]
            for k in ("place", "chair_name", "secretary_name", "content", "opinions", "conclusions")
        }
        if d["vote_title"]:
            fields["votes"] = [
                {
                    "title": d["vote_title"],
                    "votes_for": d["votes_for"] or 0,
                    "votes_against": d["votes_against"] or 0,
                    "abstain": d["abstain"] or 0,
                }
            ]
        return fields


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Tên tài liệu"), max_length=255, required=False)
    file = forms.FileField(label=_("Tệp"), required=False)
    document = forms.IntegerField(label=_("Văn bản trong sổ văn bản"), required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), max_length=255)


class AgendaForm(forms.Form):
    title = forms.CharField(label=_("Nội dung"), max_length=255)
    presenter = forms.CharField(label=_("Người trình bày"), max_length=120, required=False)
