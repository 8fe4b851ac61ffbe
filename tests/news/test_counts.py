"""Kept counts of published articles (news.counts): after every kind of change the count a
section's and a tag's page shows equals the real count, and the kept columns equal a recount.
Deep pages of long lists are read from their nearer end, and only so deep."""

import io
import re
from datetime import timedelta

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from congdoan.models import Federation, FederationHost
from congdoan.tenancy import activate, default_federation, everywhere
from news import views
from news.counts import recount
from news.models import Article, ArticlePush, Section, Tag
from news.services import publish, unpublish
from tests.utils import clear_cache

from .factories import ArticleFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(microsecond=0)


def ago(hours):
    return NOW - timedelta(hours=hours)


def shown(client, url) -> int:
    """The count the page's paginator holds (what "N bài" and the page links come from)."""
    clear_cache()
    response = client.get(url)
    assert response.status_code == 200
    return response.context["page"].paginator.count


def kept(obj) -> int:
    return type(obj)._base_manager.get(pk=obj.pk).published_count


def assert_all_right():
    assert recount(dry_run=True) == {"sections": 0, "tags": 0}


@pytest.fixture
def world():
    parent = SectionFactory(name="Hoạt động", slug="hoat-dong")
    child = SectionFactory(name="Tin cơ sở", slug="tin-co-so", parent=parent)
    other = SectionFactory(name="Pháp luật", slug="phap-luat")
    place, topic = TagFactory(name="Sơn La", slug="son-la"), TagFactory(name="Tiền lương", slug="tien-luong")
    articles = [
        ArticleFactory(title=f"Bài {n}", section=(parent, child)[n % 2], publish_at=ago(n + 1), tags=[place])
        for n in range(5)
    ]
    return {"parent": parent, "child": child, "other": other, "place": place, "topic": topic, "articles": articles}


def test_publish_unpublish_delete_and_move_keep_section_and_tag_counts(client, world):
    parent, child, other, place = world["parent"], world["child"], world["other"], world["place"]
    first, second = world["articles"][:2]
    assert (kept(parent), kept(child), kept(place)) == (3, 2, 5)
    assert (shown(client, "/chuyen-muc/hoat-dong/"), shown(client, "/the/son-la/")) == (5, 5)

    unpublish(article=first)
    assert (kept(parent), kept(place), shown(client, "/chuyen-muc/hoat-dong/"), shown(client, "/the/son-la/")) == (
        2, 4, 4, 4,
    )  # fmt: skip
    publish(article=first)
    assert (kept(parent), kept(place)) == (3, 5)

    second.section = other  # moved to another section
    second.save()
    assert (kept(child), kept(other), shown(client, "/chuyen-muc/phap-luat/"), shown(client, "/the/son-la/")) == (
        1, 1, 1, 5,
    )  # fmt: skip
    first.title = "Bài 0, sửa lỗi chính tả"  # a save that changes nothing counted
    first.save()
    assert kept(parent) == 3

    second.delete()
    assert (kept(other), kept(place), shown(client, "/the/son-la/")) == (0, 4, 4)
    Article.objects.filter(pk=world["articles"][2].pk).delete()  # a bulk delete too
    assert (kept(parent), kept(place), shown(client, "/chuyen-muc/hoat-dong/")) == (2, 3, 3)
    draft = ArticleFactory(section=parent, status=Article.Status.DRAFT, publish_at=None, tags=[place])
    draft.delete()
    assert (kept(parent), kept(place)) == (2, 3)
    assert_all_right()


def test_tags_added_removed_cleared_from_either_side(client, world):
    place, topic = world["place"], world["topic"]
    first, second, third = world["articles"][:3]
    first.tags.add(topic)
    first.tags.add(topic)  # already there: no second count
    topic.articles.add(second, third)
    assert (kept(topic), shown(client, "/the/tien-luong/")) == (3, 3)
    first.tags.remove(topic, place)
    first.tags.remove(topic)  # no longer there
    assert (kept(topic), kept(place)) == (2, 4)
    topic.articles.remove(second)
    assert kept(topic) == 1
    third.tags.set([place])  # set = remove what is not wanted
    assert (kept(topic), kept(place)) == (0, 4)
    place.articles.clear()
    assert (kept(place), shown(client, "/the/son-la/")) == (0, 0)
    draft = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    topic.articles.add(draft)
    draft.tags.add(place)
    assert (kept(topic), kept(place)) == (0, 0)
    publish(article=draft)
    assert (kept(topic), kept(place)) == (1, 1)
    assert_all_right()


def test_a_scheduled_article_is_counted_when_it_goes_live_by_itself(client, world):
    scheduled = ArticleFactory(
        section=world["parent"], publish_at=NOW + timedelta(hours=2), tags=[world["place"]], title="Hẹn giờ"
    )
    assert (kept(world["parent"]), kept(world["place"])) == (4, 6)  # kept: scheduled ones included
    assert (shown(client, "/chuyen-muc/hoat-dong/"), shown(client, "/the/son-la/")) == (5, 5)
    with time_machine.travel(NOW + timedelta(hours=3)):
        assert (shown(client, "/chuyen-muc/hoat-dong/"), shown(client, "/the/son-la/")) == (6, 6)
        assert scheduled.title in [a.title for a in client.get("/the/son-la/").context["page"].object_list]
    assert_all_right()


def test_national_articles_pushed_into_a_section_count_there_until_hidden(client, world):
    national = Federation.objects.create(code="tld", kind=Federation.Kind.NATIONAL, short_name="Tổng LĐLĐ Việt Nam")
    FederationHost.objects.create(federation=national, host="congdoan.test", is_primary=True)
    with activate(national):
        original = ArticleFactory(section=SectionFactory(name="Tin tức"), title="Đại hội XIII")
    push = ArticlePush.objects.create(article=original, section=world["other"], federation=default_federation())
    assert shown(client, "/chuyen-muc/phap-luat/") == 1
    push.hidden = True
    push.save()
    assert shown(client, "/chuyen-muc/phap-luat/") == 0
    assert_all_right()


def test_recount_command_puts_right_what_bypassed_the_signals(world):
    Article.objects.filter(pk=world["articles"][0].pk).update(status=Article.Status.DRAFT)  # as a raw UPDATE
    everywhere(Tag).filter(pk=world["topic"].pk).update(published_count=7)
    with pytest.raises(CommandError, match=r"^Số bài lệch ở 1 chuyên mục, 2 thẻ\.$"):
        call_command("recount_articles", "--check", stdout=io.StringIO())
    out = io.StringIO()
    call_command("recount_articles", stdout=out)
    assert out.getvalue() == "Đã đếm lại: lệch ở 1 chuyên mục, 2 thẻ.\n"
    assert (kept(world["parent"]), kept(world["place"]), kept(world["topic"])) == (2, 4, 0)
    out = io.StringIO()
    call_command("recount_articles", "--check", "--federation", default_federation().code, stdout=out)
    assert out.getvalue() == "Đã kiểm tra: lệch ở 0 chuyên mục, 0 thẻ.\n"
    with pytest.raises(CommandError, match=r"^Không có liên đoàn mã “khong-co”\.$"):
        call_command("recount_articles", "--federation", "khong-co")


def test_counts_are_per_federation(client, world):
    other = Federation.objects.create(code="sonla", short_name="LĐLĐ tỉnh Sơn La")
    FederationHost.objects.create(federation=other, host="sonla.test", is_primary=True)
    with activate(other):
        their_section = SectionFactory(name="Hoạt động", slug="hoat-dong")
        their_tag = TagFactory(name="Sơn La", slug="son-la")
        ArticleFactory(section=their_section, tags=[their_tag])
    assert (kept(their_section), kept(their_tag), kept(world["place"])) == (1, 1, 5)
    assert shown(client, "/chuyen-muc/hoat-dong/") == 5
    clear_cache()
    assert client.get("/the/son-la/", HTTP_HOST="sonla.test").context["page"].paginator.count == 1
    assert_all_right()


# --- deep pages -------------------------------------------------------------------------


def titles(response):
    return [article.title for article in response.context["page"].object_list]


def test_pages_near_the_end_are_read_from_the_oldest_and_the_middle_is_not_served(client, monkeypatch):
    """7 pages of 20 with pages served 2 deep from each end: 1, 2, 6, 7; 3–5 are a 404."""
    monkeypatch.setattr(views, "MAX_DEPTH", 2)
    section = SectionFactory(name="Hoạt động", slug="hoat-dong")
    child = SectionFactory(name="Con", parent=section)
    tag = TagFactory(name="Sơn La", slug="son-la")
    for hour in range(130):
        ArticleFactory(title=f"Bài {hour}", section=(section, child)[hour % 2], publish_at=ago(hour + 1), tags=[tag])
    for url in ("/chuyen-muc/hoat-dong/", "/the/son-la/"):
        clear_cache()
        assert titles(client.get(url + "?page=2")) == [f"Bài {hour}" for hour in range(20, 40)]
        page6 = client.get(url + "?page=6")
        assert titles(page6) == [f"Bài {hour}" for hour in range(100, 120)]
        assert page6.context["page"].elided_range == [1, "…", 6, 7]
        assert titles(client.get(url + "?page=7")) == [f"Bài {hour}" for hour in range(120, 130)]
        assert [client.get(f"{url}?page={n}").status_code for n in (3, 4, 5, 8)] == [404, 404, 404, 404]
        assert client.get(url).context["page"].elided_range == [1, 2, "…", 7]
        clear_cache()
        with CaptureQueriesContext(connection) as first:
            client.get(url)
        clear_cache()
        with CaptureQueriesContext(connection) as last:
            client.get(url + "?page=7")
        assert len(last) == len(first)  # the same statements, counted from the other end
    assert Section.objects.get(pk=section.pk).published_count == 65


def links(response) -> dict:
    """The pagination's links as the reader sees them: {text: href}, and the current page."""
    nav = re.search(r'<nav class="pagination".*?</nav>', response.content.decode(), re.S)
    found = {
        text: href.replace("&amp;", "&") for href, text in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav[0])
    }
    current = re.findall(r'<span aria-current="page">([^<]+)</span>', nav[0])
    return {**found, "current": current}


@pytest.fixture
def long_lists(monkeypatch):
    """7 pages of 20 (130 articles, one an hour) in a section with a sub-section and in a tag;
    pages served by number 2 deep from each end: 1, 2, 6, 7."""
    monkeypatch.setattr(views, "MAX_DEPTH", 2)
    section = SectionFactory(name="Hoạt động", slug="hoat-dong")
    child = SectionFactory(name="Con", parent=section)
    tag = TagFactory(name="Sơn La", slug="son-la")
    articles = [
        ArticleFactory(title=f"Bài {hour}", section=(section, child)[hour % 2], publish_at=ago(hour + 1), tags=[tag])
        for hour in range(130)
    ]
    return articles


@pytest.mark.parametrize("url", ["/chuyen-muc/hoat-dong/", "/the/son-la/"])
def test_the_middle_of_a_long_list_is_reached_from_an_article(client, long_lists, url):
    """Page 2's "Sau" goes on from its last article (a keyset), page after page, to the end;
    "Trước" goes back the same way; the title and canonical address name the page."""
    ids = [article.pk for article in long_lists]
    page2 = client.get(url + "?page=2")
    assert links(page2) == {"‹ Trước": "?page=1", "1": "?page=1", "7": "?page=7", "Sau ›": f"?truoc={ids[39]}",
                            "current": ["2"]}  # fmt: skip
    third = client.get(url + f"?truoc={ids[39]}")
    assert titles(third) == [f"Bài {hour}" for hour in range(40, 60)]
    assert links(third) == {"‹ Trước": f"?sau={ids[40]}", "1": "?page=1", "7": "?page=7",
                            "Sau ›": f"?truoc={ids[59]}", "current": []}  # fmt: skip
    body = third.content.decode()
    name = "Hoạt động" if "chuyen-muc" in url else "Sơn La"
    assert re.search(r"<title>(.*?)</title>", body)[1] == f"{name} – Tin cũ hơn – LĐLĐ tỉnh Bắc Kạn"
    assert f'<link rel="canonical" href="http://testserver{url}?truoc={ids[39]}">' in body
    back = client.get(url + f"?sau={ids[40]}")
    assert titles(back) == [f"Bài {hour}" for hour in range(20, 40)]  # page 2's articles
    assert re.search(r"<title>(.*?)</title>", back.content.decode())[1] == f"{name} – Tin mới hơn – LĐLĐ tỉnh Bắc Kạn"
    # Onwards to the end: 40–59, 60–79, …, 120–129, then no "Sau".
    shown, query = [], f"truoc={ids[39]}"
    while query:
        response = client.get(f"{url}?{query}")
        shown += titles(response)
        query = links(response).get("Sau ›", "?")[1:]
    assert shown == [f"Bài {hour}" for hour in range(40, 130)]
    # Near the top, going back stops at the newest: no "Trước" from there.
    top = client.get(url + f"?sau={ids[3]}")
    assert titles(top) == ["Bài 0", "Bài 1", "Bài 2"] and "‹ Trước" not in links(top)


def test_page_before_the_numbered_end_goes_back_by_keyset(client, long_lists):
    ids = [article.pk for article in long_lists]
    page6 = client.get("/chuyen-muc/hoat-dong/?page=6")
    assert links(page6)["‹ Trước"] == f"?sau={ids[100]}"
    assert titles(client.get(f"/chuyen-muc/hoat-dong/?sau={ids[100]}")) == [f"Bài {hour}" for hour in range(80, 100)]


def test_a_keyset_page_costs_what_page_one_costs_and_is_cached(client, long_lists, settings):
    settings.FRAGMENT_CACHE_SECONDS = 600
    ids = [article.pk for article in long_lists]
    clear_cache()
    with CaptureQueriesContext(connection) as first:
        client.get("/the/son-la/")
    clear_cache()
    with CaptureQueriesContext(connection) as middle:
        client.get(f"/the/son-la/?truoc={ids[79]}")
    assert len(middle) == len(first) + 1  # the anchor's publish time: one query more
    with CaptureQueriesContext(connection) as warm:
        client.get(f"/the/son-la/?truoc={ids[79]}&utm_source=zalo")
    assert len(warm) == 0


def test_bad_or_foreign_anchors_are_a_404(client, long_lists):
    from news.models import Article

    ids = [article.pk for article in long_lists]
    other = ArticleFactory(title="Chuyên mục khác", publish_at=ago(1))
    draft = ArticleFactory(title="Nháp", section=long_lists[0].section, status=Article.Status.DRAFT)
    url = "/chuyen-muc/hoat-dong/"
    bad = [f"truoc={other.pk}", f"truoc={draft.pk}", "truoc=abc", "truoc=", "truoc=0", "truoc=-5",
           "truoc=１２", "truoc=¹²", "truoc=\u200f12", f"truoc={'9' * 19}", f"truoc={ids[3]}&sau={ids[3]}",
           f"truoc={ids[3]}&page=2", f"truoc={ids[129]}", f"sau={ids[0]}", "truoc=99999999"]  # fmt: skip
    assert {query: client.get(f"{url}?{query}").status_code for query in bad} == dict.fromkeys(bad, 404)
    assert client.get(f"/the/son-la/?truoc={other.pk}").status_code == 404  # not tagged so


def test_a_merge_recounts_the_successors_sections_and_tags(world):
    """A merge moves articles with bulk updates: the successor's section and tag of the same
    address take the merged federation's articles, and their counts follow."""
    from congdoan.merging import merge_federations

    target = default_federation()
    source = Federation.objects.create(code="caobang", short_name="LĐLĐ tỉnh Cao Bằng")
    with activate(source):
        section = SectionFactory(name="Hoạt động", slug="hoat-dong")
        tag = TagFactory(name="Sơn La", slug="son-la")
        for n in range(3):
            ArticleFactory(title=f"Cao Bằng {n}", section=section, tags=[tag])
    merge_federations(source=source, target=target)
    assert (kept(world["parent"]), kept(world["place"])) == (6, 8)
    assert_all_right()


def test_saving_a_section_or_tag_itself_keeps_its_count(world):
    """An editor's save holds the count read before the articles changed: it must not write it."""
    place, parent = Tag.objects.get(pk=world["place"].pk), Section.objects.get(pk=world["parent"].pk)
    ArticleFactory(section=world["parent"], tags=[world["place"]])
    place.name, parent.name = "Ba Bể", "Hoạt động Công đoàn"
    place.save()
    parent.save()
    assert (kept(place), kept(parent), Tag.objects.get(pk=place.pk).name) == (6, 4, "Ba Bể")
    assert_all_right()
