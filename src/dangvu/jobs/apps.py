"""The jobs app: long work (a province's forms, reports, big imports) run by `dangvu worker`."""

from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "dangvu.jobs"
    label = "jobs"
    verbose_name = "Công việc chạy nền"

    def ready(self) -> None:
        from dangvu.jobs import kinds  # noqa: F401  (registers the real job kinds)
