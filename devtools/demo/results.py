"""Loading the demo results and analyses transcribed from the seeds, and the guideline library.
Both are safe to run again: what exists is left alone."""

import json
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction

from assessments.analysis import analysis_draft
from assessments.models import AnalysisText, Assessment, Framework, Guideline, ImprovementIssue
from assessments.results import ResultsData, assessment_for_year, results_save
from organisations.models import Organisation
from organisations.tenancy import scopes_disabled

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


@transaction.atomic
@scopes_disabled()  # demo data for every organisation: a command, not a request
def guideline_library_load(path: Path = FIXTURES / "guidelines.json") -> int:
    if Guideline.objects.filter(organisation__isnull=True).exists():
        return 0
    rows = json.loads(path.read_text(encoding="utf-8"))["guidelines"]
    Guideline.objects.bulk_create(Guideline(**row) for row in rows)
    return len(rows)


@transaction.atomic
@scopes_disabled()  # demo data for every organisation: a command, not a request
def demo_results_load(path: Path = FIXTURES / "demo" / "results.json") -> int:
    loaded = 0
    for entry in json.loads(path.read_text(encoding="utf-8"))["assessments"]:
        organisation = Organisation.objects.filter(code=entry["org"]).first()
        framework = Framework.objects.filter(fiscal_year=entry["year"]).first()
        if organisation is None or framework is None:
            continue
        if Assessment.objects.filter(organisation=organisation, framework=framework).exists():
            continue
        assessment = assessment_for_year(organisation, framework)
        data = ResultsData(
            total=Decimal(entry["total"]),
            tools={(c, p): Decimal(s) for c, p, s in entry["tools"]},
            indicators={(n, p): Decimal(s) for n, p, s in entry["indicators"]},
            questions={(c, p): Decimal(s) for c, p, s in entry["questions"]},
            items={c: Decimal(s) for c, s in entry["items"]},
            suggestions=entry["suggestions"],
            survey=entry["survey"],
        )
        results_save(assessment=assessment, data=data)
        if entry["texts"]:
            analysis_draft(assessment)
            # the seed's texts are what the organisation's staff wrote: edits of the drafts
            for key, text in entry["texts"].items():
                AnalysisText.objects.filter(assessment=assessment, key=key).update(text=text)
        for issue in entry["issues"]:
            record = ImprovementIssue.objects.create(
                assessment=assessment, number=issue["number"], title=issue["title"]
            )
            record.indicators.set(framework.indicators.filter(number__in=issue["indicators"]))
            record.questions.set(framework.questions.filter(code__in=issue["questions"]))
            record.oit_items.set(framework.oit_items.filter(code__in=issue["oit_items"]))
        loaded += 1
    return loaded
