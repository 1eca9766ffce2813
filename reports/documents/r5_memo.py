"""R5: the บันทึกข้อความ to the executives with the ITA scores and the chain's signatures
(end of seed 004)."""

from assessments.models import part_label
from kernel.thai import digits, format_date

from .base import RoundDocument, Sheet, level_of, number, signed_on
from .r0_cover import prepared_by

TOOL_NAMES = {
    "IIT": "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)",
    "EIT": "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)",
    "OIT": "แบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT)",
}


class MemoR5(RoundDocument):
    code = "r5"
    title = "บันทึกข้อความ"
    use = "บันทึกข้อความเสนอผู้บริหาร พร้อมลำดับการลงนาม"
    template_name = "print/r5_memo.html"
    orientation = "portrait"
    parts = ("organisation", "round", "assessment")

    def print_context(self):
        return {"emblem": self.emblem()}

    def context(self):
        org = self.content["organisation"]
        assessment = self.content["assessment"]
        decisions = self.source.decisions
        submit = next((d for d in decisions if d["action"] == "submit"), None)
        chain = [
            {
                "title": d["step"],
                "name": d["name"],
                "position": d["position"],
                "comment": d["comment"],
                "date": signed_on(d),
            }
            for d in decisions
            if d["action"] == "approve"
        ]
        year = assessment["fiscal_year"] if assessment else self.year
        tools = []
        for t in assessment["tools"] if assessment else []:
            name = TOOL_NAMES.get(t["code"], t["name"])
            label = part_label(name, t["part"])
            tools.append((label, t["score"]))
        return {
            **self.base_context(),
            "approvals": [],
            # the unit of the organisation's settings; the seed's wording without one
            "division": prepared_by(org) if org.get("prepared_by") else f"สำนักปลัด{org['name']}",
            "prepared_by": prepared_by(org),
            "number": f"{org['document_prefix'] or '.......'} / -",
            "date": signed_on(submit) if submit else format_date(self.content["round"]["end"]),
            "subject": (
                "รายงานผลการประเมินระดับคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงาน"
                f"ภาครัฐ ITA ประจำปี พ.ศ. {digits(year)}"
            ),
            "to": f"นายก{org['name']}",
            "assessment": assessment,
            "assessment_year": year,
            "level": level_of(assessment),
            "tools": tools,
            "submitter": {"name": submit["name"], "position": submit["position"]}
            if submit
            else None,
            "chain": chain,
        }

    def sheets(self):
        c = self.context()
        rows = [
            ["ส่วนราชการ", c["division"]],
            ["ที่", c["number"]],
            ["วันที่", c["date"]],
            ["เรื่อง", c["subject"]],
            ["เรียน", c["to"]],
            ["คะแนนรวม", number(c["assessment"]["total"]) if c["assessment"] else None],
            ["ระดับ", c["level"].code if c["level"] else ""],
        ]
        rows += [[label, number(score)] for label, score in c["tools"]]
        rows += [[f"{a['title']} ({a['name']}, {a['position']})", a["comment"]] for a in c["chain"]]
        return [Sheet("บันทึกข้อความ", ["รายการ", "ข้อความ"], rows, [45, 90])]
