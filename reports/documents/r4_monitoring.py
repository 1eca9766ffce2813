"""R4: รายงานการดำเนินการตามมาตรการ … รอบ ๖ เดือน, grouped by tool and indicator (SPEC §4)."""

from assessments.models import indicator_label
from kernel.thai import format_date

from .base import (
    STATUS_LABEL,
    RoundDocument,
    Sheet,
    plain,
    progress_text,
    responsible,
    status_of,
)

UNGROUPED = ("อื่น ๆ", 10**6, "มาตรการที่ไม่ได้ระบุตัวชี้วัด")


class MonitoringR4(RoundDocument):
    code = "r4"
    title = "รายงานการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    use = "ฉบับกำกับติดตาม จัดตามเครื่องมือและตัวชี้วัด"
    template_name = "print/r4_monitoring.html"
    public = True
    parts = ("organisation", "round", "measures")

    def context(self):
        groups = {}
        for m in self.measures():
            indicators = {i["number"]: i for i in m["indicators"]}
            indicators.update({q["indicator"]["number"]: q["indicator"] for q in m["questions"]})
            indicators.update({o["indicator"]["number"]: o["indicator"] for o in m["oit_items"]})
            if not indicators:
                groups.setdefault(UNGROUPED, []).append(m)
            for n, indicator in sorted(indicators.items()):
                # the tool is the framework's, never guessed from the indicator's number
                key = (indicator["tool"], n, indicator_label(n, indicator["name"]))
                groups.setdefault(key, []).append(m)
        rows = [
            {
                "tool": tool,
                "indicator": label,
                "measures": [(m, self.issue_text(m)) for m in measures],
            }
            for (tool, _n, label), measures in sorted(groups.items(), key=lambda g: g[0][1])
        ]
        return {**self.base_context(), "groups": rows}

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
        header = [
            "เครื่องมือ",
            "ตัวชี้วัด",
            "ประเด็นที่ต้องปรับปรุงแก้ไข/ประเด็นที่ต้องพัฒนา",
            "ผู้รับผิดชอบ",
            "ขั้นตอนหรือวิธีการ/มาตรการ",
            "การรายงานผลและการกำกับติดตาม กำหนดเวลาแล้วเสร็จ",
            "สถานะ",
            "การดำเนินการ",
        ]
        return [Sheet("รายงานรอบ", header, rows, [8, 30, 40, 22, 50, 40, 20, 50])]
