"""Merging a federation into its successor (Bắc Kạn → Thái Nguyên, 1/7/2025).

The world: Thái Nguyên (the default federation, host thainguyen.test) and Bắc Kạn (hosts
backan.test and www.backan.test), each with sections, tags, articles, a campaign, a contest
campaign with its contest, a unit group, a slide, a slogan, ticker settings and staff. Some
addresses exist on both sites (the section "tin-tuc", the tag "nguoi-lao-dong", the article
"dai-hoi", the campaigns, the contest, the unit group), others only on Bắc Kạn's.
"""

import datetime
import io
import re
from contextlib import contextmanager
from importlib import import_module

import pytest
import reversion
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.test import Client
from reversion.models import Version

from banners.models import Slide, Slogan, TickerSettings
from campaigns.models import Campaign
from congdoan import merging
from congdoan.caching import generation
from congdoan.caching.registry import demo_loaders
from congdoan.merging import MergeRefused, merge_federations, plan_merge
from congdoan.models import Federation, FederationHost, Membership, Redirect
from congdoan.roles import EDITOR_GROUP, WRITER_GROUP
from congdoan.tenancy import activate, default_federation, everywhere, federation_path
from contests.models import Contest, Question, Round, Unit, UnitGroup
from news.models import Article, Section, Tag
from tests.banners.factories import SlideFactory, SloganFactory
from tests.campaigns.factories import CampaignFactory, CampaignKindFactory, PhaseFactory
from tests.contests.factories import ContestantFactory, ContestFactory, QuestionFactory, RoundFactory, UnitFactory
from tests.news.factories import ArticleFactory, SectionFactory, TagFactory
from tests.utils import give_role

pytestmark = pytest.mark.django_db

TN, BK, BK_ALIAS = "thainguyen.test", "backan.test", "www.backan.test"


def h1(response) -> str:
    return re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.S).group(1).strip()


def user(django_user_model, username, **roles):
    account = django_user_model.objects.create_user(username, password="mat-khau-thu", is_staff=True)
    for federation, role in roles.items():
        give_role(account, role, Federation.objects.get(code=federation))
    return account


@contextmanager
def committed():
    """Run the on-commit callbacks (the content version's second bump) registered before and in
    the block, as real commits would: tests run inside one transaction that never commits."""
    connection = transaction.get_connection()

    def commit():
        while connection.run_on_commit:
            _, callback, _ = connection.run_on_commit.pop(0)
            callback()

    commit()
    yield
    commit()


def run_merge(**kwargs):
    with committed():
        return merge_federations(**kwargs)


@pytest.fixture
def thainguyen():
    with committed():
        return _thainguyen()


def _thainguyen():
    federation = default_federation()
    Federation.objects.filter(pk=federation.pk).update(
        code="thainguyen",
        name_line2="TỈNH THÁI NGUYÊN",
        short_name="LĐLĐ tỉnh Thái Nguyên",
        province="Thái Nguyên",
        domain="congdoanthainguyen.vn",
    )
    federation.refresh_from_db()
    FederationHost.objects.create(federation=federation, host=TN, is_primary=True)
    return federation


@pytest.fixture
def backan(thainguyen):
    with committed():
        return _backan()


def _backan():
    federation = Federation.objects.create(code="backan")  # the model's defaults are Bắc Kạn's
    FederationHost.objects.create(federation=federation, host=BK, is_primary=True)
    FederationHost.objects.create(federation=federation, host=BK_ALIAS)
    return federation


@pytest.fixture
def world(thainguyen, backan, django_user_model):
    """Both sites' content (see the module docstring); returns the Bắc Kạn rows tests look at."""
    with committed():
        return _world(thainguyen, backan, django_user_model)


def _world(thainguyen, backan, django_user_model):
    movement = CampaignKindFactory(slug="phong-trao-thi-dua", name="Phong trào thi đua")
    with activate(thainguyen):
        news = SectionFactory(name="Tin tức", slug="tin-tuc")
        SectionFactory(name="Hoạt động", slug="hoat-dong")
        workers = TagFactory(name="Người lao động", slug="nguoi-lao-dong")
        TagFactory(name="Thái Nguyên", slug="thai-nguyen")
        ArticleFactory(title="Đại hội Công đoàn tỉnh Thái Nguyên", slug="dai-hoi", section=news, tags=[workers])
        CampaignFactory(title="Thi đua lao động giỏi Thái Nguyên", slug="thi-dua", kind=movement)
        ContestFactory(
            campaign=CampaignFactory(title="Tìm hiểu pháp luật Thái Nguyên", slug="tim-hieu-phap-luat"),
            slug="tim-hieu-phap-luat",
        )
        UnitFactory(name="Công đoàn Gang thép", group__name="Khối doanh nghiệp")
        SlideFactory(alt="Toàn cảnh thành phố Thái Nguyên")
        SloganFactory(text="Chào mừng Đại hội Công đoàn tỉnh Thái Nguyên")
        TickerSettings(heading="Nhiệt liệt chào mừng").save()
    with activate(backan):
        news = SectionFactory(name="Tin tức – Sự kiện", slug="tin-tuc")
        local = SectionFactory(name="Công đoàn Bắc Kạn", slug="cong-doan-bac-kan")
        grassroots = SectionFactory(name="Tin cơ sở", slug="tin-co-so", parent=news)
        workers = TagFactory(name="Người lao động", slug="nguoi-lao-dong")
        province = TagFactory(name="Bắc Kạn", slug="bac-kan", kind=Tag.Kind.PLACE)
        congress = ArticleFactory(
            title="Đại hội Công đoàn tỉnh Bắc Kạn", slug="dai-hoi", section=news, tags=[workers, province]
        )
        lake = ArticleFactory(
            title="Hồ Ba Bể đón đoàn viên nghỉ dưỡng",
            slug="ho-ba-be",
            section=local,
            tags=[province],
            with_cover=True,
        )
        ArticleFactory(title="Công đoàn cơ sở Chợ Mới trao quà", slug="cho-moi", section=grassroots)
        campaign = CampaignFactory(title="Thi đua lao động giỏi Bắc Kạn", slug="thi-dua", kind=movement)
        campaign.related_articles.add(lake)
        PhaseFactory(campaign=campaign, label="Đợt 1")
        contest = ContestFactory(
            campaign=CampaignFactory(title="Tìm hiểu pháp luật Bắc Kạn", slug="tim-hieu-phap-luat"),
            slug="tim-hieu-phap-luat",
        )
        QuestionFactory(round=RoundFactory(contest=contest))
        unit = UnitFactory(name="Công đoàn Khoáng sản Bắc Kạn", group__name="Khối doanh nghiệp")
        ContestantFactory(contest=contest, unit=unit, phone="0912345678")
        SlideFactory(alt="Hồ Ba Bể mùa thu")
        SloganFactory(text="Chào mừng Đại hội Công đoàn tỉnh Bắc Kạn")
        _past_the_seeded_ticker_row()
        TickerSettings(heading="Chào mừng").save()
        Redirect.objects.create(federation=backan, old_path="/tin-tuc/123-dai-hoi.html", new_path="/bai-viet/dai-hoi/")
    user(django_user_model, "tn-bientap", thainguyen=EDITOR_GROUP)
    user(django_user_model, "bk-bientap", backan=EDITOR_GROUP)
    user(django_user_model, "chung-a", thainguyen=WRITER_GROUP, backan=EDITOR_GROUP)
    user(django_user_model, "chung-b", thainguyen=EDITOR_GROUP, backan=WRITER_GROUP)
    return {"congress": congress, "lake": lake, "contest": contest}


def _past_the_seeded_ticker_row() -> None:
    """banners' migration 0002 inserts its row with pk=1 and leaves PostgreSQL's sequence at 1:
    the first new ticker-settings row of a fresh database collides with it (reported)."""
    from django.core.management.color import no_style
    from django.db import connection

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [TickerSettings]):
            cursor.execute(sql)


def snapshot() -> dict:
    """Every row a merge could touch, as plain values."""
    tables = list(merging.scoped_models())
    tables += [Federation, FederationHost, Membership, Redirect, Version]
    tables += [model._meta.get_field(f.name).remote_field.through for model in tables for f in model._meta.many_to_many]
    return {model._meta.label: sorted(map(repr, model._base_manager.order_by("pk").values())) for model in set(tables)}


def merge(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    with committed():
        call_command("merge_federations", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


# --- The plan and the report --------------------------------------------------------------------

EXPECTED_COUNTS = {
    # model: (Bắc Kạn, Thái Nguyên, combined into Thái Nguyên's)
    "news.Section": (3, 2, 1),
    "news.Tag": (2, 2, 1),
    "news.Article": (3, 1, 0),
    "banners.Slide": (1, 1, 0),
    "banners.Slogan": (1, 1, 0),
    "banners.Commemoration": (0, 0, 0),
    "banners.TickerSettings": (1, 1, 1),
    "campaigns.Campaign": (2, 2, 0),
    "campaigns.Phase": (1, 0, 0),
    "campaigns.Target": (0, 0, 0),
    "campaigns.ProgressReport": (0, 0, 0),
    "campaigns.UnitFigure": (0, 0, 0),
    "contests.Contest": (1, 1, 0),
    "contests.Round": (1, 0, 0),
    "contests.Question": (1, 0, 0),
    "contests.Option": (4, 0, 0),
    "contests.UnitGroup": (1, 1, 0),
    "contests.Unit": (1, 1, 0),
    "contests.Contestant": (1, 0, 0),
    "contests.Attempt": (0, 0, 0),
    "contests.AttemptQuestion": (0, 0, 0),
    "contests.Answer": (0, 0, 0),
}


def test_the_plan_says_exactly_what_will_move(world, thainguyen, backan):
    plan = plan_merge(source=backan, target=thainguyen)
    counts = {c.label: (c.source, c.target, c.combined) for c in plan.counts}
    assert {label: found for label, found in counts.items() if label in EXPECTED_COUNTS} == EXPECTED_COUNTS
    assert {found for label, found in counts.items() if label not in EXPECTED_COUNTS} == {(0, 0, 0)}  # other apps
    assert plan.rows_to_move == 3 + 2 + 3 + 1 + 1 + 1 + 2 + 1 + 1 + 1 - 3  # owners, less the combined
    assert [(c.name, c.key) for c in plan.combinations] == [
        ("chuyên mục", "tin-tuc"),
        ("thẻ (chủ đề, địa danh)", "nguoi-lao-dong"),
        ("cài đặt băng chữ", "một bản ghi cho mỗi liên đoàn"),
    ]
    assert [(r.label, r.old, r.new, r.old_url, r.new_url) for r in plan.renames] == [
        ("news.Article", "dai-hoi", "dai-hoi-backan", "/bai-viet/dai-hoi/", "/bai-viet/dai-hoi-backan/"),
        ("campaigns.Campaign", "thi-dua", "thi-dua-backan", "/phong-trao/thi-dua/", "/phong-trao/thi-dua-backan/"),
        (
            "campaigns.Campaign",
            "tim-hieu-phap-luat",
            "tim-hieu-phap-luat-backan",
            "/phong-trao/tim-hieu-phap-luat/",
            "/phong-trao/tim-hieu-phap-luat-backan/",
        ),
        (
            "contests.Contest",
            "tim-hieu-phap-luat",
            "tim-hieu-phap-luat-backan",
            "/cuoc-thi/tim-hieu-phap-luat/",
            "/cuoc-thi/tim-hieu-phap-luat-backan/",
        ),
        ("contests.UnitGroup", "Khối doanh nghiệp", "Khối doanh nghiệp (Bắc Kạn)", "", ""),
    ]
    assert plan.redirects == {
        "/bai-viet/dai-hoi/": "/bai-viet/dai-hoi-backan/",
        "/phong-trao/thi-dua/": "/phong-trao/thi-dua-backan/",
        "/phong-trao/tim-hieu-phap-luat/": "/phong-trao/tim-hieu-phap-luat-backan/",
        "/cuoc-thi/tim-hieu-phap-luat/": "/cuoc-thi/tim-hieu-phap-luat-backan/",
        "/cuoc-thi/tim-hieu-phap-luat/dang-ky/": "/cuoc-thi/tim-hieu-phap-luat-backan/dang-ky/",
        "/cuoc-thi/tim-hieu-phap-luat/dang-nhap/": "/cuoc-thi/tim-hieu-phap-luat-backan/dang-nhap/",
        "/cuoc-thi/tim-hieu-phap-luat/dang-xuat/": "/cuoc-thi/tim-hieu-phap-luat-backan/dang-xuat/",
        "/cuoc-thi/tim-hieu-phap-luat/cua-toi/": "/cuoc-thi/tim-hieu-phap-luat-backan/cua-toi/",
        "/cuoc-thi/tim-hieu-phap-luat/doi-mat-khau/": "/cuoc-thi/tim-hieu-phap-luat-backan/doi-mat-khau/",
    }
    assert plan.moved_redirects == [("/tin-tuc/123-dai-hoi.html", "/bai-viet/dai-hoi-backan/")]
    assert [(m.username, m.source_role, m.target_role, m.kept_role) for m in plan.roles] == [
        ("bk-bientap", EDITOR_GROUP, None, EDITOR_GROUP),
        ("chung-a", EDITOR_GROUP, WRITER_GROUP, EDITOR_GROUP),
        ("chung-b", WRITER_GROUP, EDITOR_GROUP, EDITOR_GROUP),
    ]
    assert plan.hosts == [BK, BK_ALIAS]
    assert plan.archived == ["ảnh đầu trang", "khẩu hiệu", "ngày kỷ niệm"]
    assert plan.warnings == []


def test_a_merge_moves_every_row_and_the_checksum_proves_nothing_was_lost(world, thainguyen, backan):
    report = run_merge(source=backan, target=thainguyen)
    assert report.intact and len(report.checksum_before) == 64
    after = {c.label: (c.source, c.target) for c in report.counts_after if c.label in EXPECTED_COUNTS}
    assert after == {label: (0, bk + tn - combined) for label, (bk, tn, combined) in EXPECTED_COUNTS.items()}
    # Independently of the report: each model's rows, by federation.
    for model in merging.scoped_models():
        path = federation_path(model)
        assert not everywhere(model).filter(**{f"{path}__code": "backan"}).exists(), model
    assert sorted(everywhere(Section).values_list("slug", "federation__code", "parent__slug")) == [
        ("cong-doan-bac-kan", "thainguyen", None),
        ("hoat-dong", "thainguyen", None),
        ("tin-co-so", "thainguyen", "tin-tuc"),  # its parent mapped onto Thái Nguyên's "tin-tuc"
        ("tin-tuc", "thainguyen", None),
    ]
    assert everywhere(Section).get(slug="tin-tuc").name == "Tin tức"  # the successor's section stays as it was
    congress = everywhere(Article).get(pk=world["congress"].pk)
    assert (congress.slug, congress.section.slug, congress.federation.code) == (
        "dai-hoi-backan",
        "tin-tuc",
        "thainguyen",
    )
    assert sorted(congress.tags.values_list("slug", flat=True)) == ["bac-kan", "nguoi-lao-dong"]
    workers = everywhere(Tag).get(slug="nguoi-lao-dong")
    assert sorted(workers.articles.values_list("slug", flat=True)) == ["dai-hoi", "dai-hoi-backan"]
    assert sorted(everywhere(Campaign).values_list("slug", flat=True)) == [
        "thi-dua",
        "thi-dua-backan",
        "tim-hieu-phap-luat",
        "tim-hieu-phap-luat-backan",
    ]
    assert everywhere(Contest).get(pk=world["contest"].pk).slug == "tim-hieu-phap-luat-backan"
    assert sorted(everywhere(UnitGroup).values_list("name", flat=True)) == [
        "Khối doanh nghiệp",
        "Khối doanh nghiệp (Bắc Kạn)",
    ]
    assert everywhere(Unit).get(name="Công đoàn Khoáng sản Bắc Kạn").group.name == "Khối doanh nghiệp (Bắc Kạn)"
    assert everywhere(Round).get().contest_id == world["contest"].pk  # children stay with their parent
    assert everywhere(Question).get().options.count() == 4
    assert everywhere(TickerSettings).get().heading == "Nhiệt liệt chào mừng"
    backan.refresh_from_db()
    assert (backan.state, backan.merged_into, backan.merged_at) == ("merged", thainguyen, report.merged_at)


def test_slides_and_slogans_arrive_switched_off_and_the_successors_stay_on(world, thainguyen, backan):
    run_merge(source=backan, target=thainguyen)
    assert sorted(everywhere(Slide).values_list("alt", "is_active")) == [
        ("Hồ Ba Bể mùa thu", False),
        ("Toàn cảnh thành phố Thái Nguyên", True),
    ]
    assert sorted(everywhere(Slogan).values_list("text", "is_active")) == [
        ("Chào mừng Đại hội Công đoàn tỉnh Bắc Kạn", False),
        ("Chào mừng Đại hội Công đoàn tỉnh Thái Nguyên", True),
    ]


def test_media_files_stay_where_they_are(world, thainguyen, backan, client, settings):
    name = world["lake"].cover.name
    stem = name.rsplit("/", 1)[1].rsplit(".", 1)[0]

    def media(host) -> list[str]:
        """The cover's addresses on the article page (its renditions, in several sizes)."""
        page = client.get("/bai-viet/ho-ba-be/", HTTP_HOST=host).content.decode()
        return sorted({url for url in re.findall(r"/media/[^\s\"'?]+", page) if f"/{stem}" in url})

    before = media(BK)
    assert len(before) >= 2, before
    run_merge(source=backan, target=thainguyen)
    lake = everywhere(Article).get(pk=world["lake"].pk)
    assert lake.cover.name == name
    assert media(TN) == before  # the same addresses, still answering
    for url in before:
        assert (settings.MEDIA_ROOT / url.removeprefix("/media/")).is_file(), url


def test_staff_move_keeping_the_stronger_role(world, thainguyen, backan):
    run_merge(source=backan, target=thainguyen)
    assert sorted(Membership.objects.values_list("user__username", "federation__code", "role__name")) == [
        ("bk-bientap", "thainguyen", EDITOR_GROUP),
        ("chung-a", "thainguyen", EDITOR_GROUP),  # editor over writer
        ("chung-b", "thainguyen", EDITOR_GROUP),
        ("tn-bientap", "thainguyen", EDITOR_GROUP),
    ]
    client = Client(HTTP_HOST=TN)
    client.login(username="bk-bientap", password="mat-khau-thu")
    listing = client.get("/admin/news/article/")
    assert listing.status_code == 200
    assert listing.context["cl"].result_count == 4


# --- Old addresses --------------------------------------------------------------------------------

OLD_TO_NEW = {
    "/bai-viet/dai-hoi/": "/bai-viet/dai-hoi-backan/",
    "/bai-viet/ho-ba-be/": "/bai-viet/ho-ba-be/",
    "/bai-viet/cho-moi/": "/bai-viet/cho-moi/",
    "/chuyen-muc/tin-tuc/": "/chuyen-muc/tin-tuc/",
    "/chuyen-muc/tin-tuc/rss/": "/chuyen-muc/tin-tuc/rss/",
    "/chuyen-muc/cong-doan-bac-kan/": "/chuyen-muc/cong-doan-bac-kan/",
    "/chuyen-muc/tin-co-so/": "/chuyen-muc/tin-co-so/",
    "/the/nguoi-lao-dong/": "/the/nguoi-lao-dong/",
    "/the/bac-kan/": "/the/bac-kan/",
    "/phong-trao/thi-dua/": "/phong-trao/thi-dua-backan/",
    "/phong-trao/tim-hieu-phap-luat/": "/phong-trao/tim-hieu-phap-luat-backan/",
    "/cuoc-thi/tim-hieu-phap-luat/": "/cuoc-thi/tim-hieu-phap-luat-backan/",
    "/cuoc-thi/tim-hieu-phap-luat/dang-ky/": "/cuoc-thi/tim-hieu-phap-luat-backan/dang-ky/",
    "/cuoc-thi/tim-hieu-phap-luat/dang-nhap/": "/cuoc-thi/tim-hieu-phap-luat-backan/dang-nhap/",
    "/tin-tuc/123-dai-hoi.html": "/bai-viet/dai-hoi-backan/",  # recorded by an earlier archive import
    "/": "/",
    "/phong-trao/": "/phong-trao/",
    "/tim-kiem/?q=ba+be": "/tim-kiem/?q=ba+be",
}


def test_every_old_address_on_the_old_hosts_is_a_301_to_the_exact_new_one(world, thainguyen, backan):
    old_titles = {}
    for path in ("/bai-viet/dai-hoi/", "/bai-viet/ho-ba-be/", "/phong-trao/thi-dua/", "/cuoc-thi/tim-hieu-phap-luat/"):
        response = Client().get(path, HTTP_HOST=BK)
        assert response.status_code == 200, path
        old_titles[path] = h1(response)
    run_merge(source=backan, target=thainguyen)
    client = Client()
    for host in (BK, BK_ALIAS):
        for old, new in OLD_TO_NEW.items():
            response = client.get(old, HTTP_HOST=host)
            assert (response.status_code, response["Location"]) == (301, f"http://{TN}{new}"), (host, old)
    for old, title in old_titles.items():
        assert h1(client.get(OLD_TO_NEW[old], HTTP_HOST=TN)) == title, old
    assert old_titles["/bai-viet/dai-hoi/"] == "Đại hội Công đoàn tỉnh Bắc Kạn"
    # The successor's own pages at the same addresses are untouched.
    assert h1(client.get("/bai-viet/dai-hoi/", HTTP_HOST=TN)) == "Đại hội Công đoàn tỉnh Thái Nguyên"
    assert h1(client.get("/phong-trao/thi-dua/", HTTP_HOST=TN)) == "Thi đua lao động giỏi Thái Nguyên"
    assert client.get("/chuyen-muc/tin-co-so/", HTTP_HOST=TN).status_code == 200
    assert client.get("/the/bac-kan/", HTTP_HOST=TN).status_code == 200


def test_the_merged_archive_is_searchable_on_the_successor(world, thainguyen, backan, client):
    def summary(response) -> str:
        found = re.search(r'<p class="(?:search-summary|empty-state-title)">(.*?)</p>', response.content.decode())
        return found.group(1)

    before = client.get("/tim-kiem/?q=ho+ba+be", HTTP_HOST=TN)
    assert summary(before) == "Không tìm thấy kết quả nào cho “ho ba be”."
    run_merge(source=backan, target=thainguyen)
    after = client.get("/tim-kiem/?q=ho+ba+be", HTTP_HOST=TN)
    assert summary(after) == "Tìm thấy 1 bài viết cho “ho ba be”."
    assert [article.title for article in after.context["page"].object_list] == ["Hồ Ba Bể đón đoàn viên nghỉ dưỡng"]


def test_the_merge_renews_every_cached_generation(world, thainguyen, backan):
    with activate(thainguyen):
        before = generation()
    run_merge(source=backan, target=thainguyen)
    with activate(thainguyen):
        assert generation() != before


def test_history_follows_the_moved_rows(world, thainguyen, backan, superuser):
    lake = everywhere(Article).get(pk=world["lake"].pk)
    with reversion.create_revision():
        lake.save()
    run_merge(source=backan, target=thainguyen)
    version = Version.objects.get_for_object(lake).get()
    assert version.field_dict["federation_id"] == thainguyen.pk
    client = Client(HTTP_HOST=TN)
    client.force_login(superuser)
    assert client.get(f"/admin/news/article/{lake.pk}/history/{version.pk}/").status_code == 200


# --- Command: report, dry run, idempotence, atomicity, hostile input -------------------------------


def test_the_command_prints_a_before_after_report_with_the_checksum(world, thainguyen, backan):
    out, err = merge("--from", "backan", "--into", "thainguyen")
    lines = out.splitlines()
    assert lines[0] == "Hợp nhất LĐLĐ tỉnh Bắc Kạn (backan) vào LĐLĐ tỉnh Thái Nguyên (thainguyen)."
    assert lines[1:18] == [
        "Số bản ghi theo loại nội dung:",
        "  loại nội dung               trước: backan  thainguyen  tổng  sau: backan  thainguyen  tổng",
        "  chuyên mục                              3           2     5            0           4     4",
        "  thẻ (chủ đề, địa danh)                  2           2     4            0           3     3",
        "  bài viết                                3           1     4            0           4     4",
        "  ảnh đầu trang                           1           1     2            0           2     2",
        "  khẩu hiệu                               1           1     2            0           2     2",
        "  cài đặt băng chữ                        1           1     2            0           1     1",
        "  phong trào – cuộc thi                   2           2     4            0           4     4",
        "  các đợt / giai đoạn                     1           0     1            0           1     1",
        "  cuộc thi trực tuyến                     1           1     2            0           2     2",
        "  đợt thi                                 1           0     1            0           1     1",
        "  ngân hàng câu hỏi                       1           0     1            0           1     1",
        "  phương án trả lời                       4           0     4            0           4     4",
        "  khối đơn vị (huyện, ngành)              1           1     2            0           2     2",
        "  đơn vị (công đoàn cơ sở)                1           1     2            0           2     2",
        "  thí sinh                                1           0     1            0           1     1",
    ]
    assert lines[18:] == [
        "Gộp vào mục đã có của LĐLĐ tỉnh Thái Nguyên (cùng đường dẫn hoặc cùng khóa): 3",
        "  chuyên mục: tin-tuc",
        "  thẻ (chủ đề, địa danh): nguoi-lao-dong",
        "  cài đặt băng chữ: một bản ghi cho mỗi liên đoàn",
        "Đổi tên vì trùng với LĐLĐ tỉnh Thái Nguyên: 5",
        "  bài viết: dai-hoi → dai-hoi-backan (/bai-viet/dai-hoi/ → /bai-viet/dai-hoi-backan/)",
        "  phong trào – cuộc thi: thi-dua → thi-dua-backan (/phong-trao/thi-dua/ → /phong-trao/thi-dua-backan/)",
        "  phong trào – cuộc thi: tim-hieu-phap-luat → tim-hieu-phap-luat-backan "
        "(/phong-trao/tim-hieu-phap-luat/ → /phong-trao/tim-hieu-phap-luat-backan/)",
        "  cuộc thi trực tuyến: tim-hieu-phap-luat → tim-hieu-phap-luat-backan "
        "(/cuoc-thi/tim-hieu-phap-luat/ → /cuoc-thi/tim-hieu-phap-luat-backan/)",
        "  khối đơn vị (huyện, ngành): Khối doanh nghiệp → Khối doanh nghiệp (Bắc Kạn)",
        "Chuyển hướng 301 ghi cho tên miền cũ: 10",
        "Tài khoản bk-bientap: Biên tập viên ở backan → Biên tập viên",
        "Tài khoản chung-a: Biên tập viên ở backan, đã là Phóng viên ở thainguyen → Biên tập viên",
        "Tài khoản chung-b: Phóng viên ở backan, đã là Biên tập viên ở thainguyen → Biên tập viên",
        "Tên miền cũ chuyển hẳn (301) về tên miền chính của LĐLĐ tỉnh Thái Nguyên: backan.test, www.backan.test",
        "Chuyển sang ở trạng thái tắt: ảnh đầu trang, khẩu hiệu, ngày kỷ niệm.",
        "Tệp ảnh và tệp tải lên giữ nguyên chỗ: địa chỉ của chúng không đổi.",
        "Lịch sử sửa đổi chuyển theo: 0 phiên bản.",
        f"Mã kiểm tra nội dung (sha256) trước: {lines[-3].split()[-1]}",
        f"Mã kiểm tra nội dung (sha256) sau:   {lines[-3].split()[-1]} (khớp: không mất gì)",
        "Đã hợp nhất LĐLĐ tỉnh Bắc Kạn vào LĐLĐ tỉnh Thái Nguyên.",
    ]
    assert re.fullmatch(r"[0-9a-f]{64}", lines[-3].split()[-1])
    assert err.endswith("Đang chuyển [##############################] 100% (13/13 bản ghi)\n")


def test_a_dry_run_reports_the_same_and_changes_nothing(world, thainguyen, backan):
    before = snapshot()
    dry, _ = merge("--from", "backan", "--into", "thainguyen", "--dry-run")
    assert snapshot() == before
    assert dry.splitlines()[0].endswith("(thainguyen) (chạy thử, không lưu).")
    assert dry.splitlines()[-1] == "Chạy thử: không có gì được lưu."
    real, _ = merge("--from", "backan", "--into", "thainguyen")
    assert dry.splitlines()[1:-1] == real.splitlines()[1:-1]  # the same report, checksum included


def test_running_it_twice_changes_nothing_the_second_time(world, thainguyen, backan):
    merge("--from", "backan", "--into", "thainguyen")
    before = snapshot()
    out, _ = merge("--from", "backan", "--into", "thainguyen")
    when = Federation.objects.get(code="backan").merged_at
    assert out == (
        "LĐLĐ tỉnh Bắc Kạn đã được hợp nhất vào LĐLĐ tỉnh Thái Nguyên lúc "
        f"{when.astimezone(datetime.timezone(datetime.timedelta(hours=7))):%H:%M - %d/%m/%Y}; "
        "không còn gì để chuyển, không có gì thay đổi.\n"
    )
    assert snapshot() == before


def test_a_failure_half_way_leaves_nothing_half_done(world, thainguyen, backan, monkeypatch):
    before = snapshot()

    def broken(plan):
        raise RuntimeError("mất kết nối giữa chừng")

    monkeypatch.setattr(merging, "_move_staff", broken)
    with pytest.raises(RuntimeError):
        merge_federations(source=backan, target=thainguyen)
    assert snapshot() == before


def test_a_database_refusal_half_way_is_a_clear_message_and_nothing_changes(world, thainguyen, backan, monkeypatch):
    before = snapshot()

    def refused(plan):
        raise IntegrityError("UNIQUE constraint failed: congdoan_membership.user_id")

    monkeypatch.setattr(merging, "_move_staff", refused)
    with pytest.raises(CommandError) as error:
        merge("--from", "backan", "--into", "thainguyen")
    assert str(error.value) == (
        "Cơ sở dữ liệu từ chối một bước của việc hợp nhất nên đã hủy toàn bộ, không có gì thay đổi. "
        "Chi tiết kỹ thuật: UNIQUE constraint failed: congdoan_membership.user_id"
    )
    assert snapshot() == before


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ([], "Hãy ghi cả hai mã: --from <mã liên đoàn được hợp nhất> --into <mã liên đoàn nhận>."),
        (["--from", "backan"], "Hãy ghi cả hai mã: --from <mã liên đoàn được hợp nhất> --into <mã liên đoàn nhận>."),
        (
            ["--from", "caobang", "--into", "thainguyen"],
            "Không có liên đoàn nào mã “caobang”. Các mã hiện có: backan, sonla, thainguyen.",
        ),
        (
            ["--from", "backan", "--into", "thai\x00nguyen"],
            "Không có liên đoàn nào mã “thai?nguyen”. Các mã hiện có: backan, sonla, thainguyen.",
        ),
        (
            ["--from", "bắckạn", "--into", "thainguyen"],
            "Không có liên đoàn nào mã “bắckạn”. Các mã hiện có: backan, sonla, thainguyen.",
        ),
        (
            ["--from", "b" * 5000, "--into", "thainguyen"],
            f"Không có liên đoàn nào mã “{'b' * 40}…”. Các mã hiện có: backan, sonla, thainguyen.",
        ),
        (
            ["--from", "backan", "--into", "backan"],
            "Không thể hợp nhất LĐLĐ tỉnh Bắc Kạn vào chính nó: hãy chọn một liên đoàn khác.",
        ),
        (
            ["--from", "backan", "--into", "sonla"],
            "Không thể hợp nhất vào LĐLĐ tỉnh Sơn La: liên đoàn này đã được hợp nhất vào LĐLĐ tỉnh Thái Nguyên. "
            "Hãy chọn liên đoàn đang hoạt động.",
        ),
        (
            ["--from", "sonla", "--into", "backan"],
            "LĐLĐ tỉnh Sơn La đã được hợp nhất vào LĐLĐ tỉnh Thái Nguyên; một liên đoàn đã hợp nhất không thể "
            "hợp nhất lần nữa.",
        ),
        (["--from", "tld", "--into", "thainguyen"], "Không thể hợp nhất Tổng Liên đoàn vào một liên đoàn khác."),
    ],
)
def test_hostile_or_wrong_input_is_a_clear_vietnamese_error(world, thainguyen, backan, arguments, message):
    Federation.objects.create(
        code="sonla", short_name="LĐLĐ tỉnh Sơn La", state="merged", merged_into=thainguyen, province="Sơn La"
    )
    Federation.objects.create(code="tld", kind=Federation.Kind.NATIONAL, short_name="Tổng LĐLĐ Việt Nam")
    before = snapshot()
    with pytest.raises(CommandError) as error:
        merge(*arguments)
    assert str(error.value) == message.replace("backan, sonla, thainguyen", "backan, sonla, thainguyen, tld")
    assert snapshot() == before


def test_the_default_federation_and_a_successor_without_a_domain_are_refused(world, thainguyen, backan, settings):
    settings.DEFAULT_FEDERATION = "backan"
    with pytest.raises(MergeRefused) as error:
        plan_merge(source=backan, target=thainguyen)
    assert str(error.value) == (
        "LĐLĐ tỉnh Bắc Kạn đang là liên đoàn mặc định (DEFAULT_FEDERATION=backan); "
        "hãy đổi cấu hình này sang liên đoàn khác trước khi hợp nhất."
    )
    settings.DEFAULT_FEDERATION = ""
    FederationHost.objects.filter(federation=thainguyen).delete()
    with pytest.raises(MergeRefused) as error:
        plan_merge(source=backan, target=thainguyen)
    assert str(error.value) == (
        "LĐLĐ tỉnh Thái Nguyên chưa có tên miền chính: tên miền cũ của LĐLĐ tỉnh Bắc Kạn sẽ không có nơi để "
        "chuyển về. Hãy thêm tên miền chính cho liên đoàn đích trước."
    )


# --- The admin action -----------------------------------------------------------------------------


def visible(html: str, element_id: str) -> list[str]:
    """The text of each row or item of the element with `element_id`, whitespace collapsed."""
    block = re.search(rf'id="{element_id}">(.*?)</(?:ul|table)>', html, re.S).group(1)
    items = re.findall(r"<(?:li|tr)>(.*?)</(?:li|tr)>", block, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in items]


def action(client, backan, **extra):
    with committed():
        return client.post(
            "/admin/congdoan/federation/", {"action": "merge_into", "_selected_action": [backan.pk], **extra}
        )


def test_the_admin_action_shows_what_will_move_then_merges_on_confirmation(world, thainguyen, backan, superuser):
    client = Client()
    client.force_login(superuser)
    first = action(client, backan, index=0)
    assert first.status_code == 200
    page = first.content.decode()
    assert "<h1>Hợp nhất LĐLĐ tỉnh Bắc Kạn vào liên đoàn khác</h1>" in page
    choices = re.findall(r'<option value="(\d*)"[^>]*>([^<]*)</option>', page)
    assert choices == [("", "— Chọn liên đoàn nhận —"), (str(thainguyen.pk), "LĐLĐ tỉnh Thái Nguyên")]

    preview = action(client, backan, target=thainguyen.pk)
    html = preview.content.decode()
    assert visible(html, "merge-counts") == [
        "Chuyên mục 3 2 4",
        "Thẻ (chủ đề, địa danh) 2 2 3",
        "Bài viết 3 1 4",
        "Ảnh đầu trang 1 1 2",
        "Khẩu hiệu 1 1 2",
        "Cài đặt băng chữ 1 1 1",
        "Phong trào – cuộc thi 2 2 4",
        "Các đợt / giai đoạn 1 0 1",
        "Cuộc thi trực tuyến 1 1 2",
        "Đợt thi 1 0 1",
        "Ngân hàng câu hỏi 1 0 1",
        "Phương án trả lời 4 0 4",
        "Khối đơn vị (huyện, ngành) 1 1 2",
        "Đơn vị (công đoàn cơ sở) 1 1 2",
        "Thí sinh 1 0 1",
    ]
    assert re.search(r"<thead>.*?</thead>", html, re.S).group(0).count("<th ") == 4
    assert '<th scope="col">LĐLĐ tỉnh Thái Nguyên hiện có</th>' in html
    assert visible(html, "merge-combined") == [
        "Chuyên mục: tin-tuc",
        "Thẻ (chủ đề, địa danh): nguoi-lao-dong",
        "Cài đặt băng chữ: một bản ghi cho mỗi liên đoàn",
    ]
    assert visible(html, "merge-renamed") == [
        "Bài viết: dai-hoi → dai-hoi-backan",
        "Phong trào – cuộc thi: thi-dua → thi-dua-backan",
        "Phong trào – cuộc thi: tim-hieu-phap-luat → tim-hieu-phap-luat-backan",
        "Cuộc thi trực tuyến: tim-hieu-phap-luat → tim-hieu-phap-luat-backan",
        "Khối đơn vị (huyện, ngành): Khối doanh nghiệp → Khối doanh nghiệp (Bắc Kạn)",
    ]
    assert visible(html, "merge-staff") == [
        "bk-bientap: Biên tập viên ở LĐLĐ tỉnh Bắc Kạn → Biên tập viên",
        "chung-a: Biên tập viên ở LĐLĐ tỉnh Bắc Kạn, đã là Phóng viên ở LĐLĐ tỉnh Thái Nguyên → Biên tập viên",
        "chung-b: Phóng viên ở LĐLĐ tỉnh Bắc Kạn, đã là Biên tập viên ở LĐLĐ tỉnh Thái Nguyên → Biên tập viên",
    ]
    assert visible(html, "merge-addresses") == [
        "backan.test: chuyển hẳn (301) về tên miền chính của LĐLĐ tỉnh Thái Nguyên.",
        "www.backan.test: chuyển hẳn (301) về tên miền chính của LĐLĐ tỉnh Thái Nguyên.",
        "10 địa chỉ cũ đổi đường dẫn được ghi chuyển hướng 301 tới địa chỉ mới; các địa chỉ khác giữ nguyên "
        "đường dẫn trên tên miền mới.",
    ]
    assert visible(html, "merge-notes") == [
        "Chuyển sang ở trạng thái tắt: ảnh đầu trang, khẩu hiệu, ngày kỷ niệm.",
        "Tệp ảnh và tệp tải lên giữ nguyên chỗ: địa chỉ của chúng không đổi.",
        "LĐLĐ tỉnh Bắc Kạn chuyển sang tình trạng “Đã hợp nhất” và không thể hợp nhất lần nữa.",
    ]
    assert '<input type="submit" class="default" value="Xác nhận hợp nhất">' in html
    assert Federation.objects.get(pk=backan.pk).is_active  # nothing happened yet

    done = action(client, backan, target=thainguyen.pk, confirm="yes")
    assert (done.status_code, done["Location"]) == (302, "/admin/congdoan/federation/")
    message = [str(m) for m in done.wsgi_request._messages]
    checksum = re.search(r"sha256 ([0-9a-f]{12})…", message[0]).group(1)
    assert message == [
        "Đã hợp nhất LĐLĐ tỉnh Bắc Kạn vào LĐLĐ tỉnh Thái Nguyên: 13 bản ghi chuyển sang, 3 mục gộp vào mục đã có, "
        "5 mục đổi tên vì trùng, 10 địa chỉ cũ được chuyển hướng 301. Mã kiểm tra nội dung trước và sau khớp nhau "
        f"(sha256 {checksum}…)."
    ]
    assert Federation.objects.get(pk=backan.pk).merged_into == thainguyen
    again = action(client, backan, target=thainguyen.pk, confirm="yes")
    assert (
        re.search(r'<p class="errornote">(.*?)</p>', again.content.decode())
        .group(1)
        .startswith("LĐLĐ tỉnh Bắc Kạn đã được hợp nhất vào LĐLĐ tỉnh Thái Nguyên lúc ")
    )


@pytest.mark.parametrize(
    "target",
    ["", "abc", "2" * 30, "١", "-1", "0x1", "999999", "self", "merged"],
)
def test_a_hostile_target_in_the_admin_is_a_form_error(world, thainguyen, backan, superuser, target):
    merged = Federation.objects.create(code="sonla", state="merged", merged_into=thainguyen)
    value = {"self": backan.pk, "merged": merged.pk}.get(target, target)
    client = Client()
    client.force_login(superuser)
    before = snapshot()
    response = action(client, backan, target=value, confirm="yes")
    assert response.status_code == 200
    errors = re.findall(r'<ul class="errorlist"[^>]*><li>(.*?)</li>', response.content.decode())
    expected = (
        "Trường này là bắt buộc."
        if target == ""
        else ("Hãy chọn một lựa chọn hợp lệ. Lựa chọn đó không phải là một trong các lựa chọn khả thi.")
    )
    assert errors == [expected]
    assert snapshot() == before


def test_the_state_is_set_by_a_merge_only(world, backan, superuser):
    client = Client()
    client.force_login(superuser)
    form = client.get(f"/admin/congdoan/federation/{backan.pk}/change/").context["adminform"].form
    assert {"state", "merged_into", "merged_at"}.isdisjoint(form.fields)


def test_choosing_several_federations_is_refused(world, thainguyen, backan, superuser):
    client = Client()
    client.force_login(superuser)
    response = client.post(
        "/admin/congdoan/federation/",
        {"action": "merge_into", "_selected_action": [backan.pk, thainguyen.pk], "index": 0},
    )
    assert response.status_code == 302
    assert [str(m) for m in response.wsgi_request._messages] == ["Hãy chọn đúng một liên đoàn để hợp nhất."]


@pytest.mark.parametrize("role", [WRITER_GROUP, EDITOR_GROUP])
def test_writers_and_editors_cannot_reach_the_merge(world, thainguyen, backan, django_user_model, role):
    staff = user(django_user_model, "can-bo", thainguyen=role)
    client = Client()
    client.force_login(staff)
    before = snapshot()
    assert client.get("/admin/congdoan/federation/").status_code == 403
    assert action(client, backan, index=0).status_code == 403
    assert action(client, backan, target=thainguyen.pk, confirm="yes").status_code == 403
    assert snapshot() == before


def test_a_role_that_may_see_federations_is_not_offered_the_merge(world, thainguyen, backan, django_user_model):
    viewer = Group.objects.create(name="Xem liên đoàn")
    viewer.permissions.add(*Permission.objects.filter(codename__in=["view_federation", "change_federation"]))
    staff = user(django_user_model, "xem", thainguyen=viewer)
    client = Client()
    client.force_login(staff)
    listing = client.get("/admin/congdoan/federation/")
    assert listing.status_code == 200
    assert "merge_into" not in listing.content.decode()
    before = snapshot()
    response = action(client, backan, target=thainguyen.pk, confirm="yes")
    assert response.status_code == 200  # the change list again: this user has no action at all
    assert response.context["action_form"] is None
    assert snapshot() == before


# --- The whole demo, on both sites ----------------------------------------------------------------


def test_the_demo_site_merged_into_a_copy_of_itself_loses_nothing_and_keeps_every_address(thainguyen, backan):
    """Everything collides: both sites hold the full demo. Every address of every moved object
    (anything with get_absolute_url) on the old host answers 301 with the object's new address,
    and what was public there is public at the new address, with the same title."""
    _past_the_seeded_ticker_row()
    with committed():
        # Each app's demo content into both (load_demo would build its own demo network).
        for federation in (thainguyen, backan):
            for _order, _label, module in demo_loaders():
                with activate(federation):
                    import_module(module).load(stdout=io.StringIO())
    client = Client()
    addressed = [model for model in merging.owned_models() if hasattr(model, "get_absolute_url")]
    old = {}  # (model, pk) -> (old address, status on the old host, <h1>)
    for model in addressed:
        for row in everywhere(model).filter(federation=backan):
            address = row.get_absolute_url()
            response = client.get(address, HTTP_HOST=BK)
            old[(model, row.pk)] = (address, response.status_code, h1(response) if response.status_code == 200 else "")
    assert sum(status == 200 for _, status, _ in old.values()) >= 40
    plan = plan_merge(source=backan, target=thainguyen)
    report = run_merge(source=backan, target=thainguyen)
    assert report.intact
    assert {c.label: c.target for c in report.counts_after} == {c.label: c.target_after for c in plan.counts}
    assert all(count.source == 0 for count in report.counts_after)
    assert {c.label for c in plan.combinations} == {
        "news.Section",
        "news.Tag",
        "news.ArticlePush",  # the same national article pushed to both: one push
        "banners.Commemoration",
        "banners.TickerSettings",
        "about.Profile",  # one contact record per federation
        "legal.Adviser",  # the same adviser on both sites
        "legal.CodeCounter",  # one code counter per federation and year
        "schedule.Week",  # the same week of the calendar: its items join the successor's week
    }
    into = {(c.label, c.source_pk): c.target_pk for c in plan.combinations}
    for (model, pk), (address, status, title) in old.items():
        now = everywhere(model).get(pk=into.get((model._meta.label, pk), pk))
        assert now.federation_id == thainguyen.pk
        moved = client.get(address, HTTP_HOST=BK)
        assert (moved.status_code, moved["Location"]) == (301, f"http://{TN}{now.get_absolute_url()}"), address
        if status == 200:
            arrived = client.get(now.get_absolute_url(), HTTP_HOST=TN)
            assert arrived.status_code == 200, address
            if (model._meta.label, pk) not in into:  # a combined section shows the successor's own name
                assert h1(arrived) == title, address
    renamed = [r for r in plan.renames if r.label == "news.Article"]
    assert len(renamed) == everywhere(Article).filter(federation=thainguyen, slug__endswith="-backan").count() > 20


def test_a_federation_merged_earlier_into_the_source_follows_it(world, thainguyen, backan, client):
    with committed():
        older = Federation.objects.create(code="chodon", state="merged", merged_into=backan, province="Chợ Đồn")
        FederationHost.objects.create(federation=backan, host="chodon.test", redirects=True)
    run_merge(source=backan, target=thainguyen)
    older.refresh_from_db()
    assert older.merged_into == thainguyen
    response = client.get("/bai-viet/dai-hoi/", HTTP_HOST="chodon.test")
    assert (response.status_code, response["Location"]) == (301, f"http://{TN}/bai-viet/dai-hoi-backan/")


def test_an_old_address_the_successor_already_redirects_is_kept_and_reported(world, thainguyen, backan):
    Redirect.objects.create(federation=thainguyen, old_path="/bai-viet/dai-hoi/", new_path="/bai-viet/dai-hoi-2020/")
    plan = plan_merge(source=backan, target=thainguyen)
    assert plan.warnings == [
        "Địa chỉ cũ /bai-viet/dai-hoi/ đã được LĐLĐ tỉnh Thái Nguyên chuyển tới /bai-viet/dai-hoi-2020/; "
        "giữ nguyên, không ghi chuyển tới /bai-viet/dai-hoi-backan/."
    ]
    assert "/bai-viet/dai-hoi/" not in plan.redirects
    run_merge(source=backan, target=thainguyen)
    assert Redirect.objects.get(old_path="/bai-viet/dai-hoi/").new_path == "/bai-viet/dai-hoi-2020/"
