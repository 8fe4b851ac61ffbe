"""The national layer of the news: what the national union's site gathers from the network.

- "Tin từ các Liên đoàn" on the national home and the national RSS aggregate: the newest
  articles of every active federation, each linking to its article on its origin's own host
  (the canonical address stays there: the network never publishes a story twice).
- National search across every federation, with a federation filter.
- Links: an article of another federation (a federation's article on the national site, a
  national article pushed to a federation) is linked on its origin's primary host.

Federations and their hosts come from the cached directory (`congdoan.tenancy.directory`):
none of this costs a query beyond the articles themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

from congdoan.links import federation_url
from congdoan.tenancy import current_federation, directory, everywhere

from .models import Article

NETWORK_LATEST = 12  # "Tin từ các Liên đoàn" on the national home
NETWORK_LATEST_PER_FEDERATION = 2  # so one busy federation does not fill the block
NETWORK_FEED_SIZE = 30
# Other federations' scheduled articles do not renew the national generation when they go
# live: pieces showing them are at most this old (and so is the page around them).
NETWORK_SECONDS = 60


@dataclass(frozen=True)
class ArticleLink:
    url: str
    origin: object | None = None  # the article's federation when it is not the one being served


def is_national_site() -> bool:
    federation = current_federation()
    return federation is not None and federation.is_national


def origin_url(request, article) -> str:
    """The article's address on its own federation's primary host (its path alone when that
    federation has no host)."""
    path = article.get_absolute_url()
    return federation_url(request, article.federation_id, path) or path


def article_link(request, article) -> ArticleLink:
    """Where a card links: the page on this site, or the original on its federation's host."""
    federation = getattr(request, "federation", None) or current_federation()
    if federation is None or article.federation_id == federation.pk:
        return ArticleLink(article.get_absolute_url())
    return ArticleLink(origin_url(request, article), directory().federations.get(article.federation_id))


def network_federations() -> list:
    """Active federations other than the national union that have a public host, by name."""
    known = directory()
    found = [
        federation
        for federation in known.federations.values()
        if federation.is_active and not federation.is_national and federation.pk in known.primary_hosts
    ]
    return sorted(found, key=lambda federation: (federation.kind, federation.short_name))


def search_federations() -> list:
    """The national search's filter: the national union first, then every federation."""
    known = directory()
    national = known.federations.get(known.national_id)
    return ([national] if national is not None else []) + network_federations()


def network_latest(limit: int = NETWORK_LATEST, per_federation: int | None = NETWORK_LATEST_PER_FEDERATION):
    """The newest published articles of the network's federations, in one query."""
    ids = [federation.pk for federation in network_federations()]
    return everywhere(Article).published().for_cards().newest_of_federations(ids, limit, per_federation)
