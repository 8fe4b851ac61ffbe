"""Absolute links to this site's pages (canonical, og:url, share buttons, feeds' images).

Every absolute URL the templates print comes from `absolute_url`, so how the scheme and
host are decided (today: from the request) can change in this one function.
"""

from django.http import HttpRequest
from django.http.request import split_domain_port


def absolute_url(request: HttpRequest | None, path: str) -> str:
    """`path` as a full URL of this site, e.g. `https://congdoan.example.vn/bai-viet/x/`."""
    if request is None:
        return path
    return request.build_absolute_uri(path)


def federation_url(request: HttpRequest | None, federation_id, path: str) -> str | None:
    """`path` on federation `federation_id`'s primary host, with this request's scheme and
    port (`congdoan.localhost:8000` in development); None when it has no host or there is no
    request. One rule for every link that crosses to another site of the network."""
    host = None if request is None else _primary_hosts(request).get(federation_id)
    if host is None:
        return None
    port = split_domain_port(request.get_host())[1]
    port = f":{port}" if port and port not in ("80", "443") else ""
    return f"{request.scheme}://{host}{port}{path}"


def _primary_hosts(request: HttpRequest) -> dict:
    """The network's primary hosts, read once per request (a page links many federations)."""
    from .tenancy import directory

    known = getattr(request, "_primary_hosts", None)
    if known is None:
        known = request._primary_hosts = directory().primary_hosts
    return known
