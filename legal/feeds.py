from django.contrib.syndication.views import Feed
from django.urls import reverse

from congdoan.tenancy import this_federation
from news.feeds import XmlSafeRssFeed, plain_text_description

from .models import Publication

FEED_SIZE = 20


class PublicationFeed(Feed):
    """/hoi-dap/rss/: the latest published Q&As (their public version only: no contact column)."""

    page_cache_params = ()  # a public page (congdoan.caching.public_page), no parameters
    feed_type = XmlSafeRssFeed
    language = "vi"

    def get_object(self, request):
        """The federation, looked up once for the title and the description."""
        return this_federation()

    def title(self, federation):
        return f"{federation.short_name} – Hỏi đáp pháp luật"

    def link(self):
        return reverse("legal:list")

    def description(self, federation):
        office = f"Văn phòng tư vấn pháp luật {federation.short_name}"
        return f"Câu hỏi của đoàn viên, người lao động và trả lời của {office}."

    def items(self):
        return Publication.objects.published().for_cards()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return plain_text_description(f"{item.asker_label} hỏi: {item.question_text}")

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.adviser.name

    def item_categories(self, item):
        return [item.topic.name]
