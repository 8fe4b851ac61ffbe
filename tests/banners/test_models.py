"""Who is active on a day: windows, flags, ordering; slide images."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError

from banners.models import Commemoration, Slide, Slogan, TickerSettings
from congdoan.renditions import rendition_name

from .factories import CommemorationFactory, SlideFactory, SloganFactory, jpeg_upload

pytestmark = pytest.mark.django_db

DAY = date(2024, 6, 15)


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "is_active", "shown"),
    [
        (None, None, True, True),
        (None, None, False, False),
        (date(2024, 6, 15), None, True, True),
        (date(2024, 6, 16), None, True, False),
        (None, date(2024, 6, 15), True, True),
        (None, date(2024, 6, 14), True, False),  # expired
        (date(2024, 6, 1), date(2024, 6, 30), True, True),
        (date(2024, 6, 1), date(2024, 6, 30), False, False),
        (date(2024, 7, 1), date(2024, 7, 30), True, False),
    ],
)
@pytest.mark.parametrize("factory", [SloganFactory, SlideFactory])
def test_windows_and_active_flag(factory, starts_on, ends_on, is_active, shown):
    item = factory(starts_on=starts_on, ends_on=ends_on, is_active=is_active)
    assert (item in type(item).objects.active_on(DAY)) is shown


def test_slogans_and_slides_in_their_order():
    third = SloganFactory(order=30)
    first = SloganFactory(order=10)
    second = SloganFactory(order=20)
    assert list(Slogan.objects.active_on(DAY)) == [first, second, third]
    b = SlideFactory(order=2)
    a = SlideFactory(order=1)
    assert list(Slide.objects.active_on(DAY)) == [a, b]


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "day", "shown"),
    [
        # Tết greeting, 15/01 – 28/02 every year.
        (date(2025, 1, 15), date(2025, 2, 28), date(2030, 1, 15), True),
        (date(2025, 1, 15), date(2025, 2, 28), date(2030, 2, 28), True),
        (date(2025, 1, 15), date(2025, 2, 28), date(2030, 1, 14), False),
        (date(2025, 1, 15), date(2025, 2, 28), date(2030, 3, 1), False),
        (date(2025, 1, 15), date(2025, 2, 28), date(2024, 2, 29), False),
        (date(2025, 1, 15), date(2025, 2, 28), date(2020, 2, 1), True),  # before the year typed: still yearly
        # Wrapping over the new year: 15/12 – 15/01.
        (date(2024, 12, 15), date(2025, 1, 15), date(2030, 12, 31), True),
        (date(2024, 12, 15), date(2025, 1, 15), date(2031, 1, 1), True),
        (date(2024, 12, 15), date(2025, 1, 15), date(2031, 1, 15), True),
        (date(2024, 12, 15), date(2025, 1, 15), date(2031, 1, 16), False),
        (date(2024, 12, 15), date(2025, 1, 15), date(2030, 12, 14), False),
        (date(2024, 12, 15), date(2025, 1, 15), date(2030, 6, 1), False),
    ],
)
def test_yearly_slogans_compare_day_and_month(starts_on, ends_on, day, shown):
    slogan = SloganFactory(starts_on=starts_on, ends_on=ends_on, repeats_yearly=True)
    assert (slogan in Slogan.objects.active_on(day)) is shown


def test_yearly_slogan_needs_both_dates():
    with pytest.raises(ValidationError):
        Slogan(text="Chúc Tết", starts_on=date(2025, 1, 1), repeats_yearly=True).full_clean()


@pytest.mark.parametrize("model", [Slogan, Slide])
def test_window_must_not_end_before_it_starts(model):
    item = model(starts_on=date(2024, 6, 2), ends_on=date(2024, 6, 1))
    with pytest.raises(ValidationError) as error:
        item.clean()
    assert "ends_on" in error.value.message_dict


def test_database_refuses_a_reversed_window():
    with pytest.raises(IntegrityError):
        SloganFactory(starts_on=date(2024, 6, 2), ends_on=date(2024, 6, 1))


def test_slogan_text_on_a_day():
    greeting = SloganFactory(text="Xuân {can_chi_tet} {nam_tet} {la}")
    assert greeting.text_on(date(2026, 1, 10)) == "Xuân Bính Ngọ 2026 {la}"
    year = SloganFactory(text="Năm {can_chi}, {nam}")
    assert year.text_on(date(2026, 1, 10)) == "Năm Ất Tỵ, 2026"  # before Tết 17/02/2026


def test_commemorations_ordered_by_anniversary_then_origin():
    # On 10/12/2024 these are shown; their anniversaries run 20/11 → 01/01.
    bac_kan = CommemorationFactory(event="Ngày tái lập tỉnh Bắc Kạn", origin=date(1997, 1, 1))
    army = CommemorationFactory(event="Ngày thành lập Quân đội nhân dân Việt Nam", origin=date(1944, 12, 22))
    human_rights = CommemorationFactory(event="Ngày Nhân quyền thế giới", origin=date(1948, 12, 10))
    tay_bac = CommemorationFactory(event="Ngày chiến thắng Tây Bắc", origin=date(1952, 12, 10))
    teachers = CommemorationFactory(event="Ngày Nhà giáo Việt Nam", origin=date(1982, 11, 20))
    CommemorationFactory(event="Tắt", origin=date(1944, 12, 19), is_active=False)
    CommemorationFactory(event="Xa", origin=date(1930, 2, 3))
    occurrences = Commemoration.objects.occurrences_on(date(2024, 12, 10))
    assert [o.commemoration for o in occurrences] == [human_rights, tay_bac, army, bac_kan]
    assert [o.text for o in occurrences] == [
        "Kỷ niệm 76 năm Ngày Nhân quyền thế giới (10/12/1948 - 10/12/2024)",
        "Kỷ niệm 72 năm Ngày chiến thắng Tây Bắc (10/12/1952 - 10/12/2024)",
        "Kỷ niệm 80 năm Ngày thành lập Quân đội nhân dân Việt Nam (22/12/1944 - 22/12/2024)",
        "Kỷ niệm 28 năm Ngày tái lập tỉnh Bắc Kạn (01/01/1997 - 01/01/2025)",
    ]
    assert teachers not in Commemoration.objects.active_on(date(2024, 12, 10))
    assert set(Commemoration.objects.active_on(date(2024, 12, 10))) == {bac_kan, army, human_rights, tay_bac}


def test_commemoration_window_and_every_come_from_the_row():
    item = CommemorationFactory(
        event="Ngày sinh đồng chí Đào Duy Tùng",
        origin=date(1924, 5, 20),
        every=5,
        days_before=3,
        days_after=1,
        prefix="Chào mừng",
    )
    assert item.occurrence_on(date(2024, 5, 16)) is None
    assert item.occurrence_on(date(2024, 5, 17)).text == (
        "Chào mừng 100 năm Ngày sinh đồng chí Đào Duy Tùng (20/05/1924 - 20/05/2024)"
    )
    assert item.occurrence_on(date(2024, 5, 21)).count == 100
    assert item.occurrence_on(date(2024, 5, 22)) is None
    assert item.occurrence_on(date(2025, 5, 20)) is None


def test_next_occurrence_for_the_admin_list():
    item = CommemorationFactory(event="Ngày Quốc tế Phụ nữ", origin=date(1910, 3, 8), every=5)
    assert (
        item.next_occurrence(date(2024, 6, 1)).text == "Kỷ niệm 115 năm Ngày Quốc tế Phụ nữ (08/03/1910 - 08/03/2025)"
    )


@pytest.mark.parametrize(
    "values",
    [
        {"every": 3},
        {"days_before": 400, "days_after": 0},
        {"days_before": 0, "days_after": 181},
        {"days_before": 10},
        {"days_after": 10},
    ],
)
def test_commemoration_constraints(values):
    with pytest.raises(IntegrityError):
        CommemorationFactory(**values)


def test_new_commemorations_follow_the_monthly_rule():
    item = CommemorationFactory(event="Ngày thành lập Công đoàn Việt Nam", origin=date(1929, 7, 28))
    assert (item.days_before, item.days_after, item.is_monthly) == (None, None, True)
    assert item.window_label == "hằng năm, cả tháng có ngày kỷ niệm"
    assert item.occurrence_on(date(2024, 6, 30)) is None
    assert item.occurrence_on(date(2024, 7, 1)).text == (
        "Kỷ niệm 95 năm Ngày thành lập Công đoàn Việt Nam (28/07/1929 - 28/07/2024)"
    )
    assert item.occurrence_on(date(2024, 7, 31)).count == 95
    assert item.occurrence_on(date(2024, 8, 1)) is None


def test_window_labels_for_the_list():
    first = CommemorationFactory(event="Ngày Quốc tế Lao động", origin=date(1886, 5, 1))
    every_five = CommemorationFactory(event="Ngày sinh", origin=date(1924, 5, 20), every=5)
    custom = CommemorationFactory(event="Riêng", origin=date(1930, 2, 3), days_before=7, days_after=3)
    assert first.window_label == "hằng năm, cả tháng trước và cả tháng có ngày kỷ niệm"
    assert every_five.window_label == "5 năm một lần, cả tháng có ngày kỷ niệm"
    assert custom.window_label == "hằng năm, 7 ngày trước – 3 ngày sau"


@pytest.mark.parametrize(
    ("given", "missing"), [({"days_before": 10}, "days_after"), ({"days_after": 5}, "days_before")]
)
def test_half_a_window_is_a_form_error(given, missing):
    item = Commemoration(event="Ngày A", origin=date(1945, 9, 2), every=1, prefix="Kỷ niệm", **given)
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert error.value.message_dict[missing] == [
        "Nhập cả số ngày hiện trước và hiện sau, hoặc để trống cả hai để hiện theo tháng (mặc định)."
    ]


def test_commemoration_is_unique_by_event_and_origin():
    CommemorationFactory(event="Ngày A", origin=date(1945, 9, 2))
    with pytest.raises(IntegrityError):
        CommemorationFactory(event="Ngày A", origin=date(1945, 9, 2))


def test_ticker_settings_is_a_single_row_with_the_default_heading():
    assert TickerSettings.current().heading == "Nhiệt liệt chào mừng"
    TickerSettings(heading="Chào mừng").save()
    TickerSettings(heading="Nhiệt liệt chào mừng năm mới").save()
    assert TickerSettings.objects.count() == 1
    assert TickerSettings.current().heading == "Nhiệt liệt chào mừng năm mới"


# --- Slide images ------------------------------------------------------------


def test_slide_stores_the_displayed_size_and_makes_renditions():
    slide = SlideFactory(image=jpeg_upload("Ảnh Tết.jpg", width=1600, height=400, orientation=6))
    slide.refresh_from_db()
    assert (slide.width, slide.height) == (400, 1600)  # EXIF orientation applied
    assert slide.image.name.startswith("upload/images/nam-")
    assert slide.image.name.endswith("/anh-tet.jpg")
    for width in (360, 720, 1200):
        assert default_storage.exists(rendition_name(slide.image.name, width, "webp"))
        assert default_storage.exists(rendition_name(slide.image.name, width, "jpg"))


def test_replacing_the_image_updates_size():
    slide = SlideFactory(image=jpeg_upload(width=800, height=200))
    slide.image = jpeg_upload("moi.jpg", width=1000, height=250)
    slide.save()
    slide.refresh_from_db()
    assert (slide.width, slide.height) == (1000, 250)
    slide.alt = "Chỉ sửa mô tả"
    slide.save()
    assert (slide.width, slide.height) == (1000, 250)


def test_slide_refuses_a_file_that_is_not_an_image():
    slide = Slide(alt="Sai", image=SimpleUploadedFile("anh.jpg", b"khong phai anh", content_type="image/jpeg"))
    with pytest.raises(ValidationError) as error:
        slide.full_clean()
    assert "image" in error.value.message_dict


def test_slide_alt_is_required():
    slide = Slide(alt="", image=jpeg_upload())
    with pytest.raises(ValidationError) as error:
        slide.full_clean()
    assert "alt" in error.value.message_dict


@pytest.mark.parametrize(
    ("link", "valid"),
    [
        ("", True),
        ("https://congdoanvn.org.vn/", True),
        ("http://example.org/a?b=1", True),
        ("/phong-trao/", True),
        ("//evil.example/", False),
        ("javascript:alert(1)", False),
        ("ftp://example.org/", False),
        ("/co khoang trang", False),
    ],
)
def test_slide_link_is_http_or_a_site_path(link, valid):
    slide = Slide(alt="Ảnh", image="upload/images/a.jpg", link=link, width=10, height=10)
    if valid:
        slide.full_clean(exclude=["image"])
    else:
        with pytest.raises(ValidationError) as error:
            slide.full_clean(exclude=["image"])
        assert "Liên kết phải bắt đầu" in str(error.value)
