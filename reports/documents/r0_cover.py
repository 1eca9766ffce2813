"""R0: the cover page (end of seed 004)."""

from kernel.thai import digits

from .base import RoundDocument, Sheet


def prepared_by(organisation: dict) -> str:
    """Who "จัดทำโดย" names: the unit set in the organisation's settings, with the
    organisation's name; without one (and in versions frozen before the setting existed) the
    สำนักงานปลัด, as the seeds print it."""
    unit = organisation.get("prepared_by") or "สำนักงานปลัด"
    return f"{unit} {organisation['name']}"


class CoverR0(RoundDocument):
    code = "r0"
    title = "ปกรายงาน"
    use = "ปกสำหรับเย็บเล่มรายงานที่เลือก"
    template_name = "print/r0_cover.html"
    orientation = "portrait"
    numbered_pages = False
    parts = ("organisation", "round")

    def context(self):
        return {
            **self.base_context(),
            "approvals": [],
            "prepared_by": prepared_by(self.content["organisation"]),
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
