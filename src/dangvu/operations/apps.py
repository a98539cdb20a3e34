from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running Dangvu: backups, restores and the checks that they match."""

    name = "dangvu.operations"
    verbose_name = "Vận hành"
