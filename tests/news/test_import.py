"""Archive import (news.importing, `manage.py import_articles`, the admin's "Nhập bài từ tệp").

A federation leaving its old site brings its archive: articles published at their original
time, HTML sanitised, sections and tags found or created, covers with their captions, and the
old addresses answering 301s on the federation's host. A bad line refuses the whole file with
every reason; importing again changes nothing, or only what the file changed.
"""

import io
import json
import re
import zipfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client

from congdoan.models import Federation, FederationHost, Redirect
from congdoan.roles import EDITOR_GROUP
from congdoan.tenancy import activate, default_federation, everywhere
from news import importing
from news.models import Article, Section, Tag
from tests.utils import give_role, jpeg_bytes

from .factories import ArticleFactory, SectionFactory, TagFactory, UserFactory

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 12, 1, 10, 0, tzinfo=VN)
IMPORT_URL = "/admin/news/article/nhap-tu-tep/"
LIST_URL = "/admin/news/article/"
B_HOST = "sonla.test"
DEMO_ARCHIVE = Path(__file__).resolve().parents[2] / "news" / "demo_archive" / "backan.jsonl"

CONGRESS = {
    "original_url": "http://congdoanbackan.org.vn/tin-tuc/dai-hoi-xi-1245.html",
    "title": "Đại hội XI Công đoàn tỉnh thành công tốt đẹp",
    "sapo": "Đại hội bầu Ban Chấp hành khóa mới gồm 27 đồng chí.",
    "body": '<p onclick="steal()">Dự Đại hội có <b>199</b> đại biểu.</p><script>alert(1)</script>'
    '<h1>Chỉ tiêu</h1><p style="color:red">Phát triển 2.500 đoàn viên mới.</p>'
    '<a href="javascript:alert(1)">xem</a> <a href="https://baochinhphu.vn/tin">nguồn</a>',
    "section": "tin tức – sự kiện",
    "tags": [{"name": "Đại hội Công đoàn", "kind": "topic"}, {"name": "Bắc Kạn", "kind": "place"}],
    "byline_name": "Thu Thủy",
    "byline_position": "LĐLĐ tỉnh",
    "source": "Báo Bắc Kạn",
    "published_at": "2023-07-14T16:42:00+07:00",
    "cover": {
        "file": "anh/dai-hoi.jpg",
        "caption": "Ban Chấp hành khóa XI ra mắt Đại hội.",
        "credit": "Ảnh: Thu Thủy",
        "alt": "Các đại biểu đứng trên sân khấu Đại hội",
    },
}
# CONGRESS's body as stored: no script, handler, style or javascript: link; h1 → h2; the
# external link marked.
CONGRESS_BODY_STORED = (
    "<p>Dự Đại hội có <b>199</b> đại biểu.</p><h2>Chỉ tiêu</h2><p>Phát triển 2.500 đoàn viên mới.</p>"
    '<a>xem</a> <a href="https://baochinhphu.vn/tin" rel="noopener noreferrer">nguồn</a>'
)
MATERNITY = {
    "original_url": "http://congdoanbackan.org.vn/index.php?option=com_content&view=article&id=532",
    "title": "Giải đáp về chế độ thai sản đối với lao động nam",
    "body": "<p>Lao động nam được nghỉ <strong>7 ngày</strong> làm việc khi vợ sinh mổ.</p>",
    "section": "chinh-sach-phap-luat",
    "tags": ["Bảo hiểm xã hội"],
    "byline_name": "Bùi Thanh Thủy",
    "byline_position": "Trưởng ban CSPL&QHLĐ, LĐLĐ tỉnh",
    "published_at": "2021-11-02 09:15",
}
SPORTS = {
    "original_url": "http://congdoanbackan.org.vn/van-hoa/hoi-thao-cong-nhan-vien-chuc-301.html",
    "title": "Sôi nổi Hội thao công nhân, viên chức, lao động",
    "sapo": "Gần 600 vận động viên tranh tài.",
    "section": "Văn hóa – Thể thao",
    "tags": ["Hội thao", {"name": "Ba Bể", "kind": "place"}],
    "published_at": "2020-05-19T01:30:00Z",
}


def write_archive(folder: Path, lines, covers=None, name="baiviet.jsonl") -> Path:
    """A .jsonl file of `lines` (dicts as JSON, str/bytes as they are) and its cover files."""
    folder.mkdir(parents=True, exist_ok=True)
    for path, data in (covers or {}).items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_bytes(data)
    encoded = []
    for line in lines:
        if isinstance(line, dict):
            line = json.dumps(line, ensure_ascii=False)
        encoded.append(line if isinstance(line, bytes) else line.encode())
    path = folder / name
    path.write_bytes(b"\n".join(encoded) + b"\n")
    return path


def zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def run(path, federation=None, *options):
    """The command's (stdout, stderr) lines; the progress bar is left out."""
    out, err = io.StringIO(), io.StringIO()
    code = (federation or default_federation()).code
    call_command("import_articles", str(path), "--federation", code, "--no-progress", *options, stdout=out, stderr=err)
    return out.getvalue().splitlines(), err.getvalue().splitlines()


def refused(path, federation=None) -> tuple[str, list[str]]:
    err = io.StringIO()
    code = (federation or default_federation()).code
    with pytest.raises(CommandError) as failure:
        call_command(
            "import_articles", str(path), "--federation", code, "--no-progress", stdout=io.StringIO(), stderr=err
        )
    return str(failure.value), err.getvalue().splitlines()


def page(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200, url
    return response.content.decode()


def h1(html: str) -> str:
    return re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1).strip()


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def existing():
    """What the federation's site already has: two sections and a place tag."""
    return {
        "news": SectionFactory(name="Tin tức – Sự kiện", slug="tin-tuc-su-kien"),
        "law": SectionFactory(name="Chính sách – Pháp luật", slug="chinh-sach-phap-luat"),
        "backan": TagFactory(name="Bắc Kạn", slug="bac-kan", kind=Tag.Kind.PLACE),
    }


@pytest.fixture
def archive(tmp_path):
    return write_archive(
        tmp_path / "xuat", [CONGRESS, "", MATERNITY, SPORTS], covers={"anh/dai-hoi.jpg": jpeg_bytes(800, 500)}
    )


# --- The import -------------------------------------------------------------------------------


def test_an_archive_is_imported_published_at_its_original_times(client, frozen, existing, archive):
    out, err = run(archive)

    assert out == [
        f"Đã nhập 3 bài vào {default_federation()} ({default_federation().code}): 3 bài mới, 0 bài cập nhật, "
        "0 bài không đổi; 3 chuyển hướng mới hoặc sửa.",
        "Chuyên mục mới (ẩn khỏi trình đơn): Văn hóa – Thể thao.",
        "Thẻ mới: Đại hội Công đoàn, Bảo hiểm xã hội, Hội thao, Ba Bể.",
    ]
    assert err == []
    rows = Article.objects.order_by("publish_at").values_list("title", "status", "publish_at", "original_url")
    assert list(rows) == [
        (SPORTS["title"], "published", datetime(2020, 5, 19, 8, 30, tzinfo=VN), SPORTS["original_url"]),
        (MATERNITY["title"], "published", datetime(2021, 11, 2, 9, 15, tzinfo=VN), MATERNITY["original_url"]),
        (CONGRESS["title"], "published", datetime(2023, 7, 14, 16, 42, tzinfo=VN), CONGRESS["original_url"]),
    ]
    for article, shown in [
        (Article.objects.get(title=CONGRESS["title"]), ("2023-07-14T16:42:00+0700", "16:42 - 14/07/2023")),
        (Article.objects.get(title=MATERNITY["title"]), ("2021-11-02T09:15:00+0700", "09:15 - 02/11/2021")),
        (Article.objects.get(title=SPORTS["title"]), ("2020-05-19T08:30:00+0700", "08:30 - 19/05/2020")),
    ]:
        html = page(client, article.get_absolute_url())
        assert re.findall(r'<p class="article-time[^"]*">.*?</p>', html) == [
            f'<p class="article-time"><time datetime="{shown[0]}">Cập nhật lúc {shown[1]} (GMT +07:00)</time></p>'
        ]


def test_the_body_is_sanitised_as_the_rich_text_field_stores_it(client, frozen, existing, archive):
    run(archive)

    article = Article.objects.get(title=CONGRESS["title"])
    assert article.body == CONGRESS_BODY_STORED
    html = page(client, article.get_absolute_url())
    assert re.search(r'<div class="article-body">.*?</div>', html).group(0) == (
        f'<div class="article-body">{CONGRESS_BODY_STORED}</div>'
    )


def test_sections_and_tags_are_found_by_name_or_address_and_created_when_missing(frozen, existing, archive):
    run(archive)

    by_title = {article.title: article for article in Article.objects.prefetch_related("tags")}
    assert by_title[CONGRESS["title"]].section == existing["news"]  # its name, in another case
    assert by_title[MATERNITY["title"]].section == existing["law"]  # its address
    culture = by_title[SPORTS["title"]].section
    assert (culture.name, culture.slug, culture.show_in_menu, culture.parent) == (
        "Văn hóa – Thể thao",
        "van-hoa-the-thao",
        False,
        None,
    )
    assert sorted((tag.name, tag.slug, tag.kind) for tag in by_title[CONGRESS["title"]].tags.all()) == [
        ("Bắc Kạn", "bac-kan", "place"),
        ("Đại hội Công đoàn", "dai-hoi-cong-doan", "topic"),
    ]
    assert by_title[CONGRESS["title"]].tags.get(slug="bac-kan") == existing["backan"]
    assert sorted(Tag.objects.values_list("name", "slug", "kind")) == [
        ("Ba Bể", "ba-be", "place"),
        ("Bảo hiểm xã hội", "bao-hiem-xa-hoi", "topic"),
        ("Bắc Kạn", "bac-kan", "place"),
        ("Hội thao", "hoi-thao", "topic"),
        ("Đại hội Công đoàn", "dai-hoi-cong-doan", "topic"),
    ]
    assert Section.objects.count() == 3


def test_the_cover_is_stored_with_its_caption_credit_and_alt(client, frozen, existing, archive):
    run(archive)

    article = Article.objects.get(title=CONGRESS["title"])
    assert article.cover.name == "upload/images/nam-2026/thang-12.2026/dai-hoi.jpg"
    assert article.cover.read() == jpeg_bytes(800, 500)
    assert (article.cover_width, article.cover_height) == (800, 500)
    assert (article.cover_caption, article.cover_credit, article.cover_alt) == (
        "Ban Chấp hành khóa XI ra mắt Đại hội.",
        "Ảnh: Thu Thủy",
        "Các đại biểu đứng trên sân khấu Đại hội",
    )
    html = page(client, article.get_absolute_url())
    assert 'alt="Các đại biểu đứng trên sân khấu Đại hội"' in re.search(r"<img [^>]*>", html).group(0)
    assert re.search(r"<figcaption>.*?</figcaption>", html).group(0) == (
        '<figcaption>Ban Chấp hành khóa XI ra mắt Đại hội. <span class="photo-credit">Ảnh: Thu Thủy</span></figcaption>'
    )
    assert Article.objects.get(title=SPORTS["title"]).cover.name == ""


def test_byline_source_and_history_are_kept(client, frozen, existing, archive):
    run(archive)

    article = Article.objects.get(title=CONGRESS["title"])
    html = page(client, article.get_absolute_url())
    assert re.search(r'<p class="article-byline">.*?</p>', html).group(0) == (
        '<p class="article-byline">Thu Thủy, LĐLĐ tỉnh</p>'
    )
    assert re.search(r'<p class="article-source">.*?</p>', html).group(0) == (
        '<p class="article-source">Nguồn: Báo Bắc Kạn</p>'
    )
    from reversion.models import Version

    versions = Version.objects.get_for_object(article)
    assert [version.revision.comment for version in versions] == ["Nhập từ tệp lưu trữ baiviet.jsonl (dòng 1)."]


def found(client, query) -> list[str]:
    """The titles a search lists, as read (the matched words are highlighted)."""
    html = page(client, f"/tim-kiem/?q={query}")
    titles = re.findall(r'<h3 class="news-card-title"><a [^>]*>(.*?)</a>', html)
    return [re.sub(r"<[^>]+>", "", title) for title in titles]


def test_imported_articles_are_found_by_search_without_diacritics(client, frozen, existing, archive):
    run(archive)

    assert found(client, "che+do+thai+san") == [MATERNITY["title"]]
    assert found(client, "bao+hiem+xa+hoi") == [MATERNITY["title"]]  # a tag's name
    assert found(client, "thu+thuy") == [CONGRESS["title"]]  # the byline


def test_a_dry_run_checks_and_writes_nothing(frozen, existing, archive):
    out, _ = run(archive, None, "--dry-run")

    assert out == ["Tệp hợp lệ: 3 bài. Chưa nhập gì (--dry-run)."]
    assert Article.objects.count() == 0 and Redirect.objects.count() == 0


def test_the_progress_bar_shows_both_phases(frozen, existing, archive):
    err = io.StringIO()
    code = default_federation().code
    call_command("import_articles", str(archive), "--federation", code, stdout=io.StringIO(), stderr=err)

    assert err.getvalue().splitlines() == [  # not a terminal: a line per tenth
        "Kiểm tra  [#######-----------------------] 1/4",
        "Kiểm tra  [###############---------------] 2/4",  # the blank line between two articles
        "Kiểm tra  [######################--------] 3/4",
        "Kiểm tra  [##############################] 4/4",
        "Nhập bài  [##############################] 3/3",
    ]


# --- Idempotence ----------------------------------------------------------------------------


def test_importing_again_changes_nothing(frozen, existing, archive):
    run(archive)
    before = list(Article.objects.order_by("pk").values_list("pk", "slug", "version", "updated_at", "cover"))

    out, _ = run(archive)

    assert out == [
        f"Đã nhập 3 bài vào {default_federation()} ({default_federation().code}): 0 bài mới, 0 bài cập nhật, "
        "3 bài không đổi; 0 chuyển hướng mới hoặc sửa."
    ]
    assert list(Article.objects.order_by("pk").values_list("pk", "slug", "version", "updated_at", "cover")) == before
    assert Redirect.objects.count() == 3 and Section.objects.count() == 3 and Tag.objects.count() == 5


def test_importing_a_corrected_file_updates_only_the_changed_fields(client, frozen, existing, tmp_path):
    folder = tmp_path / "xuat"
    write_archive(folder, [CONGRESS, MATERNITY], covers={"anh/dai-hoi.jpg": jpeg_bytes(800, 500)})
    run(folder / "baiviet.jsonl")
    congress = Article.objects.get(original_url=CONGRESS["original_url"])
    congress.status = Article.Status.DRAFT  # an editor took it down meanwhile: the import leaves that alone
    congress.save()
    corrected = {
        **CONGRESS,
        "title": "Đại hội XI Công đoàn tỉnh Bắc Kạn thành công tốt đẹp",
        "body": CONGRESS["body"] + '<p onmouseover="x()">Danh sách Ban Chấp hành kèm theo.</p>',
        "tags": [{"name": "Bắc Kạn", "kind": "place"}],
        "cover": {**CONGRESS["cover"], "file": "anh/dai-hoi-2.jpg"},
    }
    write_archive(folder, [corrected, MATERNITY], covers={"anh/dai-hoi-2.jpg": jpeg_bytes(600, 400, (20, 90, 160))})

    out, _ = run(folder / "baiviet.jsonl")

    assert out == [
        f"Đã nhập 2 bài vào {default_federation()} ({default_federation().code}): 0 bài mới, 1 bài cập nhật, "
        "1 bài không đổi; 0 chuyển hướng mới hoặc sửa.",
        "Cập nhật dòng 1 “Đại hội XI Công đoàn tỉnh Bắc Kạn thành công tốt đẹp”: tiêu đề, nội dung, thẻ, ảnh đại diện.",
    ]
    congress.refresh_from_db()
    assert congress.title == corrected["title"]
    assert congress.body == CONGRESS_BODY_STORED + "<p>Danh sách Ban Chấp hành kèm theo.</p>"
    assert congress.slug == "dai-hoi-xi-cong-doan-tinh-thanh-cong-tot-dep"  # its address stays
    assert congress.status == Article.Status.DRAFT
    assert [tag.name for tag in congress.tags.all()] == ["Bắc Kạn"]
    assert (congress.cover.name, congress.cover_width) == ("upload/images/nam-2026/thang-12.2026/dai-hoi-2.jpg", 600)
    assert Article.objects.count() == 2


def test_an_import_stopped_midway_is_finished_by_running_it_again(monkeypatch, frozen, existing, archive, settings):
    monkeypatch.setattr(importing, "BATCH_SIZE", 1)
    real_create = Redirect.objects.create
    calls = []

    def failing_create(**kwargs):
        calls.append(kwargs["old_path"])
        if len(calls) == 2:
            raise OSError("đĩa đầy")
        return real_create(**kwargs)

    monkeypatch.setattr(Redirect.objects, "create", failing_create)
    message, _ = refused(archive)

    assert message == (
        "Dừng nhập ở lô bắt đầu từ dòng 3 vì lỗi khi ghi vào cơ sở dữ liệu hoặc thư mục ảnh. 1 bài trước đó đã được "
        "nhập; chạy lại để nhập tiếp (bài đã nhập được nhận ra theo địa chỉ gốc). (OSError('đĩa đầy'))"
    )
    assert list(Article.objects.values_list("title", flat=True)) == [CONGRESS["title"]]

    monkeypatch.setattr(Redirect.objects, "create", real_create)
    out, _ = run(archive)
    assert out[0].endswith("2 bài mới, 0 bài cập nhật, 1 bài không đổi; 2 chuyển hướng mới hoặc sửa.")
    assert Article.objects.count() == 3 and Redirect.objects.count() == 3


# --- Bad files: every reason, nothing written ---------------------------------------------


def test_every_bad_line_is_reported_with_its_reason_and_nothing_is_imported(frozen, existing, tmp_path):
    folder = tmp_path / "xuat"
    (tmp_path / "ngoai.jpg").write_bytes(jpeg_bytes())

    def article(number, **changes):
        line = {**SPORTS, "original_url": f"http://congdoanbackan.org.vn/tin/{number}.html", **changes}
        return {key: value for key, value in line.items() if value is not None}

    lines = [
        article(1, cover={"file": "anh/tot.jpg", "alt": "Ảnh tốt"}),
        '{"title": "Thiếu dấu ngoặc", ',
        article(3, title=None),
        article(4, published_at="07/03/2022 08:53"),
        article(5, published_at="2022-02-30T08:00:00+07:00"),
        article(6, published_at="２０２２-03-07T08:53:00+07:00"),
        article(7, published_at="2022-03-07T08:53:00\u200f+07:00"),
        article(8, published_at="2022-03-07T08:5³:00+07:00"),
        article(9, published_at="2027-01-01T00:00:00+07:00"),
        article(10, tags=[{"name": "Hà Nội", "kind": "city"}]),
        article(11, cover={"file": "anh/khong-co.jpg", "alt": "Ảnh"}),
        article(12, cover={"file": "anh/hong.jpg", "alt": "Ảnh"}),
        article(13, cover={"file": "anh/van-ban.jpg", "alt": "Ảnh"}),
        article(14, cover={"file": "../ngoai.jpg", "alt": "Ảnh"}),
        article(15, title="Đ" * 301),
        article(16, body="<p>" + "chữ " * 80_000 + "</p>"),
        "[1, 2, 3]",
        article(18, original_url="congdoanbackan.org.vn/tin/18.html"),
        article(1),
        "Công đoàn".encode("cp1258"),
        article(21, title="Tin\x00tức"),
        article(22, publish_at="2022-03-07T08:53:00+07:00"),
        article(23, section="an-toan-lao-dong"),
        article(24, cover={"file": "anh/tot.jpg"}),
        article(25, tags="Hội thao"),
        article(26, tags=[f"Thẻ {n}" for n in range(31)]),
        article(27, cover="anh/tot.jpg"),
        json.dumps(article(28, title="Tin \ud800 tức")),  # a lone surrogate, escaped as JSON allows
        article(29, original_url="http://congdoanbackan.org.vn/" + "đ" * 200),  # 6 characters each, encoded
        article(30, original_url="https://congdoanbackan.org.vn/"),
        article(31, sapo=["Đoạn dẫn"]),
    ]
    write_archive(
        folder,
        lines,
        covers={
            "anh/tot.jpg": jpeg_bytes(),
            "anh/hong.jpg": jpeg_bytes()[:400],
            "anh/van-ban.jpg": "Không phải ảnh".encode(),
        },
    )

    message, reasons = refused(folder / "baiviet.jsonl")

    assert reasons == [
        "Dòng 2: không phải JSON hợp lệ (lỗi ở cột 30).",
        "Dòng 3: thiếu tiêu đề (title).",
        "Dòng 4: thời điểm đăng gốc (published_at) “07/03/2022 08:53” không đúng dạng ISO 8601, "
        "ví dụ 2022-03-07T08:53:00+07:00 (hoặc 2022-03-07 08:53 theo giờ Việt Nam).",
        "Dòng 5: thời điểm đăng gốc (published_at) “2022-02-30T08:00:00+07:00” không có thật "
        "(ngày, giờ hoặc múi giờ sai).",
        "Dòng 6: thời điểm đăng gốc (published_at) có ký tự lạ U+FF12 “２”: chỉ dùng chữ số 0–9 thường, "
        "không dùng chữ số kiểu khác, chỉ số trên hay ký tự ẩn.",
        "Dòng 7: thời điểm đăng gốc (published_at) có ký tự lạ U+200F: chỉ dùng chữ số 0–9 thường, "
        "không dùng chữ số kiểu khác, chỉ số trên hay ký tự ẩn.",
        "Dòng 8: thời điểm đăng gốc (published_at) có ký tự lạ U+00B3 “³”: chỉ dùng chữ số 0–9 thường, "
        "không dùng chữ số kiểu khác, chỉ số trên hay ký tự ẩn.",
        "Dòng 9: thời điểm đăng gốc (published_at) “2027-01-01T00:00:00+07:00” còn ở tương lai; "
        "bài lưu trữ phải là bài đã đăng.",
        "Dòng 10: thẻ thứ 1: loại “city” không có; chỉ nhận topic (chủ đề) hoặc place (địa danh).",
        "Dòng 11: không tìm thấy tệp ảnh “anh/khong-co.jpg”.",
        "Dòng 12: ảnh “anh/hong.jpg”: Tệp này không phải là ảnh hợp lệ. Chỉ nhận ảnh JPEG, PNG, WebP hoặc GIF.",
        "Dòng 13: ảnh “anh/van-ban.jpg”: Tệp này không phải là ảnh hợp lệ. Chỉ nhận ảnh JPEG, PNG, WebP hoặc GIF.",
        "Dòng 14: đường dẫn ảnh “../ngoai.jpg” phải nằm trong thư mục của tệp .jsonl.",
        "Dòng 15: tiêu đề (title) dài 301 ký tự; tối đa 300.",
        "Dòng 16: nội dung (body) dài 320.007 ký tự sau khi làm sạch định dạng; tối đa 300.000.",
        "Dòng 17: mỗi dòng phải là một đối tượng JSON {…} mô tả một bài viết.",
        "Dòng 18: địa chỉ gốc (original_url) “congdoanbackan.org.vn/tin/18.html” không phải địa chỉ http:// "
        "hoặc https:// đầy đủ.",
        "Dòng 19: địa chỉ gốc (original_url) trùng với dòng 1.",
        "Dòng 20: không phải văn bản UTF-8 (có thể tệp được lưu bằng bảng mã Windows-1258 hoặc TCVN3); "
        "hãy lưu tệp bằng UTF-8.",
        "Dòng 21: tiêu đề (title) chứa ký tự điều khiển U+0000.",
        "Dòng 22: có trường không được nhận “publish_at”.",
        "Dòng 23: chưa có chuyên mục có đường dẫn “an-toan-lao-dong”; để tạo chuyên mục mới, hãy ghi tên "
        "chuyên mục (có dấu) thay cho đường dẫn.",
        "Dòng 24: ảnh đại diện cần mô tả ảnh (cover.alt) cho người khiếm thị, hoặc ít nhất chú thích ảnh "
        "(cover.caption).",
        "Dòng 25: thẻ (tags) phải là một danh sách [ … ].",
        "Dòng 26: có 31 thẻ (tags); tối đa 30.",
        'Dòng 27: ảnh đại diện (cover) phải là một đối tượng {"file": …, "caption": …, …}.',
        "Dòng 28: tiêu đề (title) chứa ký tự Unicode không hợp lệ (nửa cặp thay thế).",
        "Dòng 29: đường dẫn của địa chỉ gốc (original_url) dài 1.201 ký tự; tối đa 500.",
        "Dòng 30: địa chỉ gốc (original_url) “https://congdoanbackan.org.vn/” là trang chủ, không phải địa chỉ của "
        "một bài.",
        "Dòng 31: sapo (sapo) phải là một chuỗi chữ trong dấu ngoặc kép.",
    ]
    assert message == "Chưa nhập gì: tệp có 30 lỗi (liệt kê ở trên)."
    assert Article.objects.count() == 0 and Redirect.objects.count() == 0
    assert Section.objects.count() == 2 and Tag.objects.count() == 1


def test_an_old_address_already_leading_to_another_article_is_refused(frozen, existing, archive):
    other = ArticleFactory(title="Bài đã có", slug="bai-da-co")
    Redirect.objects.create(
        federation=default_federation(), old_path="/tin-tuc/dai-hoi-xi-1245.html", new_path=other.get_absolute_url()
    )

    _, reasons = refused(archive)

    assert reasons == [
        "Dòng 1: đường dẫn cũ “/tin-tuc/dai-hoi-xi-1245.html” đã được chuyển hướng tới “/bai-viet/bai-da-co/” "
        "(một bài khác hoặc một lần hợp nhất); bỏ dòng này, hoặc nhờ quản trị hệ thống xóa chuyển hướng cũ."
    ]
    other.delete()  # the redirect now leads nowhere: the import takes it over
    run(archive)
    congress = Article.objects.get(original_url=CONGRESS["original_url"])
    assert Redirect.objects.get(old_path="/tin-tuc/dai-hoi-xi-1245.html").new_path == congress.get_absolute_url()


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "Tệp không có bài viết nào."),
        (b"\n  \n", "Tệp không có bài viết nào."),
        ("{}".encode("utf-16"), "Tệp được lưu bằng bảng mã UTF-16; hãy lưu lại bằng UTF-8."),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "Tệp không phải văn bản JSON Lines (có dữ liệu nhị phân). Hãy chọn tệp .jsonl, hoặc tệp .zip chứa tệp "
            ".jsonl cùng các ảnh.",
        ),
    ],
)
def test_a_file_that_is_not_json_lines_is_refused_whole(tmp_path, content, reason):
    path = tmp_path / "baiviet.jsonl"
    path.write_bytes(content)

    assert refused(path) == ("Chưa nhập gì: tệp có 1 lỗi (liệt kê ở trên).", [reason])


def test_an_overlong_line_and_deep_nesting_are_reasons_not_crashes(frozen, tmp_path):
    path = write_archive(tmp_path, [b'{"title": "' + b"x" * (5 * 1024 * 1024) + b'"}', "[" * 100_000 + "]" * 100_000])

    assert refused(path)[1] == [
        "Dòng 1: dòng quá dài (hơn 4 MB); một bài viết không dài như vậy.",
        "Dòng 2: không phải JSON đọc được (lồng nhau quá sâu).",
    ]


def test_unknown_and_merged_federations_are_refused(archive):
    with pytest.raises(CommandError, match=r"^Không có liên đoàn mã “khong-co”\.$"):
        call_command("import_articles", str(archive), "--federation", "khong-co")
    merged = Federation.objects.create(
        code="cu", short_name="LĐLĐ cũ", state=Federation.State.MERGED, merged_into=default_federation()
    )
    message = f"LĐLĐ cũ đã hợp nhất vào {default_federation()}; hãy nhập vào --federation {default_federation().code}."
    with pytest.raises(CommandError) as failure:
        call_command("import_articles", str(archive), "--federation", merged.code)
    assert str(failure.value) == message


# --- Another federation, its host, its redirects --------------------------------------------


@pytest.fixture
def federation_b():
    federation = Federation.objects.create(
        code="sonla", name_line2="TỈNH SƠN LA", short_name="LĐLĐ tỉnh Sơn La", province="Sơn La"
    )
    FederationHost.objects.create(federation=federation, host=B_HOST, is_primary=True)
    return federation


def test_old_addresses_answer_301_to_the_article_on_the_federations_host(frozen, tmp_path, federation_b):
    vietnamese_path = {**SPORTS, "original_url": "http://congdoansonla.vn/tin-tức/hội-thao.html?trang=2"}
    path = write_archive(tmp_path, [{**MATERNITY, "section": "Chính sách – Pháp luật"}, vietnamese_path])

    run(path, federation_b)

    with activate(federation_b):
        maternity = Article.objects.get(title=MATERNITY["title"])
        sports = Article.objects.get(title=SPORTS["title"])
    assert maternity.federation_id == sports.federation_id == federation_b.pk
    assert sorted(Redirect.objects.values_list("federation__code", "old_path", "new_path")) == [
        ("sonla", "/index.php?option=com_content&view=article&id=532", maternity.get_absolute_url()),
        ("sonla", "/tin-t%E1%BB%A9c/h%E1%BB%99i-thao.html?trang=2", sports.get_absolute_url()),
    ]
    b = Client(HTTP_HOST=B_HOST)
    for old, article in [
        ("/index.php?option=com_content&view=article&id=532", maternity),
        ("/tin-tức/hội-thao.html?trang=2", sports),
    ]:
        moved = b.get(old)
        assert (moved.status_code, moved["Location"]) == (301, article.get_absolute_url())
        assert h1(page(b, moved["Location"])) == article.title
    # The default federation's host has neither the articles nor their old addresses.
    assert Client().get("/index.php?option=com_content&view=article&id=532").status_code == 404
    assert Client().get(maternity.get_absolute_url()).status_code == 404


def test_the_demo_archive_imports_with_its_covers_and_redirects(client, frozen):
    out, _ = run(DEMO_ARCHIVE)

    assert out[0] == (
        f"Đã nhập 6 bài vào {default_federation()} ({default_federation().code}): 6 bài mới, 0 bài cập nhật, "
        "0 bài không đổi; 6 chuyển hướng mới hoặc sửa."
    )
    assert Article.objects.exclude(cover="").count() == 2
    moved = client.get("/index.php?option=com_content&view=article&id=987")
    article = Article.objects.get(original_url__endswith="id=987")
    assert (moved.status_code, moved["Location"]) == (301, article.get_absolute_url())
    assert h1(page(client, moved["Location"])) == "Trao Mái ấm Công đoàn cho đoàn viên xã Nam Mẫu, huyện Ba Bể"
    assert re.search(r'<p class="article-time">.*?</p>', page(client, article.get_absolute_url())).group(0) == (
        '<p class="article-time"><time datetime="2021-11-02T09:15:00+0700">'
        "Cập nhật lúc 09:15 - 02/11/2021 (GMT +07:00)</time></p>"
    )


def test_a_zip_holds_the_file_and_its_covers(frozen, existing, tmp_path):
    path = tmp_path / "luu-tru.zip"
    path.write_bytes(
        zipped(
            {
                "xuat/baiviet.jsonl": json.dumps(CONGRESS, ensure_ascii=False).encode(),
                "xuat/anh/dai-hoi.jpg": jpeg_bytes(800, 500),
            }
        )
    )

    out, _ = run(path)

    assert out[0].endswith("1 bài mới, 0 bài cập nhật, 0 bài không đổi; 1 chuyển hướng mới hoặc sửa.")
    assert Article.objects.get().cover.read() == jpeg_bytes(800, 500)


# --- The admin page ---------------------------------------------------------------------------


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


def upload(client, name, content, **extra):
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, content)}, **extra)


def form_errors(response) -> list[str]:
    return re.findall(r'<ul class="errorlist[^"]*"[^>]*><li>(.*?)</li>', response.content.decode(), re.S)


def listed_problems(response) -> list[str]:
    block = re.search(r'<ul class="import-errors">(.*?)</ul>', response.content.decode(), re.S)
    return re.findall(r"<li>(.*?)</li>", block.group(1), re.S) if block else []


def test_an_editor_imports_a_zip_from_the_article_list(editor_client, editor, frozen, existing):
    listing = page(editor_client, LIST_URL)
    assert f'<a href="{IMPORT_URL}">Nhập bài từ tệp</a>' in listing
    assert re.findall(r'<input type="file" name="file"[^>]*>', page(editor_client, IMPORT_URL)) == [
        '<input type="file" name="file" required aria-describedby="id_file_helptext" id="id_file">'
    ]
    content = zipped(
        {
            "baiviet.jsonl": "\n".join(json.dumps(line, ensure_ascii=False) for line in (CONGRESS, MATERNITY)).encode(),
            "anh/dai-hoi.jpg": jpeg_bytes(800, 500),
        }
    )

    response = upload(editor_client, "luu-tru.zip", content)

    assert (response.status_code, response["Location"]) == (302, LIST_URL)
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert messages == [
        f"Đã nhập 2 bài vào {default_federation()} ({default_federation().code}): 2 bài mới, 0 bài cập nhật, "
        "0 bài không đổi; 2 chuyển hướng mới hoặc sửa.",
        "Thẻ mới: Đại hội Công đoàn, Bảo hiểm xã hội.",
    ]
    congress = Article.objects.get(original_url=CONGRESS["original_url"])
    assert (congress.created_by, congress.updated_by, congress.cover_width) == (editor, editor, 800)


def test_writers_have_no_import(client, writer, frozen):
    client.force_login(writer)
    assert "Nhập bài từ tệp" not in page(client, LIST_URL)
    assert client.get(IMPORT_URL).status_code == 403
    assert upload(client, "baiviet.jsonl", json.dumps(SPORTS).encode()).status_code == 403
    assert Article.objects.count() == 0


def test_an_editor_imports_into_the_federation_of_the_admin_they_are_on(frozen, federation_b):
    editor_b = UserFactory(username="bientap-sonla")
    give_role(editor_b, EDITOR_GROUP, federation=federation_b)
    client = Client(HTTP_HOST=B_HOST)
    client.force_login(editor_b)

    response = upload(client, "baiviet.jsonl", json.dumps(SPORTS, ensure_ascii=False).encode())

    assert response.status_code == 302
    assert list(everywhere(Article).values_list("federation__code", "title")) == [("sonla", SPORTS["title"])]
    moved = client.get("/van-hoa/hoi-thao-cong-nhan-vien-chuc-301.html")
    assert moved.status_code == 301
    # On the default federation's admin the same editor has no role at all.
    other = Client()
    other.force_login(editor_b)
    assert other.get(IMPORT_URL).status_code == 302  # to the login page


def test_the_admin_lists_every_bad_line(editor_client, frozen, existing):
    content = "\n".join(
        [json.dumps(SPORTS, ensure_ascii=False), "{không phải JSON}", json.dumps({**MATERNITY, "title": ""})]
    ).encode()

    response = upload(editor_client, "baiviet.jsonl", content)

    assert response.status_code == 200
    assert listed_problems(response) == [
        "Dòng 2: không phải JSON hợp lệ (lỗi ở cột 2).",
        "Dòng 3: thiếu tiêu đề (title).",
    ]
    assert "Chưa nhập gì vì tệp có 2 lỗi:" in response.content.decode()
    assert Article.objects.count() == 0


def _big_zip() -> bytes:
    return zipped({"baiviet.jsonl": b" " * (21 * 1024 * 1024)})


def _damaged_zip() -> bytes:
    """A ZIP whose directory is whole but whose file's data was damaged: found while reading."""
    data = bytearray(zipped({"baiviet.jsonl": (json.dumps(SPORTS) + "\n").encode() * 50}))
    data[30 + len("baiviet.jsonl") + 40] ^= 0xFF
    return bytes(data)


@pytest.mark.parametrize(
    "name, content, error",
    [
        (
            "luu-tru.zip",
            b"PK\x03\x04" + b"\x00hong" * 200,
            "Tệp ZIP bị hỏng hoặc không đọc được (có thể tải lên chưa hết, hoặc có mật khẩu).",
        ),
        (
            "luu-tru.zip",
            _damaged_zip(),
            "Tệp ZIP bị hỏng hoặc không đọc được (có thể tải lên chưa hết, hoặc có mật khẩu).",
        ),
        (
            "luu-tru.zip",
            zipped({"a.jsonl": b"{}", "b/c.jsonl": b"{}"}),
            "Tệp ZIP phải chứa đúng một tệp .jsonl (đang có 2).",
        ),
        (
            "luu-tru.zip",
            _big_zip(),
            "Tệp baiviet.jsonl trong tệp ZIP quá lớn (21,0 MB khi giải nén); tối đa 20 MB.",
        ),
        (
            "rac.bin",
            bytes(range(256)) * 4096,
            "Tệp không phải văn bản JSON Lines (có dữ liệu nhị phân). Hãy chọn tệp .jsonl, hoặc tệp .zip chứa tệp "
            ".jsonl cùng các ảnh.",
        ),
        (
            "rac.jsonl",
            b"\xff" * (10 * 1024 * 1024),
            "Tệp quá lớn (10,0 MB); tối đa 8 MB. Hãy chia nhỏ tệp, hoặc nhờ quản trị hệ thống chạy lệnh "
            "python manage.py import_articles.",
        ),
        ("trong.jsonl", b"", "Tệp trống, không có bài viết nào."),
        (
            "nhieu.jsonl",
            "\n".join(
                json.dumps({**SPORTS, "original_url": f"http://congdoanbackan.org.vn/tin/{n}.html"}) for n in range(21)
            ).encode(),
            "Tệp có hơn 20 bài; trên trang quản trị mỗi lần nhập tối đa 20 bài. Hãy chia nhỏ tệp, hoặc nhờ quản trị "
            "hệ thống chạy lệnh python manage.py import_articles.",
        ),
    ],
    ids=["corrupt-zip", "damaged-zip", "two-files", "zip-bomb", "binary-junk", "10-mb-junk", "empty", "too-many"],
)
def test_hostile_uploads_are_vietnamese_form_errors(editor_client, frozen, name, content, error):
    response = upload(editor_client, name, content)

    assert response.status_code == 200
    assert form_errors(response) == [error]
    assert Article.objects.count() == 0


def test_a_file_not_in_utf8_is_reported_line_by_line(editor_client, frozen):
    content = json.dumps(SPORTS, ensure_ascii=False).encode("utf-8") + b"\n" + "Công đoàn".encode("cp1258")

    response = upload(editor_client, "baiviet.jsonl", content)

    assert response.status_code == 200
    assert listed_problems(response) == [
        "Dòng 2: không phải văn bản UTF-8 (có thể tệp được lưu bằng bảng mã Windows-1258 hoặc TCVN3); "
        "hãy lưu tệp bằng UTF-8."
    ]


def test_a_jsonl_uploaded_alone_cannot_bring_covers(editor_client, frozen, existing):
    response = upload(editor_client, "baiviet.jsonl", json.dumps(CONGRESS, ensure_ascii=False).encode())

    assert listed_problems(response) == [
        "Dòng 1: không có tệp ảnh “anh/dai-hoi.jpg”: tệp .jsonl tải lên một mình không kèm ảnh. Hãy nén tệp "
        ".jsonl cùng thư mục ảnh thành một tệp .zip rồi tải tệp .zip lên."
    ]


def test_a_zip_cannot_reach_outside_its_folder_or_unpack_a_huge_photo(editor_client, frozen, existing):
    lines = [
        {**CONGRESS, "cover": {"file": "../../etc/passwd", "alt": "Ảnh"}},
        {**MATERNITY, "cover": {"file": "anh/lon.jpg", "alt": "Ảnh"}},
    ]
    content = zipped(
        {
            "xuat/baiviet.jsonl": "\n".join(json.dumps(line, ensure_ascii=False) for line in lines).encode(),
            "xuat/anh/lon.jpg": b"\x00" * (11 * 1024 * 1024),  # compressed to a few kilobytes
        }
    )
    response = upload(editor_client, "luu-tru.zip", content)

    assert listed_problems(response) == [
        "Dòng 1: đường dẫn ảnh “../../etc/passwd” phải nằm trong thư mục của tệp .jsonl.",
        "Dòng 2: ảnh “anh/lon.jpg”: Ảnh quá lớn (11,0 MB); tối đa 10 MB.",
    ]
