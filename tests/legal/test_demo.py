import io

import pytest
from django.core.management import call_command

from legal.models import Adviser, Publication, Question, Topic

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
