"""Transcribe the ITA frameworks FY2566 and FY2568 from the seed reports into fixtures.

Run once by a developer (the seeds live beside the repository in ../shared/seeds); the
output under fixtures/frameworks/ is committed and is what the portal loads. Where a seed is
inconsistent the fixture stores what is written and says so in its "notes".

    python scripts/transcribe_frameworks.py ../shared/seeds fixtures/frameworks
"""

import glob
import json
import re
import sys
from pathlib import Path

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
TAG = re.compile(r"<[^>]+>")
# A component starts at a leading dash; a dash inside "ชื่อ - นามสกุล", "ถาม - ตอบ" or
# "ยืม - คืน" joins two words, and one before a number ("๑ ต.ค ๖๕ - ๓๑ มี.ค. ๖๖") a range:
# neither splits the text.
JOINED_AFTER_DASH = ("นามสกุล", "ตอบ", "คืน")


def arabic(text):
    return text.translate(THAI_DIGITS)


def clean(text):
    return re.sub(r"\s+", " ", TAG.sub(" ", text)).strip()


def split_components(cell):
    parts = re.split(r"(?:^|\s)-\s*", clean(cell))
    components = []
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if components and (part.startswith(JOINED_AFTER_DASH) or part[0] in "๐๑๒๓๔๕๖๗๘๙0123456789"):
            components[-1] = f"{components[-1]} - {part}"
        else:
            components.append(part)
    return components


def evidence_period(text):
    found = re.findall(r"(?:ปีงบประมาณ|ปี)\s*พ\.ศ\.\s*[๐-๙0-9]{4}", text)
    periods = [clean(f) for f in found]
    months = re.findall(r"[๐-๙0-9]+\s*เดือนแรก[^-]*?ปี พ\.ศ\.\s*[๐-๙]{4}", text)
    if months:
        periods = [clean(m) for m in months]
    first_months = re.findall(r"[๐-๙]+ เดือนแรก \([^)]*\)", text)
    if first_months and not periods:
        periods = [clean(m) for m in first_months]
    return "; ".join(dict.fromkeys(periods))


def fy2566(seed_dir):
    text = Path(glob.glob(f"{seed_dir}/004_*.txt")[0]).read_text()
    sub_titles = {
        "9.1": "ข้อมูลพื้นฐาน",
        "9.2": "การบริหารงานการดำเนินงาน",
        "9.3": "การจัดซื้อจัดจ้าง",
        "9.4": "การบริหารและพัฒนาทรัพยากรบุคคล",
        "9.5": "การส่งเสริมความโปร่งใส",
        "10.1": "การดำเนินการเพื่อป้องกันการทุจริต",
        "10.2": "มาตรการส่งเสริมคุณธรรมและความโปร่งใส",
    }
    oit_part = text[text.index("ประเด็นการประเมิน OIT") : text.index("## บันทึกข้อความ")]
    items, topics = [], {k: [] for k in sub_titles}
    sub, topic = None, ""
    lines = [ln.strip(" *") for ln in oit_part.split("\n")]
    for i, line in enumerate(lines):
        m = re.match(r"ตัวชี้วัดย่อยที่ (\d+\.\d)", line)
        if m:
            sub = m.group(1)
            # a topic heading (หมวด) may follow on the next non-empty line
            nxt = next((x for x in lines[i + 1 :] if x), "")
            if "\t" not in nxt and not nxt.startswith("ตัวชี้วัดย่อย") and nxt != "ดำเนินงาน":
                topic = nxt
                if topic not in topics[sub]:
                    topics[sub].append(topic)
            else:
                topic = ""
            continue
        cells = line.split("\t")
        if len(cells) < 5 or cells[1] == "ข้อมูล" or not cells[1]:
            continue
        code_cell = arabic(cells[0]).strip()
        note = ""
        if code_cell:
            number = int(code_cell)
        else:
            number = items[-1]["number"] + 1
            note = (
                "เอกสาร ๐๐๔ เว้นเลขข้อของแถวนี้ไว้ (หัวตารางเขียนว่า “ชื่อ”) "
                f"ระบบกำหนดเป็น O{number} ตามตำแหน่งระหว่าง O{number - 1} และ O{number + 1}"
            )
        items.append(
            {
                "number": number,
                "code": f"O{number}",
                "name": clean(cells[1]),
                "sub_indicator": sub,
                "topic": topic,
                "components": split_components(cells[2]),
                "evidence_period": evidence_period(cells[2]),
                "note": note,
            }
        )
    assert [it["number"] for it in items] == list(range(1, 44)), [it["number"] for it in items]
    return {
        "fiscal_year": 2566,
        "name": "กรอบการประเมิน ITA ประจำปีงบประมาณ พ.ศ. ๒๕๖๖",
        "source": "เอกสารตัวอย่าง ๐๐๔ (อบต.โพนงาม/โพรงงาม, รายงานผลการดำเนินการ ปี ๒๕๖๖)",
        "notes": [
            "เอกสาร ๐๐๔ ไม่ได้ระบุน้ำหนักคะแนนของเครื่องมือ จึงเว้นว่างไว้",
            "เอกสาร ๐๐๔ ไม่ได้ระบุถ้อยคำของข้อคำถาม i1–i15 และ e1–e9 จึงไม่ได้บันทึกไว้",
            "บันทึกข้อความของ ๐๐๔ รายงาน EIT ส่วนที่ ๑ และส่วนที่ ๒ แยกกัน กรอบปี ๒๕๖๖ ในระบบจึงมี EIT สองส่วน แม้ข้อกำหนดของระบบระบุว่าแยกเป็นสองส่วนตั้งแต่ปี ๒๕๖๘ (ยึดตามเอกสารจริง)",
            "ใน ๐๐๔ ตัวชี้วัดที่ ๔ เขียนว่า “การใช้ทรัพย์สินของทางราชการ” และตัวชี้วัดที่ ๘ เขียนว่า “การปรับปรุงระบบการทำงาน” ส่วนชื่อตัวชี้วัดที่ ๙ และ ๑๐ นำมาจากเอกสาร ๐๐๐ และข้อกำหนดของระบบ เพราะ ๐๐๔ ระบุเพียงชื่อตัวชี้วัดย่อย",
            "ตัวชี้วัดย่อยที่ ๙.๒ เขียนว่า “การบริหารงานการ ดำเนินงาน” (ขึ้นบรรทัดใหม่กลางคำ)",
            "หมวดของตัวชี้วัดย่อยที่ ๙.๔ เขียนว่า “การบริหารทรัพยากร”",
            "ข้อ O41 ไม่มีเลขข้อใน ๐๐๔ (ดูหมายเหตุของข้อ)",
        ],
        "tools": [
            {
                "code": "IIT",
                "name": "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน",
                "weight": None,
                "stated_question_count": None,
                "parts": [],
            },
            {
                "code": "EIT",
                "name": "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก",
                "weight": None,
                "stated_question_count": None,
                "parts": [
                    {"number": 1, "name": "ส่วนที่ ๑ EIT Public", "weight": None},
                    {"number": 2, "name": "ส่วนที่ ๒ EIT Survey", "weight": None},
                ],
            },
            {
                "code": "OIT",
                "name": "แบบตรวจการเปิดเผยข้อมูลสาธารณะ",
                "weight": None,
                "stated_question_count": 43,
                "parts": [],
            },
        ],
        "indicators": [
            {"number": 1, "name": "การปฏิบัติหน้าที่", "tool": "IIT"},
            {"number": 2, "name": "การใช้งบประมาณ", "tool": "IIT"},
            {"number": 3, "name": "การใช้อำนาจ", "tool": "IIT"},
            {"number": 4, "name": "การใช้ทรัพย์สินของทางราชการ", "tool": "IIT"},
            {"number": 5, "name": "การแก้ไขปัญหาการทุจริต", "tool": "IIT"},
            {"number": 6, "name": "คุณภาพการดำเนินงาน", "tool": "EIT"},
            {"number": 7, "name": "ประสิทธิภาพการสื่อสาร", "tool": "EIT"},
            {"number": 8, "name": "การปรับปรุงระบบการทำงาน", "tool": "EIT"},
            {"number": 9, "name": "การเปิดเผยข้อมูล", "tool": "OIT"},
            {"number": 10, "name": "การป้องกันการทุจริต", "tool": "OIT"},
        ],
        "sub_indicators": [
            {
                "code": code,
                "indicator": int(code.split(".")[0]),
                "name": name,
                "topics": topics[code],
                "stated_item_count": None,
            }
            for code, name in sub_titles.items()
        ],
        "questions": [],
        "oit_items": items,
    }


def fy2568(seed_dir):
    lines = Path(glob.glob(f"{seed_dir}/001_*.txt")[0]).read_text().split("\n")
    questions, items = [], []
    for line in lines[230:410]:
        m = re.match(r"^([ie])([๐-๙]+) (.+?)\t", line)
        if m:
            number = int(arabic(m.group(2)))
            tool = "IIT" if m.group(1) == "i" else "EIT"
            indicator = (number - 1) // 3 + (1 if tool == "IIT" else 6)
            questions.append(
                {
                    "code": f"{m.group(1)}{number}",
                    "number": number,
                    "tool": tool,
                    "indicator": indicator,
                    "text": clean(m.group(3)),
                }
            )
            continue
        m = re.match(r"^๐([๐-๙]+) (.+?)\t", line)
        if m:
            number = int(arabic(m.group(1)))
            name = clean(m.group(2)).rstrip("*").strip()
            items.append(
                {
                    "number": number,
                    "code": f"O{number}",
                    "name": name,
                    "components": [],
                    "evidence_period": evidence_period(name),
                    "note": "",
                }
            )
    ranges = {
        "9.1": (1, 4),
        "9.2": (5, 11),
        "9.3": (12, 13),
        "9.4": (14, 16),
        "9.5": (17, 20),
        "10.1": (21, 24),
        "10.2": (25, 28),
    }
    for it in items:
        it["sub_indicator"] = next(k for k, (a, b) in ranges.items() if a <= it["number"] <= b)
        it["topic"] = ""
    items[15]["note"] = (
        "เอกสาร ๐๐๑ พิมพ์หัวข้อ “การจัดซื้อจัดจ้าง” ไว้เหนือ O16 แต่ตามจำนวนข้อในตารางกรอบ"
        "การประเมิน ข้อนี้อยู่ในตัวชี้วัดย่อยที่ ๙.๔ (การขับเคลื่อนจริยธรรม)"
    )
    items[13]["note"] = "เอกสาร ๐๐๑ ทำเครื่องหมาย “*” ไว้ที่ชื่อข้อนี้"
    assert [q["code"] for q in questions] == [f"i{n}" for n in range(1, 16)] + [
        f"e{n}" for n in range(1, 10)
    ], [q["code"] for q in questions]
    assert [it["number"] for it in items] == list(range(1, 29))
    return {
        "fiscal_year": 2568,
        "name": "กรอบการประเมิน ITA ประจำปีงบประมาณ พ.ศ. ๒๕๖๘",
        "source": "เอกสารตัวอย่าง ๐๐๑ (อบต.หินเหล็กไฟ, การวิเคราะห์ผลการประเมิน ITA ปี ๒๕๖๘)",
        "notes": [
            "ตารางกรอบการประเมินใน ๐๐๑ ระบุว่า “OIT รวม ๓๕ ข้อ” แต่แสดงรายการ ๒๘ ข้อ (O1–O28) ระบบเก็บจำนวนที่ระบุไว้กับเครื่องมือ OIT และบันทึกรายการ ๒๘ ข้อที่แสดง",
            "ตารางกรอบการประเมินใน ๐๐๑ แสดงตัวชี้วัดย่อยที่ ๑๐.๒ สองครั้ง ครั้งหนึ่ง ๖ ข้อ อีกครั้ง ๔ ข้อ รายการที่แสดง (O25–O28) มี ๔ ข้อ จึงบันทึก ๔ ข้อ และบันทึกตัวเลข ๖ ไว้เป็นหมายเหตุ",
            "ตัวชี้วัดที่ ๘ ในรายการตัวชี้วัดชื่อ “การปรับปรุงการทำงาน” แต่ในตารางกรอบการประเมินชื่อ “การปรับปรุงระบบการทำงาน” ระบบบันทึกชื่อตามรายการตัวชี้วัด",
            "ถ้อยคำข้อคำถามนำมาจากตารางวิเคราะห์รายตัวชี้วัด (i๑–i๑๕, e๑–e๙) เพราะตารางผลจากระบบ ITAS ช่วงต้นของ ๐๐๑ พิมพ์ถ้อยคำผิดเพี้ยน",
            "ชื่อข้อ OIT นำมาจากตารางวิเคราะห์ตัวชี้วัดที่ ๙ และ ๑๐ เอกสาร ๐๐๑ ไม่ได้แสดงองค์ประกอบด้านข้อมูลของปี ๒๕๖๘ จึงไม่ได้บันทึกไว้",
            "น้ำหนักตามที่ระบุ: IIT ๑๕ ข้อ ๓๐ คะแนน, EIT ๙ ข้อ ส่วนละ ๑๕ คะแนน, OIT ๔๐ คะแนน",
        ],
        "tools": [
            {
                "code": "IIT",
                "name": "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน",
                "weight": "30",
                "stated_question_count": 15,
                "parts": [],
            },
            {
                "code": "EIT",
                "name": "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก",
                "weight": "30",
                "stated_question_count": 9,
                "parts": [
                    {"number": 1, "name": "ส่วนที่ ๑ EIT Public", "weight": "15"},
                    {"number": 2, "name": "ส่วนที่ ๒ EIT Survey", "weight": "15"},
                ],
            },
            {
                "code": "OIT",
                "name": "แบบวัดการเปิดเผยข้อมูลสาธารณะ",
                "weight": "40",
                "stated_question_count": 35,
                "parts": [],
            },
        ],
        "indicators": [
            {"number": 1, "name": "การปฏิบัติหน้าที่", "tool": "IIT"},
            {"number": 2, "name": "การใช้งบประมาณ", "tool": "IIT"},
            {"number": 3, "name": "การใช้อำนาจ", "tool": "IIT"},
            {"number": 4, "name": "การใช้ทรัพย์สินของราชการ", "tool": "IIT"},
            {"number": 5, "name": "การแก้ไขปัญหาการทุจริต", "tool": "IIT"},
            {"number": 6, "name": "คุณภาพการดำเนินงาน", "tool": "EIT"},
            {"number": 7, "name": "ประสิทธิภาพการสื่อสาร", "tool": "EIT"},
            {"number": 8, "name": "การปรับปรุงการทำงาน", "tool": "EIT"},
            {"number": 9, "name": "การเปิดเผยข้อมูล", "tool": "OIT"},
            {"number": 10, "name": "การป้องกันการทุจริต", "tool": "OIT"},
        ],
        "sub_indicators": [
            {
                "code": "9.1",
                "indicator": 9,
                "name": "ข้อมูลพื้นฐาน",
                "topics": ["ข้อมูลพื้นฐาน", "การประชาสัมพันธ์"],
                "stated_item_count": 4,
            },
            {
                "code": "9.2",
                "indicator": 9,
                "name": "การบริหารงานและการใช้จ่ายงบประมาณ",
                "topics": ["แผนการดำเนินงานและงบประมาณ", "การปฏิบัติงานและการให้บริการ"],
                "stated_item_count": 7,
            },
            {
                "code": "9.3",
                "indicator": 9,
                "name": "การจัดซื้อจัดจ้าง",
                "topics": ["การจัดซื้อจัดจ้างหรือการจัดหาพัสดุ"],
                "stated_item_count": 2,
            },
            {
                "code": "9.4",
                "indicator": 9,
                "name": "การบริหารและพัฒนาทรัพยากรบุคคล",
                "topics": [
                    "แผนการบริหารทรัพยากรบุคคล",
                    "การดำเนินการตามแผนการบริหารทรัพยากรบุคคล",
                    "การขับเคลื่อนจริยธรรม",
                ],
                "stated_item_count": 3,
            },
            {
                "code": "9.5",
                "indicator": 9,
                "name": "การส่งเสริมความโปร่งใส",
                "topics": ["การจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", "การเปิดโอกาสให้เกิดการมีส่วนร่วม"],
                "stated_item_count": 4,
            },
            {
                "code": "10.1",
                "indicator": 10,
                "name": "การดำเนินการเพื่อป้องกันการทุจริต ในประเด็นสินบน",
                "topics": ["นโยบาย No Gift policy", "การประเมินความเสี่ยงการทุจริต"],
                "stated_item_count": 4,
            },
            {
                "code": "10.2",
                "indicator": 10,
                "name": "การส่งเสริมคุณธรรมและความโปร่งใส",
                "topics": [
                    "แผนป้องกันการทุจริต",
                    "มาตรการเสริมสร้างมาตรฐานทางจริยธรรม",
                    "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
                ],
                "stated_item_count": 4,
            },
        ],
        "questions": questions,
        "oit_items": items,
    }


def main(seed_dir, out_dir):
    for data in (fy2566(seed_dir), fy2568(seed_dir)):
        path = Path(out_dir) / f"fy{data['fiscal_year']}.json"
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        print(path, len(data["oit_items"]), "OIT items", len(data["questions"]), "questions")


if __name__ == "__main__":
    main(*sys.argv[1:3])
