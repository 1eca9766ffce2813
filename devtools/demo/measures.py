"""Loading the demo measures, progress, OIT checklists and approval chains transcribed from the
seeds (fixtures/demo/measures.json). Safe to run again: a year that has measures is skipped."""

import datetime
import json
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction

from assessments.models import Framework, ImprovementIssue, OITItem
from measures.models import (
    ApprovalStep,
    Measure,
    OITChecklistEntry,
    Progress,
)
from measures.services import (
    LayoutInput,
    layout_save,
    measure_save,
    round_decide,
    round_publish,
    round_submit,
    standard_rounds,
)
from organisations.models import Organisation, Unit, User
from organisations.tenancy import scopes_disabled

FILE = Path(settings.BASE_DIR) / "fixtures" / "demo" / "measures.json"
CHAINS = {
    "phon-ngam": [
        ("head-phonngam", "ความเห็นหัวหน้าสำนักปลัดองค์การบริหารส่วนตำบล"),
        ("palad-phonngam", "ความเห็นปลัดองค์การบริหารส่วนตำบล"),
        ("mayor-phonngam", "ความเห็นนายกองค์การบริหารส่วนตำบลโพนงาม"),
    ],
    "rob-wiang": [("exec-robwiang", "ความเห็นปลัดองค์การบริหารส่วนตำบล")],
    "hin-lek-fai": [("exec-hinlekfai", "ความเห็นนายกองค์การบริหารส่วนตำบล")],
}
# words in a "responsible" cell -> the start of the unit's name
UNIT_WORDS = {
    "สำนักปลัด": "สำนักปลัด",
    "กองคลัง": "กองคลัง",
    "กองช่าง": "กองช่าง",
    "กองการศึกษา": "กองการศึกษา",
    "กองสาธารณสุข": "กองสาธารณสุข",
    "นิติ": "งานนิติการ",
    "ประชาสัมพันธ์": "งานประชาสัมพันธ์",
    "พัสดุ": "งานพัสดุ",
}
ALL_UNITS = ("ทุกส่วนราชการ", "ทุกส่วนงาน")


def units_for(organisation, text):
    units = list(Unit.objects.of(organisation))
    if any(word in text for word in ALL_UNITS):
        return units
    wanted = {prefix for word, prefix in UNIT_WORDS.items() if word in text.replace(" ", "")}
    return [u for u in units if any(u.name.startswith(prefix) for prefix in wanted)]


@scopes_disabled()  # demo data for every organisation: a command, not a request
def approval_chains_load():
    for code, steps in CHAINS.items():
        organisation = Organisation.objects.filter(code=code).first()
        if organisation is None or ApprovalStep.objects.of(organisation).exists():
            continue
        for order, (username, title) in enumerate(steps, start=1):
            user = User.objects.filter(username=username).first()
            if user:
                step = ApprovalStep(
                    organisation=organisation, order=order, title=title, approver=user
                )
                step.full_clean()
                step.save()


@transaction.atomic
@scopes_disabled()  # demo data for every organisation: a command, not a request
def demo_measures_load(path: Path = FILE) -> int:
    approval_chains_load()
    loaded = 0
    for year in json.loads(path.read_text(encoding="utf-8"))["years"]:
        organisation = Organisation.objects.filter(code=year["org"]).first()
        if (
            organisation is None
            or Measure.objects.of(organisation).filter(fiscal_year=year["year"]).exists()
        ):
            continue
        wanted = {spec["name"] for spec in year["rounds"]}
        rounds = {}
        for r in standard_rounds(organisation=organisation, fiscal_year=year["year"]):
            if r.name in wanted:
                rounds[r.name] = r
            else:  # the seed reports only the year's other round
                r.delete()
        framework = (
            Framework.objects.filter(fiscal_year__lte=year["year"]).order_by("-fiscal_year").first()
        )
        for entry in year["measures"]:
            measure = Measure(
                organisation=organisation,
                fiscal_year=year["year"],
                kind=entry["kind"],
                number=entry["number"],
                title=entry["title"],
                rationale=entry.get("rationale", ""),
                period_text=entry["period"],
                responsible_text=entry["responsible"],
            )
            links = {"responsible_units": units_for(organisation, entry["responsible"])}
            if framework and entry.get("indicators"):
                links["indicators"] = framework.indicators.filter(number__in=entry["indicators"])
            if entry.get("issue"):
                links["issues"] = ImprovementIssue.objects.filter(
                    assessment__organisation=organisation,
                    assessment__framework__fiscal_year=year["issue_year"],
                    number=entry["issue"],
                )
            measure = measure_save(measure=measure, steps=entry["steps"], links=links)
            if "progress" in entry:
                p = entry["progress"]
                Progress.objects.create(
                    measure=measure,
                    round=rounds["รอบ ๑๒ เดือน"],
                    status=p["status"],
                    summary=p.get("summary", ""),
                    results=p.get("results", ""),
                )
        if year["checklist"] and framework:
            _checklist(organisation, framework, year["checklist"])
        for code, spec in (year.get("layouts") or {}).items():
            _layout(organisation, next(iter(rounds.values())), code, spec)
        for spec in year["rounds"]:
            if spec.get("state") == "approved":
                _approve(rounds[spec["name"]], spec)
        loaded += 1
    return loaded


def _layout(organisation, progress_round, code, spec):
    """The organisation's settings of a document, as its paper has them: an opening paragraph
    worded differently from the portal's draft is kept as edited."""
    from reports.documents import DOCUMENTS

    draft = DOCUMENTS[code](progress_round, live=True).draft_opening()
    layout_save(
        organisation=organisation,
        code=code,
        data=LayoutInput(
            options=spec.get("options", {}),
            opening=spec.get("opening", draft),
            draft=draft,
            written_for=progress_round,  # the seed's paragraph quotes this round's year
        ),
        user=None,
    )


def _approve(progress_round, spec):
    """The seed's sign-off, through the same services as the pages, on the date it bears."""
    day = datetime.date.fromisoformat(spec["approved_on"])
    at = datetime.datetime.combine(day, datetime.time(10, 0), tzinfo=ZoneInfo("Asia/Bangkok"))
    submitter = User.objects.get(username=spec["submitted_by"])
    round_submit(progress_round=progress_round, user=submitter, at=at)
    for step in ApprovalStep.objects.of(progress_round.organisation):
        round_decide(progress_round=progress_round, user=step.approver, approve=True, at=at)
    if spec.get("published", False):
        round_publish(progress_round=progress_round, user=submitter, at=at)


def _checklist(organisation, framework, rows):
    items = {i.code: i for i in OITItem.objects.filter(framework=framework)}
    for row in rows:
        item = items.get(row["item"])
        if item is None:
            continue
        units = units_for(organisation, row["responsible"])
        entry = OITChecklistEntry.objects.create(
            organisation=organisation,
            item=item,
            unit=units[0] if units else None,
            responsible_text=row["responsible"],
            status=row["status"],
            notes=row["notes"],
        )
        if row["status"] == "done":
            entry.components_done.set(item.components.all())
