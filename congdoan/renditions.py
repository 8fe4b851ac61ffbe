"""Resized renditions of uploaded photos, made with django-imagekit.

Each photo gets a few widths in WebP and JPEG. Names are deterministic, so a page
builds `srcset` without touching the disk or the cache; the files are made when
the photo is saved (`generate_renditions`) and again by `make_renditions`.
"""

import os
from dataclasses import dataclass

from django.core.files.storage import default_storage
from imagekit.cachefiles import ImageCacheFile
from imagekit.cachefiles.strategies import Optimistic
from imagekit.processors import ResizeToFit, Transpose
from imagekit.specs import ImageSpec
from PIL import Image

WIDTHS = (360, 720, 1200)
FORMATS = {
    "webp": ("WEBP", {"quality": 78, "method": 4}),
    "jpg": ("JPEG", {"quality": 82, "progressive": True, "optimize": True}),
}
RENDITION_ROOT = "CACHE/renditions"


class Rendition(ImageSpec):
    """One width of one photo in one format; EXIF orientation applied first."""

    def __init__(self, source, width: int, extension: str):
        self.processors = [Transpose(), ResizeToFit(width=width, upscale=False)]
        self.format, self.options = FORMATS[extension]
        super().__init__(source=source)


def rendition_name(source_name: str, width: int, extension: str) -> str:
    stem = os.path.splitext(source_name)[0]
    return f"{RENDITION_ROOT}/{stem}-{width}w.{extension}"


def rendition_url(source_name: str, width: int, extension: str) -> str:
    return default_storage.url(rendition_name(source_name, width, extension))


def generate_renditions(field_file, widths=WIDTHS) -> list[str]:
    """Write every rendition of `field_file` (overwriting older ones); return their names."""
    names = []
    if not field_file:
        return names
    for width in widths:
        for extension in FORMATS:
            name = rendition_name(field_file.name, width, extension)
            # Storage never overwrites: it would save beside the old file under a new name.
            default_storage.delete(name)
            cache_file = ImageCacheFile(
                Rendition(source=field_file, width=width, extension=extension),
                name=name,
                cachefile_strategy=Optimistic(),
            )
            cache_file.generate(force=True)
            names.append(name)
    return names


def oriented_size(file) -> tuple[int, int]:
    """(width, height) as displayed, i.e. after the EXIF orientation is applied."""
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    try:
        with Image.open(file) as image:
            width, height = image.size
            orientation = image.getexif().get(0x0112, 1)
    finally:
        file.seek(position)
    if orientation in (5, 6, 7, 8):
        width, height = height, width
    return width, height


@dataclass(frozen=True)
class Picture:
    """What a template needs for <picture>: srcsets per format and a fallback src."""

    webp_srcset: str
    jpg_srcset: str
    src: str
    width: int
    height: int


def picture(field_file, width: int, height: int, widths=WIDTHS) -> Picture | None:
    """Build srcsets for a photo whose displayed size is width×height (no I/O)."""
    if not field_file or not width or not height:
        return None
    # A rendition is never wider than the photo: stop at the first one that reaches it.
    usable = []
    for w in sorted(widths):
        usable.append(w)
        if w >= width:
            break
    # One storage.url() call per photo (it is a urljoin each time, measurable on a list page):
    # every rendition's URL is the same prefix plus "-<width>w.<ext>", which needs no quoting.
    prefix = rendition_url(field_file.name, 0, "x")[: -len("-0w.x")]

    def srcset(extension):
        return ", ".join(f"{prefix}-{w}w.{extension} {min(w, width)}w" for w in usable)

    fallback_width = usable[min(1, len(usable) - 1)]
    return Picture(
        webp_srcset=srcset("webp"),
        jpg_srcset=srcset("jpg"),
        src=f"{prefix}-{fallback_width}w.jpg",
        width=width,
        height=height,
    )


def delete_renditions(source_name: str, widths=WIDTHS) -> None:
    for width in widths:
        for extension in FORMATS:
            default_storage.delete(rendition_name(source_name, width, extension))
