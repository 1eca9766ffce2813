"""The Excel round trip of measures and of a round's progress (django-import-export).

Column names are Thai and match the official tables; every widget refuses bad cells with a
Thai message, and the views name the row and column. Imports run twice, as a dry run for the
preview and then for real, inside one transaction each: all rows or none.
"""

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets

from assessments.models import Indicator, OITItem, Question
from kernel.richtext import sanitize
from kernel.thai import arabic_digits, clean_text, parse_date, thai_digits
from organisations.models import Unit

from .models import Measure, MeasureStep, Progress, Status
from .services import fill_dates


def _text(value):
    return clean_text(str(value)) if value not in (None, "") else ""


class ThaiDateWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        if hasattr(value, "year"):
            return value.date() if hasattr(value, "date") else value
        try:
            return parse_date(str(value))
        except ValidationError as error:
            raise ValueError(error.messages[0]) from None

    def render(self, value, obj=None, **kwargs):
        return f"{value.day:02d}/{value.month:02d}/{value.year + 543}" if value else ""


class ChoiceLabelWidget(widgets.Widget):
    """A choice written by its Thai label (or its code)."""

    def __init__(self, choices, what, **kwargs):
        self.by_label = {str(label): value for value, label in choices}
        self.labels = dict(choices)
        self.what = what
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        text = _text(value)
        if text in self.by_label:
            return self.by_label[text]
        if text in self.labels:
            return text
        allowed = " / ".join(self.by_label)
        raise ValueError(f"{self.what} “{text}” ไม่ถูกต้อง ใช้ได้เฉพาะ: {allowed}")

    def render(self, value, obj=None, **kwargs):
        return str(self.labels.get(value, value or ""))


class PositiveIntegerWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        text = arabic_digits(_text(value)).rstrip(".")
        if text.endswith(".0"):
            text = text[:-2]
        if not text.isdigit() or int(text) < 1:
            raise ValueError(f"ลำดับต้องเป็นเลขจำนวนเต็มบวก (พบ “{_text(value)}”)")
        return int(text)

    def render(self, value, obj=None, **kwargs):
        return value


class BudgetWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        text = arabic_digits(_text(value)).replace(",", "")
        if not text:
            return None
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"งบประมาณ “{_text(value)}” ไม่ใช่ตัวเลข") from None
        if amount < 0:
            raise ValueError("งบประมาณต้องไม่ติดลบ")
        return amount

    def render(self, value, obj=None, **kwargs):
        return value  # a number stays a number in the sheet


class NamesWidget(widgets.ManyToManyWidget):
    """Several related rows written by name or code, one per line or separated by commas."""

    def __init__(self, queryset, key, what, **kwargs):
        super().__init__(queryset.model, field=key, **kwargs)
        self.queryset = queryset
        self.key = key
        self.what = what

    def clean(self, value, row=None, **kwargs):
        names = [
            n.strip()
            for n in re.split(
                r"[,\n]", _text(value) if "\n" not in str(value or "") else str(value)
            )
            if n.strip()
        ]
        found = []
        for name in names:
            match = self.queryset.filter(**{f"{self.key}__iexact": clean_text(name)}).first()
            if match is None:
                raise ValueError(f"ไม่มี{self.what} “{name}”")
            found.append(match)
        return found

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return ", ".join(str(getattr(v, self.key)) for v in value.all())


def _step_lines(text):
    text = str(text or "").replace("\r", "")
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return [re.sub(r"^[๐-๙0-9]{1,2}[.)]\s*", "", line) for line in lines]


class MeasureResource(resources.ModelResource):
    number = fields.Field("number", "ลำดับ", widget=PositiveIntegerWidget())
    kind = fields.Field("kind", "ประเภท", widget=ChoiceLabelWidget(Measure.Kind.choices, "ประเภท"))
    title = fields.Field("title", "มาตรการ/โครงการ/กิจกรรม")
    steps = fields.Field(column_name="ขั้นตอนหรือวิธีการปฏิบัติ")
    period_text = fields.Field("period_text", "ระยะเวลา")
    start_date = fields.Field("start_date", "วันเริ่ม", widget=ThaiDateWidget())
    end_date = fields.Field("end_date", "กำหนดแล้วเสร็จ", widget=ThaiDateWidget())
    responsible_text = fields.Field("responsible_text", "ผู้รับผิดชอบ (ตามที่เขียน)")
    monitoring = fields.Field("monitoring", "การรายงานผลและการกำกับติดตาม")
    budget = fields.Field("budget", "งบประมาณ (บาท)", widget=BudgetWidget())
    target = fields.Field("target", "เป้าหมาย")

    class Meta:
        model = Measure
        import_id_fields = ("kind", "number")
        fields = (
            "number",
            "kind",
            "title",
            "steps",
            "period_text",
            "start_date",
            "end_date",
            "responsible_units",
            "responsible_text",
            "indicators",
            "questions",
            "oit_items",
            "monitoring",
            "budget",
            "target",
        )
        export_order = fields
        use_transactions = True
        clean_model_instances = True
        skip_unchanged = False

    def __init__(self, *, organisation, year, frameworks, user=None):
        super().__init__()
        self.organisation, self.year, self.user = organisation, year, user
        self.fields["responsible_units"] = fields.Field(
            "responsible_units",
            "ผู้รับผิดชอบ (ส่วนงาน)",
            widget=NamesWidget(Unit.objects.of(organisation), "name", "ส่วนงาน"),
        )
        self.fields["indicators"] = fields.Field(
            "indicators",
            "ตัวชี้วัด (เลข)",
            widget=NamesWidget(
                Indicator.objects.filter(framework__in=frameworks), "number", "ตัวชี้วัดที่"
            ),
        )
        self.fields["questions"] = fields.Field(
            "questions",
            "ข้อคำถาม (รหัส)",
            widget=NamesWidget(
                Question.objects.filter(framework__in=frameworks), "code", "ข้อคำถาม"
            ),
        )
        self.fields["oit_items"] = fields.Field(
            "oit_items",
            "ข้อ OIT (รหัส)",
            widget=NamesWidget(OITItem.objects.filter(framework__in=frameworks), "code", "ข้อ OIT"),
        )

    def get_queryset(self):
        return Measure.objects.of(self.organisation).filter(fiscal_year=self.year)

    def init_instance(self, row=None):
        return Measure(organisation=self.organisation, fiscal_year=self.year)

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors.update(error.error_dict)
        for name in ("responsible_units", "indicators", "questions", "oit_items"):
            field = self.fields[name]
            if field.column_name in row:
                try:
                    field.widget.clean(row[field.column_name])
                except ValueError as error:
                    errors[name] = ValidationError(str(error))
        instance.title = clean_text(instance.title or "")
        for name in ("monitoring", "target", "responsible_text"):
            setattr(instance, name, sanitize(getattr(instance, name) or ""))
        if errors:
            raise ValidationError(errors)
        fill_dates(instance)
        instance.version += 1 if instance.pk else 0
        instance.updated_by = self.user

    def dehydrate_steps(self, measure):
        return "\n".join(f"{thai_digits(s.order)}. {s.text}" for s in measure.steps.all())

    def after_save_instance(self, instance, row, **kwargs):
        if "ขั้นตอนหรือวิธีการปฏิบัติ" not in row:
            return
        instance.steps.all().delete()
        MeasureStep.objects.bulk_create(
            MeasureStep(measure=instance, order=i, text=sanitize(text))
            for i, text in enumerate(_step_lines(row["ขั้นตอนหรือวิธีการปฏิบัติ"]), start=1)
        )


class ProgressResource(resources.ModelResource):
    number = fields.Field(column_name="ลำดับ", widget=PositiveIntegerWidget())
    kind = fields.Field(
        column_name="ประเภท", widget=ChoiceLabelWidget(Measure.Kind.choices, "ประเภท")
    )
    title = fields.Field(column_name="มาตรการ/โครงการ/กิจกรรม (ไม่ต้องแก้)", readonly=True)
    status = fields.Field("status", "สถานะ", widget=ChoiceLabelWidget(Status.choices, "สถานะ"))
    summary = fields.Field("summary", "สรุปผลการดำเนินการ")
    results = fields.Field("results", "ผลลัพธ์หรือความสำเร็จ")
    done_text = fields.Field("done_text", "ดำเนินการเมื่อวันที่")
    done_on = fields.Field("done_on", "วันที่แล้วเสร็จ", widget=ThaiDateWidget())
    suggestions = fields.Field("suggestions", "ข้อเสนอแนะ/ปัญหาอุปสรรค")

    class Meta:
        model = Progress
        fields = (
            "number",
            "kind",
            "title",
            "status",
            "summary",
            "results",
            "done_text",
            "done_on",
            "suggestions",
        )
        export_order = fields
        import_id_fields = ("number", "kind")
        use_transactions = True
        clean_model_instances = True
        skip_unchanged = False

    def __init__(self, *, progress_round, user=None):
        super().__init__()
        self.round, self.user = progress_round, user

    def measures(self):
        return Measure.objects.of(self.round.organisation).filter(
            fiscal_year=self.round.fiscal_year
        )

    def export_rows(self):
        """One row per measure of the round's year, with what is recorded so far."""
        progress = {p.measure_id: p for p in self.round.progress.all()}
        rows = []
        for m in self.measures().order_by("kind", "number"):
            p = progress.get(m.pk) or Progress(measure=m, round=self.round)
            rows.append(p)
        return rows

    def dehydrate_number(self, progress):
        return progress.measure.number

    def dehydrate_kind(self, progress):
        return str(progress.measure.get_kind_display())

    def dehydrate_title(self, progress):
        return progress.measure.title

    def get_instance(self, instance_loader, row):
        number = self.fields["number"].widget.clean(row.get("ลำดับ"))
        kind = self.fields["kind"].widget.clean(row.get("ประเภท"))
        measure = self.measures().filter(number=number, kind=kind).first()
        if measure is None:
            raise ValueError(
                f"ไม่มี{Measure.Kind(kind).label}ลำดับ {thai_digits(number)} ในปี "
                f"{thai_digits(self.round.fiscal_year)}"
            )
        return Progress.objects.filter(measure=measure, round=self.round).first() or Progress(
            measure=measure, round=self.round
        )

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        for name in ("summary", "results", "suggestions"):
            setattr(instance, name, sanitize(getattr(instance, name) or ""))
        instance.done_text = clean_text(instance.done_text or "")
        instance.version += 1 if instance.pk else 0
        instance.updated_by = self.user
