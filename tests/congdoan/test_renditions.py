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


def test_a_phone_photo_is_decoded_once_for_all_six_renditions(monkeypatch):
    """One decode (at the JPEG scale still wider than the widest rendition) serves every
    width and format: six decodes of a 12-megapixel photo made an album upload take minutes."""
    name = default_storage.save(
        "upload/images/nam-2024/thang-07.2024/dien-thoai.jpg", ContentFile(jpeg_bytes(4000, 3000))
    )
    opened = []
    real_open = Image.open

    def counting_open(*args, **kwargs):
        image = real_open(*args, **kwargs)
        opened.append(image.size)
        return image

    monkeypatch.setattr(Image, "open", counting_open)
    names = generate_renditions(_Field(name))
    monkeypatch.undo()
    assert opened == [(4000, 3000)]
    sizes = []
    for rendition in names:
        with default_storage.open(rendition) as handle, Image.open(handle) as image:
            sizes.append((rendition.rsplit("-", 1)[1], image.format, image.size))
    assert sizes == [
        ("1200w.webp", "WEBP", (1200, 900)), ("1200w.jpg", "JPEG", (1200, 900)),
        ("720w.webp", "WEBP", (720, 540)), ("720w.jpg", "JPEG", (720, 540)),
        ("360w.webp", "WEBP", (360, 270)), ("360w.jpg", "JPEG", (360, 270)),
    ]  # fmt: skip


@pytest.mark.parametrize("image_format", ["PNG", "GIF"])
def test_a_transparent_logo_keeps_its_transparency_in_webp_and_is_on_white_in_jpeg(image_format):
    """A palette logo with a transparent background: resizing it as a palette image dropped
    the transparency, and the narrower renditions (the ones phones load) turned black."""
    logo = Image.new("P", (800, 500), 0)
    logo.putpalette([0, 0, 0, 200, 30, 30] + [0] * 762)
    logo.paste(1, (200, 100, 600, 400))
    buffer = io.BytesIO()
    logo.save(buffer, image_format, transparency=0)
    name = default_storage.save(
        f"upload/images/nam-2024/thang-07.2024/logo.{image_format.lower()}", ContentFile(buffer.getvalue())
    )
    corners = {}
    for rendition in generate_renditions(_Field(name)):
        with default_storage.open(rendition) as handle, Image.open(handle) as image:
            corners[rendition.rsplit("-", 1)[1]] = (image.mode, image.getpixel((0, 0)))
    assert corners == {
        "1200w.webp": ("RGBA", (0, 0, 0, 0)), "1200w.jpg": ("RGB", (255, 255, 255)),
        "720w.webp": ("RGBA", (0, 0, 0, 0)), "720w.jpg": ("RGB", (255, 255, 255)),
        "360w.webp": ("RGBA", (0, 0, 0, 0)), "360w.jpg": ("RGB", (255, 255, 255)),
    }  # fmt: skip


def test_a_sixteen_bit_grey_scan_keeps_its_greys():
    """Pillow's own conversion of 16-bit grey clips every value above 255 to white."""
    buffer = io.BytesIO()
    Image.new("I;16", (1600, 1000), 30000).save(buffer, "PNG")
    name = default_storage.save("upload/images/nam-2024/thang-07.2024/ban-quet.png", ContentFile(buffer.getvalue()))
    greys = {}
    for rendition in generate_renditions(_Field(name)):
        with default_storage.open(rendition) as handle, Image.open(handle) as image:
            greys[rendition.rsplit("-", 1)[1]] = image.convert("RGB").getpixel((10, 10))
    # 30000 / 256 = 117.2 (WebP's colour conversion rounds it up); white before the fix.
    jpg, webp = (117, 117, 117), (118, 118, 118)
    assert greys == {
        "1200w.webp": webp, "1200w.jpg": jpg, "720w.webp": webp, "720w.jpg": jpg, "360w.webp": webp, "360w.jpg": jpg,
    }  # fmt: skip
