"""Forms of the rating pages: shape and parse input; the rules are checked by the actions."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import LEVEL_CHOICES, SubjectKind
from .rules import LEVEL_RULES, period_end

QUARTERS = [(0, _("Cả năm"))] + [(q, _("Quý %(q)s") % {"q": q}) for q in range(1, 5)]


class OpenRoundForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(label=_("Kỳ"), choices=QUARTERS, coerce=int, initial=0)
    kind = forms.ChoiceField(label=_("Đối tượng"), choices=SubjectKind.choices)
    cap_percent = forms.IntegerField(
        label=_("Tỷ lệ xuất sắc tối đa (phần trăm số hoàn thành tốt)"),
        min_value=0,
        max_value=100,
        required=False,
        help_text=_("Để trống: theo quy định."),
    )


class CloseRoundForm(forms.Form):
    decision_number = forms.CharField(
        label=_("Số quyết định của cấp ủy (khi vượt tỷ lệ)"), max_length=60, required=False
    )
    decision_reason = forms.CharField(
        label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class AssessmentForm(forms.Form):
    score = forms.DecimalField(
        label=_("Tổng điểm (thang 100)"), max_digits=6, decimal_places=2, required=False
    )
    level = forms.ChoiceField(
        label=_("Mức xếp loại"),
        choices=[("", _("Theo điểm và điều kiện")), *LEVEL_CHOICES],
        required=False,
    )
    tasks_on_time = forms.BooleanField(
        label=_("Hoàn thành 100% nhiệm vụ đúng tiến độ"), required=False
    )
    exceeding_percent = forms.IntegerField(
        label=_("Tỷ lệ nhiệm vụ vượt mức (%)"), min_value=0, max_value=100, required=False
    )
    shortcomings_fixed = forms.BooleanField(
        label=_("Đã khắc phục hạn chế, khuyết điểm được chỉ ra"), required=False
    )
    late_percent = forms.IntegerField(
        label=_("Tỷ lệ nhiệm vụ chậm tiến độ (%) — tập thể"),
        min_value=0,
        max_value=100,
        required=False,
    )
    disciplined_subordinate = forms.BooleanField(
        label=_("Có tổ chức trực thuộc bị kỷ luật — tập thể"), required=False
    )
    disqualifying = forms.MultipleChoiceField(
        label=_("Trường hợp xếp loại không hoàn thành nhiệm vụ"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    comment = forms.CharField(
        label=_("Nhận xét"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(
        self,
        *args: Any,
        criteria: list[dict[str, Any]],
        year: int,
        quarter: int,
        subject: str,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        rules = LEVEL_RULES.rule_on(period_end(year, quarter))
        self.fields["disqualifying"].choices = [  # type: ignore[attr-defined]
            (code, _(label))
            for code, (label, members, orgs) in rules.disqualifying.items()
            if (orgs if subject == SubjectKind.ORGANISATION else members)
        ]
        self.point_fields = []
        for c in criteria:
            if c["max_points"] is None:
                continue
            name = f"points_{c['code']}"
            self.fields[name] = forms.DecimalField(
                label=f"{c['label']} (≤ {c['max_points']})",
                max_digits=6,
                decimal_places=2,
                required=False,
            )
            self.point_fields.append(name)
        if subject != SubjectKind.ORGANISATION:
            del self.fields["late_percent"]
            del self.fields["disciplined_subordinate"]
        self.order_fields(["score", "level", *self.point_fields])  # the rest keep their order

    def payload(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "score": d.get("score"),
            "level": d.get("level") or "",
            "conditions": {
                "tasks_on_time": d.get("tasks_on_time", False),
                "exceeding_percent": d.get("exceeding_percent") or 0,
                "shortcomings_fixed": d.get("shortcomings_fixed", False),
                "late_percent": d.get("late_percent") or 0,
                "disciplined_subordinate": d.get("disciplined_subordinate", False),
                "disqualifying": d.get("disqualifying") or [],
            },
            "points": {
                name.removeprefix("points_"): d.get(name)
                for name in self.point_fields
                if d.get(name) is not None
            },
            "comment": d.get("comment") or "",
        }
