"""The project's URLs plus media serving, for browser tests (the live server serves static only)."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from congdoan.urls import handler400, handler404, handler500  # noqa: F401
from congdoan.urls import urlpatterns as project_urlpatterns


def media(request, path):
    # MEDIA_ROOT is a per-test temporary folder, so read it at request time.
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [re_path(r"^media/(?P<path>.*)$", media), *project_urlpatterns]
