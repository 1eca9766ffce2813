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
``files/<name>`` for every file of the default storage (evidence). ``ops.restore`` reads it.
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


class BackupError(Exception):  # raised by ops.restore
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
