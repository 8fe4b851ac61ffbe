from django import template

from campaigns.models import Campaign
from congdoan.caching import site_today

register = template.Library()


@register.inclusion_tag("campaigns/includes/home_block.html")
def ongoing_campaigns(limit=4):
    """Home block "Phong trào – Cuộc thi": ongoing campaigns, latest start first (2 queries).

    {% load campaigns %}{% ongoing_campaigns %}   or   {% ongoing_campaigns limit=3 %}
    Renders nothing when no campaign is ongoing.
    """
    today = site_today()
    campaigns = list(
        Campaign.objects.published()
        .ongoing(today)
        .select_related("kind")
        .prefetch_related("phases")
        .order_by("-start_date", "-pk")[:limit]
    )
    return {"campaigns": campaigns, "today": today}


@register.inclusion_tag("campaigns/includes/article_campaigns.html")
def article_campaigns(article):
    """The published campaign(s) an article belongs to, for the article page (1 query).

    {% load campaigns %}{% article_campaigns article %}
    Renders nothing when the article is linked to no published campaign.
    """
    campaigns = []
    if article is not None and getattr(article, "pk", None):
        campaigns = list(article.campaigns.published().select_related("kind").order_by("-start_date", "-pk"))
    return {"campaigns": campaigns}
