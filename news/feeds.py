from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Rss201rev2Feed

from congdoan.models import SiteIdentity

from .models import Article, Section

FEED_SIZE = 30


class LatestFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "vi"

    def title(self, obj=None):
        return f"{SiteIdentity.current().short_name} – Tin mới"

    def link(self, obj=None):
        return "/"

    def description(self, obj=None):
        return f"Tin bài mới nhất của {SiteIdentity.current().full_name}"

    def items(self, obj=None):
        return Article.objects.published().for_cards()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.sapo

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.byline_name or None

    def item_categories(self, item):
        return [item.section.name]


class SectionFeed(LatestFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def title(self, obj=None):
        return f"{SiteIdentity.current().short_name} – {obj.name}"

    def link(self, obj=None):
        return obj.get_absolute_url()

    def description(self, obj=None):
        return obj.description or f"Tin bài mới nhất chuyên mục {obj.name}"

    def items(self, obj=None):
        return Article.objects.published().in_section(obj).for_cards()[:FEED_SIZE]
