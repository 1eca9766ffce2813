from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kernel.forms import DigitsInput, ThaiErrors, ThaiFormSet, ThaiIntegerField
from kernel.thai import BE_RANGE, clean_text, thai_digits, whole_number

from .levels import parse_score
from .models import Framework, Guideline, ImprovementIssue, Indicator, Part
from .results import ResultsData


class FiscalYearField(forms.CharField):
    """A fiscal year typed in BE (Thai or Arabic digits); a CE year is refused, not converted,
    because a fiscal year is always spoken of in BE."""

    def clean(self, value):
        year = whole_number(super().clean(value) or "", width=4)
        if year is None:
            raise ValidationError(_("กรุณาพิมพ์ปีงบประมาณเป็นปี พ.ศ. ๔ หลัก เช่น ๒๕๖๙"))
        if not BE_RANGE[0] <= year <= BE_RANGE[1]:
            raise ValidationError(
                _("ปี %(year)s ไม่ใช่ปี พ.ศ. ที่เป็นไปได้ (ปีงบประมาณพิมพ์เป็น พ.ศ. เช่น ๒๕๖๙)")
                % {"year": thai_digits(year)}
            )
        return year


class FrameworkCloneForm(ThaiErrors, forms.Form):
    fiscal_year = FiscalYearField(label=_("ปีงบประมาณใหม่ (พ.ศ.)"))

    def clean_fiscal_year(self):
        year = self.cleaned_data["fiscal_year"]
        if Framework.objects.filter(fiscal_year=year).exists():
            raise ValidationError(_("มีกรอบการประเมินปี %(year)s อยู่แล้ว") % {"year": thai_digits(year)})
        return year


class ScoreField(forms.CharField):
    """A score typed by a person: blank (not recorded) or 0–100 with at most two decimals,
    Thai or Arabic digits. Errors name the row."""

    def __init__(self, *, row_label, **kwargs):
        self.row_label = row_label
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "widget", DigitsInput(attrs={"inputmode": "decimal", "size": 6, "class": "score"})
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        return parse_score(value, field=self.row_label)


def score_key(kind, code, part=0):
    return f"{kind}__{code}__{part}"


class ResultsForm(ThaiErrors, forms.Form):
    """Every official figure of one assessment on one page, laid out like the ITAS tables."""

    def __init__(self, *args, sheet, **kwargs):
        super().__init__(*args, **kwargs)
        self.sheet = sheet
        self.fields["total"] = ScoreField(row_label=_("คะแนนรวม"), label=_("คะแนนรวม"))
        for tool in sheet.tools:
            for part in sheet.parts_of(tool):
                label = tool.code if part == Part.WHOLE else f"{tool.code} {Part(part).label}"
                self.fields[score_key("tool", tool.code, part)] = ScoreField(
                    row_label=label, label=label
                )
        for indicator in sheet.indicators:
            parts = sheet.parts_of(sheet.tool_of(indicator))
            for part in ([Part.WHOLE] + parts) if parts != [Part.WHOLE] else parts:
                label = f"ตัวชี้วัดที่ {thai_digits(indicator.number)}"
                if part != Part.WHOLE:
                    label += f" {Part(part).label}"
                self.fields[score_key("ind", indicator.number, part)] = ScoreField(
                    row_label=label, label=label
                )
        for question in sheet.questions:
            parts = sheet.parts_of(sheet.tool_of_question(question))
            for part in parts:
                label = f"ข้อ {question.code}"
                if part != Part.WHOLE:
                    label += f" {Part(part).label}"
                self.fields[score_key("q", question.code, part)] = ScoreField(
                    row_label=label, label=label
                )
        for item in sheet.items:
            self.fields[score_key("item", item.code)] = ScoreField(
                row_label=f"ข้อ {item.code}", label=item.code
            )
        self.fields["survey"] = forms.CharField(
            label=_("ข้อเสนอแนะจาก EIT Survey (บรรทัดละหนึ่งข้อ)"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 4}),
        )

    @staticmethod
    def initial_from(sheet):
        a = sheet.assessment
        initial = {"total": a.total_score, "survey": "\n".join(a.survey_suggestions)}
        tools = {t.pk: t for t in sheet.tools}
        indicators = {i.pk: i for i in sheet.indicators}
        questions = {q.pk: q for q in sheet.questions}
        items = {i.pk: i for i in sheet.items}
        for (tid, part), s in sheet.tool_scores.items():
            initial[score_key("tool", tools[tid].code, part)] = s
        for (iid, part), s in sheet.indicator_scores.items():
            initial[score_key("ind", indicators[iid].number, part)] = s
        for (qid, part), s in sheet.question_scores.items():
            initial[score_key("q", questions[qid].code, part)] = s
        for iid, s in sheet.item_scores.items():
            initial[score_key("item", items[iid].code)] = s
        return initial

    def results_data(self, suggestions):
        data = ResultsData(total=self.cleaned_data.get("total"))
        for name, value in self.cleaned_data.items():
            if value is None or "__" not in name:
                continue
            kind, code, part = name.split("__")
            part = int(part)
            if kind == "tool":
                data.tools[(code, part)] = value
            elif kind == "ind":
                data.indicators[(int(code), part)] = value
            elif kind == "q":
                data.questions[(code, part)] = value
            elif kind == "item":
                data.items[code] = value
        data.survey = [
            line for line in (self.cleaned_data.get("survey") or "").splitlines() if line.strip()
        ]
        data.suggestions = suggestions
        return data


def _either(words) -> str:
    """``EIT, OIT หรือ IIT``."""
    words = list(words)
    return " หรือ ".join([", ".join(words[:-1]), words[-1]] if len(words) > 1 else words)


class AssessorSuggestionForm(ThaiErrors, forms.Form):
    """One row of ข้อเสนอแนะจากผู้ตรวจ, about one tool of the assessment's framework (offered in
    the framework's order). A blank row is ignored even though its selects post their first
    choice (the first tool, ทั้งหมด): only typing makes it a row to check and save."""

    tool = forms.ChoiceField(label=_("เครื่องมือ"))
    part = forms.TypedChoiceField(
        label=_("ส่วน"),
        coerce=int,
        choices=Part.choices,
        initial=Part.WHOLE,
        error_messages={"invalid_choice": _("เลือกส่วนจากรายการ")},
    )
    code = forms.CharField(label=_("ข้อ"), required=False, max_length=10)
    text = forms.CharField(
        label=_("ข้อเสนอแนะ"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("กรุณาพิมพ์ข้อเสนอแนะ หรือทำเครื่องหมาย “ลบ” ที่แถวนี้")},
    )

    def __init__(self, *args, framework, **kwargs):
        super().__init__(*args, **kwargs)
        codes = list(framework.tools.order_by("order").values_list("code", flat=True))
        tool = self.fields["tool"]
        tool.choices = [(code, code) for code in codes]
        tool.initial = codes[0] if codes else None
        tool.error_messages["invalid_choice"] = f"เลือกเครื่องมือ {_either(codes)} จากรายการ"

    def has_changed(self):
        # Asked of the formset's extra rows only: is anything typed in this row?
        return any(str(self[name].data or "").strip() for name in ("code", "text"))

    def clean_code(self):
        return clean_text(self.cleaned_data.get("code", ""))


AssessorSuggestionFormSet = forms.formset_factory(
    AssessorSuggestionForm, formset=ThaiFormSet, extra=2, can_delete=True
)


class ImprovementIssueForm(ThaiErrors, forms.ModelForm):
    class Meta:
        model = ImprovementIssue
        fields = ["number", "title", "description", "indicators", "questions", "oit_items"]
        widgets = {
            "indicators": forms.CheckboxSelectMultiple,
            "questions": forms.CheckboxSelectMultiple,
            "oit_items": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {"title": {"required": _("กรุณาระบุชื่อประเด็น")}}
        field_classes = {"number": ThaiIntegerField}

    def __init__(self, *args, framework, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicators"].queryset = framework.indicators.all()
        self.fields["questions"].queryset = framework.questions.order_by(
            "indicator__number", "number"
        )
        self.fields["oit_items"].queryset = framework.oit_items.order_by("number")

    def clean_number(self):
        # the assessment is not a field of the form, so its uniqueness is checked here
        number = self.cleaned_data["number"]
        taken = ImprovementIssue.objects.filter(
            assessment=self.instance.assessment, number=number
        ).exclude(pk=self.instance.pk)
        if taken.exists():
            raise ValidationError(_("มีประเด็นหมายเลขนี้แล้ว"))
        return number

    def clean_title(self):
        title = clean_text(self.cleaned_data["title"])
        if not title:
            raise ValidationError(_("กรุณาระบุชื่อประเด็น"))
        return title

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("indicators") or cleaned.get("questions") or cleaned.get("oit_items")):
            raise ValidationError(
                _("กรุณาเลือกตัวชี้วัด ข้อคำถาม หรือข้อ OIT ที่ประเด็นนี้มาจากอย่างน้อยหนึ่งรายการ")
            )
        return cleaned


class GuidelineForm(ThaiErrors, forms.ModelForm):
    class Meta:
        model = Guideline
        fields = ["indicator_number", "code", "fiscal_year", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def clean_fiscal_year(self):
        year = self.cleaned_data.get("fiscal_year")
        if year is not None and not BE_RANGE[0] <= year <= BE_RANGE[1]:
            raise ValidationError(_("ปีงบประมาณต้องเป็นปี พ.ศ. เช่น ๒๕๖๘"))
        return year

    def clean_code(self):
        return clean_text(self.cleaned_data.get("code", ""))

    def clean_text(self):
        text = clean_text(self.cleaned_data["text"], multiline=True)
        if not text:
            raise ValidationError(_("กรุณาระบุแนวทาง"))
        return text

    def clean(self):
        """The indicator must be one of the chosen year's framework (of any framework when no
        year is chosen): frameworks number their indicators as they please."""
        cleaned = super().clean()
        number, year = cleaned.get("indicator_number"), cleaned.get("fiscal_year")
        if number is None or "fiscal_year" in self.errors:
            return cleaned
        indicators = Indicator.objects.all()
        if year is not None:
            if not Framework.objects.filter(fiscal_year=year).exists():
                self.add_error("fiscal_year", _missing_framework(year))
                return cleaned
            indicators = indicators.filter(framework__fiscal_year=year)
        allowed = sorted(set(indicators.values_list("number", flat=True)))
        if number not in allowed:
            where = f"ปี {thai_digits(year)}" if year is not None else "ปีใด"
            self.add_error(
                "indicator_number",
                f"ตัวชี้วัดที่ {thai_digits(number)} ไม่มีในกรอบการประเมิน{where} "
                f"ใช้ได้เฉพาะตัวชี้วัดที่ {', '.join(thai_digits(n) for n in allowed) or '—'}",
            )
        return cleaned


def _missing_framework(year) -> str:
    years = Framework.objects.order_by("fiscal_year").values_list("fiscal_year", flat=True)
    known = ", ".join(thai_digits(y) for y in years) or "—"
    return f"ยังไม่มีกรอบการประเมินปี {thai_digits(year)} (มีปี {known}) เว้นว่างไว้หากแนวทางนี้ใช้ได้ทุกปี"
