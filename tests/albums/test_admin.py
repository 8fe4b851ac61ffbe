"""Albums in the admin: many photos at once, all or none; ordering; roles; hostile input."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from PIL import Image

from albums.models import Album, AlbumPhoto
from albums.uploads import shown_name
from congdoan.roles import EDITOR_GROUP, WRITER_GROUP
from tests.admin_forms import form_data, form_errors
from tests.news.factories import UserFactory
from tests.utils import give_role, jpeg_bytes

from .factories import AlbumFactory, AlbumPhotoFactory

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/albums/album/add/"
NOT_AN_IMAGE = "Tệp này không phải là ảnh hợp lệ. Chỉ nhận ảnh JPEG, PNG, WebP hoặc GIF."
NOTHING_SAVED = "Chưa lưu ảnh nào của lần tải này. Hãy bỏ các tệp trên rồi chọn lại các ảnh."


def jpeg(name, width=640, height=480):
    return SimpleUploadedFile(name, jpeg_bytes(width, height), content_type="image/jpeg")


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 80, 160)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def editor(client):
    user = UserFactory(username="bientap-anh")
    give_role(user, EDITOR_GROUP)
    client.force_login(user)
    return user


@pytest.fixture
def writer(client):
    user = UserFactory(username="phongvien-anh")
    give_role(user, WRITER_GROUP)
    client.force_login(user)
    return user


def change_url(album):
    return f"/admin/albums/album/{album.pk}/change/"


def stored_uploads(settings) -> list[str]:
    root = settings.MEDIA_ROOT / "upload"
    return sorted(path.name for path in root.rglob("*") if path.is_file()) if root.exists() else []


def test_many_photos_are_added_at_once_in_file_name_order_with_one_credit(client, editor):
    data = form_data(
        client.get(ADD_URL),
        title="Đại hội Công đoàn tỉnh lần thứ XI",
        is_published="on",
        new_photos_credit="Ảnh: Thu Thủy/LĐLĐ tỉnh",
    )
    files = [jpeg("IMG_10.jpg"), jpeg("IMG_2.jpg", 480, 640), jpeg("IMG_1.JPEG")]

    response = client.post(ADD_URL, {**data, "new_photos": files})

    assert response.status_code == 302, form_errors(response)
    album = Album.objects.get()
    assert album.slug == "dai-hoi-cong-doan-tinh-lan-thu-xi"
    assert album.created_by == editor
    assert album.is_visible
    photos = list(album.photos.all())
    assert [(photo.image.name.rsplit("/", 1)[-1], photo.order) for photo in photos] == [
        ("img_1.jpg", 10),
        ("img_2.jpg", 20),
        ("img_10.jpg", 30),
    ]
    assert [(photo.width, photo.height, photo.credit) for photo in photos] == [
        (640, 480, "Ảnh: Thu Thủy/LĐLĐ tỉnh"),
        (480, 640, "Ảnh: Thu Thủy/LĐLĐ tỉnh"),
        (640, 480, "Ảnh: Thu Thủy/LĐLĐ tỉnh"),
    ]
    messages = [str(message) for message in response.wsgi_request._messages]
    assert messages[0] == "Đã thêm 3 ảnh vào album."


def test_a_corrupt_or_non_image_file_among_many_saves_nothing(client, editor, settings):
    data = form_data(client.get(ADD_URL), title="Tết Sum vầy")
    files = [
        jpeg("tot-1.jpg"),
        SimpleUploadedFile("hỏng.jpg", jpeg_bytes()[:900], content_type="image/jpeg"),
        SimpleUploadedFile("ghi-chu.jpg", b"Danh sach dai bieu", content_type="image/jpeg"),
        SimpleUploadedFile("ban-do.jpg", png_bytes(), content_type="image/jpeg"),
        SimpleUploadedFile("trong.jpg", b"", content_type="image/jpeg"),
        jpeg("tot-2.jpg"),
    ]

    response = client.post(ADD_URL, {**data, "new_photos": files})

    assert response.status_code == 200
    assert form_errors(response) == [
        ("new_photos", f"Ảnh “hỏng.jpg”: {NOT_AN_IMAGE}"),
        ("new_photos", f"Ảnh “ghi-chu.jpg”: {NOT_AN_IMAGE}"),
        ("new_photos", "Ảnh “ban-do.jpg”: Tên tệp có đuôi “.jpg” nhưng nội dung là ảnh PNG. Hãy đặt đúng đuôi tệp."),
        ("new_photos", "Ảnh “trong.jpg”: Tệp trống, không có nội dung."),
        ("new_photos", NOTHING_SAVED),
    ]
    assert Album.objects.count() == 0
    assert AlbumPhoto.objects.count() == 0
    assert stored_uploads(settings) == []


def test_a_bad_file_added_to_an_existing_album_leaves_it_as_it_was(client, editor, settings):
    album = AlbumFactory(title="Hội thao")
    AlbumPhotoFactory(album=album, order=10, caption="Khai mạc")
    data = form_data(client.get(change_url(album)), title="Hội thao công nhân")
    before = stored_uploads(settings)

    response = client.post(
        change_url(album), {**data, "new_photos": [jpeg("a.jpg"), SimpleUploadedFile("b.jpg", b"GIF89a")]}
    )

    assert response.status_code == 200
    assert form_errors(response)[-1] == ("new_photos", NOTHING_SAVED)
    album.refresh_from_db()
    assert album.title == "Hội thao"
    assert list(album.photos.values_list("caption", flat=True)) == ["Khai mạc"]
    assert stored_uploads(settings) == before


def test_new_photos_go_after_the_last_and_the_order_is_edited_in_the_table(client, editor):
    album = AlbumFactory()
    first = AlbumPhotoFactory(album=album, order=10, caption="Một")
    second = AlbumPhotoFactory(album=album, order=20, caption="Hai")
    data = form_data(client.get(change_url(album)))
    # The editor moves "Hai" before "Một" and adds two photos in the same save.
    data["photos-0-order"], data["photos-1-order"] = "20", "5"

    response = client.post(change_url(album), {**data, "new_photos": [jpeg("ba.jpg"), jpeg("bon.jpg")]})

    assert response.status_code == 302, form_errors(response)
    assert list(album.photos.values_list("caption", "order")) == [("Hai", 5), ("Một", 20), ("", 30), ("", 40)]
    assert {first.pk, second.pk} < set(album.photos.values_list("pk", flat=True))


def test_more_than_sixty_files_at_once_are_refused(client, editor):
    data = form_data(client.get(ADD_URL), title="Quá nhiều ảnh")
    small = jpeg_bytes(20, 20)
    files = [SimpleUploadedFile(f"anh-{number}.jpg", small) for number in range(61)]
    response = client.post(ADD_URL, {**data, "new_photos": files})
    assert form_errors(response) == [
        ("new_photos", "Mỗi lần chỉ tải lên tối đa 60 ảnh (bạn đã chọn 61). Hãy chia thành nhiều lần.")
    ]
    assert Album.objects.count() == 0


def test_a_file_name_with_direction_marks_is_shown_plainly():
    assert shown_name("\u202eanh\u200b.jpg") == "anh.jpg"
    assert shown_name("a" * 100 + ".jpg") == "a" * 79 + "…"
    assert shown_name("\x00\x07") == "(không tên)"


def test_an_rtl_override_in_a_bad_file_name_does_not_reverse_the_message(client, editor):
    data = form_data(client.get(ADD_URL), title="Album")
    response = client.post(ADD_URL, {**data, "new_photos": [SimpleUploadedFile("\u202egpj.exe.jpg", b"MZ\x90\x00")]})
    assert form_errors(response)[0] == ("new_photos", f"Ảnh “gpj.exe.jpg”: {NOT_AN_IMAGE}")


def test_a_slug_already_used_in_this_federation_is_a_form_error(client, editor):
    AlbumFactory(title="Hội nghị", slug="hoi-nghi")
    data = form_data(client.get(ADD_URL), title="Hội nghị khác", slug="Hội-Nghị")
    response = client.post(ADD_URL, data)
    assert form_errors(response) == [("slug", "Album khác đã có đường dẫn này. Hãy sửa đường dẫn cho khác đi.")]


YEAR_ONE = "Năm 1 không hợp lệ: hãy nhập một ngày từ năm 1900 đến năm 2100."
HOSTILE_MAIN = {
    "title": ("x" * 10_000, "title", "Giá trị này chỉ có tối đa 255 kí tự (hiện có 10000)"),
    "published_at_0": (
        "31/12/0001 08:00:00",
        "published_at",
        "Năm 1 không hợp lệ: hãy nhập một ngày từ năm 1900 đến năm 2100.",
    ),
    "new_photos_credit": ("Ả" * 151, "new_photos_credit", "Giá trị này chỉ có tối đa 150 kí tự (hiện có 151)"),
}


@pytest.mark.parametrize("field", HOSTILE_MAIN)
def test_hostile_values_in_the_album_form_are_form_errors(client, editor, field):
    value, error_field, message = HOSTILE_MAIN[field]
    data = form_data(client.get(ADD_URL), title="Album", is_published="on")
    if field == "published_at_0":
        value, data["published_at_1"] = value.split(" ")
    data[field] = value
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    assert (error_field, message) in form_errors(response)
    assert Album.objects.count() == 0


# Django's Vietnamese catalogue says "whole number" this way.
WHOLE_NUMBER = "Nhập một số tổng thể."


@pytest.mark.parametrize("order", ["²", "①", "1\u200f0", str(2**70), "-5"])
def test_hostile_order_numbers_are_form_errors(client, editor, order):
    largest = connection.ops.integer_field_range("PositiveIntegerField")[1]  # 2**31 - 1 or 2**63 - 1
    message = {
        str(2**70): f"Đảm bảo giá trị này là nhỏ hơn hoặc bằng với {largest} .",
        "-5": "Đảm bảo giá trị này lớn hơn hoặc bằng với 0 .",
    }.get(order, WHOLE_NUMBER)
    album = AlbumFactory()
    AlbumPhotoFactory(album=album, order=10)
    data = form_data(client.get(change_url(album)))
    data["photos-0-order"] = order
    response = client.post(change_url(album), data)
    assert response.status_code == 200
    # (form_errors lists an inline row's errors once per way the page reaches it)
    assert set(form_errors(response)) == {("order", message)}
    assert list(album.photos.values_list("order", flat=True)) == [10]


@pytest.mark.parametrize("order", ["１５", "١٥", "१५"])
def test_digits_of_other_scripts_are_the_number_they_write(client, editor, order):
    """Full-width, Arabic-Indic and Devanagari fifteen is fifteen, as for contestants' numbers."""
    album = AlbumFactory()
    AlbumPhotoFactory(album=album, order=10)
    data = form_data(client.get(change_url(album)))
    data["photos-0-order"] = order
    assert client.post(change_url(album), data).status_code == 302
    assert list(album.photos.values_list("order", flat=True)) == [15]


def test_a_forged_row_count_does_not_build_rows(client, editor):
    album = AlbumFactory()
    data = form_data(client.get(change_url(album)))
    data["photos-TOTAL_FORMS"] = str(2**70)
    response = client.post(change_url(album), data)
    assert response.status_code == 200
    assert form_errors(response) == [("formset", "Chỉ được có tối đa 500 dòng.")]


def test_a_writer_builds_an_album_but_cannot_publish_it(client, writer):
    page = client.get(ADD_URL)
    assert "is_published" not in page.context["adminform"].form.fields
    data = form_data(page, title="Ảnh hội thao của phóng viên")
    response = client.post(ADD_URL, {**data, "is_published": "on", "new_photos": [jpeg("a.jpg")]})
    assert response.status_code == 302, form_errors(response)
    album = Album.objects.get()
    assert (album.is_published, album.published_at, album.created_by, album.photos.count()) == (False, None, writer, 1)


def test_a_writer_cannot_change_a_published_album_or_another_writers_album(client, writer):
    published = AlbumFactory(created_by=writer)
    others = AlbumFactory(is_published=False, published_at=None, created_by=UserFactory(username="nguoi-khac"))
    for album in (published, others):
        data = {"title": "Sửa trộm", "photos-TOTAL_FORMS": "0", "photos-INITIAL_FORMS": "0"}
        assert client.post(change_url(album), data).status_code == 403
        assert client.post(f"/admin/albums/album/{album.pk}/delete/", {"post": "yes"}).status_code == 403
    assert sorted(Album.objects.values_list("title", flat=True)) == sorted([published.title, others.title])


def test_the_change_list_shows_cover_count_and_state(client, editor):
    album = AlbumFactory(title="Album có ảnh")
    AlbumPhotoFactory(album=album)
    AlbumPhotoFactory(album=album)
    response = client.get("/admin/albums/album/")
    row = response.context["cl"].result_list[0]
    assert (row.title, row.photo_count, row.is_visible) == ("Album có ảnh", 2, True)


def test_photos_chosen_in_a_form_with_another_error_are_kept(
    client, editor, settings, django_capture_on_commit_callbacks
):
    data = form_data(client.get(ADD_URL), title="")
    response = client.post(ADD_URL, {**data, "new_photos": [jpeg("IMG_2.jpg"), jpeg("IMG_1.jpg")]})

    assert form_errors(response) == [("title", "Trường này là bắt buộc.")]
    html = response.content.decode()
    assert re.findall(r'<p class="help kept-upload">(.*?)</p>', html) == [
        "Vẫn giữ 2 ảnh bạn đã chọn (img_1.jpg, img_2.jpg): ảnh sẽ được lưu khi bạn bấm Lưu. "
        "Muốn dùng ảnh khác thì chọn lại các tệp."
    ]
    tokens = re.findall(r'name="new_photos__giu" value="([^"]+)"', html)
    assert len(tokens) == 2 and Album.objects.count() == 0

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ADD_URL, {**data, "title": "Đã sửa tên", "new_photos__giu": tokens})

    assert response.status_code == 302, form_errors(response)
    album = Album.objects.get()
    assert [photo.image.name.rsplit("/", 1)[-1] for photo in album.photos.all()] == ["img_1.jpg", "img_2.jpg"]
    held = settings.MEDIA_ROOT / "tmp"
    assert [path for path in held.rglob("*") if path.is_file()] == []


def test_a_forged_kept_token_is_ignored(client, editor):
    data = form_data(client.get(ADD_URL), title="Album")
    response = client.post(ADD_URL, {**data, "new_photos__giu": ["tmp/anh-dang-giu/x/a.jpg:forged", "../../etc"]})
    assert response.status_code == 302
    assert AlbumPhoto.objects.count() == 0
