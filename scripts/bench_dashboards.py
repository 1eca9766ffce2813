"""Server time (p50/p95) and query counts of the dashboards and a public page, each next to a
baseline measured in the same run (/healthz: a bare view doing one indexed query).
Run by scripts/bench_national.sh against the synthetic national dataset in PostgreSQL.
The supervisor table is measured under every sort, for one province and nationally.
Budgets (issue 11): every supervisor sort p95 ≤ 100 ms, executive dashboard p95 ≤ 100 ms,
public page p95 ≤ 50 ms; query counts that do not grow with organisations or measures."""

import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ita_portal.settings_test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

from measures.models import Measure, Progress, ProgressRound  # noqa: E402
from organisations.models import Organisation, User  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "30"))


def measure(client, url):
    client.get(url)  # warm
    times, queries = [], 0
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(ctx.captured_queries)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))], queries


def publish_one():
    """generate_national makes no approved versions, and a public page shows only those: the
    first synthetic organisation's FY2568 6-month round is approved and published through the
    real services (load_test_prepare's way), once."""
    with tempfile.TemporaryDirectory() as folder:
        call_command(
            "load_test_prepare", staff=1, public=1, year=2568,
            output=str(Path(folder) / "sessions.json"), stdout=io.StringIO(),
        )  # fmt: skip


def main():
    with scopes_disabled():
        shown = ProgressRound.objects.filter(
            published=True, fiscal_year=2568, versions__approved_at__isnull=False
        )
        if not shown.exists():  # (generate_national marks rounds published without versions)
            publish_one()
        published = shown.select_related("organisation").first()
        counts = Measure.objects.count(), Progress.objects.count()
    org = Organisation.objects.get(code="nat-00000")
    sorts = ["province", "score", "score_asc", "change", "done", "overdue", "oit"]
    cases = [
        (f"supervisor, one province, sort={sort}", "bench-province", 100, sort) for sort in sorts
    ]
    cases += [(f"supervisor, national, sort={sort}", "bench-national", 100, sort) for sort in sorts]
    cases = [
        (name, user, budget, f"/supervise/?year=2568&sort={s}") for name, user, budget, s in cases
    ]
    cases += [
        ("executive dashboard", "bench-exec", 100, f"/o/{org.code}/dashboard/?year=2568"),
        ("public page", None, 50, f"/public/{published.organisation.code}/2568/"),
    ]
    print(
        f"organisations {Organisation.objects.count()} · measures {counts[0]} · "
        f"progress {counts[1]} · runs {RUNS} per URL · {connection.vendor}"
    )
    print(
        f"{'page':52} {'p50':>8} {'p95':>8} {'queries':>8} {'baseline p50/p95':>18} "
        f"{'ratio p95':>9} {'budget':>8}"
    )
    for name, username, budget, url in cases:
        client = Client()
        if username:
            client.force_login(User.objects.get(username=username))
        if client.get(url).status_code == 404:  # e.g. no approved version to show publicly
            print(f"{name:52} not measured: {url} answers 404 on this dataset", flush=True)
            continue
        p50, p95, queries = measure(client, url)
        b50, b95, bq = measure(Client(), f"/healthz?org={org.code}")
        verdict = "ok" if p95 <= budget else "OVER"
        print(
            f"{name:52} {p50:7.1f}ms {p95:7.1f}ms {queries:8d} {b50:8.1f}/{b95:.1f}ms "
            f"{p95 / b95:9.1f} {budget:5d}ms {verdict}",
            flush=True,
        )
    print("budgets p95: every supervisor sort ≤ 100 ms · executive ≤ 100 ms · public ≤ 50 ms")


if __name__ == "__main__":
    main()
