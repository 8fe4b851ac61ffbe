import io

import pytest

from albums import demo as album_demo
from albums.models import Album, AlbumPhoto
from videos import demo as video_demo
from videos.models import Video

pytestmark = pytest.mark.django_db


def test_demo_albums_and_videos_load_once():
    out = io.StringIO()
    album_demo.load(stdout=out)
    video_demo.load(stdout=out)
    album_demo.load(stdout=out)
    video_demo.load(stdout=out)
    assert out.getvalue().splitlines() == [
        "Thư viện ảnh: thêm 4 album.",
        "Video: thêm 3 video.",
        "Thư viện ảnh: thêm 0 album.",
        "Video: thêm 0 video.",
    ]
    assert (Album.objects.published().count(), AlbumPhoto.objects.count()) == (3, 16)
    assert list(Video.objects.published().values_list("kind", "remote_id")) == [
        ("youtube", "M7lc1UVf-VE"),
        ("facebook", "10153231379946729"),
    ]
    first = Album.objects.published().first()
    assert [photo.caption for photo in first.photos.all()][:2] == [
        "Quang cảnh phiên khai mạc Đại hội.",
        "Đoàn Chủ tịch điều hành phiên thảo luận.",
    ]
