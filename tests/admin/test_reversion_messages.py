"""django-reversion's words reach editors in Vietnamese: the recover link, the history and the
comment a revert leaves behind."""

import re

import pytest
import reversion
import time_machine
from reversion.models import Version

from tests.news.factories import SectionFactory

pytestmark = pytest.mark.django_db


def test_reverting_a_section_is_recorded_in_vietnamese(client, editor):
    with time_machine.travel("2026-03-07 01:53:00+00:00", tick=False), reversion.create_revision():
        section = SectionFactory(name="Tin tức cũ", slug="tin-tuc-cu")
    version = Version.objects.get_for_object(section).get()
    section.name = "Tin tức mới"
    section.save()
    client.force_login(editor)

    changelist = client.get("/admin/news/section/").content.decode()
    assert re.search(r'class="recoverlink">(.*?)</a>', changelist).group(1) == "Khôi phục chuyên mục đã xóa"

    url = f"/admin/news/section/{section.pk}/history/{version.pk}/"
    form = client.get(url)
    assert re.search(r"<h1>(.*?)</h1>", form.content.decode()).group(1) == ("Khôi phục phiên bản cũ của Tin tức cũ")
    data = {
        "name": "Tin tức cũ",
        "slug": "tin-tuc-cu",
        "parent": "",
        "order": "0",
        "show_in_menu": "on",
        "description": "",
    }
    assert client.post(url, data).status_code == 302

    section.refresh_from_db()
    assert section.name == "Tin tức cũ"
    latest = Version.objects.get_for_object(section).first()
    assert latest.revision.get_comment() == "Đã khôi phục về phiên bản lưu lúc 08:53 - 07/03/2026"
