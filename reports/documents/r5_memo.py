"""R5: a บันทึกข้อความ to the executives, by the งานสารบรรณ rules, with the chain's comments
and signatures. Which memo it is comes from the document's settings (measures.layouts): the
score report of the end of seed 004 (the default), the cover memo that sends the round's
report up for acknowledgement, or the memo asking approval of the year's measures. Each has
its เรื่อง and body drafted from the content; staff may reword both."""

from assessments.models import part_label
from kernel.thai import digits, format_date
from measures.layouts import MemoKind
from measures.rules import is_done
from measures.status import Status

from .base import (
    RoundDocument,
    Sheet,
    level_of,
    number,
    paragraphs,
    period_of_round,
    signed_on,
    status_of,
)
from .r0_cover import prepared_by

TOOL_NAMES = {
    "IIT": "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)",
    "EIT": "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)",
    "OIT": "แบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT)",
}
ITA = (
    "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
    "(Integrity and Transparency Assessment : ITA)"
)
MEASURES = "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
CLOSING = {
    MemoKind.SCORE: "จึงเรียนมาเพื่อโปรดทราบ",
    MemoKind.COVER: "จึงเรียนมาเพื่อโปรดทราบ",
    MemoKind.PLAN: "จึงเรียนมาเพื่อโปรดพิจารณาอนุมัติ",
}


class MemoR5(RoundDocument):
    code = "r5"
    title = "บันทึกข้อความ"
    use = "บันทึกข้อความเสนอผู้บริหาร พร้อมลำดับการลงนาม"
    template_name = "print/r5_memo.html"
    orientation = "portrait"
    page_numbers = "top"
    parts = ("organisation", "round", "measures", "assessment", "layouts")

    @property
    def kind(self) -> MemoKind:
        return MemoKind(self.layout["memo"])

    @property
    def assessment_year(self):
        assessment = self.content["assessment"]
        return assessment["fiscal_year"] if assessment else self.year

    def heading(self) -> str:
        """The memo's เรื่อง: the organisation's wording, else the one of its kind."""
        if self.layout["title"]:
            return self.layout["title"]
        if self.kind == MemoKind.COVER:
            label = period_of_round(self.content["round"])
            return (
                f"รายงานผลการดำเนินการตาม{MEASURES} ประจำปีงบประมาณ พ.ศ. {digits(self.year)} {label}"
            )
        if self.kind == MemoKind.PLAN:
            return f"ขออนุมัติ{MEASURES} ประจำปีงบประมาณ พ.ศ. {digits(self.year)}"
        return (
            "รายงานผลการประเมินระดับคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงาน"
            f"ภาครัฐ ITA ประจำปี พ.ศ. {digits(self.assessment_year)}"
        )

    def scored(self) -> str:
        """``คะแนน ๗๖.๙๒ คะแนน ระดับผลการประเมิน : C (ต้องปรับปรุง)`` ("" : no result)."""
        assessment = self.content["assessment"]
        if not assessment:
            return ""
        level = level_of(assessment)
        return (
            f"คะแนน {digits(assessment['total'])} คะแนน "
            f"ระดับผลการประเมิน : {level.code} ({level.old_verdict})"
        )

    def draft_opening(self) -> str:
        """The body of the memo's kind, one paragraph a line."""
        org = self.content["organisation"]
        name, by = org["name"], prepared_by(org)
        year = digits(self.year)
        scored = self.scored()
        if self.kind == MemoKind.COVER:
            counts = self.counts()
            return "\n".join(
                [
                    f"ตามที่{name} ได้กำหนด{MEASURES} ประจำปีงบประมาณ พ.ศ. {year} "
                    f"จำนวน {digits(counts['all'])} มาตรการ และกำหนดให้ติดตามและรายงานผล"
                    "การดำเนินการตามมาตรการต่อผู้บริหาร นั้น",
                    f"{by} ได้ติดตามผลการดำเนินการ{period_of_round(self.content['round'])} แล้ว "
                    f"ดำเนินการแล้วเสร็จ {digits(counts[Status.DONE])} มาตรการ "
                    f"อยู่ระหว่างดำเนินการ {digits(counts[Status.IN_PROGRESS])} มาตรการ "
                    f"ยังไม่ได้ดำเนินการ {digits(counts[Status.NOT_STARTED])} มาตรการ "
                    "รายละเอียดตามรายงานผลการดำเนินการที่แนบมาพร้อมนี้",
                ]
            )
        if self.kind == MemoKind.PLAN:
            quoted = (
                f"ตามที่สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ (สำนักงาน ป.ป.ช.) "
                f"ได้ดำเนิน{ITA} ประจำปีงบประมาณ พ.ศ. {digits(self.assessment_year)} "
                f"{name} ได้{scored} นั้น"
                if scored
                else f"ตามที่{name} ได้เข้ารับ{ITA} ของสำนักงาน ป.ป.ช. นั้น"
            )
            return "\n".join(
                [
                    quoted,
                    f"{by} ได้วิเคราะห์ผลการประเมินดังกล่าว และจัดทำ{MEASURES} "
                    f"ประจำปีงบประมาณ พ.ศ. {year} จำนวน {digits(len(self.measures()))} มาตรการ "
                    "เพื่อแก้ไขข้อบกพร่องและพัฒนาการดำเนินงานให้ดียิ่งขึ้น ดังนี้",
                ]
            )
        # the score report, in the wording of the end of seed 004
        opening = (
            "ตามประกาศสำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ (สำนักงาน ป.ป.ช.) "
            f"เรื่อง ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
            f"(Integrity and Transparency Assessment : ITA) ประจำปีงบประมาณ พ.ศ. "
            f"{digits(self.assessment_year)} ได้ดำเนินการประเมินฯ ผ่านมาแล้ว นั้น"
        )
        if not scored:
            return f"{opening}\nยังไม่มีผลการประเมินที่บันทึกไว้"
        return (
            f"{opening}\n{by} จึงขอรายงานผลการประเมินระดับคุณธรรมและความโปร่งใสในการ"
            f"ดำเนินงานของหน่วยงานภาครัฐ (ITA) ประจำปี พ.ศ. {digits(self.assessment_year)} "
            f"ของ{name} มี{scored} ดังรายละเอียดต่อไปนี้"
        )

    def counts(self) -> dict:
        """How many of the round's measures are at each status (and "all")."""
        statuses = [status_of(m) for m in self.measures()]
        counts = {s: statuses.count(s) for s in Status}
        counts[Status.DONE] = sum(1 for s in statuses if is_done(s))
        return {**counts, "all": len(statuses)}

    def listed(self) -> list[str]:
        """The lines printed after the body: the tools' scores (score report), the year's
        measures (approval memo); none for the cover memo."""
        if self.kind == MemoKind.PLAN:
            return [m["title"] for m in self.measures()]
        if self.kind == MemoKind.SCORE and self.content["assessment"]:
            return [f"{label} คะแนนรวม {digits(score)} คะแนน" for label, score in self.tools()]
        return []

    def tools(self) -> list[tuple[str, object]]:
        assessment = self.content["assessment"]
        return [
            (part_label(TOOL_NAMES.get(t["code"], t["name"]), t["part"]), t["score"])
            for t in (assessment["tools"] if assessment else [])
        ]

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
        return {
            **self.base_context(),
            "approvals": [],
            # the unit of the organisation's settings; the seed's wording without one
            "division": prepared_by(org) if org.get("prepared_by") else f"สำนักปลัด{org['name']}",
            "prepared_by": prepared_by(org),  # who writes the memo, as its body names it
            "number": f"{org['document_prefix'] or '.......'} / -",
            "date": signed_on(submit) if submit else format_date(self.content["round"]["end"]),
            "subject": self.heading(),
            "to": f"นายก{org['name']}",
            "paragraphs": paragraphs(self.opening()),
            "listed": self.listed(),
            "numbered": self.kind == MemoKind.PLAN,
            "closing": CLOSING[self.kind],
            "assessment": assessment,
            "level": level_of(assessment),
            "tools": self.tools(),
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
            *[["เนื้อความ", p] for p in c["paragraphs"]],
            ["คะแนนรวม", number(c["assessment"]["total"]) if c["assessment"] else None],
            ["ระดับ", c["level"].code if c["level"] else ""],
        ]
        rows += [[label, number(score)] for label, score in c["tools"]]
        if c["numbered"]:
            rows += [[f"มาตรการที่ {i}", title] for i, title in enumerate(c["listed"], start=1)]
        rows += [["คำลงท้าย", c["closing"]]]
        rows += [[f"{a['title']} ({a['name']}, {a['position']})", a["comment"]] for a in c["chain"]]
        return [Sheet("บันทึกข้อความ", ["รายการ", "ข้อความ"], rows, [45, 90])]
