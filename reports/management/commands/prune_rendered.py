from django.core.management.base import BaseCommand

from reports.pruning import prune


class Command(BaseCommand):
    help = "ลบไฟล์ PDF ที่จัดทำไว้จากข้อมูลที่เปลี่ยนไปแล้ว และคุมขนาดรวมไม่ให้เกิน ITA_RENDERED_MAX_BYTES"

    def handle(self, *args, **options):
        result = prune()
        self.stdout.write(
            f"ลบไฟล์ของข้อมูลที่เปลี่ยนแล้ว {result['changed']} ไฟล์ "
            f"ไฟล์ที่ไม่มีงานอ้างถึง {result['orphans']} ไฟล์ "
            f"ลบเพื่อคุมขนาด {result['size']} ไฟล์ คงเหลือ {result['kept_bytes']:,} ไบต์"
            + (" (ยังเกินขนาดที่กำหนด เพราะเป็นฉบับที่อนุมัติแล้วทั้งหมด)" if result["over_limit"] else "")
        )
