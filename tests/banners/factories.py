from datetime import date

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from banners.models import Commemoration, Slide, Slogan
from tests.utils import jpeg_bytes


def jpeg_upload(name="anh-dau-trang.jpg", width=1200, height=300, **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, jpeg_bytes(width, height, **kwargs), content_type="image/jpeg")


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
