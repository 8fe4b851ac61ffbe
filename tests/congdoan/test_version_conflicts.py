"""Two editors, one object: the second save is refused with the same message everywhere, and the
first editor's change stands (congdoan.versioning)."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from banners.models import TickerSettings
from congdoan.tenancy import default_federation
from tests.admin_forms import form_data
from tests.banners.factories import CommemorationFactory, SlideFactory, SloganFactory
from tests.campaigns.factories import CampaignFactory, PhaseFactory, ProgressReportFactory, TargetFactory
from tests.contests.factories import RoundFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 1, 3, 4, 5, tzinfo=datetime.UTC)  # 10:04:05 in Việt Nam


def conflict(what: str) -> str:
    return (
        f"Không lưu được vì {what} này vừa được quantri-test sửa lúc 10:04:05 01/12/2026, sau khi bạn mở nó. "
        "Nội dung bạn nhập vẫn còn nguyên trong biểu mẫu dưới đây: hãy chép lại phần đã sửa, "
        f"mở {what} trong thẻ mới để xem bản mới nhất, rồi đưa phần của bạn vào đó."
    )


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def two_editors(superuser, django_user_model):
    first, second = Client(), Client()
    first.force_login(superuser)
    second.force_login(django_user_model.objects.create_superuser("quantri-hai", "hai@example.org", "mat-khau-thu"))
    return first, second


def make_campaign():
    campaign = CampaignFactory()
    PhaseFactory(campaign=campaign)
    TargetFactory(campaign=campaign)
    ProgressReportFactory(campaign=campaign)
    return campaign


CASES = [
    # (what the message calls it, make the object, field both editors change)
    ("phong trào – cuộc thi", make_campaign, "title"),
    ("số liệu", ProgressReportFactory, "note"),
    ("ảnh đầu trang", SlideFactory, "alt"),
    ("khẩu hiệu", SloganFactory, "text"),
    ("ngày kỷ niệm", CommemorationFactory, "event"),
    ("cài đặt băng chữ", lambda: TickerSettings.objects.get_or_create(pk=1)[0], "heading"),
    ("cuộc thi trực tuyến", lambda: RoundFactory().contest, "rules"),
    ("đợt thi", RoundFactory, "name"),
    ("liên đoàn", lambda: default_federation(), "short_name"),
]


def change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


@pytest.mark.parametrize(("what", "make", "field"), CASES, ids=[case[0] for case in CASES])
def test_second_stale_save_is_refused_and_the_first_stands(two_editors, what, make, field):
    first, second = two_editors
    obj = make()
    url = change_url(obj)
    first_form = form_data(first.get(url), **{field: "Sửa của người thứ nhất"})
    second_form = form_data(second.get(url), **{field: "Sửa của người thứ hai"})

    assert first.post(url, first_form).status_code == 302
    response = second.post(url, second_form)

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.non_field_errors() == [conflict(what)]
    assert form[field].value() == "Sửa của người thứ hai"  # nothing the second editor typed is lost
    obj.refresh_from_db()
    assert getattr(obj, field) == "Sửa của người thứ nhất"


def test_an_inline_phase_edit_makes_a_stale_campaign_form_conflict(two_editors):
    first, second = two_editors
    campaign = make_campaign()
    phase = campaign.phases.get()
    url = change_url(campaign)
    first_form = form_data(first.get(url), **{"phases-0-label": "Đợt đầu"})
    second_form = form_data(second.get(url), **{"phases-0-name": "GỬI NIỀM TIN"})

    assert first.post(url, first_form).status_code == 302
    response = second.post(url, second_form)

    assert response.context["adminform"].form.non_field_errors() == [conflict("phong trào – cuộc thi")]
    phase.refresh_from_db()
    assert (phase.label, phase.name) == ("Đợt đầu", "TRAO KỲ VỌNG")


def test_a_report_edited_on_its_own_page_makes_the_stale_campaign_row_conflict(two_editors):
    first, second = two_editors
    campaign = make_campaign()
    report = campaign.reports.get()
    stale_campaign_form = form_data(second.get(change_url(campaign)), **{"reports-0-note": "Số liệu của người hai"})
    report_form = form_data(first.get(change_url(report)), note="Số liệu chính thức")
    assert first.post(change_url(report), report_form).status_code == 302

    response = second.post(change_url(campaign), stale_campaign_form)

    assert response.status_code == 200
    row = response.context["inline_admin_formsets"][2].formset.forms[0]
    assert row.non_field_errors() == [conflict("số liệu")]
    report.refresh_from_db()
    assert report.note == "Số liệu chính thức"


def test_a_round_edited_on_its_own_page_makes_the_stale_contest_row_conflict(two_editors):
    first, second = two_editors
    round_ = RoundFactory()
    contest = round_.contest
    stale_contest_form = form_data(second.get(change_url(contest)), **{"rounds-0-name": "Đợt của người hai"})
    assert (
        first.post(change_url(round_), form_data(first.get(change_url(round_)), name="Đợt 1 (tuần 1)")).status_code
        == 302
    )

    response = second.post(change_url(contest), stale_contest_form)

    assert response.status_code == 200
    row = response.context["inline_admin_formsets"][0].formset.forms[0]
    assert row.non_field_errors() == [conflict("đợt thi")]
    round_.refresh_from_db()
    assert round_.name == "Đợt 1 (tuần 1)"


def test_a_tampered_version_is_a_form_error(client, superuser):
    client.force_login(superuser)
    slogan = SloganFactory()
    url = change_url(slogan)
    response = client.post(url, form_data(client.get(url), version="12345:forged"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["version"] == [
        "Biểu mẫu gửi lên không còn nguyên vẹn (số phiên bản sai). Hãy mở lại trang và nhập lại."
    ]


def test_fresh_forms_after_a_save_are_accepted(two_editors):
    first, second = two_editors
    slogan = SloganFactory()
    url = change_url(slogan)
    assert first.post(url, form_data(first.get(url), text="Lần một")).status_code == 302
    assert second.post(url, form_data(second.get(url), text="Lần hai")).status_code == 302
    slogan.refresh_from_db()
    assert slogan.text == "Lần hai"


def test_a_partial_save_from_code_also_makes_open_forms_stale(two_editors):
    """contests.figures records today's figures with update_or_create(update_fields=…)."""
    first, _ = two_editors
    report = ProgressReportFactory()
    url = change_url(report)
    stale_form = form_data(first.get(url), note="Sửa tay")
    report.registrations = 5000
    report.save(update_fields=["registrations"])

    response = first.post(url, stale_form)

    assert response.context["adminform"].form.non_field_errors() == [
        "Không lưu được vì số liệu này vừa được một người khác sửa, sau khi bạn mở nó. "
        "Nội dung bạn nhập vẫn còn nguyên trong biểu mẫu dưới đây: hãy chép lại phần đã sửa, "
        "mở số liệu trong thẻ mới để xem bản mới nhất, rồi đưa phần của bạn vào đó."
    ]
    report.refresh_from_db()
    assert report.registrations == 5000
