from datetime import timedelta

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from albums.models import Album, AlbumPhoto
from tests.utils import jpeg_bytes


class AlbumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Album

    title = factory.Sequence(lambda n: f"Hội nghị công đoàn cơ sở số {n}")
    description = "Quang cảnh hội nghị và các hoạt động bên lề."
    is_published = True
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))


class AlbumPhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AlbumPhoto

    album = factory.SubFactory(AlbumFactory)
    image = factory.LazyFunction(lambda: ContentFile(jpeg_bytes(800, 600), name="anh-hoi-nghi.jpg"))
    caption = factory.Sequence(lambda n: f"Đoàn viên dự hội nghị, ảnh {n}.")
    credit = "Ảnh: Thu Thủy/LĐLĐ tỉnh"
    order = factory.Sequence(lambda n: (n + 1) * 10)
