"""{% contest_box campaign %}: the contest's link and live figures on its campaign page."""

from django import template

from ..models import Contest
from ..results import live_counts

register = template.Library()


@register.inclusion_tag("contests/includes/campaign_box.html")
def contest_box(campaign):
    """One query (the contest) plus the counts, themselves cached for CONTEST_COUNTS_SECONDS."""
    contest = Contest.objects.filter(campaign=campaign).first()
    if contest is None:
        return {"contest": None}
    return {"contest": contest, "counts": live_counts(contest)}
