from django.apps import AppConfig


class AssignmentsConfig(AppConfig):
    name = "dangvu.assignments"
    label = "assignments"
    verbose_name = "Nhiệm vụ"
