from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from news.models import Article, Section, Tag
from tests.utils import jpeg_bytes


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    is_staff = True
    password = factory.django.Password("mat-khau-thu")


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    name = factory.Sequence(lambda n: f"Chuyên mục {n}")
    order = factory.Sequence(lambda n: n)


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag

    name = factory.Sequence(lambda n: f"Chủ đề {n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Công đoàn cơ sở tổ chức hoạt động số {n}")
    section = factory.SubFactory(SectionFactory)
    sapo = "Đoàn viên, người lao động tham gia đông đủ."
    body = "<p>Nội dung bài viết về hoạt động của tổ chức Công đoàn.</p>"
    byline_name = "Thu Thủy"
    byline_position = "LĐLĐ tỉnh"
    status = Article.Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)

    class Params:
        with_cover = factory.Trait(
            cover=factory.LazyFunction(lambda: ContentFile(jpeg_bytes(), name="anh-bia.jpg")),
            cover_alt="Đoàn viên tại hội nghị",
            cover_caption="Quang cảnh hội nghị.",
            cover_credit="Ảnh: Quang Quyết",
        )
