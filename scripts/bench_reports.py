"""Benchmark of the report pipeline (issue 5's speed budget). Not a test: it prints figures.

    .venv/bin/python scripts/bench_reports.py

Builds, in a throwaway SQLite database, an organisation with 40 measures × 2 rounds and the
full FY2568 analysis of the demo (อบต.หินเหล็กไฟ), then for R1 and R2 measures, each in a fresh
process so that peak memory is that job's own:
  (a) the portal's way, cold cache: the request (answered at once with the waiting page and
      its job sent to a real redis-server) plus the job as a worker runs it (context,
      template, digits, WeasyPrint in its bounded child process, storing the file);
  (b) WeasyPrint alone on the very same final HTML;
the time to first byte of that not-ready request next to /healthz in the same process, and the
repeat download of the unchanged report (served from the stored file).
The not-ready answer is measured twice: as the first request of a fresh process (it loads
the Celery client and connects to Redis) and as a later one (a long-lived web worker).
Budgets: (a)/(b) ≤ 1.25, not-ready answer (warm) ≤ 10 × /healthz + 100 ms, repeat ≤ 50 ms,
peak memory ≤ 400 MB.
"""

import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = Path(tempfile.mkdtemp(prefix="ita-bench-"))
ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "ita_portal.settings_test",
    "DATABASE_URL": f"sqlite:///{WORK / 'bench.sqlite3'}",
    "PYTHAINLP_OFFLINE": "1",
}


def django_setup():
    os.environ.update(ENV)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings

    settings.REPORT_CACHE_DIR = WORK / "cache"
    settings.ALLOWED_HOSTS = ["*"]


def prepare():
    django_setup()
    from django_scopes import scopes_disabled

    with scopes_disabled():  # building the benchmark's data, across organisations
        return _prepare()


def _prepare():
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("seed_demo", "--i-know-this-is-a-demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    from measures.models import Measure, Progress
    from measures.services import measure_save, standard_rounds
    from organisations.models import Membership, Organisation, Unit, User

    org = Organisation.objects.create(
        code="bench-org",
        name="องค์การบริหารส่วนตำบลทดสอบความเร็ว",
        short_name="อบต.ทดสอบ",
        district="เมือง",
        province="เชียงราย",
    )
    units = [
        Unit.objects.create(organisation=org, name=n, order=i)
        for i, n in enumerate(["สำนักปลัด", "กองคลัง", "กองช่าง", "กองการศึกษา"])
    ]
    user = User.objects.create_user("bench", password="bench-pass-1234")
    Membership.objects.create(user=user, organisation=org, role="staff")
    rounds = standard_rounds(organisation=org, fiscal_year=2569)
    steps = [
        "แจ้งเจ้าหน้าที่ผู้ที่เกี่ยวข้องในการส่งข้อมูลตามมาตรา ๗ และ ๙ แห่งพระราชบัญญัติข้อมูลข่าวสาร",
        "จัดทำแบบฟอร์มการขอเผยแพร่ข้อมูลประชาสัมพันธ์ข้อมูลได้อย่างครบถ้วนและถูกต้อง",
        "ประชาสัมพันธ์ข้อมูลเพื่อให้ประชาชนทราบการดำเนินงานของหน่วยงาน",
        "รายงานผลการดำเนินการให้ผู้บริหารและเจ้าหน้าที่ทราบในการประชุมประจำเดือน",
    ]
    for n in range(1, 41):
        m = measure_save(
            measure=Measure(
                organisation=org,
                fiscal_year=2569,
                number=n,
                title=f"มาตรการส่งเสริมคุณธรรมและความโปร่งใส ลำดับที่ {n} ด้านการเปิดเผยข้อมูลข่าวสาร",
                period_text="ตลอดปีงบประมาณ",
                responsible_text="",
            ),
            steps=steps,
            links={"responsible_units": units[n % 4 : n % 4 + 2]},
        )
        for r in rounds:
            Progress.objects.create(
                measure=m,
                round=r,
                status="done" if n % 3 else "in_progress",
                summary="๑. จัดประชุมชี้แจงเจ้าหน้าที่ ๒. เผยแพร่ข้อมูลบนเว็บไซต์ ๓. ติดประกาศ",
                results="ประชาชนเข้าถึงข้อมูลได้สะดวกขึ้น มีผู้เข้าชมเว็บไซต์เพิ่มขึ้นร้อยละ ๒๐",
                suggestions="ควรเพิ่มช่องทางออนไลน์",
            )
    from assessments.models import Assessment

    r2 = Assessment.objects.get(organisation__code="hin-lek-fai")
    jobs = {
        "R1 (40 measures × 2 rounds, 12-month round)": (
            f"/o/bench-org/2569/reports/r1/{rounds[1].pk}.pdf",
            "bench",
            "r1",
            rounds[1].pk,
        ),
        "R2 (full FY2568 analysis)": (
            f"/o/hin-lek-fai/2568/reports/r2/{r2.pk}.pdf",
            "staff-hinlekfai",
            "r2",
            r2.pk,
        ),
    }
    u = User.objects.get(username="staff-hinlekfai")
    u.set_password("bench-pass-1234")
    u.save()
    from measures.models import ProgressRound
    from reports.documents import DOCUMENTS

    for _url, _user, code, pk in jobs.values():
        subject = r2 if code == "r2" else ProgressRound.objects.get(pk=pk)
        (WORK / f"{code}.html").write_text(DOCUMENTS[code](subject).html(), encoding="utf-8")
    return {name: job[:2] + (job[2],) for name, job in jobs.items()}


def child(kind, arg, user, code):
    """Run one measurement in this (fresh) process; print JSON."""
    if kind == "weasyprint":
        from weasyprint import HTML

        html = (WORK / f"{code}.html").read_text(encoding="utf-8")
        start = time.perf_counter()
        pdf = HTML(string=html).write_pdf()
        elapsed = time.perf_counter() - start
        size = len(pdf)
        repeat = None
    else:
        django_setup()
        from django.test import Client

        from organisations.models import User
        from reports.jobs import run as run_job

        client = Client()
        # force_login: django-axes needs a request in authenticate(), which login() lacks.
        client.force_login(User.objects.get(username=user))
        client.get("/healthz")  # warm up the URL map and the connection
        start = time.perf_counter()
        waiting = client.get(arg)
        ttfb = time.perf_counter() - start
        assert waiting.status_code == 202, waiting.status_code
        key = re.search(r"/status/([0-9a-f]{64})\.json", waiting.content.decode()).group(1)
        assert run_job(key) == "done"  # what the worker does with the job
        elapsed = time.perf_counter() - start
        response = client.get(arg)
        assert response.status_code == 200 and response["X-Report-Cache"] == "hit"
        size = len(response.content)
        # a second not-ready request in the same (now warm) process: another document
        t = time.perf_counter()
        assert client.get(arg + "?digits=arabic").status_code == 202
        ttfb_warm = time.perf_counter() - t
        t = time.perf_counter()
        assert client.get(arg.replace(".pdf", ".xlsx")).status_code == 200
        xlsx = time.perf_counter() - t
        health = []
        for _ in range(20):
            t = time.perf_counter()
            assert client.get("/healthz").status_code == 200
            health.append(time.perf_counter() - t)
        times = []
        for _ in range(20):
            t = time.perf_counter()
            again = client.get(arg)
            times.append(time.perf_counter() - t)
            assert again["X-Report-Cache"] == "hit"
        repeat = statistics.median(times)
    # KiB on Linux → MiB; the render runs in a child process of its own
    peak = max(
        resource.getrusage(who).ru_maxrss / 1024
        for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    result = {"seconds": elapsed, "peak_mib": peak, "bytes": size, "repeat": repeat}
    if kind != "weasyprint":
        result.update(ttfb=ttfb, ttfb_warm=ttfb_warm, healthz=statistics.median(health), xlsx=xlsx)
    print(json.dumps(result))


def run(kind, arg, user, code):
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, arg, user, code],
        env={**ENV, "ITA_BENCH_WORK": str(WORK)},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    sys.path.insert(0, str(ROOT))
    from tests.servers import free_port, redis_server

    port = free_port()
    ENV["ITA_TEST_REDIS_PORT"] = str(port)
    with redis_server(port):
        measure()


def measure():
    jobs = subprocess.run(
        [sys.executable, __file__, "--prepare"],
        env={**ENV, "ITA_BENCH_WORK": str(WORK)},
        capture_output=True,
        text=True,
        check=True,
    )
    jobs = json.loads(jobs.stdout.strip().splitlines()[-1])
    print(
        f"{'report':48} {'(a) portal':>11} {'(b) WeasyPrint':>15} {'a/b':>6} "
        f"{'repeat':>9} {'peak a':>9} {'peak b':>9} {'pages':>6} "
        f"{'not ready (1st, warm)':>22} {'/healthz':>9} {'xlsx':>8}"
    )
    for name, (url, user, code) in jobs.items():
        # (a) and (b) alternate three times; the medians are reported
        a_runs, b_runs = [], []
        for _ in range(3):
            for path in (WORK / "cache").glob("*.pdf"):
                path.unlink()
            a_runs.append(run("portal", url, user, code))
            b_runs.append(run("weasyprint", "-", user, code))
        a = statistics.median(r["seconds"] for r in a_runs)
        b = statistics.median(r["seconds"] for r in b_runs)
        repeat = statistics.median(r["repeat"] for r in a_runs)
        ttfb = statistics.median(r["ttfb"] for r in a_runs)
        ttfb_warm = statistics.median(r["ttfb_warm"] for r in a_runs)
        health = statistics.median(r["healthz"] for r in a_runs)
        xlsx = statistics.median(r["xlsx"] for r in a_runs)
        peak_a = max(r["peak_mib"] for r in a_runs)
        peak_b = max(r["peak_mib"] for r in b_runs)
        from io import BytesIO

        from pypdf import PdfReader

        pages = len(PdfReader(BytesIO(next((WORK / "cache").glob("*.pdf")).read_bytes())).pages)
        print(
            f"{name:48} {a:10.2f}s {b:14.2f}s {a / b:6.2f} {repeat * 1000:7.1f}ms "
            f"{peak_a:7.0f}MB {peak_b:7.0f}MB {pages:6d} "
            f"{ttfb * 1000:10.1f}ms {ttfb_warm * 1000:8.1f}ms {health * 1000:7.1f}ms "
            f"{xlsx * 1000:6.0f}ms"
        )
    print(
        "budgets: a/b ≤ 1.25 · not ready (warm) ≤ 10 × /healthz + 100 ms · repeat ≤ 50 ms · peak ≤ 400 MB"
    )


if __name__ == "__main__":
    if os.environ.get("ITA_BENCH_WORK"):
        WORK = Path(os.environ["ITA_BENCH_WORK"])
        ENV["DATABASE_URL"] = f"sqlite:///{WORK / 'bench.sqlite3'}"
    if sys.argv[1:2] == ["--prepare"]:
        print(json.dumps(prepare()))
    elif sys.argv[1:2] == ["--child"]:
        child(*sys.argv[2:6])
    else:
        main()
