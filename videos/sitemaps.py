from django.contrib.sitemaps import Sitemap

from .models import Video


class VideoSitemap(Sitemap):
    """Published video pages; listed in /sitemap.xml by congdoan.urls.SITEMAPS."""

    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Video.objects.published().only("slug", "updated_at").order_by("-published_at", "-pk")

    def lastmod(self, item):
        return item.updated_at
