"""Measures workbooks of any length for the import tests, their child processes and
scripts/bench_imports.py: the columns of the portal's own export, one new measure a row."""

from io import BytesIO

from django_scopes import scope
from openpyxl import Workbook


def measure_headers(org):
    from assessments.models import Framework
    from measures.resources import MeasureResource

    with scope(organisation=org.pk):
        resource = MeasureResource(
            organisation=org, year=2569, frameworks=Framework.objects.none(), user=None
        )
        return [field.column_name for field in resource.get_export_fields()]


def measures_workbook(org, rows, *, unit="สำนักปลัด", bad_row=None, first=1) -> bytes:
    """``rows`` new measures numbered from ``first``, each with two steps and a unit; the
    measure on sheet row ``bad_row`` (2 is the first measure) ends before it starts."""
    headers = measure_headers(org)
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for number in range(first, first + rows):
        cells = {
            "ลำดับ": number,
            "ประเภท": "มาตรการ",
            "มาตรการ/โครงการ/กิจกรรม": f"มาตรการนำเข้าที่ {number}",
            "ขั้นตอนหรือวิธีการปฏิบัติ": "๑. ประชุมชี้แจง\n๒. รายงานผล",
            "ระยะเวลา": "ตลอดปีงบประมาณ",
            "ผู้รับผิดชอบ (ส่วนงาน)": unit,
            "งบประมาณ (บาท)": 1000 + number,
        }
        if sheet.max_row + 1 == bad_row:
            cells.update({"วันเริ่ม": "01/09/2569", "กำหนดแล้วเสร็จ": "01/03/2569"})
        sheet.append([cells.get(header) for header in headers])
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()
