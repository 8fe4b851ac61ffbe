from django.core.cache import cache
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from .context_processors import MENU_CACHE_KEY
from .models import Article, Section


@receiver([post_save, post_delete], sender=Section, dispatch_uid="news-menu-cache")
def forget_menu(sender, **kwargs):
    cache.delete(MENU_CACHE_KEY)


@receiver(pre_save, sender=Article, dispatch_uid="news-raw-restore")
def allow_raw_restore(sender, instance, raw=False, **kwargs):
    """Raw saves (fixtures, reversion) restore stored rows on purpose: no conflict check."""
    if raw:
        instance._concurrency_disabled = True
