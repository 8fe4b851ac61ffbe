from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .services import page_tree


class AboutPageSitemap(Sitemap):
    """Every published page under /gioi-thieu/ (one query: addresses are built in memory)."""

    changefreq = "monthly"
    priority = 0.5

    def items(self):
        by_path = page_tree().by_path
        return [by_path[path] for path in sorted(by_path)]

    def location(self, item):
        return item.get_absolute_url()

    def lastmod(self, item):
        return item.updated_at


class AboutStaticSitemap(Sitemap):
    """The table of contents, the contact page and the English page."""

    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return ["about:index", "about:contact", "about:english"]

    def location(self, item):
        return reverse(item)
