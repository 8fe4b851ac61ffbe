"""Album rules: what is public and when, the cover, alt text, the order of a batch."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from albums.models import Album
from albums.services import add_photos
from tests.utils import jpeg_bytes

from .factories import AlbumFactory, AlbumPhotoFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2024, 5, 1, 1, 0, tzinfo=datetime.UTC)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_published_means_ticked_and_due(frozen):
    shown = AlbumFactory(published_at=NOW - datetime.timedelta(minutes=1))
    AlbumFactory(is_published=False, published_at=None)
    later = AlbumFactory(published_at=NOW + datetime.timedelta(hours=3))
    AlbumFactory(published_at=NOW + datetime.timedelta(days=2))
    assert list(Album.objects.published()) == [shown]
    assert (shown.is_visible, later.is_visible) == (True, False)
    assert Album.objects.next_publication_time() == NOW + datetime.timedelta(hours=3)


def test_publishing_with_no_time_means_now(frozen):
    album = Album.objects.create(title="Đăng ngay", is_published=True)
    assert (album.published_at, album.slug) == (NOW, "dang-ngay")
    album = Album(title="Từ biểu mẫu", is_published=True)
    album.full_clean()
    assert album.published_at == NOW


def test_slugs_are_unique_within_the_federation():
    AlbumFactory(title="Đại hội")
    second = AlbumFactory(title="Đại hội")
    assert second.slug == "dai-hoi-2"
    second.slug = "dai-hoi"
    with pytest.raises(ValidationError) as raised:
        second.full_clean()
    assert raised.value.message_dict == {"slug": ["Album khác đã có đường dẫn này. Hãy sửa đường dẫn cho khác đi."]}


def test_the_cover_is_the_first_photo_by_order_then_by_id():
    album = AlbumFactory()
    AlbumPhotoFactory(album=album, order=20)
    first = AlbumPhotoFactory(album=album, order=10)
    AlbumPhotoFactory(album=album, order=10)
    empty = AlbumFactory()
    cards = {card.pk: card for card in Album.objects.for_cards()}
    assert (cards[album.pk].cover, cards[album.pk].photo_count) == (first, 3)
    assert (cards[empty.pk].cover, cards[empty.pk].photo_count) == (None, 0)
    assert album.cover == first  # without the prefetch: one query


def test_a_batch_is_appended_in_natural_file_name_order():
    album = AlbumFactory()
    AlbumPhotoFactory(album=album, order=35)
    names = ["DSC_0100.jpg", "dsc_0009.jpg", "DSC_0010.jpg", "anh.jpg"]
    photos = add_photos(
        album=album, files=[SimpleUploadedFile(name, jpeg_bytes(30, 20)) for name in names], credit="Ảnh: Hoàng Minh"
    )
    assert [(photo.image.name.rsplit("/", 1)[-1], photo.order, photo.credit) for photo in photos] == [
        ("anh.jpg", 45, "Ảnh: Hoàng Minh"),
        ("dsc_0009.jpg", 55, "Ảnh: Hoàng Minh"),
        ("dsc_0010.jpg", 65, "Ảnh: Hoàng Minh"),
        ("dsc_0100.jpg", 75, "Ảnh: Hoàng Minh"),
    ]


def test_a_file_name_with_superscript_digits_sorts_without_error():
    """ "²".isdigit() is true and int("²") fails: such a part sorts as text."""
    album = AlbumFactory()
    names = ["anh-1²3.jpg", "anh-1.jpg"]
    photos = add_photos(album=album, files=[SimpleUploadedFile(name, jpeg_bytes(30, 20)) for name in names], credit="")
    # Stored under the name storage normalises ("²" → "2").
    assert [photo.image.name.rsplit("/", 1)[-1] for photo in photos] == ["anh-1.jpg", "anh-123.jpg"]


def test_a_batch_with_a_bad_file_raises_before_storing_anything():
    album = AlbumFactory()
    with pytest.raises(ValidationError) as raised:
        add_photos(album=album, files=[SimpleUploadedFile("a.jpg", jpeg_bytes()), SimpleUploadedFile("b.jpg", b"x")])
    assert raised.value.messages == [
        "Ảnh “b.jpg”: Tệp này không phải là ảnh hợp lệ. Chỉ nhận ảnh JPEG, PNG, WebP hoặc GIF.",
        "Chưa lưu ảnh nào của lần tải này. Hãy bỏ các tệp trên rồi chọn lại các ảnh.",
    ]
    assert album.photos.count() == 0


def test_deleting_an_album_deletes_its_photo_rows():
    album = AlbumFactory()
    AlbumPhotoFactory(album=album)
    album.delete()
    assert Album.objects.count() == 0
