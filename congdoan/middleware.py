"""Full-page cache for anonymous readers, and the security headers of every response."""

import hashlib
import re
from datetime import datetime, time, timedelta

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers

from .cache import cache_generation_with

UNCACHED_PREFIXES = ("/admin/", "/ckeditor/", "/media/", "/static/", "/healthz")
# Added by Facebook, Zalo, Google and newsletters to shared links; no page reads them, so a
# reader arriving from a share gets the cached page instead of a fresh render.
TRACKING_PARAMETER = re.compile(r"(utm_\w*|fbclid|gclid|gbraid|wbraid|msclkid|zarsrc|mc_cid|mc_eid|_gl)", re.ASCII)


def cache_path(request) -> str:
    """The path and query string without tracking parameters, order kept."""
    query = request.META.get("QUERY_STRING", "")
    if not query:
        return request.path
    kept = [part for part in query.split("&") if part and not TRACKING_PARAMETER.fullmatch(part.split("=", 1)[0])]
    return f"{request.path}?{'&'.join(kept)}" if kept else request.path


PRIVATE_DIRECTIVES = ("private", "no-store", "no-cache")


def seconds_until_local_midnight(now: datetime | None = None) -> int:
    local = timezone.localtime(now)
    midnight = timezone.make_aware(datetime.combine(local.date() + timedelta(days=1), time.min))
    return max(1, int((midnight - local).total_seconds()))


class PageCacheMiddleware:
    """Serve whole public pages from the cache to readers without a session.

    Bypassed for anyone with a session cookie (staff, previews), for unsafe methods and for
    admin/uploads. Only 200 responses that set no cookie and are not marked private are
    stored. The key is the host and the path with its query (tracking parameters such as
    `fbclid` or `utm_source` left out); the stored page carries its generation, the content
    version (bumped by any edit or passing schedule, see congdoan.cache) and the local day,
    and is served only while both are current: an edit shows at once, and the ticker and
    campaign statuses turn over at midnight in Asia/Ho_Chi_Minh.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._may_use_cache(request):
            return self.get_response(request)
        # One round trip: the content version and the page stored for this address. The page
        # carries the generation it was rendered for; an older one is a miss.
        raw_key = f"{request.get_host()}|{cache_path(request)}"
        key = "page:" + hashlib.sha1(raw_key.encode(), usedforsecurity=False).hexdigest()
        generation, found = cache_generation_with(request, (key,))
        if generation is None:  # cache unreachable: serve from the database
            return self.get_response(request)

        cached = found.get(key)
        if cached is not None and cached[0] == generation:
            return self._from_cache(request, cached[1:])

        response = self.get_response(request)
        if self._may_store(response):
            self._add_public_headers(response)
            cache.set(key, (generation, *self._to_cache(response)), self._ttl())
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _may_use_cache(request) -> bool:
        return (
            settings.PAGE_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and not request.path_info.startswith(UNCACHED_PREFIXES)
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )

    @staticmethod
    def _may_store(response) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        cache_control = response.get("Cache-Control", "")
        return not any(directive in cache_control for directive in PRIVATE_DIRECTIVES)

    @staticmethod
    def _add_public_headers(response) -> None:
        if "Cache-Control" not in response:
            response["Cache-Control"] = f"public, max-age={settings.PAGE_CACHE_BROWSER_SECONDS}"
        response["ETag"] = '"' + hashlib.md5(response.content, usedforsecurity=False).hexdigest() + '"'
        patch_vary_headers(response, ["Accept-Encoding"])

    @staticmethod
    def _ttl() -> int:
        return min(settings.PAGE_CACHE_SECONDS, seconds_until_local_midnight())

    @staticmethod
    def _to_cache(response) -> tuple:
        headers = [(name, value) for name, value in response.items() if name.lower() != "x-page-cache"]
        return (response.status_code, headers, response.content)

    @staticmethod
    def _from_cache(request, cached) -> HttpResponse:
        status, headers, content = cached
        header_map = dict(headers)
        conditional = get_conditional_response(request, etag=header_map.get("ETag"))
        if conditional is not None:
            for name in ("Cache-Control", "Vary", "ETag"):
                if name in header_map:
                    conditional[name] = header_map[name]
            return conditional
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with a strict policy for the public site and a looser one for the admin.

    CKEditor 4 in the admin needs inline styles and scripts and same-origin frames
    (its upload dialog posts into an iframe); readers' pages need none of that.
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and request.path_info.startswith(("/admin/", "/ckeditor/")):
            parts.config = settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
        return parts


class PermissionsPolicyMiddleware:
    """Tell browsers this site uses no camera, microphone, location or payment features."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response
