"""Campaigns admin: editors only, inlines, Vietnamese validation, list filters."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission

from campaigns.models import Campaign, CampaignKind, Phase, ProgressReport
from congdoan.roles import EDITOR_GROUP as EDITORS_GROUP
from congdoan.roles import WRITER_GROUP as WRITERS_GROUP
from congdoan.roles import sync_role_permissions
from tests.utils import give_role

from .factories import CampaignFactory, PhaseFactory, ProgressReportFactory

pytestmark = pytest.mark.django_db

ADMIN_URLS = [
    "/admin/campaigns/campaign/",
    "/admin/campaigns/campaign/add/",
    "/admin/campaigns/progressreport/",
    "/admin/campaigns/campaignkind/",
]


@pytest.mark.parametrize("url", ADMIN_URLS)
def test_staff_without_campaign_permissions_gets_403(client, staff_user, url):
    client.force_login(staff_user)
    assert client.get(url).status_code == 403


def test_staff_without_permissions_cannot_post_a_change(client, staff_user, frozen_day):
    campaign = CampaignFactory()
    client.force_login(staff_user)
    response = client.post(f"/admin/campaigns/campaign/{campaign.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert Campaign.objects.filter(pk=campaign.pk).exists()


def test_editors_get_every_campaign_permission_and_writers_none(client, django_user_model):
    # Both groups and the editors' permissions come from the migrations (news roles + post_migrate).
    editors = Group.objects.get(name=EDITORS_GROUP)
    writers = Group.objects.get(name=WRITERS_GROUP)
    editor_codenames = set(editors.permissions.values_list("codename", flat=True))
    assert {"add_campaign", "change_campaign", "delete_campaign", "view_campaign", "change_phase"} <= editor_codenames
    assert not writers.permissions.filter(content_type__app_label="campaigns").exists()

    writer = django_user_model.objects.create_user("phongvien", password="x", is_staff=True)
    give_role(writer, writers)
    editor = django_user_model.objects.create_user("bientapvien", password="x", is_staff=True)
    give_role(editor, editors)
    client.force_login(writer)
    assert client.get("/admin/campaigns/campaign/").status_code == 403
    client.force_login(editor)
    assert client.get("/admin/campaigns/campaign/").status_code == 200
    assert client.get("/admin/campaigns/campaign/add/").status_code == 200


def test_campaign_permissions_handed_to_writers_by_mistake_are_taken_back():
    writers = Group.objects.get(name=WRITERS_GROUP)
    writers.permissions.add(Permission.objects.get(codename="change_campaign"))
    sync_role_permissions(Group, Permission)
    assert not writers.permissions.filter(content_type__app_label="campaigns").exists()
    assert Group.objects.get(name=EDITORS_GROUP).permissions.filter(codename="delete_progressreport").exists()


def _add_form(**overrides):
    kind = CampaignKind.objects.get(slug="cuoc-thi")
    data = {
        "title": "Cuộc thi “Tìm hiểu Luật Công đoàn 2024”",
        "slug": "",
        "kind": kind.pk,
        "theme": "Công đoàn đồng hành",
        "summary": "Thi trực tuyến tìm hiểu Luật Công đoàn.",
        "is_published": "on",
        "start_date": "01/11/2023",
        "end_date": "31/12/2023",
        "organiser": "LĐLĐ tỉnh",
        "participants": "Đoàn viên",
        "cover_alt": "",
        "body": "<p>Thể lệ <script>alert(1)</script></p>",
        "external_url": "https://cuocthi.example.vn/",
        "external_label": "Vào thi",
        "hashtags": "#LuatCongDoan",
        "registrations_label": "người đăng ký",
        "attempts_label": "lượt dự thi",
        "phases-TOTAL_FORMS": "1",
        "phases-INITIAL_FORMS": "0",
        "phases-0-order": "1",
        "phases-0-label": "Đợt 1",
        "phases-0-name": "GỬI NIỀM TIN",
        "phases-0-start_date": "01/11/2023",
        "phases-0-end_date": "30/11/2023",
        "phases-0-description": "20 câu trắc nghiệm trong 20 phút.",
        "targets-TOTAL_FORMS": "0",
        "targets-INITIAL_FORMS": "0",
        "reports-TOTAL_FORMS": "1",
        "reports-INITIAL_FORMS": "0",
        "reports-0-as_of": "23/11/2023",
        "reports-0-registrations": "4155",
        "reports-0-attempts": "6459",
        "reports-0-note": "",
    }
    data.update(overrides)
    return data


def test_superuser_adds_a_campaign_with_inlines(client, superuser, frozen_day):
    client.force_login(superuser)
    response = client.post("/admin/campaigns/campaign/add/", _add_form())
    assert response.status_code == 302, response.content.decode()[:3000]
    campaign = Campaign.objects.get()
    assert campaign.slug == "cuoc-thi-tim-hieu-luat-cong-doan-2024"
    assert "<script>" not in campaign.body
    assert campaign.phases.get().name == "GỬI NIỀM TIN"
    assert campaign.reports.get().sentence() == "Tính đến ngày 23/11/2023: 4.155 người đăng ký, 6.459 lượt dự thi"


def test_admin_shows_vietnamese_errors_for_phase_outside_dates_and_future_report(client, superuser, frozen_day):
    client.force_login(superuser)
    data = _add_form(**{"phases-0-end_date": "05/01/2024", "reports-0-as_of": "24/11/2023"})
    response = client.post("/admin/campaigns/campaign/add/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ngày kết thúc của đợt phải nằm trong thời gian của phong trào (01/11/2023 – 31/12/2023)." in html
    assert "Không nhập được số liệu cho ngày trong tương lai (sau hôm nay)." in html
    assert not Campaign.objects.exists()


def test_admin_refuses_phase_ending_before_it_starts(client, superuser, frozen_day):
    client.force_login(superuser)
    data = _add_form(**{"phases-0-start_date": "20/11/2023", "phases-0-end_date": "10/11/2023"})
    html = client.post("/admin/campaigns/campaign/add/", data).content.decode()
    assert "Ngày kết thúc của đợt phải bằng hoặc sau ngày bắt đầu." in html
    assert not Phase.objects.exists()


def test_shortening_a_campaign_revalidates_its_phases(client, superuser, frozen_day):
    client.force_login(superuser)
    assert client.post("/admin/campaigns/campaign/add/", _add_form(**{"reports-TOTAL_FORMS": "0"})).status_code == 302
    campaign = Campaign.objects.get()
    phase = campaign.phases.get()
    data = _add_form(
        end_date="20/11/2023",
        **{
            "phases-INITIAL_FORMS": "1",
            "phases-0-id": str(phase.pk),
            "phases-0-campaign": str(campaign.pk),
            "reports-TOTAL_FORMS": "0",
        },
    )
    html = client.post(f"/admin/campaigns/campaign/{campaign.pk}/change/", data).content.decode()
    assert "Ngày kết thúc của đợt phải nằm trong thời gian của phong trào (01/11/2023 – 20/11/2023)." in html
    campaign.refresh_from_db()
    assert campaign.end_date == datetime.date(2023, 12, 31)


def test_changelist_shows_status_and_filters(client, superuser, frozen_day):
    CampaignFactory(title="Đang diễn ra A")
    CampaignFactory(title="Đã xong B", start_date=datetime.date(2022, 1, 1), end_date=datetime.date(2022, 2, 1))
    client.force_login(superuser)
    html = client.get("/admin/campaigns/campaign/").content.decode()
    assert "campaign-status--dang-dien-ra" in html and "campaign-status--da-ket-thuc" in html
    html = client.get("/admin/campaigns/campaign/?tinh_trang=da-ket-thuc").content.decode()
    assert "Đã xong B" in html and "Đang diễn ra A" not in html
    html = client.get("/admin/campaigns/campaign/?nam=2023").content.decode()
    assert "Đang diễn ra A" in html and "Đã xong B" not in html
    # A year not written in ASCII digits, or one the date lookups cannot bound, filters nothing.
    for year in ("²⁰²³", "٢٠٢٣", "２０２３", "99999", "0", "9" * 5000):
        response = client.get(f"/admin/campaigns/campaign/?nam={year}")
        html = response.content.decode()
        assert response.status_code == 200 and "Đang diễn ra A" in html and "Đã xong B" in html


def test_report_admin_has_unit_inline(client, superuser, frozen_day):
    report = ProgressReportFactory()
    PhaseFactory(campaign=report.campaign)
    client.force_login(superuser)
    response = client.get(f"/admin/campaigns/progressreport/{report.pk}/change/")
    html = response.content.decode()
    assert "unit_figures-TOTAL_FORMS" in html
    data = {
        "version": response.context["adminform"].form["version"].value(),
        "campaign": report.campaign.pk,
        "as_of": "23/11/2023",
        "registrations": "4155",
        "attempts": "6459",
        "note": "",
        "unit_figures-TOTAL_FORMS": "1",
        "unit_figures-INITIAL_FORMS": "0",
        "unit_figures-0-unit": "Công đoàn ngành Y tế",
        "unit_figures-0-registrations": "980",
        "unit_figures-0-attempts": "1990",
    }
    response = client.post(f"/admin/campaigns/progressreport/{report.pk}/change/", data)
    assert response.status_code == 302
    assert ProgressReport.objects.get().unit_figures.get().registrations == 980


def test_admin_changes_are_kept_in_history_with_phases_and_reports(client, superuser, frozen_day):
    from reversion.models import Version

    client.force_login(superuser)
    assert client.post("/admin/campaigns/campaign/add/", _add_form()).status_code == 302
    campaign = Campaign.objects.get()
    versions = Version.objects.get_for_object(campaign)
    assert versions.count() == 1
    models_in_revision = {version.content_type.model for version in versions[0].revision.version_set.all()}
    assert {"campaign", "phase", "progressreport"} <= models_in_revision
    assert client.get(f"/admin/campaigns/campaign/{campaign.pk}/history/").status_code == 200
