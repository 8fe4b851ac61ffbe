from functools import cache

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from .caching import public_page
from .ranges import serve_with_ranges


@never_cache
def healthz(request):
    """The framework floor for benchmarks: no database, no templates."""
    return HttpResponse(b"ok", content_type="text/plain")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Must not touch the database or the context processors: they may be why we are here.
    from django.template import loader

    template = loader.get_template("500.html")
    return HttpResponse(template.render({}), status=500)


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


@public_page()
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /ckeditor/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@cache
def _favicon_bytes() -> bytes:
    return (settings.BASE_DIR / "static" / "favicon.ico").read_bytes()


def favicon(request):
    """/favicon.ico, which browsers and crawlers ask for whatever the page links (a 404
    there is a console error on every first visit). Pages link static/favicon.svg."""
    response = HttpResponse(_favicon_bytes(), content_type="image/x-icon")
    response["Cache-Control"] = "public, max-age=86400"
    return response


def media(request, path):
    """Uploaded files, when this process is asked to serve them (`make run`); nginx does in
    production. A byte range is answered on its own (206): a video plays and seeks."""
    if not settings.SERVE_MEDIA:
        raise Http404
    return serve_with_ranges(request, path, document_root=settings.MEDIA_ROOT)
