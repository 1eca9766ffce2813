"""``manage.py restore FILE.tar.gz [--force]``: back to what ``manage.py backup`` wrote."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from kernel.thai import digits, format_datetime
from ops.backup import BackupError
from ops.restore import backup_restore


class Command(BaseCommand):
    help = "กู้คืนฐานข้อมูลและไฟล์หลักฐานจากไฟล์สำรองข้อมูล (ไม่กู้คืนทับฐานข้อมูลที่มีข้อมูล เว้นแต่สั่ง --force)"

    def add_arguments(self, parser):
        parser.add_argument("archive", help="ไฟล์ .tar.gz จาก manage.py backup")
        parser.add_argument("--force", action="store_true", help="ลบข้อมูลเดิมในฐานข้อมูลทั้งหมดก่อนกู้คืน")

    def handle(self, *args, archive, force, **options):
        try:
            info = backup_restore(archive, force=force)
        except BackupError as refusal:
            raise CommandError(str(refusal)) from None
        rows = digits(str(sum(info["counts"].values())))
        files = digits(str(info["files"]))
        created = format_datetime(datetime.datetime.fromisoformat(info["created"]))
        self.stdout.write(
            f"กู้คืนแล้ว: ข้อมูล {rows} แถว, ไฟล์หลักฐาน {files} ไฟล์ (สำรองเมื่อ {created})\n"
            f"ตั้งค่า {', '.join(info['settings']['secret'])} ให้เหมือนระบบเดิม"
        )
