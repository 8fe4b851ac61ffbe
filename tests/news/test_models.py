from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from congdoan.roles import EDITOR_GROUP, WRITER_GROUP
from news.models import Article, Section

from .factories import ArticleFactory, SectionFactory, TagFactory, jpeg_bytes

pytestmark = pytest.mark.django_db


def test_slug_from_vietnamese_title_keeps_d_and_is_unique():
    first = ArticleFactory(title="Đại hội Công đoàn tỉnh lần thứ XI")
    second = ArticleFactory(title="Đại hội Công đoàn tỉnh lần thứ XI")
    assert first.slug == "dai-hoi-cong-doan-tinh-lan-thu-xi"
    assert second.slug == "dai-hoi-cong-doan-tinh-lan-thu-xi-2"


def test_edited_slug_is_kept_but_made_ascii():
    article = ArticleFactory(title="Tiêu đề", slug="Đường dẫn riêng")
    assert article.slug == "duong-dan-rieng"


def test_published_excludes_drafts_review_and_scheduled():
    now = timezone.now()
    visible = ArticleFactory(publish_at=now - timedelta(minutes=1))
    ArticleFactory(status=Article.Status.DRAFT)
    ArticleFactory(status=Article.Status.REVIEW)
    scheduled = ArticleFactory(publish_at=now + timedelta(hours=2))
    assert list(Article.objects.published()) == [visible]
    assert visible.is_published
    assert not scheduled.is_published and scheduled.is_scheduled


def test_scheduled_article_appears_by_itself_at_its_time():
    start = timezone.now()
    scheduled = ArticleFactory(publish_at=start + timedelta(hours=2))
    assert scheduled not in Article.objects.published()
    with time_machine.travel(start + timedelta(hours=2, seconds=1), tick=False):
        assert scheduled in Article.objects.published()
        assert scheduled.is_published


def test_publishing_without_time_means_now():
    article = ArticleFactory(status=Article.Status.PUBLISHED, publish_at=None)
    assert article.publish_at is not None
    assert article.is_published


def test_database_refuses_published_without_time():
    article = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    with pytest.raises(IntegrityError):
        Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED)


def test_body_is_sanitised_on_save():
    article = ArticleFactory(body='<p onclick="x()">Chào<script>alert(1)</script></p><iframe src="//x"></iframe>')
    article.refresh_from_db()
    assert article.body == "<p>Chào</p>"


def test_search_columns_are_folded():
    article = ArticleFactory(title="ĐẠI HỘI Công Đoàn", sapo="Người lao động", body="<p>Sơn La</p>")
    assert article.search_title == " dai hoi cong doan "
    assert " nguoi lao dong " in article.search_text and " son la " in article.search_text


def test_cover_size_is_stored_with_exif_orientation_and_renditions_made(settings):
    from django.core.files.base import ContentFile

    from congdoan.renditions import rendition_name

    article = ArticleFactory.build(section=SectionFactory(), cover_alt="Ảnh")
    # Stored 800×500 but EXIF says "rotate 90°": displayed 500×800.
    article.cover.save("xoay.jpg", ContentFile(jpeg_bytes(800, 500, orientation=6)), save=False)
    article.save()
    assert (article.cover_width, article.cover_height) == (500, 800)
    assert article.cover.name.startswith("upload/images/nam-")
    assert (settings.MEDIA_ROOT / rendition_name(article.cover.name, 360, "webp")).exists()


def test_cover_needs_alt_text():
    article = ArticleFactory.build(section=SectionFactory(), cover="upload/images/x.jpg", cover_alt="")
    with pytest.raises(ValidationError) as error:
        article.clean()
    assert "cover_alt" in error.value.message_dict


def test_view_count_increments_without_touching_updated_at():
    article = ArticleFactory()
    before = Article.objects.get(pk=article.pk).updated_at
    article.increment_views()
    article.increment_views()
    fresh = Article.objects.get(pk=article.pk)
    assert fresh.view_count == 2
    assert fresh.updated_at == before


def test_section_one_level_of_children_only():
    root = SectionFactory(name="Tin tức")
    child = SectionFactory(name="Tin cơ sở", parent=root)
    grandchild = Section(name="Cấp ba", parent=child)
    with pytest.raises(ValidationError):
        grandchild.full_clean()
    assert root.slug == "tin-tuc"


def test_byline_joins_name_and_position():
    article = ArticleFactory.build(byline_name="Bùi Thanh Thủy", byline_position="Trưởng ban CSPL&QHLĐ, LĐLĐ tỉnh")
    assert article.byline == "Bùi Thanh Thủy, Trưởng ban CSPL&QHLĐ, LĐLĐ tỉnh"


def test_tags_kind_place():
    tag = TagFactory(name="Sơn La", kind="place")
    assert tag.slug == "son-la"
    assert tag.get_absolute_url() == "/the/son-la/"


def test_roles_exist_with_permissions():
    writers = set(Group.objects.get(name=WRITER_GROUP).permissions.values_list("codename", flat=True))
    editors = set(Group.objects.get(name=EDITOR_GROUP).permissions.values_list("codename", flat=True))
    assert "publish_article" not in writers
    assert {"add_article", "change_article"} <= writers
    assert not any(code.endswith("_section") and not code.startswith("view") for code in writers)
    assert {"publish_article", "delete_article", "change_section", "add_section"} <= editors


def test_section_address_follows_a_slug_change_on_the_same_instance():
    section = SectionFactory(name="Tin tức", slug="tin-tuc")
    assert section.get_absolute_url() == "/chuyen-muc/tin-tuc/"
    section.slug = "tin-tuc-moi"
    assert section.get_absolute_url() == "/chuyen-muc/tin-tuc-moi/"
