"""Backup and restore round trip: every row and every media file comes back identical."""

import io
import json
import tarfile

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from congdoan.models import SiteIdentity

pytestmark = pytest.mark.django_db(transaction=True)


def snapshot(django_user_model):
    return {
        "identity": list(SiteIdentity.objects.values()),
        "users": list(django_user_model.objects.order_by("username").values("username", "password", "is_staff")),
        "groups": {g.name: sorted(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()},
    }


def test_round_trip_restores_rows_and_media(tmp_path, django_user_model, _media_root):
    SiteIdentity.objects.create(name_line2="TỈNH LẠNG SƠN", domain="congdoanlangson.vn")
    django_user_model.objects.create_user("bientap", password="x", is_staff=True)
    group = Group.objects.create(name="Ban biên tập thử")
    group.permissions.add(*Permission.objects.filter(codename__startswith="change_")[:3])
    photo = default_storage.save("upload/images/nam-2024/thang-07.2024/anh.jpg", ContentFile(b"\xff\xd8photo"))
    before = snapshot(django_user_model)

    out = io.StringIO()
    call_command("backup", str(tmp_path / "sao-luu.tar.gz"), stdout=out)
    assert "Đã sao lưu" in out.getvalue()

    # Damage everything, then restore.
    SiteIdentity.objects.update(name_line2="SAI")
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
