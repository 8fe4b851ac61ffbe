"""Campaign rules: status by date in Asia/Ho_Chi_Minh, phases, validation, figures."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from campaigns.models import Campaign, CampaignKind, Phase, ProgressReport, Status, Target, UnitFigure
from congdoan.caching import site_today as local_today

from .factories import CampaignFactory, PhaseFactory, ProgressReportFactory, TargetFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def test_kinds_are_seeded_by_the_data_migration():
    names = set(CampaignKind.objects.values_list("name", flat=True))
    assert {"Phong trào thi đua", "Cuộc thi", "Đợt tuyên truyền"} <= names
    assert CampaignKind.objects.get(name="Đợt tuyên truyền").slug == "dot-tuyen-truyen"


def test_slug_is_vietnamese_and_unique():
    first = CampaignFactory(title="Đại hội Công đoàn đợt đặc biệt")
    second = CampaignFactory(title="Đại hội Công đoàn đợt đặc biệt")
    assert first.slug == "dai-hoi-cong-doan-dot-dac-biet"
    assert second.slug == "dai-hoi-cong-doan-dot-dac-biet-2"


@pytest.mark.parametrize(
    ("day", "status"),
    [
        (D(2023, 10, 31), Status.UPCOMING),
        (D(2023, 11, 1), Status.ONGOING),
        (D(2023, 12, 31), Status.ONGOING),
        (D(2024, 1, 1), Status.ENDED),
    ],
)
def test_status_at_the_edges_of_the_dates(day, status):
    campaign = CampaignFactory(start_date=D(2023, 11, 1), end_date=D(2023, 12, 31))
    assert campaign.status(day) == status
    assert list(Campaign.objects.with_status(status, day)) == [campaign]
    others = set(Status) - {status}
    for other in others:
        assert not Campaign.objects.with_status(other, day).exists()


def test_querysets_ongoing_upcoming_ended():
    ended = CampaignFactory(start_date=D(2023, 1, 1), end_date=D(2023, 11, 22))
    ongoing = CampaignFactory(start_date=D(2023, 11, 23), end_date=D(2023, 11, 23))
    upcoming = CampaignFactory(start_date=D(2023, 11, 24), end_date=D(2023, 12, 1))
    day = D(2023, 11, 23)
    assert list(Campaign.objects.ongoing(day)) == [ongoing]
    assert list(Campaign.objects.upcoming(day)) == [upcoming]
    assert list(Campaign.objects.ended(day)) == [ended]


def test_today_is_taken_in_ho_chi_minh_time():
    campaign = CampaignFactory(start_date=D(2023, 11, 24), end_date=D(2023, 11, 30))
    # 17:30 UTC on the 23rd is already 00:30 on the 24th in Hà Nội.
    with time_machine.travel(datetime.datetime(2023, 11, 23, 17, 30, tzinfo=datetime.UTC), tick=False):
        assert local_today() == D(2023, 11, 24)
        assert campaign.status() == Status.ONGOING
        assert list(Campaign.objects.ongoing()) == [campaign]
    with time_machine.travel(datetime.datetime(2023, 11, 23, 16, 59, tzinfo=datetime.UTC), tick=False):
        assert campaign.status() == Status.UPCOMING


def test_current_phase_and_days_left(full_campaign):
    first, second = full_campaign.sorted_phases()
    assert full_campaign.current_phase(D(2023, 11, 1)) == first
    assert full_campaign.current_phase(D(2023, 11, 30)) == first
    assert full_campaign.current_phase(D(2023, 12, 1)) == second
    assert full_campaign.current_phase(D(2023, 10, 31)) is None
    assert full_campaign.current_phase(D(2024, 1, 1)) is None
    assert full_campaign.next_phase(D(2023, 11, 23)) == second
    assert first.days_left(D(2023, 11, 23)) == 7
    assert full_campaign.days_left(D(2023, 12, 31)) == 0
    assert full_campaign.days_left(D(2024, 1, 1)) is None
    assert full_campaign.countdown_text(D(2023, 11, 23)) == "Còn 38 ngày"
    assert full_campaign.countdown_text(D(2023, 12, 31)) == "Hôm nay là ngày cuối"
    assert full_campaign.countdown_text(D(2023, 10, 29)) == "Còn 3 ngày nữa bắt đầu"
    assert full_campaign.countdown_text(D(2024, 1, 1)) == ""
    timeline = full_campaign.timeline(D(2023, 11, 23))
    assert [step["is_current"] for step in timeline] == [True, False]
    assert [step["status"] for step in timeline] == [Status.ONGOING, Status.UPCOMING]


def test_no_current_phase_in_a_gap_between_phases():
    campaign = CampaignFactory(start_date=D(2023, 11, 1), end_date=D(2023, 12, 31))
    PhaseFactory(campaign=campaign, start_date=D(2023, 11, 1), end_date=D(2023, 11, 10))
    later = PhaseFactory(campaign=campaign, start_date=D(2023, 11, 20), end_date=D(2023, 12, 31))
    assert campaign.current_phase(D(2023, 11, 15)) is None
    assert campaign.next_phase(D(2023, 11, 15)) == later


def test_campaign_validation_messages():
    campaign = CampaignFactory.build(start_date=D(2023, 12, 1), end_date=D(2023, 11, 1), external_label="Vào thi")
    with pytest.raises(ValidationError) as error:
        campaign.full_clean()
    messages = error.value.message_dict
    assert "Ngày kết thúc phải bằng hoặc sau ngày bắt đầu." in messages["end_date"]
    assert "Đã có nhãn liên kết, hãy nhập cả địa chỉ liên kết." in messages["external_url"]


def test_database_refuses_a_campaign_ending_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        CampaignFactory(start_date=D(2023, 12, 1), end_date=D(2023, 11, 1))


def test_phase_must_end_after_it_starts():
    campaign = CampaignFactory()
    phase = Phase(campaign=campaign, label="Đợt 1", start_date=D(2023, 11, 20), end_date=D(2023, 11, 10))
    with pytest.raises(ValidationError) as error:
        phase.full_clean()
    assert error.value.message_dict["end_date"] == ["Ngày kết thúc của đợt phải bằng hoặc sau ngày bắt đầu."]
    with pytest.raises(IntegrityError), transaction.atomic():
        phase.save()


def test_phase_must_lie_within_the_campaign():
    campaign = CampaignFactory(start_date=D(2023, 11, 1), end_date=D(2023, 12, 31))
    phase = Phase(campaign=campaign, label="Đợt 1", start_date=D(2023, 10, 25), end_date=D(2024, 1, 5))
    with pytest.raises(ValidationError) as error:
        phase.full_clean()
    messages = error.value.message_dict
    assert messages["start_date"] == [
        "Ngày bắt đầu của đợt phải nằm trong thời gian của phong trào (01/11/2023 – 31/12/2023)."
    ]
    assert messages["end_date"] == [
        "Ngày kết thúc của đợt phải nằm trong thời gian của phong trào (01/11/2023 – 31/12/2023)."
    ]
    Phase(campaign=campaign, label="Đợt 1", start_date=D(2023, 11, 1), end_date=D(2023, 12, 31)).full_clean()


def test_report_dated_after_today_is_refused(frozen_day):
    campaign = CampaignFactory()
    tomorrow = ProgressReport(campaign=campaign, as_of=D(2023, 11, 24), registrations=10)
    with pytest.raises(ValidationError) as error:
        tomorrow.full_clean()
    assert error.value.message_dict["as_of"] == ["Không nhập được số liệu cho ngày trong tương lai (sau hôm nay)."]
    ProgressReport(campaign=campaign, as_of=D(2023, 11, 23), registrations=10).full_clean()


def test_report_figures_are_whole_non_negative_numbers(frozen_day):
    campaign = CampaignFactory()
    report = ProgressReport(campaign=campaign, as_of=D(2023, 11, 20), registrations=-1, attempts=None)
    with pytest.raises(ValidationError) as error:
        report.full_clean()
    assert "registrations" in error.value.message_dict
    empty = ProgressReport(campaign=campaign, as_of=D(2023, 11, 20))
    with pytest.raises(ValidationError) as error:
        empty.full_clean()
    assert error.value.message_dict["registrations"] == ["Hãy nhập ít nhất một con số (số đăng ký hoặc số lượt)."]
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgressReport.objects.create(campaign=campaign, as_of=D(2023, 11, 20), attempts=-5)
    with pytest.raises(IntegrityError), transaction.atomic():
        report = ProgressReportFactory(campaign=campaign)
        UnitFigure.objects.create(report=report, unit="Ngành Y tế", registrations=-3)


def test_one_report_per_campaign_and_day(frozen_day):
    report = ProgressReportFactory()
    duplicate = ProgressReport(campaign=report.campaign, as_of=report.as_of, registrations=1)
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "Đã có số liệu của phong trào này cho ngày này." in str(error.value)


def test_figures_are_written_the_vietnamese_way():
    report = ProgressReportFactory(as_of=D(2023, 11, 23), registrations=4155, attempts=6459)
    assert report.sentence() == "Tính đến ngày 23/11/2023: 4.155 người đăng ký, 6.459 lượt dự thi"
    report.attempts = None
    report.registrations = 1234567
    assert report.sentence() == "Tính đến ngày 23/11/2023: 1.234.567 người đăng ký"


def test_figure_labels_follow_the_campaign():
    campaign = CampaignFactory(registrations_label="đơn vị đăng ký", attempts_label="sáng kiến")
    report = ProgressReportFactory(campaign=campaign, registrations=52, attempts=1200)
    assert report.sentence().endswith(": 52 đơn vị đăng ký, 1.200 sáng kiến")


def test_target_progress():
    campaign = CampaignFactory()
    report = ProgressReportFactory(campaign=campaign, registrations=3000, attempts=6459)
    percent = TargetFactory(campaign=campaign, value=20, base_count=20000, measure="registrations")
    assert percent.goal == 4000
    assert percent.progress(report) == {
        "reached": 3000,
        "goal": 4000,
        "percent": 75,
        "percent_text": "75",
        "done": False,
    }
    count = TargetFactory(campaign=campaign, value=5000, unit=Target.Unit.COUNT, base="lượt", measure="attempts")
    assert count.progress(report)["percent"] == 100
    assert count.progress(report)["done"] is True
    assert count.value_text == "5.000 lượt"
    untracked = TargetFactory(campaign=campaign, value=100)
    assert untracked.progress(report) is None
    assert untracked.value_text == "100% tổng số đoàn viên"


def test_target_validation():
    campaign = CampaignFactory()
    too_much = Target(campaign=campaign, label="Tham gia", value=120, unit=Target.Unit.PERCENT)
    with pytest.raises(ValidationError) as error:
        too_much.full_clean()
    assert "Chỉ tiêu phần trăm không được vượt quá 100%." in error.value.message_dict["value"]
    no_base = Target(campaign=campaign, label="Tham gia", value=20, measure="registrations")
    with pytest.raises(ValidationError) as error:
        no_base.full_clean()
    assert "số lượng cơ sở" in error.value.message_dict["base_count"][0]


def test_hashtags_are_normalised():
    campaign = CampaignFactory(hashtags="#CongDoan, ThiDua  #CongDoan;#AnToan")
    assert campaign.hashtag_list() == ["#CongDoan", "#ThiDua", "#AnToan"]


def test_listing_order_ongoing_then_upcoming_then_ended():
    day = D(2023, 11, 23)
    ended_old = CampaignFactory(title="Kết thúc lâu", start_date=D(2022, 1, 1), end_date=D(2022, 3, 1))
    ended_recent = CampaignFactory(title="Vừa kết thúc", start_date=D(2023, 9, 1), end_date=D(2023, 11, 22))
    upcoming_late = CampaignFactory(title="Sắp, muộn", start_date=D(2024, 3, 1), end_date=D(2024, 4, 1))
    upcoming_soon = CampaignFactory(title="Sắp, sớm", start_date=D(2023, 11, 24), end_date=D(2023, 12, 1))
    ongoing_old = CampaignFactory(title="Đang, cũ", start_date=D(2023, 1, 1), end_date=D(2023, 12, 31))
    ongoing_new = CampaignFactory(title="Đang, mới", start_date=D(2023, 11, 23), end_date=D(2023, 11, 23))
    assert list(Campaign.objects.for_listing(day)) == [
        ongoing_new,
        ongoing_old,
        upcoming_soon,
        upcoming_late,
        ended_recent,
        ended_old,
    ]


def test_in_year_means_running_on_some_day_of_that_year():
    spanning = CampaignFactory(start_date=D(2023, 11, 1), end_date=D(2024, 2, 1))
    CampaignFactory(start_date=D(2022, 1, 1), end_date=D(2022, 2, 1))
    assert list(Campaign.objects.in_year(2023)) == [spanning]
    assert list(Campaign.objects.in_year(2024)) == [spanning]
    assert not Campaign.objects.in_year(2025).exists()
