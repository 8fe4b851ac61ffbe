"""Range requests for media served by Django (`make run`): what a browser's video player asks,
answered by `congdoan.ranges.serve_with_ranges` and through `/media/` (`congdoan.views.media`)."""

import os

import pytest
from django.http import Http404
from django.test import RequestFactory
from django.utils.http import http_date

from congdoan.ranges import serve_with_ranges

CONTENT = bytes(range(256)) * 4  # 1024 bytes


@pytest.fixture
def root(tmp_path):
    folder = tmp_path / "upload" / "video"
    folder.mkdir(parents=True)
    (folder / "phong-su.mp4").write_bytes(CONTENT)
    return tmp_path


def get(root, header=None, method="get", **extra):
    if header is not None:
        extra["HTTP_RANGE"] = header
    request = getattr(RequestFactory(), method)("/media/upload/video/phong-su.mp4", **extra)
    return serve_with_ranges(request, "upload/video/phong-su.mp4", document_root=root)


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize(
    "header, first, last",
    [("bytes=0-9", 0, 9), ("bytes=1000-", 1000, 1023), ("bytes=-24", 1000, 1023), ("bytes=1000-5000", 1000, 1023),
     ("bytes=-5000", 0, 1023), ("bytes=1023-1023", 1023, 1023)],
)  # fmt: skip
def test_one_range_is_answered_with_206_and_exactly_those_bytes(root, header, first, last):
    response = get(root, header)
    assert response.status_code == 206
    assert body(response) == CONTENT[first : last + 1]
    assert (response["Content-Range"], response["Content-Length"], response["Content-Type"]) == (
        f"bytes {first}-{last}/1024",
        str(last - first + 1),
        "video/mp4",
    )
    assert response["Accept-Ranges"] == "bytes"


@pytest.mark.parametrize("header", ["bytes=1024-", "bytes=2000-3000", "bytes=-0", "bytes=9-3"])
def test_an_unsatisfiable_range_is_416(root, header):
    response = get(root, header)
    assert (response.status_code, response["Content-Range"]) == (416, "bytes */1024")


@pytest.mark.parametrize("header", ["bytes=0-1,5-9", "items=0-9", "bytes=-", "bytes=x-y", "bytes=0-9" + "0" * 30])
def test_other_range_headers_get_the_whole_file(root, header):
    response = get(root, header)
    assert (response.status_code, body(response), response["Accept-Ranges"]) == (200, CONTENT, "bytes")


def test_no_range_is_the_whole_file_announcing_ranges(root):
    response = get(root)
    assert (response.status_code, body(response), response["Accept-Ranges"]) == (200, CONTENT, "bytes")


def test_if_range_with_an_old_date_gets_the_new_whole_file(root):
    stale = http_date(os.stat(root / "upload/video/phong-su.mp4").st_mtime - 3600)
    assert get(root, "bytes=0-9", HTTP_IF_RANGE=stale).status_code == 200
    current = http_date(os.stat(root / "upload/video/phong-su.mp4").st_mtime)
    assert get(root, "bytes=0-9", HTTP_IF_RANGE=current).status_code == 206


def test_head_answers_the_range_without_a_body(root):
    response = get(root, "bytes=0-9", method="head")
    assert (response.status_code, body(response), response["Content-Length"]) == (206, b"", "10")


@pytest.mark.parametrize("path", ["../secret.txt", "upload/../../secret.txt", "/etc/passwd", "upload/khong-co.mp4"])
def test_nothing_outside_media_and_nothing_missing(root, path):
    (root.parent / "secret.txt").write_text("bí mật")
    request = RequestFactory().get("/media/x", HTTP_RANGE="bytes=0-9")
    with pytest.raises(Http404):
        serve_with_ranges(request, path, document_root=root)


# --- Through /media/ (congdoan.views.media) ---------------------------------------------------


@pytest.fixture
def served(settings, root):
    settings.MEDIA_ROOT = root
    settings.SERVE_MEDIA = True
    return root


@pytest.mark.django_db  # the request's federation comes from the directory of hosts
def test_media_answers_a_video_range_with_206(client, served):
    response = client.get("/media/upload/video/phong-su.mp4", HTTP_RANGE="bytes=100-199")
    assert response.status_code == 206
    assert body(response) == CONTENT[100:200]
    assert (response["Content-Range"], response["Content-Length"], response["Content-Type"]) == (
        "bytes 100-199/1024",
        "100",
        "video/mp4",
    )
    whole = client.get("/media/upload/video/phong-su.mp4")
    assert (whole.status_code, body(whole), whole["Accept-Ranges"]) == (200, CONTENT, "bytes")
    assert client.get("/media/upload/video/phong-su.mp4", HTTP_RANGE="bytes=5000-").status_code == 416


@pytest.mark.django_db
def test_media_outside_the_folder_missing_or_not_served_is_404(client, served, settings):
    (served.parent / "secret.txt").write_text("bí mật")
    for path in ("/media/../secret.txt", "/media/upload/khong-co.mp4", "/media/upload/%2e%2e/%2e%2e/secret.txt"):
        assert client.get(path, HTTP_RANGE="bytes=0-9").status_code == 404, path
    settings.SERVE_MEDIA = False
    assert client.get("/media/upload/video/phong-su.mp4", HTTP_RANGE="bytes=0-9").status_code == 404
