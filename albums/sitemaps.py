from django.contrib.sitemaps import Sitemap

from .models import Album


class AlbumSitemap(Sitemap):
    """Published albums; listed in /sitemap.xml by congdoan.urls.SITEMAPS."""

    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Album.objects.published().only("slug", "updated_at").order_by("-published_at", "-pk")

    def lastmod(self, item):
        return item.updated_at
