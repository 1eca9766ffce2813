"""R3: the results of the measures, with a suggestions column (SPEC §4)."""

from printing.columns import Column, cell

from .base import (
    STATUS_LABEL,
    RoundDocument,
    Sheet,
    progress_cell,
    progress_text,
    responsible,
    status_of,
    steps_text,
    units_cell,
)

COLUMNS = [  # the printed table's columns: heading, least and usual width (per cent)
    Column("มาตรการ/แนวทาง", 12, 16),
    Column("วิธีการดำเนินการ", 14, 22),
    Column("ผู้รับผิดชอบ", 9, 11),
    Column("ระยะเวลาดำเนินการ", 9, 9),
    Column("ผลการดำเนินการ", 18, 26),
    Column("ข้อเสนอแนะ", 9, 16),
]


class ResultsR3(RoundDocument):
    code = "r3"
    title = "รายงานผลการดำเนินการมาตรการส่งเสริมคุณธรรมและความโปร่งใส"
    use = "ฉบับสรุปผลพร้อมข้อเสนอแนะ สำหรับเผยแพร่"
    template_name = "print/r3_results.html"
    public = True
    parts = ("organisation", "round", "measures")

    def context(self):
        rows = self.measures()
        cells = [
            [
                cell(f"{m['number']}. {m['title']}"),
                cell(*m["steps"]),
                units_cell(m),
                cell(m["period"]),
                progress_cell(m, "summary", "results"),
                cell((m["progress"] or {}).get("suggestions")),
            ]
            for m in rows
        ]
        return {**self.base_context(), "rows": rows, "columns": self.table_columns(COLUMNS, cells)}

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
