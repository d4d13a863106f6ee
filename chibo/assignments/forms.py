"""Forms of the assignments pages: they parse input only; the actions hold the rules (the six
clears included), so a form shows the action's refusal beside the field it names."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Priority

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class ProgrammeForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=1900, max_value=2100)
    quarter = forms.TypedChoiceField(
        label=_("Kỳ"),
        coerce=int,
        choices=[
            (0, _("Cả năm")),
            (1, _("Quý I")),
            (2, _("Quý II")),
            (3, _("Quý III")),
            (4, _("Quý IV")),
        ],
    )
    title = forms.CharField(
        label=_("Tên chương trình (để trống: tự đặt)"), max_length=255, required=False
    )
    notice_days = forms.IntegerField(
        label=_("Nhắc trước hạn (ngày làm việc)"), min_value=0, max_value=60, initial=3
    )
    repeat_days = forms.IntegerField(
        label=_("Nhắc lại khi quá hạn, mỗi (ngày làm việc)"), min_value=0, max_value=60, initial=5
    )


class TaskForm(forms.Form):
    """A task with its six clears. The approver is "m<member id>" (a person) or "u<unit code>"
    (a body)."""

    title = forms.CharField(label=_("Tên nhiệm vụ"), max_length=255)
    scope = forms.CharField(
        label=_("Rõ việc: nội dung công việc"), widget=forms.Textarea, required=False
    )
    owner = forms.ChoiceField(label=_("Rõ người: người chủ trì"), required=False)
    co_owners = forms.MultipleChoiceField(label=_("Người phối hợp"), required=False)
    due_on = forms.DateField(
        label=_("Rõ thời gian: hạn hoàn thành"), input_formats=DATE_FORMATS, required=False
    )
    accountable_unit = forms.ChoiceField(
        label=_("Rõ trách nhiệm: đơn vị chịu trách nhiệm"), required=False
    )
    deliverable = forms.CharField(
        label=_("Rõ sản phẩm: sản phẩm chứng minh hoàn thành"), max_length=500, required=False
    )
    approver = forms.ChoiceField(
        label=_("Rõ thẩm quyền: người hoặc cấp ủy nghiệm thu"), required=False
    )
    priority = forms.ChoiceField(
        label=_("Mức ưu tiên"), choices=Priority.choices, initial=Priority.NORMAL
    )
    source_note = forms.CharField(
        label=_("Nguồn giao việc (ghi chú)"), max_length=500, required=False
    )
    issue = forms.BooleanField(label=_("Giao ngay (không để dự thảo)"), required=False)

    def __init__(
        self,
        *args: Any,
        members: list[tuple[str, str]] | None = None,
        units: list[tuple[str, str]] | None = None,
        bodies: list[tuple[str, str]] | None = None,
        **kw: Any,
    ) -> None:
        super().__init__(*args, **kw)
        people = members or []
        self.fields["owner"].choices = [("", "—"), *people]  # type: ignore[attr-defined]
        self.fields["co_owners"].choices = people  # type: ignore[attr-defined]
        self.fields["accountable_unit"].choices = [("", "—"), *(units or [])]  # type: ignore[attr-defined]
        self.fields["approver"].choices = [  # type: ignore[attr-defined]
            ("", "—"),
            *[(f"u{code}", label) for code, label in bodies or []],
            *[(f"m{pk}", label) for pk, label in people],
        ]

    def action_fields(self) -> dict[str, Any]:
        d = self.cleaned_data
        approver = d["approver"] or ""
        return {
            "title": d["title"],
            "scope": d["scope"],
            "owner_id": d["owner"] or None,
            "co_owner_ids": d["co_owners"],
            "due_on": d["due_on"],
            "accountable_unit": d["accountable_unit"],
            "deliverable": d["deliverable"],
            "approver_id": approver[1:] if approver.startswith("m") else None,
            "approver_unit": approver[1:] if approver.startswith("u") else None,
            "priority": d["priority"],
            "source_note": d["source_note"],
            "issue": d["issue"],
        }


class ProgressForm(forms.Form):
    note = forms.CharField(label=_("Tiến độ"), widget=forms.Textarea, max_length=5000)
    percent = forms.IntegerField(
        label=_("Đã làm được (%)"), min_value=0, max_value=100, required=False
    )


class SubmitForm(forms.Form):
    note = forms.CharField(
        label=_("Mô tả sản phẩm"), widget=forms.Textarea, max_length=5000, required=False
    )
    link = forms.CharField(label=_("Đường dẫn tới sản phẩm"), max_length=500, required=False)
    file = forms.FileField(label=_("Tệp sản phẩm"), required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do"), widget=forms.Textarea, max_length=5000, required=False
    )


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Ý kiến"), widget=forms.Textarea, max_length=5000, required=False
    )


class ExtensionForm(forms.Form):
    due_on = forms.DateField(label=_("Hạn mới"), input_formats=DATE_FORMATS)
    reason = forms.CharField(
        label=_("Lý do xin gia hạn"), widget=forms.Textarea, max_length=5000, required=False
    )


class DecisionForm(forms.Form):
    grant = forms.TypedChoiceField(
        label=_("Quyết định"),
        coerce=lambda v: v == "yes",
        choices=[("yes", _("Đồng ý gia hạn")), ("no", _("Không đồng ý"))],
    )
    note = forms.CharField(
        label=_("Ý kiến"), widget=forms.Textarea, max_length=5000, required=False
    )


class TaskFilterForm(forms.Form):
    status = forms.CharField(required=False, max_length=20)
    due_before = forms.DateField(required=False, input_formats=DATE_FORMATS)


def first_error(form: forms.Form) -> str:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        text = " ".join(str(e) for e in errors)
        return f"{label}: {text}" if label else text
    return ""
