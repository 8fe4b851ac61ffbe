"""Resized renditions of uploaded photos, made with pilkit (Pillow's processors and savers).

Each photo gets a few widths in WebP and JPEG. Names are deterministic, so a page
builds `srcset` without touching the disk or the cache; the files are made when
the photo is saved (`generate_renditions`) and again by `make_renditions`.
"""

import os
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image
from pilkit.processors import ResizeToFit, Transpose
from pilkit.utils import img_to_fobj

WIDTHS = (360, 720, 1200)
FORMATS = {
    "webp": ("WEBP", {"quality": 78, "method": 4}),
    "jpg": ("JPEG", {"quality": 82, "progressive": True, "optimize": True}),
}
RENDITION_ROOT = "CACHE/renditions"


def rendition_name(source_name: str, width: int, extension: str) -> str:
    stem = os.path.splitext(source_name)[0]
    return f"{RENDITION_ROOT}/{stem}-{width}w.{extension}"


def rendition_url(source_name: str, width: int, extension: str) -> str:
    return default_storage.url(rendition_name(source_name, width, extension))


def _decoded(field_file, widest: int) -> Image.Image:
    """The photo upright (EXIF orientation applied), decoded once. A JPEG is decoded at the
    smallest of its built-in scales (1/2, 1/4, 1/8) still at least `widest` on both sides: a
    12-megapixel phone photo is read as 3 megapixels, never upscaled."""
    was_closed = field_file.closed
    if was_closed:
        field_file.open("rb")
    try:
        field_file.seek(0)
        with Image.open(field_file) as image:
            image.draft(None, (widest, widest))
            image.load()
            return _resizable(Transpose().process(image))
    finally:
        if was_closed:
            field_file.close()


def _resizable(image: Image.Image) -> Image.Image:
    """RGB, or RGBA when the photo has transparency (a logo in a palette PNG or GIF, grey
    with alpha); 16-bit grey scaled to 8 bits. Resizing a palette image drops its
    transparency (the background turned black in the narrower renditions), and a JPEG
    rendition is flattened onto white only from RGBA."""
    if image.mode.startswith("I"):  # 16-bit grey (a PNG scan): Pillow's own conversion clips it to white
        image = image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    transparent = image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info
    wanted = "RGBA" if transparent else "RGB"
    return image if image.mode == wanted else image.convert(wanted)


def generate_renditions(field_file, widths=WIDTHS) -> list[str]:
    """Write every rendition of `field_file` (overwriting older ones); return their names.

    The photo is decoded once; the widest rendition is resized from it and each narrower one
    from the one before (one decode and three small resizes instead of six of each: an album
    of phone photos is saved in seconds, not minutes)."""
    names = []
    if not field_file:
        return names
    image = _decoded(field_file, max(widths))
    for width in sorted(widths, reverse=True):
        image = ResizeToFit(width=width, upscale=False).process(image)
        for extension, (image_format, options) in FORMATS.items():
            name = rendition_name(field_file.name, width, extension)
            # Storage never overwrites: it would save beside the old file under a new name.
            default_storage.delete(name)
            default_storage.save(name, ContentFile(img_to_fobj(image, image_format, **options).getvalue()))
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
