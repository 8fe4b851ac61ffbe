"""Demo albums: three published albums and a draft, with photos drawn by Pillow.

Idempotent: an album is found by its slug and made only when missing. All text was written
for this demo; the photos are generated shapes (no download).
"""

import io
import random
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from .models import Album
from .services import add_photos

ALBUMS = [
    # (title, description, days ago, published, [(caption, credit)])
    (
        "Đại hội Công đoàn tỉnh lần thứ XI, nhiệm kỳ 2023–2028",
        "Hơn 250 đại biểu dự Đại hội tại Hội trường Trung tâm Hội nghị tỉnh trong hai ngày 12 và 13/10/2023.",
        3,
        True,
        [
            ("Quang cảnh phiên khai mạc Đại hội.", "Ảnh: Thu Thủy/LĐLĐ tỉnh"),
            ("Đoàn Chủ tịch điều hành phiên thảo luận.", "Ảnh: Thu Thủy/LĐLĐ tỉnh"),
            ("Đại biểu công đoàn ngành Giáo dục phát biểu tham luận.", "Ảnh: Hoàng Minh"),
            ("Đại biểu biểu quyết thông qua Nghị quyết Đại hội.", "Ảnh: Hoàng Minh"),
            ("Ban Chấp hành khóa mới ra mắt Đại hội.", "Ảnh: Thu Thủy/LĐLĐ tỉnh"),
            ("Đại biểu chụp ảnh lưu niệm trước hội trường.", "Ảnh: Lý Thị Hoa"),
        ],
    ),
    (
        "Tết Sum vầy 2024: trao quà cho đoàn viên có hoàn cảnh khó khăn",
        "Các cấp công đoàn trao hơn 1.200 suất quà Tết cho đoàn viên, người lao động ở Chợ Mới và Ba Bể.",
        20,
        True,
        [
            ("Lãnh đạo LĐLĐ tỉnh trao quà cho công nhân Công ty May Bắc Kạn.", "Ảnh: Nông Văn Đức"),
            ("Chuyến xe Công đoàn đưa công nhân về quê đón Tết.", "Ảnh: Nông Văn Đức"),
            ("Gian hàng 0 đồng tại chợ Tết Công đoàn.", "Ảnh: Lý Thị Hoa"),
            ("Đoàn viên nhận quà tại nhà văn hóa thôn.", ""),
            ("Niềm vui của gia đình đoàn viên.", "Ảnh: Lý Thị Hoa"),
        ],
    ),
    (
        "Hội thao công nhân viên chức lao động năm 2024",
        "Hơn 600 vận động viên của 30 công đoàn cơ sở tranh tài ở sáu môn thể thao.",
        45,
        True,
        [
            ("Lễ khai mạc Hội thao.", "Ảnh: Hoàng Minh"),
            ("Trận chung kết kéo co nam nữ phối hợp.", "Ảnh: Hoàng Minh"),
            ("Vận động viên môn cầu lông đơn nữ.", "Ảnh: Hoàng Minh"),
            ("Trao cúp cho đội đoạt giải Nhất toàn đoàn.", "Ảnh: Thu Thủy/LĐLĐ tỉnh"),
        ],
    ),
    (
        "Bản nháp: Tập huấn nghiệp vụ công đoàn cơ sở",
        "Album đang chuẩn bị, chưa đăng.",
        1,
        False,
        [("Giảng viên hướng dẫn kỹ năng thương lượng tập thể.", "Ảnh: Lý Thị Hoa")],
    ),
]

PALETTES = [
    ((164, 22, 30), (250, 214, 120)),
    ((12, 78, 162), (210, 230, 250)),
    ((23, 102, 58), (226, 244, 214)),
    ((122, 82, 0), (255, 236, 190)),
    ((107, 45, 143), (240, 222, 250)),
]


def demo_photo(seed: int, portrait: bool = False) -> bytes:
    """A generated 'event photo': a stage with a banner, and rows of people."""
    rng = random.Random(seed)
    width, height = (900, 1200) if portrait else (1600, 1067)
    back, light = PALETTES[seed % len(PALETTES)]
    image = Image.new("RGB", (width, height), light)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, width, height * 0.55], fill=back)
    draw.rectangle([width * 0.1, height * 0.08, width * 0.9, height * 0.2], fill=(250, 240, 200))
    draw.rectangle([width * 0.12, height * 0.1, width * 0.88, height * 0.18], fill=back)
    for row in range(4):
        y = height * (0.6 + row * 0.1)
        for column in range(rng.randint(6, 10)):
            x = width * 0.05 + column * width * 0.1 + rng.randint(-10, 10)
            size = width * 0.035
            shirt = (rng.randint(30, 220), rng.randint(30, 220), rng.randint(30, 220))
            draw.ellipse([x, y - size * 1.2, x + size, y - size * 0.2], fill=(235, 195, 160))
            draw.rectangle([x - size * 0.2, y - size * 0.2, x + size * 1.2, y + size * 1.4], fill=shirt)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82)
    return buffer.getvalue()


def load(*, stdout) -> None:
    now = timezone.now()
    created = 0
    for number, (title, description, days_ago, published, photos) in enumerate(ALBUMS):
        if Album.objects.filter(title=title).exists():
            continue
        with transaction.atomic():
            album = Album.objects.create(
                title=title,
                description=description,
                is_published=published,
                published_at=now - timedelta(days=days_ago) if published else None,
            )
            files = [
                SimpleUploadedFile(
                    f"{album.slug[:50]}-{index + 1:02d}.jpg",
                    demo_photo(number * 10 + index, portrait=index % 4 == 3),
                    "image/jpeg",
                )
                for index in range(len(photos))
            ]
            added = add_photos(album=album, files=files)
            for photo, (caption, credit) in zip(added, photos, strict=True):
                photo.caption, photo.credit = caption, credit
                photo.save(update_fields=["caption", "credit"])
        created += 1
    _embed_in_articles()
    stdout.write(f"Thư viện ảnh: thêm {created} album.\n")


# An article of the news demo carries the album of its event (news runs first, see demo_order).
ARTICLE_ALBUMS = {"Đại hội Công đoàn tỉnh lần thứ XI: Đổi mới, dân chủ, đoàn kết, phát triển": ALBUMS[0][0]}


def _embed_in_articles() -> None:
    from news.models import Article

    for article_title, album_title in ARTICLE_ALBUMS.items():
        album = Album.objects.filter(title=album_title).first()
        if album is not None:
            Article.objects.filter(title=article_title, album__isnull=True).update(album=album)
