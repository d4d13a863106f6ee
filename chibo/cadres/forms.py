"""Forms of the cadre pages: they parse input only; the actions hold the rules."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import EndReason, HowFilled, PostKind, StepKind

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def _date(label: Any, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, input_formats=DATE_FORMATS, required=required)


class MemberChoiceForm(forms.Form):
    """A form with a `member` select filled by the view from a query."""

    def __init__(self, *args: Any, members: list[tuple[int, str]] | None = None, **kw: Any):
        super().__init__(*args, **kw)
        if "member" in self.fields:
            self.fields["member"].choices = [("", "—"), *(members or [])]  # type: ignore[attr-defined]


class PostForm(forms.Form):
    kind = forms.ChoiceField(label=_("Chức vụ"), choices=PostKind.choices)
    term_start = forms.IntegerField(label=_("Nhiệm kỳ từ năm"), min_value=1900, max_value=2100)
    term_end = forms.IntegerField(label=_("đến năm"), min_value=1900, max_value=2100)
    term_starts_on = _date(_("Ngày bắt đầu nhiệm kỳ (đại hội)"))
    seats = forms.IntegerField(label=_("Số lượng"), min_value=1, max_value=80)
    seats_decision = forms.CharField(label=_("Quyết định số lượng (số)"), max_length=80)
    seats_decided_by = forms.CharField(label=_("Cơ quan quyết định"), max_length=255)


class AppointForm(MemberChoiceForm):
    member = forms.TypedChoiceField(label=_("Đảng viên"), coerce=int)
    how = forms.ChoiceField(label=_("Hình thức"), choices=HowFilled.choices)
    start_on = _date(_("Giữ chức từ ngày"))
    decided_on = _date(_("Ngày quyết định"))
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=80, required=False)
    deciding_body = forms.CharField(label=_("Cơ quan quyết định"), max_length=255, required=False)


class EndForm(forms.Form):
    end_on = _date(_("Thôi giữ chức từ ngày"))
    reason = forms.ChoiceField(label=_("Lý do"), choices=EndReason.choices)
    decision = forms.CharField(label=_("Quyết định (nếu có)"), max_length=80, required=False)


class ProposalForm(MemberChoiceForm):
    member = forms.TypedChoiceField(label=_("Đảng viên được đề xuất"), coerce=int)
    how = forms.ChoiceField(
        label=_("Hình thức"),
        choices=[
            (HowFilled.STRENGTHENED, HowFilled.STRENGTHENED.label),
            (HowFilled.APPOINTED, HowFilled.APPOINTED.label),
            (HowFilled.ELECTED_BY_COMMITTEE, HowFilled.ELECTED_BY_COMMITTEE.label),
        ],
    )
    done_on = _date(_("Ngày tờ trình đề xuất"))
    document_number = forms.CharField(label=_("Số tờ trình"), max_length=80, required=False)
    body = forms.CharField(label=_("Cơ quan đề xuất"), max_length=255, required=False)
    outside_planning_reason = forms.CharField(
        label=_("Ngoài quy hoạch: quyết định khác của cấp có thẩm quyền"),
        max_length=255,
        required=False,
    )


class StepForm(forms.Form):
    kind = forms.ChoiceField(label=_("Bước"), choices=StepKind.choices)
    done_on = _date(_("Ngày"))
    document_number = forms.CharField(label=_("Số văn bản"), max_length=80, required=False)
    body = forms.CharField(label=_("Cơ quan, tổ chức"), max_length=255, required=False)
    votes_for = forms.IntegerField(label=_("Số phiếu tán thành"), min_value=0, required=False)
    votes_total = forms.IntegerField(label=_("Tổng số cấp ủy viên"), min_value=0, required=False)
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)


class RotationForm(MemberChoiceForm):
    member = forms.TypedChoiceField(label=_("Cán bộ luân chuyển"), coerce=int)
    from_unit = forms.CharField(label=_("Từ đơn vị (mã)"), max_length=40)
    from_post = forms.CharField(label=_("Chức vụ nơi đi"), max_length=120)
    to_unit = forms.CharField(label=_("Đến đơn vị (mã)"), max_length=40)
    to_post = forms.CharField(label=_("Chức vụ nơi đến"), max_length=120)
    start_on = _date(_("Từ ngày"))
    due_end_on = _date(_("Đến ngày (dự kiến)"))
    purpose = forms.CharField(label=_("Mục đích"), max_length=255)
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=80, required=False)
    deciding_body = forms.CharField(label=_("Cơ quan quyết định"), max_length=255, required=False)


class PlanningCreateForm(forms.Form):
    term_start = forms.IntegerField(label=_("Nhiệm kỳ từ năm"), min_value=1900, max_value=2100)
    term_end = forms.IntegerField(label=_("đến năm"), min_value=1900, max_value=2100)


class PlanPersonForm(MemberChoiceForm):
    post_kind = forms.ChoiceField(label=_("Chức vụ quy hoạch"), choices=PostKind.choices)
    member = forms.TypedChoiceField(label=_("Đảng viên"), coerce=int)


class RemovePlannedForm(forms.Form):
    reason = forms.CharField(label=_("Lý do đưa ra khỏi quy hoạch"), max_length=255)


class ApproveForm(forms.Form):
    approved_on = _date(_("Ngày phê duyệt"))
    decision_number = forms.CharField(
        label=_("Số quyết định phê duyệt"), max_length=80, required=False
    )
    approved_by_body = forms.CharField(label=_("Cấp ủy phê duyệt"), max_length=255, required=False)


class ReviewForm(forms.Form):
    note = forms.CharField(label=_("Ghi chú lần rà soát"), max_length=255, required=False)
