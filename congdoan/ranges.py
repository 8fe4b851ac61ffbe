"""Byte ranges (RFC 9110 §14) for media files served by Django (`congdoan.views.media`).

Django's `django.views.static.serve` ignores `Range` and always answers the whole file
(WhiteNoise answers ranges, but only for static files). Browsers ask for ranges to play and
seek in a video; Safari plays no MP4 without them. `serve_with_ranges` is a drop-in for
`serve` that answers one range with 206 (or 416), and everything else as `serve` does. In
production nginx or object storage serves media and answers ranges itself; this is for
`SERVE_MEDIA` (`make run`).
"""

import mimetypes
import os
import re

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.utils._os import safe_join
from django.utils.http import http_date, parse_http_date_safe
from django.views.static import serve

_RANGE = re.compile(r"^bytes=(\d{0,18})-(\d{0,18})$")
CHUNK = 64 * 1024


def _span(header: str, size: int) -> tuple[int, int] | bool | None:
    """(first, last) byte of a single range; None to ignore the header; False if unsatisfiable."""
    match = _RANGE.match(header.strip())
    if not match or match.group(1) == match.group(2) == "":
        return None  # several ranges, other units, junk: answer the whole file (allowed)
    first, last = match.groups()
    if first == "":
        length = int(last)
        if length == 0:
            return False
        return max(0, size - length), size - 1
    first = int(first)
    last = min(int(last), size - 1) if last else size - 1
    if first >= size or last < first:
        return False
    return first, last


def _chunks(path: str, first: int, length: int):
    with open(path, "rb") as handle:
        handle.seek(first)
        while length > 0:
            data = handle.read(min(CHUNK, length))
            if not data:
                break
            length -= len(data)
            yield data


def serve_with_ranges(request, path, document_root):
    header = request.META.get("HTTP_RANGE")
    if not header or request.method not in ("GET", "HEAD"):
        response = serve(request, path, document_root=document_root)
        response["Accept-Ranges"] = "bytes"
        return response
    try:
        full_path = safe_join(str(document_root), path)
    except Exception:
        raise Http404 from None
    if not os.path.isfile(full_path):
        return serve(request, path, document_root=document_root)  # its own 404 or directory answer
    stat = os.stat(full_path)
    modified = http_date(stat.st_mtime)
    if_range = request.META.get("HTTP_IF_RANGE")
    if if_range and parse_http_date_safe(if_range) != int(stat.st_mtime):
        return serve(request, path, document_root=document_root)  # changed since: the whole new file
    span = _span(header, stat.st_size)
    if span is None:
        response = serve(request, path, document_root=document_root)
        response["Accept-Ranges"] = "bytes"
        return response
    if span is False:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{stat.st_size}"
        response["Accept-Ranges"] = "bytes"
        return response
    first, last = span
    length = last - first + 1
    body = b"" if request.method == "HEAD" else _chunks(full_path, first, length)
    response = StreamingHttpResponse(body, status=206)
    content_type, encoding = mimetypes.guess_type(full_path)
    response["Content-Type"] = content_type or "application/octet-stream"
    if encoding:
        response["Content-Encoding"] = encoding
    response["Content-Length"] = str(length)
    response["Content-Range"] = f"bytes {first}-{last}/{stat.st_size}"
    response["Accept-Ranges"] = "bytes"
    response["Last-Modified"] = modified
    return response
