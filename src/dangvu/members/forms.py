"""Forms of the register's pages. They read and shape input; the services validate and write."""

from __future__ import annotations

from typing import Any

from django import forms

from dangvu.core.uploads import uploaded_file_clean
from dangvu.members.candidate_models import Occupation, Stage
from dangvu.members.models import EventKind, Gender, TheoryLevel

DATE = forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d")


class AdmitForm(forms.Form):
    cell_code = forms.CharField(label="Mã chi bộ", max_length=32)
    full_name = forms.CharField(label="Họ và tên", max_length=128)
    gender = forms.ChoiceField(label="Giới tính", choices=Gender.choices)
    birth_date = forms.DateField(label="Ngày sinh", widget=DATE)
    ethnicity = forms.CharField(label="Dân tộc", max_length=32, initial="Kinh")
    religion = forms.CharField(label="Tôn giáo", max_length=32, required=False)
    home_town = forms.CharField(label="Quê quán", max_length=255, required=False)
    identity_number = forms.CharField(label="Số CCCD", max_length=12, required=False)
    home_address = forms.CharField(label="Nơi ở hiện nay", max_length=255, required=False)
    education = forms.CharField(label="Giáo dục phổ thông", max_length=16, required=False)
    profession = forms.CharField(label="Chuyên môn, nghề nghiệp", max_length=128, required=False)
    theory_level = forms.ChoiceField(label="Lý luận chính trị", choices=TheoryLevel.choices, required=False)
    admitted_on = forms.DateField(label="Ngày kết nạp", widget=DATE)
    decision = forms.CharField(label="Quyết định kết nạp (số, ký hiệu)", max_length=128, required=False)


#: The events a user records on a member's page, and the fields each needs.
ACTIONS: dict[str, str] = {
    EventKind.CONFIRMATION: "Chuyển đảng chính thức",
    EventKind.TRANSFER: "Chuyển sinh hoạt sang chi bộ khác",
    EventKind.TRANSFER_OUT: "Chuyển sinh hoạt ra ngoài đảng bộ",
    EventKind.EXEMPTION: "Miễn công tác và sinh hoạt",
    EventKind.DISCIPLINE: "Kỷ luật",
    EventKind.REMOVAL: "Xóa tên",
    EventKind.EXPULSION: "Khai trừ",
    EventKind.DEATH: "Từ trần",
}


class EventForm(forms.Form):
    kind = forms.ChoiceField(label="Biến động", choices=list(ACTIONS.items()))
    on = forms.DateField(label="Ngày", widget=DATE)
    to_cell_code = forms.CharField(label="Mã chi bộ đến (chuyển sinh hoạt)", max_length=32, required=False)
    destination = forms.CharField(label="Nơi chuyển đến (ngoài đảng bộ)", max_length=255, required=False)
    outcome = forms.CharField(label="Hình thức kỷ luật / lý do", max_length=64, required=False)
    decision = forms.CharField(label="Theo quyết định (số, ký hiệu)", max_length=128, required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label="Tệp .xlsx theo mẫu")

    def clean_file(self) -> Any:
        return uploaded_file_clean(self.cleaned_data.get("file"), suffix=".xlsx")

class ResidenceContactForm(forms.Form):
    since = forms.DateField(label="Giới thiệu về nơi cư trú từ ngày", widget=DATE)
    residence_code = forms.CharField(
        label="Mã chi bộ nơi cư trú (nếu trong đảng bộ)", max_length=32, required=False
    )
    residence_name = forms.CharField(label="hoặc tên nơi cư trú", max_length=255, required=False)


class ResidenceCommentForm(forms.Form):
    """Ask for the year's comment (`sent_on`), or record it come back (`returned_on`, assessment, text)."""

    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)
    sent_on = forms.DateField(label="Ngày gửi phiếu", widget=DATE, required=False)
    returned_on = forms.DateField(label="Ngày nhận lại", widget=DATE, required=False)
    assessment = forms.CharField(label="Đánh giá của nơi cư trú", max_length=64, required=False)
    content = forms.CharField(
        label="Nội dung nhận xét", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class EarlyBadgeForm(forms.Form):
    on = forms.DateField(label="Ngày ghi nhận", widget=DATE)
    reason = forms.CharField(label="Lý do (ốm nặng, căn cứ)", max_length=255)


class AgencyCellForm(forms.Form):
    cell_code = forms.CharField(label="Mã chi bộ cơ quan, đơn vị, doanh nghiệp", max_length=32)
    since = forms.DateField(label="Từ ngày", widget=DATE)
    note = forms.CharField(label="Ghi chú", max_length=255, required=False)


class CandidateForm(forms.Form):
    unit_code = forms.CharField(label="Mã chi bộ", max_length=32)
    full_name = forms.CharField(label="Họ và tên", max_length=128)
    gender = forms.ChoiceField(label="Giới tính", choices=Gender.choices)
    birth_date = forms.DateField(label="Ngày sinh", widget=DATE)
    ethnicity = forms.CharField(label="Dân tộc", max_length=32, initial="Kinh")
    occupation = forms.ChoiceField(label="Nghề nghiệp", choices=Occupation.choices)
    on = forms.DateField(label="Đưa vào nguồn từ ngày", widget=DATE)
    note = forms.CharField(label="Ghi chú", max_length=255, required=False)


#: The steps a user records on a candidate's page (admission has its own form).
STEPS: dict[str, str] = {
    Stage.COURSE_DONE: "Đã học lớp bồi dưỡng nhận thức về Đảng",
    Stage.PROPOSED: "Chi bộ đề nghị kết nạp",
    Stage.DROPPED: "Đưa ra khỏi nguồn",
}


class CandidateStepForm(forms.Form):
    stage = forms.ChoiceField(label="Bước", choices=list(STEPS.items()))
    on = forms.DateField(label="Ngày", widget=DATE)
    course_name = forms.CharField(label="Tên lớp bồi dưỡng", max_length=255, required=False)
    decision = forms.CharField(label="Văn bản (số, ký hiệu)", max_length=128, required=False)
    reason = forms.CharField(label="Lý do (đưa ra khỏi nguồn)", max_length=255, required=False)


class CandidateAdmitForm(forms.Form):
    admitted_on = forms.DateField(label="Ngày kết nạp", widget=DATE)
    decision = forms.CharField(label="Quyết định kết nạp (số, ký hiệu)", max_length=128, required=False)
    home_town = forms.CharField(label="Quê quán", max_length=255, required=False)
    identity_number = forms.CharField(label="Số CCCD", max_length=12, required=False)
    home_address = forms.CharField(label="Nơi ở hiện nay", max_length=255, required=False)
