"""Readers look for a writer's articles by name: bylines, photo credits and captions, sources
and tag names are searched too (below title matches), folded the same way on every database."""

from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.utils import timezone

from news.models import Article
from news.search import fold, search_document

from .factories import ArticleFactory, TagFactory
from .test_search import results

pytestmark = pytest.mark.django_db


def article(title, hours_ago, **fields):
    defaults = {"byline_name": "", "byline_position": "", "sapo": "", "body": "<p>Tin hoạt động.</p>"}
    return ArticleFactory(title=title, publish_at=timezone.now() - timedelta(hours=hours_ago), **{**defaults, **fields})


@pytest.fixture
def newsroom():
    return {
        "byline": article("Hội nghị tổng kết năm", 1, byline_name="Thu Thủy", byline_position="Ban TGNC"),
        "position": article(
            "Tập huấn an toàn", 2, byline_name="Bùi Thanh Thủy", byline_position="Trưởng ban Ngọc Liêm"
        ),
        "credit": article("Trao quà Tết", 3, cover_credit="Ảnh: Quang Quyết/TTXVN"),
        "caption": article("Ngày hội công nhân", 4, cover_caption="Đồng chí Ngọc Liêm phát biểu."),
        "source": article("Chính sách mới", 5, source="Báo Lao Động"),
        "title": article("Phóng viên Thu Thủy nhận giải báo chí", 6),
        "other": article("Tin khác hẳn", 7, byline_name="Minh Anh"),
    }


@pytest.mark.parametrize("query", ["thu thuy", "THU THỦY", "Thu Thủy", "thu  THUY"])
def test_bylines_are_found_title_matches_first(client, newsroom, query):
    # "Bùi Thanh Thủy" has no syllable "thu": whole syllables only.
    assert results(client, query)[1] == [newsroom["title"], newsroom["byline"]]


def test_positions_and_captions_are_found(client, newsroom):
    assert results(client, "ngoc liem")[1] == [newsroom["position"], newsroom["caption"]]


def test_photo_credits_and_sources_are_found(client, newsroom):
    assert results(client, "quang quyet")[1] == [newsroom["credit"]]
    assert results(client, "ttxvn")[1] == [newsroom["credit"]]
    assert results(client, "bao lao dong")[1] == [newsroom["source"]]


def test_tag_names_are_found_and_follow_tag_changes(client):
    tagged = article("Giải bóng đá công nhân", 1)
    place = TagFactory(name="Chợ Đồn")
    assert results(client, "cho don")[1] == []
    tagged.tags.add(place)  # m2m: the article itself is not saved
    assert results(client, "cho don")[1] == [tagged]
    place.name = "Ba Bể"
    place.save()
    assert results(client, "cho don")[1] == [] and results(client, "ba be")[1] == [tagged]
    place.articles.clear()  # from the tag's side
    assert results(client, "ba be")[1] == []
    place.articles.add(tagged)
    assert results(client, "ba be")[1] == [tagged]
    place.delete()
    assert results(client, "ba be")[1] == []


def test_search_columns_refill_migration_covers_existing_rows(client):
    """Rows written before people were searched are refilled by migration 0008."""
    old = article("Hội nghị tổng kết năm", 1, byline_name="Thu Thủy", cover_credit="Ảnh: Quang Quyết")
    old.tags.add(TagFactory(name="Chợ Đồn"))
    Article.objects.filter(pk=old.pk).update(search_text=search_document("Hội nghị tổng kết năm"))
    assert results(client, "thu thuy")[1] == []
    import_module("news.migrations.0008_search_people_and_tags").refill(django_apps, None)
    assert results(client, "thu thuy")[1] == [Article.objects.get(pk=old.pk)]
    assert results(client, "quang quyet cho don")[1] == [old]


def test_fold_handles_a_five_megabyte_body():
    """Works on big input (a per-character Python loop took 12 s here; timings in the report)."""
    body = "Nguyễn Thị Thu Thủy, ĐẠI HỘI Công đoàn. " * 130_000  # ≈ 5 MB
    folded = fold(body)
    assert folded[:48] == "nguyen thi thu thuy, dai hoi cong doan. nguyen t"
    assert len(folded) == len(body) - 1  # one letter for each letter; the final space trimmed
    assert search_document(body).count(" thuy ") == 130_000


def test_fold_drops_loose_and_stacked_marks():
    assert fold("Thu\u0302\u0323y ĐOÀN đoa\u0300n") == "thuy doan doan"
    assert fold("x" + "\u0301\u0323\u0302" * 5000 + "y") == "xy"
