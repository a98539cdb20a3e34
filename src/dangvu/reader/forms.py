"""The form that takes a text to read: pasted, or a .txt, .html or .docx file."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django import forms

from dangvu.core.uploads import uploaded_file_clean
from dangvu.documents.forms import BootstrapForm
from dangvu.reader.reader import text_from_bytes

SUFFIXES = (".txt", ".html", ".htm", ".docx")
MAX_BYTES = 5 * 1024 * 1024


class ReadForm(BootstrapForm):
    text = forms.CharField(
        label="Dán nội dung bài viết, báo cáo, biên bản",
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
    )
    upload = forms.FileField(
        label="Hoặc tải lên tệp .txt, .html, .docx",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(SUFFIXES)}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("upload")
        if upload:
            suffix = PurePath(upload.name).suffix.lower()
            if suffix not in SUFFIXES:
                raise forms.ValidationError("Chỉ đọc được tệp .txt, .html hoặc .docx.")
            if upload.size > MAX_BYTES:
                raise forms.ValidationError("Tệp lớn quá 5 MB.")
            if suffix == ".docx":
                uploaded_file_clean(upload, suffix=suffix)
            try:
                data["raw"] = text_from_bytes(upload.read(), suffix)
            except Exception as e:  # python-docx raises several kinds on a damaged file
                raise forms.ValidationError(f"Không đọc được tệp: {e}") from None
        else:
            data["raw"] = data.get("text") or ""
        if not data["raw"].strip():
            raise forms.ValidationError("Cần dán nội dung hoặc tải lên một tệp.")
        return data
