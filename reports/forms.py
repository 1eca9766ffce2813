"""The settings form of a round's document (measures.layouts): what it prints and how."""

from django import forms
from django.core.exceptions import ValidationError

from kernel.forms import ThaiErrors, ThaiIntegerField
from kernel.thai import digits
from measures.layouts import (
    OPENING_MAX,
    TITLE_MAX,
    GroupOrder,
    MemoKind,
    ProgressShown,
    ResponsibleShown,
)

ORGANISATION, ROUND = "organisation", "round"
# The settings each document takes, beside its title and opening paragraph.
FIELDS = {
    "r1": ("progress", "responsible", "group_order", "columns"),
    "r3": ("progress", "responsible", "columns"),
    "r4": (
        "progress",
        "responsible",
        "measure_title",
        "deadlines",
        "grouped",
        "group_order",
        "columns",
    ),
    "r5": ("memo",),
}
# The settings a document may lack (its title and opening it always has).
OPTIONAL = (
    "memo",
    "progress",
    "responsible",
    "measure_title",
    "deadlines",
    "grouped",
    "group_order",
)


class LayoutForm(ThaiErrors, forms.Form):
    scope = forms.ChoiceField(label="ใช้การตั้งค่านี้กับ", widget=forms.RadioSelect)
    title = forms.CharField(
        label="ชื่อเอกสาร",
        max_length=TITLE_MAX,
        required=False,
        help_text="เว้นว่างเพื่อใช้ชื่อมาตรฐาน ปีงบประมาณและรอบพิมพ์ต่อท้ายให้เอง",
    )
    opening = forms.CharField(
        label="ย่อหน้าเปิดเรื่อง",
        max_length=OPENING_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=(
            "ระบบร่างจากข้อมูลให้ แก้ไขได้ตามต้องการ แต่ละบรรทัดพิมพ์เป็นหนึ่งย่อหน้า "
            "ลบข้อความทั้งหมดหากไม่ต้องการย่อหน้านี้"
        ),
    )
    memo = forms.ChoiceField(
        label="บันทึกข้อความฉบับนี้เป็น", choices=MemoKind.choices, widget=forms.RadioSelect
    )
    progress = forms.ChoiceField(
        label="การแสดงสถานะการดำเนินการ",
        choices=ProgressShown.choices,
        widget=forms.RadioSelect,
    )
    responsible = forms.ChoiceField(
        label="ช่องผู้รับผิดชอบแสดง", choices=ResponsibleShown.choices, widget=forms.RadioSelect
    )
    measure_title = forms.BooleanField(label="พิมพ์ชื่อมาตรการเหนือขั้นตอนการดำเนินการ", required=False)
    deadlines = forms.BooleanField(
        label="พิมพ์กำหนดเวลาแล้วเสร็จในช่องการรายงานผลและการกำกับติดตาม", required=False
    )
    grouped = forms.BooleanField(label="จัดกลุ่มตามเครื่องมือและตัวชี้วัด (มีหัวข้อกลุ่ม)", required=False)
    group_order = forms.ChoiceField(
        label="ลำดับของกลุ่ม", choices=GroupOrder.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, code, columns, round_label, **kwargs):
        super().__init__(*args, **kwargs)
        self.code = code
        self.columns = columns
        self.fields["scope"].choices = [
            (ORGANISATION, "ทุกปีและทุกรอบของหน่วยงาน (เป็นค่าตั้งต้น จำไว้ใช้ปีต่อไป)"),
            (ROUND, f"{round_label} นี้เท่านั้น"),
        ]
        wanted = FIELDS[code]
        for name in OPTIONAL:
            if name not in wanted:
                del self.fields[name]
        if code == "r5":  # a memo: its title is the เรื่อง, its opening the body
            self.fields["title"].label = "เรื่อง"
            self.fields["title"].help_text = "เว้นว่างเพื่อใช้เรื่องตามชนิดของบันทึกข้อความ"
            self.fields["opening"].label = "เนื้อความ"
            self.fields["opening"].help_text = (
                "ระบบร่างจากข้อมูลให้ตามชนิดของบันทึก แก้ไขได้ แต่ละบรรทัดพิมพ์เป็นหนึ่งย่อหน้า "
                "รายการคะแนนหรือมาตรการและคำลงท้ายพิมพ์ต่อจากเนื้อความให้เอง"
            )
            self.fields["opening"].widget.attrs["rows"] = 10
        self.column_fields = []
        for index, column in enumerate(columns, start=1):
            name = f"column_{column.key}"
            bounds = f"ลำดับคอลัมน์ต้องเป็นเลข {digits(1)} ถึง {digits(len(columns))}"
            self.fields[name] = ThaiIntegerField(
                label=column.heading,
                required=False,
                min_value=1,
                max_value=len(columns),
                error_messages={"min_value": bounds, "max_value": bounds},
                help_text=f"ตามปกติเป็นคอลัมน์ที่ {digits(index)}",
            )
            self.column_fields.append(name)

    def column_bound_fields(self):
        return [self[name] for name in self.column_fields]

    def clean(self):
        data = super().clean()
        chosen = [
            (data.get(f"column_{c.key}"), c)
            for c in self.columns
            if data.get(f"column_{c.key}") is not None
        ]
        if self.column_fields and not chosen and not self.errors:
            raise ValidationError("เลือกพิมพ์อย่างน้อยหนึ่งคอลัมน์ (ใส่ลำดับที่หน้าคอลัมน์)")
        orders = [n for n, _c in chosen]
        if len(set(orders)) != len(orders):
            raise ValidationError("ลำดับคอลัมน์ซ้ำกัน ใส่ลำดับที่ไม่ซ้ำกันให้แต่ละคอลัมน์ที่พิมพ์")
        data["columns"] = [c.key for _n, c in sorted(chosen, key=lambda x: x[0])]
        return data

    def options(self) -> dict:
        """The settings as measures.layouts keeps them."""
        data = self.cleaned_data
        options = {"title": data["title"].strip()}
        for name in OPTIONAL:
            if name in self.fields:
                options[name] = data[name]
        keys = data["columns"]
        options["columns"] = None if keys == [c.key for c in self.columns] else keys
        return options

    @staticmethod
    def initial_for(layout: dict, columns, *, opening: str, scope: str) -> dict:
        """The form's values from settings as ``settings_of`` gives them."""
        keys = layout["columns"] or [c.key for c in columns]
        initial = {
            **{k: v for k, v in layout.items() if k not in ("columns", "opening")},
            "opening": opening,
            "scope": scope,
        }
        for c in columns:
            initial[f"column_{c.key}"] = keys.index(c.key) + 1 if c.key in keys else None
        return initial
