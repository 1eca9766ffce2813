"""Backing up and restoring an installation: the database, the evidence files and a manifest.

The database is written with Django's ``dumpdata`` (every model, natural keys for content
types and permissions, primary keys kept so that addresses such as ``/measures/<id>/`` still
lead to the same record) and read back with ``loaddata`` into a database migrated by this code.
Why not pg_dump or SQLite's backup API: one format and one code path for both engines, tested
on both in CI, that also moves an installation from the embedded SQLite to PostgreSQL; and the
restore runs through the migrations of the code that restores it. The cost is speed: a
national database of several GB is better copied with ``pg_dump`` beside this (see README).

The archive (``.tar.gz``): ``manifest.json`` (versions, applied migrations, row counts, the
settings a restore needs, named but never their secret values), ``database.json`` and
``files/<name>`` for every file of the default storage (evidence).
"""

import io
import json
import os
import platform
import tarfile
import tempfile
from pathlib import Path

import django
from django.apps import apps
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from django_scopes import scopes_disabled

FORMAT = 1
# Rebuilt by `migrate` (content types, permissions) or not worth keeping (sessions: a restore
# on another SECRET_KEY would void them anyway).
NOT_DUMPED = {"contenttypes", "auth.permission", "sessions"}
# What a restore needs from the environment. Values of the secret ones are never written.
SETTINGS_SECRET = ["SECRET_KEY", "DATABASE_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"]
SETTINGS_PLAIN = [
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "ITA_STORAGE",
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_ENDPOINT_URL",
    "ITA_RENDERED_STORAGE",
    "REDIS_URL",
    "ITA_TRUSTED_PROXIES",
    "EVIDENCE_MAX_BYTES",
]


class BackupError(Exception):
    """A refusal with a Thai message; nothing was changed."""


def _dumped_models():
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        if meta.app_label in NOT_DUMPED or meta.label_lower in NOT_DUMPED:
            continue
        yield model


def row_counts() -> dict[str, int]:
    with scopes_disabled():
        return {m._meta.label_lower: m._base_manager.count() for m in _dumped_models()}


def _storage_files(folder=""):
    """Every file name of the default storage, recursively (filesystem or bucket)."""
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(folders):
        yield from _storage_files(f"{folder}/{sub}" if folder else sub)


def _applied_migrations():
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    return sorted([app, name] for app, name in loader.applied_migrations)


def manifest() -> dict:
    return {
        "format": FORMAT,
        "created": timezone.now().isoformat(timespec="seconds"),
        "versions": {
            "django": django.get_version(),
            "python": platform.python_version(),
            "database": connection.vendor,
        },
        "migrations": _applied_migrations(),
        "counts": row_counts(),
        "settings": {
            "secret": SETTINGS_SECRET,  # set them as before; their values are not kept
            "plain": {name: os.environ.get(name, "") for name in SETTINGS_PLAIN},
        },
    }


def backup_write(output: Path) -> dict:
    """Write the archive to ``output``; returns the manifest (with the file count)."""
    output = Path(output)
    with tempfile.TemporaryDirectory(prefix="ita-backup-") as work:
        dump = Path(work) / "database.json"
        with scopes_disabled():
            call_command(
                "dumpdata",
                exclude=sorted(NOT_DUMPED),
                natural_foreign=True,
                use_base_manager=True,
                output=str(dump),
                verbosity=0,
            )
        info = manifest()
        names = list(_storage_files())
        info["files"] = len(names)
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            _add_bytes(archive, "manifest.json", json.dumps(info, ensure_ascii=False, indent=1))
            archive.add(dump, arcname="database.json")
            for name in names:
                member = tarfile.TarInfo(f"files/{name}")
                member.size = default_storage.size(name)
                member.mtime = int(timezone.now().timestamp())
                with default_storage.open(name, "rb") as handle:
                    archive.addfile(member, handle)
        partial.replace(output)  # a failed backup never looks like a finished one
    return info


def _add_bytes(archive, name, text):
    data = text.encode()
    member = tarfile.TarInfo(name)
    member.size = len(data)
    member.mtime = int(timezone.now().timestamp())
    archive.addfile(member, io.BytesIO(data))


def _read_manifest(archive) -> dict:
    try:
        member = archive.getmember("manifest.json")
        info = json.loads(archive.extractfile(member).read())
    except (KeyError, ValueError, AttributeError):
        raise BackupError("ไฟล์นี้ไม่ใช่ไฟล์สำรองข้อมูลของระบบ (ไม่พบ manifest.json)") from None
    if info.get("format") != FORMAT:
        raise BackupError("ไฟล์สำรองข้อมูลนี้เป็นรูปแบบที่ระบบรุ่นนี้ไม่รู้จัก")
    return info


def _unknown_migrations(info) -> list[str]:
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return [f"{app}.{name}" for app, name in info["migrations"] if (app, name) not in known]


def database_flush():
    """Empty every table (``flush``). On PostgreSQL, checks deferred until commit are run
    first: TRUNCATE refuses a table with pending ones, as when the restore runs inside a
    transaction that already wrote (a test, a script)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)


def database_is_empty() -> bool:
    return not any(row_counts().values())


def backup_restore(path: Path, *, force: bool = False) -> dict:
    """Restore the archive at ``path``; returns its manifest. Refuses (BackupError, Thai) a
    file that is not a backup, one from newer code, and a database that holds data unless
    ``force`` (which empties it first)."""
    path = Path(path)
    try:
        archive = tarfile.open(path, "r:gz")  # noqa: SIM115 - closed by the `with` below
    except (OSError, tarfile.TarError):
        raise BackupError(f"เปิดไฟล์สำรองข้อมูล {path.name} ไม่ได้ (ไม่ใช่ไฟล์ .tar.gz ที่อ่านได้)") from None
    with archive, tempfile.TemporaryDirectory(prefix="ita-restore-") as work:
        info = _read_manifest(archive)
        unknown = _unknown_migrations(info)
        if unknown:
            raise BackupError(
                "ไฟล์สำรองข้อมูลนี้มาจากระบบรุ่นที่ใหม่กว่า (ไม่รู้จักการปรับฐานข้อมูล "
                + ", ".join(unknown[:3])
                + "): ปรับรุ่นระบบก่อนแล้วจึงกู้คืน"
            )
        files = [m for m in archive.getmembers() if m.isfile() and m.name.startswith("files/")]
        for member in files:
            _check_name(member.name)
        call_command("migrate", interactive=False, verbosity=0)
        if not database_is_empty():
            if not force:
                raise BackupError(
                    "ฐานข้อมูลนี้มีข้อมูลอยู่แล้ว จึงไม่กู้คืนทับ "
                    "(หากต้องการลบข้อมูลเดิมทั้งหมดแล้วกู้คืน ให้สั่งอีกครั้งพร้อม --force)"
                )
            database_flush()
        dump = Path(work) / "database.json"
        with archive.extractfile("database.json") as source, dump.open("wb") as target:
            while chunk := source.read(1 << 20):
                target.write(chunk)
        with scopes_disabled():
            call_command("loaddata", str(dump), verbosity=0)
        for member in files:
            name = member.name.removeprefix("files/")
            if default_storage.exists(name):
                default_storage.delete(name)
            with archive.extractfile(member) as handle:
                saved = default_storage.save(name, File(handle, name=name))
            if saved != name:
                raise BackupError(f"บันทึกไฟล์ {name} กลับไม่ได้ตามชื่อเดิม")
    return info


def _check_name(name: str):
    """Names come from the archive: nothing absolute, nothing climbing out of the storage."""
    parts = Path(name).parts
    if name.startswith("/") or ".." in parts or len(parts) < 2:
        raise BackupError(f"ไฟล์สำรองข้อมูลมีชื่อไฟล์ที่ไม่ปลอดภัย: {name}")
