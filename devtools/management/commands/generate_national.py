"""A synthetic national dataset for load tests: N organisations in P provinces, three fiscal
years of results (every score table), ~30 measures a year with two progress rounds each, full
OIT checklists, and the supervisors' summaries (dashboards/summaries.py). Bulk inserts, batch
by batch; meant for PostgreSQL.

    manage.py generate_national --organisations 7800 --provinces 77
"""

import datetime
import random
import time
from decimal import Decimal

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from assessments.levels import FULL_MARKS
from assessments.models import (
    Assessment,
    Framework,
    IndicatorScore,
    OITItemScore,
    QuestionScore,
    ToolScore,
)
from assessments.services import framework_clone, framework_load_fixtures
from dashboards import summaries
from kernel.thai import fiscal_year_bounds
from measures.models import Measure, OITChecklistEntry, Progress, ProgressRound
from organisations.models import Membership, Organisation, Supervision, Unit, User
from organisations.tenancy import scopes_disabled

UNITS = ["สำนักปลัด", "กองคลัง", "กองช่าง", "กองการศึกษา ศาสนาและวัฒนธรรม"]
KINDS = ["sao"] * 7 + ["municipality"] * 2 + ["pao"]
# the tables a batch fills in bulk, which the planner needs statistics of
TABLES = (
    Organisation, Unit, Assessment, ToolScore, IndicatorScore, QuestionScore, OITItemScore,
    OITChecklistEntry, OITChecklistEntry.components_done.through, ProgressRound, Measure,
    Progress, Measure.responsible_units.through,
)  # fmt: skip


def score(rng, low=60, high=100):
    return Decimal(f"{rng.uniform(low, high):.2f}")


class Command(BaseCommand):
    help = "Generate a synthetic national dataset (organisations, results, measures, progress)."

    def add_arguments(self, parser):
        parser.add_argument("--organisations", type=int, default=7800)
        parser.add_argument("--provinces", type=int, default=77)
        parser.add_argument("--years", type=int, nargs="+", default=[2566, 2567, 2568])
        parser.add_argument("--measures", type=int, default=30)
        parser.add_argument("--batch", type=int, default=200)
        parser.add_argument("--seed", type=int, default=2568)

    @scopes_disabled()  # synthetic data for every organisation: a command, not a request
    def handle(self, *args, **o):
        rng = random.Random(o["seed"])
        started = time.perf_counter()
        framework_load_fixtures()
        frameworks = {}
        for year in o["years"]:
            fw = Framework.objects.filter(fiscal_year=year).first()
            if fw is None:
                source = (
                    Framework.objects.filter(fiscal_year__lt=year).order_by("-fiscal_year").first()
                )
                fw = framework_clone(source=source, fiscal_year=year)
            frameworks[year] = {
                "framework": fw,
                "tools": list(fw.tools.prefetch_related("parts")),
                "indicators": list(fw.indicators.all()),
                "questions": list(fw.questions.select_related("indicator__tool")),
                "items": list(fw.oit_items.prefetch_related("components")),
            }
        existing = Organisation.objects.filter(code__startswith="nat-").count()
        total = o["organisations"]
        self.analysed_at = existing  # organisations in the tables at the last ANALYZE
        for start in range(existing, total, o["batch"]):
            with transaction.atomic():
                self.batch(rng, range(start, min(start + o["batch"], total)), o, frameworks)
            self.stdout.write(
                f"{min(start + o['batch'], total)}/{total} organisations "
                f"({time.perf_counter() - started:.0f} s)"
            )
        if self.analysed_at < total:
            analyse(*TABLES)
        self.accounts(o)
        self.stdout.write(f"done in {time.perf_counter() - started:.0f} s")

    def batch(self, rng, numbers, o, frameworks):
        orgs = Organisation.objects.bulk_create(
            [
                Organisation(
                    code=f"nat-{n:05d}",
                    kind=rng.choice(KINDS),
                    name=f"องค์การบริหารส่วนตำบลทดสอบ{n:05d}",
                    short_name=f"อบต.ทดสอบ{n:05d}",
                    district=f"อำเภอที่ {n % 9 + 1}",
                    province=f"จังหวัดที่ {n % o['provinces'] + 1:02d}",
                    website=f"https://nat-{n:05d}.example.go.th",
                    eit_survey_url=f"https://itas.example/eit/nat-{n:05d}",
                )
                for n in numbers
            ]
        )
        units = Unit.objects.bulk_create(
            [
                Unit(organisation=org, name=name, order=i)
                for org in orgs
                for i, name in enumerate(UNITS)
            ]
        )
        units_of = {}
        for unit in units:
            units_of.setdefault(unit.organisation_id, []).append(unit)
        assessments, tool_scores, indicator_scores, question_scores, item_scores = (
            [],
            [],
            [],
            [],
            [],
        )
        measures, rounds, checklist = [], [], []
        for org in orgs:
            for year, f in frameworks.items():
                assessments.append(
                    Assessment(
                        organisation=org, framework=f["framework"], total_score=score(rng, 50, 99)
                    )
                )
                first, last = fiscal_year_bounds(year)
                rounds += [
                    ProgressRound(
                        organisation=org,
                        fiscal_year=year,
                        kind="six",
                        name="รอบ ๖ เดือน",
                        start_date=first,
                        end_date=datetime.date(last.year, 3, 31),
                        due_date=datetime.date(last.year, 4, 30),
                        state="approved",
                        published=rng.random() < 0.7,
                    ),
                    ProgressRound(
                        organisation=org,
                        fiscal_year=year,
                        kind="twelve",
                        name="รอบ ๑๒ เดือน",
                        start_date=first,
                        end_date=last,
                        due_date=datetime.date(last.year, 10, 31),
                        state=rng.choice(["draft", "submitted", "approved"]),
                    ),
                ]
                for n in range(1, o["measures"] + 1):
                    measures.append(
                        Measure(
                            organisation=org,
                            fiscal_year=year,
                            number=n,
                            kind="measure",
                            title=f"มาตรการส่งเสริมคุณธรรมและความโปร่งใส ลำดับที่ {n}",
                            period_text="ตลอดปีงบประมาณ",
                            start_date=first,
                            end_date=rng.choice([last, datetime.date(last.year, 3, 31)]),
                        )
                    )
                for item in f["items"]:
                    checklist.append(
                        OITChecklistEntry(
                            organisation=org,
                            item=item,
                            unit=units_of[org.pk][0],
                            status=rng.choice(["done", "done", "in_progress", "not_started"]),
                        )
                    )
        assessments = Assessment.objects.bulk_create(assessments, batch_size=2000)
        by_framework = {f["framework"].pk: f for f in frameworks.values()}
        for a in assessments:
            f = by_framework[a.framework_id]
            for tool in f["tools"]:
                parts = [p.number for p in tool.parts.all()] or [0]
                tool_scores += [
                    ToolScore(assessment=a, tool=tool, part=p, score=score(rng)) for p in parts
                ]
            indicator_scores += [
                IndicatorScore(assessment=a, indicator=i, score=score(rng)) for i in f["indicators"]
            ]
            for q in f["questions"]:
                parts = [1, 2] if q.indicator.tool.code == "EIT" else [0]
                question_scores += [
                    QuestionScore(assessment=a, question=q, part=p, score=score(rng)) for p in parts
                ]
            item_scores += [
                OITItemScore(
                    assessment=a,
                    item=i,
                    score=rng.choice([FULL_MARKS, Decimal("50"), Decimal("0")]),
                )
                for i in f["items"]
            ]
        for model, rows in (
            (ToolScore, tool_scores),
            (IndicatorScore, indicator_scores),
            (QuestionScore, question_scores),
            (OITItemScore, item_scores),
        ):
            model.objects.bulk_create(rows, batch_size=5000)
        checklist = OITChecklistEntry.objects.bulk_create(checklist, batch_size=5000)
        ticked = OITChecklistEntry.components_done.through
        ticked.objects.bulk_create(  # a done entry has every component; the others a few
            [
                ticked(oitchecklistentry_id=e.pk, oitcomponent_id=c.pk)
                for e in checklist
                for c in e.item.components.all()
                if e.status == "done" or rng.random() < 0.3
            ],
            batch_size=5000,
        )
        rounds = ProgressRound.objects.bulk_create(rounds, batch_size=5000)
        measures = Measure.objects.bulk_create(measures, batch_size=5000)
        round_of = {(r.organisation_id, r.fiscal_year, r.kind): r for r in rounds}
        progress = []
        for m in measures:
            for kind in ("six", "twelve"):
                progress.append(
                    Progress(
                        measure=m,
                        round=round_of[(m.organisation_id, m.fiscal_year, kind)],
                        status=rng.choice(["done", "in_progress", "not_started"]),
                        summary="ดำเนินการตามแผน ประชุมชี้แจง และเผยแพร่ข้อมูลบนเว็บไซต์",
                    )
                )
        Progress.objects.bulk_create(progress, batch_size=5000)
        through = Measure.responsible_units.through
        through.objects.bulk_create(
            [
                through(measure_id=m.pk, unit_id=units_of[m.organisation_id][m.number % 4].pk)
                for m in measures
            ],
            batch_size=5000,
        )
        # statistics each time the tables have doubled (not after every batch: the plans only
        # go wrong while the planner takes a table for nearly empty), and once at the end
        filled = numbers.stop
        if filled >= 2 * self.analysed_at:
            analyse(*TABLES)
            self.analysed_at = filled
        # bulk inserts send no signals: the supervisors' summaries of the batch, in bulk
        summaries.rebuild([org.pk for org in orgs], list(frameworks), timezone.localdate())

    def accounts(self, o):
        """bench-province: supervisor of province 01; bench-national: platform admin;
        bench-exec: executive of the first organisation."""
        province, _ = User.objects.get_or_create(username="bench-province")
        national, _ = User.objects.get_or_create(
            username="bench-national", defaults={"is_superuser": True, "is_staff": True}
        )
        executive, _ = User.objects.get_or_create(username="bench-exec")
        if not Supervision.objects.filter(user=province).exists():
            Supervision.objects.create(user=province, name="สถ.จ. ทดสอบ", province="จังหวัดที่ 01")
        first = Organisation.objects.get(code="nat-00000")
        Membership.objects.get_or_create(
            user=executive, organisation=first, defaults={"role": "executive"}
        )


def analyse(*models):
    """Give PostgreSQL's planner statistics for tables just filled in bulk. Until autovacuum
    gets to them it takes each table for nearly empty and plans the summaries' joins as
    nested loops; SQLite plans without statistics and needs nothing."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
