"""Backup and restore round trip: every row and every media file comes back identical.

The source is the test database (SQLite, or PostgreSQL with DATABASE_URL); the fresh-target
test restores into a new SQLite database in a subprocess, so the two runs of this file prove
SQLite → SQLite and PostgreSQL → SQLite.
"""

import datetime
import io
import json
import os
import subprocess
import sys
import tarfile

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from congdoan.backup import database_checksums
from congdoan.models import Federation
from congdoan.tenancy import default_federation
from news.models import Article
from tests.campaigns.factories import PhaseFactory, TargetFactory
from tests.contests.factories import AnswerFactory, QuestionFactory
from tests.news.factories import ArticleFactory, TagFactory
from tests.servers import ROOT

pytestmark = pytest.mark.django_db(transaction=True)

ODD_TIME = datetime.datetime(2024, 7, 28, 1, 2, 3, 456789, tzinfo=datetime.UTC)


def varied_content(django_user_model):
    """Rows of every app with the values lossy formats break: padded search columns,
    CRLF and leading/trailing spaces in text, microseconds, many-to-many links."""
    Federation.objects.filter(pk=default_federation().pk).update(
        name_line2="TỈNH LẠNG SƠN", domain="congdoanlangson.vn", address="  Số 1\r\nĐường Lê Lợi  "
    )
    writer = django_user_model.objects.create_user("phongvien", password="x", is_staff=True, first_name=" Thu Thủy ")
    writer.groups.add(Group.objects.create(name="Ban biên tập thử"))
    django_user_model.objects.filter(pk=writer.pk).update(last_login=ODD_TIME)
    tags = [TagFactory(name="Sơn La"), TagFactory(name="Đại hội")]
    article = ArticleFactory(
        title="Đại hội Công đoàn tỉnh lần thứ XVII", body="<p>Dòng một</p>\r\n<p>Dòng hai</p>", tags=tags
    )
    Article.objects.filter(pk=article.pk).update(publish_at=ODD_TIME)
    PhaseFactory()
    TargetFactory()
    AnswerFactory(option=QuestionFactory().options.first())
    return article


def snapshot(django_user_model):
    return {
        "identity": list(Federation.objects.values()),
        "users": list(django_user_model.objects.order_by("username").values("username", "password", "is_staff")),
        "groups": {g.name: sorted(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()},
    }


def test_round_trip_restores_rows_and_media(tmp_path, django_user_model, _media_root):
    Federation.objects.filter(pk=default_federation().pk).update(
        name_line2="TỈNH LẠNG SƠN", domain="congdoanlangson.vn"
    )
    django_user_model.objects.create_user("bientap", password="x", is_staff=True)
    group = Group.objects.create(name="Ban biên tập thử")
    group.permissions.add(*Permission.objects.filter(codename__startswith="change_")[:3])
    photo = default_storage.save("upload/images/nam-2024/thang-07.2024/anh.jpg", ContentFile(b"\xff\xd8photo"))
    before = snapshot(django_user_model)

    out = io.StringIO()
    call_command("backup", str(tmp_path / "sao-luu.tar.gz"), stdout=out)
    assert "Đã sao lưu" in out.getvalue()

    # Damage everything, then restore.
    Federation.objects.update(name_line2="SAI")
    django_user_model.objects.all().delete()
    Group.objects.all().delete()
    default_storage.delete(photo)
    default_storage.save("upload/images/khac.jpg", ContentFile(b"x"))

    call_command("restore", str(tmp_path / "sao-luu.tar.gz"), "--yes", stdout=io.StringIO())

    assert snapshot(django_user_model) == before
    with default_storage.open(photo) as handle:
        assert handle.read() == b"\xff\xd8photo"


def test_manifest_counts_rows(tmp_path, django_user_model):
    django_user_model.objects.create_user("a")
    call_command("backup", str(tmp_path / "b.tar.gz"), stdout=io.StringIO())
    with tarfile.open(tmp_path / "b.tar.gz") as archive:
        manifest = json.load(archive.extractfile("manifest.json"))
    assert manifest["counts"]["auth.user"] == 1
    assert manifest["database"] in {"sqlite", "postgresql"}


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    bogus = tmp_path / "khong-phai.tar.gz"
    bogus.write_bytes(b"not a tarball")
    with pytest.raises(CommandError, match="Cannot open"):
        call_command("restore", str(bogus), "--yes", stdout=io.StringIO())
    empty = tmp_path / "rong.tar.gz"
    with tarfile.open(empty, "w:gz"):
        pass
    with pytest.raises(CommandError, match="Not a backup"):
        call_command("restore", str(empty), "--yes", stdout=io.StringIO())


def test_restore_refuses_path_tricks_before_changing_anything(tmp_path, _media_root, django_user_model):
    django_user_model.objects.create_user("con-lai")
    call_command("backup", str(tmp_path / "b.tar.gz"), stdout=io.StringIO())
    django_user_model.objects.create_user("moi-them")
    # Re-pack with a hostile member name.
    with tarfile.open(tmp_path / "b.tar.gz") as original, tarfile.open(tmp_path / "evil.tar.gz", "w:gz") as evil:
        for member in original.getmembers():
            evil.addfile(member, original.extractfile(member))
        info = tarfile.TarInfo("media/../../thoat.txt")
        info.size = 2
        evil.addfile(info, io.BytesIO(b"hi"))
    with pytest.raises(CommandError, match="Unsafe media path"):
        call_command("restore", str(tmp_path / "evil.tar.gz"), "--yes", stdout=io.StringIO())
    assert django_user_model.objects.filter(username="moi-them").exists()
    assert not (tmp_path / "thoat.txt").exists()
    assert not (_media_root.parent.parent / "thoat.txt").exists()


def test_restore_gives_back_every_row_and_exactly_the_archived_media(tmp_path, django_user_model, _media_root):
    varied_content(django_user_model)
    kept = default_storage.save("upload/images/nam-2024/anh.jpg", ContentFile(b"\xff\xd8photo"))
    before = database_checksums()
    call_command("backup", str(tmp_path / "sao-luu.tar.gz"), stdout=io.StringIO())

    Article.objects.update(title="Đã sửa sau khi sao lưu")
    django_user_model.objects.create_user("moi-them")
    default_storage.save("upload/images/moi-them.jpg", ContentFile(b"x"))
    out = io.StringIO()
    call_command("restore", str(tmp_path / "sao-luu.tar.gz"), "--yes", stdout=out)

    assert database_checksums() == before
    assert (
        out.getvalue()
        .strip()
        .endswith("tệp media. Đã xoá 1 tệp media không có trong bản sao lưu: upload/images/moi-them.jpg.")
    )
    media = sorted(p.relative_to(_media_root).as_posix() for p in _media_root.rglob("*") if p.is_file())
    assert media == [kept]
    # The padded search columns survived: the first and last syllables of a title still match.
    assert [a.title for a in Article.objects.published().search("dai")] == ["Đại hội Công đoàn tỉnh lần thứ XVII"]
    assert [a.title for a in Article.objects.published().search("xvii")] == ["Đại hội Công đoàn tỉnh lần thứ XVII"]


def test_restore_into_a_fresh_sqlite_database_is_identical(tmp_path, django_user_model, _media_root):
    """From this run's database (SQLite or PostgreSQL) into a new SQLite file, as a move
    to another machine would: the target's own checksums equal the source's."""
    varied_content(django_user_model)
    default_storage.save("upload/images/anh.jpg", ContentFile(b"\xff\xd8photo"))
    call_command("backup", str(tmp_path / "sao-luu.tar.gz"), stdout=io.StringIO())
    source = database_checksums()

    env = {
        **os.environ,
        "SECRET_KEY": "test-only-not-secret",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'dich.sqlite3'}",
        "REDIS_URL": "",
        "MEDIA_ROOT": str(tmp_path / "media-dich"),
        "CONTENT_VERSION_FILE": str(tmp_path / "content-version-dich"),
    }

    def manage(*args):
        return subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=True
        ).stdout

    manage("migrate", "--noinput", "--verbosity", "0")
    manage("restore", str(tmp_path / "sao-luu.tar.gz"), "--yes")
    script = "import json; from congdoan.backup import database_checksums; print(json.dumps(database_checksums()))"
    target = json.loads(manage("shell", "--no-imports", "-c", script))

    assert connection.vendor in {"sqlite", "postgresql"}
    assert target == source
    assert (tmp_path / "media-dich" / "upload/images/anh.jpg").read_bytes() == b"\xff\xd8photo"


def test_restore_that_would_change_a_row_rolls_back(tmp_path, django_user_model):
    varied_content(django_user_model)
    call_command("backup", str(tmp_path / "b.tar.gz"), stdout=io.StringIO())
    # A backup whose data no longer matches its manifest (damaged, or edited by hand).
    with tarfile.open(tmp_path / "b.tar.gz") as original, tarfile.open(tmp_path / "sai.tar.gz", "w:gz") as damaged:
        for member in original.getmembers():
            content = original.extractfile(member).read()
            if member.name == "data.exactjson":
                content = content.replace("Đại hội Công đoàn".encode(), "Đại hội Công Đoàn".encode())
            member.size = len(content)
            damaged.addfile(member, io.BytesIO(content))
    Article.objects.update(title="Bản hiện tại")

    with pytest.raises(CommandError, match=r"^Restored rows differ from the backup in: news\.article$"):
        call_command("restore", str(tmp_path / "sai.tar.gz"), "--yes", stdout=io.StringIO())
    assert list(Article.objects.values_list("title", flat=True)) == ["Bản hiện tại"]


def test_backups_of_the_first_format_still_restore(tmp_path, django_user_model):
    django_user_model.objects.create_user("cu")
    call_command("dumpdata", "auth.user", natural_foreign=True, format="xml", output=str(tmp_path / "data.xml"))
    manifest = {"format": 1, "counts": {"auth.user": 1}, "media_files": 0}
    with tarfile.open(tmp_path / "cu.tar.gz", "w:gz") as archive:
        (tmp_path / "manifest.json").write_text(json.dumps(manifest))
        archive.add(tmp_path / "manifest.json", arcname="manifest.json")
        archive.add(tmp_path / "data.xml", arcname="data.xml")
    django_user_model.objects.all().delete()

    call_command("restore", str(tmp_path / "cu.tar.gz"), "--yes", stdout=io.StringIO())

    assert list(django_user_model.objects.values_list("username", flat=True)) == ["cu"]
