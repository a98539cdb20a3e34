from typing import Any

from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "dangvu.core"
    label = "core"
    verbose_name = "Lõi"

    def ready(self) -> None:
        from django.apps import apps

        from dangvu.core.cache import cache_table_create

        # Sent once per app with models (core has none): hooked to the sessions app, once per migrate.
        sessions = apps.get_app_config("sessions")
        post_migrate.connect(cache_table_create, sender=sessions, dispatch_uid="dangvu-cache-table")
        checks.register(redis_installed_check, checks.Tags.caches)


def redis_installed_check(**_: Any) -> list[checks.CheckMessage]:
    """DANGVU_CACHE_URL=redis://… needs the `redis` package, which Dangvu does not install by default."""
    from django.conf import settings

    if not any(c["BACKEND"].endswith("RedisCache") for c in settings.CACHES.values()):
        return []
    try:
        import redis  # noqa: F401
    except ImportError:
        return [
            checks.Error(
                "DANGVU_CACHE_URL chỉ tới Redis nhưng chưa cài gói redis.",
                hint="Cài gói redis vào môi trường của Dangvu (pip install redis), hoặc dùng DANGVU_CACHE_URL=db://.",
                id="dangvu.E101",
            )
        ]
    return []
