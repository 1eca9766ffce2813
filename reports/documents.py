"""One small class per official document: each gathers the context of its template and the
rows of its Excel twin. The rendering is reports.pipeline's."""

from decimal import Decimal

from django.db.models import Prefetch

from assessments.analysis import analyse
from assessments.levels import BANDS
from assessments.models import (
    AnalysisText,
    Assessment,
    AssessorSuggestion,
    ImprovementIssue,
    Part,
)
from ita_portal.charts import horizontal_bars
from ita_portal.richtext import list_items
from ita_portal.thai import MONTHS_LONG, format_date
from measures.models import (
    Measure,
    MeasureDeadline,
    MeasureStep,
    OITChecklistEntry,
    Progress,
    ProgressRound,
    Status,
)
from measures.selectors import checklist_entries, checklist_framework
from measures.services import current_decisions

from .pipeline import Document, Sheet

STATUS_LABEL = dict(Status.choices)


def fmt(score) -> str:
    return f"{score:.2f}" if score is not None else "-"


def plain(text) -> str:
    return " ".join(list_items(text or "")) if text else ""


def period_of_round(progress_round) -> str:
    start, end = progress_round.start_date, progress_round.end_date
    return (
        f"{progress_round.name} (เดือน{MONTHS_LONG[start.month - 1]} {start.year + 543} - "
        f"{MONTHS_LONG[end.month - 1]} {end.year + 543})"
    )


def assessment_for(organisation, year):
    """The ITA result a report of fiscal year ``year`` quotes: that year's, else the last."""
    return (
        Assessment.objects.of(organisation)
        .filter(framework__fiscal_year__lte=year)
        .exclude(total_score=None)
        .select_related("framework")
        .order_by("-framework__fiscal_year")
        .first()
    )


def responsible(measure) -> str:
    units = [u.name for u in measure.responsible_units.all()]
    return ", ".join(units) if units else plain(measure.responsible_text)


def approvals(progress_round):
    if progress_round.state != ProgressRound.State.APPROVED:
        return []
    return [
        {
            "step": d.step_title,
            "name": str(d.user),
            "position": d.position,
            "comment": d.comment,
            "date": format_date(d.at, thai=False),
            "version": f"ฉบับที่ {progress_round.report_version}",
        }
        for d in current_decisions(progress_round)
        if d.action == "approve"
    ]


def tool_lines(assessment):
    """[(label, score)] of the tools (EIT by part) as the memo and the opening lines print."""
    if assessment is None:
        return []
    names = {
        "IIT": "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)",
        "EIT": "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)",
        "OIT": "แบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT)",
    }
    lines = []
    for score in assessment.tool_scores.select_related("tool").order_by("tool__order", "part"):
        label = names.get(score.tool.code, score.tool.name)
        if score.part:
            label += f" ส่วนที่ {score.part}"
        lines.append((label, score.score))
    return lines


class RoundDocument(Document):
    """A document about one reporting round of an organisation."""

    def __init__(self, progress_round, **kwargs):
        super().__init__(**kwargs)
        self.round = progress_round
        self.organisation = progress_round.organisation
        self.year = progress_round.fiscal_year

    def filename_stem(self):
        return f"{self.code}-{self.organisation.code}-{self.year}-{self.round.pk}"

    def fingerprint(self):
        """Everything a round document shows changes one of these (every write goes through
        the services, which keep history and versions)."""
        org, year = self.organisation, self.year
        measures = Measure.objects.of(org).filter(fiscal_year=year)
        return [
            org.updated_at,
            list(org.unit_set.values_list("pk", "name", "order")),
            _latest(Measure.history.filter(organisation=org, fiscal_year=year)),
            list(measures.values_list("pk", "version")),
            _latest(MeasureStep.history.filter(measure_id__in=measures.values("pk"))),
            _latest(MeasureDeadline.history.filter(measure_id__in=measures.values("pk"))),
            list(self.round.progress.values_list("pk", "version")),
            _latest(Progress.history.filter(round_id=self.round.pk)),
            _latest(ProgressRound.history.filter(pk=self.round.pk)),
            list(self.round.decisions.values_list("pk", "user__full_name", "comment")),
            _latest(OITChecklistEntry.history.filter(organisation=org)),
            list(Assessment.objects.of(org).values_list("pk", "updated_at")),
            _latest(ImprovementIssue.history.filter(assessment__organisation=org)),
        ]

    def base_context(self):
        return {
            "org": self.organisation,
            "year": self.year,
            "round": self.round,
            "period": period_of_round(self.round),
            "draft": self.round.state != ProgressRound.State.APPROVED,
            "approvals": approvals(self.round),
        }

    def measures(self):
        return list(
            Measure.objects.of(self.organisation)
            .filter(fiscal_year=self.year)
            .prefetch_related(
                "steps",
                "responsible_units",
                "deadlines",
                "indicators",
                "questions__indicator",
                "oit_items__sub_indicator__indicator",
                "issues",
                Prefetch("progress", queryset=Progress.objects.filter(round=self.round)),
            )
            .order_by("kind", "number")
        )

    @staticmethod
    def progress_of(measure):
        found = list(measure.progress.all())
        return found[0] if found else None


class CoverR0(RoundDocument):
    code = "r0"
    title = "ปกรายงาน"
    template_name = "reports/r0_cover.html"
    orientation = "portrait"

    def context(self):
        return {
            **self.base_context(),
            "approvals": [],
            "prepared_by": f"สำนักงานปลัด {self.organisation.name}",
        }

    def sheets(self):
        c = self.context()
        return [
            Sheet(
                "ปก",
                ["รายการ", "ข้อความ"],
                [
                    ["รายงาน", "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"],
                    ["ปีงบประมาณ", self.year],
                    ["รอบ", c["period"]],
                    ["ชื่อหน่วยงาน", self.organisation.name],
                    ["อำเภอ", self.organisation.district],
                    ["จังหวัด", self.organisation.province],
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

    def context(self):
        measures = self.measures()
        assessment = assessment_for(self.organisation, self.year)
        indicator_scores = {}
        if assessment:
            for s in assessment.indicator_scores.filter(part=Part.WHOLE).select_related(
                "indicator"
            ):
                indicator_scores[s.indicator.number] = s.score
        rows = [(m, self.progress_of(m)) for m in measures if m.kind != Measure.Kind.GUIDELINE]
        tools = {"IIT": [], "EIT": [], "OIT": []}
        for m in measures:
            if m.kind != Measure.Kind.GUIDELINE:
                continue
            indicator = next(iter(m.indicators.all()), None)
            number = indicator.number if indicator else m.number
            tool = "IIT" if number <= 5 else "EIT" if number <= 8 else "OIT"
            tools[tool].append(
                {
                    "measure": m,
                    "progress": self.progress_of(m),
                    "label": indicator and str(indicator) or m.title,
                    "score": indicator_scores.get(number),
                }
            )
        framework = checklist_framework(self.year)
        oit = []
        if framework:
            entries = [e for e in checklist_entries(self.organisation, framework) if e.pk]
            groups = {}
            for e in entries:
                groups.setdefault(str(e.item.sub_indicator), []).append(e)
            oit = list(groups.items())
        return {
            **self.base_context(),
            "assessment": assessment,
            "rows": rows,
            "tools": [(k, v) for k, v in tools.items() if v],
            "oit": oit,
            "level": assessment.level if assessment else None,
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
                    m.number,
                    m.title,
                    "\n".join(plain(s.text) for s in m.steps.all()),
                    m.period_text,
                    responsible(m),
                    STATUS_LABEL[p.status] if p else STATUS_LABEL[Status.NOT_STARTED],
                    plain(p.summary) if p else "",
                    plain(p.results) if p else "",
                ]
                for m, p in c["rows"]
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
                    r["score"],
                    "\n".join(plain(s.text) for s in r["measure"].steps.all()),
                    responsible(r["measure"]),
                    r["measure"].period_text,
                    STATUS_LABEL[r["progress"].status] if r["progress"] else "",
                    plain(r["progress"].summary) if r["progress"] else "",
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
                    e.item.code,
                    e.item.name,
                    "\n".join(c_.text for c_ in e.item.components.all()),
                    e.unit.name if e.unit else e.responsible_text,
                    STATUS_LABEL[e.status],
                    e.notes,
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

    def context(self):
        return {**self.base_context(), "rows": [(m, self.progress_of(m)) for m in self.measures()]}

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
                        m.number,
                        m.title,
                        "\n".join(plain(s.text) for s in m.steps.all()),
                        responsible(m),
                        m.period_text,
                        STATUS_LABEL[p.status] if p else STATUS_LABEL[Status.NOT_STARTED],
                        "\n".join(x for x in (plain(p.summary), plain(p.results)) if x)
                        if p
                        else "",
                        plain(p.suggestions) if p else "",
                    ]
                    for m, p in self.context()["rows"]
                ],
                [8, 40, 50, 22, 18, 20, 60, 40],
            )
        ]


class MonitoringR4(RoundDocument):
    """รายงานการดำเนินการตามมาตรการ … รอบ ๖ เดือน, grouped by tool and indicator."""

    code = "r4"
    title = "รายงานการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    template_name = "reports/r4_monitoring.html"

    def context(self):
        groups = {}
        for m in self.measures():
            indicators = {i.number: i for i in m.indicators.all()}
            indicators.update({q.indicator.number: q.indicator for q in m.questions.all()})
            indicators.update(
                {
                    o.sub_indicator.indicator.number: o.sub_indicator.indicator
                    for o in m.oit_items.all()
                }
            )
            if not indicators:
                groups.setdefault(("อื่น ๆ", 99, "มาตรการที่ไม่ได้ระบุตัวชี้วัด"), []).append(m)
            for number, indicator in sorted(indicators.items()):
                tool = "IIT" if number <= 5 else "EIT" if number <= 8 else "OIT"
                groups.setdefault((tool, number, str(indicator)), []).append(m)
        rows = []
        for (tool, _n, label), measures in sorted(groups.items(), key=lambda g: g[0][1]):
            rows.append(
                {
                    "tool": tool,
                    "indicator": label,
                    "measures": [(m, self.progress_of(m), self.issue_text(m)) for m in measures],
                }
            )
        return {**self.base_context(), "groups": rows}

    @staticmethod
    def issue_text(measure):
        issues = [i.title for i in measure.issues.all()]
        questions = [f"{q.code} {q.text}" for q in measure.questions.all()]
        return "; ".join(issues + questions) or plain(measure.rationale) or "-"

    def sheets(self):
        rows = []
        for g in self.context()["groups"]:
            for m, p, issue in g["measures"]:
                deadlines = "; ".join(
                    f"{d.label} {format_date(d.due_date, thai=False)}" for d in m.deadlines.all()
                )
                rows.append(
                    [
                        g["tool"],
                        g["indicator"],
                        issue,
                        responsible(m),
                        "\n".join([m.title] + [plain(s.text) for s in m.steps.all()]),
                        "\n".join(x for x in (plain(m.monitoring), deadlines) if x),
                        STATUS_LABEL[p.status] if p else STATUS_LABEL[Status.NOT_STARTED],
                        plain(p.summary) if p else "",
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

    def context(self):
        org = self.organisation
        assessment = assessment_for(org, self.year)
        decisions = current_decisions(self.round)
        submit = next((d for d in decisions if d.action == "submit"), None)
        chain = [
            {
                "title": d.step_title,
                "name": str(d.user),
                "position": d.position,
                "comment": d.comment,
                "date": format_date(d.at, thai=False),
            }
            for d in decisions
            if d.action == "approve"
        ]
        year = assessment.fiscal_year if assessment else self.year
        return {
            **self.base_context(),
            "approvals": [],
            "division": f"สำนักปลัด{org.name}",
            "number": f"{org.document_prefix or '.......'} / -",
            "date": format_date(submit.at if submit else self.round.end_date, thai=False),
            "subject": (
                "รายงานผลการประเมินระดับคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงาน"
                f"ภาครัฐ ITA ประจำปี พ.ศ. {year}"
            ),
            "to": f"นายก{org.name}",
            "assessment": assessment,
            "assessment_year": year,
            "level": assessment.level if assessment else None,
            "tools": tool_lines(assessment),
            "submitter": {"name": str(submit.user), "position": submit.position}
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
            ["คะแนนรวม", c["assessment"].total_score if c["assessment"] else None],
            ["ระดับ", c["level"].code if c["level"] else ""],
        ]
        rows += [[label, score] for label, score in c["tools"]]
        rows += [[f"{a['title']} ({a['name']}, {a['position']})", a["comment"]] for a in c["chain"]]
        return [Sheet("บันทึกข้อความ", ["รายการ", "ข้อความ"], rows, [45, 90])]


class AnalysisR2(Document):
    """การวิเคราะห์ผลการประเมิน ITA ปี N และมาตรการปี N+1 (001)."""

    code = "r2"
    title = "การวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส"
    template_name = "reports/r2_analysis.html"
    orientation = "portrait"

    def __init__(self, assessment, **kwargs):
        super().__init__(**kwargs)
        self.assessment = assessment
        self.organisation = assessment.organisation
        self.year = assessment.framework.fiscal_year

    def filename_stem(self):
        return f"{self.code}-{self.organisation.code}-{self.year}"

    def fingerprint(self):
        a, org = self.assessment, self.organisation
        measures = Measure.objects.of(org).filter(fiscal_year=self.year + 1)
        next_round = self.next_round()
        return [
            org.updated_at,
            a.updated_at,
            _latest(Assessment.history.filter(pk=a.pk)),
            _latest(AnalysisText.history.filter(assessment_id=a.pk)),
            _latest(ImprovementIssue.history.filter(assessment_id=a.pk)),
            _latest(AssessorSuggestion.history.filter(assessment_id=a.pk)),
            list(measures.values_list("pk", "version")),
            _latest(Measure.history.filter(organisation=org, fiscal_year=self.year + 1)),
            _latest(MeasureStep.history.filter(measure_id__in=measures.values("pk"))),
            list(org.unit_set.values_list("pk", "name")),
            [next_round.pk, next_round.state, next_round.report_version] if next_round else None,
            list(next_round.decisions.values_list("pk", "user__full_name", "comment"))
            if next_round
            else None,
            _framework_stamp(a.framework),
        ]

    def next_round(self):
        return (
            ProgressRound.objects.of(self.organisation)
            .filter(fiscal_year=self.year + 1)
            .order_by("end_date")
            .first()
        )

    def context(self):
        analysis = analyse(self.assessment)
        sheet = analysis.sheet
        texts = {t.key: t.text for t in AnalysisText.objects.filter(assessment=self.assessment)}
        framework = sheet.framework
        tools = []
        for tool in sheet.tools:
            indicators = [i for i in sheet.indicators if i.tool_id == tool.pk]
            tools.append(
                {
                    "tool": tool,
                    "indicators": [(i, list(i.sub_indicators.all())) for i in indicators],
                }
            )
        per_indicator = []
        for indicator in sheet.indicators:
            row = analysis.row_for(indicator)
            if row is None:
                continue
            per_indicator.append(
                {
                    "indicator": indicator,
                    "row": row,
                    "questions": [
                        (q, texts.get(f"guideline:q:{q.code}", ""))
                        for q in analysis.question_rows(indicator)
                    ],
                    "items": [
                        (i, s, texts.get(f"guideline:o:{i.code}", ""))
                        for i, s in analysis.item_rows(indicator)
                    ],
                    "narrative": texts.get(f"narrative:{indicator.number}", ""),
                }
            )
        measures = list(
            Measure.objects.of(self.organisation)
            .filter(fiscal_year=self.year + 1)
            .exclude(kind=Measure.Kind.GUIDELINE)
            .prefetch_related("steps", "responsible_units", "issues")
            .order_by("number")
        )
        issues = []
        for issue in self.assessment.issues.all():
            issues.append((issue, [m for m in measures if issue in m.issues.all()]))
        unlinked = [m for m in measures if not m.issues.all()]
        next_round = self.next_round()
        return {
            "org": self.organisation,
            "year": self.year,
            "next_year": self.year + 1,
            "assessment": self.assessment,
            "framework": framework,
            "level": self.assessment.level,
            "tools": tools,
            "bands": _bands(),
            "tool_figures": sheet.tool_figures(),
            "sections": _result_sections(sheet),
            "suggestions": self.assessment.assessor_suggestions.select_related("tool"),
            "survey": self.assessment.survey_suggestions,
            "ranking": analysis.ranking,
            "chart": horizontal_bars(
                [(str(r.indicator), r.score) for r in analysis.ranking],
                target=85,
                width=640,
                title="คะแนนรายตัวชี้วัด เรียงตามอันดับ",
            ),
            "summary": texts.get("summary", ""),
            "indicators": per_indicator,
            "issues": issues,
            "unlinked": unlinked,
            "draft": not (next_round and next_round.state == ProgressRound.State.APPROVED),
            "approvals": approvals(next_round) if next_round else [],
        }

    def sheets(self):
        c = self.context()
        ranking = Sheet(
            "อันดับตัวชี้วัด",
            ["อันดับ", "ตัวชี้วัด", "คะแนน"],
            [[r.rank, str(r.indicator), r.score] for r in c["ranking"]],
            [8, 50, 12],
        )
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
                    str(b["indicator"]),
                    q.code,
                    q.question.text,
                    q.score,
                    q.parts.get(1),
                    q.parts.get(2),
                    plain(text),
                ]
                for b in c["indicators"]
                for q, text in b["questions"]
            ]
            + [
                [str(b["indicator"]), i.code, i.name, s, None, None, plain(text)]
                for b in c["indicators"]
                for i, s, text in b["items"]
            ],
            [30, 8, 60, 10, 10, 10, 70],
        )
        tools = Sheet(
            "รายเครื่องมือ",
            ["เครื่องมือ", "คะแนนทางการ", "คำนวณจากรายข้อ"],
            [[f.label, f.official, f.recomputed] for _t, _p, f in c["tool_figures"]]
            + [["คะแนนรวม", self.assessment.total_score, None]],
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
                [
                    str(issue),
                    m.title,
                    "\n".join(plain(s.text) for s in m.steps.all()),
                    m.period_text,
                    responsible(m),
                ]
                for issue, ms in c["issues"]
                for m in ms
            ],
            [40, 40, 70, 22, 30],
        )
        return [tools, ranking, questions, measures]


def _latest(history):
    """The newest history row's id and date (history rows are never rewritten)."""
    return list(history.order_by("-history_id").values_list("history_id", "history_date")[:1])


def _framework_stamp(framework):
    from assessments.models import Indicator, OITItem, Question, Tool

    return [
        _latest(model.history.filter(framework=framework))
        for model in (Tool, Indicator, Question, OITItem)
    ]


def _bands():
    upper = Decimal("100.00")
    rows = []
    for lowest, code in BANDS:
        rows.append((f"{lowest:.2f} - {upper:.2f}", code))
        upper = lowest - Decimal("0.01")
    return rows


def _result_sections(sheet):
    """Per tool: its questions (or items) with their scores, as in 001's result tables."""
    out = []
    for tool in sheet.tools:
        parts = sheet.parts_of(tool)
        rows = []
        for indicator in [i for i in sheet.indicators if i.tool_id == tool.pk]:
            for q in sheet.questions_of(indicator):
                rows.append((q.code, q.text, [sheet.question_scores.get((q.pk, p)) for p in parts]))
            for item in sheet.items_of(indicator):
                rows.append((item.code, item.name, [sheet.item_scores.get(item.pk)]))
        columns = ["คะแนน"] if parts == [Part.WHOLE] else [f"ส่วนที่ {p}" for p in parts]
        if tool.code == "OIT":
            columns = ["คะแนน"]
        out.append({"tool": tool, "columns": columns, "rows": rows})
    return out


DOCUMENTS = {
    cls.code: cls for cls in (CoverR0, ReportR1, AnalysisR2, ResultsR3, MonitoringR4, MemoR5)
}
