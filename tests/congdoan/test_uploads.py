"""The editor's image uploader: every hardening rule has a test here."""

import io
import re
import struct
import zlib
from pathlib import Path

import pytest
from django.test import Client
from PIL import Image

from congdoan.tenancy import default_federation

pytestmark = pytest.mark.django_db

UPLOAD_URL = "/ckeditor/upload/"


def image_bytes(fmt="PNG", size=(40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (11, 78, 162)).save(buffer, fmt)
    return buffer.getvalue()


def named(content: bytes, name: str) -> io.BytesIO:
    file = io.BytesIO(content)
    file.name = name
    return file


def png_bomb(width=30000, height=30000) -> bytes:
    """A tiny PNG whose header claims 900 megapixels (a decompression bomb)."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * (width + 1) * 8)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


@pytest.fixture
def editor_client(staff_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_user)
    client.get("/admin/")  # sets the CSRF cookie as the admin page does
    return client


def csrf_token(client) -> str:
    return client.cookies["csrftoken"].value


def post_upload(client, file, token=None, query="", field="ckCsrfToken"):
    data = {"upload": file}
    if token is not None:
        data[field] = token
    return client.post(UPLOAD_URL + query, data)


def test_staff_upload_is_stored_under_dated_folder_with_detected_extension(editor_client, _media_root, settings):
    response = post_upload(editor_client, named(image_bytes("PNG"), "Ảnh Đại hội.png"), csrf_token(editor_client))
    assert response.status_code == 200
    data = response.json()
    assert data["uploaded"] == 1
    assert re.fullmatch(
        rf"/media/upload/images/{default_federation().code}/nam-\d{{4}}/thang-\d{{2}}\.\d{{4}}/anh-dai-hoi\.png",
        data["url"],
    )
    stored = Path(settings.MEDIA_ROOT) / data["url"].removeprefix("/media/")
    assert stored.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    ("fmt", "name", "ext"), [("JPEG", "a.JPEG", "jpg"), ("WEBP", "b.webp", "webp"), ("GIF", "c.gif", "gif")]
)
def test_each_allowed_format_is_accepted(editor_client, fmt, name, ext):
    response = post_upload(editor_client, named(image_bytes(fmt), name), csrf_token(editor_client))
    assert response.status_code == 200
    assert response.json()["url"].endswith(f".{ext}")


def test_anonymous_users_cannot_upload(client, _media_root):
    response = client.post(UPLOAD_URL, {"upload": named(image_bytes(), "a.png")})
    assert response.status_code == 403
    assert not Path(_media_root).exists() or not any(Path(_media_root).rglob("*.png"))


def test_non_staff_users_cannot_upload(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("doanvien", password="x"))
    assert client.post(UPLOAD_URL, {"upload": named(image_bytes(), "a.png")}).status_code == 403


def test_upload_without_csrf_token_is_refused(editor_client):
    assert post_upload(editor_client, named(image_bytes(), "a.png")).status_code == 403


def test_upload_with_wrong_csrf_token_is_refused(editor_client):
    assert post_upload(editor_client, named(image_bytes(), "a.png"), "x" * 32).status_code == 403


def test_standard_django_csrf_field_works_too(editor_client):
    response = post_upload(
        editor_client, named(image_bytes(), "a.png"), csrf_token(editor_client), field="csrfmiddlewaretoken"
    )
    assert response.status_code == 200


def test_get_is_not_allowed(editor_client):
    assert editor_client.get(UPLOAD_URL).status_code == 405


def test_gif_with_html_appended_named_html_is_refused(editor_client, _media_root):
    polyglot = image_bytes("GIF") + b"<html><script>alert(document.domain)</script></html>"
    response = post_upload(editor_client, named(polyglot, "trang.html"), csrf_token(editor_client))
    assert response.status_code == 400
    assert "đuôi" in response.json()["error"]["message"]
    assert not any(Path(_media_root).rglob("*.html")) if Path(_media_root).exists() else True


def test_svg_is_refused(editor_client):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>'
    response = post_upload(editor_client, named(svg, "logo.svg"), csrf_token(editor_client))
    assert response.status_code == 400
    assert "không phải là ảnh" in response.json()["error"]["message"]


def test_other_image_formats_are_refused(editor_client):
    response = post_upload(editor_client, named(image_bytes("BMP"), "a.bmp"), csrf_token(editor_client))
    assert response.status_code == 400
    assert "BMP" in response.json()["error"]["message"]


def test_jpeg_named_png_is_refused(editor_client):
    response = post_upload(editor_client, named(image_bytes("JPEG"), "a.png"), csrf_token(editor_client))
    assert response.status_code == 400


def test_text_file_is_refused(editor_client):
    response = post_upload(editor_client, named(b"hello", "a.png"), csrf_token(editor_client))
    assert response.status_code == 400


def test_oversized_file_is_refused(editor_client, settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 1000
    response = post_upload(editor_client, named(image_bytes(size=(400, 400)), "a.png"), csrf_token(editor_client))
    assert response.status_code == 400
    assert "quá lớn" in response.json()["error"]["message"]


def test_decompression_bomb_gets_400_not_500(editor_client):
    response = post_upload(editor_client, named(png_bomb(), "bom.png"), csrf_token(editor_client))
    assert response.status_code == 400
    assert "điểm ảnh" in response.json()["error"]["message"]


def test_image_over_the_pixel_limit_is_refused(editor_client, settings):
    settings.IMAGE_UPLOAD_MAX_PIXELS = 1000
    response = post_upload(editor_client, named(image_bytes(size=(50, 50)), "a.png"), csrf_token(editor_client))
    assert response.status_code == 400


def test_missing_file_is_a_clear_error(editor_client):
    response = editor_client.post(UPLOAD_URL, {"ckCsrfToken": csrf_token(editor_client)})
    assert response.status_code == 400
    assert "Chưa chọn" in response.json()["error"]["message"]


def test_dialog_upload_replies_with_callback_script(editor_client):
    response = post_upload(
        editor_client, named(image_bytes(), "a.png"), csrf_token(editor_client), query="?CKEditorFuncNum=12"
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.startswith('<script>window.parent.CKEDITOR.tools.callFunction(12, "/media/upload/images/')


@pytest.mark.parametrize("func_num", ["1);alert(1)//", "abc", "1 2", "١٢", "<script>", "12345678901", ""])
def test_func_num_must_be_digits_and_is_never_reflected(editor_client, func_num):
    response = post_upload(
        editor_client, named(image_bytes(), "a.png"), csrf_token(editor_client), query=f"?CKEditorFuncNum={func_num}"
    )
    if func_num == "":
        # An empty value means "no callback": the JSON reply, nothing reflected.
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        return
    assert response.status_code == 400
    assert func_num not in response.content.decode()


def test_dialog_error_message_is_escaped_json(editor_client):
    response = post_upload(
        editor_client, named(b"<script>x</script>", "a.png"), csrf_token(editor_client), query="?CKEditorFuncNum=3"
    )
    assert response.status_code == 400
    assert response.content.decode().count("<script>") == 1


def test_browse_is_staff_only(client, editor_client, django_user_model):
    assert client.get("/ckeditor/browse/").status_code == 403
    client.force_login(django_user_model.objects.create_user("doanvien", password="x"))
    assert client.get("/ckeditor/browse/").status_code == 403
    response = editor_client.get("/ckeditor/browse/")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]


def test_browse_lists_uploaded_images(editor_client):
    url = post_upload(editor_client, named(image_bytes(), "kho-anh.png"), csrf_token(editor_client)).json()["url"]
    assert url in editor_client.get("/ckeditor/browse/").content.decode()
