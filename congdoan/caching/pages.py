"""Whole public pages for readers without a session, and the request's caching scope."""

import hashlib
import logging
import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, QueryDict
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response, patch_vary_headers

from .backends import CacheUnavailable
from .clock import seconds_until_local_midnight
from .generations import close_scope, current_scope, generation_with, open_scope

logger = logging.getLogger(__name__)

PRIVATE_DIRECTIVES = ("private", "no-store", "no-cache")
CACHE_UNAVAILABLE_RETRY_SECONDS = 60


def public_page(*, params: tuple[str, ...] = ()):
    """Mark a view as a public page the page cache may keep, and name the query parameters it
    reads. Any other parameter (`?fbclid=`, `?x=<random>`) neither makes a new cache entry nor
    reaches the view: a stranger cannot fill the cache with variants of one page."""

    def mark(view):
        view.page_cache_params = tuple(params)
        return view

    return mark


def _declared_params(request) -> tuple[str, ...] | None:
    """The parameters the page at this path reads, or None when it is not a public page."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    view = match.func
    params = getattr(view, "page_cache_params", None)
    if params is None:  # class-based views and feeds are marked on the class
        params = getattr(getattr(view, "view_class", type(view)), "page_cache_params", None)
    return params


def _keep_only(request, params: tuple[str, ...]) -> str:
    """Drop undeclared parameters from the request; the kept query, in a canonical order."""
    kept = [(name, value) for name in params for value in request.GET.getlist(name)]
    query = urlencode(kept)
    if query != request.META.get("QUERY_STRING", ""):
        request.META["QUERY_STRING"] = query
        request.GET = QueryDict(query)
    return query


def page_key(address: str) -> str:
    """The cache key of the page at `address` (scheme, host, path and kept query)."""
    return "page:" + hashlib.sha1(address.encode(), usedforsecurity=False).hexdigest()


class PageCacheMiddleware:
    """Serve whole public pages from the cache to readers without a session.

    Only views marked `@public_page` are cached, for GET/HEAD without a session cookie. The
    key is the scheme, host, path and the declared parameters; the stored page carries the
    generation it was rendered in and is served only while that generation is current (see
    congdoan.caching). Only 200 responses that set no cookie, are not marked private and are
    at most PAGE_CACHE_MAX_BYTES are stored, for PAGE_CACHE_SECONDS, until local midnight,
    or for the shortest lifetime a live piece of the page declared.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = open_scope()
        try:
            return self._respond(request)
        finally:
            close_scope(token)

    def _respond(self, request):
        if not self._may_use_cache(request):
            return self.get_response(request)
        params = _declared_params(request)
        if params is None:
            return self.get_response(request)
        query = _keep_only(request, params)
        key = page_key(f"{request.scheme}://{request.get_host()}{request.path}?{query}")
        generation, found = generation_with((key,))
        if generation is None:  # cache unreachable: serve from the database
            return self.get_response(request)

        cached = found.get(key)
        if cached is not None and cached[0] == generation and time.time() < cached[1]:
            return self._from_cache(request, cached[2:])

        response = self.get_response(request)
        max_age = current_scope().max_age
        if self._may_store(response) and max_age != 0:
            self._add_public_headers(response, max_age)
            ttl = self._ttl(max_age)
            cache.set(key, (generation, time.time() + ttl, *self._to_cache(response)), ttl)
            response["X-Page-Cache"] = "miss"
        return response

    def process_exception(self, request, exception):
        if not isinstance(exception, CacheUnavailable):
            return None
        logger.error("Change refused or not propagated: the cache could not be written (%s)", exception)
        response = HttpResponse(render_to_string("caching/unavailable.html", request=request), status=503)
        response["Retry-After"] = str(CACHE_UNAVAILABLE_RETRY_SECONDS)
        response["Cache-Control"] = "no-store"
        return response

    @staticmethod
    def _may_use_cache(request) -> bool:
        return (
            settings.PAGE_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )

    @staticmethod
    def _may_store(response) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if len(response.content) > settings.PAGE_CACHE_MAX_BYTES:
            return False
        cache_control = response.get("Cache-Control", "")
        return not any(directive in cache_control for directive in PRIVATE_DIRECTIVES)

    @staticmethod
    def _add_public_headers(response, max_age: int | None) -> None:
        if "Cache-Control" not in response:
            browser_seconds = settings.PAGE_CACHE_BROWSER_SECONDS
            if max_age is not None:
                browser_seconds = min(browser_seconds, max_age)
            response["Cache-Control"] = f"public, max-age={browser_seconds}"
        response["ETag"] = '"' + hashlib.md5(response.content, usedforsecurity=False).hexdigest() + '"'
        patch_vary_headers(response, ["Accept-Encoding"])

    @staticmethod
    def _ttl(max_age: int | None) -> int:
        ttl = min(settings.PAGE_CACHE_SECONDS, seconds_until_local_midnight())
        return ttl if max_age is None else max(1, min(ttl, max_age))

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
