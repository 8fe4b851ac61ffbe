"""One slug rule (congdoan.fields.VietnameseSlugField) for every model with an address."""

import pytest
from django.urls import reverse

from campaigns.models import Campaign, CampaignKind
from contests.models import Contest
from news.models import Article, Section, Tag
from tests.admin_forms import form_data
from tests.campaigns.factories import CampaignFactory, CampaignKindFactory
from tests.contests.factories import ContestFactory
from tests.news.factories import ArticleFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db

FACTORIES = {
    Section: SectionFactory,
    Tag: TagFactory,
    Article: ArticleFactory,
    CampaignKind: CampaignKindFactory,
    Campaign: CampaignFactory,
    Contest: ContestFactory,
}


@pytest.mark.parametrize("model", FACTORIES, ids=lambda model: model.__name__)
def test_every_slug_is_normalised_on_save(model):
    obj = FACTORIES[model](slug="  Đại-Hội_Công  Đoàn-- ")
    obj.refresh_from_db()
    assert obj.slug == "dai-hoi_cong-doan"


@pytest.mark.parametrize(
    ("model", "field", "name", "expected"),
    [
        (Section, "name", "Đời sống công nhân", "doi-song-cong-nhan"),
        (Tag, "name", "Sơn La", "son-la"),
        (Article, "title", "Đại hội Công đoàn tỉnh", "dai-hoi-cong-doan-tinh"),
        (CampaignKind, "name", "Đợt vận động", "dot-van-dong"),
        (Campaign, "title", "Đoàn viên khỏe – Công đoàn mạnh", "doan-vien-khoe-cong-doan-manh"),
    ],
    ids=lambda value: getattr(value, "__name__", None),
)
def test_an_empty_slug_is_made_from_the_name_and_numbered_when_taken(model, field, name, expected):
    first = FACTORIES[model](slug="", **{field: name})
    second = FACTORIES[model](slug="", **{field: name.upper()})
    assert (first.slug, second.slug) == (expected, f"{expected}-2")


def test_a_contest_takes_its_campaigns_address():
    contest = ContestFactory(slug="", campaign=CampaignFactory(slug="thi-tim-hieu-luat"))
    assert contest.slug == "thi-tim-hieu-luat"


@pytest.mark.parametrize(
    ("admin_name", "factory", "data"),
    [
        ("news_section", SectionFactory, {"name": "Thời sự", "order": "0"}),
        ("news_tag", TagFactory, {"name": "Đại hội", "kind": "topic"}),
        ("campaigns_campaignkind", CampaignKindFactory, {"name": "Đợt khác", "order": "0"}),
    ],
)
@pytest.mark.parametrize("typed", ["Dai-Hoi", "dai-hoi-", "DAI-HOI--", " Đại hội "])
def test_admin_says_the_slug_is_taken_when_it_differs_only_in_case_or_dashes(
    client, superuser, admin_name, factory, data, typed
):
    existing = factory(slug="dai-hoi")
    model = type(existing)
    count = model.objects.count()
    client.force_login(superuser)
    response = client.post(reverse(f"admin:{admin_name}_add"), {**data, "slug": typed})
    assert response.status_code == 200
    label = model._meta.verbose_name[0].upper() + model._meta.verbose_name[1:]
    assert response.context["adminform"].form.errors["slug"] == [
        f"{label} khác đã có đường dẫn này. Hãy sửa đường dẫn cho khác đi."
    ]
    assert model.objects.count() == count


def test_admin_change_form_shows_the_slug_it_will_store(client, superuser):
    section = SectionFactory(slug="thoi-su")
    client.force_login(superuser)
    url = reverse("admin:news_section_change", args=[section.pk])
    response = client.post(url, form_data(client.get(url), slug="Thời-Sự-Trong-Tỉnh-"))
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.slug == "thoi-su-trong-tinh"
