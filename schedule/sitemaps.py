from django.contrib.sitemaps import Sitemap

from .models import Week


class ScheduleSitemap(Sitemap):
    """Every published week (/lich-cong-tac/?tuan=2026-W49), newest first."""

    changefreq = "daily"
    priority = 0.4

    def items(self):
        return Week.objects.published().order_by("-starts_on")

    def lastmod(self, item):
        return item.updated_at
