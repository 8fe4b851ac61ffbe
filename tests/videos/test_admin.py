"""Videos in the admin: links read strictly, files checked, one source per video, hostile input."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from congdoan.roles import EDITOR_GROUP, WRITER_GROUP
from tests.admin_forms import form_data, form_errors
from tests.news.factories import UserFactory
from tests.utils import give_role, jpeg_bytes
from videos.models import Video

from .factories import VideoFactory
from .media import mp4_file, vtt_file

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/videos/video/add/"
YOUTUBE_REFUSED = (
    "Không nhận ra địa chỉ video YouTube này. Hãy dán địa chỉ của một video, ví dụ: "
    "https://www.youtube.com/watch?v=M7lc1UVf-VE"
)
WATCH = "https://www.youtube.com/watch?v="
NOT_ASCII = (
    "Địa chỉ video chỉ gồm chữ cái Latinh không dấu, chữ số và dấu câu của địa chỉ web; "
    "hãy sao chép lại địa chỉ từ thanh địa chỉ của trình duyệt."
)


@pytest.fixture
def editor(client):
    user = UserFactory(username="bientap-video")
    give_role(user, EDITOR_GROUP)
    client.force_login(user)
    return user


def poster():
    return SimpleUploadedFile("anh-bia.jpg", jpeg_bytes(1280, 720), content_type="image/jpeg")


def add(client, **fields):
    data = form_data(client.get(ADD_URL), title="Phóng sự Tháng Công nhân", is_published="on")
    return client.post(ADD_URL, {**data, **fields})


def test_a_youtube_share_link_is_stored_in_its_canonical_form(client, editor):
    response = add(client, kind="youtube", source_url="  https://youtu.be/M7lc1UVf-VE?si=xyz ", poster=poster())
    assert response.status_code == 302, form_errors(response)
    video = Video.objects.get()
    assert (video.kind, video.remote_id, video.source_url, video.slug) == (
        "youtube",
        "M7lc1UVf-VE",
        "https://www.youtube.com/watch?v=M7lc1UVf-VE",
        "phong-su-thang-cong-nhan",
    )
    assert (video.poster_width, video.poster_height, video.is_visible) == (1280, 720, True)


def test_an_uploaded_mp4_with_captions(client, editor):
    response = add(client, kind="file", source_url="", file=mp4_file("Phóng sự.mp4"), captions=vtt_file())
    assert response.status_code == 302, form_errors(response)
    video = Video.objects.get()
    assert video.file.name.endswith("/phong-su.mp4")
    assert video.file.name.startswith("upload/video/nam-")
    assert video.captions.name.endswith("/phu-de.vtt")
    assert video.remote_id == ""


@pytest.mark.parametrize(
    "fields, errors",
    [
        ({"kind": "youtube", "source_url": ""}, [("source_url", "Hãy dán địa chỉ video trên YouTube hoặc Facebook.")]),
        ({"kind": "youtube", "source_url": "https://vimeo.com/123"}, [("source_url", YOUTUBE_REFUSED)]),
        ({"kind": "youtube", "source_url": WATCH + "M7lc1UVf-V\u0415"}, [("source_url", NOT_ASCII)]),  # Cyrillic Е
        ({"kind": "youtube", "source_url": WATCH + "\u202eEV-fVU1cl7M"}, [("source_url", NOT_ASCII)]),  # RTL override
        ({"kind": "youtube", "source_url": "https://www.youtube.com/watch?v=" + "x" * 600},
         [("source_url", "Giá trị này chỉ có tối đa 500 kí tự (hiện có 632)")]),
        ({"kind": "file", "source_url": ""}, [("file", "Hãy chọn tệp video MP4.")]),
        ({"kind": "file", "source_url": "https://youtu.be/M7lc1UVf-VE", "file": mp4_file()},
         [("source_url", "Video tải lên không kèm địa chỉ YouTube, Facebook: hãy xóa địa chỉ.")]),
        ({"kind": "youtube", "source_url": "https://youtu.be/M7lc1UVf-VE", "file": mp4_file()},
         [("file", "Video YouTube, Facebook không kèm tệp: hãy bỏ tệp, hoặc chọn nguồn “Tệp video MP4”.")]),
        ({"kind": "youtube", "source_url": "https://youtu.be/M7lc1UVf-VE", "captions": vtt_file()},
         [("captions", "Phụ đề .vtt chỉ dùng cho tệp video tải lên; hãy bỏ tệp phụ đề.")]),
        ({"kind": "file", "file": SimpleUploadedFile("hong.mp4", b"\x00\x00\x00\x18ftypisom")},
         [("file", "Tệp này không phải là video MP4 hợp lệ (có thể tệp bị hỏng hoặc tải lên chưa hết). "
           "Chỉ nhận video MP4.")]),
        ({"kind": "file", "file": mp4_file(), "captions": vtt_file("xin chao")},
         [("captions", "Tệp phụ đề phải là tệp WebVTT (đuôi .vtt, mã UTF-8, dòng đầu là WEBVTT, có ít nhất một đoạn "
           "thời gian “00:00:01.000 --> 00:00:04.000”). Tệp .srt có thể đổi sang .vtt bằng các công cụ phụ đề.")]),
        ({"kind": "youtube", "source_url": "M7lc1UVf-VE", "poster": SimpleUploadedFile("bia.jpg", b"not a photo")},
         [("poster", "Hãy tải lên một hình ảnh hợp lệ. Tập tin mà bạn đã tải không phải là hình ảnh hoặc đã bị "
           "hư hỏng.")]),
        ({"kind": "vimeo", "source_url": "https://vimeo.com/1"},
         [("kind", "Hãy chọn một lựa chọn hợp lệ. vimeo không phải là một trong các lựa chọn khả thi.")]),
        ({"kind": "youtube", "source_url": "M7lc1UVf-VE", "transcript": "A" * 60_001},
         [("transcript", "Giá trị này chỉ có tối đa 60000 kí tự (hiện có 60001)")]),
        ({"kind": "youtube", "source_url": "M7lc1UVf-VE", "published_at_0": "01/01/0001", "published_at_1": "00:00"},
         [("published_at", "Năm 1 không hợp lệ: hãy nhập một ngày từ năm 1900 đến năm 2100.")]),
    ],
)  # fmt: skip
def test_bad_input_is_a_vietnamese_form_error_and_saves_nothing(client, editor, fields, errors, settings):
    response = add(client, **fields)
    assert response.status_code == 200
    assert form_errors(response) == errors
    assert Video.objects.count() == 0


def test_a_slug_taken_in_this_federation_is_a_form_error(client, editor):
    VideoFactory(title="Phóng sự", slug="phong-su")
    response = add(client, kind="youtube", source_url="M7lc1UVf-VE", slug="PHONG-SU")
    assert form_errors(response) == [("slug", "Video khác đã có đường dẫn này. Hãy sửa đường dẫn cho khác đi.")]


def test_writers_have_no_access(client):
    writer = UserFactory(username="phongvien-video")
    give_role(writer, WRITER_GROUP)
    client.force_login(writer)
    assert client.get("/admin/videos/video/").status_code == 403
    assert client.post(ADD_URL, {"title": "x", "kind": "youtube", "source_url": "M7lc1UVf-VE"}).status_code == 403
    assert Video.objects.count() == 0
