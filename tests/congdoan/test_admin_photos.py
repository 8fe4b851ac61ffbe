"""Photos in the admin: a chosen photo survives a validation error; a broken photo is a form error."""

import re

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from congdoan.kept_uploads import HOLDING_DIR
from news.models import Article
from tests.admin_forms import form_data
from tests.banners.factories import SlideFactory
from tests.campaigns.factories import CampaignFactory
from tests.news.factories import ArticleFactory, SectionFactory
from tests.utils import jpeg_bytes

pytestmark = pytest.mark.django_db

NOT_AN_IMAGE = "Tệp này không phải là ảnh hợp lệ. Chỉ nhận ảnh JPEG, PNG, WebP hoặc GIF."
# Django's own check (forms.ImageField) answers first when Pillow cannot even read the header.
BROKEN = "Hãy tải lên một hình ảnh hợp lệ. Tập tin mà bạn đã tải không phải là hình ảnh hoặc đã bị hư hỏng."
KEPT_NOTE = (
    "Vẫn giữ ảnh “anh-hoi-nghi.jpg” bạn đã chọn: ảnh sẽ được lưu khi bạn bấm Lưu. Muốn dùng ảnh khác thì chọn tệp khác."
)


def photo(name="Ảnh hội nghị.jpg", content=None):
    return SimpleUploadedFile(name, content or jpeg_bytes(1200, 800), content_type="image/jpeg")


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


# (object to edit, its photo field, a field whose emptiness makes the form invalid)
CASES = {
    "article": (lambda: ArticleFactory(section=SectionFactory()), "cover", "title"),
    "campaign": (CampaignFactory, "cover", "summary"),
    "slide": (SlideFactory, "image", "alt"),
}


@pytest.mark.parametrize("case", CASES)
def test_a_chosen_photo_is_kept_across_a_validation_error(client, superuser, case, django_capture_on_commit_callbacks):
    make, photo_field, required = CASES[case]
    obj = make()
    client.force_login(superuser)
    url = change_url(obj)
    data = form_data(client.get(url), **{required: "", "cover_alt": "Quang cảnh hội nghị"})

    response = client.post(url, {**data, photo_field: photo()})

    assert response.status_code == 200
    html = response.content.decode()
    assert KEPT_NOTE in html
    token = re.search(rf'name="{photo_field}__giu" value="([^"]+)"', html).group(1)
    # The editor fixes the error and saves without choosing the file again.
    fixed = {**data, required: "Đã sửa", f"{photo_field}__giu": token}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, fixed).status_code == 302
    obj.refresh_from_db()
    saved = getattr(obj, photo_field)
    assert re.fullmatch(r"upload/images/nam-\d{4}/thang-\d\d\.\d{4}/anh-hoi-nghi(_\w+)?\.jpg", saved.name)
    with saved.open("rb") as handle:
        assert handle.read() == photo().read()
    # The held copy is gone once used.
    assert [
        f
        for folder in default_storage.listdir(HOLDING_DIR)[0]
        for f in default_storage.listdir(f"{HOLDING_DIR}/{folder}")[1]
    ] == []


def test_a_forged_token_is_ignored(client, superuser):
    article = ArticleFactory()
    client.force_login(superuser)
    url = change_url(article)
    other = default_storage.save("upload/images/cua-nguoi-khac.jpg", photo())
    data = form_data(client.get(url), cover__giu=f"{other}:forged")
    assert client.post(url, data).status_code == 302
    article.refresh_from_db()
    assert article.cover.name == ""


def truncated_jpeg() -> bytes:
    whole = jpeg_bytes(1200, 800)
    return whole[: len(whole) // 2]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (truncated_jpeg(), NOT_AN_IMAGE),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 2000, BROKEN),
        (jpeg_bytes()[:200], BROKEN),
    ],
    ids=["truncated", "garbage-after-header", "header-only"],
)
@pytest.mark.parametrize("case", CASES)
def test_a_broken_jpeg_is_a_form_error_and_saves_nothing(client, superuser, case, content, message):
    make, photo_field, _ = CASES[case]
    obj = make()
    model = type(obj)
    client.force_login(superuser)
    url = change_url(obj)
    data = form_data(client.get(url), cover_alt="Ảnh")
    before = list(model.objects.values())

    response = client.post(url, {**data, photo_field: photo("anh-hong.jpg", content)})

    assert response.status_code == 200
    assert response.context["adminform"].form.errors[photo_field] == [message]
    assert list(model.objects.values()) == before


def test_a_photo_chosen_on_a_new_article_is_kept_too(client, superuser):
    section = SectionFactory()
    client.force_login(superuser)
    url = reverse("admin:news_article_add")
    data = {
        **form_data(client.get(url)),
        "title": "",
        "section": str(section.pk),
        "status": "draft",
        "cover_alt": "Quang cảnh hội nghị",
    }
    response = client.post(url, {**data, "cover": photo()})
    assert response.status_code == 200
    token = re.search(r'name="cover__giu" value="([^"]+)"', response.content.decode()).group(1)
    assert client.post(url, {**data, "title": "Hội nghị", "cover__giu": token}).status_code == 302
    assert Article.objects.get().cover.name.endswith(".jpg")


def test_clearing_the_photo_wins_over_a_kept_one(client, superuser):
    article = ArticleFactory(with_cover=True)
    client.force_login(superuser)
    url = change_url(article)
    data = form_data(client.get(url), title="")
    token = re.search(
        r'name="cover__giu" value="([^"]+)"', client.post(url, {**data, "cover": photo()}).content.decode()
    )
    response = client.post(url, {**data, "title": "Đã sửa", "cover__giu": token.group(1), "cover-clear": "on"})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.cover.name == ""
