"""Absolute links to this site's pages (canonical, og:url, share buttons, feeds' images).

Every absolute URL the templates print comes from `absolute_url`, so how the scheme and
host are decided (today: from the request) can change in this one function.
"""

from django.http import HttpRequest


def absolute_url(request: HttpRequest | None, path: str) -> str:
    """`path` as a full URL of this site, e.g. `https://congdoan.example.vn/bai-viet/x/`."""
    if request is None:
        return path
    return request.build_absolute_uri(path)
