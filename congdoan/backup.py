"""One-file backups: the database (as a consistent snapshot) and the media folder.

The archive is a .tar.gz holding `manifest.json` (what and when, with row counts and a
checksum of every row per model), `data.exactjson` (every table with its primary keys and
natural foreign keys, so it restores into SQLite or PostgreSQL alike, in the lossless JSON
of congdoan.exact_json) and `media/…`.

A restore gives back identical data or nothing: it recomputes the checksums inside its
transaction and rolls back on any difference. The media folder ends up equal to the
archive's: files added after the backup are removed (and counted in the command's output),
since a restore means "the site as it was then".
"""

import datetime
import decimal
import hashlib
import io
import json
import tarfile
import tempfile
import uuid
from collections import Counter
from contextvars import ContextVar
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

# 1: data.xml (lossy, still restorable); 2: data.exactjson with checksums.
FORMAT_VERSION = 2
DATA_FILES = {1: "data.xml", 2: "data.exactjson"}
SERIALIZATION_FORMAT = "exactjson"
# Rebuilt by migrate/flush, or not worth keeping: sessions and login-attempt logs.
# True while a restore loads its rows: the rows already hold every derived value (kept counts,
# search columns), so signal handlers that derive values from other rows must leave them be.
# Django marks the loaded saves `raw=True`, but not the many-to-many links it sets after them.
_restoring: ContextVar[bool] = ContextVar("restoring", default=False)


def is_restoring() -> bool:
    return _restoring.get()


EXCLUDED = ["contenttypes", "auth.permission", "sessions", "axes", "admin.logentry"]


class BackupError(Exception):
    pass


def _excluded(label: str) -> bool:
    app_label = label.split(".")[0]
    return label in EXCLUDED or app_label in EXCLUDED


def _backed_up_models(*, include_auto_created: bool = False) -> list:
    return [
        model
        for model in apps.get_models(include_auto_created=include_auto_created)
        if not model._meta.proxy and model._meta.managed and not _excluded(model._meta.label_lower)
    ]


def _row_counts() -> dict[str, int]:
    return {model._meta.label_lower: model._default_manager.count() for model in _backed_up_models()}


def _canonical(value):
    """One spelling of a value whatever the database returned it as (JSON-ready)."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = value.astimezone(datetime.UTC)
        return value.isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return f"timedelta:{value // datetime.timedelta(microseconds=1)}"
    if isinstance(value, decimal.Decimal):
        return f"decimal:{value.normalize()}"
    if isinstance(value, bytes | memoryview | bytearray):
        return f"bytes:{bytes(value).hex()}"
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def database_checksums() -> dict[str, str]:
    """A SHA-256 per backed-up table (many-to-many tables included) over all its rows.

    Equal on SQLite and PostgreSQL for equal data: values are written one way (times in
    UTC), rows are hashed in an order-free way (collations differ), references to the
    tables a restore rebuilds (content types, permissions) are compared by natural key,
    and a many-to-many row's own id, which a restore renumbers, is left out.
    """
    rebuilt = {}
    for label in ("contenttypes.contenttype", "auth.permission"):
        model = apps.get_model(label)
        rebuilt[model] = {obj.pk: list(obj.natural_key()) for obj in model._default_manager.all()}
    checksums = {}
    for model in _backed_up_models(include_auto_created=True):
        auto_through = model._meta.auto_created
        fields = [field for field in model._meta.concrete_fields if not (auto_through and field.primary_key)]
        natural = {
            index: rebuilt[field.related_model]
            for index, field in enumerate(fields)
            if field.is_relation and field.related_model in rebuilt
        }
        digests = []
        rows = model._base_manager.values_list(*(field.attname for field in fields)).order_by()
        for row in rows.iterator(chunk_size=2000):
            values = [natural[i].get(v, v) if i in natural else _canonical(v) for i, v in enumerate(row)]
            line = json.dumps(values, ensure_ascii=False, sort_keys=True, default=str)
            digests.append(hashlib.sha256(line.encode()).digest())
        digest = hashlib.sha256()
        for row_digest in sorted(digests):
            digest.update(row_digest)
        checksums[model._meta.label_lower] = digest.hexdigest()
    return checksums


def _snapshot_transaction():
    """A transaction whose reads all see one moment of the database."""
    atomic = transaction.atomic()
    atomic.__enter__()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
    return atomic


def _register_format() -> None:
    if SERIALIZATION_FORMAT not in serializers.get_serializer_formats():
        serializers.register_serializer(SERIALIZATION_FORMAT, "congdoan.exact_json")


def _media_files(media_root: Path) -> list[Path]:
    return sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []


def create_backup(path: Path) -> dict:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    media_root = Path(settings.MEDIA_ROOT)
    _register_format()
    with tempfile.TemporaryDirectory() as scratch:
        data_file = Path(scratch) / DATA_FILES[FORMAT_VERSION]
        atomic = _snapshot_transaction()
        try:
            # Primary keys are kept (links such as /admin/…/42/ and history records name
            # them); only content types and permissions, which the target database numbers
            # itself, are referred to by natural key.
            call_command(
                "dumpdata",
                natural_foreign=True,
                exclude=EXCLUDED,
                format=SERIALIZATION_FORMAT,
                output=str(data_file),
                verbosity=0,
            )
            counts = _row_counts()
            checksums = database_checksums()
        finally:
            atomic.__exit__(None, None, None)
        media_files = _media_files(media_root)
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "database": connection.vendor,
            "counts": counts,
            "checksums": checksums,
            "media_files": len(media_files),
        }
        with tarfile.open(path, "w:gz") as archive:
            _add_bytes(archive, "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2).encode())
            archive.add(data_file, arcname=data_file.name)
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
    except (KeyError, json.JSONDecodeError, TypeError) as error:
        raise BackupError(f"Not a backup made by `manage.py backup`: {error}") from None
    if manifest.get("format") not in DATA_FILES:
        raise BackupError(f"Unsupported backup format: {manifest.get('format')!r}")
    try:
        archive.getmember(DATA_FILES[manifest["format"]])
    except KeyError as error:
        raise BackupError(f"Not a backup made by `manage.py backup`: {error}") from None
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


def _empty_tables() -> None:
    """`flush` then deletes what its post_migrate handlers recreate (the role groups):
    the backup's rows come back with their own primary keys, which those would collide with."""
    call_command("flush", interactive=False, verbosity=0)
    for model in _backed_up_models():
        rows = model._base_manager.all()
        if rows.exists():
            rows.delete()


def restore_backup(path: Path) -> dict:
    """Replace the database content and the media folder with those of `path`."""
    path = Path(path)
    try:
        archive = tarfile.open(path, "r:gz")  # noqa: SIM115 - closed by the `with archive` below
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"Cannot open {path}: {error}") from None
    _register_format()
    with archive, tempfile.TemporaryDirectory() as scratch:
        manifest = read_manifest(archive)
        media_root = Path(settings.MEDIA_ROOT)
        media_members = _checked_media_members(archive, media_root)
        data_name = DATA_FILES[manifest["format"]]
        archive.extract(data_name, scratch, filter="data")
        with transaction.atomic():
            _empty_tables()
            token = _restoring.set(True)
            try:
                call_command("loaddata", str(Path(scratch) / data_name), verbosity=0)
            finally:
                _restoring.reset(token)
            counts = _row_counts()
            missing = {label: n for label, n in manifest["counts"].items() if counts.get(label) != n}
            if missing:
                raise BackupError(f"Restored row counts differ from the backup: {missing}")
            if "checksums" in manifest:
                restored = database_checksums()
                differ = sorted(label for label, value in manifest["checksums"].items() if restored.get(label) != value)
                if differ:
                    raise BackupError(f"Restored rows differ from the backup in: {', '.join(differ)}")
        media_root.mkdir(parents=True, exist_ok=True)
        for member in media_members:
            archive.extract(member, media_root, filter="data")
        removed = _remove_media_not_in(media_root, {member.name for member in media_members})
    return {**manifest, "restored_counts": dict(Counter(counts)), "removed_media": removed}


def _remove_media_not_in(media_root: Path, kept: set[str]) -> list[str]:
    removed = []
    for media_file in _media_files(media_root):
        name = media_file.relative_to(media_root).as_posix()
        if name not in kept:
            media_file.unlink()
            removed.append(name)
    for directory in sorted((p for p in media_root.rglob("*") if p.is_dir()), reverse=True):
        if not any(directory.iterdir()):
            directory.rmdir()
    return removed
