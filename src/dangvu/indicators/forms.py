"""Forms of the indicator pages; the services decide."""

from __future__ import annotations

from django import forms

from dangvu.indicators.models import Indicator, Source


class TargetForm(forms.Form):
    indicator = forms.ModelChoiceField(label="Chỉ tiêu", queryset=Indicator.objects.filter(is_active=True))
    period = forms.CharField(label="Kỳ (2026, 2025-2030…)", max_length=16)
    value = forms.FloatField(label="Giá trị chỉ tiêu", min_value=0)
    split = forms.BooleanField(label="Phân bổ cho các đơn vị trực thuộc theo số đảng viên", required=False)


def submission_form(values: dict[str, float]) -> type[forms.Form]:
    """A form with one number field per reported indicator, filled with the values already saved."""
    fields: dict[str, forms.Field] = {}
    for ind in Indicator.objects.filter(is_active=True, source=Source.REPORTED, aggregation="sum"):
        fields[ind.code] = forms.FloatField(
            label=f"{ind.name} ({ind.unit})", min_value=0, required=False, initial=values.get(ind.code)
        )
    return type("SubmissionForm", (forms.Form,), fields)


class DecisionForm(forms.Form):
    comment = forms.CharField(
        label="Ý kiến (bắt buộc khi trả lại hoặc mở lại)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
