"""Forms of the meeting pages: they parse input only; the actions hold the rules."""

import re
from datetime import datetime, time
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import AttendanceStatus, MeetingKind

# Days as people type them (issue 17): 05/12/2026, 5/12/2026, 2026-12-05, 05-12-2026, 05.12.2026.
DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"]
TIME_FORMATS = ["%H:%M"]
# Times as people type them: 19:30, 7:30, 7h30, 7h, 19g30, 19.30 (a bare number is refused).
_TIME = re.compile(r"^\s*(\d{1,2})\s*(?:[:hHgG.]\s*(\d{1,2})?)?\s*(?:phút|p)?\s*$")


def parse_time(text: str) -> time | None:
    """A time of day typed as "19:30", "7h30", "7h", "19g30" or "19.30"; None if it is not one."""
    match = _TIME.match(text or "")
    if not match or (":" not in text and "." not in text and not re.search("[hHgG]", text)):
        return None
    hours, minutes = int(match.group(1)), int(match.group(2) or 0)
    if hours > 23 or minutes > 59:
        return None
    return time(hours, minutes)


class TimeOfDayField(forms.TimeField):
    """A time field that takes the common spellings (`parse_time`)."""

    def to_python(self, value: Any) -> time | None:
        if isinstance(value, time):
            return value
        if value in self.empty_values:
            return None
        parsed = parse_time(str(value))
        if parsed is None:
            raise forms.ValidationError(
                _("Giờ không hợp lệ: nhập như 19:30 hoặc 7h30."), code="invalid"
            )
        return parsed


# An action's refusal names its own argument; the form shows it beside the field people typed.
ACTION_FIELDS = {
    "starts_at": "day",
    "ends_at": "end",
    "chair_id": "chair",
    "secretary_id": "secretary",
}


def attach_error(form: forms.Form, field: str | None, message: str) -> None:
    """Put an action's refusal beside its field (or above the form when it names none)."""
    name = ACTION_FIELDS.get(field or "", field)
    form.add_error(name if name in form.fields else None, message)


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại sinh hoạt"), choices=MeetingKind.choices)
    title = forms.CharField(label=_("Tên cuộc họp"), max_length=255, required=False)
    day = forms.DateField(
        label=_("Ngày họp"),
        input_formats=DATE_FORMATS,
        error_messages={"invalid": _("Ngày không hợp lệ: nhập như 05/12/2026.")},
    )
    start = TimeOfDayField(label=_("Giờ bắt đầu"))
    end = TimeOfDayField(label=_("Giờ kết thúc (dự kiến)"))
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
    day = forms.DateField(
        label=_("Ngày họp"),
        input_formats=DATE_FORMATS,
        error_messages={"invalid": _("Ngày không hợp lệ: nhập như 05/12/2026.")},
    )
    start = TimeOfDayField(label=_("Bắt đầu thực tế"))
    end = TimeOfDayField(label=_("Kết thúc thực tế"))

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
