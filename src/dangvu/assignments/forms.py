"""Forms of the task pages. They read and shape input; the services validate."""

from __future__ import annotations

from typing import Any

from django import forms

from dangvu.assignments.status import State
from dangvu.core.uploads import uploaded_file_clean
from dangvu.documents.forms import DATE, BootstrapForm


class TaskForm(BootstrapForm):
    organisation_code = forms.CharField(label="Đơn vị giao (mã)", max_length=32, required=False)
    text = forms.CharField(label="Nội dung nhiệm vụ", widget=forms.Textarea(attrs={"rows": 3}))
    lead_code = forms.CharField(label="Đơn vị chủ trì (mã)", max_length=32, required=False)
    lead_name = forms.CharField(
        label="hoặc đơn vị chủ trì ngoài hệ thống", max_length=255, required=False, help_text="vd: Sở Nội vụ"
    )
    supporting_codes = forms.CharField(
        label="Đơn vị phối hợp (mã, cách nhau bởi dấu phẩy)", max_length=2000, required=False
    )
    supporting_names = forms.CharField(label="Đơn vị phối hợp khác", max_length=500, required=False)
    deadline = forms.DateField(label="Thời hạn", widget=DATE, required=False)
    document = forms.CharField(label="Theo văn bản (số, ký hiệu)", max_length=255, required=False)


class ProgressForm(BootstrapForm):
    state = forms.ChoiceField(label="Tình trạng", choices=[(s.value, s.label) for s in State])
    reported_on = forms.DateField(label="Ngày báo cáo", widget=DATE, required=False)
    note = forms.CharField(label="Kết quả", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    evidence = forms.CharField(
        label="Minh chứng",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Cần khi báo cáo hoàn thành: văn bản, sản phẩm, kết quả cụ thể.",
    )


class ImportForm(BootstrapForm):
    file = forms.FileField(label="Tệp .xlsx theo mẫu")

    def clean_file(self) -> Any:
        return uploaded_file_clean(self.cleaned_data.get("file"), suffix=".xlsx")
