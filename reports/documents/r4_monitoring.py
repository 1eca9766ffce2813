"""R4: รายงานการดำเนินการตามมาตรการ … รอบ ๖ เดือน, grouped by tool and indicator (SPEC §4)."""

from kernel.thai import format_date
from measures.grouping import by_indicator, content_indicators
from measures.layouts import GroupOrder
from printing.columns import Column, cell

from .base import (
    STATUS_LABEL,
    RoundDocument,
    Sheet,
    plain,
    progress_text,
    responsible,
    status_of,
)

COLUMNS = [  # the printed table's columns: heading, least and usual width (per cent), key
    Column("ประเด็นที่ต้องปรับปรุงแก้ไข/ประเด็นที่ต้องพัฒนา", 12, 18, "issue"),
    Column("ผู้รับผิดชอบ", 10, 11, "responsible"),
    Column("ขั้นตอนหรือวิธีการ/มาตรการ", 16, 26, "steps"),
    Column("การรายงานผลและการกำกับติดตาม กำหนดเวลาแล้วเสร็จ", 12, 17, "monitoring"),
    Column("การดำเนินการ", 18, 28, "progress"),
]
DATE = "ภายใน ๓๐ กันยายน ๒๕๖๖"  # the room a printed deadline takes


class MonitoringR4(RoundDocument):
    code = "r4"
    title = "รายงานการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    use = "ฉบับกำกับติดตาม จัดตามเครื่องมือและตัวชี้วัด"
    template_name = "print/r4_monitoring.html"
    public = True
    parts = ("organisation", "round", "measures", "layouts")

    columns = COLUMNS

    def groups(self) -> list[tuple[str | None, str | None, list]]:
        """(tool, indicator label, measures) as the settings group them: under the tool and
        indicator each addresses, in the order chosen; or one group without a heading."""
        measures = self.measures()
        layout = self.layout
        if not layout["grouped"]:
            return [(None, None, measures)]
        groups = by_indicator(measures, content_indicators)
        order = layout["group_order"]
        if order == GroupOrder.OIT_FIRST:
            groups.sort(key=lambda g: g[0] != "OIT")  # stable: the framework's order after
        elif order == GroupOrder.ENTERED:
            place = {m["id"]: i for i, m in enumerate(measures)}
            groups.sort(key=lambda g: min(place[m["id"]] for m in g[2]))
        return groups

    def context(self):
        layout = self.layout
        rows = [
            {
                "tool": tool,
                "indicator": label,
                "measures": [(m, self.issue_text(m)) for m in measures],
            }
            for tool, label, measures in self.groups()
        ]
        cells = [
            {
                "issue": cell(issue),
                "responsible": self.units_cell(m),
                "steps": cell(m["title"] if layout["measure_title"] else "", *m["steps"]),
                "monitoring": cell(
                    m["monitoring"],
                    *(
                        [f"{d['label']} {DATE}" for d in m["deadlines"]]
                        + [f"แล้วเสร็จ{DATE}" if m["end"] and not m["deadlines"] else ""]
                        if layout["deadlines"]
                        else []
                    ),
                ),
                "progress": self.progress_cell(m, "summary"),
            }
            for g in rows
            for m, issue in g["measures"]
        ]
        return {
            **self.base_context(),
            "groups": rows,
            "columns": self.laid_out(COLUMNS, cells),
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
                        g["tool"] or "",
                        g["indicator"] or "",
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
