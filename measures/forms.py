from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_scopes.forms import SafeModelChoiceField, SafeModelMultipleChoiceField

from kernel.forms import (
    KeepsStoredText,
    PlainTextarea,
    ThaiDateField,
    ThaiErrors,
    ThaiFormSet,
    ThaiInlineFormSet,
    ThaiIntegerField,
    same_text,
)
from kernel.richtext import plain_text
from kernel.thai import clean_text
from organisations.models import Unit

from .locking import VERSION_MISSING, shown_version
from .models import Measure, MeasureDeadline, OITChecklistEntry, ProgressRound, Status


class VersionField(forms.IntegerField):
    """The version of a record as the page showed it (0: not saved yet). Required: a save that
    does not say what it was based on could overwrite anything (locking.check_version)."""

    widget = forms.HiddenInput
    default_error_messages = {
        "required": VERSION_MISSING,
        "invalid": VERSION_MISSING,
        "min_value": VERSION_MISSING,
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        super().__init__(**kwargs)


class MeasureForm(KeepsStoredText, ThaiErrors, forms.ModelForm):
    start_date = ThaiDateField(label=_("วันเริ่ม"), required=False)
    end_date = ThaiDateField(label=_("กำหนดแล้วเสร็จ"), required=False)
    steps = forms.CharField(
        label=_("ขั้นตอนหรือวิธีการปฏิบัติ (บรรทัดละหนึ่งขั้นตอน ตามลำดับ)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    version = VersionField()

    class Meta:
        model = Measure
        fields = [
            "number",
            "kind",
            "title",
            "rationale",
            "issues",
            "indicators",
            "questions",
            "oit_items",
            "period_text",
            "start_date",
            "end_date",
            "responsible_units",
            "responsible_text",
            "monitoring",
            "budget",
            "target",
        ]
        widgets = {
            "title": PlainTextarea(attrs={"rows": 2}),
            "rationale": PlainTextarea(attrs={"rows": 2}),
            "monitoring": PlainTextarea(attrs={"rows": 2}),
            "target": PlainTextarea(attrs={"rows": 2}),
            "responsible_text": PlainTextarea(attrs={"rows": 2}),
            "issues": forms.CheckboxSelectMultiple,
            "indicators": forms.CheckboxSelectMultiple,
            "questions": forms.CheckboxSelectMultiple,
            "oit_items": forms.CheckboxSelectMultiple,
            "responsible_units": forms.CheckboxSelectMultiple,
        }
        error_messages = {"title": {"required": _("กรุณาระบุชื่อมาตรการ")}}
        # the organisation's own rows are set in __init__ (inside its scope)
        field_classes = {
            "number": ThaiIntegerField,
            "issues": SafeModelMultipleChoiceField,
            "responsible_units": SafeModelMultipleChoiceField,
        }

    def __init__(self, *args, organisation, frameworks, issues, **kwargs):
        super().__init__(*args, **kwargs)
        Unit.offer(
            self.fields["responsible_units"],
            organisation,
            keep=self.instance.responsible_units.all() if self.instance.pk else (),
        )
        self.fields["issues"].queryset = issues
        from assessments.models import Indicator, OITItem, Question

        self.fields["indicators"].queryset = Indicator.objects.filter(framework__in=frameworks)
        self.fields["questions"].queryset = Question.objects.filter(
            framework__in=frameworks
        ).order_by("framework", "indicator__number", "number")
        self.fields["oit_items"].queryset = OITItem.objects.filter(
            framework__in=frameworks
        ).order_by("framework", "number")
        if self.instance.pk:
            # one line per step: a step stored with a list inside reads as one line
            self.stored_steps = [s.text for s in self.instance.steps.all()]
            self.fields["steps"].initial = "\n".join(
                " ".join(plain_text(text).splitlines()) for text in self.stored_steps
            )
        self.fields["version"].initial = shown_version(self.instance)

    def clean_title(self):
        title = clean_text(self.cleaned_data["title"])
        if not title:
            raise ValidationError(_("กรุณาระบุชื่อมาตรการ"))
        return title

    def clean_budget(self):
        budget = self.cleaned_data.get("budget")
        if budget is not None and budget < 0:
            raise ValidationError(_("งบประมาณต้องไม่ติดลบ"))
        return budget

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and start > end:
            self.add_error("end_date", _("กำหนดแล้วเสร็จต้องไม่ก่อนวันเริ่ม"))
        return cleaned

    def step_list(self):
        typed = self.cleaned_data.get("steps", "")
        if getattr(self, "stored_steps", None) and same_text(typed, self.fields["steps"].initial):
            return self.stored_steps  # sent back as shown: the steps as stored
        return [line for line in typed.splitlines() if line.strip()]

    def links(self):
        return {
            name: self.cleaned_data.get(name, [])
            for name in ("issues", "indicators", "questions", "oit_items", "responsible_units")
        }


class DeadlineForm(ThaiErrors, forms.ModelForm):
    due_date = ThaiDateField(label=_("กำหนด"))

    class Meta:
        model = MeasureDeadline
        fields = ["label", "due_date"]


DeadlineFormSet = forms.inlineformset_factory(
    Measure,
    MeasureDeadline,
    form=DeadlineForm,
    formset=ThaiInlineFormSet,
    # a paper report gives a measure several checkpoints: three empty rows each time, so
    # that they are typed in one submission (rows left empty are ignored)
    extra=3,
    can_delete=True,
)


class ProgressRowForm(KeepsStoredText, ThaiErrors, forms.Form):
    """One measure's line on the round screen."""

    measure = forms.IntegerField(widget=forms.HiddenInput)
    version = VersionField()
    status = forms.ChoiceField(label=_("สถานะ"), choices=Status.choices, widget=forms.RadioSelect)
    summary = forms.CharField(
        label=_("สรุปผลการดำเนินการ"), required=False, widget=PlainTextarea(attrs={"rows": 3})
    )
    results = forms.CharField(
        label=_("ผลลัพธ์หรือความสำเร็จ"), required=False, widget=PlainTextarea(attrs={"rows": 2})
    )
    done_text = forms.CharField(label=_("ดำเนินการเมื่อวันที่"), required=False, max_length=200)
    done_on = ThaiDateField(label=_("วันที่แล้วเสร็จ"), required=False)
    suggestions = forms.CharField(
        label=_("ข้อเสนอแนะ/ปัญหาอุปสรรค"), required=False, widget=PlainTextarea(attrs={"rows": 2})
    )
    evidence_file = forms.FileField(label=_("แนบไฟล์หลักฐาน"), required=False)
    evidence_url = forms.URLField(label=_("หรือลิงก์หลักฐาน"), required=False, assume_scheme="https")
    evidence_title = forms.CharField(label=_("ชื่อหลักฐาน"), required=False, max_length=200)

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("status") == Status.DONE
            and not (cleaned.get("summary") or "").strip()
            and not (cleaned.get("results") or "").strip()
        ):
            self.add_error("summary", _("สถานะแล้วเสร็จ กรุณาสรุปผลการดำเนินการ"))
        return cleaned


ProgressFormSet = forms.formset_factory(ProgressRowForm, formset=ThaiFormSet, extra=0)


class RoundForm(ThaiErrors, forms.ModelForm):
    start_date = ThaiDateField(label=_("ตั้งแต่"))
    end_date = ThaiDateField(label=_("ถึง"))
    due_date = ThaiDateField(label=_("กำหนดส่งรายงาน"), required=False)

    class Meta:
        model = ProgressRound
        fields = ["name", "start_date", "end_date", "due_date"]

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("start_date")
            and cleaned.get("end_date")
            and (cleaned["start_date"] > cleaned["end_date"])
        ):
            self.add_error("end_date", _("วันสิ้นสุดต้องไม่ก่อนวันเริ่ม"))
        return cleaned


class ChecklistRowForm(KeepsStoredText, ThaiErrors, forms.ModelForm):
    last_checked = ThaiDateField(label=_("ตรวจสอบล่าสุด"), required=False)
    version = VersionField()

    class Meta:
        field_classes = {"unit": SafeModelChoiceField}
        model = OITChecklistEntry
        fields = ["unit", "status", "components_done", "url", "last_checked", "notes"]
        widgets = {
            "components_done": forms.CheckboxSelectMultiple,
            "notes": PlainTextarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, organisation, keep_units=(), **kwargs):
        super().__init__(*args, **kwargs)
        Unit.offer(self.fields["unit"], organisation, keep=keep_units)
        self.fields["components_done"].queryset = self.instance.item.components.all()
        self.fields["version"].initial = shown_version(self.instance)
