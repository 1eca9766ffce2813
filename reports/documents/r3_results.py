"""R3: the results of the measures, with a suggestions column (SPEC §4)."""

from printing.columns import Column, cell

from .base import (
    STATUS_LABEL,
    RoundDocument,
    Sheet,
    progress_text,
    responsible,
    status_of,
    steps_text,
)

COLUMNS = [  # the printed table's columns: heading, least and usual width (per cent), key
    Column("มาตรการ/แนวทาง", 12, 16, "title"),
    Column("วิธีการดำเนินการ", 14, 22, "steps"),
    Column("ผู้รับผิดชอบ", 9, 11, "responsible"),
    Column("ระยะเวลาดำเนินการ", 9, 9, "period"),
    Column("ผลการดำเนินการ", 18, 26, "results"),
    Column("ข้อเสนอแนะ", 9, 16, "suggestions"),
]


class ResultsR3(RoundDocument):
    columns = COLUMNS
    code = "r3"
    title = "รายงานผลการดำเนินการมาตรการส่งเสริมคุณธรรมและความโปร่งใส"
    use = "ฉบับสรุปผลพร้อมข้อเสนอแนะ สำหรับเผยแพร่"
    template_name = "print/r3_results.html"
    public = True
    parts = ("organisation", "round", "measures", "layouts")

    def context(self):
        rows = self.measures()
        cells = [
            {
                "title": cell(f"{m['number']}. {m['title']}"),
                "steps": cell(*m["steps"]),
                "responsible": self.units_cell(m),
                "period": cell(m["period"]),
                "results": self.progress_cell(m, "summary", "results"),
                "suggestions": cell((m["progress"] or {}).get("suggestions")),
            }
            for m in rows
        ]
        return {**self.base_context(), "rows": rows, "columns": self.laid_out(COLUMNS, cells)}

    def sheets(self):
        title, steps, units, period, results, suggestions = (c.heading for c in COLUMNS)
        header = ["ลำดับ", title, steps, units, period, "สถานะ", results, suggestions]
        rows = []
        for m in self.measures():
            done = [progress_text(m, "summary"), progress_text(m, "results")]
            rows.append(
                [
                    m["number"],
                    m["title"],
                    steps_text(m),
                    responsible(m),
                    m["period"],
                    STATUS_LABEL[status_of(m)],
                    "\n".join(x for x in done if x),
                    progress_text(m, "suggestions"),
                ]
            )
        return [Sheet("ผลการดำเนินการ", header, rows, [8, 40, 50, 22, 18, 20, 60, 40])]
