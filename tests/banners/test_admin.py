"""Editors manage banners; writers (staff without banners permissions) get nothing."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from banners.models import Commemoration, Slogan
from congdoan.tenancy import activate, default_federation
from tests.utils import give_role

from .factories import CommemorationFactory, SlideFactory, SloganFactory, jpeg_upload

pytestmark = pytest.mark.django_db

HCM = ZoneInfo("Asia/Ho_Chi_Minh")

PAGES = [
    "admin:banners_slide_changelist",
    "admin:banners_slide_add",
    "admin:banners_slogan_changelist",
    "admin:banners_slogan_add",
    "admin:banners_commemoration_changelist",
    "admin:banners_commemoration_add",
    "admin:banners_tickersettings_changelist",
    "admin:banners_preview",
]


@pytest.mark.parametrize("name", PAGES)
def test_editor_can_open_every_banners_page(client, editor, name):
    client.force_login(editor)
    assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", PAGES)
def test_staff_without_banners_permissions_get_403(client, writer, name):
    client.force_login(writer)
    assert client.get(reverse(name)).status_code == 403


def test_writer_does_not_see_banners_on_the_admin_index(client, writer, editor):
    client.force_login(writer)
    assert "Ảnh đầu trang và băng chữ" not in client.get(reverse("admin:index")).content.decode()
    client.force_login(editor)
    assert "Ảnh đầu trang và băng chữ" in client.get(reverse("admin:index")).content.decode()


def test_writer_cannot_change_a_slogan(client, writer):
    slogan = SloganFactory(text="Giữ nguyên")
    client.force_login(writer)
    url = reverse("admin:banners_slogan_change", args=[slogan.pk])
    response = client.post(url, {"text": "Đã bị sửa", "order": 0, "is_active": "on"})
    assert response.status_code == 403
    slogan.refresh_from_db()
    assert slogan.text == "Giữ nguyên"


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("admin:banners_preview"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_lists_show_window_and_live_today(client, editor):
    SloganFactory(text="Đang chạy", starts_on=date(2024, 12, 1), ends_on=date(2024, 12, 31))
    SloganFactory(text="Đã hết hạn", ends_on=date(2024, 11, 30))
    CommemorationFactory(event="Ngày tái lập tỉnh Bắc Kạn", origin=date(1997, 1, 1))
    client.force_login(editor)
    with time_machine.travel(datetime(2024, 12, 15, 9, 0, tzinfo=HCM), tick=False):
        slogans = client.get(reverse("admin:banners_slogan_changelist")).content.decode()
        commemorations = client.get(reverse("admin:banners_commemoration_changelist")).content.decode()
    assert "đang hiển thị hôm nay" in slogans.lower()
    assert "01/12/2024 – 31/12/2024" in slogans and "đến 30/11/2024" in slogans
    assert slogans.count('alt="True"') == 1  # only the live one
    assert "Xem trước băng chữ" in slogans
    assert '<td class="field-window">hằng năm, cả tháng trước và cả tháng có ngày kỷ niệm</td>' in commemorations
    assert "Kỷ niệm 28 năm Ngày tái lập tỉnh Bắc Kạn (01/01/1997 - 01/01/2025)" in commemorations
    assert 'alt="True"' in commemorations


def test_changelist_queries_do_not_grow_with_rows(client, editor, django_assert_max_num_queries):
    for _ in range(15):
        SloganFactory()
        CommemorationFactory()
    client.force_login(editor)
    with django_assert_max_num_queries(13):
        assert client.get(reverse("admin:banners_slogan_changelist")).status_code == 200
    with django_assert_max_num_queries(13):
        assert client.get(reverse("admin:banners_commemoration_changelist")).status_code == 200


@pytest.mark.parametrize("value", ["2024-12-15", "15/12/2024"])
def test_preview_shows_the_exact_ticker_and_slides_for_a_date(client, editor, value):
    CommemorationFactory(event="Ngày tái lập tỉnh Bắc Kạn", origin=date(1997, 1, 1))
    SloganFactory(text="Mừng Xuân {can_chi}", starts_on=date(2025, 1, 1), ends_on=date(2025, 2, 28))
    SloganFactory(text="Đồng hành cùng người lao động")
    SlideFactory(alt="Ảnh tháng Mười hai", starts_on=date(2024, 12, 1), ends_on=date(2024, 12, 31))
    SlideFactory(alt="Ảnh mùa xuân", starts_on=date(2025, 1, 1))
    client.force_login(editor)
    response = client.get(reverse("admin:banners_preview"), {"ngay": value})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Xem trước băng chữ" in html
    assert (
        "Nhiệt liệt chào mừng: </strong>Kỷ niệm 28 năm Ngày tái lập tỉnh Bắc Kạn (01/01/1997 - 01/01/2025)"
        " ★ Đồng hành cùng người lao động"
    ) in html
    assert "Mừng Xuân" not in html
    assert "Ảnh tháng Mười hai" in html and "Ảnh mùa xuân" not in html
    assert 'value="2024-12-15"' in html
    assert 'href="/?ngay=2024-12-15"' in html
    assert response["Cache-Control"].startswith("max-age=0")

    spring = client.get(reverse("admin:banners_preview"), {"ngay": "2025-02-01"}).content.decode()
    assert "Mừng Xuân Ất Tỵ" in spring and "Ảnh mùa xuân" in spring


def test_preview_with_a_bad_date_explains_and_shows_today(client, editor):
    client.force_login(editor)
    with time_machine.travel(datetime(2024, 6, 1, 9, 0, tzinfo=HCM), tick=False):
        response = client.get(reverse("admin:banners_preview"), {"ngay": "31/02/2024"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ngày “31/02/2024” không hợp lệ" in html
    assert "Băng chữ ngày 01/06/2024" in html


def test_editor_adds_a_slide_through_the_admin(client, editor):
    client.force_login(editor)
    response = client.post(
        reverse("admin:banners_slide_add"),
        {
            "image": jpeg_upload(width=1200, height=300),
            "alt": "Ảnh hội nghị",
            "link": "",
            "order": 1,
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.get("/")  # nothing to assert on the page here, only that it renders
    from banners.models import Slide

    slide = Slide.objects.get()
    assert (slide.width, slide.height) == (1200, 300)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("anh.jpg", b"<svg></svg>", "không phải là hình ảnh"),
        ("anh.jpg", "png", "nhưng nội dung là ảnh PNG"),
    ],
)
def test_admin_refuses_bad_images_in_vietnamese(client, editor, name, content, message):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    if content == "png":
        buffer = io.BytesIO()
        Image.new("RGB", (50, 20)).save(buffer, "PNG")
        content = buffer.getvalue()
    client.force_login(editor)
    upload = SimpleUploadedFile(name, content, content_type="image/jpeg")
    response = client.post(reverse("admin:banners_slide_add"), {"image": upload, "alt": "x", "order": 1})
    assert response.status_code == 200
    assert message in response.content.decode()


def test_editor_edits_a_slogan_window_and_gets_vietnamese_errors(client, editor):
    client.force_login(editor)
    response = client.post(
        reverse("admin:banners_slogan_add"),
        {"text": "Sai ngày", "order": 1, "is_active": "on", "starts_on": "02/06/2024", "ends_on": "01/06/2024"},
    )
    assert response.status_code == 200
    assert "Ngày kết thúc phải bằng hoặc sau ngày bắt đầu." in response.content.decode()
    assert not Slogan.objects.exists()


def test_editors_role_has_every_banners_permission_and_writers_none(django_user_model):
    """The roles come from congdoan.roles (data migration + post_migrate), covering banners too."""
    from django.contrib.auth.models import Group

    editors = Group.objects.get(name="Biên tập viên")
    writers = Group.objects.get(name="Phóng viên")
    codenames = set(editors.permissions.values_list("codename", flat=True))
    assert {"add_slide", "change_slogan", "delete_commemoration", "change_tickersettings"} <= codenames
    assert not writers.permissions.filter(content_type__app_label="banners").exists()
    user = django_user_model.objects.create_user("bt", password="x", is_staff=True)
    give_role(user, editors)
    with activate(default_federation()):  # a role counts on its federation's site
        assert user.has_perms(["banners.view_slide", "banners.view_slogan", "banners.view_commemoration"])


def test_ticker_settings_row_is_created_by_a_migration_and_editable(client, editor):
    from importlib import import_module

    from django.apps import apps

    from banners.models import TickerSettings

    # Browser tests flush the database, so create the row the way the migration does.
    TickerSettings.objects.all().delete()
    import_module("banners.migrations.0002_ticker_settings_row").create_settings(apps, None)
    assert TickerSettings.objects.get().heading == "Nhiệt liệt chào mừng"
    client.force_login(editor)
    url = reverse("admin:banners_tickersettings_change", args=[1])
    version = client.get(url).context["adminform"].form["version"].value()
    response = client.post(url, {"heading": "Nhiệt liệt chào mừng Đại hội", "version": version})
    assert response.status_code == 302
    assert TickerSettings.current().heading == "Nhiệt liệt chào mừng Đại hội"


def test_editor_adds_a_commemoration_that_runs_all_month(client, editor):
    client.force_login(editor)
    fields = {"event": "Ngày thành lập Công đoàn Việt Nam", "origin": "28/07/1929", "every": 1, "prefix": "Kỷ niệm"}
    response = client.post(reverse("admin:banners_commemoration_add"), {**fields, "is_active": "on"})
    assert response.status_code == 302
    item = Commemoration.objects.get()
    assert (item.days_before, item.days_after) == (None, None)
    assert item.occurrence_on(date(2025, 7, 1)).text == (
        "Kỷ niệm 96 năm Ngày thành lập Công đoàn Việt Nam (28/07/1929 - 28/07/2025)"
    )


def test_half_a_window_in_the_admin_is_a_vietnamese_form_error(client, editor):
    client.force_login(editor)
    fields = {"event": "Ngày A", "origin": "02/09/1945", "every": 1, "prefix": "Kỷ niệm", "is_active": "on"}
    response = client.post(reverse("admin:banners_commemoration_add"), {**fields, "days_before": "10"})
    assert response.status_code == 200
    assert (
        "Nhập cả số ngày hiện trước và hiện sau, hoặc để trống cả hai để hiện theo tháng (mặc định)."
        in response.content.decode()
    )
    assert not Commemoration.objects.exists()


def test_migration_moves_rows_on_the_old_default_to_the_monthly_rule():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("banners.migrations.0003_commemoration_monthly_window")
    old_default = CommemorationFactory(event="Mặc định cũ", days_before=30, days_after=15)
    chosen = CommemorationFactory(event="Tự đặt", days_before=7, days_after=3)
    migration.to_monthly(apps, None)
    old_default.refresh_from_db()
    chosen.refresh_from_db()
    assert (old_default.days_before, old_default.days_after) == (None, None)
    assert (chosen.days_before, chosen.days_after) == (7, 3)
    migration.from_monthly(apps, None)
    old_default.refresh_from_db()
    assert (old_default.days_before, old_default.days_after) == (30, 15)


@pytest.mark.parametrize(("value", "events"), [("thang", ["Theo tháng"]), ("tu-dat", ["Tự đặt"])])
def test_commemorations_filter_by_how_they_are_shown(client, editor, value, events):
    CommemorationFactory(event="Theo tháng")
    CommemorationFactory(event="Tự đặt", days_before=7, days_after=3)
    client.force_login(editor)
    response = client.get(reverse("admin:banners_commemoration_changelist"), {"cach_hien": value})
    assert [item.event for item in response.context["cl"].result_list] == events
