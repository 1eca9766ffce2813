"""R2: การวิเคราะห์ผลการประเมิน ITA ปี N และมาตรการปี N+1 (seed 001)."""

from decimal import Decimal

from assessments.levels import FULL_MARKS, PASS_MARK, Level
from assessments.models import indicator_label, issue_label, part_label
from kernel.charts import horizontal_bars

from .base import Sheet, SourceDocument, analysis_source, number, plain, responsible, steps_text


class AnalysisR2(SourceDocument):
    code = "r2"
    title = "การวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส"
    use = "การวิเคราะห์ผลการประเมินและมาตรการของปี"
    template_name = "print/r2_analysis.html"
    orientation = "portrait"
    subject = "assessment"
    public = True

    @classmethod
    def source_of(cls, assessment, *, number, live):
        # R2 has no versions of its own: it is frozen with the rounds of the next year
        return analysis_source(assessment, live=live)

    @property
    def analysis(self):
        return self.content["analysis"]

    def filename_stem(self):
        return f"{self.code}-{self.content['organisation']['code']}-{self.analysis['year']}"

    def context(self):
        a = self.analysis
        by_id = {m["id"]: m for m in a["measures"]}
        ranking = [{**r, "label": indicator_label(r["number"], r["name"])} for r in a["ranking"]]
        return {
            **self.base_context(),
            "year": a["year"],
            "next_year": a["next_year"],
            "a": a,
            "level": Level(a["level"], a["verdict"] == "ผ่าน") if a["level"] else None,
            "tool_figures": [(part_label(f["tool"], f["part"]), f) for f in a["tool_figures"]],
            "ranking": ranking,
            "chart": horizontal_bars(
                [(r["label"], Decimal(r["score"])) for r in ranking],
                target=PASS_MARK,
                maximum=FULL_MARKS,
                width=640,
                title="คะแนนรายตัวชี้วัด เรียงตามอันดับ",
            ),
            "indicators": [
                {**b, "label": indicator_label(b["number"], b["name"])} for b in a["indicators"]
            ],
            "issues": [
                (issue_label(i["number"], i["title"]), [by_id[pk] for pk in i["measures"]])
                for i in a["issues"]
            ],
            "unlinked": [by_id[pk] for pk in a["unlinked"]],
        }

    def sheets(self):
        c = self.context()
        a = c["a"]
        ranking = Sheet(
            "อันดับตัวชี้วัด",
            ["อันดับ", "ตัวชี้วัด", "คะแนน"],
            [[r["rank"], r["label"], number(r["score"])] for r in c["ranking"]],
            [8, 50, 12],
        )

        def part(q, p):
            return number(dict(q["parts"]).get(p))

        rows = [
            [b["label"], q["code"], q["text"], number(q["score"]), part(q, 1), part(q, 2)]
            + [plain(q["guideline"])]
            for b in c["indicators"]
            for q in b["questions"]
        ]
        rows += [
            [b["label"], i["code"], i["name"], number(i["score"]), None, None]
            + [plain(i["guideline"])]
            for b in c["indicators"]
            for i in b["items"]
        ]
        questions = Sheet(
            "รายข้อ",
            [
                "ตัวชี้วัด",
                "ข้อ",
                "ข้อคำถาม/ข้อมูล",
                "คะแนน",
                "คะแนน ส่วนที่ 1",
                "คะแนน ส่วนที่ 2",
                "แนวทางการยกระดับผลการประเมินฯ",
            ],
            rows,
            [30, 8, 60, 10, 10, 10, 70],
        )
        tools = Sheet(
            "รายเครื่องมือ",
            ["เครื่องมือ", "คะแนนทางการ", "คำนวณจากรายข้อ"],
            [
                [label, number(f["official"]), number(f["recomputed"])]
                for label, f in c["tool_figures"]
            ]
            + [["คะแนนรวม", number(a["total"]), None]],
            [30, 14, 14],
        )
        measures = Sheet(
            "มาตรการปีถัดไป",
            [
                "ประเด็นที่ต้องยกระดับ",
                "มาตรการ โครงการ หรือกิจกรรม",
                "ขั้นตอนหรือวิธีการปฏิบัติ",
                "ช่วงระยะเวลา",
                "ผู้รับผิดชอบ",
            ],
            [
                [issue, m["title"], steps_text(m), m["period"], responsible(m)]
                for issue, ms in c["issues"]
                for m in ms
            ],
            [40, 40, 70, 22, 30],
        )
        return [tools, ranking, questions, measures]
