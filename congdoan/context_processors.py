from .models import SiteIdentity


def site(request):
    """The site identity for every template (one cache read, a query only on a miss).

    Named `site_identity`, not `site`: Django's auth views put their own `site` in the context.
    """
    return {"site_identity": SiteIdentity.current()}
