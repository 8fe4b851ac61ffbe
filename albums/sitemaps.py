from congdoan.publishing import PublishedSitemap

from .models import Album


class AlbumSitemap(PublishedSitemap):
    """Published albums; listed in /sitemap.xml by congdoan.urls.SITEMAPS."""

    model = Album
