"""Editors' links to YouTube and Facebook videos: accepted only in the shapes those sites give."""

import pytest
from django.core.exceptions import ValidationError

from videos.embeds import Embed, parse_facebook, parse_youtube

YOUTUBE_REFUSED = (
    "Không nhận ra địa chỉ video YouTube này. Hãy dán địa chỉ của một video, ví dụ: "
    "https://www.youtube.com/watch?v=M7lc1UVf-VE"
)
FACEBOOK_REFUSED = (
    "Không nhận ra địa chỉ video Facebook này. Hãy dán địa chỉ của một video, ví dụ: "
    "https://www.facebook.com/facebook/videos/10153231379946729/"
)
NOT_ASCII = (
    "Địa chỉ video chỉ gồm chữ cái Latinh không dấu, chữ số và dấu câu của địa chỉ web; "
    "hãy sao chép lại địa chỉ từ thanh địa chỉ của trình duyệt."
)


@pytest.mark.parametrize(
    "text",
    [
        "https://www.youtube.com/watch?v=M7lc1UVf-VE",
        "https://youtube.com/watch?v=M7lc1UVf-VE&t=42s&list=PL123",
        "http://m.youtube.com/watch?feature=share&v=M7lc1UVf-VE",
        "https://youtu.be/M7lc1UVf-VE?si=Ab12",
        "https://www.youtube.com/shorts/M7lc1UVf-VE",
        "https://www.youtube.com/live/M7lc1UVf-VE?feature=shared",
        "https://www.youtube.com/embed/M7lc1UVf-VE",
        "https://www.youtube-nocookie.com/embed/M7lc1UVf-VE?rel=0",
        "  M7lc1UVf-VE  ",
        "HTTPS://WWW.YOUTUBE.COM/watch?v=M7lc1UVf-VE",
    ],
)
def test_youtube_links_give_the_video_id(text):
    embed = parse_youtube(text)
    assert embed == Embed("youtube", "M7lc1UVf-VE")
    assert embed.watch_url == "https://www.youtube.com/watch?v=M7lc1UVf-VE"
    assert embed.player_url == "https://www.youtube-nocookie.com/embed/M7lc1UVf-VE?autoplay=1&rel=0"
    assert embed.frame_origin == "https://www.youtube-nocookie.com"


@pytest.mark.parametrize(
    "text, message",
    [
        ("https://www.youtube.com/watch?v=M7lc1UVf-V", YOUTUBE_REFUSED),  # 10 characters
        ("https://www.youtube.com/watch?v=M7lc1UVf-VEX", YOUTUBE_REFUSED),  # 12
        ("https://www.youtube.com/watch?v=M7lc1UVf-VF", YOUTUBE_REFUSED),  # no real id ends in F
        ("https://www.youtube.com/watch?v=M7lc1UVf-VE&v=dQw4w9WgXcQ", YOUTUBE_REFUSED),
        ("https://www.youtube.com/watch", YOUTUBE_REFUSED),
        ("https://www.youtube.com/channel/UC_x5XG1OV2P6uZZ5FSM9Ttw", YOUTUBE_REFUSED),
        ("https://www.youtube.com/embed/M7lc1UVf-VE/extra", YOUTUBE_REFUSED),
        ("https://youtu.be/M7lc1UVf-VE/extra", YOUTUBE_REFUSED),
        ("https://youtube.com.evil.example/watch?v=M7lc1UVf-VE", YOUTUBE_REFUSED),
        ("https://evil.example/?u=https://youtu.be/M7lc1UVf-VE", YOUTUBE_REFUSED),
        ("https://www.youtube.com@evil.example/watch?v=M7lc1UVf-VE", YOUTUBE_REFUSED),
        ("https://user:pass@www.youtube.com/watch?v=M7lc1UVf-VE", YOUTUBE_REFUSED),
        ("https://www.youtube.com:8443/watch?v=M7lc1UVf-VE", YOUTUBE_REFUSED),
        ("https://www.youtube.com:99999/watch?v=M7lc1UVf-VE", YOUTUBE_REFUSED),
        ("javascript:alert(1)//youtu.be/M7lc1UVf-VE", YOUTUBE_REFUSED),
        ("ftp://youtu.be/M7lc1UVf-VE", YOUTUBE_REFUSED),
        ("//youtu.be/M7lc1UVf-VE", YOUTUBE_REFUSED),
        ("https://www.youtube.com/watch?v=M7lc1UVf-V\u0415", NOT_ASCII),  # Cyrillic Е
        ("https://www.yоutube.com/watch?v=M7lc1UVf-VE", NOT_ASCII),  # Cyrillic о in the host
        ("https://www.youtube.com/watch?v=M７lc1UVf-VE", NOT_ASCII),  # full-width digit
        ("https://www.youtube.com/watch?v=M7lc1UVf-VE\u200f", NOT_ASCII),  # right-to-left mark
        ("https://www.youtube.com/watch?v=M7lc1UVf -VE", NOT_ASCII),
        ("https://www.youtube.com/watch?v=M7lc1U\tVf-VE", NOT_ASCII),
        ("https://www.youtube.com/watch?v=" + "A" * 600, "Địa chỉ video dài quá 500 ký tự."),
        ("", YOUTUBE_REFUSED),
    ],
)
def test_anything_else_is_refused_with_a_vietnamese_message(text, message):
    with pytest.raises(ValidationError) as raised:
        parse_youtube(text)
    assert raised.value.messages == [message]


@pytest.mark.parametrize(
    "text",
    [
        "https://www.facebook.com/facebook/videos/10153231379946729/",
        "https://www.facebook.com/facebook/videos/le-ky-niem/10153231379946729",
        "https://m.facebook.com/watch/?v=10153231379946729",
        "https://www.facebook.com/watch?v=10153231379946729&ref=sharing",
        "https://web.facebook.com/reel/10153231379946729",
        "https://facebook.com/video.php?v=10153231379946729",
        "https://www.facebook.com/videos/10153231379946729/",
    ],
)
def test_facebook_links_give_the_video_id(text):
    embed = parse_facebook(text)
    assert embed == Embed("facebook", "10153231379946729")
    assert embed.watch_url == "https://www.facebook.com/watch/?v=10153231379946729"
    assert embed.player_url == (
        "https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2Fwatch%2F%3Fv%3D"
        "10153231379946729&show_text=false&autoplay=true"
    )
    assert embed.frame_origin == "https://www.facebook.com"


@pytest.mark.parametrize(
    "text, message",
    [
        ("https://fb.watch/abcDEF123/", FACEBOOK_REFUSED),  # a short link: the full address is needed
        ("https://www.facebook.com/congdoanbackan", FACEBOOK_REFUSED),
        ("https://www.facebook.com/watch/?v=12a34567", FACEBOOK_REFUSED),
        ("https://www.facebook.com/watch/?v=1234", FACEBOOK_REFUSED),
        ("https://www.facebook.com/watch/?v=" + "1" * 26, FACEBOOK_REFUSED),
        ("https://www.facebook.com/<script>/videos/10153231379946729/", FACEBOOK_REFUSED),
        ("https://www.facebook.com.evil.example/watch/?v=10153231379946729", FACEBOOK_REFUSED),
        ("https://www.facebook.com/watch/?v=１０153231379946729", NOT_ASCII),
        ("https://www.facebook.com/watch/?v=¹0153231379946729", NOT_ASCII),
        ("https://www.facebook.com/watch/?v=٠١٥٣٢٣١٣٧٩٩٤٦٧٢٩", NOT_ASCII),
        ("M7lc1UVf-VE", FACEBOOK_REFUSED),
    ],
)
def test_facebook_refusals(text, message):
    with pytest.raises(ValidationError) as raised:
        parse_facebook(text)
    assert raised.value.messages == [message]
