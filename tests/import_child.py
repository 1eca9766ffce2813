"""Imports run in a child process of the tests (tests/measures/test_import_crash.py), on the
database DATABASE_URL names: a fresh SQLite file (migrated here), or the PostgreSQL test
database pytest made. Each mode prints one JSON line.

    setup ROWS         two organisations (A imports, B is the bystander) and a confirmed
                       job of ROWS new measures for A
    apply JOB [hang]   the confirmed import; with "hang", print "written" once the rows are
                       inserted inside the import's transaction, then wait to be killed
    inspect JOB        what the database holds of A's import
    bystander JOB      A's import and, in a thread at the same time, B's staff saving a
                       measure again and again (SQLite: one writer at a time)
"""

import json
import os
import sys
import threading
import time

import django


def _org(code):
    from organisations.models import Organisation

    return Organisation.objects.get(code=code)


def setup(rows):
    from django.core.management import call_command
    from django.db import connection

    from assessments.models import ImportJob
    from tests.factories import make_measure, make_organisation, make_user
    from tests.import_files import measures_workbook

    if connection.vendor == "sqlite":
        call_command("migrate", verbosity=0)
    org_a = make_organisation("crash-a", "องค์การบริหารส่วนตำบลทดสอบเอ", units=["สำนักปลัด"])
    org_b = make_organisation("crash-b", "องค์การบริหารส่วนตำบลทดสอบบี", units=["สำนักปลัด"])
    staff = make_user("crash-staff-a", member_of=[(org_a, "staff")])
    make_user("crash-staff-b", member_of=[(org_b, "staff")])
    make_measure(org_b, number=1, title="มาตรการของบี")
    from django_scopes import scopes_disabled

    with scopes_disabled():  # the test's own data
        job = ImportJob.objects.create(
            organisation=org_a,
            kind=ImportJob.Kind.MEASURES,
            fiscal_year=2569,
            filename="crash.xlsx",
            content=measures_workbook(org_a, rows),
            total=rows,
            state=ImportJob.State.IMPORTING,  # confirmed: what import_apply finds
            created_by=staff,
        )
    return {"job": job.pk}


def _apply(job_id):
    from measures.tasks import _job, job_apply

    org = _org("crash-a")
    from django_scopes import scope

    with scope(organisation=org.pk):  # as measures.tasks.import_apply runs it
        job = _job(org.pk, job_id, "importing")
        if job is None:
            return {"state": "not waiting"}
        return {"state": job_apply(job).state}


def apply(job_id, hang=False):
    if hang:
        from measures.services import imports

        write_steps = imports._write_steps

        def written_then_hang(rows, user):
            write_steps(rows, user)  # measures, links and steps are inserted, not committed
            print(json.dumps({"written": len(rows)}), flush=True)
            time.sleep(600)  # the parent kills this process here

        imports._write_steps = written_then_hang
    return _apply(job_id)


def inspect(job_id):
    from django_scopes import scopes_disabled

    from assessments.models import ImportJob
    from measures.models import Measure, MeasureStep

    with scopes_disabled():  # the test's own look at the database
        org = _org("crash-a")
        return {
            "measures": Measure.objects.filter(organisation=org).count(),
            "history": Measure.history.filter(organisation=org).count(),
            "steps": MeasureStep.objects.filter(measure__organisation=org).count(),
            "state": ImportJob.objects.get(pk=job_id).state,
        }


def bystander(job_id):
    """B's staff saves while A's import runs; counts B's saves done while A was still
    checking its rows (before A's write) and whether any save failed."""
    from django.db import connections
    from django_scopes import scope, scopes_disabled

    from measures.models import Measure
    from measures.services import measure_save
    from organisations.models import User

    org_b = _org("crash-b")
    staff_b = User.objects.get(username="crash-staff-b")
    started, finished = threading.Event(), threading.Event()
    saves, errors = [], []
    seen = {}

    def save_b():
        try:
            started.wait()
            while not finished.is_set():
                with scopes_disabled():  # B's own page reads the measure it edits
                    measure = Measure.objects.get(organisation=org_b, number=1)
                measure.target = f"เป้าหมายครั้งที่ {len(saves) + 1}"
                with scope(organisation=org_b.pk):
                    measure_save(
                        measure=measure,
                        steps=["ขั้นแรก"],
                        expected_version=measure.version,
                        user=staff_b,
                    )
                saves.append(1)
        except Exception as error:  # noqa: BLE001 - a failed save is the finding
            errors.append(f"{type(error).__name__}: {error}")
        finally:
            connections.close_all()

    from measures import imports

    check = imports.sheet_check

    def watched_check(job, *, on_row=None):
        def row(done):
            if done == 1:
                started.set()
                seen["first row"] = len(saves)
            seen["last row"] = len(saves)

        return check(job, on_row=row)

    imports.sheet_check = watched_check
    thread = threading.Thread(target=save_b)
    thread.start()
    try:
        outcome = _apply(job_id)
    finally:
        finished.set()
        started.set()
        thread.join()
    return {
        **outcome,
        "saves": len(saves),
        "saves during the check": seen.get("last row", 0) - seen.get("first row", 0),
        "errors": errors,
    }


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ita_portal.settings_test")
    django.setup()
    mode, *args = sys.argv[1:]
    if mode == "setup":
        outcome = setup(int(args[0]))
    elif mode == "apply":
        outcome = apply(int(args[0]), hang=args[1:] == ["hang"])
    elif mode == "inspect":
        outcome = inspect(int(args[0]))
    else:
        outcome = bystander(int(args[0]))
    print(json.dumps(outcome, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
