from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "dangvu.indicators"
    label = "indicators"
    verbose_name = "Chỉ tiêu và số liệu"
