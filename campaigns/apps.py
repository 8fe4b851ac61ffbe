from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = "Phong trào – Cuộc thi"

    def ready(self):
        from .permissions import on_post_migrate

        # Runs after auth has created this app's permissions (auth is connected first).
        post_migrate.connect(on_post_migrate, sender=self, dispatch_uid="campaigns-group-permissions")
