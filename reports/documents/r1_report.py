"""R1: รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน (seeds 000, 004) —
the measures table, per-tool guideline tables under their indicators, the OIT item table."""

from assessments.models import indicator_label, sub_indicator_label
from measures.models import Measure

from .base import (
    STATUS_LABEL,
    RoundDocument,
    Sheet,
    level_of,
    number,
    progress_text,
    responsible,
    status_of,
    steps_text,
)


class ReportR1(RoundDocument):
    code = "r1"
    title = "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    use = "ฉบับเสนอผู้บริหาร และแนบเป็นหลักฐาน OIT"
    recommended = True
    template_name = "print/r1_report.html"
    public = True

    def context(self):
        assessment = self.content["assessment"]
        scores = assessment["indicators"] if assessment else {}
        tools = {}
        for m in self.content["measures"]:
            if m["kind"] != Measure.Kind.GUIDELINE:
                continue
            indicator = m["indicators"][0] if m["indicators"] else None
            # grouped by the tool the framework gives the indicator, never by its number
            tool = indicator["tool"] if indicator else "อื่น ๆ"
            tools.setdefault(tool, []).append(
                {
                    "measure": m,
                    "label": indicator_label(indicator["number"], indicator["name"])
                    if indicator
                    else m["title"],
                    "score": scores.get(str(indicator["number"])) if indicator else None,
                }
            )
        checklist = self.content["checklist"]
        oit = [
            (sub_indicator_label(sub["code"], sub["name"]), rows)
            for sub, rows in (checklist["groups"] if checklist else [])
        ]
        return {
            **self.base_context(),
            "assessment": assessment,
            "level": level_of(assessment),
            "rows": self.measures(guidelines=False),
            "tools": list(tools.items()),
            "oit": oit,
        }

    def sheets(self):
        c = self.context()
        measures = Sheet(
            "มาตรการ",
            [
                "ลำดับ",
                "มาตรการ/กิจกรรม",
                "วิธีดำเนินการ",
                "ระยะเวลาในการดำเนินการ",
                "ผู้รับผิดชอบ",
                "สถานะ",
                "สรุปผลการดำเนินการ",
                "ผลลัพธ์หรือความสำเร็จ",
            ],
            [
                [
                    m["number"],
                    m["title"],
                    steps_text(m),
                    m["period"],
                    responsible(m),
                    STATUS_LABEL[status_of(m)],
                    progress_text(m, "summary"),
                    progress_text(m, "results"),
                ]
                for m in c["rows"]
            ],
            [8, 40, 50, 18, 22, 20, 50, 40],
        )
        guidelines = Sheet(
            "แนวทางรายตัวชี้วัด",
            [
                "เครื่องมือ",
                "ตัวชี้วัด",
                "คะแนน",
                "แนวทางในการยกระดับ",
                "ผู้รับผิดชอบ",
                "ระยะเวลา",
                "สถานะ",
                "ความก้าวหน้า",
            ],
            [
                [
                    tool,
                    r["label"],
                    number(r["score"]),
                    steps_text(r["measure"]),
                    responsible(r["measure"]),
                    r["measure"]["period"],
                    STATUS_LABEL[status_of(r["measure"])] if r["measure"]["progress"] else "",
                    progress_text(r["measure"], "summary"),
                ]
                for tool, rows in c["tools"]
                for r in rows
            ],
            [8, 30, 10, 60, 22, 18, 20, 60],
        )
        oit = Sheet(
            "OIT",
            ["ตัวชี้วัดย่อย", "ข้อ", "ข้อมูล", "องค์ประกอบด้านข้อมูล", "ผู้รับผิดชอบ", "สถานะ", "ความก้าวหน้า"],
            [
                [
                    group,
                    e["code"],
                    e["name"],
                    "\n".join(e["components"]),
                    e["responsible"],
                    STATUS_LABEL[e["status"]],
                    e["notes"],
                ]
                for group, entries in c["oit"]
                for e in entries
            ],
            [30, 8, 40, 70, 20, 20, 50],
        )
        return [measures, guidelines, oit]
