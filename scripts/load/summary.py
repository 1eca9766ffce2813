"""The load test's figures from Locust's CSV: throughput, p50/p95 per request type, errors,
with the /healthz baseline of the same run. Exits non-zero when a budget is missed:
0 errors, page p95 ≤ 1 s (pages: 'page:', 'public:' and 'write:' requests)."""

import csv
import sys

stats_path, failures_path, database = sys.argv[1], sys.argv[2], sys.argv[3]
with open(stats_path, encoding="utf-8") as _file:
    rows = list(csv.DictReader(_file))
with open(failures_path, encoding="utf-8") as _file:
    failures = list(csv.DictReader(_file))
total = next(r for r in rows if r["Name"] == "Aggregated")
print(f"\nLoad test on {database}: {int(total['Request Count'])} requests, "
      f"{float(total['Requests/s']):.1f} req/s, {int(total['Failure Count'])} errors")  # fmt: skip
print(f"{'request type':34} {'count':>7} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7}")
worst_page = 0
for r in sorted((r for r in rows if r["Name"] != "Aggregated"), key=lambda r: r["Name"]):
    p50, p95 = r["50%"], r["95%"]
    print(f"{r['Name']:34} {r['Request Count']:>7} {p50:>8} {p95:>8} {r['Failure Count']:>7}")
    if r["Name"].split(":")[0] in ("page", "public", "write") and p95 not in ("N/A", ""):
        worst_page = max(worst_page, float(p95))
for f in failures:
    print(f"error: {f['Name']}: {f['Error']} ×{f['Occurrences']}")
ok = int(total["Failure Count"]) == 0 and worst_page <= 1000
print(f"budget (0 errors, page p95 ≤ 1000 ms; worst page p95 {worst_page:.0f} ms): "
      f"{'met' if ok else 'MISSED'}")  # fmt: skip
sys.exit(0 if ok else 1)
