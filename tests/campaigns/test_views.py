"""Public campaign pages: list, detail, RSS, sitemap, home block; fixed query counts."""

import datetime
import re

import pytest
from django.template import Context, Template

from campaigns.models import CampaignKind
from campaigns.sitemaps import CampaignSitemap
from tests.utils import HEADER_QUERIES_COLD

from .factories import CampaignFactory, CampaignKindFactory, PhaseFactory, ProgressReportFactory, UnitFigureFactory

pytestmark = pytest.mark.django_db

D = datetime.date
DETAIL_URL = "/phong-trao/{}/"


def titles_in(html: str) -> list[str]:
    return re.findall(r'class="campaign-card-title"><a href="[^"]+">([^<]+)</a>', html)


# --- list ------------------------------------------------------------------


def test_list_orders_ongoing_upcoming_ended_and_shows_cards(client, frozen_day):
    CampaignFactory(title="Đã xong", start_date=D(2023, 1, 1), end_date=D(2023, 3, 1))
    CampaignFactory(title="Sắp tới", start_date=D(2023, 12, 1), end_date=D(2023, 12, 20))
    ongoing = CampaignFactory(title="Đang chạy", start_date=D(2023, 11, 1), end_date=D(2023, 11, 30))
    PhaseFactory(campaign=ongoing, label="Đợt 1", name="GỬI NIỀM TIN", end_date=D(2023, 11, 30))
    CampaignFactory(title="Bản nháp", is_published=False)
    response = client.get("/phong-trao/")
    assert response.status_code == 200
    html = response.content.decode()
    assert titles_in(html) == ["Đang chạy", "Sắp tới", "Đã xong"]
    assert "Bản nháp" not in html
    assert 'status-badge--dang-dien-ra">Đang diễn ra' in html
    assert 'status-badge--sap-dien-ra">Sắp diễn ra' in html
    assert 'status-badge--da-ket-thuc">Đã kết thúc' in html
    assert "Đang diễn ra: <strong>Đợt 1 “GỬI NIỀM TIN”</strong>" in html
    assert 'Từ <time datetime="2023-11-01">01/11/2023</time> đến' in html
    assert "Còn 7 ngày" in html


def test_list_filters_by_kind_and_year(client, frozen_day):
    movement = CampaignKind.objects.get(slug="phong-trao-thi-dua")
    CampaignFactory(title="Cuộc thi 2022", start_date=D(2022, 5, 1), end_date=D(2022, 6, 1))
    CampaignFactory(title="Cuộc thi 2023", start_date=D(2023, 5, 1), end_date=D(2023, 6, 1))
    CampaignFactory(title="Thi đua 2023", kind=movement, start_date=D(2023, 1, 1), end_date=D(2023, 12, 31))
    html = client.get("/phong-trao/?loai=phong-trao-thi-dua").content.decode()
    assert titles_in(html) == ["Thi đua 2023"]
    html = client.get("/phong-trao/?nam=2022").content.decode()
    assert titles_in(html) == ["Cuộc thi 2022"]
    html = client.get("/phong-trao/?nam=2023&loai=cuoc-thi").content.decode()
    assert titles_in(html) == ["Cuộc thi 2023"]
    # Years are written without a thousands separator.
    assert '<option value="2023" selected>2023</option>' in html
    assert "2.023" not in html


@pytest.mark.parametrize(
    "query",
    [
        "?loai=khong-co", "?nam=abc", "?nam=1990", "?page=99", "?page=x",
        # Other scripts' digits and superscripts: "²⁰²³".isdigit() is true, int() refuses it.
        "?nam=²⁰²³", "?nam=٢٠٢٣", "?nam=２０２３", "?nam=%E2%80%8F2023", "?nam=" + "9" * 5000, "?page=²",
    ],
)  # fmt: skip
def test_list_bad_parameters_are_404_not_500(client, query, frozen_day):
    CampaignFactory()
    assert client.get(f"/phong-trao/{query}").status_code == 404


def test_list_paginates_and_keeps_filters(client, frozen_day):
    for number in range(14):
        CampaignFactory(title=f"Phong trào số {number}")
    first = client.get("/phong-trao/?nam=2023").content.decode()
    assert len(titles_in(first)) == 12
    assert 'href="?nam=2023&amp;page=2"' in first
    second = client.get("/phong-trao/?nam=2023&page=2").content.decode()
    assert len(titles_in(second)) == 2


def test_list_query_count_is_fixed(client, django_assert_num_queries, frozen_day):
    """Menu, kinds, year bounds, count, page, phases: 6, whatever the number of
    campaigns; plus the header's ticker and slides on a cold cache."""
    for number in range(5):
        campaign = CampaignFactory(title=f"Phong trào {number}")
        PhaseFactory(campaign=campaign)
        PhaseFactory(campaign=campaign)
    with django_assert_num_queries(6 + HEADER_QUERIES_COLD):
        assert client.get("/phong-trao/").status_code == 200


def test_list_empty_state(client):
    html = client.get("/phong-trao/").content.decode()
    assert "Chưa có phong trào, cuộc thi nào" in html


# --- detail ----------------------------------------------------------------


def test_detail_shows_everything(client, full_campaign):
    response = client.get(DETAIL_URL.format(full_campaign.slug))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 id="ten-phong-trao" class="campaign-title">Cuộc thi “Công đoàn với pháp luật” năm 2023</h1>' in html
    assert "Chủ đề: <q>Hiểu luật để làm đúng</q>" in html
    assert "Ban Thường vụ LĐLĐ tỉnh" in html
    assert "Đoàn viên công đoàn, người lao động." in html
    assert "Còn 38 ngày" in html
    assert "Tính đến ngày 23/11/2023: 4.155 người đăng ký, 6.459 lượt dự thi" in html
    # Targets: 20% of 20.000 members = 4.000; 4.155 reached.
    assert "Đoàn viên công đoàn tham gia: <strong>20% tổng số đoàn viên</strong>" in html
    assert "Đã đạt 4.155/4.000, bằng 103% chỉ tiêu – <strong>hoàn thành</strong>" in html
    assert '<progress class="target-progress" max="100" value="100"' in html
    assert "Cán bộ công đoàn cơ sở tham gia: <strong>100% tổng số đoàn viên</strong>" in html
    assert '<span class="hashtag">#CongDoanBacKan</span>' in html
    assert '<span class="hashtag">#ThiTrucTuyen</span>' in html
    assert 'href="https://cuocthi.example.vn/"' in html and "Vào trang dự thi" in html
    assert "https://www.facebook.com/sharer/sharer.php?u=http%3A%2F%2Ftestserver%2Fphong-trao%2F" in html


def test_detail_timeline_highlights_the_current_phase(client, full_campaign):
    html = client.get(DETAIL_URL.format(full_campaign.slug)).content.decode()
    steps = re.findall(r'<li class="(timeline-step[^"]*)"( aria-current="step")?>', html)
    assert steps == [
        ("timeline-step timeline-step--dang-dien-ra timeline-step--current", ' aria-current="step"'),
        ("timeline-step timeline-step--sap-dien-ra", ""),
    ]
    assert 'Đợt 1 <span class="timeline-name">“GỬI NIỀM TIN”</span>' in html
    assert "Từ 01/11/2023 đến 30/11/2023" in html
    assert "<strong>Đang diễn ra</strong> · còn 7 ngày" in html


def test_detail_chart_has_the_right_points_and_a_table(client, full_campaign):
    html = client.get(DETAIL_URL.format(full_campaign.slug)).content.decode()
    assert 'role="img" aria-labelledby="bieu-do-tieu-de bieu-do-mo-ta"' in html
    assert '<title id="bieu-do-tieu-de">Biểu đồ số liệu theo thời gian</title>' in html
    assert (
        "Số liệu của 3 lần cập nhật, từ ngày 09/11/2023 đến ngày 23/11/2023. "
        "Mới nhất: 4.155 người đăng ký, 6.459 lượt dự thi." in html
    )
    # Axis top 10.000; plot 64→624 wide, 16→236 high; days 9, 16, 23 November.
    assert '<polyline points="64,214 344,181 624,144.6" fill="none">' in html
    assert '<polyline points="64,209.6 344,167.8 624,93.9" fill="none">' in html
    assert "<title>23/11/2023: 6.459 lượt dự thi</title>" in html
    assert '<th scope="row">16/11/2023</th><td>2.500</td><td>3.100</td>' in html


def test_detail_unit_table_sorts_without_javascript(client, full_campaign):
    url = DETAIL_URL.format(full_campaign.slug)

    def units(query=""):
        html = client.get(url + query).content.decode()
        table = html.split('<table class="unit-table">', 1)[1].split("</table>", 1)[0]
        return re.findall(r'<th scope="row">([^<]+)</th>', table), table

    rows, table = units()
    assert rows == ["LĐLĐ huyện Ba Bể", "Công đoàn ngành Giáo dục", "Công đoàn ngành Y tế"]
    assert 'aria-sort="descending"><a href="?sap_xep=dang-ky#theo-don-vi">' in table
    assert '<td class="num">1.655</td>' in table
    assert units("?sap_xep=dang-ky")[0] == ["Công đoàn ngành Y tế", "Công đoàn ngành Giáo dục", "LĐLĐ huyện Ba Bể"]
    assert units("?sap_xep=-luot")[0] == ["LĐLĐ huyện Ba Bể", "Công đoàn ngành Giáo dục", "Công đoàn ngành Y tế"]
    assert units("?sap_xep=don-vi")[0] == ["Công đoàn ngành Giáo dục", "Công đoàn ngành Y tế", "LĐLĐ huyện Ba Bể"]
    assert units("?sap_xep=<script>")[0][0] == "LĐLĐ huyện Ba Bể"


def test_detail_query_count_is_fixed(client, full_campaign, django_assert_num_queries):
    """Site identity, menu, campaign+kind, phases, targets, reports, unit rows, related-news count,
    its online contest (contests' {% contest_box %}): 9.

    However many phases, reports or units; two more (count + page) when there is related news;
    plus the header's ticker and slides on a cold cache.
    """
    for day in range(1, 8):
        ProgressReportFactory(campaign=full_campaign, as_of=D(2023, 10, day) + datetime.timedelta(days=31))
    with django_assert_num_queries(8 + HEADER_QUERIES_COLD):
        assert client.get(DETAIL_URL.format(full_campaign.slug)).status_code == 200


def test_detail_without_figures_or_phases(client, frozen_day):
    campaign = CampaignFactory(theme="", participants="")
    html = client.get(DETAIL_URL.format(campaign.slug)).content.decode()
    assert "Tính đến ngày" not in html
    assert '<svg class="chart"' not in html
    assert 'class="timeline"' not in html
    assert "Chủ đề" not in html


def test_detail_single_report_draws_points_only(client, frozen_day):
    campaign = CampaignFactory()
    ProgressReportFactory(campaign=campaign, registrations=10, attempts=None)
    html = client.get(DETAIL_URL.format(campaign.slug)).content.decode()
    assert "<polyline" not in html
    assert '<circle cx="344" cy="16" r="4"><title>23/11/2023: 10 người đăng ký</title>' in html
    assert "Tính đến ngày 23/11/2023: 10 người đăng ký</strong>" in html


def test_unknown_or_unpublished_campaign_is_404_for_readers(client, frozen_day):
    draft = CampaignFactory(is_published=False)
    assert client.get("/phong-trao/khong-co-phong-trao-nay/").status_code == 404
    assert client.get(DETAIL_URL.format(draft.slug)).status_code == 404


def test_staff_with_view_permission_previews_a_draft_uncached(client, superuser, frozen_day):
    draft = CampaignFactory(is_published=False)
    client.force_login(superuser)
    response = client.get(DETAIL_URL.format(draft.slug))
    assert response.status_code == 200
    assert "Bản xem trước" in response.content.decode()
    assert "no-cache" in response["Cache-Control"]


# --- feed, sitemap, home block -------------------------------------------------


def test_rss_lists_published_campaigns(client, frozen_day):
    CampaignFactory(title="Phong trào công khai")
    CampaignFactory(title="Phong trào nháp", is_published=False)
    response = client.get("/phong-trao/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    body = response.content.decode()
    assert "<title>Phong trào công khai</title>" in body
    assert "nháp" not in body
    assert "Cuộc thi · 01/11/2023 – 31/12/2023." in body


def test_sitemap_class_lists_published_campaigns(frozen_day):
    public = CampaignFactory()
    CampaignFactory(is_published=False)
    sitemap = CampaignSitemap()
    assert list(sitemap.items()) == [public]
    assert sitemap.location(public) == f"/phong-trao/{public.slug}/"
    assert sitemap.lastmod(public) == public.updated_at


def test_home_block_tag_shows_ongoing_campaigns(frozen_day, django_assert_num_queries):
    ongoing = CampaignFactory(title="Đang thi")
    PhaseFactory(campaign=ongoing, label="Đợt 1", name="GỬI NIỀM TIN", end_date=D(2023, 11, 30))
    CampaignFactory(title="Chưa bắt đầu", start_date=D(2023, 12, 1))
    CampaignFactory(title="Đang nháp", is_published=False)
    template = Template("{% load campaigns %}{% ongoing_campaigns %}")
    with django_assert_num_queries(2):
        html = template.render(Context({}))
    assert "Phong trào – Cuộc thi" in html
    assert "Đang thi" in html and "Chưa bắt đầu" not in html and "Đang nháp" not in html
    assert "Đợt 1 “GỬI NIỀM TIN”" in html


def test_home_block_is_empty_without_ongoing_campaigns(frozen_day):
    CampaignFactory(start_date=D(2024, 1, 1), end_date=D(2024, 2, 1))
    assert Template("{% load campaigns %}{% ongoing_campaigns %}").render(Context({})).strip() == ""


def test_kind_with_only_drafts_is_not_offered_as_a_filter(client, frozen_day):
    hidden = CampaignKindFactory(name="Hội thi nội bộ", slug="hoi-thi-noi-bo")
    CampaignFactory(kind=hidden, is_published=False)
    CampaignFactory()
    html = client.get("/phong-trao/").content.decode()
    assert "Hội thi nội bộ" not in html
    assert client.get("/phong-trao/?loai=hoi-thi-noi-bo").status_code == 404


def test_unit_rows_only_from_the_latest_report(client, full_campaign):
    older = full_campaign.reports.get(as_of=D(2023, 11, 9))
    UnitFigureFactory(report=older, unit="Đơn vị cũ")
    html = client.get(DETAIL_URL.format(full_campaign.slug)).content.decode()
    assert "Đơn vị cũ" not in html
