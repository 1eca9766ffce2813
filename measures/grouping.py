"""How the documents group measures, and the measures list with them: by the tool and
indicator each measure addresses — the indicators it names, those of its questions and those
of its OIT items — in the indicators' order. A measure addressing several indicators appears
under each; those addressing none come last under their own heading. The tool is the one the
framework gives the indicator, never guessed from its number.
"""

from assessments.models import indicator_label

UNGROUPED_TOOL = "อื่น ๆ"
UNGROUPED_LABEL = "มาตรการที่ไม่ได้ระบุตัวชี้วัด"


def indicator_dict(indicator) -> dict:
    """An indicator as frozen report content keeps it (and as ``by_indicator`` reads it)."""
    return {"number": indicator.number, "name": indicator.name, "tool": indicator.tool.code}


def model_indicators(measure) -> list[dict]:
    """The indicators a saved measure addresses (prefetched by measures_of_year)."""
    return (
        [indicator_dict(i) for i in measure.indicators.all()]
        + [indicator_dict(q.indicator) for q in measure.questions.all()]
        + [indicator_dict(o.sub_indicator.indicator) for o in measure.oit_items.all()]
    )


def content_indicators(measure: dict) -> list[dict]:
    """The indicators a measure of frozen report content addresses."""
    return (
        list(measure["indicators"])
        + [q["indicator"] for q in measure["questions"]]
        + [o["indicator"] for o in measure["oit_items"]]
    )


def by_indicator(items, indicators_of) -> list[tuple[str, str, list]]:
    """[(tool, indicator label, items)] in the indicators' order, the ungrouped last;
    ``indicators_of(item)`` gives the item's indicators as ``indicator_dict`` makes them."""
    groups = {}
    for item in items:
        indicators = {i["number"]: i for i in indicators_of(item)}
        if not indicators:
            groups.setdefault((UNGROUPED_TOOL, float("inf"), UNGROUPED_LABEL), []).append(item)
        for number, indicator in sorted(indicators.items()):
            key = (indicator["tool"], number, indicator_label(number, indicator["name"]))
            groups.setdefault(key, []).append(item)
    return [
        (tool, label, members)
        for (tool, _number, label), members in sorted(groups.items(), key=lambda g: g[0][1])
    ]
