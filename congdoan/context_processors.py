from .models import SiteIdentity


def site(request):
    """The site identity for every template (one cache read, a query only on a miss)."""
    return {"site": SiteIdentity.current()}
