"""``manage.py backup`` / ``restore``: the restore drill (back up, wipe, restore, compare), and
the refusals, each with a Thai message and nothing changed. Runs on SQLite and PostgreSQL."""

import io
import json
import tarfile
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_scopes import scopes_disabled

from measures.models import Evidence, Progress
from measures.services import evidence_add, standard_rounds
from ops.backup import row_counts
from ops.restore import database_flush, database_is_empty
from tests.factories import PASSWORD, make_measure, record_results

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(200)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"  # this test's evidence only
    return settings.MEDIA_ROOT


@pytest.fixture
def world(media, org_a, org_b, people):
    """Results, a measure, its progress and two evidence files of A; results of B."""
    record_results(org_a, 2568, indicators={(1, 0): "90"}, questions={("i1", 0): "90"})
    record_results(org_b, 2568, indicators={(1, 0): "70"})
    measure = make_measure(org_a, 2569)
    progress_round = standard_rounds(organisation=org_a, fiscal_year=2569)[0]
    progress = Progress.objects.create(measure=measure, round=progress_round)
    upload = SimpleUploadedFile("คำสั่ง.pdf", PDF, content_type="application/pdf")
    pdf = evidence_add(progress=progress, upload=upload, user=people["staff_a"])
    png = evidence_add(progress=progress, upload=SimpleUploadedFile("ภาพ.png", PNG))
    return {"pdf": pdf.pk, "png": png.pk}


def stored_files(media: Path) -> dict[str, bytes]:
    return {str(p.relative_to(media)): p.read_bytes() for p in media.rglob("*") if p.is_file()}


def wipe(media: Path):
    database_flush()
    for path in media.rglob("*"):
        if path.is_file():
            path.unlink()


def test_restore_drill_brings_back_every_row_and_every_file(world, media, tmp_path, client):
    counts, files = row_counts(), stored_files(media)
    assert counts["measures.evidence"] == 2 and len(files) == 2
    archive = tmp_path / "ita-backup.tar.gz"
    out = io.StringIO()
    call_command("backup", output=str(archive), stdout=out)
    assert "สำรองข้อมูลแล้ว" in out.getvalue() and "ไฟล์หลักฐาน ๒ ไฟล์" in out.getvalue()

    wipe(media)
    assert database_is_empty() and stored_files(media) == {}

    out = io.StringIO()
    call_command("restore", str(archive), stdout=out)
    assert "กู้คืนแล้ว" in out.getvalue() and "SECRET_KEY" in out.getvalue()
    assert row_counts() == counts
    assert stored_files(media) == files
    with scopes_disabled():
        evidence = Evidence.objects.get(pk=world["pdf"])  # same primary key as before
        assert evidence.original_name == "คำสั่ง.pdf"
        assert evidence.uploaded_by.username == "staff-a"
        with evidence.file.open("rb") as handle:
            assert handle.read() == PDF
    # password hashes too: the owner logs in with the same password
    client.post(reverse("login"), {"username": "staff-a", "password": PASSWORD})
    assert "_auth_user_id" in client.session


def test_the_manifest_names_the_settings_but_keeps_no_secret(world, tmp_path, settings):
    archive = tmp_path / "b.tar.gz"
    call_command("backup", output=str(archive), stdout=io.StringIO())
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.loads(tar.extractfile("manifest.json").read())
        everything = b"".join(tar.extractfile(m).read() for m in tar.getmembers() if m.isfile())
    assert names[:2] == ["manifest.json", "database.json"]
    assert sum(name.startswith("files/evidence/") for name in names) == 2
    assert "SECRET_KEY" in manifest["settings"]["secret"]
    assert settings.SECRET_KEY.encode() not in everything
    assert manifest["counts"]["measures.evidence"] == 2 and manifest["files"] == 2
    assert ["measures", "0001_initial"] in manifest["migrations"]
    assert manifest["versions"]["database"] in {"sqlite", "postgresql"}


def test_restore_refuses_a_database_with_data_unless_forced(world, media, tmp_path):
    archive = tmp_path / "b.tar.gz"
    call_command("backup", output=str(archive), stdout=io.StringIO())
    counts = row_counts()
    with scopes_disabled():
        Evidence.objects.filter(pk=world["png"]).delete()
    after_delete = row_counts()
    with pytest.raises(CommandError, match="ฐานข้อมูลนี้มีข้อมูลอยู่แล้ว.*--force"):
        call_command("restore", str(archive), stdout=io.StringIO())
    assert row_counts() == after_delete  # nothing changed

    call_command("restore", str(archive), force=True, stdout=io.StringIO())
    assert row_counts() == counts


def _archive(path: Path, manifest: dict, members=()):
    with tarfile.open(path, "w:gz") as tar:
        for name, data in [("manifest.json", json.dumps(manifest).encode()), *members]:
            member = tarfile.TarInfo(name)
            member.size = len(data)
            tar.addfile(member, io.BytesIO(data))
    return path


def test_restore_refuses_what_is_not_a_backup(tmp_path, people):
    counts = row_counts()
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not an archive")
    with pytest.raises(CommandError, match="เปิดไฟล์สำรองข้อมูล junk.tar.gz ไม่ได้"):
        call_command("restore", str(junk))
    no_manifest = tmp_path / "other.tar.gz"
    with tarfile.open(no_manifest, "w:gz"):
        pass
    with pytest.raises(CommandError, match="ไม่ใช่ไฟล์สำรองข้อมูลของระบบ"):
        call_command("restore", str(no_manifest))
    assert row_counts() == counts


def test_restore_refuses_a_backup_of_newer_code_or_with_unsafe_names(tmp_path, media, people):
    counts = row_counts()
    future = {"format": 1, "migrations": [["measures", "9999_from_the_future"]]}
    with pytest.raises(CommandError, match="ระบบรุ่นที่ใหม่กว่า.*measures.9999_from_the_future"):
        call_command("restore", str(_archive(tmp_path / "f.tar.gz", future)))
    climbing = _archive(
        tmp_path / "c.tar.gz",
        {"format": 1, "migrations": []},
        [("files/../../outside", b"x"), ("database.json", b"[]")],
    )
    with pytest.raises(CommandError, match="ชื่อไฟล์ที่ไม่ปลอดภัย"):
        call_command("restore", str(climbing), force=True)
    assert row_counts() == counts
    assert not (media.parent / "outside").exists() and not default_storage.exists("outside")
