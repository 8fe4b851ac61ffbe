from django.contrib.sitemaps import Sitemap

from .models import Contest


class ContestSitemap(Sitemap):
    """The contest pages of published campaigns (registration and login pages stay out)."""

    changefreq = "daily"
    priority = 0.6

    def items(self):
        return Contest.objects.published().select_related("campaign").order_by("-pk")

    def lastmod(self, item):
        return item.campaign.updated_at
