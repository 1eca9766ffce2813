"""The Excel round trip of measures and of a round's progress (django-import-export).

Column names are Thai and match the official tables; every widget refuses bad cells with a
Thai message, and the views name the row and column.

An import is checked without writing anything and outside any transaction (the preview, and
again at the confirmation): django-import-export reads and checks the cells, and each row is
prepared and checked by the rules of the pages' services (text cleaned, full_clean, versions);
what a row would write is collected (``checked``). The confirmation then writes the collected
rows in one short transaction (services.measures_import, progress_save_round): all or none,
with history. Each export carries the version of each record in its last column: a row whose
record someone else saved after the export is refused.
"""

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import CheckConstraint
from import_export import fields, resources, widgets
from import_export.results import RowResult

from assessments.models import Indicator, OITItem, Question
from kernel.thai import (
    arabic_digits,
    clean_text,
    format_numeric_date,
    parse_date,
    thai_digits,
    whole_number,
)
from kernel.xlsx import LIST_MAX
from organisations.models import Unit

from .locking import ConcurrentEditError, check_version, needs_saving, shown_version
from .models import Measure, MeasureDeadline, MeasureStep, Progress, Status
from .services import (
    MeasureRow,
    ProgressInput,
    measure_prepare,
    progress_values,
    step_texts,
)
from .services.measures import MEASURE_FIELDS
from .services.progress import PROGRESS_FIELDS

VERSION_COLUMN = "ฉบับข้อมูล (ไม่ต้องแก้)"
RELATIONS = [f.name for f in Measure._meta.concrete_fields if f.is_relation]


def _text(value):
    return clean_text(str(value)) if value not in (None, "") else ""


def _whole_number(value):
    """A whole number typed or stored in a cell (Thai digits, or 3.0 from a number cell); None
    when the cell is blank; ValueError when it is anything else."""
    text = arabic_digits(_text(value)).rstrip(".")
    if text.endswith(".0"):
        text = text[:-2]
    if not text:
        return None
    number = whole_number(text)
    if number is None:
        raise ValueError(text)
    return number


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
        return format_numeric_date(value) if value else ""


DEADLINES_MAX = 20  # dated checkpoints in one cell
DEADLINE_LABEL_MAX = 200  # as MeasureDeadline.label


class DeadlinesWidget(widgets.Widget):
    """A measure's dated checkpoints in one cell, one a line: the date first (วว/ดด/ปปปป, BE or
    CE, Thai or Arabic digits), then what is due — "๓๑/๐๓/๒๕๗๐ รายงานผลรอบ ๖ เดือน"."""

    def clean(self, value, row=None, **kwargs):
        lines = [line.strip() for line in str(value or "").splitlines() if line.strip()]
        if len(lines) > DEADLINES_MAX:
            raise ValueError(f"กำหนดการมีได้ไม่เกิน {thai_digits(DEADLINES_MAX)} บรรทัด")
        checkpoints = []
        for number, line in enumerate(lines, start=1):
            where = f"บรรทัดที่ {thai_digits(number)}"
            typed, _space, label = line.partition(" ")
            try:
                due = parse_date(typed)
            except ValidationError as error:
                raise ValueError(f"{where}: {error.messages[0]}") from None
            label = clean_text(label)
            if not label:
                raise ValueError(
                    f"{where}: ใส่สิ่งที่ต้องรายงานหรือแล้วเสร็จต่อจากวันที่ เช่น “๓๑/๐๓/๒๕๗๐ รายงานผลรอบ ๖ เดือน”"
                )
            if len(label) > DEADLINE_LABEL_MAX:
                raise ValueError(f"{where}: ข้อความยาวเกิน {thai_digits(DEADLINE_LABEL_MAX)} ตัวอักษร")
            checkpoints.append((due, label))
        return sorted(checkpoints)

    def render(self, value, obj=None, **kwargs):
        return "\n".join(f"{format_numeric_date(due)} {label}" for due, label in value or [])


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
        try:
            number = _whole_number(value)
        except ValueError:
            number = None
        if number is None or number < 1:
            raise ValueError(f"ลำดับต้องเป็นเลขจำนวนเต็มบวก (พบ “{_text(value)}”)")
        return number

    def render(self, value, obj=None, **kwargs):
        return value


class VersionWidget(widgets.Widget):
    """The version of a record when it was exported (0: no record yet); blank on a row typed
    in as new."""

    def clean(self, value, row=None, **kwargs):
        try:
            return _whole_number(value)
        except ValueError:
            raise ValueError(
                f"ฉบับข้อมูล “{_text(value)}” ไม่ถูกต้อง: ช่องนี้ระบบใส่ไว้ตอนส่งออก ห้ามแก้ (แถวที่พิมพ์เพิ่มให้เว้นว่าง)"
            ) from None

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
        self._by_key = None

    def _index(self):
        """Every name once, read in one query (an import asks for the same few names in
        every row); the first in the queryset's order wins, as ``.first()`` did."""
        if self._by_key is None:
            rows = self.queryset if self.queryset.ordered else self.queryset.order_by("pk")
            self._by_key = {}
            for obj in rows:
                self._by_key.setdefault(clean_text(str(getattr(obj, self.key))).casefold(), obj)
        return self._by_key

    def clean(self, value, row=None, **kwargs):
        names = [
            n.strip()
            for n in re.split(
                r"[,\n]", _text(value) if "\n" not in str(value or "") else str(value)
            )
            if n.strip()
        ]
        found = []
        index = self._index()
        for name in names:
            match = index.get(clean_text(name).casefold())
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


def _checkpoints(measure) -> list[tuple]:
    """A stored measure's checkpoints as the deadlines column reads them."""
    return sorted((d.due_date, d.label) for d in measure.deadlines.all())


class VersionedRows:
    """What the measures and progress imports share: one row per record, and the version each
    row was exported at (the ``version`` field, column VERSION_COLUMN).

    A file exported before versions were exported has no such column: its rows are saved
    over whatever is stored, as they were then, and the preview says so (``warnings``)."""

    stale_words = ""  # what someone else changed, e.g. "มาตรการนี้"

    on_row = None  # called with the number of rows done so far (the job's progress)

    def choice_lists(self, headers) -> dict[int, tuple[list[str], bool]]:
        """The drop-down lists of the exported workbook, from the fields' own widgets:
        {column (1-based): (values, strict)} — a choice by its Thai label (strict), related
        rows by name or code (loose: a cell may name several)."""
        lists = {}
        for field in self.get_export_fields():
            if field.column_name not in headers:
                continue
            column = list(headers).index(field.column_name) + 1
            widget = field.widget
            if isinstance(widget, ChoiceLabelWidget):
                lists[column] = ([str(label) for label in widget.by_label], True)
            elif isinstance(widget, NamesWidget):
                names = widget.queryset.values_list(widget.key, flat=True)
                lists[column] = ([str(n) for n in names[:LIST_MAX]], False)
        return lists

    def import_row(self, row, instance_loader, **kwargs):
        """Each row's result also names the fields an update changes (``changes``), for the
        preview; ``save_instance`` fills ``row_changes``."""
        self.row_changes, self.row_original = [], None
        result = super().import_row(row, instance_loader, **kwargs)
        result.changes = (
            self.row_changes if result.import_type == RowResult.IMPORT_TYPE_UPDATE else []
        )
        return result

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self.checks_versions = VERSION_COLUMN in (dataset.headers or [])
        self.rows_seen = {}
        self.row_version = None
        self.checked = []  # what the rows would write, once checked
        self.rows_done = 0

    def after_import_row(self, row, row_result, **kwargs):
        super().after_import_row(row, row_result, **kwargs)
        self.rows_done += 1
        if self.on_row is not None:
            self.on_row(self.rows_done)

    def check(self, dataset):
        """Read and check every row, writing nothing and outside any transaction (on SQLite
        a transaction would hold the one write lock); the rows to write are in ``checked``."""
        return self.import_data(dataset, dry_run=False, use_transactions=False, raise_errors=False)

    @property
    def warnings(self) -> list[str]:
        if getattr(self, "checks_versions", True):
            return []
        return [
            f"ไฟล์นี้ไม่มีคอลัมน์ “{VERSION_COLUMN}” (ส่งออกก่อนที่ระบบจะบันทึกฉบับข้อมูลไว้ในไฟล์) "
            "จึงตรวจไม่ได้ว่ามีผู้แก้ไขข้อมูลหลังจากส่งออกไฟล์หรือไม่ เมื่อยืนยัน ข้อมูลในไฟล์จะบันทึกทับข้อมูลในระบบ "
            "หากไม่แน่ใจ กรุณาส่งออกไฟล์ใหม่แล้วแก้ไขในไฟล์นั้น"
        ]

    def read_version(self, instance, row, errors):
        """The version the row was exported at (0: a row typed in as new), or, for a file
        without the column, the version stored now (nothing to check against)."""
        if not self.checks_versions:
            self.row_version = shown_version(instance)
            return
        try:
            self.row_version = self.fields["version"].clean(row) or 0
        except ValueError as error:
            errors["version"] = ValidationError(str(error))

    def check_once(self, key, label, row_number, errors):
        """Refuse a second row for the same record: its version would look stale."""
        if key in self.rows_seen:
            errors["number"] = ValidationError(
                f"{label} อยู่ในแถว {thai_digits(self.rows_seen[key] + 1)} แล้ว (แต่ละรายการมีได้แถวเดียว)"
            )
        elif row_number is not None:
            self.rows_seen[key] = row_number

    def stale(self, error):
        return ValidationError(
            {
                "version": ValidationError(
                    f"{self.stale_words}มีผู้แก้ไขหลังจากส่งออกไฟล์: {error.note} "
                    "กรุณาส่งออกใหม่แล้วแก้ไขในไฟล์ที่ส่งออกใหม่"
                )
            }
        )


class MeasureResource(VersionedRows, resources.ModelResource):
    number = fields.Field("number", "ลำดับ", widget=PositiveIntegerWidget())
    kind = fields.Field("kind", "ประเภท", widget=ChoiceLabelWidget(Measure.Kind.choices, "ประเภท"))
    title = fields.Field("title", "มาตรการ/โครงการ/กิจกรรม", widget=widgets.CharWidget())
    # the issue a measure answers, as R1's steps cell and R4's first column print it
    rationale = fields.Field("rationale", "ที่มา/ประเด็นจากผลการประเมิน", widget=widgets.CharWidget())
    steps = fields.Field(column_name="ขั้นตอนหรือวิธีการปฏิบัติ")
    period_text = fields.Field("period_text", "ระยะเวลา", widget=widgets.CharWidget())
    start_date = fields.Field("start_date", "วันเริ่ม", widget=ThaiDateWidget())
    end_date = fields.Field("end_date", "กำหนดแล้วเสร็จ", widget=ThaiDateWidget())
    responsible_text = fields.Field(
        "responsible_text", "ผู้รับผิดชอบ (ตามที่เขียน)", widget=widgets.CharWidget()
    )
    monitoring = fields.Field(
        "monitoring", "การรายงานผลและการกำกับติดตาม", widget=widgets.CharWidget()
    )
    deadlines = fields.Field(
        column_name="กำหนดการรายงานและติดตาม (บรรทัดละรายการ: วันที่ สิ่งที่ต้องรายงาน)",
        widget=DeadlinesWidget(),
    )
    budget = fields.Field("budget", "งบประมาณ (บาท)", widget=BudgetWidget())
    target = fields.Field("target", "เป้าหมาย", widget=widgets.CharWidget())
    version = fields.Field(column_name=VERSION_COLUMN, widget=VersionWidget())
    stale_words = "มาตรการนี้"
    links = ("responsible_units", "indicators", "questions", "oit_items")

    class Meta:
        model = Measure
        import_id_fields = ("kind", "number")
        fields = (
            "number",
            "kind",
            "title",
            "rationale",
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
            "deadlines",
            "budget",
            "target",
            "version",
        )
        export_order = fields
        use_transactions = True
        # save_instance cleans the measure once it is prepared (the dates come from the period)
        clean_model_instances = False
        skip_unchanged = True  # a row left as exported writes nothing (no new version)
        skip_html_diff = True  # the preview lists rows, it shows no diff

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

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        # the year's measures with their steps and links, in one go rather than per row
        self.constraint_answers = {}
        self.stored = {
            (m.kind, m.number): m
            for m in self.get_queryset().prefetch_related("steps", "deadlines", *self.links)
        }

    def get_instance(self, instance_loader, row):
        kind = self.fields["kind"].clean(row)
        number = self.fields["number"].clean(row)
        return self.stored.get((kind, number))

    def init_instance(self, row=None):
        return Measure(organisation=self.organisation, fiscal_year=self.year)

    def import_instance(self, instance, row, **kwargs):
        """Read the row's cells into ``instance`` (the links and the version only checked
        here); every error of the row at once, each under its column."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors.update(error.error_dict)
        for name in (*self.links, "deadlines"):
            field = self.fields[name]
            if field.column_name in row:
                try:
                    field.widget.clean(row[field.column_name])
                except ValueError as error:
                    errors[name] = ValidationError(str(error))
        self.read_version(instance, row, errors)
        if instance.kind and instance.number and "number" not in errors:
            label = f"{Measure.Kind(instance.kind).label}ลำดับ {thai_digits(instance.number)}"
            self.check_once(
                (instance.kind, instance.number), label, kwargs.get("row_number"), errors
            )
        if errors:
            raise ValidationError(errors)

    def dehydrate_steps(self, measure):
        return "\n".join(f"{thai_digits(s.order)}. {s.text}" for s in measure.steps.all())

    def dehydrate_version(self, measure):
        return shown_version(measure)

    def dehydrate_deadlines(self, measure):
        return self.fields["deadlines"].widget.render(_checkpoints(measure))

    def _deadlines(self, row):
        """The row's checkpoints as (date, label), sorted; None when the file has no such
        column (the measure's stay as they are)."""
        field = self.fields["deadlines"]
        return field.widget.clean(row[field.column_name]) if field.column_name in row else None

    def _steps(self, row):
        column = self.fields["steps"].column_name
        return step_texts(_step_lines(row[column])) if column in row else None

    def skip_row(self, instance, original, row, import_validation_errors=None):
        self.row_original = original  # as stored: what save_instance names the changes from
        if original is None or original.pk is None:
            return False
        if not super().skip_row(instance, original, row, import_validation_errors):
            return False
        steps, deadlines = self._steps(row), self._deadlines(row)
        return (steps is None or steps == [s.text for s in original.steps.all()]) and (
            deadlines is None or deadlines == _checkpoints(original)
        )

    def save_instance(self, instance, is_create, row, **kwargs):
        """Check the row as measure_save would (text cleaned, dates from the period, ordered
        steps, full_clean, a row exported before someone else saved the measure refused) and
        keep what it would write; services.measures_import writes it."""
        steps = self._steps(row)
        if steps is None:  # a file without the column leaves the steps as they are
            steps = [s.text for s in instance.steps.all()] if instance.pk else []
        links = {
            name: self.fields[name].clean(row)
            for name in self.links
            if self.fields[name].column_name in row
        }
        measure_prepare(instance, user=self.user)
        try:
            check_version(instance, self.row_version, MEASURE_FIELDS)
        except ConcurrentEditError as error:
            if self.row_version == 0:  # a row typed in as new, with a number already taken
                raise ValidationError(
                    {
                        "version": ValidationError(
                            f"มีมาตรการลำดับนี้ในระบบแล้ว: {error.note} แถวที่ช่อง “{VERSION_COLUMN}” "
                            "ว่างคือมาตรการใหม่ กรุณาใช้ลำดับอื่น หรือส่งออกไฟล์ใหม่เพื่อแก้ไขมาตรการนี้"
                        )
                    }
                ) from None
            raise self.stale(error) from None
        # no file cell sets a foreign key (organisation, who saved, copied from): asking the
        # database whether they exist would cost two queries a row for nothing
        instance.full_clean(exclude=RELATIONS, validate_constraints=False)
        self.check_constraints(instance)
        if instance.pk and self.row_original is not None:
            self.row_changes = self.changed(self.row_original, instance, steps, links, row)
        self.checked.append(
            MeasureRow(
                measure=instance,
                checked_version=shown_version(instance),
                steps=step_texts(steps),
                links=links,
                stored_steps=list(instance.steps.all()) if instance.pk else [],
                deadlines=self._deadlines(row),
                stored_deadlines=list(instance.deadlines.all()) if instance.pk else [],
            )
        )

    def changed(self, original, instance, steps, links, row) -> list[str]:
        """The Thai names of what the row changes in a stored measure, for the preview."""
        names = [
            str(Measure._meta.get_field(name).verbose_name)
            for name in MEASURE_FIELDS
            if getattr(original, name) != getattr(instance, name)
        ]
        if step_texts(steps) != [s.text for s in original.steps.all()]:
            names.append(str(MeasureStep._meta.verbose_name_plural))
        for name, objects in links.items():
            if {o.pk for o in objects} != {o.pk for o in getattr(original, name).all()}:
                names.append(str(Measure._meta.get_field(name).verbose_name))
        deadlines = self._deadlines(row)
        if deadlines is not None and deadlines != _checkpoints(original):
            names.append(str(MeasureDeadline._meta.verbose_name_plural))
        return names

    def check_constraints(self, instance):
        """The model's check constraints, each asked of the database once per distinct value
        of the fields it reads (a file repeats the same few periods; full_clean would ask
        once per row). The unique number needs no question: a row whose number exists updates
        that measure, and check_once refuses a number twice in the file; a number taken
        during the import is refused when it is written."""
        for constraint in Measure._meta.constraints:
            if not isinstance(constraint, CheckConstraint):
                continue
            names = sorted(constraint.condition.referenced_base_fields)
            key = (constraint.name, *(getattr(instance, name) for name in names))
            if key not in self.constraint_answers:
                try:
                    constraint.validate(Measure, instance)
                    self.constraint_answers[key] = None
                except ValidationError as error:
                    self.constraint_answers[key] = error.messages
            if self.constraint_answers[key]:
                raise ValidationError({NON_FIELD_ERRORS: self.constraint_answers[key]})

    def save_m2m(self, instance, row, **kwargs):
        """The links are written with the measure (services.measures_import)."""


class ProgressResource(VersionedRows, resources.ModelResource):
    number = fields.Field(column_name="ลำดับ", widget=PositiveIntegerWidget())
    kind = fields.Field(
        column_name="ประเภท", widget=ChoiceLabelWidget(Measure.Kind.choices, "ประเภท")
    )
    title = fields.Field(column_name="มาตรการ/โครงการ/กิจกรรม (ไม่ต้องแก้)", readonly=True)
    status = fields.Field("status", "สถานะ", widget=ChoiceLabelWidget(Status.choices, "สถานะ"))
    summary = fields.Field("summary", "สรุปผลการดำเนินการ", widget=widgets.CharWidget())
    results = fields.Field("results", "ผลลัพธ์หรือความสำเร็จ", widget=widgets.CharWidget())
    done_text = fields.Field("done_text", "ดำเนินการเมื่อวันที่", widget=widgets.CharWidget())
    done_on = fields.Field("done_on", "วันที่แล้วเสร็จ", widget=ThaiDateWidget())
    suggestions = fields.Field("suggestions", "ข้อเสนอแนะ/ปัญหาอุปสรรค", widget=widgets.CharWidget())
    version = fields.Field(column_name=VERSION_COLUMN, widget=VersionWidget())
    stale_words = "ความก้าวหน้าของมาตรการนี้"

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
            "version",
        )
        export_order = fields
        import_id_fields = ("number", "kind")
        use_transactions = True
        clean_model_instances = True
        skip_unchanged = False  # progress_save_round decides what a row writes

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
        for m in self.measures().in_document_order():
            p = progress.get(m.pk) or Progress(measure=m, round=self.round)
            rows.append(p)
        return rows

    def dehydrate_number(self, progress):
        return progress.measure.number

    def dehydrate_kind(self, progress):
        return str(progress.measure.get_kind_display())

    def dehydrate_title(self, progress):
        return progress.measure.title

    def dehydrate_version(self, progress):
        return shown_version(progress)

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        # the year's measures and the round's progress, in two queries rather than per row
        self.by_number = {(m.kind, m.number): m for m in self.measures()}
        self.stored = {p.measure_id: p for p in Progress.objects.filter(round=self.round)}

    def get_instance(self, instance_loader, row):
        number = self.fields["number"].widget.clean(row.get("ลำดับ"))
        kind = self.fields["kind"].widget.clean(row.get("ประเภท"))
        measure = self.by_number.get((kind, number))
        if measure is None:
            raise ValueError(
                f"ไม่มี{Measure.Kind(kind).label}ลำดับ {thai_digits(number)} ในปี "
                f"{thai_digits(self.round.fiscal_year)}"
            )
        stored = self.stored.get(measure.pk)
        if stored is None:
            return Progress(measure=measure, round=self.round)
        names = [f.attname for f in Progress._meta.concrete_fields]
        copy = Progress.from_db(stored._state.db, names, [getattr(stored, n) for n in names])
        copy.measure = measure  # a copy the row may change; the stored one stays as read
        return copy

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors.update(error.error_dict)
        self.read_version(instance, row, errors)
        measure = instance.measure
        label = f"{measure.get_kind_display()}ลำดับ {thai_digits(measure.number)}"
        self.check_once(measure.pk, label, kwargs.get("row_number"), errors)
        if errors:
            raise ValidationError(errors)

    def before_import_row(self, row, **kwargs):
        self.outcome = None

    def save_instance(self, instance, is_create, row, **kwargs):
        """Check the row by the rule of the round screen (progress_save_round, which writes the
        rows kept in ``checked``): a row changed since the export by someone else and by this
        file is refused; a row the file leaves as it was exported is not written (the other
        person's work stays); a row never filled in makes no record."""
        entry = ProgressInput(
            measure=instance.measure,
            status=instance.status,
            expected_version=self.row_version,
            summary=instance.summary,
            results=instance.results,
            done_text=instance.done_text,
            done_on=instance.done_on,
            suggestions=instance.suggestions,
        )
        stored = self.stored.get(instance.measure.pk) or Progress(
            measure=instance.measure, round=self.round, version=0
        )
        try:
            write = needs_saving(
                stored, progress_values(entry), entry.expected_version, PROGRESS_FIELDS
            )
        except ConcurrentEditError as error:
            raise self.stale(error) from None
        if not write:
            self.outcome = RowResult.IMPORT_TYPE_SKIP
            return
        self.checked.append(entry)
        self.outcome = (
            RowResult.IMPORT_TYPE_NEW if stored.pk is None else RowResult.IMPORT_TYPE_UPDATE
        )

    def after_import_row(self, row, row_result, **kwargs):
        """The preview says what the service would do with the row (new, updated, left
        alone)."""
        super().after_import_row(row, row_result, **kwargs)
        if self.outcome is not None and row_result.import_type in (
            RowResult.IMPORT_TYPE_NEW,
            RowResult.IMPORT_TYPE_UPDATE,
        ):
            row_result.import_type = self.outcome
