from django.contrib.sitemaps import Sitemap

from .models import Article, Section, Tag


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    limit = 50000  # the sitemap protocol maximum per file

    def items(self):
        return Article.objects.published().only("slug", "publish_at", "revised_at").order_by("-publish_at", "-pk")

    def lastmod(self, item):
        # What readers see as the article's date, not its last save (a typo fix is no news).
        return item.modified_at


class SectionSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return Section.objects.all()


class TagSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.3

    def items(self):
        return Tag.objects.filter(articles__in=Article.objects.published()).distinct()


SITEMAPS = {"articles": ArticleSitemap, "sections": SectionSitemap, "tags": TagSitemap}
