import pytest
from django.test import override_settings
from django.urls import path

from congdoan.tenancy import default_federation
from tests.admin_forms import form_data

pytestmark = pytest.mark.django_db


def test_home_shows_federation_name_and_landmarks(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert '<span class="brand-line1">LIÊN ĐOÀN LAO ĐỘNG</span>' in html
    assert '<span class="brand-line2">TỈNH BẮC KẠN</span>' in html
    assert 'href="#noi-dung"' in html and 'id="noi-dung"' in html
    for landmark in ("<header", "<nav", "<main", "<footer"):
        assert landmark in html
    assert 'media="print"' in html


def test_site_identity_edited_in_admin_shows_without_deploy(client, superuser):
    client.force_login(superuser)
    url = f"/admin/congdoan/federation/{default_federation().pk}/change/"
    response = client.post(
        url,
        form_data(
            client.get(url),
            name_line1="LIÊN ĐOÀN LAO ĐỘNG",
            name_line2="TỈNH THÁI NGUYÊN",
            short_name="LĐLĐ tỉnh Thái Nguyên",
            province="Thái Nguyên",
            domain="congdoanthainguyen.vn",
            tagline="",
            address="Số 1, đường Hoàng Văn Thụ",
            phone="0208 3855 555",
            email="lienhe@congdoanthainguyen.vn",
            responsible_person="",
            licence="",
        ),
    )
    assert response.status_code == 302
    client.logout()
    html = client.get("/").content.decode()
    assert "TỈNH THÁI NGUYÊN" in html
    assert "congdoanthainguyen.vn" in html
    assert "0208 3855 555" in html
    assert "TỈNH BẮC KẠN" not in html


def test_a_federation_is_never_deleted_from_the_admin(client, superuser):
    client.force_login(superuser)
    assert client.get("/admin/congdoan/federation/add/").status_code == 200
    assert client.get(f"/admin/congdoan/federation/{default_federation().pk}/delete/").status_code == 403


def test_admin_login_is_vietnamese_with_site_name(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Quản trị – LIÊN ĐOÀN LAO ĐỘNG TỈNH BẮC KẠN" in html
    assert "Mật khẩu" in html
    assert "Đăng nhập" in html


def test_unknown_url_gets_the_vietnamese_404(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in html
    assert "LIÊN ĐOÀN LAO ĐỘNG" in html


def _boom(request):
    raise RuntimeError("boom")


urlpatterns = [path("boom/", _boom)]


@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_server_error_gets_the_vietnamese_500(client):
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    assert "Hệ thống đang gặp sự cố" in response.content.decode()


def test_healthz_touches_no_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_robots_txt(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Disallow: /admin/" in response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


def test_bad_host_is_400(client):
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400


def test_security_headers(client):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_favicon_is_served_at_the_root_and_linked_as_svg(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # an ICO header
    assert "max-age=86400" in response["Cache-Control"]
    html = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
