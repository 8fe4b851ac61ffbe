"""Demo content for the banners app: the commemoration list, a few slogans, three slides."""

import io
from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageDraw

from congdoan.models import Federation
from congdoan.tenancy import everywhere

from .models import Slide, Slogan, TickerSettings
from .services import FIXTURE, import_commemorations, parse_commemorations, read_commemorations_file

# Our own words. The Tết greeting repeats every year and names the Tết it greets (the nearest one).
SLOGANS = [
    {
        "text": (
            "Chúc mừng năm mới – Xuân {can_chi_tet} {nam_tet}: đoàn viên, người lao động vui Tết an toàn, tiết kiệm"
        ),
        "starts_on": date(2025, 1, 1),
        "ends_on": date(2025, 2, 28),
        "repeats_yearly": True,
        "order": 0,
    },
    {"text": "Công đoàn tỉnh Thái Nguyên đồng hành cùng người lao động", "order": 10},
    {"text": "Chăm lo đời sống, bảo vệ quyền lợi hợp pháp, chính đáng của đoàn viên", "order": 20},
    {"text": "Thi đua lao động sáng tạo, xây dựng tổ chức Công đoàn vững mạnh năm {nam}", "order": 30},
]

SLIDES = [
    ("Băng ảnh đỏ: đoàn viên công đoàn cùng hướng về một mục tiêu", (179, 18, 27), (138, 13, 20)),
    ("Băng ảnh xanh: người lao động trên công trường vùng cao", (11, 78, 162), (8, 58, 120)),
    ("Băng ảnh vàng: mùa lúa chín trên ruộng bậc thang", (214, 160, 30), (150, 100, 20)),
]


def _slide_image(top, bottom) -> bytes:
    width, height = 1200, 300
    image = Image.new("RGB", (width, height), top)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / (height - 1)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)
    for i in range(7):
        x = 120 + i * 160
        draw.ellipse([x - 40, 110, x + 40, 190], outline=(255, 255, 255), width=4)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


# A province's own commemorations; the rest of the list is the nation's, kept by the national
# union for every federation once there is one (banners.models.CommemorationQuerySet.shown_in).
PROVINCIAL_EVENTS = {"Ngày tái lập tỉnh Bắc Kạn"}
THAI_NGUYEN_OWN = {"event": "Ngày tái lập tỉnh Thái Nguyên", "origin": "01/01/1997", "every": 5}


def _commemorations(*, national: bool) -> list:
    items = read_commemorations_file(FIXTURE)
    return [item for item in items if (item.event in PROVINCIAL_EVENTS) != national]


def load(*, stdout) -> None:
    if everywhere(Federation).filter(kind=Federation.Kind.NATIONAL).exists():
        items = parse_commemorations([THAI_NGUYEN_OWN])  # the national list is the national union's
    else:
        items = read_commemorations_file(FIXTURE)
    result = import_commemorations(items=items)
    stdout.write(f"Ngày kỷ niệm: thêm {result.created}, cập nhật {result.updated}, giữ nguyên {result.unchanged}.")
    _ticker(SLOGANS, stdout=stdout)


def load_for(federation, *, stdout) -> None:
    """The national union keeps the nation's commemorations; every federation gets its own
    slogans and header slides."""
    if federation.is_national:
        result = import_commemorations(items=_commemorations(national=True))
        stdout.write(f"Ngày kỷ niệm chung: thêm {result.created}, giữ nguyên {result.unchanged}.")
    slogans = [
        {"text": f"{federation.short_name} đồng hành cùng người lao động", "order": 10},
        {"text": "Thi đua lao động sáng tạo, xây dựng tổ chức Công đoàn vững mạnh năm {nam}", "order": 20},
    ]
    _ticker(slogans, stdout=stdout)


def _ticker(slogans, *, stdout) -> None:
    with transaction.atomic():
        if not TickerSettings.objects.exists():
            TickerSettings().save()
        created = 0
        for entry in slogans:
            fields = {key: value for key, value in entry.items() if key != "text"}
            _, made = Slogan.objects.get_or_create(text=entry["text"], defaults=fields)
            created += made
        stdout.write(f"Khẩu hiệu mẫu: thêm {created}.")
        created = 0
        for order, (alt, top, bottom) in enumerate(SLIDES):
            if Slide.objects.filter(alt=alt).exists():
                continue
            slide = Slide(alt=alt, order=order * 10)
            slide.image.save(f"bang-anh-{order + 1}.jpg", ContentFile(_slide_image(top, bottom)), save=False)
            slide.save()
            created += 1
        stdout.write(f"Ảnh đầu trang mẫu: thêm {created}.")
