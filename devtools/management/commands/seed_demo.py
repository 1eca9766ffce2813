import sys

from django.conf import settings
from django.core.management.base import BaseCommand

from assessments.services import framework_load_fixtures
from devtools.demo.measures import demo_measures_load
from devtools.demo.organisations import demo_organisations_load
from devtools.demo.results import demo_results_load, guideline_library_load
from kernel.thai import thai_digits

DEMO_FLAG = "--i-know-this-is-a-demo"

# The demo creates the superuser `admin` with the password published in the README: on a
# production database that is an open door, so the command refuses unless it is plainly a demo.
REFUSAL = (
    "ไม่สร้างข้อมูลตัวอย่าง: คำสั่งนี้สร้างบัญชีผู้ดูแลระบบ admin ด้วยรหัสผ่านที่เผยแพร่ไว้ในคู่มือ "
    "จึงใช้ได้เฉพาะระบบสาธิต (DJANGO_DEBUG=1) หรือเมื่อระบุ "
    f"{DEMO_FLAG} ว่าฐานข้อมูลนี้เป็นระบบสาธิตจริง ไม่มีข้อมูลใดถูกสร้างหรือเปลี่ยนแปลง"
)


class Command(BaseCommand):
    help = "โหลดกรอบการประเมิน ITA หน่วยงานและบัญชีผู้ใช้ตัวอย่าง (สำหรับระบบสาธิต รันซ้ำได้)"

    def add_arguments(self, parser):
        parser.add_argument(
            DEMO_FLAG,
            action="store_true",
            dest="demo",
            help="ยืนยันว่าฐานข้อมูลนี้เป็นระบบสาธิต (จำเป็นเมื่อ DJANGO_DEBUG ปิดอยู่)",
        )

    def handle(self, *args, **options):
        if not (settings.DEBUG or options["demo"]):
            self.stderr.write(REFUSAL)
            sys.exit(2)
        frameworks = framework_load_fixtures()
        created = demo_organisations_load(password=settings.DEMO_PASSWORD)
        guidelines = guideline_library_load()
        results = demo_results_load()
        measures = demo_measures_load()
        self.stdout.write(
            thai_digits(
                f"เพิ่มกรอบการประเมิน {len(frameworks)} ปี หน่วยงาน {created['organisations']} แห่ง "
                f"บัญชีผู้ใช้ {created['accounts']} บัญชี แนวทางในคลัง {guidelines} รายการ "
                f"ผลการประเมินตัวอย่าง {results} รายการ มาตรการตัวอย่าง {measures} ปี"
            )
        )
