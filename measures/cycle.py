"""The steps of an organisation's year, as the year home and the dashboards word them: each
step says what it is, whether it is done, and where it is done."""

from dataclasses import dataclass

from django.urls import reverse

from kernel.thai import digits, format_date
from organisations.tenancy import in_organisation

from .models import ProgressRound
from .selectors import YearFacts, year_facts


@dataclass
class Step:
    label: str
    done: bool
    detail: str = ""
    url: str = ""
    warn: bool = False


def steps(organisation, facts: YearFacts) -> list[Step]:
    code, year = organisation.code, facts.year
    previous = facts.previous
    results_done = bool(previous and previous.total_score is not None)
    last_year = {"org": code, "year": year - 1}
    out = [
        Step(
            f"บันทึกผลการประเมิน ITA ปี {digits(year - 1)}",
            results_done,
            f"คะแนนรวม {digits(previous.total_score)}" if results_done else "",
            reverse("results", kwargs=last_year) if facts.previous_framework else "",
        ),
        Step(
            f"วิเคราะห์ผลการประเมินปี {digits(year - 1)} และกำหนดประเด็นที่ต้องยกระดับ",
            facts.drafted and facts.issues > 0,
            f"{digits(facts.issues)} ประเด็น" if facts.issues else "",
            reverse("analysis", kwargs=last_year) if facts.previous_framework else "",
        ),
        Step(
            f"กำหนดมาตรการปี {digits(year)}",
            bool(facts.rows),
            f"{digits(len(facts.rows))} รายการ",
            reverse("measures", kwargs={"org": code, "year": year}),
        ),
    ]
    for r in facts.rounds:
        due = r.round.due_date or r.round.end_date
        out.append(
            Step(
                f"รายงาน{r.round.name} (ส่งภายใน {format_date(due)})",
                r.round.state == ProgressRound.State.APPROVED,
                f"{r.round.get_state_display()} · แล้วเสร็จ "
                f"{digits(r.done)}/{digits(len(facts.rows))}",
                reverse("round", kwargs={"org": code, "year": year, "pk": r.round.pk}),
                warn=r.late,
            )
        )
    overall = facts.completion
    if overall is not None:
        out.append(
            Step(
                f"ตรวจการเปิดเผยข้อมูล OIT ({digits(overall.items)} ข้อ)",
                bool(overall.items and overall.items_done == overall.items),
                f"ครบ {digits(overall.percent)}%",
                reverse("oit-checklist", kwargs={"org": code, "year": year}),
            )
        )
    return out


def next_step(all_steps: list[Step]) -> Step | None:
    return next((s for s in all_steps if not s.done and s.url), None)


@dataclass
class YearStatus:
    facts: YearFacts
    steps: list
    next_step: Step | None

    @property
    def overdue(self):
        return self.facts.overdue

    @property
    def rounds(self):
        return self.facts.rounds

    @property
    def completion(self):
        return self.facts.completion


@in_organisation(lambda first, *a, **k: first)
def year_status(
    organisation, year, today, *, rows=None, checklist=None, framework=None
) -> YearStatus:
    """The inputs a caller has loaded already may be passed (year_facts)."""
    facts = year_facts(
        organisation, year, today, rows=rows, checklist=checklist, framework=framework
    )
    all_steps = steps(organisation, facts)
    return YearStatus(facts, all_steps, next_step(all_steps))
