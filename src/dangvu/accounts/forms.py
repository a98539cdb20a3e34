"""Forms of the administration pages; they only read input, the services decide."""

from __future__ import annotations

from django import forms

from dangvu.accounts.models import RoleDomain, RoleLevel


class RoleGrantForm(forms.Form):
    username = forms.CharField(label="Tên đăng nhập", max_length=150)
    org_code = forms.CharField(
        label="Mã tổ chức", max_length=32, help_text="Quyền áp dụng cho toàn bộ các cấp dưới."
    )
    level = forms.TypedChoiceField(label="Quyền", choices=RoleLevel.choices, coerce=int)
    domain = forms.ChoiceField(label="Lĩnh vực", choices=RoleDomain.choices, required=False)


class UserCreateForm(forms.Form):
    username = forms.CharField(label="Tên đăng nhập", max_length=150)
    full_name = forms.CharField(label="Họ và tên", max_length=150)
    email = forms.EmailField(label="Thư điện tử", required=False)
    password = forms.CharField(label="Mật khẩu", widget=forms.PasswordInput, min_length=10)


class TokenCreateForm(forms.Form):
    label = forms.CharField(label="Tên gợi nhớ", max_length=64)
