"""Writes on frameworks: load one from a fixture, clone one to a new year, and the rule that a
framework used by results keeps its structure."""

import json
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from kernel.thai import thai_digits

from .models import (
    Framework,
    Indicator,
    OITComponent,
    OITItem,
    Question,
    SubIndicator,
    Tool,
    ToolPart,
)

FIXTURE_DIR = Path(settings.BASE_DIR) / "fixtures" / "frameworks"


def _decimal(value):
    return Decimal(str(value)) if value not in (None, "") else None


def _save(obj):
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def framework_create_from_data(data: dict) -> Framework:
    """Create a framework from the fixture format of fixtures/frameworks/*.json."""
    if Framework.objects.filter(fiscal_year=data["fiscal_year"]).exists():
        raise ValidationError(
            f"มีกรอบการประเมินปี {thai_digits(data['fiscal_year'])} อยู่แล้ว", code="exists"
        )
    framework = _save(
        Framework(
            fiscal_year=data["fiscal_year"],
            name=data["name"],
            source=data.get("source", ""),
            notes="\n".join(data.get("notes", [])),
        )
    )
    tools = {}
    for order, t in enumerate(data["tools"], start=1):
        tool = _save(
            Tool(
                framework=framework,
                code=t["code"],
                name=t["name"],
                weight=_decimal(t.get("weight")),
                stated_question_count=t.get("stated_question_count"),
                order=order,
            )
        )
        tools[tool.code] = tool
        for p in t.get("parts", []):
            _save(
                ToolPart(
                    tool=tool, number=p["number"], name=p["name"], weight=_decimal(p.get("weight"))
                )
            )
    indicators = {}
    for i in data["indicators"]:
        indicators[i["number"]] = _save(
            Indicator(
                framework=framework, tool=tools[i["tool"]], number=i["number"], name=i["name"]
            )
        )
    subs = {}
    for s in data["sub_indicators"]:
        subs[s["code"]] = _save(
            SubIndicator(
                indicator=indicators[s["indicator"]],
                code=s["code"],
                name=s["name"],
                topics=s.get("topics", []),
                stated_item_count=s.get("stated_item_count"),
            )
        )
    for q in data.get("questions", []):
        _save(
            Question(
                framework=framework,
                indicator=indicators[q["indicator"]],
                code=q["code"],
                number=q["number"],
                text=q["text"],
            )
        )
    for it in data.get("oit_items", []):
        item = _save(
            OITItem(
                framework=framework,
                sub_indicator=subs[it["sub_indicator"]],
                code=it["code"],
                number=it["number"],
                name=it["name"],
                topic=it.get("topic", ""),
                evidence_period=it.get("evidence_period", ""),
                note=it.get("note", ""),
            )
        )
        for order, text in enumerate(it.get("components", []), start=1):
            _save(OITComponent(item=item, order=order, text=text))
    return framework


def framework_load_fixtures(directory: Path = FIXTURE_DIR) -> list[Framework]:
    """Load every framework fixture whose year is not in the database yet. Existing frameworks
    are left alone: the admin may have edited them since."""
    created = []
    for path in sorted(directory.glob("fy*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if not Framework.objects.filter(fiscal_year=data["fiscal_year"]).exists():
            created.append(framework_create_from_data(data))
    return created


def framework_to_data(framework: Framework) -> dict:
    """The fixture format of a framework (the inverse of framework_create_from_data)."""
    return {
        "fiscal_year": framework.fiscal_year,
        "name": framework.name,
        "source": framework.source,
        "notes": [n for n in framework.notes.split("\n") if n],
        "tools": [
            {
                "code": t.code,
                "name": t.name,
                "weight": str(t.weight) if t.weight is not None else None,
                "stated_question_count": t.stated_question_count,
                "parts": [
                    {
                        "number": p.number,
                        "name": p.name,
                        "weight": str(p.weight) if p.weight is not None else None,
                    }
                    for p in t.parts.all()
                ],
            }
            for t in framework.tools.prefetch_related("parts")
        ],
        "indicators": [
            {"number": i.number, "name": i.name, "tool": i.tool.code}
            for i in framework.indicators.select_related("tool")
        ],
        "sub_indicators": [
            {
                "code": s.code,
                "indicator": s.indicator.number,
                "name": s.name,
                "topics": s.topics,
                "stated_item_count": s.stated_item_count,
            }
            for s in SubIndicator.objects.filter(indicator__framework=framework).select_related(
                "indicator"
            )
        ],
        "questions": [
            {"code": q.code, "number": q.number, "indicator": q.indicator.number, "text": q.text}
            for q in framework.questions.select_related("indicator")
        ],
        "oit_items": [
            {
                "code": it.code,
                "number": it.number,
                "name": it.name,
                "sub_indicator": it.sub_indicator.code,
                "topic": it.topic,
                "evidence_period": it.evidence_period,
                "note": it.note,
                "components": [c.text for c in it.components.all()],
            }
            for it in framework.oit_items.select_related("sub_indicator").prefetch_related(
                "components"
            )
        ],
    }


@transaction.atomic
def framework_clone(*, source: Framework, fiscal_year: int) -> Framework:
    """A full, independent copy of ``source`` for ``fiscal_year`` (BE), ready to be edited."""
    data = framework_to_data(source)
    data["fiscal_year"] = fiscal_year
    data["name"] = f"กรอบการประเมิน ITA ประจำปีงบประมาณ พ.ศ. {thai_digits(fiscal_year)}"
    data["notes"] = [f"คัดลอกจากกรอบการประเมินปี {thai_digits(source.fiscal_year)}"]
    framework = framework_create_from_data(data)
    framework.cloned_from = source
    framework.save(update_fields=["cloned_from"])
    return framework
