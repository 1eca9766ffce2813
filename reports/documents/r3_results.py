"""R3: the results of the measures, with a suggestions column (SPEC §4)."""

from .base import (
    STATUS_LABEL,
    RoundDocument,
    Sheet,
    progress_text,
    responsible,
    status_of,
    steps_text,
)


class ResultsR3(RoundDocument):
    code = "r3"
    title = "รายงานผลการดำเนินการมาตรการส่งเสริมคุณธรรมและความโปร่งใส"
    use = "ฉบับสรุปผลพร้อมข้อเสนอแนะ สำหรับเผยแพร่"
    template_name = "print/r3_results.html"
    public = True
    parts = ("organisation", "round", "measures")

    def context(self):
        return {**self.base_context(), "rows": self.measures()}

    def sheets(self):
        header = [
            "ลำดับ",
            "มาตรการ/แนวทาง",
            "วิธีการดำเนินการ",
            "ผู้รับผิดชอบ",
            "ระยะเวลาดำเนินการ",
            "สถานะ",
            "ผลการดำเนินการ",
            "ข้อเสนอแนะ",
        ]
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
