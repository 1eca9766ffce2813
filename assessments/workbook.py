"""The results workbook: a template with a sheet per tool, and reading it back.

Reading never saves: it returns the results it found, a preview row for every row it read, and
every error with sheet, row and column named in Thai. Nothing is imported unless there are no
errors and a person confirms.
"""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from kernel.thai import clean_text, thai_digits, whole_number
from kernel.xlsx import (
    RESULTS_SHEET,
    new_workbook,
    read_uploaded_workbook,
    workbook_bytes,
    write_sheet,
)

from .levels import parse_score
from .models import Part
from .results import ResultsData

SUMMARY = "สรุป"
SUGGESTIONS = "ข้อเสนอแนะผู้ตรวจ"
SURVEY = "EIT Survey"
TOTAL_CODE = "TOTAL"


def _part_label(part):
    return Part(part).label


def _tool_key(code, part):
    return code if part == Part.WHOLE else f"{code}-{part}"


def _columns(sheet, tool):
    """Score columns of a tool's sheet: [(header, part)]."""
    parts = sheet.parts_of(tool)
    if parts == [Part.WHOLE]:
        return [("คะแนน", Part.WHOLE)]
    return [(f"คะแนน {_part_label(p)}", p) for p in parts] + [("คะแนนภาพรวม", Part.WHOLE)]


def results_template(sheet) -> bytes:
    """The workbook to fill in, pre-filled with what is recorded already."""
    a = sheet.assessment
    wb = new_workbook()
    rows = [[TOTAL_CODE, "คะแนนรวม", a.total_score]]
    for tool in sheet.tools:
        for part in sheet.parts_of(tool):
            label = tool.name if part == Part.WHOLE else f"{tool.name} {_part_label(part)}"
            rows.append([_tool_key(tool.code, part), label, sheet.tool_scores.get((tool.pk, part))])
    write_sheet(wb, SUMMARY, ["รหัส", "รายการ", "คะแนน"], rows, [12, 60, 12])
    for tool in sheet.tools:
        columns = _columns(sheet, tool)
        rows = []
        for indicator in [i for i in sheet.indicators if i.tool_id == tool.pk]:
            rows.append(
                [f"IND{indicator.number}", str(indicator)]
                + [sheet.indicator_scores.get((indicator.pk, p)) for _h, p in columns]
            )
            if tool.code == "OIT":
                for item in sheet.items_of(indicator):
                    rows.append([item.code, item.name, sheet.item_scores.get(item.pk)])
            for question in sheet.questions_of(indicator):
                rows.append(
                    [question.code, question.text]
                    + [
                        sheet.question_scores.get((question.pk, p))
                        if p != Part.WHOLE or len(columns) == 1
                        else None
                        for _h, p in columns
                    ]
                )
        write_sheet(
            wb,
            tool.code,
            ["รหัส", "รายการ"] + [h for h, _p in columns],
            rows,
            [10, 70] + [14] * len(columns),
        )
    write_sheet(
        wb,
        SUGGESTIONS,
        ["เครื่องมือ", "ส่วนที่ (0 = ทั้งหมด)", "ข้อ", "ข้อเสนอแนะ"],
        [
            [s.tool.code, s.part, s.code, s.text]
            for s in (a.assessor_suggestions.select_related("tool") if a.pk else [])
        ],
        [12, 12, 10, 90],
    )
    write_sheet(
        wb,
        SURVEY,
        ["ลำดับ", "ข้อเสนอแนะ"],
        [[i, t] for i, t in enumerate(a.survey_suggestions, start=1)],
        [8, 90],
    )
    return workbook_bytes(wb)


@dataclass
class ReadResult:
    data: ResultsData = field(default_factory=ResultsData)
    rows: list = field(default_factory=list)  # preview: sheet, row, code, label, values, error
    errors: list = field(default_factory=list)

    def error(self, sheet, row, column, message):
        where = f"ชีต “{sheet}”"
        if row:
            where += f" แถว {thai_digits(row)}"
        if column:
            where += f" คอลัมน์ {column}"
        text = f"{where}: {message}"
        self.errors.append(text)
        return text


def _cell_score(result, sheet_name, cell, label):
    """The score in a cell, None when blank, or an error recorded against it."""
    column = cell.column_letter
    if cell.formula:
        result.error(sheet_name, cell.row, column, cell.formula_error)
        return None, True
    if cell.value is None or (isinstance(cell.value, str) and not cell.value.strip()):
        return None, False
    try:
        return parse_score(cell.value, field=label), False
    except ValidationError as error:
        result.error(sheet_name, cell.row, column, error.messages[0])
        return None, True


def read_results_workbook(upload, sheet) -> ReadResult:
    result = ReadResult()
    fy = thai_digits(sheet.framework.fiscal_year)
    required = [SUMMARY] + [t.code for t in sheet.tools]
    try:
        wb = read_uploaded_workbook(
            upload, limit=RESULTS_SHEET, sheets=required + [SUGGESTIONS, SURVEY]
        )
    except ValidationError as error:
        result.errors.extend(error.messages)
        return result
    missing = [name for name in required if name not in wb.sheetnames]
    for name in missing:
        result.error(name, None, None, f"ไม่พบชีตนี้ในไฟล์ (ต้องมีชีต {', '.join(required)})")
    if missing:
        return result

    tools = {t.code: t for t in sheet.tools}
    # summary
    seen = set()
    for row in wb.sheets[SUMMARY][1:]:
        code = clean_text(row[0].value or "") if row else ""
        if not code:
            continue
        label = clean_text(row[1].value or "") if len(row) > 1 else ""
        preview = {
            "sheet": SUMMARY,
            "row": row[0].row,
            "code": code,
            "label": label,
            "values": [],
            "error": "",
        }
        result.rows.append(preview)
        if code in seen:
            preview["error"] = result.error(SUMMARY, row[0].row, "A", f"รหัส “{code}” ซ้ำ")
            continue
        seen.add(code)
        if len(row) < 3:
            continue
        score, bad = _cell_score(result, SUMMARY, row[2], f"คะแนน {code}")
        preview["values"] = [score]
        if bad:
            preview["error"] = result.errors[-1]
        if score is None:
            continue
        if code.upper() == TOTAL_CODE:
            result.data.total = score
            continue
        tool_code, _, part_text = code.upper().partition("-")
        tool = tools.get(tool_code)
        number = whole_number(part_text) if part_text else Part.WHOLE
        part = -1 if number is None else number
        if tool is None or part not in sheet.parts_of(tool):
            preview["error"] = result.error(
                SUMMARY, row[0].row, "A", f"ไม่มีเครื่องมือ “{code}” ในกรอบการประเมินปี {fy}"
            )
            continue
        result.data.tools[(tool.code, part)] = score

    # one sheet per tool
    indicators = {i.number: i for i in sheet.indicators}
    questions = {q.code: q for q in sheet.questions}
    items = {i.code.upper(): i for i in sheet.items}
    for tool in sheet.tools:
        columns = _columns(sheet, tool)
        seen = set()
        for row in wb.sheets[tool.code][1:]:
            raw = clean_text(row[0].value or "") if row else ""
            if not raw:
                continue
            code = raw.lower() if re.fullmatch(r"[ie][0-9]+", raw, re.IGNORECASE) else raw.upper()
            r = row[0].row
            label = clean_text(row[1].value or "") if len(row) > 1 else ""
            preview = {
                "sheet": tool.code,
                "row": r,
                "code": raw,
                "label": label,
                "values": [],
                "error": "",
            }
            result.rows.append(preview)
            errors_before = len(result.errors)
            if code in seen:
                result.error(tool.code, r, "A", f"รหัส “{raw}” ซ้ำ")
            seen.add(code)
            target = None
            number = whole_number(code[3:]) if code.startswith("IND") else None
            if number is not None:
                indicator = indicators.get(number)
                if indicator is None or indicator.tool_id != tool.pk:
                    result.error(
                        tool.code, r, "A", f"ไม่มีตัวชี้วัด “{raw}” ในเครื่องมือ {tool.code} ปี {fy}"
                    )
                else:
                    target = ("ind", indicator.number)
            elif code in questions and sheet.tool_of_question(questions[code]).pk == tool.pk:
                target = ("q", code)
            elif code in items and tool.code == "OIT":
                target = ("item", items[code].code)
            else:
                result.error(
                    tool.code, r, "A", f"ไม่มีข้อ “{raw}” ในเครื่องมือ {tool.code} ของกรอบการประเมินปี {fy}"
                )
            for offset, (header, part) in enumerate(columns, start=2):
                cell = row[offset] if len(row) > offset else None
                if cell is None:
                    preview["values"].append(None)
                    continue
                score, _bad = _cell_score(result, tool.code, cell, f"{raw} {header}")
                preview["values"].append(score)
                if score is None or target is None:
                    continue
                kind, key = target
                if kind == "ind":
                    result.data.indicators[(key, part)] = score
                elif kind == "q":
                    if part == Part.WHOLE and len(columns) > 1:
                        result.error(
                            tool.code,
                            r,
                            cell.column_letter,
                            "ข้อคำถามของ EIT มีคะแนนแยกส่วนที่ ๑ และ ๒ เท่านั้น",
                        )
                        continue
                    result.data.questions[(key, part)] = score
                elif part == Part.WHOLE:
                    result.data.items[key] = score
            if len(result.errors) > errors_before:
                preview["error"] = " · ".join(result.errors[errors_before:])

    if SUGGESTIONS in wb.sheetnames:
        for row in wb.sheets[SUGGESTIONS][1:]:
            values = [c.value for c in row[:4]] + [None] * (4 - len(row[:4]))
            tool_code, part, code, text = values
            if not any(values):
                continue
            r = row[0].row
            preview = {
                "sheet": SUGGESTIONS,
                "row": r,
                "code": clean_text(str(code or "")),
                "label": clean_text(str(text or ""))[:120],
                "values": [],
                "error": "",
            }
            result.rows.append(preview)
            tool_code = clean_text(str(tool_code or "")).upper()
            if tool_code not in tools:
                preview["error"] = result.error(SUGGESTIONS, r, "A", f"ไม่มีเครื่องมือ “{tool_code}”")
                continue
            part_text = clean_text(str(part if part is not None else "0"))
            part_number = whole_number(part_text)
            if part_number is None or part_number not in (
                [Part.WHOLE] + sheet.parts_of(tools[tool_code])
            ):
                preview["error"] = result.error(SUGGESTIONS, r, "B", f"ส่วนที่ “{part_text}” ไม่ถูกต้อง")
                continue
            if not clean_text(str(text or "")):
                preview["error"] = result.error(SUGGESTIONS, r, "D", "กรุณาระบุข้อเสนอแนะ")
                continue
            result.data.suggestions.append(
                {
                    "tool": tool_code,
                    "part": part_number,
                    "code": clean_text(str(code or "")),
                    "text": clean_text(str(text), multiline=True),
                }
            )
    if SURVEY in wb.sheetnames:
        for row in wb.sheets[SURVEY][1:]:
            text = row[1].value if len(row) > 1 else None
            if text and clean_text(str(text)):
                result.data.survey.append(clean_text(str(text)))
                result.rows.append(
                    {
                        "sheet": SURVEY,
                        "row": row[0].row,
                        "code": "",
                        "label": clean_text(str(text))[:120],
                        "values": [],
                        "error": "",
                    }
                )
    return result
