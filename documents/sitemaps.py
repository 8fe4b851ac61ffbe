from django.contrib.sitemaps import Sitemap

from .models import Document


class DocumentSitemap(Sitemap):
    """Published documents; wired into /sitemap.xml in congdoan/urls.py."""

    changefreq = "monthly"
    priority = 0.5
    limit = 50000  # the sitemap protocol maximum per file

    def items(self):
        return Document.objects.published().only("slug", "updated_at").order_by("-issued_on", "-pk")

    def lastmod(self, item):
        return item.updated_at
