"""Videos hosted by YouTube or Facebook: the one place that reads an editor's link and says
where the player comes from.

A link is accepted only in the shapes these sites give for one video (watch, share, embed,
Shorts, live, reel), over http(s), on their own host names, without user, password or port,
with an id of the exact alphabet and length: anything else is refused with a Vietnamese
message rather than guessed at. The player is loaded only after the reader clicks (see
static/videos/player.js); YouTube's comes from youtube-nocookie.com, its privacy-enhanced mode.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlsplit

from django.core.exceptions import ValidationError

YOUTUBE = "youtube"
FACEBOOK = "facebook"

# What each provider's player needs in the page's Content-Security-Policy `frame-src`.
FRAME_ORIGINS = {YOUTUBE: "https://www.youtube-nocookie.com", FACEBOOK: "https://www.facebook.com"}

MAX_URL_LENGTH = 500
_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{10}[AEIMQUYcgkosw048]")  # 11 characters; the last holds 4 bits
_FACEBOOK_ID = re.compile(r"[0-9]{5,25}")
_FACEBOOK_NAME = re.compile(r"[A-Za-z0-9.\-_]{1,100}")
_YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtube-nocookie.com", "www.youtube-nocookie.com"}
_FACEBOOK_HOSTS = {"facebook.com", "www.facebook.com", "m.facebook.com", "web.facebook.com"}


@dataclass(frozen=True)
class Embed:
    provider: str
    video_id: str

    @property
    def frame_origin(self) -> str:
        return FRAME_ORIGINS[self.provider]

    @property
    def watch_url(self) -> str:
        """The video on its own site: the canonical form stored, and the link for readers
        without JavaScript."""
        if self.provider == YOUTUBE:
            return f"https://www.youtube.com/watch?v={self.video_id}"
        return f"https://www.facebook.com/watch/?v={self.video_id}"

    @property
    def player_url(self) -> str:
        """The iframe's address, loaded only when the reader asks for the video."""
        if self.provider == YOUTUBE:
            return f"https://www.youtube-nocookie.com/embed/{self.video_id}?autoplay=1&rel=0"
        href = quote(self.watch_url, safe="")
        return f"https://www.facebook.com/plugins/video.php?href={href}&show_text=false&autoplay=true"

    @property
    def provider_label(self) -> str:
        return "YouTube" if self.provider == YOUTUBE else "Facebook"


def _refuse(provider_label: str, example: str) -> ValidationError:
    return ValidationError(
        "Không nhận ra địa chỉ video %(provider)s này. Hãy dán địa chỉ của một video, ví dụ: %(example)s",
        code="bad_video_url",
        params={"provider": provider_label, "example": example},
    )


def _split(text: str, provider_label: str, example: str):
    if len(text) > MAX_URL_LENGTH:
        raise ValidationError("Địa chỉ video dài quá %(max)s ký tự.", code="too_long", params={"max": MAX_URL_LENGTH})
    if not text.isascii() or not text.isprintable() or any(char.isspace() for char in text):
        # Look-alike letters, full-width or other digit scripts, direction marks, spaces.
        raise ValidationError(
            "Địa chỉ video chỉ gồm chữ cái Latinh không dấu, chữ số và dấu câu của địa chỉ web; "
            "hãy sao chép lại địa chỉ từ thanh địa chỉ của trình duyệt.",
            code="not_ascii",
        )
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise _refuse(provider_label, example) from None
    if parts.scheme not in ("https", "http") or parts.username or parts.password or port is not None:
        raise _refuse(provider_label, example)
    return parts, (parts.hostname or "")


def _one(query: str, name: str) -> str | None:
    values = parse_qs(query, keep_blank_values=True).get(name, [])
    return values[0] if len(values) == 1 else None


def parse_youtube(text: str) -> Embed:
    example = "https://www.youtube.com/watch?v=M7lc1UVf-VE"
    text = (text or "").strip()
    if _YOUTUBE_ID.fullmatch(text):
        return Embed(YOUTUBE, text)
    parts, host = _split(text, "YouTube", example)
    segments = [segment for segment in parts.path.split("/") if segment]
    video_id = None
    if host == "youtu.be" and len(segments) == 1:
        video_id = segments[0]
    elif host in _YOUTUBE_HOSTS:
        if segments == ["watch"]:
            video_id = _one(parts.query, "v")
        elif len(segments) == 2 and segments[0] in ("embed", "shorts", "live", "v"):
            video_id = segments[1]
    if video_id is None or not _YOUTUBE_ID.fullmatch(video_id):
        raise _refuse("YouTube", example)
    return Embed(YOUTUBE, video_id)


def parse_facebook(text: str) -> Embed:
    example = "https://www.facebook.com/facebook/videos/10153231379946729/"
    text = (text or "").strip()
    parts, host = _split(text, "Facebook", example)
    if host not in _FACEBOOK_HOSTS:
        raise _refuse("Facebook", example)
    segments = [segment for segment in parts.path.split("/") if segment]
    video_id = None
    if segments in (["watch"], ["video.php"]):
        video_id = _one(parts.query, "v")
    elif len(segments) == 2 and segments[0] in ("reel", "videos"):
        video_id = segments[1]
    elif len(segments) in (3, 4) and segments[1] == "videos" and _FACEBOOK_NAME.fullmatch(segments[0]):
        # /<page>/videos/<id>/ or /<page>/videos/<title>/<id>/
        video_id = segments[-1]
        if len(segments) == 4 and not _FACEBOOK_NAME.fullmatch(segments[2]):
            video_id = None
    if video_id is None or not _FACEBOOK_ID.fullmatch(video_id):
        raise _refuse("Facebook", example)
    return Embed(FACEBOOK, video_id)


PARSERS = {YOUTUBE: parse_youtube, FACEBOOK: parse_facebook}
