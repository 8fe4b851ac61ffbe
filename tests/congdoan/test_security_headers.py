import pytest

pytestmark = pytest.mark.django_db


def directives(header: str) -> dict[str, str]:
    return {part.split()[0]: part.strip() for part in header.split(";") if part.strip()}


def test_public_pages_get_a_strict_content_security_policy(client):
    policy = directives(client.get("/")["Content-Security-Policy"])
    assert policy["script-src"] == "script-src 'self'"
    assert policy["style-src"] == "style-src 'self'"
    assert policy["frame-ancestors"] == "frame-ancestors 'none'"
    assert policy["object-src"] == "object-src 'none'"
    assert "unsafe-inline" not in client.get("/")["Content-Security-Policy"]


def test_errors_get_the_strict_policy_too(client):
    assert "frame-ancestors 'none'" in client.get("/khong-co/")["Content-Security-Policy"]


def test_admin_gets_its_own_policy_for_the_editor(client):
    policy = directives(client.get("/admin/login/")["Content-Security-Policy"])
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["frame-ancestors"] == "frame-ancestors 'self'"


def test_every_response_has_the_hardening_headers(client):
    for url in ("/", "/admin/login/", "/khong-co/", "/robots.txt"):
        response = client.get(url)
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", url
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", url
        assert "geolocation=()" in response["Permissions-Policy"], url
        assert response["X-Frame-Options"] == "DENY", url


def test_hsts_over_https_in_production(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_http_redirects_to_https_when_enabled(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/"


def test_session_and_csrf_cookies_are_secure_and_httponly_in_production(client, settings, staff_user):
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    response = client.post("/admin/login/", {"username": staff_user.username, "password": "mat-khau-thu"}, secure=True)
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["secure"] and session["httponly"]


def test_upload_reply_may_be_framed_by_the_admin_only(client, staff_user):
    client.force_login(staff_user)
    response = client.post("/ckeditor/upload/?CKEditorFuncNum=1", {})
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_media_is_served_with_nosniff(client, settings, _media_root):
    settings.SERVE_MEDIA = True
    _media_root.mkdir(parents=True, exist_ok=True)
    (_media_root / "a.gif").write_bytes(b"GIF89a<html>")
    response = client.get("/media/a.gif")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/gif"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_media_is_not_served_by_django_unless_asked(client, settings, _media_root):
    settings.SERVE_MEDIA = False
    _media_root.mkdir(parents=True, exist_ok=True)
    (_media_root / "a.gif").write_bytes(b"GIF89a")
    assert client.get("/media/a.gif").status_code == 404


def test_media_path_tricks_are_404(client, settings):
    settings.SERVE_MEDIA = True
    for path in ("/media/../congdoan/settings.py", "/media/%2e%2e/manage.py", "/media//etc/passwd"):
        assert client.get(path).status_code in (400, 404), path


PUBLIC_POLICY = {
    "default-src": "default-src 'self'",
    "script-src": "script-src 'self'",
    "style-src": "style-src 'self'",
    "img-src": "img-src 'self'",
    "font-src": "font-src 'self'",
    "connect-src": "connect-src 'self'",
    "object-src": "object-src 'none'",
    "base-uri": "base-uri 'self'",
    "form-action": "form-action 'self'",
    "frame-ancestors": "frame-ancestors 'none'",
}


def test_the_kept_policy_is_the_one_django_csp_builds(client):
    # Built once and kept (congdoan.middleware): the same header, response after response.
    from csp.utils import build_policy
    from django.conf import settings

    first = client.get("/")["Content-Security-Policy"]
    assert directives(first) == PUBLIC_POLICY
    assert client.get("/")["Content-Security-Policy"] == first == build_policy()
    admin = directives(client.get("/admin/login/")["Content-Security-Policy"])
    assert admin == directives(build_policy(config=settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]))
    assert admin["script-src"] == "script-src 'self' 'unsafe-inline'"
    assert client.get("/")["Content-Security-Policy"] == first


def test_a_changed_policy_setting_is_not_served_from_the_kept_one(client, settings):
    assert directives(client.get("/")["Content-Security-Policy"]) == PUBLIC_POLICY
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    assert client.get("/")["Content-Security-Policy"] == "default-src 'none'"


def test_a_views_own_policy_change_still_applies(rf):
    from csp.decorators import csp_update
    from django.http import HttpResponse

    from congdoan.middleware import ContentSecurityPolicyMiddleware

    @csp_update({"img-src": ["https://img.example"]})
    def view(request):
        return HttpResponse("ok")

    request = rf.get("/")
    middleware = ContentSecurityPolicyMiddleware(view)
    assert client_policy(middleware(request))["img-src"] == "img-src 'self' https://img.example"


def test_a_nonce_used_by_a_page_reaches_its_header(rf, settings):
    from csp.constants import NONCE
    from django.http import HttpResponse

    from congdoan.middleware import ContentSecurityPolicyMiddleware

    def view(request):
        return HttpResponse(f"<script nonce='{request.csp_nonce}'></script>")

    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"script-src": ["'self'", NONCE]}}
    request = rf.get("/")
    response = ContentSecurityPolicyMiddleware(view)(request)
    assert client_policy(response)["script-src"] == f"script-src 'self' 'nonce-{request._csp_nonce}'"


def client_policy(response) -> dict[str, str]:
    return directives(response["Content-Security-Policy"])
