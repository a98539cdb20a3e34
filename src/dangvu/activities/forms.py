"""Forms of the activity pages. They read and shape input; the services validate."""

from __future__ import annotations

from typing import Any

from django import forms

from dangvu.activities.models import (
    CellMeetingKind,
    ConductingBody,
    DisciplineForm,
    InspectionKind,
    MeetingQuality,
    MobilisationField,
    Mode,
    RecognitionLevel,
)
from dangvu.activities.rules import GRADE_LABELS
from dangvu.core.uploads import uploaded_file_clean
from dangvu.documents.forms import DATE, BootstrapForm

GRADES = [(g.value, label) for g, label in GRADE_LABELS.items()]


def _code(label: str, required: bool = True) -> forms.CharField:
    return forms.CharField(label=label, max_length=32, required=required)


class CellMeetingEntry(BootstrapForm):
    cell_code = _code("Chi bộ (mã)")
    held_on = forms.DateField(label="Ngày sinh hoạt", widget=DATE)
    kind = forms.ChoiceField(label="Loại", choices=CellMeetingKind.choices)
    topic = forms.CharField(label="Nội dung, chuyên đề", max_length=500, required=False)
    expected = forms.IntegerField(label="Đảng viên phải dự", min_value=0)
    present = forms.IntegerField(label="Có mặt", min_value=0)
    absent_excused = forms.IntegerField(label="Vắng có lý do", min_value=0, initial=0)
    absent_unexcused = forms.IntegerField(label="Vắng không lý do", min_value=0, initial=0)
    chair = forms.CharField(label="Chủ trì", max_length=128, required=False)
    quality = forms.ChoiceField(
        label="Chất lượng", choices=[("", "—"), *MeetingQuality.choices], required=False
    )
    minutes = forms.FileField(label="Biên bản (tệp)", required=False)


class InspectionEntry(BootstrapForm):
    mode = forms.ChoiceField(label="Hình thức", choices=Mode.choices)
    kind = forms.ChoiceField(label="Loại", choices=InspectionKind.choices)
    conductor_code = _code("Đơn vị tiến hành (mã)")
    body = forms.ChoiceField(label="Chủ thể", choices=ConductingBody.choices)
    subject_code = _code("Tổ chức được kiểm tra, giám sát (mã)", required=False)
    subject_member = forms.IntegerField(label="hoặc đảng viên (số hồ sơ)", required=False)
    topic = forms.CharField(label="Nội dung", max_length=500)
    started_on = forms.DateField(label="Ngày bắt đầu", widget=DATE)
    ended_on = forms.DateField(label="Ngày kết thúc", widget=DATE, required=False)
    findings = forms.CharField(label="Kết quả", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    conclusion = forms.CharField(label="Kết luận", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    violation_found = forms.BooleanField(label="Kết luận có vi phạm", required=False)


class PlanEntry(BootstrapForm):
    organisation_code = _code("Cấp ủy (mã)")
    year = forms.IntegerField(label="Năm")
    inspections_planned = forms.IntegerField(label="Số cuộc kiểm tra", min_value=0)
    supervisions_planned = forms.IntegerField(label="Số cuộc giám sát", min_value=0)
    subjects = forms.CharField(label="Đối tượng", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    topics = forms.CharField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class DisciplineEntry(BootstrapForm):
    member = forms.IntegerField(label="Đảng viên (số hồ sơ)")
    form = forms.ChoiceField(label="Hình thức kỷ luật", choices=DisciplineForm.choices)
    decided_on = forms.DateField(label="Ngày quyết định", widget=DATE)
    decided_by = forms.CharField(label="Cấp quyết định", max_length=255, required=False)
    decision = forms.CharField(label="Số quyết định", max_length=128, required=False)
    reason = forms.CharField(label="Nội dung vi phạm", widget=forms.Textarea(attrs={"rows": 2}))


class ProposeEntry(BootstrapForm):
    period = forms.CharField(label="Kỳ (năm, quý hoặc nhiệm kỳ)", max_length=16, initial="2025")
    organisation_code = _code("Tổ chức được xếp loại (mã)", required=False)
    member = forms.IntegerField(label="hoặc đảng viên (số hồ sơ)", required=False)
    grade = forms.ChoiceField(label="Mức đề xuất", choices=GRADES)
    score = forms.FloatField(label="Điểm (từ năm 2025: thang 100)", required=False)
    tasks_on_time = forms.FloatField(label="% nhiệm vụ hoàn thành đúng hạn", required=False)
    tasks_exceeding = forms.FloatField(label="% nhiệm vụ vượt yêu cầu", required=False)
    disciplined = forms.BooleanField(label="Bị kỷ luật trong năm", required=False)


class DecideEntry(BootstrapForm):
    decider_code = _code("Cấp ủy quyết định (mã)")
    grade = forms.ChoiceField(label="Mức quyết định", choices=GRADES)
    score = forms.FloatField(label="Điểm", required=False)
    decided_on = forms.DateField(label="Ngày quyết định", widget=DATE, required=False)
    decision = forms.CharField(label="Số quyết định", max_length=128, required=False)


class MobilisationEntry(BootstrapForm):
    organisation_code = _code("Đơn vị (mã)")
    year = forms.IntegerField(label="Năm")
    name = forms.CharField(label="Tên mô hình", max_length=255)
    field = forms.ChoiceField(label="Lĩnh vực", choices=MobilisationField.choices)
    level = forms.ChoiceField(label="Cấp công nhận", choices=RecognitionLevel.choices)
    description = forms.CharField(label="Mô tả", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    recognised_on = forms.DateField(label="Ngày công nhận", widget=DATE, required=False)


class ImportEntry(forms.Form):
    file = forms.FileField(label="Tệp .xlsx theo mẫu")

    def clean_file(self) -> Any:
        return uploaded_file_clean(self.cleaned_data.get("file"), suffix=".xlsx")
