import datetime

import pytest
import time_machine

from .factories import CampaignFactory, PhaseFactory, ProgressReportFactory, TargetFactory, UnitFigureFactory

# 23/11/2023 at 10:00 in Hà Nội.
FROZEN_NOW = datetime.datetime(2023, 11, 23, 3, 0, tzinfo=datetime.UTC)


@pytest.fixture
def frozen_day():
    with time_machine.travel(FROZEN_NOW, tick=False):
        yield datetime.date(2023, 11, 23)


@pytest.fixture
def full_campaign(frozen_day):
    """An ongoing contest (01/11–31/12/2023) with two phases, targets, three reports and unit rows."""
    campaign = CampaignFactory(
        title="Cuộc thi “Công đoàn với pháp luật” năm 2023",
        hashtags="#CongDoanBacKan, ThiTrucTuyen",
        external_url="https://cuocthi.example.vn/",
        external_label="Vào trang dự thi",
    )
    PhaseFactory(
        campaign=campaign,
        order=1,
        label="Đợt 1",
        name="GỬI NIỀM TIN",
        start_date=datetime.date(2023, 11, 1),
        end_date=datetime.date(2023, 11, 30),
    )
    PhaseFactory(
        campaign=campaign,
        order=2,
        label="Đợt 2",
        name="TRAO KỲ VỌNG",
        start_date=datetime.date(2023, 12, 1),
        end_date=datetime.date(2023, 12, 31),
    )
    TargetFactory(campaign=campaign, order=1, base_count=20000, measure="registrations")
    TargetFactory(campaign=campaign, order=2, label="Cán bộ công đoàn cơ sở tham gia", value=100)
    ProgressReportFactory(campaign=campaign, as_of=datetime.date(2023, 11, 9), registrations=1000, attempts=1200)
    ProgressReportFactory(campaign=campaign, as_of=datetime.date(2023, 11, 16), registrations=2500, attempts=3100)
    latest = ProgressReportFactory(campaign=campaign, as_of=datetime.date(2023, 11, 23))
    UnitFigureFactory(report=latest, unit="Công đoàn ngành Giáo dục", registrations=1520, attempts=2010)
    UnitFigureFactory(report=latest, unit="Công đoàn ngành Y tế", registrations=980, attempts=1990)
    UnitFigureFactory(report=latest, unit="LĐLĐ huyện Ba Bể", registrations=1655, attempts=2459)
    return campaign
