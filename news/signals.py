from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .context_processors import MENU_CACHE_KEY
from .models import Section


@receiver([post_save, post_delete], sender=Section, dispatch_uid="news-menu-cache")
def forget_menu(sender, **kwargs):
    cache.delete(MENU_CACHE_KEY)
