"""A file chosen in an admin form that comes back with errors is not kept by the browser: a
photo is held for the editor (congdoan.kept_uploads), and the page says so by the file's name
instead of asking for it again; nothing is lost silently."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from banners.models import Slide
from news.models import Article
from tests.news.factories import SectionFactory
from tests.news.test_admin import new_article_data
from tests.utils import jpeg_bytes

pytestmark = pytest.mark.django_db


def not_kept_notes(response) -> list[str]:
    return re.findall(r'<ul class="errorlist file-not-kept"><li>(.*?)</li></ul>', response.content.decode())


def kept_notes(response) -> list[str]:
    return re.findall(r'<p class="help kept-upload">(.*?)</p>', response.content.decode())


def test_an_article_cover_chosen_with_a_missing_title_is_kept_and_said_so(client, editor):
    section = SectionFactory()
    client.force_login(editor)
    data = new_article_data(client, section, title="")
    data["cover"] = SimpleUploadedFile("anh-hoi-nghi.jpg", jpeg_bytes(), content_type="image/jpeg")
    data["cover_alt"] = "Đoàn viên tại hội nghị"
    response = client.post("/admin/news/article/add/", data)
    assert response.status_code == 200
    assert not Article.objects.exists()
    assert not_kept_notes(response) == []
    assert kept_notes(response) == [
        "Vẫn giữ ảnh “anh-hoi-nghi.jpg” bạn đã chọn: ảnh sẽ được lưu khi bạn bấm Lưu. "
        "Muốn dùng ảnh khác thì chọn tệp khác."
    ]


def test_a_slide_image_chosen_with_bad_dates_is_kept_and_said_so(client, editor):
    client.force_login(editor)
    response = client.post(
        "/admin/banners/slide/add/",
        {
            "image": SimpleUploadedFile("anh-dau-trang.jpg", jpeg_bytes(1600, 400), content_type="image/jpeg"),
            "alt": "Ảnh đầu trang",
            "order": "1",
            "is_active": "on",
            "starts_on": "32/13/2026",
        },
    )
    assert response.status_code == 200
    assert not Slide.objects.exists()
    assert not_kept_notes(response) == []
    assert kept_notes(response) == [
        "Vẫn giữ ảnh “anh-dau-trang.jpg” bạn đã chọn: ảnh sẽ được lưu khi bạn bấm Lưu. "
        "Muốn dùng ảnh khác thì chọn tệp khác."
    ]


def test_no_note_when_the_file_itself_is_the_error_or_none_was_chosen(client, editor):
    section = SectionFactory()
    client.force_login(editor)
    data = new_article_data(client, section)
    data["cover"] = SimpleUploadedFile("hong.jpg", b"not a jpeg", content_type="image/jpeg")
    response = client.post("/admin/news/article/add/", data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["cover"]
    assert not_kept_notes(response) == []

    response = client.post("/admin/news/article/add/", new_article_data(client, section, title=""))
    assert response.status_code == 200
    assert not_kept_notes(response) == []
