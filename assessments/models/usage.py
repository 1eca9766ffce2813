"""Whether a framework is in use: once anything outside it refers to it (an assessment, a
score, a measure, a checklist row … of any organisation), its structure is frozen."""

from .framework import (
    Framework,
    Indicator,
    OITComponent,
    OITItem,
    Question,
    SubIndicator,
    Tool,
    ToolPart,
)

FRAMEWORK_MODELS = (
    Framework,
    Tool,
    ToolPart,
    Indicator,
    SubIndicator,
    Question,
    OITItem,
    OITComponent,
)


def _parts_of(framework):
    """For each framework model, the queryset of this framework's rows."""
    return {
        Framework: Framework.objects.filter(pk=framework.pk),
        Tool: Tool.objects.filter(framework=framework),
        ToolPart: ToolPart.objects.filter(tool__framework=framework),
        Indicator: Indicator.objects.filter(framework=framework),
        SubIndicator: SubIndicator.objects.filter(indicator__framework=framework),
        Question: Question.objects.filter(framework=framework),
        OITItem: OITItem.objects.filter(framework=framework),
        OITComponent: OITComponent.objects.filter(item__framework=framework),
    }


def framework_in_use(framework) -> bool:
    """Whether any record outside the framework (an assessment, a score, a measure …) refers to
    this framework or one of its parts. Found through the relations themselves, so a results
    model added later is covered without being named here."""
    for model, rows in _parts_of(framework).items():
        # include_hidden: score rows point here with related_name="+"
        for relation in model._meta.get_fields(include_hidden=True):
            if not (relation.auto_created and not relation.concrete and relation.is_relation):
                continue
            related = relation.related_model
            if related in FRAMEWORK_MODELS or related.__name__.startswith("Historical"):
                continue
            if related._meta.auto_created:  # an M2M's through table: its owner is checked
                continue
            lookup = f"{relation.field.name}__in"
            # every organisation's rows count: the base manager, not the tenant-scoped one
            if related._base_manager.filter(**{lookup: rows}).exists():
                return True
    return False
