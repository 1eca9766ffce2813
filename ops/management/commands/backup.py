"""``manage.py backup --output FILE.tar.gz``: the database, the evidence files and a manifest."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kernel.thai import digits
from ops.backup import backup_write


class Command(BaseCommand):
    help = "สำรองฐานข้อมูล ไฟล์หลักฐาน และรายการค่าที่ต้องใช้ในการกู้คืน ลงไฟล์ .tar.gz"

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="ไฟล์ปลายทาง เช่น ita-2569-01-31.tar.gz")

    def handle(self, *args, output, **options):
        path = Path(output)
        if not path.parent.is_dir():
            raise CommandError(f"ไม่พบโฟลเดอร์ {path.parent} สำหรับเก็บไฟล์สำรองข้อมูล")
        info = backup_write(path)
        rows = sum(info["counts"].values())
        self.stdout.write(
            f"สำรองข้อมูลแล้ว: {path} (ข้อมูล {digits(str(rows))} แถว, "
            f"ไฟล์หลักฐาน {digits(str(info['files']))} ไฟล์)"
        )
