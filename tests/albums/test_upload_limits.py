"""A full batch of album photos gets through the deployment: nginx takes its body and waits
for its answer, gunicorn lets the request finish (deploy/nginx.conf, gunicorn.conf.py)."""

import re
import runpy

from django.conf import settings
from django.urls import reverse

from albums.uploads import MAX_FILES_PER_BATCH
from tests.servers import ROOT


def album_upload_location() -> str:
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    return re.search(r"location \^~ /admin/albums/album/ \{(.*?)\}", conf, re.S).group(1)


def test_nginx_takes_a_full_batch_and_waits_longer_than_gunicorn_lets_it_run():
    location = album_upload_location()
    body_mb = int(re.search(r"client_max_body_size (\d+)m;", location).group(1))
    read_timeout = int(re.search(r"proxy_read_timeout (\d+)s;", location).group(1))
    gunicorn = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert (body_mb, read_timeout, gunicorn["timeout"]) == (610, 180, 120)
    assert body_mb * 1024 * 1024 >= MAX_FILES_PER_BATCH * settings.IMAGE_UPLOAD_MAX_BYTES
    assert read_timeout > gunicorn["timeout"]
    assert "proxy_pass http://congdoan_app;" in location


def test_the_location_is_where_album_forms_post():
    assert reverse("admin:albums_album_add") == "/admin/albums/album/add/"
    assert reverse("admin:albums_album_change", args=[7]) == "/admin/albums/album/7/change/"


def test_a_body_over_nginxs_limit_gets_a_vietnamese_page_naming_the_limits():
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    assert re.search(r"^    client_max_body_size (\d+)m;", conf, re.M).group(1) == "12"
    page_uri = re.search(r"^    error_page 413 (\S+);", conf, re.M).group(1)
    location = re.search(rf"location = {re.escape(page_uri)} \{{(.*?)\}}", conf, re.S).group(1)
    alias = re.search(r"alias /srv/congdoan/(\S+);", location).group(1)
    assert "internal;" in location
    page = (ROOT / alias).read_text()
    assert re.search(r"<h1>(.*)</h1>", page).group(1) == "Tệp gửi lên quá lớn"
    limits = re.search(r"<p>(Mỗi lần gửi.*?)</p>", page).group(1)
    assert limits == "Mỗi lần gửi được tối đa 12 MB (mỗi ảnh tối đa 10 MB). Không có gì được lưu."
    assert settings.IMAGE_UPLOAD_MAX_BYTES == 10 * 1024 * 1024
