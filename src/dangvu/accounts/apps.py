from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "dangvu.accounts"
    label = "accounts"
    verbose_name = "Tài khoản và phân quyền"

    def ready(self) -> None:
        from auditlog.registry import auditlog
        from django.contrib.auth import get_user_model

        auditlog.register(get_user_model(), exclude_fields=["password", "last_login"])
