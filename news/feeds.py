import re

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Rss201rev2Feed, rfc3339_date
from django.utils.html import escape

from congdoan.caching import declare_max_age
from congdoan.tenancy import this_federation

from .models import Article, Section
from .national import NETWORK_FEED_SIZE, NETWORK_SECONDS, article_link, is_national_site, network_latest

FEED_SIZE = 30

# Characters XML 1.0 cannot hold; Django's feed writer raises (a 500) on them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_clean(value):
    if isinstance(value, str):
        return _NOT_XML.sub("", value)
    if isinstance(value, (list, tuple)):
        return type(value)(_xml_clean(v) for v in value)
    return value


class XmlSafeRssFeed(Rss201rev2Feed):
    """RSS 2.0 that drops control characters a pasted text may carry, instead of failing."""

    def write(self, outfile, encoding):
        self.feed = {key: _xml_clean(value) for key, value in self.feed.items()}
        self.items = [{key: _xml_clean(value) for key, value in item.items()} for item in self.items]
        super().write(outfile, encoding)


class ArticleRssFeed(XmlSafeRssFeed):
    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        # RSS 2.0 has no per-item update date; Atom's, in the namespace Django already declares,
        # carries an editor's recorded content update (see Article.modified_at).
        if item["updateddate"] is not None and item["updateddate"] != item["pubdate"]:
            handler.addQuickElement("atom:updated", rfc3339_date(item["updateddate"]))


def plain_text_description(text: str) -> str:
    """An item's <description> is HTML to feed readers: plain text (the sapo) is escaped once
    more, so `<script>` typed by an editor shows as text there too."""
    return escape(text)


class LatestFeed(Feed):
    page_cache_params = ()  # a public page (congdoan.caching.public_page), no parameters
    feed_type = ArticleRssFeed
    language = "vi"

    def title(self, obj=None):
        return f"{this_federation().short_name} – Tin mới"

    def link(self, obj=None):
        return "/"

    def description(self, obj=None):
        return f"Tin bài mới nhất của {this_federation().full_name}"

    def items(self, obj=None):
        return Article.objects.published().for_cards()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return plain_text_description(item.sapo)

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.modified_at

    def item_author_name(self, item):
        return item.byline_name or None

    def item_categories(self, item):
        return [item.section.name]


class SectionFeed(LatestFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def title(self, obj=None):
        return f"{this_federation().short_name} – {obj.name}"

    def link(self, obj=None):
        return obj.get_absolute_url()

    def description(self, obj=None):
        return obj.description or f"Tin bài mới nhất chuyên mục {obj.name}"

    def items(self, obj=None):
        return Article.objects.published().in_section(obj).for_cards()[:FEED_SIZE]


class NetworkFeed(LatestFeed):
    """The national site's aggregate: the newest articles of every federation of the network,
    each linking to its original on its federation's host. Only on the national site."""

    def get_object(self, request):
        if not is_national_site():
            raise Http404("Chỉ trang Tổng Liên đoàn có tin tổng hợp các Liên đoàn.")
        return request

    def title(self, obj=None):
        return f"{this_federation().short_name} – Tin từ các Liên đoàn"

    def description(self, obj=None):
        return "Tin bài mới nhất của các Liên đoàn Lao động tỉnh, thành phố và Công đoàn ngành"

    def items(self, obj=None):
        # Other federations' scheduled articles do not renew the national generation.
        declare_max_age(NETWORK_SECONDS)
        items = list(network_latest(NETWORK_FEED_SIZE, per_federation=None))
        for item in items:
            link = article_link(obj, item)
            item.origin_url, item.origin = link.url, link.origin
        return items

    def item_link(self, item):
        return item.origin_url

    def item_categories(self, item):
        return [item.origin.short_name] if item.origin is not None else [item.section.name]
