"""Forms of the reorganisation pages. They read and shape input; the services validate the change."""

from __future__ import annotations

from django import forms

from dangvu.organisations.kinds import kind_choices

DATE = forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d")


class _Base(forms.Form):
    effective_on = forms.DateField(label="Có hiệu lực từ ngày", widget=DATE)
    decision = forms.CharField(label="Theo văn bản (số, ký hiệu)", max_length=255, required=False)


class EstablishForm(_Base):
    code = forms.CharField(label="Mã đơn vị mới", max_length=32)
    name = forms.CharField(label="Tên đơn vị mới", max_length=255)
    kind = forms.ChoiceField(label="Loại", choices=kind_choices())


class RenameForm(_Base):
    name = forms.CharField(label="Tên mới", max_length=255)


class MoveForm(_Base):
    parent_code = forms.CharField(label="Mã đơn vị cấp trên mới", max_length=32)


class DissolveForm(_Base):
    children_to_code = forms.CharField(
        label="Chuyển các đơn vị trực thuộc về (mã)", max_length=32, required=False
    )
    successor_code = forms.CharField(
        label="Đơn vị kế thừa hồ sơ (mã)",
        max_length=32,
        required=False,
        help_text="Bỏ trống: đơn vị nhận các đơn vị trực thuộc, hoặc cấp trên.",
    )


class MergeForm(_Base):
    other_codes = forms.CharField(
        label="Các đơn vị cùng hợp nhất (mã, cách nhau bởi dấu phẩy)", max_length=2000, required=False
    )
    into_code = forms.CharField(
        label="Sáp nhập vào đơn vị có sẵn (mã)",
        max_length=32,
        required=False,
        help_text="Hoặc bỏ trống và điền đơn vị mới bên dưới (hợp nhất).",
    )
    new_code = forms.CharField(label="Mã đơn vị mới", max_length=32, required=False)
    new_name = forms.CharField(label="Tên đơn vị mới", max_length=255, required=False)
    new_parent_code = forms.CharField(
        label="Cấp trên của đơn vị mới (mã)",
        max_length=32,
        required=False,
        help_text="Bỏ trống: như hiện nay.",
    )


class SplitForm(_Base):
    parts = forms.CharField(
        label="Các đơn vị mới",
        widget=forms.Textarea(attrs={"rows": 5, "class": "form-control font-monospace"}),
        help_text="Mỗi dòng một đơn vị: MÃ | Tên | mã các đơn vị trực thuộc nhận về, cách nhau bởi dấu phẩy.",
    )


def split_codes(text: str) -> list[str]:
    return [c.strip() for c in text.replace(";", ",").split(",") if c.strip()]
