"""Django registration of the text reader (it has no models; it brings the `read` command)."""

from django.apps import AppConfig


class ReaderConfig(AppConfig):
    name = "dangvu.reader"
    label = "reader"
    verbose_name = "Đọc văn bản"
