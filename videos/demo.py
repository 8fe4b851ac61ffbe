"""Demo videos: a YouTube and a Facebook video behind posters drawn by Pillow, and a draft.

Idempotent (found by title). The two video ids are the examples of YouTube's and Facebook's
own embedding documentation; nothing is downloaded, and no player loads until a click.
"""

import io
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from .models import Video

VIDEOS = [
    # (title, kind, address, description, transcript, days ago, published)
    (
        "Phóng sự: Tháng Công nhân năm 2024 – Đoàn viên khỏe, Công đoàn mạnh",
        Video.Kind.YOUTUBE,
        "https://www.youtube.com/watch?v=M7lc1UVf-VE",
        "Những hoạt động chăm lo cho đoàn viên, người lao động trong Tháng Công nhân: khám sức khỏe miễn phí, "
        "trao Mái ấm Công đoàn, đối thoại với người sử dụng lao động. (Video mẫu minh họa cách nhúng video YouTube.)",
        "Lời bình: Tháng Năm về, các cấp công đoàn trong tỉnh đồng loạt ra quân chăm lo cho đoàn viên.\n\n"
        "Chị Lý Thị Hoa, công nhân may: Năm nay công đoàn tổ chức khám sức khỏe ngay tại công ty, chúng tôi "
        "không phải nghỉ làm để đi khám.",
        2,
        True,
    ),
    (
        "Tin hình: Đối thoại giữa Chủ tịch UBND tỉnh với công nhân lao động",
        Video.Kind.FACEBOOK,
        "https://www.facebook.com/facebook/videos/10153231379946729/",
        "Hơn 300 công nhân gửi 42 ý kiến về nhà ở, nhà trẻ và tiền lương. (Video mẫu minh họa cách nhúng video "
        "Facebook.)",
        "",
        9,
        True,
    ),
    (
        "Bản nháp: Hướng dẫn thủ tục nhận trợ cấp thất nghiệp",
        Video.Kind.YOUTUBE,
        "https://youtu.be/M7lc1UVf-VE",
        "Video đang biên tập, chưa đăng.",
        "",
        1,
        False,
    ),
]

COLOURS = [((179, 18, 27), (11, 78, 162)), ((11, 78, 162), (23, 102, 58)), ((107, 45, 143), (179, 18, 27))]


def poster_image(seed: int) -> bytes:
    """A 16:9 poster: a two-colour band and a screen shape."""
    left, right = COLOURS[seed % len(COLOURS)]
    width, height = 1280, 720
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for x in range(width):
        t = x / width
        draw.line([(x, 0), (x, height)], fill=tuple(int(left[i] * (1 - t) + right[i] * t) for i in range(3)))
    draw.rectangle([160, 140, 1120, 580], outline=(255, 255, 255), width=8)
    draw.rectangle([200, 500, 1080, 540], fill=(255, 236, 150))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82)
    return buffer.getvalue()


def load(*, stdout) -> None:
    now = timezone.now()
    created = 0
    for index, (title, kind, address, description, transcript, days_ago, published) in enumerate(VIDEOS):
        if Video.objects.filter(title=title).exists():
            continue
        with transaction.atomic():
            video = Video(
                title=title,
                kind=kind,
                source_url=address,
                description=description,
                transcript=transcript,
                is_published=published,
                published_at=now - timedelta(days=days_ago) if published else None,
            )
            video.full_clean(exclude=["poster"])  # reads the address as the admin does
            video.poster.save(f"video-{index + 1}.jpg", ContentFile(poster_image(index)), save=False)
            video.save()
        created += 1
    stdout.write(f"Video: thêm {created} video.\n")
