from django.contrib.sitemaps import Sitemap

from .models import Publication


class PublicationSitemap(Sitemap):
    """Published Q&As (public version only); listed in congdoan.urls.SITEMAPS."""

    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Publication.objects.published().only("slug", "updated_at").order_by("-published_at", "pk")

    def lastmod(self, item):
        return item.updated_at
