"""{% contest_box campaign %}: the contest's link and live figures on its campaign page;
{% network_contests %}: the national union's network-wide contests on a federation's site."""

from django import template
from django.urls import reverse

from congdoan.caching import cached
from congdoan.tenancy import current_federation, directory, everywhere

from .. import network
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


@register.inclusion_tag("contests/includes/network_contests.html", takes_context=True)
def network_contests(context):
    """{% network_contests %}: on a federation's site, the national union's published
    network-wide contests, linked on the national host with this federation chosen in advance
    (contests.network). One query per generation (a national edit renews every federation's);
    none on the national site or in a network without a national union."""
    request = context.get("request")
    federation = current_federation()
    national_id = directory().national_id
    if request is None or federation is None or national_id is None or federation.pk == national_id:
        return {"contests": []}

    def load():
        found = everywhere(Contest).published().network_wide().filter(federation_id=national_id)
        return [(contest.slug, contest.campaign.title) for contest in found.select_related("campaign")]

    taking_part = network.is_eligible(federation.pk)
    shown = []
    for slug, title in cached("network-contests", national_id, load):
        register_path = reverse("contests:register", args=[slug])
        shown.append(
            {
                "title": title,
                "url": network.national_url(request, reverse("contests:detail", args=[slug])),
                "register_url": network.national_url(
                    request, f"{register_path}?lien_doan={federation.code}" if taking_part else register_path
                ),
            }
        )
    return {"contests": shown}
