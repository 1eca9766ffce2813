"""Recompute the supervisors' summaries from the data (dashboards/summaries.py).

manage.py rebuild_summaries                       # every organisation, every year with data
manage.py rebuild_summaries --organisation rob-wiang --year 2569
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from dashboards import summaries
from kernel.thai import be_year_typed, thai_digits
from organisations.models import Organisation


class Command(BaseCommand):
    help = "คำนวณตัวเลขสรุปของแดชบอร์ดผู้กำกับดูแลใหม่จากข้อมูล (ทุกหน่วยงาน หรือที่ระบุ)"

    def add_arguments(self, parser):
        parser.add_argument(
            "--organisation", action="append", default=[], help="รหัสหน่วยงาน (ระบุซ้ำได้)"
        )
        parser.add_argument("--year", action="append", default=[], help="ปีงบประมาณ พ.ศ. (ระบุซ้ำได้)")

    def handle(self, *args, organisation, year, **options):
        started = time.perf_counter()
        organisations = Organisation.objects.all()
        if organisation:
            organisations = organisations.filter(code__in=organisation)
            missing = set(organisation) - set(organisations.values_list("code", flat=True))
            if missing:
                raise CommandError(f"ไม่พบหน่วยงานรหัส {', '.join(sorted(missing))}")
        years = []
        for value in year:
            typed = be_year_typed(value)
            if typed is None:
                raise CommandError(f"ปีงบประมาณ “{value}” ไม่ถูกต้อง (พิมพ์เป็น พ.ศ. เช่น ๒๕๖๙)")
            years.append(typed)
        years = years or summaries.years_with_data()
        ids = list(organisations.values_list("pk", flat=True))
        count = summaries.rebuild(ids, years, timezone.localdate())
        self.stdout.write(
            thai_digits(
                f"คำนวณใหม่ {count} แถว ({len(ids)} หน่วยงาน × {len(years)} ปี) "
                f"ใน {time.perf_counter() - started:.1f} วินาที"
            )
        )
