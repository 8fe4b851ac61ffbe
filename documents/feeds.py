from django.contrib.syndication.views import Feed
from django.urls import reverse

from congdoan.tenancy import this_federation
from news.feeds import XmlSafeRssFeed, plain_text_description

from .models import Document

FEED_SIZE = 30


class NewDocumentsFeed(Feed):
    """/van-ban/rss/: the documents most recently put on the register (not the newest by date
    of issue: an old decision entered today is news to readers)."""

    page_cache_params = ()  # a public page (congdoan.caching.public_page), no parameters
    feed_type = XmlSafeRssFeed
    language = "vi"

    def title(self):
        return f"{this_federation().short_name} – Văn bản mới"

    description = "Văn bản mới đăng trên trang: nghị quyết, quyết định, kế hoạch, hướng dẫn, công văn."

    def link(self):
        return reverse("documents:register")

    def items(self):
        return Document.objects.published().for_list().order_by("-published_at", "-pk")[:FEED_SIZE]

    def item_title(self, item):
        return f"{item.kind_name} {item.number}: {item.title}"

    def item_description(self, item):
        return plain_text_description(f"{item.issuer.name}, ngày {item.issued_on:%d/%m/%Y}. {item.title}")

    def item_pubdate(self, item):
        return item.published_at

    def item_categories(self, item):
        return [item.kind_name]
