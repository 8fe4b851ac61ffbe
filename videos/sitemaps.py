from congdoan.publishing import PublishedSitemap

from .models import Video


class VideoSitemap(PublishedSitemap):
    """Published video pages; listed in /sitemap.xml by congdoan.urls.SITEMAPS."""

    model = Video
