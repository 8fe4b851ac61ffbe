import json

import pytest
from django.contrib.staticfiles.storage import StaticFilesStorage
from django.template import Context, Template

from congdoan.static_files import HashedStaticStorage, PlainStaticStorage


def test_a_static_url_is_worked_out_once(monkeypatch):
    storage = PlainStaticStorage()
    asked = []
    original = StaticFilesStorage.url

    def counted(self, name):
        asked.append(name)
        return original(self, name)

    monkeypatch.setattr(StaticFilesStorage, "url", counted)
    assert storage.url("css/site.css") == "/static/css/site.css"
    assert storage.url("css/site.css") == "/static/css/site.css"
    assert storage.url("a b.js") == "/static/a%20b.js"
    assert asked == ["css/site.css", "a b.js"]


def test_the_template_tag_gives_the_kept_url():
    html = Template("{% load static %}{% static 'css/site.css' %}|{% static 'css/site.css' %}").render(Context())
    assert html == "/static/css/site.css|/static/css/site.css"


@pytest.fixture
def hashed(tmp_path, settings):
    settings.STATIC_ROOT = tmp_path
    (tmp_path / "staticfiles.json").write_text(
        json.dumps({"paths": {"css/site.css": "css/site.0123456789ab.css"}, "version": "1.1", "hash": "x"})
    )
    return HashedStaticStorage(location=tmp_path)


def test_hashed_names_come_from_the_manifest(hashed, settings):
    settings.DEBUG = False
    assert hashed.url("css/site.css") == "/static/css/site.0123456789ab.css"
    assert hashed.url("css/site.css") == "/static/css/site.0123456789ab.css"
    settings.DEBUG = True  # Django's rule: unhashed names while debugging
    assert hashed.url("css/site.css") == "/static/css/site.css"


def test_a_file_missing_from_the_manifest_is_refused_every_time(hashed, settings):
    settings.DEBUG = False
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            hashed.url("css/khong-co.css")
