"""picture() builds every rendition URL from one storage.url() call: same URLs as rendition_url()."""

import pytest

from congdoan.renditions import WIDTHS, picture, rendition_url
from news.models import Article

NAMES = ["upload/images/nam-2026/thang-11.2026/ảnh đẹp #1.jpg", "upload/images/bench/anh-0001.jpg", "a b/c%d.png"]


@pytest.mark.parametrize("media_url", ["/media/", "https://media.example.vn/"])
@pytest.mark.parametrize("name", NAMES)
def test_picture_urls_equal_rendition_urls(settings, media_url, name):
    settings.MEDIA_URL = media_url
    field_file = Article(cover=name).cover
    result = picture(field_file, 800, 450)
    for extension, srcset in (("jpg", result.jpg_srcset), ("webp", result.webp_srcset)):
        expected = ", ".join(f"{rendition_url(name, w, extension)} {min(w, 800)}w" for w in WIDTHS)
        assert srcset == expected
    assert result.src == rendition_url(name, 720, "jpg")
    assert result.src.startswith(media_url)
