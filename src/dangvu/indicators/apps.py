from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "dangvu.indicators"
    label = "indicators"
    verbose_name = "Chỉ tiêu và số liệu"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate, pre_migrate

        from dangvu.indicators import freshness, sheet_cache

        connection_created.connect(freshness.on_connection_created, dispatch_uid="dangvu-freshness")
        pre_migrate.connect(freshness.migrating, dispatch_uid="dangvu-freshness-pre")
        post_migrate.connect(freshness.migrated, dispatch_uid="dangvu-freshness-post")
        freshness.on_lost_bump.append(sheet_cache.forget)
