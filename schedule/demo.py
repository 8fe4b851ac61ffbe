"""Demo work schedule for `manage.py load_demo`: last week, this week and next week, relative
to the day of loading (idempotent: a week that already exists is left alone).

This week is published, then one item is moved (a changed venue), so the page shows an
adjusted item; next week's recurring items are copied from this week, as editors do.
"""

import datetime

from django.db import transaction

from congdoan.caching import site_today

from . import weeks
from .models import Entry, Week
from .services import copy_recurring_items

MORNING, AFTERNOON, EVENING = Entry.Session.MORNING, Entry.Session.AFTERNOON, Entry.Session.EVENING
T = datetime.time
OFFICE = "Văn phòng LĐLĐ tỉnh"
HALL = "Hội trường tầng 3, trụ sở LĐLĐ tỉnh"

RECURRING = [
    # (day, session, start, end, content, venue, chair, attendees, preparing unit)
    (1, MORNING, T(7, 30), T(9, 0), "Giao ban Thường trực Liên đoàn Lao động tỉnh",
     "Phòng họp số 1, trụ sở LĐLĐ tỉnh", "Đồng chí Chủ tịch LĐLĐ tỉnh",
     "Các đồng chí Thường trực; Chánh Văn phòng; Trưởng các ban", OFFICE),
    (4, MORNING, T(7, 30), T(11, 30), "Tiếp công dân, tiếp nhận phản ánh của đoàn viên, người lao động định kỳ",
     "Phòng tiếp công dân, tầng 1", "Đồng chí Phó Chủ tịch Thường trực LĐLĐ tỉnh",
     "Ban Chính sách – Pháp luật; Văn phòng", "Ban Chính sách – Pháp luật"),
]  # fmt: skip

THIS_WEEK = [
    (1, AFTERNOON, T(14, 0), T(16, 30), "Họp Ban Thường vụ LĐLĐ tỉnh cho ý kiến dự thảo Báo cáo tổng kết năm",
     HALL, "Đồng chí Chủ tịch LĐLĐ tỉnh", "Các đồng chí Ủy viên Ban Thường vụ; Trưởng các ban", OFFICE),
    (2, MORNING, T(8, 0), None, "Dự Hội nghị tổng kết công tác Công đoàn năm của Công đoàn ngành Giáo dục",
     "Trường Chính trị tỉnh", "", "Đồng chí Phó Chủ tịch Thường trực LĐLĐ tỉnh", "Ban Tổ chức"),
    (2, AFTERNOON, None, None, "Làm việc với một số doanh nghiệp tại Khu công nghiệp Yên Bình về tổ chức Hội nghị "
     "người lao động năm 2027", "Tại doanh nghiệp", "Đồng chí Phó Chủ tịch LĐLĐ tỉnh",
     "Ban Chính sách – Pháp luật; Công đoàn các Khu công nghiệp tỉnh", "Ban Chính sách – Pháp luật"),
    (3, MORNING, T(8, 0), T(11, 0), "Kiểm tra công tác thu, chi tài chính công đoàn tại Công đoàn ngành Y tế",
     "Công đoàn ngành Y tế", "Đồng chí Chủ nhiệm Ủy ban Kiểm tra", "Ủy ban Kiểm tra; Văn phòng", "Ủy ban Kiểm tra"),
    (3, AFTERNOON, T(14, 0), T(17, 0), "Trao hỗ trợ “Mái ấm Công đoàn” cho đoàn viên có hoàn cảnh khó khăn",
     "Tại gia đình các đoàn viên được hỗ trợ", "Đồng chí Chủ tịch LĐLĐ tỉnh",
     "Ban Tuyên giáo – Nữ công; Công đoàn Viên chức tỉnh", "Ban Tuyên giáo – Nữ công"),
    (5, MORNING, T(8, 0), T(11, 30), "Tập huấn kỹ năng thương lượng tập thể cho cán bộ công đoàn cơ sở doanh nghiệp",
     HALL, "Đồng chí Phó Chủ tịch Thường trực LĐLĐ tỉnh",
     "Chủ tịch công đoàn cơ sở các doanh nghiệp (theo giấy triệu tập)", "Ban Chính sách – Pháp luật"),
    (5, EVENING, T(19, 30), T(21, 30), "Chương trình giao lưu văn nghệ “Tết Sum vầy” với công nhân lao động",
     "Nhà văn hóa Thiết chế công đoàn tỉnh", "", "Thường trực LĐLĐ tỉnh; đại diện các ban", "Ban Tuyên giáo – Nữ công"),
    (6, MORNING, T(8, 0), T(11, 0), "Giải bóng chuyền hơi nữ công nhân, viên chức, lao động tỉnh",
     "Nhà thi đấu thể thao tỉnh", "Đồng chí Phó Chủ tịch LĐLĐ tỉnh", "Ban Tuyên giáo – Nữ công",
     "Ban Tuyên giáo – Nữ công"),
]  # fmt: skip

LAST_WEEK = [
    (2, MORNING, T(8, 0), T(11, 0), "Hội nghị Ban Chấp hành LĐLĐ tỉnh lần thứ mười",
     HALL, "Đồng chí Chủ tịch LĐLĐ tỉnh", "Các đồng chí Ủy viên Ban Chấp hành", OFFICE),
    (3, AFTERNOON, T(14, 0), T(16, 0), "Làm việc với Bảo hiểm xã hội tỉnh về tình hình nợ đóng bảo hiểm xã hội",
     "Bảo hiểm xã hội tỉnh", "Đồng chí Phó Chủ tịch Thường trực LĐLĐ tỉnh", "Ban Chính sách – Pháp luật",
     "Ban Chính sách – Pháp luật"),
]  # fmt: skip

NEXT_WEEK = [
    (3, MORNING, T(8, 0), T(11, 30), "Hội nghị tổng kết phong trào thi đua “Lao động giỏi, lao động sáng tạo”",
     HALL, "Đồng chí Chủ tịch LĐLĐ tỉnh", "Đại diện các công đoàn cấp trên trực tiếp cơ sở", "Ban Tổ chức"),
]  # fmt: skip

NOTE = "Lịch có thể thay đổi; đề nghị các đơn vị theo dõi thường xuyên trên trang thông tin điện tử."


def _entries(week: Week, rows, *, recurring: bool = False) -> None:
    for day, session, start, end, content, venue, chair, attendees, unit in rows:
        Entry.objects.create(
            week=week, day=day, session=session, start_time=start, end_time=end, content=content, venue=venue,
            chair=chair, attendees=attendees, preparing_unit=unit, is_recurring=recurring,
        )  # fmt: skip


@transaction.atomic
def load(*, stdout) -> None:
    monday = weeks.monday_of(site_today())
    last, this, following = monday - datetime.timedelta(days=7), monday, monday + datetime.timedelta(days=7)
    existing = set(Week.objects.filter(starts_on__in=[last, this, following]).values_list("starts_on", flat=True))

    if last not in existing:
        week = Week.objects.create(starts_on=last, note=NOTE, is_published=True)
        _entries(week, RECURRING, recurring=True)
        _entries(week, LAST_WEEK)
    if this not in existing:
        week = Week.objects.create(starts_on=this, note=NOTE, is_published=True)
        _entries(week, RECURRING, recurring=True)
        _entries(week, THIS_WEEK)
        # Read back as readers saw it, then moved: shown "Điều chỉnh lúc …".
        moved = Week.objects.get(pk=week.pk).entries.get(day=1, session=AFTERNOON)
        moved.venue = "Phòng họp số 2, trụ sở LĐLĐ tỉnh"
        moved.start_time = T(14, 30)
        moved.save()
    if following not in existing:
        week = Week.objects.create(starts_on=following, note=NOTE, is_published=True)
        _entries(week, NEXT_WEEK)
        copy_recurring_items(week=week)  # before readers saw it: not an adjustment
    numbers = ", ".join(str(weeks.week_number(day)) for day in (last, this, following))
    stdout.write(f"Lịch công tác: các tuần {numbers}.")
