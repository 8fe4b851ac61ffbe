"""One-file backups: the database (as a consistent snapshot) and the media folder.

The archive is a .tar.gz holding `manifest.json` (what and when, with row counts per
model), `data.xml` (Django's serialisation of every table with natural keys, so it
restores into SQLite or PostgreSQL alike; XML because JSON rounds times to the
millisecond) and `media/…`.
"""

import io
import json
import tarfile
import tempfile
from collections import Counter
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

FORMAT_VERSION = 1
# Rebuilt by migrate/flush, or not worth keeping: sessions and login-attempt logs.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "axes", "admin.logentry"]


class BackupError(Exception):
    pass


def _row_counts() -> dict[str, int]:
    counts = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.proxy or not model._meta.managed or _excluded(label):
            continue
        counts[label] = model._default_manager.count()
    return counts


def _excluded(label: str) -> bool:
    app_label = label.split(".")[0]
    return label in EXCLUDED or app_label in EXCLUDED


def _snapshot_transaction():
    """A transaction whose reads all see one moment of the database."""
    atomic = transaction.atomic()
    atomic.__enter__()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
    return atomic


def create_backup(path: Path) -> dict:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as scratch:
        data_file = Path(scratch) / "data.xml"
        atomic = _snapshot_transaction()
        try:
            call_command(
                "dumpdata",
                natural_foreign=True,
                natural_primary=True,
                exclude=EXCLUDED,
                format="xml",
                output=str(data_file),
                verbosity=0,
            )
            counts = _row_counts()
        finally:
            atomic.__exit__(None, None, None)
        media_files = sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "database": connection.vendor,
            "counts": counts,
            "media_files": len(media_files),
        }
        with tarfile.open(path, "w:gz") as archive:
            _add_bytes(archive, "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2).encode())
            archive.add(data_file, arcname="data.xml")
            for media_file in media_files:
                archive.add(media_file, arcname=f"media/{media_file.relative_to(media_root).as_posix()}")
    return manifest


def _add_bytes(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(content))


def read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(archive.extractfile("manifest.json"))
        archive.getmember("data.xml")
    except (KeyError, json.JSONDecodeError, TypeError) as error:
        raise BackupError(f"Not a backup made by `manage.py backup`: {error}") from None
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"Unsupported backup format: {manifest.get('format')!r}")
    return manifest


def _checked_media_members(archive: tarfile.TarFile, media_root: Path) -> list[tarfile.TarInfo]:
    """Media entries renamed relative to MEDIA_ROOT; refuses the archive before any change
    if one would land outside it (absolute paths, "..", links)."""
    members = []
    for member in archive.getmembers():
        if not member.name.startswith("media/"):
            continue
        member.name = member.name.removeprefix("media/")
        try:
            members.append(tarfile.data_filter(member, str(media_root)))
        except tarfile.FilterError as error:
            raise BackupError(f"Unsafe media path in backup: {error}") from None
    return members


def restore_backup(path: Path) -> dict:
    """Replace the database content and restore media files from `path`."""
    path = Path(path)
    try:
        archive = tarfile.open(path, "r:gz")  # noqa: SIM115 - closed by the `with archive` below
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"Cannot open {path}: {error}") from None
    with archive, tempfile.TemporaryDirectory() as scratch:
        manifest = read_manifest(archive)
        media_root = Path(settings.MEDIA_ROOT)
        media_members = _checked_media_members(archive, media_root)
        archive.extract("data.xml", scratch, filter="data")
        with transaction.atomic():
            call_command("flush", interactive=False, verbosity=0)
            call_command("loaddata", str(Path(scratch) / "data.xml"), verbosity=0)
            counts = _row_counts()
        missing = {label: n for label, n in manifest["counts"].items() if counts.get(label) != n}
        if missing:
            raise BackupError(f"Restored row counts differ from the backup: {missing}")
        media_root.mkdir(parents=True, exist_ok=True)
        for member in media_members:
            archive.extract(member, media_root, filter="data")
    return {**manifest, "restored_counts": dict(Counter(counts))}
