"""The admin's frame: greeting by full name, our stylesheet and scripts on every page."""

import pytest

pytestmark = pytest.mark.django_db


def welcome(client):
    html = client.get("/admin/").content.decode()
    start = html.index('<div id="user-tools">')
    return " ".join(html[start : html.index("<a", start)].split())


def test_the_admin_greets_by_full_name(client, editor):
    client.force_login(editor)
    assert welcome(client) == '<div id="user-tools"> Chào mừng bạn, <strong>Biên Tập Viên</strong>.'


def test_the_admin_greets_by_username_without_a_name(client, other_writer):
    client.force_login(other_writer)
    assert welcome(client) == '<div id="user-tools"> Chào mừng bạn, <strong>phongvien-khac</strong>.'


def test_every_admin_page_loads_the_admin_stylesheet_and_scripts(client, writer):
    client.force_login(writer)
    html = client.get("/admin/news/article/add/").content.decode()
    assert '<link rel="stylesheet" href="/static/congdoan/admin.css">' in html
    assert '<script src="/static/congdoan/admin.js" defer></script>' in html
    assert '<script src="/static/congdoan/admin-editor.js" defer></script>' in html


def test_permissions_are_named_in_vietnamese(client, superuser):
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.get(name="Phóng viên")
    client.force_login(superuser)
    response = client.get(f"/admin/auth/group/{group.pk}/change/")
    choices = dict(response.context["adminform"].form.fields["permissions"].choices)
    change_article = Permission.objects.get(codename="change_article")
    publish_article = Permission.objects.get(codename="publish_article")
    assert choices[change_article.pk] == "Tin tức | bài viết | Được sửa bài viết"
    assert choices[publish_article.pk] == f"Tin tức | bài viết | {publish_article.name}"
