"""R0: the cover page (end of seed 004)."""

from kernel.thai import digits

from .base import RoundDocument, Sheet


class CoverR0(RoundDocument):
    code = "r0"
    title = "ปกรายงาน"
    use = "ปกสำหรับเย็บเล่มรายงานที่เลือก"
    template_name = "print/r0_cover.html"
    orientation = "portrait"
    parts = ("organisation", "round")

    def context(self):
        return {
            **self.base_context(),
            "approvals": [],
            "prepared_by": f"สำนักงานปลัด {self.content['organisation']['name']}",
        }

    def sheets(self):
        c = self.context()
        org = c["org"]
        rows = [
            ["รายงาน", "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"],
            ["ปีงบประมาณ", digits(self.year)],
            ["รอบ", c["period"]],
            ["ชื่อหน่วยงาน", org["name"]],
            ["อำเภอ", org["district"]],
            ["จังหวัด", org["province"]],
            ["จัดทำโดย", c["prepared_by"]],
        ]
        return [Sheet("ปก", ["รายการ", "ข้อความ"], rows, [20, 80])]
