"""The bad inputs that answered 500 in the admin, each now a Vietnamese form error with nothing saved."""

import pytest
from django.urls import reverse

from banners.models import Commemoration
from news.models import Article
from tests.admin_forms import form_data
from tests.banners.factories import CommemorationFactory
from tests.campaigns.factories import CampaignFactory, PhaseFactory
from tests.news.factories import ArticleFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db

HUGE_ID = str(2**70)


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def add_article_data(client, **overrides):
    section = SectionFactory()
    data = form_data(client.get(reverse("admin:news_article_add")))
    return {
        **data,
        "title": "Đại hội Công đoàn tỉnh",
        "section": str(section.pk),
        "status": "published",
        "publish_at_0": "01/12/2026",
        "publish_at_1": "08:00:00",
        **overrides,
    }


def test_a_publish_date_in_year_one_is_a_form_error(admin_client):
    data = add_article_data(admin_client, publish_at_0="01/01/0001", publish_at_1="00:00:00")
    response = admin_client.post(reverse("admin:news_article_add"), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["publish_at"] == [
        "Năm 1 không hợp lệ: hãy nhập một ngày từ năm 1900 đến năm 2100."
    ]
    assert not Article.objects.exists()


def test_a_commemoration_may_start_long_ago_but_not_in_year_one(admin_client):
    item = CommemorationFactory()
    url = reverse("admin:banners_commemoration_change", args=[item.pk])
    response = admin_client.post(url, form_data(admin_client.get(url), origin="01/01/0001"))
    assert response.context["adminform"].form.errors["origin"] == [
        "Năm 1 không hợp lệ: hãy nhập một ngày từ năm 40 đến năm 2100."
    ]
    assert admin_client.post(url, form_data(admin_client.get(url), origin="01/05/1886")).status_code == 302
    assert str(Commemoration.objects.get().origin) == "1886-05-01"


def test_a_5_mb_body_is_refused_with_the_documented_limit(admin_client):
    body = "<p>" + "Đ" * 2_500_000 + "</p>"  # 5 MB as sent
    response = admin_client.post(reverse("admin:news_article_add"), add_article_data(admin_client, body=body))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["body"] == [
        "Nội dung quá dài (2.500.007 ký tự sau khi làm sạch định dạng); tối đa 300.000 ký tự, khoảng 50.000 chữ. "
        "Hãy chia thành nhiều bài, hoặc đăng văn bản dài dưới dạng tệp đính kèm."
    ]
    assert not Article.objects.exists()


def test_a_body_at_the_limit_is_saved(admin_client):
    body = "<p>" + "Đ" * (300_000 - 7) + "</p>"
    assert (
        admin_client.post(reverse("admin:news_article_add"), add_article_data(admin_client, body=body)).status_code
        == 302
    )
    assert len(Article.objects.get().body) == 300_000


@pytest.mark.parametrize(
    ("tag_id", "message"),
    [
        (HUGE_ID, f"“{HUGE_ID}” không phải là giá trị hợp lệ."),
        ("không-phải-số", "“không-phải-số” không phải là giá trị hợp lệ."),
        ("١", "“١” không phải là giá trị hợp lệ."),
        ("-1", "Hãy chọn một lựa chọn hợp lệ. -1 không phải là một trong các lựa chọn khả thi."),
    ],
)
def test_a_tag_id_out_of_range_is_a_form_error(admin_client, tag_id, message):
    article = ArticleFactory(tags=[TagFactory()])
    url = reverse("admin:news_article_change", args=[article.pk])
    response = admin_client.post(url, form_data(admin_client.get(url), tags=[tag_id]))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["tags"] == [message]
    assert list(article.tags.all()) == list(Article.objects.get().tags.all())


def test_a_section_id_out_of_range_is_a_form_error(admin_client):
    article = ArticleFactory()
    url = reverse("admin:news_article_change", args=[article.pk])
    response = admin_client.post(url, form_data(admin_client.get(url), section=HUGE_ID))
    assert response.context["adminform"].form.errors["section"] == [
        "Hãy chọn một lựa chọn hợp lệ. Lựa chọn đó không phải là một trong các lựa chọn khả thi."
    ]


def test_an_absurd_row_count_is_refused_without_building_the_rows(admin_client):
    campaign = CampaignFactory()
    PhaseFactory(campaign=campaign)
    url = reverse("admin:campaigns_campaign_change", args=[campaign.pk])
    data = form_data(admin_client.get(url), **{"phases-TOTAL_FORMS": HUGE_ID})
    response = admin_client.post(url, data)
    assert response.status_code == 200
    phases = response.context["inline_admin_formsets"][0].formset
    assert phases.non_form_errors() == ["Chỉ được có tối đa 30 dòng."]
    assert len(phases.forms) == 1


@pytest.mark.parametrize("written", ["²", "١", "１", "𝟙", "\u200f1", "9" * 40])
def test_an_id_in_the_address_written_in_other_digits_is_not_a_500(admin_client, superuser, written):
    """ "²".isdigit() is true and int("²") fails; int("١") reads it as 1: an id in an admin
    address is a number only in ASCII digits (no page of user 1 at /admin/auth/user/١/)."""
    from urllib.parse import quote

    ArticleFactory()
    for path in (
        f"/admin/auth/user/{quote(written)}/change/",
        f"/admin/news/article/recover/{quote(written)}/",
        f"/admin/news/article/{quote(written)}/change/",
    ):
        assert admin_client.get(path).status_code in {302, 404}, path
