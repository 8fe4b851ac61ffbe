from django.contrib import admin
from django.urls import include, path, re_path

from . import uploads, views

handler400 = "congdoan.views.bad_request"
handler404 = "congdoan.views.page_not_found"
handler500 = "congdoan.views.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("ckeditor/upload/", uploads.upload, name="ckeditor_upload"),
    path("ckeditor/browse/", uploads.browse, name="ckeditor_browse"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    re_path(r"^media/(?P<path>.*)$", views.media, name="media"),
    path("phong-trao/", include("campaigns.urls")),
    path("", include("banners.urls")),
    path("", include("news.urls")),
]
