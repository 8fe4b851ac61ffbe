import io

import pytest
from django.core.management import call_command

from legal.models import Adviser, Publication, Question, Topic
from news.models import Article

pytestmark = pytest.mark.django_db


def test_the_demo_loads_twice_without_duplicates():
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    assert (Topic.objects.count(), Adviser.objects.count(), Question.objects.count()) == (6, 2, 9)
    assert sorted(Question.objects.values_list("status", flat=True)) == [
        "answered", "assigned", "new", "published", "published", "published", "published", "published", "refused",
    ]  # fmt: skip
    assert list(Publication.objects.published().order_by("-published_at").values_list("title", flat=True))[:2] == [
        "Bị nợ lương hai tháng, nghỉ việc có phải báo trước?",
        "Thử việc 3 tháng, hưởng 70% lương có đúng luật?",
    ]
    # Each published demo answer cites the Labour Code of the register's demo, and the news
    # demo's congress article carries the congress album.
    cited = {
        publication.title: [document.number for document in publication.documents.all()]
        for publication in Publication.objects.published()
    }
    assert set(map(tuple, cited.values())) == {("45/2019/QH14",)}
    assert len(cited) == 5
    article = Article.objects.select_related("album").get(title__startswith="Đại hội Công đoàn tỉnh lần thứ XI")
    assert article.album.title == "Đại hội Công đoàn tỉnh lần thứ XI, nhiệm kỳ 2023–2028"
