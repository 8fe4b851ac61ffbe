from django.contrib.syndication.views import Feed
from django.urls import reverse

from news.feeds import XmlSafeRssFeed, plain_text_description

from .models import Campaign


class CampaignFeed(Feed):
    """/phong-trao/rss/: the latest published campaigns."""

    page_cache_params = ()  # a public page (congdoan.caching.public_page), no parameters

    feed_type = XmlSafeRssFeed

    title = "Phong trào – Cuộc thi"
    description = "Phong trào thi đua, cuộc thi và đợt tuyên truyền của Liên đoàn Lao động tỉnh."

    def link(self):
        return reverse("campaigns:list")

    def items(self):
        return Campaign.objects.published().select_related("kind").order_by("-created_at", "-pk")[:20]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return plain_text_description(
            f"{item.kind.name} · {item.start_date:%d/%m/%Y} – {item.end_date:%d/%m/%Y}. {item.summary}"
        )

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.kind.name]
