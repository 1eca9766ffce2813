"""R1: รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน (seeds 000, 004) —
the measures table, per-tool guideline tables under their indicators, the OIT item table."""

from assessments.models import indicator_label, sub_indicator_label
from kernel.thai import digits
from measures.layouts import GroupOrder
from measures.models import Measure
from printing.columns import Column, cell

from .base import (
    BOXES_LENGTH,
    STATUS_LABEL,
    RoundDocument,
    Sheet,
    level_of,
    number,
    progress_cell,
    progress_text,
    responsible,
    status_of,
    steps_text,
)

# The printed tables' columns: heading, least and usual width (per cent).
MEASURE_COLUMNS = [
    Column("ลำดับ", 4, 4, "number"),
    Column("มาตรการ/กิจกรรม", 10, 15, "title"),
    Column("วิธีดำเนินการ", 12, 20, "steps"),
    Column("ระยะเวลาในการดำเนินการ", 8, 9, "period"),
    Column("ผู้รับผิดชอบ", 9, 10, "responsible"),
    Column("สรุปผลการดำเนินการตามมาตรการหรือกิจกรรม", 16, 24, "summary"),
    Column("ผลลัพธ์หรือความสำเร็จในการดำเนินการ", 9, 18, "results"),
]
GUIDELINE_COLUMNS = [
    Column("ตัวชี้วัด", 12, 16),
    Column("แนวทางในการยกระดับการประเมิน", 16, 30),
    Column("ผู้รับผิดชอบ", 9, 12),
    Column("ระยะเวลา", 8, 10),
    Column("ความก้าวหน้าผลการดำเนินการ", 18, 32),
]
OIT_COLUMNS = [
    Column("ข้อ", 5, 5),
    Column("ข้อมูล", 12, 17),
    Column("องค์ประกอบด้านข้อมูล", 20, 38),
    Column("ผู้รับผิดชอบ", 9, 10),
    Column("ความก้าวหน้าผลการดำเนินการ", 18, 30),
]


def first(tool_rows) -> float:
    """The number of the first indicator of a tool's guideline rows (none: last)."""
    numbers = [i["number"] for r in tool_rows[1] for i in r["measure"]["indicators"][:1]]
    return min(numbers, default=float("inf"))


class ReportR1(RoundDocument):
    code = "r1"
    title = "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    use = "ฉบับเสนอผู้บริหาร และแนบเป็นหลักฐาน OIT"
    recommended = True
    template_name = "print/r1_report.html"
    public = True

    columns = MEASURE_COLUMNS  # the table the settings choose the columns of

    def draft_opening(self):
        """The paragraph of seeds 000 and 004: last year's score and level, the year."""
        org, assessment = self.content["organisation"], self.content["assessment"]
        quoted = ""
        if assessment:
            level = level_of(assessment)
            quoted = (
                f" ประจำปีงบประมาณ พ.ศ. {digits(assessment['fiscal_year'])} โดยภาพรวมได้คะแนน "
                f"{digits(assessment['total'])} อยู่ในระดับ {level.code} ({level.old_verdict})"
            )
        year = digits(self.year)
        return (
            f"จากการประเมินผลคุณธรรมและความโปร่งใสในการดำเนินงานของ{org['name']}{quoted} "
            f"{org['name']} ได้รายงานผลการดำเนินงานตามมาตรการเพื่อส่งเสริมคุณธรรมและความโปร่งใส"
            f"ในหน่วยงานภาครัฐ ประจำปีงบประมาณ พ.ศ. {year} และได้แสดงมาตรการกิจกรรมที่ดำเนินการ "
            "การสรุปผลการดำเนินการ และผลลัพธ์ของการดำเนินการ กำหนดผู้รับผิดชอบหรือผู้ที่เกี่ยวข้อง ดังนี้"
        )

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
        tools = list(tools.items())
        order = self.layout["group_order"]
        if order != GroupOrder.ENTERED:  # the framework's order: by the first indicator
            tools.sort(key=lambda t: (order == GroupOrder.OIT_FIRST and t[0] != "OIT", first(t)))
        checklist = self.content["checklist"]
        oit = [
            (sub_indicator_label(sub["code"], sub["name"]), rows)
            for sub, rows in (checklist["groups"] if checklist else [])
        ]
        rows = self.measures(guidelines=False)
        measure_cells = [
            {
                "number": cell(m["number"]),
                "title": cell(m["title"]),
                "steps": cell(m["rationale"], *m["steps"]),
                "period": cell(m["period"]),
                "responsible": self.units_cell(m),
                "summary": self.progress_cell(m, "summary"),
                "results": cell((m["progress"] or {}).get("results")),
            }
            for m in rows
        ]
        guideline_cells = [  # one set of widths for the tables of every tool
            [
                cell(f"{r['label']} คะแนน {r['score']}" if r["score"] is not None else r["label"]),
                cell(*r["measure"]["steps"]),
                self.units_cell(r["measure"]),
                cell(r["measure"]["period"]),
                progress_cell(r["measure"], "summary"),
            ]
            for _tool, items in tools
            for r in items
        ]
        oit_cells = [
            [
                cell(e["code"]),
                cell(e["name"]),
                cell(*e["components"]),
                cell(e["responsible"]),
                cell(e["notes"], blocks=[BOXES_LENGTH]),
            ]
            for _group, entries in oit
            for e in entries
        ]
        return {
            **self.base_context(),
            "assessment": assessment,
            "level": level_of(assessment),
            "rows": rows,
            "tools": tools,
            "oit": oit,
            "measure_columns": self.laid_out(MEASURE_COLUMNS, measure_cells),
            "guideline_columns": self.table_columns(GUIDELINE_COLUMNS, guideline_cells),
            "oit_columns": self.table_columns(OIT_COLUMNS, oit_cells),
        }

    def sheets(self):
        c = self.context()
        number_, title, steps, period, units, summary, results = (
            c.heading for c in MEASURE_COLUMNS
        )
        measures = Sheet(
            "มาตรการ",
            [number_, title, steps, period, units, "สถานะ", summary, results],
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
        indicator, ways, units, period, progress = (c.heading for c in GUIDELINE_COLUMNS)
        guidelines = Sheet(
            "แนวทางรายตัวชี้วัด",
            ["เครื่องมือ", indicator, "คะแนน", ways, units, period, "สถานะ", progress],
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
            ["ตัวชี้วัดย่อย", *(c.heading for c in OIT_COLUMNS[:4]), "สถานะ", OIT_COLUMNS[4].heading],
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
