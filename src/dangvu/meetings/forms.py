"""Forms of the conference pages. They read and shape input; the services validate."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.db.models import QuerySet

from dangvu.documents.forms import DATE, BootstrapForm
from dangvu.meetings.kinds import kind_choices
from dangvu.meetings.models import Body, ParticipantRole


class BodyChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} — {obj.organisation.name}"


class MeetingForm(BootstrapForm):
    organiser_code = forms.CharField(label="Đơn vị tổ chức (mã)", max_length=32)
    body = BodyChoiceField(
        label="Hội nghị của Ban Chỉ đạo",
        queryset=Body.objects.none(),
        required=False,
        empty_label="— không —",
        help_text="Các Ban Chỉ đạo trong phạm vi bạn được cập nhật; Ban phải do đơn vị tổ chức thành lập.",
    )
    kind = forms.ChoiceField(label="Loại hội nghị", choices=kind_choices())
    title = forms.CharField(label="Tên hội nghị", max_length=500)
    held_on = forms.DateField(label="Ngày", widget=DATE)
    starts_at = forms.TimeField(label="Giờ", required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    venue = forms.CharField(label="Địa điểm", max_length=255, required=False)
    period = forms.CharField(
        label="Kỳ sơ kết, tổng kết",
        max_length=16,
        required=False,
        help_text="2018-Q1, 2018-H1, 2018-9M, 2018",
    )
    agenda = forms.CharField(label="Nội dung", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    conclusion = forms.CharField(label="Kết luận", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    documents = forms.CharField(
        label="Văn bản được trích dẫn (mỗi dòng một văn bản)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Như bài viết ghi: «Chỉ thị số 05-CT/TƯ», «Kế hoạch số 42-KH/TU ngày 17/5/2021».",
    )

    def __init__(self, *args: Any, bodies: QuerySet[Body] | None = None, **kwargs: Any) -> None:
        """`bodies`: the steering bodies the user may choose (those in their editor scope)."""
        super().__init__(*args, **kwargs)
        field = self.fields["body"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - narrows the field's type for mypy
        if bodies is not None:
            field.queryset = bodies


class ParticipantForm(BootstrapForm):
    role = forms.ChoiceField(label="Vai trò", choices=ParticipantRole.choices)
    full_name = forms.CharField(label="Họ và tên", max_length=128, required=False)
    positions = forms.CharField(
        label="Chức vụ ngày đó (cách nhau bởi dấu phẩy)", max_length=500, required=False
    )
    unit_name = forms.CharField(label="Hoặc đơn vị dự", max_length=255, required=False)


class ContributionForm(BootstrapForm):
    full_name = forms.CharField(label="Người phát biểu", max_length=128, required=False)
    positions = forms.CharField(label="Chức vụ", max_length=500, required=False)
    unit_name = forms.CharField(label="Đơn vị", max_length=255, required=False)
    topic = forms.CharField(label="Về", max_length=500)
    summary = forms.CharField(label="Tóm tắt", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ConclusionForm(BootstrapForm):
    conclusion = forms.CharField(label="Kết luận", widget=forms.Textarea(attrs={"rows": 4}))


class CiteForm(BootstrapForm):
    reference = forms.CharField(label="Văn bản (số, ký hiệu)", max_length=255)


class BodyForm(BootstrapForm):
    organisation_code = forms.CharField(label="Đơn vị thành lập (mã)", max_length=32)
    name = forms.CharField(label="Tên Ban Chỉ đạo", max_length=500)
    document = forms.CharField(
        label="Theo văn bản",
        max_length=255,
        required=False,
        help_text="Như văn bản ghi: «Quyết định số 32-QĐ/TU».",
    )
    established_on = forms.DateField(label="Ngày thành lập", widget=DATE)


class BodyMemberForm(BootstrapForm):
    full_name = forms.CharField(label="Họ và tên", max_length=128)
    positions = forms.CharField(label="Chức vụ (cách nhau bởi dấu phẩy)", max_length=500, required=False)
    role = forms.CharField(label="Vai trò trong Ban", max_length=128, initial="Thành viên")
    valid_from = forms.DateField(label="Từ ngày", widget=DATE)


class OversightForm(BootstrapForm):
    organisation_code = forms.CharField(label="Đơn vị được phụ trách (mã)", max_length=32)
    person = forms.TypedChoiceField(
        label="Thành viên phụ trách", coerce=int, required=False, empty_value=None
    )
    agency = forms.CharField(label="Hoặc cơ quan phụ trách", max_length=255, required=False)
    valid_from = forms.DateField(label="Từ ngày", widget=DATE)

    def __init__(self, *args: Any, people: Sequence[tuple[int, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        person = self.fields["person"]
        assert isinstance(person, forms.TypedChoiceField)  # noqa: S101 - narrows the field's type for mypy
        person.choices = [("", "—"), *people]


class EndForm(BootstrapForm):
    row = forms.IntegerField(widget=forms.HiddenInput)
    valid_to = forms.DateField(label="Đến ngày", widget=DATE)
