import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from congdoan.renditions import generate_renditions, oriented_size, picture, rendition_name
from tests.utils import jpeg_bytes


class _Field:
    """Stands in for an ImageFieldFile: a name in default storage."""

    def __init__(self, name):
        self.name = name
        self.storage = default_storage
        self.closed = True

    def __bool__(self):
        return True

    def open(self, mode="rb"):
        self._f = default_storage.open(self.name, mode)
        self.closed = False
        return self

    def read(self, *args):
        return self._f.read(*args)

    def seek(self, *args):
        return self._f.seek(*args)

    def tell(self):
        return self._f.tell()

    def close(self):
        self._f.close()
        self.closed = True


def test_renditions_are_resized_webp_and_jpeg_with_orientation_applied():
    photo = ContentFile(jpeg_bytes(1600, 900, orientation=6))
    name = default_storage.save("upload/images/nam-2024/thang-07.2024/anh.jpg", photo)
    names = generate_renditions(_Field(name))
    assert rendition_name(name, 720, "webp") in names
    with default_storage.open(rendition_name(name, 720, "webp")) as handle, Image.open(handle) as image:
        assert image.format == "WEBP"
        # Orientation 6 turns the 1600×900 landscape into a 900×1600 portrait, 720 wide.
        assert image.size == (720, 1280)
    with default_storage.open(rendition_name(name, 1200, "jpg")) as handle, Image.open(handle) as image:
        assert image.format == "JPEG"
        assert image.size == (900, 1600)  # never upscaled


def test_oriented_size_swaps_for_rotated_photos():
    assert oriented_size(io.BytesIO(jpeg_bytes(300, 200, orientation=6))) == (200, 300)
    assert oriented_size(io.BytesIO(jpeg_bytes(300, 200))) == (300, 200)


def test_picture_srcset_stops_at_the_photo_width():
    result = picture(_Field("upload/images/a.jpg"), 800, 600)
    assert result.webp_srcset.count("w,") == 2  # 360w, 720w, then the 1200 file holds 800px
    assert result.webp_srcset.endswith("a-1200w.webp 800w")
    assert result.src.endswith("a-720w.jpg")
    assert picture(_Field("upload/images/a.jpg"), 0, 0) is None


@pytest.mark.parametrize("width", [100, 360])
def test_picture_for_small_photo_has_one_candidate(width):
    result = picture(_Field("x.png"), width, 50)
    assert result.jpg_srcset == f"/media/CACHE/renditions/x-360w.jpg {width}w"


def test_regenerating_replaces_old_renditions_in_place():
    name = default_storage.save("upload/images/nam-2024/thang-07.2024/doi.jpg", ContentFile(jpeg_bytes(800, 400)))
    generate_renditions(_Field(name))
    # The photo is replaced under the same name (e.g. an editor re-crops it).
    default_storage.delete(name)
    default_storage.save(name, ContentFile(jpeg_bytes(400, 800)))
    generate_renditions(_Field(name))
    with default_storage.open(rendition_name(name, 360, "jpg")) as handle, Image.open(handle) as image:
        assert image.size == (360, 720)
    folder = rendition_name(name, 360, "jpg").rsplit("/", 1)[0]
    assert len(default_storage.listdir(folder)[1]) == 6  # 3 widths × 2 formats, no leftovers
