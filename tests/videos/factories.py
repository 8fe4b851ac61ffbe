from datetime import timedelta

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from tests.utils import jpeg_bytes
from videos.models import Video


class VideoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Video

    title = factory.Sequence(lambda n: f"Phóng sự hoạt động công đoàn số {n}")
    description = "Hoạt động chăm lo cho đoàn viên."
    kind = Video.Kind.YOUTUBE
    source_url = "https://www.youtube.com/watch?v=M7lc1UVf-VE"
    remote_id = "M7lc1UVf-VE"
    poster = factory.LazyFunction(lambda: ContentFile(jpeg_bytes(1280, 720), name="anh-bia-video.jpg"))
    is_published = True
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
