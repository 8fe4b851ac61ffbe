import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from congdoan.renditions import rendition_name
from congdoan.tenancy import activate, default_federation
from news.models import Article, Section, Tag

pytestmark = pytest.mark.django_db


def test_load_demo_is_idempotent_and_prints_passwords(settings, client):
    from news import demo

    first = io.StringIO()
    demo.load(stdout=first)

    def counts_here():  # the default federation's (the demo also pushes a national article to it)
        with activate(default_federation()):
            return (Section.objects.count(), Tag.objects.count(), Article.objects.count())

    counts = counts_here()
    assert counts[0] == 6 and counts[2] >= 25
    assert Tag.objects.filter(kind="place").exists()
    second = io.StringIO()
    demo.load(stdout=second)
    assert counts_here() == counts
    assert "Tin tức: 0 bài của Tổng LĐLĐ Việt Nam đăng lại ở" in second.getvalue()
    password = second.getvalue().split("bientap / mật khẩu: ")[1].split()[0]
    editor = authenticate(username="bientap", password=password)
    writer_password = second.getvalue().split("phongvien / mật khẩu: ")[1].split()[0]
    writer = authenticate(username="phongvien", password=writer_password)
    with activate(default_federation()):  # roles are per federation
        assert editor and editor.has_perm("news.publish_article")
        assert writer and writer.is_staff and not writer.has_perm("news.publish_article")

    client.force_login(writer)
    listed = client.get("/admin/news/article/").context["cl"].result_list
    assert {a.status for a in listed} == {"draft", "review"}
    client.logout()

    article = Article.objects.published().exclude(cover="").first()
    assert article.cover_width == 1200 and article.cover_height == 800
    assert (settings.MEDIA_ROOT / rendition_name(article.cover.name, 720, "webp")).exists()
    assert client.get("/").status_code == 200
    assert client.get(article.get_absolute_url()).status_code == 200

    # make_renditions rebuilds missing renditions in place.
    (settings.MEDIA_ROOT / rendition_name(article.cover.name, 720, "webp")).unlink()
    out = io.StringIO()
    call_command("make_renditions", stdout=out)
    assert (settings.MEDIA_ROOT / rendition_name(article.cover.name, 720, "webp")).exists()
    assert "lỗi: 0" in out.getvalue()
