"""Eight threads writing at once through the portal's services, on a real SQLite file.

Run by tests/ops/test_sqlite.py in a child process whose DATABASE_URL points at a fresh
file (the project's settings then configure it exactly as in the embedded default): pytest's
own SQLite test database lives in memory with shared-cache locking, which does not show the
"database is locked" errors a real file gives. Prints one JSON line: the errors seen.

Two organisations; per organisation one thread saves its measures, one saves a round's
progress and two take their own rounds through submit → approve → reopen, all starting
together (a barrier) and each writing several times.
"""

import json
import os
import sys
import threading
import traceback

import django

ROUNDS_OF_WORK = 4


def _setup():
    from django.core.management import call_command
    from django_scopes import scopes_disabled

    from measures.models import Measure, ProgressRound
    from measures.services import standard_rounds
    from tests.factories import make_chain, make_measure, make_organisation, make_user

    call_command("migrate", verbosity=0)
    orgs = []
    for code in ("org-a", "org-b"):
        org = make_organisation(code, f"องค์การบริหารส่วนตำบล{code}", units=["สำนักปลัด"])
        staff = make_user(f"staff-{code}", member_of=[(org, "staff")])
        mayor = make_user(f"mayor-{code}", member_of=[(org, "executive")])
        make_chain(org, mayor)
        for number in range(1, 5):
            make_measure(org, number=number, title=f"มาตรการที่ {number}")
        six, twelve = standard_rounds(organisation=org, fiscal_year=2569)
        with scopes_disabled():  # the test's own data, written and read as a fixture
            extra = ProgressRound.objects.create(
                organisation=org,
                fiscal_year=2569,
                kind=ProgressRound.Kind.CUSTOM,
                name="รอบพิเศษ",
                start_date=six.start_date,
                end_date=six.end_date,
            )
            measures = list(Measure.objects.of(org).filter(fiscal_year=2569).order_by("number"))
        orgs.append(
            {"staff": staff, "mayor": mayor, "measures": measures, "rounds": [six, twelve, extra]}
        )
    return orgs


def _save_measures(org, turn):
    from measures.services import measure_save

    for measure in org["measures"]:
        measure.refresh_from_db()
        measure.target = f"เป้าหมายครั้งที่ {turn}"
        measure_save(
            measure=measure,
            steps=["ขั้นแรก", f"ขั้นที่สอง ({turn})"],
            expected_version=measure.version,
            user=org["staff"],
        )


def _save_progress(org, turn):
    from django_scopes import scope

    from measures.models import Progress, Status
    from measures.services import ProgressInput, progress_save_round

    progress_round = org["rounds"][2]
    with scope(organisation=progress_round.organisation_id):  # what the round's page shows
        seen = dict(
            Progress.objects.filter(round=progress_round).values_list("measure_id", "version")
        )
    entries = [
        ProgressInput(
            measure=m,
            status=Status.IN_PROGRESS,
            summary=f"ทำแล้ว {turn}",
            expected_version=seen.get(m.pk, 0),  # as a freshly opened page shows it
        )
        for m in org["measures"]
    ]
    progress_save_round(progress_round=org["rounds"][2], entries=entries, user=org["staff"])


def _approve(org, which):
    from measures.services import round_decide, round_reopen, round_submit

    def run(turn):
        progress_round = org["rounds"][which]
        progress_round = round_submit(progress_round=progress_round, user=org["staff"])
        round_decide(progress_round=progress_round, user=org["mayor"], approve=True)
        round_reopen(progress_round=progress_round, user=org["staff"])

    return run


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ita_portal.settings_test")
    django.setup()
    from django.db import connection, connections

    if connection.vendor != "sqlite":
        print(json.dumps({"skipped": f"database is {connection.vendor}"}))
        return 0
    orgs = _setup()
    connections.close_all()

    jobs = []
    for org in orgs:
        jobs += [
            lambda turn, org=org: _save_measures(org, turn),
            lambda turn, org=org: _save_progress(org, turn),
            _approve(org, 0),
            _approve(org, 1),
        ]
    barrier = threading.Barrier(len(jobs))
    errors, done = [], []
    lock = threading.Lock()

    def worker(job):
        try:
            barrier.wait()
            for turn in range(ROUNDS_OF_WORK):
                try:
                    job(turn)
                    with lock:
                        done.append(turn)
                except Exception as error:  # noqa: BLE001 - every failure is the finding
                    with lock:
                        errors.append(f"{type(error).__name__}: {error}")
                        traceback.print_exc(file=sys.stderr)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(
        json.dumps(
            {"threads": len(jobs), "writes": len(done), "errors": errors}, ensure_ascii=False
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
