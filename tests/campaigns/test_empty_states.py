"""Campaign pages with nothing to show yet say so and offer the next step (issue #7)."""

import datetime

import pytest

from .factories import CampaignFactory, CampaignKindFactory, ProgressReportFactory

pytestmark = pytest.mark.django_db


def figures_panel(html: str) -> str:
    return html.split('aria-labelledby="so-lieu"')[1].split("</section>")[0]


def test_ongoing_campaign_without_figures_says_they_come_later(client, frozen_day):
    campaign = CampaignFactory(external_url="https://cuocthi.example.vn/", external_label="Vào trang dự thi")
    panel = figures_panel(client.get(campaign.get_absolute_url()).content.decode())
    assert '<p class="empty-state-title">Chưa có số liệu.</p>' in panel
    assert "Ban tổ chức cập nhật số người đăng ký và lượt dự thi định kỳ trong thời gian diễn ra" in panel
    assert "Bạn có thể tham gia ngay qua nút “Vào trang dự thi” ở cuối trang." in panel


def test_upcoming_campaign_without_figures_gives_its_start_date(client, frozen_day):
    campaign = CampaignFactory(start_date=datetime.date(2024, 1, 15), end_date=datetime.date(2024, 3, 31))
    panel = figures_panel(client.get(campaign.get_absolute_url()).content.decode())
    assert "bắt đầu ngày 15/01/2024" in panel
    assert "sẽ được cập nhật tại đây sau khi bắt đầu" in panel


def test_ended_campaign_without_figures_says_none_were_published(client, frozen_day):
    campaign = CampaignFactory(start_date=datetime.date(2023, 1, 1), end_date=datetime.date(2023, 3, 31))
    panel = figures_panel(client.get(campaign.get_absolute_url()).content.decode())
    assert "Ban tổ chức chưa công bố số liệu của" in panel


def test_campaign_with_figures_has_no_empty_state(client, frozen_day):
    campaign = CampaignFactory()
    ProgressReportFactory(campaign=campaign)
    html = client.get(campaign.get_absolute_url()).content.decode()
    assert "Chưa có số liệu" not in html
    assert "Tính đến ngày 23/11/2023" in html


def test_campaigns_list_filtered_to_nothing_offers_to_clear_the_filter(client, frozen_day):
    CampaignFactory()
    drive = CampaignKindFactory(name="Đợt tuyên truyền", slug="dot-tuyen-truyen")
    CampaignFactory(kind=drive, start_date=datetime.date(2022, 3, 1), end_date=datetime.date(2022, 4, 30))
    html = client.get("/phong-trao/", {"loai": drive.slug, "nam": "2023"}).content.decode()
    assert '<p class="empty-state-title">Chưa có phong trào, cuộc thi nào phù hợp với bộ lọc.</p>' in html
    assert "Không có đợt tuyên truyền nào trong năm 2023." in html
    assert '<a href="?loai=dot-tuyen-truyen">Đợt tuyên truyền: mọi năm</a>' in html
    assert '<a href="/phong-trao/">Xem tất cả phong trào, cuộc thi</a>' in html


def test_campaigns_list_with_none_at_all_points_to_the_news(client):
    html = client.get("/phong-trao/").content.decode()
    assert '<p class="empty-state-title">Chưa có phong trào, cuộc thi nào.</p>' in html
    assert '<a href="/">Tin mới trên trang chủ</a>' in html
