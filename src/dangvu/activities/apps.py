from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "dangvu.activities"
    label = "activities"
    verbose_name = "Hoạt động"
