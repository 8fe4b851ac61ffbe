from django.contrib.sitemaps import Sitemap

from .models import Campaign


class CampaignSitemap(Sitemap):
    """Published campaign pages; wired into /sitemap.xml by the news app's sitemap view."""

    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Campaign.objects.published().order_by("-start_date", "pk")

    def lastmod(self, item):
        return item.updated_at
