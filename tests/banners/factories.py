import io
from datetime import date

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from banners.models import Commemoration, Slide, Slogan


def jpeg_bytes(width=1200, height=300, colour=(179, 18, 27), orientation=None) -> bytes:
    image = Image.new("RGB", (width, height), colour)
    buffer = io.BytesIO()
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    image.save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def jpeg_upload(name="anh-dau-trang.jpg", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, jpeg_bytes(**kwargs), content_type="image/jpeg")


class SlideFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Slide

    image = factory.LazyFunction(lambda: jpeg_upload(width=400, height=100))
    alt = factory.Sequence(lambda n: f"Ảnh đầu trang số {n}")
    order = factory.Sequence(lambda n: n)


class SloganFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Slogan

    text = factory.Sequence(lambda n: f"Khẩu hiệu thử số {n}")
    order = factory.Sequence(lambda n: n)


class CommemorationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commemoration

    event = factory.Sequence(lambda n: f"Sự kiện thử số {n}")
    origin = date(1997, 1, 1)
