"""The reports app: review reports drafted from the records, in the Party's layout (.docx, PDF, .xlsx)."""

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "dangvu.reports"
    label = "reports"
    verbose_name = "Báo cáo sơ kết, tổng kết"
