"""R4: รายงานการดำเนินการตามมาตรการ … รอบ ๖ เดือน, grouped by tool and indicator (SPEC §4)."""

from kernel.thai import format_date
from measures.grouping import by_indicator, content_indicators
from printing.columns import Column, cell

from .base import (
    STATUS_LABEL,
    RoundDocument,
    Sheet,
    plain,
    progress_cell,
    progress_text,
    responsible,
    status_of,
    units_cell,
)

COLUMNS = [  # the printed table's columns: heading, least and usual width (per cent)
    Column("ประเด็นที่ต้องปรับปรุงแก้ไข/ประเด็นที่ต้องพัฒนา", 12, 18),
    Column("ผู้รับผิดชอบ", 10, 11),
    Column("ขั้นตอนหรือวิธีการ/มาตรการ", 16, 26),
    Column("การรายงานผลและการกำกับติดตาม กำหนดเวลาแล้วเสร็จ", 12, 17),
    Column("การดำเนินการ", 18, 28),
]
DATE = "ภายใน ๓๐ กันยายน ๒๕๖๖"  # the room a printed deadline takes


class MonitoringR4(RoundDocument):
    code = "r4"
    title = "รายงานการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    use = "ฉบับกำกับติดตาม จัดตามเครื่องมือและตัวชี้วัด"
    template_name = "print/r4_monitoring.html"
    public = True
    parts = ("organisation", "round", "measures")

    def context(self):
        rows = [
            {
                "tool": tool,
                "indicator": label,
                "measures": [(m, self.issue_text(m)) for m in measures],
            }
            for tool, label, measures in by_indicator(self.measures(), content_indicators)
        ]
        cells = [
            [
                cell(issue),
                units_cell(m),
                cell(m["title"], *m["steps"]),
                cell(
                    m["monitoring"],
                    *(f"{d['label']} {DATE}" for d in m["deadlines"]),
                    f"แล้วเสร็จ{DATE}" if m["end"] and not m["deadlines"] else "",
                ),
                progress_cell(m, "summary"),
            ]
            for g in rows
            for m, issue in g["measures"]
        ]
        return {
            **self.base_context(),
            "groups": rows,
            "columns": self.table_columns(COLUMNS, cells),
        }

    @staticmethod
    def issue_text(measure):
        issues = [i["title"] for i in measure["issues"]]
        questions = [f"{q['code']} {q['text']}" for q in measure["questions"]]
        return "; ".join(issues + questions) or plain(measure["rationale"]) or "-"

    def sheets(self):
        rows = []
        for g in self.context()["groups"]:
            for m, issue in g["measures"]:
                deadlines = "; ".join(
                    f"{d['label']} {format_date(d['due'])}" for d in m["deadlines"]
                )
                rows.append(
                    [
                        g["tool"],
                        g["indicator"],
                        issue,
                        responsible(m),
                        "\n".join([m["title"]] + [plain(s) for s in m["steps"]]),
                        "\n".join(x for x in (plain(m["monitoring"]), deadlines) if x),
                        STATUS_LABEL[status_of(m)],
                        progress_text(m, "summary"),
                    ]
                )
        issue, units, steps, monitoring, progress = (c.heading for c in COLUMNS)
        header = ["เครื่องมือ", "ตัวชี้วัด", issue, units, steps, monitoring, "สถานะ", progress]
        return [Sheet("รายงานรอบ", header, rows, [8, 30, 40, 22, 50, 40, 20, 50])]
