from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class ContestsConfig(AppConfig):
    name = "contests"
    verbose_name = "Cuộc thi trực tuyến"

    def ready(self):
        from .models import Contest, Round, Unit, UnitGroup

        # "contests" is deliberately not in congdoan.cache.CONTENT_APPS: contestants' answers,
        # attempts and registrations are written on every click and must not empty the
        # site-wide page cache. Only what organisers edit (and the campaign page may show)
        # bumps the content version.
        for model in (Contest, Round, Unit, UnitGroup):
            post_save.connect(_bump, sender=model, dispatch_uid=f"contests-bump-save-{model.__name__}")
            post_delete.connect(_bump, sender=model, dispatch_uid=f"contests-bump-delete-{model.__name__}")


def _bump(sender, raw=False, **kwargs):
    if raw:
        return
    from congdoan.cache import bump_content_version

    bump_content_version()
