from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from about.sitemaps import AboutPageSitemap, AboutStaticSitemap
from albums.sitemaps import AlbumSitemap
from campaigns.sitemaps import CampaignSitemap
from contests.sitemaps import ContestSitemap
from documents.sitemaps import DocumentSitemap
from legal.sitemaps import PublicationSitemap
from news.sitemaps import SITEMAPS as NEWS_SITEMAPS
from schedule.sitemaps import ScheduleSitemap
from videos.sitemaps import VideoSitemap

from . import admin_views, uploads, views
from .caching import public_page

SITEMAPS = {
    **NEWS_SITEMAPS,
    "campaigns": CampaignSitemap,
    "contests": ContestSitemap,
    "documents": DocumentSitemap,
    "legal": PublicationSitemap,
    "about": AboutPageSitemap,
    "about-static": AboutStaticSitemap,
    "schedule": ScheduleSitemap,
    "albums": AlbumSitemap,
    "videos": VideoSitemap,
}


@public_page(params=("p",))
def sitemap_xml(request):
    return sitemap(request, sitemaps=SITEMAPS)


handler400 = "congdoan.views.bad_request"
handler404 = "congdoan.views.page_not_found"
handler500 = "congdoan.resilience.server_error"

urlpatterns = [
    # Before the admin's own: "view on site" only for objects the user may see.
    path(
        "admin/r/<int:content_type_id>/<path:object_id>/",
        admin.site.admin_view(admin_views.view_on_site),
        name="admin_view_on_site",
    ),
    path("admin/", admin.site.urls),
    path("ckeditor/upload/", uploads.upload, name="ckeditor_upload"),
    path("ckeditor/browse/", uploads.browse, name="ckeditor_browse"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    re_path(r"^media/(?P<path>.*)$", views.media, name="media"),
    path("sitemap.xml", sitemap_xml, name="sitemap"),
    path("phong-trao/", include("campaigns.urls")),
    path("cuoc-thi/", include("contests.urls")),
    path("van-ban/", include("documents.urls")),
    # The challenge images of the members' forms (django-simple-captcha), before the Q&A slugs.
    path("hoi-dap/ma-xac-nhan/", include("captcha.urls")),
    path("hoi-dap/", include("legal.urls")),
    path("lich-cong-tac/", include("schedule.urls")),
    path("", include("about.urls")),
    path("thu-vien-anh/", include("albums.urls")),
    path("video/", include("videos.urls")),
    path("", include("banners.urls")),
    path("", include("news.urls")),
]
