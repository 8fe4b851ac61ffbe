"""The national layer: the national union's site gathers the network, and pushes its articles.

Three federations on their own hosts: the national union (congdoan.test), Thái Nguyên (the
default federation, thainguyen.test) and Sơn La (sonla.test), plus Bắc Kạn, merged into Thái
Nguyên, whose rows must show nowhere.
"""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from congdoan.models import Federation, FederationHost
from congdoan.roles import EDITOR_GROUP
from congdoan.tenancy import activate, default_federation, directory, everywhere
from news.models import Article, ArticlePush
from tests.utils import (
    HEADER_QUERIES_COLD,
    HOME_APP_BLOCK_QUERIES,
    NEXT_CHANGE_QUERIES,
    SEARCH_GROUP_QUERIES,
    clear_cache,
    give_role,
)

from .factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

NATIONAL_HOST, A_HOST, B_HOST = "congdoan.test", "thainguyen.test", "sonla.test"
NOW = timezone.now().replace(microsecond=0)


XIII = "Đại hội Công đoàn Việt Nam lần thứ XIII"


def ago(hours):
    return NOW - timedelta(hours=hours)


@pytest.fixture
def network():
    national = Federation.objects.create(
        code="tld",
        kind=Federation.Kind.NATIONAL,
        name_line1="TỔNG LIÊN ĐOÀN",
        name_line2="LAO ĐỘNG VIỆT NAM",
        short_name="Tổng LĐLĐ Việt Nam",
    )
    a = default_federation()
    a.short_name, a.code = "LĐLĐ tỉnh Thái Nguyên", "thainguyen"
    a.save()
    b = Federation.objects.create(code="sonla", name_line2="TỈNH SƠN LA", short_name="LĐLĐ tỉnh Sơn La")
    merged = Federation.objects.create(
        code="backan", short_name="LĐLĐ tỉnh Bắc Kạn", state=Federation.State.MERGED, merged_into=a
    )
    for federation, host in ((national, NATIONAL_HOST), (a, A_HOST), (b, B_HOST), (merged, "backan.test")):
        FederationHost.objects.create(federation=federation, host=host, is_primary=True)
    return {"national": national, "a": a, "b": b, "merged": merged}


def article_in(federation, **fields):
    with activate(federation):
        return ArticleFactory(**fields)


def cold_cache() -> None:
    """Pieces and pages cold; the directory of hosts (kept in Redis when there is one, read
    once per network version) warm, as on a server that has been running."""
    clear_cache()
    directory()


def on(host) -> Client:
    return Client(HTTP_HOST=host)


def block(html: str, css_class: str) -> str:
    return re.search(rf'<section class="{css_class}".*?</section>', html, re.S).group(0)


@pytest.fixture
def stories(network):
    """Three of Thái Nguyên, three of Sơn La (one scheduled, one draft), the national union's
    own and the merged federation's, at known times."""
    national, a, b, merged = network["national"], network["a"], network["b"], network["merged"]
    made = {
        "a1": article_in(a, title="Đại hội Công đoàn Thái Nguyên", slug="dai-hoi", publish_at=ago(1), featured=True),
        "a2": article_in(a, title="Thái Nguyên trao Mái ấm Công đoàn", slug="mai-am", publish_at=ago(3)),
        "a3": article_in(a, title="Thái Nguyên tập huấn an toàn", slug="tap-huan", publish_at=ago(5)),
        "b1": article_in(b, title="Đại hội Công đoàn Sơn La", slug="dai-hoi", publish_at=ago(2)),
        "b2": article_in(b, title="Sơn La chăm lo Tết cho đoàn viên", slug="cham-lo-tet", publish_at=ago(6)),
        "b3": article_in(b, title="Sơn La hẹn giờ", slug="hen-gio", publish_at=NOW + timedelta(hours=3)),
        "b4": article_in(b, title="Sơn La bản nháp", slug="ban-nhap", status=Article.Status.DRAFT, publish_at=None),
        "n1": article_in(national, title=XIII, slug="dai-hoi-xiii", publish_at=ago(4), featured=True),
        "m1": article_in(merged, title="Bắc Kạn lưu trữ", slug="luu-tru", publish_at=ago(0.5)),
    }  # fmt: skip
    return made


# --- "Tin từ các Liên đoàn" on the national home ---------------------------------------------


def test_the_national_home_lists_the_networks_newest_two_per_federation_linking_to_their_hosts(stories):
    html = on(NATIONAL_HOST).get("/").content.decode()
    items = re.findall(
        r'<li><span class="network-origin">(.*?)</span> <a href="(.*?)">(.*?)</a> <time[^>]*>(.*?)</time></li>',
        block(html, "network-latest"),
    )
    local = timezone.localtime
    assert items == [
        ("LĐLĐ tỉnh Thái Nguyên", "http://thainguyen.test/bai-viet/dai-hoi/", "Đại hội Công đoàn Thái Nguyên",
         local(ago(1)).strftime("%H:%M %d/%m")),
        ("LĐLĐ tỉnh Sơn La", "http://sonla.test/bai-viet/dai-hoi/", "Đại hội Công đoàn Sơn La",
         local(ago(2)).strftime("%H:%M %d/%m")),
        ("LĐLĐ tỉnh Thái Nguyên", "http://thainguyen.test/bai-viet/mai-am/", "Thái Nguyên trao Mái ấm Công đoàn",
         local(ago(3)).strftime("%H:%M %d/%m")),
        ("LĐLĐ tỉnh Sơn La", "http://sonla.test/bai-viet/cham-lo-tet/", "Sơn La chăm lo Tết cho đoàn viên",
         local(ago(6)).strftime("%H:%M %d/%m")),
    ]  # fmt: skip
    # A port the reader used (development: congdoan.localhost:8000) is kept in the links.
    with_port = on(f"{NATIONAL_HOST}:8000").get("/").content.decode()
    assert 'href="http://thainguyen.test:8000/bai-viet/dai-hoi/"' in block(with_port, "network-latest")
    assert (
        '<link rel="alternate" type="application/rss+xml" title="Tin từ các Liên đoàn" href="/rss/lien-doan/">' in html
    )


def test_a_federations_home_has_no_network_block(stories):
    assert '<section class="network-latest"' not in on(A_HOST).get("/").content.decode()
    assert '<section class="network-latest"' not in on(B_HOST).get("/").content.decode()


def test_the_network_block_is_one_query_and_lives_a_minute(stories, settings):
    """One query for every federation's newest (each from its own index), whatever their
    number; cached like a live figure, since other federations' scheduled articles do not
    renew the national generation."""
    client = on(NATIONAL_HOST)
    cold_cache()
    # The home page's own: menu, featured, latest, section blocks, most read, campaigns;
    # the apps' blocks; then the network block, whose lifetime reads the generation (and so
    # the next change).
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    assert len(queries) == 6 + HEADER_QUERIES_COLD + HOME_APP_BLOCK_QUERIES + 1 + NEXT_CHANGE_QUERIES
    settings.PAGE_CACHE_SECONDS = 600
    clear_cache()
    response = client.get("/")
    assert response["Cache-Control"] == "public, max-age=60"


# --- National search ------------------------------------------------------------------------


def result_links(response) -> list[tuple[str, str, str]]:
    return re.findall(
        r'<h[23] class="news-card-title"><a href="(.*?)">(.*?)</a></h[23]>\s*<p class="news-card-meta">'
        r'(?:<span class="news-card-origin">(.*?)</span>)?',
        response.content.decode(),
    )


def test_national_search_finds_every_federations_articles_linking_to_their_hosts(stories, django_assert_num_queries):
    client = on(NATIONAL_HOST)
    cold_cache()
    # menu, ranked ids, the page's articles; the national union's own documents, Q&As, pages…
    with django_assert_num_queries(3 + HEADER_QUERIES_COLD + SEARCH_GROUP_QUERIES):
        response = client.get("/tim-kiem/?q=dai+hoi")
    assert [(url, re.sub("<.*?>", "", title), origin) for url, title, origin in result_links(response)] == [
        ("http://thainguyen.test/bai-viet/dai-hoi/", "Đại hội Công đoàn Thái Nguyên", "LĐLĐ tỉnh Thái Nguyên"),
        ("http://sonla.test/bai-viet/dai-hoi/", "Đại hội Công đoàn Sơn La", "LĐLĐ tỉnh Sơn La"),
        ("/bai-viet/dai-hoi-xiii/", "Đại hội Công đoàn Việt Nam lần thứ XIII", ""),
    ]
    assert re.findall(r'<option value="(.*?)"( selected)?>(.*?)</option>', response.content.decode()) == [
        ("", "", "Tất cả các liên đoàn"),
        ("tld", "", "Tổng LĐLĐ Việt Nam"),
        ("sonla", "", "LĐLĐ tỉnh Sơn La"),
        ("thainguyen", "", "LĐLĐ tỉnh Thái Nguyên"),
    ]


def test_national_search_filtered_to_one_federation(stories):
    response = on(NATIONAL_HOST).get("/tim-kiem/?q=dai+hoi&lien-doan=sonla")
    assert [url for url, _, _ in result_links(response)] == ["http://sonla.test/bai-viet/dai-hoi/"]
    html = response.content.decode()
    assert '<option value="sonla" selected>LĐLĐ tỉnh Sơn La</option>' in html
    assert '<p class="search-summary">Tìm thấy 1 bài viết cho “dai hoi” trên trang LĐLĐ tỉnh Sơn La.</p>' in html
    assert '<link rel="canonical" href="http://congdoan.test/tim-kiem/?q=dai+hoi&amp;lien-doan=sonla">' in html
    own = on(NATIONAL_HOST).get("/tim-kiem/?q=dai+hoi&lien-doan=tld")
    assert [url for url, _, _ in result_links(own)] == ["/bai-viet/dai-hoi-xiii/"]
    assert on(NATIONAL_HOST).get("/tim-kiem/?q=dai+hoi&lien-doan=backan").status_code == 404  # merged
    assert on(NATIONAL_HOST).get("/tim-kiem/?q=dai+hoi&lien-doan=khong-co").status_code == 404


def test_a_federations_search_stays_its_own(stories):
    response = on(B_HOST).get("/tim-kiem/?q=dai+hoi")
    assert result_links(response) == [("/bai-viet/dai-hoi/", "<mark>Đại</mark> <mark>hội</mark> Công đoàn Sơn La", "")]
    assert 'name="lien-doan"' not in response.content.decode()
    assert on(B_HOST).get("/tim-kiem/?q=dai+hoi&lien-doan=thainguyen").status_code == 404


# --- The national RSS aggregate -------------------------------------------------------------


def feed_items(response) -> list[tuple[str, str, str]]:
    return re.findall(
        r"<item><title>(.*?)</title><link>(.*?)</link>.*?<category>(.*?)</category>", response.content.decode()
    )


def test_the_national_aggregate_feed_lists_every_federations_newest(stories, django_assert_num_queries):
    client = on(NATIONAL_HOST)
    cold_cache()
    with django_assert_num_queries(1):  # the items
        response = client.get("/rss/lien-doan/")
    assert response.status_code == 200
    assert feed_items(response) == [
        ("Đại hội Công đoàn Thái Nguyên", "http://thainguyen.test/bai-viet/dai-hoi/", "LĐLĐ tỉnh Thái Nguyên"),
        ("Đại hội Công đoàn Sơn La", "http://sonla.test/bai-viet/dai-hoi/", "LĐLĐ tỉnh Sơn La"),
        ("Thái Nguyên trao Mái ấm Công đoàn", "http://thainguyen.test/bai-viet/mai-am/", "LĐLĐ tỉnh Thái Nguyên"),
        ("Thái Nguyên tập huấn an toàn", "http://thainguyen.test/bai-viet/tap-huan/", "LĐLĐ tỉnh Thái Nguyên"),
        ("Sơn La chăm lo Tết cho đoàn viên", "http://sonla.test/bai-viet/cham-lo-tet/", "LĐLĐ tỉnh Sơn La"),
    ]
    assert "<title>Tổng LĐLĐ Việt Nam – Tin từ các Liên đoàn</title>" in response.content.decode()
    # Each federation keeps its own feed; the aggregate is the national site's only.
    assert [title for title, _, _ in feed_items(on(B_HOST).get("/rss/"))] == [
        "Đại hội Công đoàn Sơn La",
        "Sơn La chăm lo Tết cho đoàn viên",
    ]
    assert on(B_HOST).get("/rss/lien-doan/").status_code == 404


# --- Pushing a national article to the federations ------------------------------------------


@pytest.fixture
def editors(network, django_user_model):
    def editor(name, federation):
        user = django_user_model.objects.create_user(name, password="x", is_staff=True)
        return give_role(user, EDITOR_GROUP, federation)

    return {
        "national": editor("bt-tld", network["national"]),
        "a": editor("bt-thainguyen", network["a"]),
        "b": editor("bt-sonla", network["b"]),
    }


def admin_client(host, user) -> Client:
    client = on(host)
    client.force_login(user)
    return client


@pytest.fixture
def pushed(network, editors, stories):
    """The national article pushed by a national editor to Thái Nguyên's "Tin tức" only."""
    with activate(network["a"]):
        SectionFactory(name="Tin tức", slug="tin-tuc")
    with activate(network["b"]):
        SectionFactory(name="Tin tức", slug="tin-tuc")
    client = admin_client(NATIONAL_HOST, editors["national"])
    chooser = client.post("/admin/news/article/", {"action": "push_selected", "_selected_action": [stories["n1"].pk]})
    assert chooser.status_code == 200
    assert [(f.code, f.short_name) for f in chooser.context["form"].fields["federations"].queryset] == [
        ("sonla", "LĐLĐ tỉnh Sơn La"),
        ("thainguyen", "LĐLĐ tỉnh Thái Nguyên"),
    ]  # active ones only: not the merged Bắc Kạn, not the national union itself
    done = client.post(
        "/admin/news/article/",
        {
            "action": "push_selected",
            "_selected_action": [stories["n1"].pk],
            "apply": "1",
            "federations": [network["a"].pk],
            "section_slug": "tin-tuc",
        },
    )
    assert done.status_code == 302
    return everywhere(ArticlePush).get()


def test_a_pushed_article_shows_on_the_receivers_home_and_section_with_its_source(network, stories, pushed):
    with activate(network["a"]):
        assert (pushed.federation, pushed.section.slug, pushed.hidden) == (network["a"], "tin-tuc", False)
    home = on(A_HOST).get("/").content.decode()
    latest = re.findall(r"<li><a href=\"(.*?)\">(.*?)</a>(.*?) <time", block(home, "home-latest"))
    assert latest == [
        ("/bai-viet/mai-am/", "Thái Nguyên trao Mái ấm Công đoàn", ""),
        (
            "http://congdoan.test/bai-viet/dai-hoi-xiii/",
            "Đại hội Công đoàn Việt Nam lần thứ XIII",
            ' <span class="latest-origin">Nguồn: Tổng LĐLĐ Việt Nam</span>',
        ),
        ("/bai-viet/tap-huan/", "Thái Nguyên tập huấn an toàn", ""),
    ]
    section = on(A_HOST).get("/chuyen-muc/tin-tuc/")
    assert result_links(section) == [
        (
            "http://congdoan.test/bai-viet/dai-hoi-xiii/",
            "Đại hội Công đoàn Việt Nam lần thứ XIII",
            "Nguồn: Tổng LĐLĐ Việt Nam",
        )
    ]
    assert section.context["page"].paginator.count == 1
    # The original stays the one canonical address.
    original = on(NATIONAL_HOST).get("/bai-viet/dai-hoi-xiii/").content.decode()
    assert '<link rel="canonical" href="http://congdoan.test/bai-viet/dai-hoi-xiii/">' in original
    # Sơn La did not receive it.
    assert "dai-hoi-xiii" not in on(B_HOST).get("/").content.decode()
    assert result_links(on(B_HOST).get("/chuyen-muc/tin-tuc/")) == []


def test_pushed_articles_keep_the_receivers_query_counts(network, stories, pushed):
    client = on(A_HOST)
    for url, expected in (("/", 6 + HOME_APP_BLOCK_QUERIES), ("/chuyen-muc/tin-tuc/", 4)):  # as in test_queries.py
        cold_cache()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert len(queries) == expected + HEADER_QUERIES_COLD, url


def test_one_edit_of_the_original_shows_on_the_receiver_at_once(network, stories, pushed, settings):
    settings.PAGE_CACHE_SECONDS = settings.FRAGMENT_CACHE_SECONDS = 600
    client = on(A_HOST)
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "hit"
    original = everywhere(Article).get(pk=stories["n1"].pk)
    original.title = "Đại hội XIII Công đoàn Việt Nam thành công tốt đẹp"
    original.save()
    home = client.get("/").content.decode()
    assert (
        '<a href="http://congdoan.test/bai-viet/dai-hoi-xiii/">Đại hội XIII Công đoàn Việt Nam thành công tốt đẹp</a>'
        in home
    )


def test_the_receivers_editor_hides_a_push(network, editors, stories, pushed):
    client = admin_client(A_HOST, editors["a"])
    listing = client.get("/admin/news/articlepush/")
    assert [push.article.title for push in listing.context["cl"].result_list] == [
        "Đại hội Công đoàn Việt Nam lần thứ XIII"
    ]
    response = client.post(
        "/admin/news/articlepush/", {"action": "hide_selected", "_selected_action": [pushed.pk]}, follow=True
    )
    assert [str(message) for message in response.context["messages"]] == ["Đã ẩn 1 bài đăng lại."]
    assert everywhere(ArticlePush).get().hidden is True
    assert "dai-hoi-xiii" not in on(A_HOST).get("/").content.decode()
    assert result_links(on(A_HOST).get("/chuyen-muc/tin-tuc/")) == []
    # The original is untouched on the national site.
    assert on(NATIONAL_HOST).get("/bai-viet/dai-hoi-xiii/").status_code == 200


def test_a_federation_editor_can_neither_push_nor_see_other_federations_pushes(network, editors, stories, pushed):
    b_editor = admin_client(B_HOST, editors["b"])
    # Sơn La's own article, posted to the push action on Sơn La's admin: no such action there.
    listing = b_editor.get("/admin/news/article/")
    assert [name for name, _ in listing.context["action_form"].fields["action"].choices] == [
        "",
        "delete_selected",
        "publish_selected",
        "unpublish_selected",
    ]
    attempt = b_editor.post(
        "/admin/news/article/",
        {
            "action": "push_selected",
            "_selected_action": [stories["b1"].pk],
            "apply": "1",
            "to_all": "on",
        },
    )
    assert attempt.status_code in (200, 302)
    assert everywhere(ArticlePush).count() == 1
    # Thái Nguyên's push is not Sơn La's to see or change.
    assert b_editor.get("/admin/news/articlepush/").context["cl"].result_count == 0
    change = b_editor.get(f"/admin/news/articlepush/{pushed.pk}/change/")
    assert (change.status_code, change["Location"]) == (302, "/admin/")
    b_editor.post("/admin/news/articlepush/", {"action": "hide_selected", "_selected_action": [pushed.pk]})
    assert everywhere(ArticlePush).get().hidden is False
    # Nor can Thái Nguyên's editor add one, or push from its own admin.
    a_editor = admin_client(A_HOST, editors["a"])
    assert a_editor.get("/admin/news/articlepush/add/").status_code == 403
    # The national editor's admin has no receiver's list of pushes.
    national = admin_client(NATIONAL_HOST, editors["national"])
    assert national.get("/admin/news/articlepush/").status_code == 403


def test_the_chooser_needs_a_receiver_and_pushing_to_all_skips_those_already_there(network, editors, stories, pushed):
    client = admin_client(NATIONAL_HOST, editors["national"])
    data = {"action": "push_selected", "_selected_action": [stories["n1"].pk], "apply": "1"}
    empty = client.post("/admin/news/article/", data)
    assert empty.status_code == 200
    assert empty.context["form"].non_field_errors() == [
        "Hãy chọn “Tất cả các liên đoàn” hoặc ít nhất một liên đoàn nhận bài."
    ]
    everywhere(ArticlePush).update(hidden=True)
    done = client.post("/admin/news/article/", {**data, "to_all": "on"}, follow=True)
    assert [str(message) for message in done.context["messages"]] == [
        "Đã đăng lại 1 lượt; 1 lượt đã có từ trước được giữ nguyên."
    ]
    assert sorted(everywhere(ArticlePush).values_list("federation__code", "hidden", "section__slug")) == [
        ("sonla", False, None),
        ("thainguyen", True, "tin-tuc"),  # the receiver's decision to hide it is kept
    ]
    # A draft is refused.
    draft = article_in(network["national"], title="Bản nháp toàn quốc", status=Article.Status.DRAFT, publish_at=None)
    refused = client.post("/admin/news/article/", {**data, "_selected_action": [draft.pk], "to_all": "on"}, follow=True)
    assert [str(message) for message in refused.context["messages"]] == [
        "“Bản nháp toàn quốc”: Bài chưa hiện với bạn đọc nên chưa đăng lại được."
    ]
