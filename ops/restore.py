"""Restoring what ``ops.backup`` wrote: checks first (a backup? of this code? safe names? an
empty database, or ``force``?), then ``migrate``, ``loaddata`` and the evidence files."""

import json
import tarfile
import tempfile
from pathlib import Path

from django.core.files.base import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django_scopes import scopes_disabled

from .backup import FORMAT, BackupError, row_counts


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
