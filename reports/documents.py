"""One small class per official document: each turns a report's content (``Source``) into the
context of its template and the rows of its Excel twin. The rendering is reports.pipeline's.

Documents never read the live tables: a ``Source`` is either the frozen content of a version
(submitted or approved) or content built just now from the live data (a draft). The cache key
of a rendered file is the hash of that content, so nothing a document shows can be left out.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from assessments.levels import Level
from ita_portal.charts import horizontal_bars
from ita_portal.richtext import list_items
from ita_portal.thai import MONTHS_LONG, format_date, to_be
from measures import versions
from measures.models import Measure, Status
from measures.report_content import (
    analysis_content,
    decision_content,
    organisation_content,
    round_content,
)
from measures.services import current_decisions

from .pipeline import Document, Sheet

STATUS_LABEL = dict(Status.choices)
TOOL_NAMES = {
    "IIT": "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)",
    "EIT": "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)",
    "OIT": "แบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT)",
}


@dataclass
class Source:
    """The content a document is drawn from, and where it stands in the approval chain."""

    content: dict
    version: int | None = None  # the version's number; None for live data
    approved: bool = False
    decisions: list = field(default_factory=list)  # decision_content() dicts
    approved_at: datetime.datetime | None = None

    def fingerprint(self):
        return [self.content, self.version, self.approved, self.decisions]  # not the date


def _frozen(version) -> Source:
    decisions = version.content.get(versions.SIGNED)
    if decisions is None:  # under review: the decisions taken so far
        decisions = [decision_content(d) for d in current_decisions(version.round)]
    return Source(
        version.content,
        version.report_version,
        version.approved,
        decisions,
        version.approved_at,
    )


def round_source(progress_round, *, number=None, live=False, parts=None) -> Source:
    """A round's report: version ``number`` (approved), the version under review or approved,
    or — while the report is a draft, or when ``live`` is asked — the live data."""
    version = None
    if number is not None:  # an unknown number is ReportVersion.DoesNotExist
        version = progress_round.versions.get(report_version=number)
    elif not live:
        version = versions.current_version(progress_round)
    if version is not None:
        return _frozen(version)
    content = round_content(progress_round, parts) if parts else round_content(progress_round)
    decisions = [decision_content(d) for d in current_decisions(progress_round)]
    return Source(content, None, False, decisions)


def published_source(progress_round) -> Source | None:
    version = versions.published_version(progress_round)
    return _frozen(version) if version else None


def analysis_source(assessment, *, live=False) -> Source:
    """R2 of an assessment: frozen in the latest approved version of a round of the next year
    that includes it, else drawn from the live data as a draft."""
    if not live:
        candidates = (
            versions.ReportVersion.objects.filter(
                round__organisation=assessment.organisation,
                round__fiscal_year=assessment.fiscal_year + 1,
            )
            .exclude(approved_at=None)
            .order_by("-approved_at")
        )
        for version in candidates:
            analysis = version.content.get("analysis") or {}
            if analysis.get("assessment_id") == assessment.pk:
                return _frozen(version)
    content = {
        "organisation": organisation_content(assessment.organisation),
        "analysis": analysis_content(assessment),
    }
    return Source(content, None, False, [])


# --- formatting helpers ---------------------------------------------------------------


def plain(text) -> str:
    return " ".join(list_items(text or "")) if text else ""


def level_of(block) -> Level | None:
    return Level(block["level"], block["passed"]) if block else None


def period_of_round(info) -> str:
    start = datetime.date.fromisoformat(info["start"])
    end = datetime.date.fromisoformat(info["end"])
    return (
        f"{info['name']} (เดือน{MONTHS_LONG[start.month - 1]} {to_be(start.year)} - "
        f"{MONTHS_LONG[end.month - 1]} {to_be(end.year)})"
    )


def responsible(measure) -> str:
    return ", ".join(measure["units"]) if measure["units"] else plain(measure["responsible_text"])


def status_of(measure) -> str:
    progress = measure["progress"]
    return progress["status"] if progress else Status.NOT_STARTED


def progress_text(measure, key) -> str:
    progress = measure["progress"]
    return plain(progress[key]) if progress else ""


def steps_text(measure) -> str:
    return "\n".join(plain(s) for s in measure["steps"])


def signed_on(decision) -> str:
    return format_date(datetime.datetime.fromisoformat(decision["at"]), thai=False)


class SourceDocument(Document):
    """A document drawn from a ``Source``."""

    public = False
    subject = ""

    def __init__(self, subject, *, number=None, live=False, **kwargs):
        """``subject`` is a ``Source``, or the round / assessment whose source is looked up:
        version ``number``, the live data (``live``), or the version that stands now."""
        super().__init__(**kwargs)
        if not isinstance(subject, Source):
            subject = self.source_of(subject, number=number, live=live)
        self.source = subject
        self.content = subject.content

    @classmethod
    def source_of(cls, subject, *, number, live) -> Source:
        raise NotImplementedError

    def fingerprint(self):
        return self.source.fingerprint()

    @property
    def draft(self):
        return not self.source.approved

    def version_label(self):
        if self.source.version is None:
            return "ฉบับร่าง (ข้อมูลล่าสุด)"
        suffix = "" if self.source.approved else " (ร่าง รออนุมัติ)"
        return f"ฉบับที่ {self.source.version}{suffix}"

    def approvals(self):
        if not self.source.approved:
            return []
        return [
            {
                "step": d["step"],
                "name": d["name"],
                "position": d["position"],
                "comment": d["comment"],
                "date": signed_on(d),
                "version": self.version_label(),
            }
            for d in self.source.decisions
            if d["action"] == "approve"
        ]

    def base_context(self):
        return {
            "org": self.content["organisation"],
            "draft": self.draft,
            "version_label": self.version_label(),
            "approvals": self.approvals(),
        }


class RoundDocument(SourceDocument):
    """A document about one reporting round of an organisation."""

    subject = "round"
    parts = ("organisation", "round", "measures", "checklist", "assessment")

    @classmethod
    def source_of(cls, progress_round, *, number, live):
        return round_source(progress_round, number=number, live=live, parts=cls.parts)

    @property
    def year(self):
        return self.content["fiscal_year"]

    def filename_stem(self):
        info = self.content["round"]
        return f"{self.code}-{self.content['organisation']['code']}-{self.year}-{info['id']}"

    def base_context(self):
        return {
            **super().base_context(),
            "year": self.year,
            "round": self.content["round"],
            "period": period_of_round(self.content["round"]),
        }

    def measures(self, *, guidelines=True):
        return [
            m for m in self.content["measures"] if guidelines or m["kind"] != Measure.Kind.GUIDELINE
        ]


class CoverR0(RoundDocument):
    code = "r0"
    title = "ปกรายงาน"
    template_name = "reports/r0_cover.html"
    orientation = "portrait"
    parts = ("organisation", "round")

    def context(self):
        return {
            **self.base_context(),
            "approvals": [],
            "prepared_by": f"สำนักงานปลัด {self.content['organisation']['name']}",
        }

    def sheets(self):
        c = self.context()
        org = c["org"]
        return [
            Sheet(
                "ปก",
                ["รายการ", "ข้อความ"],
                [
                    ["รายงาน", "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"],
                    ["ปีงบประมาณ", self.year],
                    ["รอบ", c["period"]],
                    ["ชื่อหน่วยงาน", org["name"]],
                    ["อำเภอ", org["district"]],
                    ["จังหวัด", org["province"]],
                    ["จัดทำโดย", c["prepared_by"]],
                ],
                [20, 80],
            )
        ]


class ReportR1(RoundDocument):
    """รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน (000, 004)."""

    code = "r1"
    title = "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    template_name = "reports/r1_report.html"
    public = True

    def context(self):
        assessment = self.content["assessment"]
        scores = assessment["indicators"] if assessment else {}
        tools = {}
        for m in self.content["measures"]:
            if m["kind"] != Measure.Kind.GUIDELINE:
                continue
            indicator = m["indicators"][0] if m["indicators"] else None
            tool = indicator["tool"] if indicator else "อื่น ๆ"
            tools.setdefault(tool, []).append(
                {
                    "measure": m,
                    "label": indicator["label"] if indicator else m["title"],
                    "score": scores.get(str(indicator["number"])) if indicator else None,
                }
            )
        checklist = self.content["checklist"]
        return {
            **self.base_context(),
            "assessment": assessment,
            "level": level_of(assessment),
            "rows": self.measures(guidelines=False),
            "tools": list(tools.items()),
            "oit": checklist["groups"] if checklist else [],
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
                    float(r["score"]) if r["score"] is not None else None,
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


class ResultsR3(RoundDocument):
    """ผลการดำเนินการมาตรการ with a suggestions column."""

    code = "r3"
    title = "รายงานผลการดำเนินการมาตรการส่งเสริมคุณธรรมและความโปร่งใส"
    template_name = "reports/r3_results.html"
    public = True
    parts = ("organisation", "round", "measures")

    def context(self):
        return {**self.base_context(), "rows": self.measures()}

    def sheets(self):
        return [
            Sheet(
                "ผลการดำเนินการ",
                [
                    "ลำดับ",
                    "มาตรการ/แนวทาง",
                    "วิธีการดำเนินการ",
                    "ผู้รับผิดชอบ",
                    "ระยะเวลาดำเนินการ",
                    "สถานะ",
                    "ผลการดำเนินการ",
                    "ข้อเสนอแนะ",
                ],
                [
                    [
                        m["number"],
                        m["title"],
                        steps_text(m),
                        responsible(m),
                        m["period"],
                        STATUS_LABEL[status_of(m)],
                        "\n".join(
                            x
                            for x in (progress_text(m, "summary"), progress_text(m, "results"))
                            if x
                        ),
                        progress_text(m, "suggestions"),
                    ]
                    for m in self.measures()
                ],
                [8, 40, 50, 22, 18, 20, 60, 40],
            )
        ]


class MonitoringR4(RoundDocument):
    """รายงานการดำเนินการตามมาตรการ … รอบ ๖ เดือน, grouped by tool and indicator."""

    code = "r4"
    title = "รายงานการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    template_name = "reports/r4_monitoring.html"
    public = True
    parts = ("organisation", "round", "measures")

    def context(self):
        groups = {}
        for m in self.measures():
            indicators = {i["number"]: i for i in m["indicators"]}
            indicators.update({q["indicator"]["number"]: q["indicator"] for q in m["questions"]})
            indicators.update({o["indicator"]["number"]: o["indicator"] for o in m["oit_items"]})
            if not indicators:
                groups.setdefault(("อื่น ๆ", 99, "มาตรการที่ไม่ได้ระบุตัวชี้วัด"), []).append(m)
            for number, indicator in sorted(indicators.items()):
                groups.setdefault((indicator["tool"], number, indicator["label"]), []).append(m)
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
                    f"{d['label']} {format_date(d['due'], thai=False)}" for d in m["deadlines"]
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
        return [
            Sheet(
                "รายงานรอบ",
                [
                    "เครื่องมือ",
                    "ตัวชี้วัด",
                    "ประเด็นที่ต้องปรับปรุงแก้ไข/ประเด็นที่ต้องพัฒนา",
                    "ผู้รับผิดชอบ",
                    "ขั้นตอนหรือวิธีการ/มาตรการ",
                    "การรายงานผลและการกำกับติดตาม กำหนดเวลาแล้วเสร็จ",
                    "สถานะ",
                    "การดำเนินการ",
                ],
                rows,
                [8, 30, 40, 22, 50, 40, 20, 50],
            )
        ]


class MemoR5(RoundDocument):
    """บันทึกข้อความ to the executives, with the approval chain's names and comments."""

    code = "r5"
    title = "บันทึกข้อความ"
    template_name = "reports/r5_memo.html"
    orientation = "portrait"
    parts = ("organisation", "round", "assessment")

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
        year = assessment["fiscal_year"] if assessment else self.year
        tools = []
        for t in assessment["tools"] if assessment else []:
            label = TOOL_NAMES.get(t["code"], t["name"])
            tools.append((label + (f" ส่วนที่ {t['part']}" if t["part"] else ""), t["score"]))
        return {
            **self.base_context(),
            "approvals": [],
            "division": f"สำนักปลัด{org['name']}",
            "number": f"{org['document_prefix'] or '.......'} / -",
            "date": signed_on(submit)
            if submit
            else format_date(self.content["round"]["end"], thai=False),
            "subject": (
                "รายงานผลการประเมินระดับคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงาน"
                f"ภาครัฐ ITA ประจำปี พ.ศ. {year}"
            ),
            "to": f"นายก{org['name']}",
            "assessment": assessment,
            "assessment_year": year,
            "level": level_of(assessment),
            "tools": tools,
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
            ["คะแนนรวม", float(c["assessment"]["total"]) if c["assessment"] else None],
            ["ระดับ", c["level"].code if c["level"] else ""],
        ]
        rows += [[label, float(score)] for label, score in c["tools"]]
        rows += [[f"{a['title']} ({a['name']}, {a['position']})", a["comment"]] for a in c["chain"]]
        return [Sheet("บันทึกข้อความ", ["รายการ", "ข้อความ"], rows, [45, 90])]


class AnalysisR2(SourceDocument):
    """การวิเคราะห์ผลการประเมิน ITA ปี N และมาตรการปี N+1 (001)."""

    code = "r2"
    title = "การวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส"
    template_name = "reports/r2_analysis.html"
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
        return {
            **self.base_context(),
            "year": a["year"],
            "next_year": a["next_year"],
            "a": a,
            "level": Level(a["level"], a["verdict"] == "ผ่าน") if a["level"] else None,
            "chart": horizontal_bars(
                [(r["label"], Decimal(r["score"])) for r in a["ranking"]],
                target=85,
                width=640,
                title="คะแนนรายตัวชี้วัด เรียงตามอันดับ",
            ),
            "issues": [(i["label"], [by_id[pk] for pk in i["measures"]]) for i in a["issues"]],
            "unlinked": [by_id[pk] for pk in a["unlinked"]],
        }

    def sheets(self):
        c = self.context()
        a = c["a"]

        def number(value):
            return float(value) if value is not None else None

        ranking = Sheet(
            "อันดับตัวชี้วัด",
            ["อันดับ", "ตัวชี้วัด", "คะแนน"],
            [[r["rank"], r["label"], number(r["score"])] for r in a["ranking"]],
            [8, 50, 12],
        )

        def part(q, p):
            return number(dict(q["parts"]).get(p))

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
            [
                [
                    b["label"],
                    q["code"],
                    q["text"],
                    number(q["score"]),
                    part(q, 1),
                    part(q, 2),
                    plain(q["guideline"]),
                ]
                for b in a["indicators"]
                for q in b["questions"]
            ]
            + [
                [
                    b["label"],
                    i["code"],
                    i["name"],
                    number(i["score"]),
                    None,
                    None,
                    plain(i["guideline"]),
                ]
                for b in a["indicators"]
                for i in b["items"]
            ],
            [30, 8, 60, 10, 10, 10, 70],
        )
        tools = Sheet(
            "รายเครื่องมือ",
            ["เครื่องมือ", "คะแนนทางการ", "คำนวณจากรายข้อ"],
            [
                [label, number(official), number(recomputed)]
                for (label, official), (_l, recomputed) in zip(
                    a["tool_figures"], a["recomputed"], strict=True
                )
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


DOCUMENTS = {
    cls.code: cls for cls in (CoverR0, ReportR1, AnalysisR2, ResultsR3, MonitoringR4, MemoR5)
}
PUBLIC_CODES = [code for code, cls in DOCUMENTS.items() if cls.public]
ROUND_CODES = [code for code, cls in DOCUMENTS.items() if cls.subject == "round"]
