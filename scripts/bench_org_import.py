"""Benchmark of the national bulk import (issue 12). Not a test: it prints figures.

    .venv/bin/python scripts/bench_org_import.py [rows]

In a throwaway SQLite database, writes a workbook of 7,800 organisations (every one with a
first administrator's e-mail), then measures, each three times:
  baseline  openpyxl alone reading the same file (read-only, values only);
  preview   the portal's preview (bounded reader, every row checked, compared with what is
            stored) — against an empty database, and again once all 7,800 are stored (a
            re-import, every row compared);
  page      the whole request an operator makes: the upload, the preview, the batch stored
            for confirmation and the preview page (its size too);
  confirm   applying it (organisations, accounts, memberships, invitations), once.
Prints the figures next to the baseline measured in the same run.
"""

import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = Path(tempfile.mkdtemp(prefix="ita-bench-import-"))
os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "ita_portal.settings_test",
        "DATABASE_URL": f"sqlite:///{WORK / 'bench.sqlite3'}",
        "PYTHAINLP_OFFLINE": "1",
    }
)
sys.path.insert(0, str(ROOT))


def workbook_bytes(rows):
    from openpyxl import Workbook

    from organisations.bulk import ORG_COLUMNS

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("หน่วยงาน")
    sheet.append(list(ORG_COLUMNS.values()))
    for i in range(rows):
        sheet.append(
            [
                f"bench-{i:05d}",
                "อบต.",
                f"องค์การบริหารส่วนตำบลทดสอบที่{i}",
                f"อบต.ทดสอบที่{i}",
                f"อำเภอที่{i % 878}",
                f"จังหวัดที่{i % 76}",
                f"https://www.bench-{i:05d}.example.org",
                f"https://itas.nacc.go.th/go/eit/bench-{i:05d}",
                f"admin-{i:05d}@example.org",
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def timed(function, repeat=3):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main():
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 7_800
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.db import transaction
    from openpyxl import load_workbook

    from organisations import bulk

    call_command("migrate", verbosity=0)
    content = workbook_bytes(rows)

    def baseline():
        workbook = load_workbook(io.BytesIO(content), read_only=True)
        count = sum(1 for _ in workbook.active.iter_rows(values_only=True))
        workbook.close()
        return count

    def preview():
        result = bulk.preview(SimpleUploadedFile("national.xlsx", content))
        assert not result.error_count, result.errors[:3]
        return result

    def page():
        from django.test import Client
        from django.urls import reverse

        from organisations.models import User

        operator, _ = User.objects.get_or_create(
            username="bench-operator", defaults={"is_superuser": True, "is_staff": True}
        )
        client = Client()
        client.force_login(operator)
        upload = SimpleUploadedFile("national.xlsx", content)
        response = client.post(reverse("operator-import"), {"sheet": upload})
        assert response.status_code == 200, response.status_code
        return len(response.content)

    base, count = timed(baseline)
    empty, result = timed(preview)
    assert len(result.organisations) == rows and count == rows + 1
    whole, page_size = timed(page, repeat=1)
    # inside an outer transaction rolled back at the end: the invitations' e-mail task is
    # enqueued on commit, and a benchmark has no broker
    with transaction.atomic():
        start = time.perf_counter()
        counts = bulk.apply(result.payload())
        confirm = time.perf_counter() - start
        again, result = timed(preview)
        assert result.counts()["same"] == rows
        transaction.set_rollback(True)

    print(f"rows: {rows:,}  file: {len(content) / 2**20:.1f} MB")
    print(f"baseline (openpyxl read alone)           {base:6.2f} s")
    print(
        f"preview, nothing stored yet              {empty:6.2f} s  ({empty / base:.1f}× baseline)"
    )
    print(
        f"preview, all stored (re-import)          {again:6.2f} s  ({again / base:.1f}× baseline)"
    )
    print(
        f"preview page (upload to page, once)      {whole:6.2f} s  ({whole / base:.1f}× baseline,"
        f" page {page_size / 2**20:.1f} MB)"
    )
    print(f"confirm (apply, one transaction)         {confirm:6.2f} s  {counts}")


if __name__ == "__main__":
    main()
