"""One photo behaviour (congdoan.photos.PhotoModel) for article covers, campaign covers and slides."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from congdoan.renditions import rendition_name
from tests.banners.factories import SlideFactory
from tests.campaigns.factories import CampaignFactory
from tests.news.factories import ArticleFactory
from tests.utils import jpeg_bytes

pytestmark = pytest.mark.django_db


def make_article(photo):
    return ArticleFactory(cover=photo, cover_alt="Ảnh")


def make_campaign(photo):
    return CampaignFactory(cover=photo)


def make_slide(photo):
    return SlideFactory(image=photo)


MAKERS = {"article": (make_article, "cover"), "campaign": (make_campaign, "cover"), "slide": (make_slide, "image")}


def size_of(obj, field):
    width_field, height_field = type(obj).photo_fields[field]
    return getattr(obj, width_field), getattr(obj, height_field)


def renditions_of(name):
    return [default_storage.exists(rendition_name(name, width, "webp")) for width in (360, 720, 1200)]


@pytest.fixture(params=MAKERS)
def photo_object(request):
    make, field = MAKERS[request.param]
    return make(ContentFile(jpeg_bytes(1600, 900), name="anh-mot.jpg")), field


def test_a_new_upload_is_measured_and_gets_renditions(photo_object):
    obj, field = photo_object
    obj.refresh_from_db()
    assert size_of(obj, field) == (1600, 900)
    assert renditions_of(getattr(obj, field).name) == [True, True, True]


def test_replacing_the_photo_measures_it_and_removes_the_old_renditions(
    photo_object, django_capture_on_commit_callbacks
):
    obj, field = photo_object
    old_name = getattr(obj, field).name
    with django_capture_on_commit_callbacks(execute=True):
        setattr(obj, field, ContentFile(jpeg_bytes(300, 800, orientation=6), name="anh-hai.jpg"))
        obj.save()
    obj.refresh_from_db()
    assert size_of(obj, field) == (800, 300)  # EXIF orientation applied
    assert renditions_of(getattr(obj, field).name) == [True, True, True]
    assert renditions_of(old_name) == [False, False, False]
    assert default_storage.exists(old_name)  # the original stays for the history


def test_pointing_at_another_stored_file_measures_it(photo_object):
    obj, field = photo_object
    stored = default_storage.save("upload/images/khac.jpg", ContentFile(jpeg_bytes(640, 480)))
    loaded = type(obj).objects.get(pk=obj.pk)
    setattr(loaded, field, stored)
    loaded.save()
    loaded.refresh_from_db()
    assert size_of(loaded, field) == (640, 480)
    assert renditions_of(stored) == [True, True, True]


def test_deleting_the_object_removes_its_renditions(photo_object, django_capture_on_commit_callbacks):
    obj, field = photo_object
    name = getattr(obj, field).name
    with django_capture_on_commit_callbacks(execute=True):
        type(obj).objects.filter(pk=obj.pk).delete()
    assert renditions_of(name) == [False, False, False]


def test_renditions_of_a_file_another_row_still_shows_are_kept(django_capture_on_commit_callbacks):
    first = make_article(ContentFile(jpeg_bytes(), name="chung.jpg"))
    second = make_article(first.cover.name)
    with django_capture_on_commit_callbacks(execute=True):
        first.delete()
    assert renditions_of(second.cover.name) == [True, True, True]


def test_a_rolled_back_replacement_keeps_the_old_renditions(photo_object, django_capture_on_commit_callbacks):
    obj, field = photo_object
    old_name = getattr(obj, field).name
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        setattr(obj, field, ContentFile(jpeg_bytes(300, 200), name="anh-hai.jpg"))
        obj.save()
    assert len(callbacks) == 1  # the deletion waits for the commit
    assert renditions_of(old_name) == [True, True, True]


def test_make_renditions_regenerates_every_photo_of_every_model(settings):
    article = make_article(ContentFile(jpeg_bytes(), name="bai.jpg"))
    campaign = make_campaign(ContentFile(jpeg_bytes(), name="phong-trao.jpg"))
    slide = SlideFactory(image=ContentFile(jpeg_bytes(1600, 400), name="dau-trang.jpg"))
    names = [article.cover.name, campaign.cover.name, slide.image.name]
    for name in names:
        default_storage.delete(rendition_name(name, 720, "webp"))
    type(slide).objects.filter(pk=slide.pk).update(width=0, height=0)

    out = io.StringIO()
    call_command("make_renditions", stdout=out)

    assert [default_storage.exists(rendition_name(name, 720, "webp")) for name in names] == [True, True, True]
    slide.refresh_from_db()
    assert (slide.width, slide.height) == (1600, 400)
    assert out.getvalue() == "Đã tạo lại 3 ảnh; lỗi: 0.\n"
