"""Uploaded MP4s and caption files: accepted only when browsers can use them."""

import struct

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from videos.files import check_mp4, check_webvtt

from .media import VTT, box, mp4_bytes, mp4_file, vtt_file

NOT_MP4 = "Tệp này không phải là video MP4 hợp lệ (có thể tệp bị hỏng hoặc tải lên chưa hết). Chỉ nhận video MP4."
NOT_VTT = (
    "Tệp phụ đề phải là tệp WebVTT (đuôi .vtt, mã UTF-8, dòng đầu là WEBVTT, có ít nhất một đoạn "
    "thời gian “00:00:01.000 --> 00:00:04.000”). Tệp .srt có thể đổi sang .vtt bằng các công cụ phụ đề."
)


def messages(check, upload):
    with pytest.raises(ValidationError) as raised:
        check(upload)
    return raised.value.messages


def test_an_mp4_of_a_known_brand_with_index_and_media_is_accepted():
    check_mp4(mp4_file())
    check_mp4(mp4_file(brand=b"mp42", codec=b"mp4a"))


def test_a_64_bit_box_size_is_read():
    large_mdat = struct.pack(">I", 1) + b"mdat" + struct.pack(">Q", 16 + 32) + b"\x00" * 32
    data = mp4_bytes()
    data = data[: data.rindex(b"mdat") - 4] + large_mdat
    check_mp4(SimpleUploadedFile("lon.mp4", data))


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(mp4_bytes()[:-10], id="truncated upload"),
        pytest.param(mp4_bytes() + b"junk", id="trailing bytes"),
        pytest.param(mp4_bytes() + box(b"free", b"\x00" * 8)[:-3], id="a last box cut short"),
        pytest.param(mp4_bytes(brand=b"qt  "), id="QuickTime .mov inside"),
        pytest.param(box(b"ftyp", b"isom\x00\x00\x00\x00") + box(b"mdat", b"\x00" * 8), id="no index"),
        pytest.param(box(b"moov") + box(b"ftyp", b"isom\x00\x00\x00\x00") + box(b"mdat"), id="ftyp not first"),
        pytest.param(b"\x00\x00\x00\x04ftyp", id="box smaller than its header"),
        pytest.param(b"\xff\xff\xff\xffftypisom", id="box larger than the file"),
        pytest.param(b"\x00\x00\x00\x10\x00\x01\x02\x03" + b"\x00" * 8, id="unprintable box type"),
        pytest.param(b"Day la van ban, khong phai video", id="text"),
        pytest.param(b"", id="empty"),
    ],
)
def test_corrupt_or_foreign_files_are_refused(data):
    assert messages(check_mp4, SimpleUploadedFile("video.mp4", data)) == [NOT_MP4]


def test_hevc_from_a_phone_is_refused_with_advice():
    assert messages(check_mp4, mp4_file(codec=b"hvc1")) == [
        "Video được mã hóa HEVC (H.265), nhiều trình duyệt không phát được. Hãy xuất lại video dạng H.264 "
        "(trên điện thoại: chọn “Tương thích nhất” trong phần cài đặt máy ảnh) rồi tải lên lại."
    ]


@pytest.mark.parametrize("name", ["video.mov", "video.MP4.exe", "video", "video.m4a"])
def test_only_mp4_names(name):
    assert messages(check_mp4, mp4_file(name)) == ["Chỉ nhận video MP4 (tên tệp có đuôi .mp4)."]


def test_a_file_over_300_mb_is_refused_before_reading():
    upload = mp4_file()
    upload.size = 301 * 1024 * 1024
    assert messages(check_mp4, upload) == [
        "Video quá lớn (301,0 MB); tối đa 300 MB. Video dài hơn nên đăng lên YouTube rồi dán địa chỉ vào đây."
    ]


def test_a_webvtt_file_is_accepted_with_or_without_bom():
    check_webvtt(vtt_file())
    check_webvtt(vtt_file(encoding="utf-8-sig"))
    check_webvtt(vtt_file("WEBVTT - Phụ đề tiếng Việt\n\n00:01.000 --> 00:04.000\nXin chào.\n"))


@pytest.mark.parametrize(
    "upload",
    [
        pytest.param(vtt_file("1\n00:00:01,000 --> 00:00:04,000\nXin chào\n", "phu-de.srt"), id="srt"),
        pytest.param(vtt_file("1\n00:00:01,000 --> 00:00:04,000\nXin chào\n"), id="srt renamed"),
        pytest.param(vtt_file(VTT, "phu-de.txt"), id="wrong extension"),
        pytest.param(vtt_file("WEBVTTX\n\n00:00:01.000 --> 00:00:04.000\nA\n"), id="not the header"),
        pytest.param(vtt_file("WEBVTT\n\nkhông có mốc thời gian\n"), id="no cue"),
        pytest.param(vtt_file(VTT, encoding="utf-16"), id="utf-16"),
        pytest.param(SimpleUploadedFile("phu-de.vtt", VTT.encode() + b"\xff\xfe"), id="bad utf-8"),
        pytest.param(vtt_file(VTT + "\x00"), id="nul"),
    ],
)
def test_other_caption_files_are_refused(upload):
    assert messages(check_webvtt, upload) == [NOT_VTT]


def test_a_caption_file_over_512_kb_is_refused():
    upload = vtt_file(VTT + "A" * (600 * 1024))
    assert messages(check_webvtt, upload) == ["Tệp phụ đề quá lớn (600 KB); tối đa 512 KB."]
