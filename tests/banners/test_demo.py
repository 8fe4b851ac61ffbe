from datetime import date
from io import StringIO

import pytest

from banners import demo
from banners.display import build_ticker
from banners.models import Commemoration, Slide, Slogan

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_gives_a_full_ticker():
    demo.load(stdout=StringIO())
    demo.load(stdout=StringIO())
    assert Commemoration.objects.count() == 28
    assert Slogan.objects.count() == len(demo.SLOGANS)
    assert Slide.objects.count() == 3
    assert all(slide.width == 1200 and slide.height == 300 for slide in Slide.objects.all())

    greeting = "Chúc mừng năm mới – Xuân Bính Ngọ 2026: đoàn viên, người lao động vui Tết an toàn, tiết kiệm"
    january = build_ticker(date(2026, 1, 20)).items
    assert january[:2] == ["Kỷ niệm 29 năm Ngày tái lập tỉnh Bắc Kạn (01/01/1997 - 01/01/2026)", greeting]
    february = build_ticker(date(2026, 2, 1)).items
    assert february[:4] == [
        "Kỷ niệm 96 năm ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2026)",
        "Kỷ niệm 47 năm Cuộc chiến đấu bảo vệ biên giới phía Bắc của Tổ quốc (17/02/1979 - 17/02/2026)",
        "Kỷ niệm 71 năm ngày Thầy thuốc Việt Nam (27/02/1955 - 27/02/2026)",
        greeting,
    ]
    summer = build_ticker(date(2026, 7, 20)).items
    assert not any("Xuân" in item for item in summer)
    assert summer[:2] == [
        "Kỷ niệm 79 năm Ngày Thương binh - Liệt sĩ (27/07/1947 - 27/07/2026)",
        "Kỷ niệm 97 năm Ngày thành lập Công đoàn Việt Nam (28/07/1929 - 28/07/2026)",
    ]
