"""Forms of the document pages, and the form helpers the conference and task pages share.

Forms only read and shape input; the services validate. `unit_by_code` turns a unit code typed in a form
into an organisation in the user's scope, or a DomainError naming the code (never a hint that it exists).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import Http404

from dangvu.accounts.models import RoleLevel
from dangvu.accounts.selectors import organisation_for
from dangvu.core.errors import DomainError
from dangvu.documents.identity import kinds
from dangvu.documents.models import LinkRelation
from dangvu.organisations.models import Organisation

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BootstrapForm(forms.Form):
    """Gives every widget Bootstrap's class."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)


def unit_by_code(
    user: Any, code: str, level: int = RoleLevel.VIEWER, *, field: str | None = None
) -> Organisation:
    try:
        return organisation_for(user, code.strip(), level)
    except Http404:
        raise DomainError(
            f"Không có tổ chức mã «{code.strip()}» trong phạm vi của bạn.", field=field
        ) from None


def add_error(form: forms.Form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


class RegisterForm(BootstrapForm):
    reference = forms.CharField(
        label="Số, ký hiệu",
        max_length=255,
        help_text="Như văn bản ghi: 02-NQ/TU, 34/2019/NĐ-CP, hoặc «Chỉ thị 05 của Bộ Chính trị».",
    )
    kind = forms.ChoiceField(
        label="Loại văn bản",
        choices=[("", "— theo ký hiệu —"), *[(k, k) for k in kinds()]],
        required=False,
        help_text="Cần chọn khi ký hiệu «QĐ» có thể là Quyết định hoặc Quy định.",
    )
    title = forms.CharField(label="Trích yếu", max_length=500, required=False)
    issued_on = forms.DateField(label="Ngày ban hành", widget=DATE, required=False)
    owner_code = forms.CharField(
        label="Sổ văn bản của đơn vị (mã)",
        max_length=32,
        required=False,
        help_text="Bỏ trống: sổ dùng chung (văn bản của Trung ương, Quốc hội, Chính phủ).",
    )
    issuer_name = forms.CharField(label="Cơ quan ban hành (tên)", max_length=255, required=False)


class LinkForm(BootstrapForm):
    relation = forms.ChoiceField(label="Văn bản này", choices=LinkRelation.choices)
    target = forms.CharField(label="Văn bản (số, ký hiệu)", max_length=255)


class VoidForm(BootstrapForm):
    reason = forms.CharField(label="Lý do hủy", max_length=255)
