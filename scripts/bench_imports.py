"""Benchmark of the measures import (issue 11, point 3). Not a test: it prints figures.

    .venv/bin/python scripts/bench_imports.py [ROWS]      # default 2,000 rows

In a throwaway SQLite file (the embedded default's settings), for a workbook of ROWS new
measures (two steps and a unit each) it measures, in the same run:
  baseline  openpyxl alone reading every cell of the same workbook (read-only mode);
  reader    the portal's bounded reader (kernel.xlsx.table_from_upload);
  check     the preview (measures.imports.job_preview: every row read and checked);
  confirm   the confirmed import (job_apply: the check again, then the write);
  write     the write alone (services.measures_import: the one transaction, i.e. how long
            other writers wait on SQLite);
and the check of a file of measures.imports.INLINE_ROWS rows, which runs in the request.
Then the results workbook (one organisation's NACC results: every question, EIT item and OIT
item of the FY2568 framework filled in), whose upload and confirmation stay in the request:
both requests are timed through the test client, beside /healthz in the same run.
Add --profile to print pyinstrument's profile of the check.
"""

import os
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = Path(tempfile.mkdtemp(prefix="ita-bench-imports-"))


def setup():
    os.environ.update(
        DJANGO_SETTINGS_MODULE="ita_portal.settings_test",
        DATABASE_URL=f"sqlite:///{WORK / 'bench.sqlite3'}",
        PYTHAINLP_OFFLINE="1",
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def timed(function):
    start = time.perf_counter()
    value = function()
    return time.perf_counter() - start, value


def openpyxl_alone(content):
    from openpyxl import load_workbook

    workbook = load_workbook(BytesIO(content), read_only=True)
    cells = sum(1 for row in workbook.active.iter_rows(values_only=True) for _ in row)
    workbook.close()
    return cells


def new_job(org, user, content, rows):
    from django_scopes import scopes_disabled

    from assessments.models import ImportJob

    with scopes_disabled():  # the benchmark's own data
        return ImportJob.objects.create(
            organisation=org,
            kind=ImportJob.Kind.MEASURES,
            fiscal_year=2569,
            filename="bench.xlsx",
            content=content,
            total=rows,
            created_by=user,
        )


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    rows = int(args[0]) if args else 2000
    setup()
    from django_scopes import scope, scopes_disabled

    from kernel.xlsx import table_from_upload
    from measures import imports
    from measures.models import Measure
    from measures.services import measures_import
    from tests.factories import make_organisation, make_user
    from tests.import_files import measures_workbook

    org = make_organisation("bench", "องค์การบริหารส่วนตำบลทดสอบ", units=["สำนักปลัด"])
    user = make_user("bench-staff", member_of=[(org, "staff")])
    content = measures_workbook(org, rows)
    small = measures_workbook(org, imports.INLINE_ROWS)

    figures = {}
    figures["baseline: openpyxl alone"], _cells = timed(lambda: openpyxl_alone(content))
    figures["reader (bounded)"], _ = timed(lambda: table_from_upload(content))
    with scope(organisation=org.pk):
        job = new_job(org, user, content, rows)
        if "--profile" in sys.argv:
            from pyinstrument import Profiler

            profiler = Profiler()
            profiler.start()
        figures["check (preview)"], job = timed(lambda: imports.job_preview(job))
        if "--profile" in sys.argv:
            profiler.stop()
            print(profiler.output_text(unicode=True, color=False))
        assert job.state == "checked", job.result
        figures["confirm (check + write)"], job = timed(lambda: imports.job_apply(job))
        assert job.state == "done", job.result

        # the write alone, on a fresh year's worth of the same rows
        with scopes_disabled():
            Measure.objects.filter(organisation=org).delete()
        again = new_job(org, user, content, rows)
        resource, _result, errors = imports.sheet_check(again)
        assert not errors, errors[:3]
        figures["write (the one transaction)"], _ = timed(
            lambda: measures_import(
                organisation=org, fiscal_year=2569, rows=resource.checked, user=user
            )
        )
        with scopes_disabled():
            Measure.objects.filter(organisation=org).delete()
        inline = new_job(org, user, small, imports.INLINE_ROWS)
        figures[f"check of {imports.INLINE_ROWS} rows (in the request)"], _ = timed(
            lambda: imports.job_preview(inline)
        )

    results = results_workbook(org, user)

    baseline = figures["baseline: openpyxl alone"]
    print(f"measures import, {rows:,} rows ({_cells:,} cells), SQLite file, same run")
    print(f"{'step':<40} {'seconds':>8} {'× openpyxl alone':>17}")
    for name, seconds in figures.items():
        print(f"{name:<40} {seconds:8.2f} {seconds / baseline:17.1f}")
    print(f"results workbook (FY2568 framework, {results.pop('rows')} rows), in the request")
    for name, seconds in results.items():
        print(f"{name:<40} {seconds * 1000:8.1f} ms")
    return 0


def results_workbook(org, user):
    """The results import as a user makes it: template → filled → upload → confirm."""
    from django.test import Client
    from django.urls import reverse
    from openpyxl import load_workbook

    from assessments.services import framework_load_fixtures

    framework_load_fixtures()
    client = Client()
    client.force_login(user)
    kwargs = {"org": org.code, "year": 2568}
    workbook = load_workbook(
        BytesIO(client.get(reverse("results-template", kwargs=kwargs)).content)
    )
    rows = 0
    for sheet, columns in (("IIT", 1), ("EIT", 2), ("OIT", 1)):
        for row in workbook[sheet].iter_rows(min_row=2):
            indicator = str(row[0].value).startswith("IND")
            for cell in row[2 : 2 + columns + (sheet == "EIT" and indicator)]:
                cell.value = 90.5  # EIT: parts 1 and 2, and an indicator's overall score
            rows += 1
    for row in workbook["สรุป"].iter_rows(min_row=2):
        row[2].value = 90.5
    out = BytesIO()
    workbook.save(out)
    out.seek(0)
    out.name = "results.xlsx"
    figures = {"rows": rows}
    figures["baseline: /healthz"], _ = timed(lambda: client.get("/healthz"))
    upload, response = timed(
        lambda: client.post(reverse("results-import", kwargs=kwargs), {"file": out})
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    figures["upload (read + check + preview kept)"] = upload
    figures["confirm (the one transaction)"], response = timed(
        lambda: client.post(response["Location"], {"action": "confirm"})
    )
    assert response.status_code == 302
    return figures


if __name__ == "__main__":
    sys.exit(main())
