"""Transcribe the demo results, analysis texts, issues and the guideline library from the seeds.

    python scripts/transcribe_demo_results.py ../shared/seeds fixtures

Scores are typed in below exactly as the seeds print them (they are few and the seeds' tables
are irregular); long texts are cut out of the seeds by their position and cleaned of markup.
Writes fixtures/demo/results.json and fixtures/guidelines.json.
"""

import glob
import json
import re
import sys
from pathlib import Path

THAI = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
TAG = re.compile(r"<[^>]+>")


def clean(text):
    text = TAG.sub(" ", text).replace("\u200b", "")
    return re.sub(r"[ \t]+", " ", text).strip().strip('"').strip()


def listify(text):
    """'- a - b' pasted from a table cell -> one item per line."""
    text = clean(text)
    parts = [p.strip() for p in re.split(r"(?:^|\s)-\s+(?=\S)", text) if p.strip()]
    if len(parts) > 1 or text.startswith("-"):
        return "\n".join(f"- {p}" for p in parts)
    return text


def seed(seed_dir, prefix):
    return Path(glob.glob(f"{seed_dir}/{prefix}_*.txt")[0]).read_text(encoding="utf-8")


def hin_lek_fai(seed_dir):
    lines = seed(seed_dir, "001").split("\n")
    iit = dict(
        zip(
            [f"i{n}" for n in range(1, 16)],
            [
                "98.00",
                "96.00",
                "100.00",
                "98.67",
                "97.33",
                "98.67",
                "96.67",
                "100.00",
                "96.67",
                "95.33",
                "96.67",
                "97.33",
                "96.00",
                "98.67",
                "97.33",
            ],
            strict=True,
        )
    )
    eit = {
        "e1": ("88.77", "71.36"),
        "e2": ("90.53", "70.00"),
        "e3": ("96.49", "100.00"),
        "e4": ("88.77", "71.36"),
        "e5": ("90.53", "70.00"),
        "e6": ("96.49", "100.00"),
        "e7": ("89.12", "65.00"),
        "e8": ("87.72", "69.09"),
        "e9": ("88.07", "65.91"),
    }
    items = {f"O{n}": "100.00" for n in range(1, 29)}
    items["O2"] = items["O14"] = "50.00"
    questions = [[c, 0, s] for c, s in iit.items()]
    questions += [[c, p, s] for c, pair in eit.items() for p, s in zip((1, 2), pair, strict=True)]

    # guideline column of the per-indicator tables (continuation rows start with tabs)
    texts, current = {}, None
    for line in lines[236:410]:
        m = re.match(r"^(i|e|๐)([๐-๙]+) .*?\t[^\t]*\t(.*)$", line)
        if m:
            number = int(m.group(2).translate(THAI))
            code = f"{m.group(1)}{number}" if m.group(1) in "ie" else f"O{number}"
            kind = "q" if m.group(1) in "ie" else "o"
            current = f"guideline:{kind}:{code}"
            texts[current] = m.group(3)
        elif current and line.startswith("\t\t") and line.strip() not in ("", "--\t--\t--"):
            texts[current] += " " + line.strip()
        elif not line.strip() or line.startswith("ข้อคำถาม") or line.startswith("การ"):
            current = None if line.startswith("การวิเคราะห์") else current
    texts = {k: listify(v) for k, v in texts.items()}

    # narratives: from "การวิเคราะห์ตัวชี้วัดที่ n" to the next indicator heading
    text = "\n".join(lines)
    for n in range(1, 11):
        thai_n = str(n).translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
        start = text.index(f"การวิเคราะห์ตัวชี้วัดที่ {thai_n} ")
        start = text.index("\n", start)
        ends = [
            text.find(
                f"\nตัวชี้วัดที่ {str(n + 1).translate(str.maketrans('0123456789', '๐๑๒๓๔๕๖๗๘๙'))} ",
                start,
            ),
            text.find("\nการกำหนดวิธีการนำผลการวิเคราะห์", start),
        ]
        end = min(e for e in ends if e > 0)
        paragraphs = [clean(p) for p in text[start:end].split("\n") if clean(p)]
        texts[f"narrative:{n}"] = "\n\n".join(paragraphs)
    texts["summary"] = "\n\n".join(clean(lines[i]) for i in (210, 224, 226))

    suggestions = [
        {
            "tool": "IIT",
            "part": 0,
            "code": "i2",
            "text": clean(lines[164].lstrip("- ").replace("๒ ประเด็น", "ประเด็น", 1))
            + " "
            + clean(lines[166]),
        },
        {"tool": "EIT", "part": 1, "code": "E4", "text": clean(lines[174][2:]).split(" ", 1)[1]},
    ]
    for index in (178, 180, 182, 186, 188, 190, 192):
        body = clean(lines[index][2:])
        code, rest = body.split(" ", 1)
        if index == 182:
            rest += " " + clean(lines[184])
        suggestions.append({"tool": "EIT", "part": 2, "code": code.translate(THAI), "text": rest})
    suggestions[1]["code"] = "E4"
    for s in suggestions:
        s["code"] = s["code"].translate(THAI)
    suggestions.append(
        {
            "tool": "OIT",
            "part": 0,
            "code": "O5",
            "text": clean(lines[198]) + ": " + clean(lines[200][2:]).split(" ", 1)[1],
        }
    )

    issues = []
    mapping = {  # issue number -> (indicators, questions, oit items) it comes from
        1: ([1, 9], ["i1", "i2"], ["O2"]),
        2: ([6, 8], ["e1", "e2", "e9"], []),
        3: ([7], ["e4", "e5", "e6"], []),
        4: ([4], ["i10", "i11", "i12"], []),
        5: ([2], ["i4", "i5", "i6"], []),
        6: ([3], ["i7", "i8", "i9"], ["O14"]),
        7: ([5, 10], ["i13", "i14", "i15"], []),
    }
    for line in lines[415:]:
        m = re.match(r"^ประเด็นที่ ([๐-๙]+) (.+)$", line.strip())
        if m:
            number = int(m.group(1).translate(THAI))
            inds, qs, its = mapping[number]
            issues.append(
                {
                    "number": number,
                    "title": clean(m.group(2)),
                    "indicators": inds,
                    "questions": qs,
                    "oit_items": its,
                }
            )
    return {
        "org": "hin-lek-fai",
        "year": 2568,
        "total": "92.89",
        "tools": [
            ["IIT", 0, "99.25"],
            ["EIT", 1, "95.89"],
            ["EIT", 2, "77.78"],
            ["OIT", 0, "98.75"],
        ],
        "indicators": [
            [1, 0, "98.00"],
            [2, 0, "98.22"],
            [3, 0, "97.78"],
            [4, 0, "96.44"],
            [5, 0, "97.33"],
            [6, 0, "86.19"],
            [6, 1, "91.93"],
            [6, 2, "80.45"],
            [7, 0, "78.10"],
            [7, 1, "89.24"],
            [7, 2, "66.97"],
            [8, 0, "77.49"],
            [8, 1, "88.30"],
            [8, 2, "66.67"],
            [9, 0, "97.25"],
            [10, 0, "100.00"],
        ],
        "questions": questions,
        "items": [[c, s] for c, s in items.items()],
        "suggestions": suggestions,
        "survey": [clean(lines[208].split("\t", 1)[1])],
        "texts": texts,
        "issues": issues,
    }


def guideline_library(seed_dir):
    out = []
    for prefix, source in (
        ("000", "000 อบต.รอบเวียง ปี ๒๕๖๖"),
        ("004", "004 อบต.โพนงาม ปี ๒๕๖๖"),
    ):
        for line in seed(seed_dir, prefix).split("\n"):
            m = re.match(r"^ตัวชี้วัดที่ ([๐-๙]+)[^\t]*\t([^\t]+)\t", line)
            if m:
                out.append(
                    {
                        "indicator_number": int(m.group(1).translate(THAI)),
                        "code": "",
                        "fiscal_year": None,
                        "text": listify(m.group(2)),
                        "source": source,
                    }
                )
    data = hin_lek_fai(seed_dir)
    numbers = {f"i{n}": (n - 1) // 3 + 1 for n in range(1, 16)}
    numbers.update({f"e{n}": (n - 1) // 3 + 6 for n in range(1, 10)})
    numbers.update({f"O{n}": 9 if n <= 20 else 10 for n in range(1, 29)})
    for key, text in data["texts"].items():
        if not key.startswith("guideline:") or text in ("รักษามาตรฐาน", "รักษามาตรฐาน"):
            continue
        code = key.rsplit(":", 1)[1]
        if len(text) < 30:
            continue
        out.append(
            {
                "indicator_number": numbers[code],
                "code": code,
                "fiscal_year": 2568,
                "text": text,
                "source": "001 อบต.หินเหล็กไฟ ปี ๒๕๖๘",
            }
        )
    return out


def main(seed_dir, out_dir):
    demo = {
        "notes": [
            "อบต.หินเหล็กไฟ FY2568 (001): the tool scores are those stated in the text "
            "(IIT ๙๙.๒๕, EIT ส่วนที่ ๑ ๙๕.๘๙, ส่วนที่ ๒ ๗๗.๗๘, OIT ๙๘.๗๕); the tables below them "
            "print other totals (99.00, 88.77, 71.36) and none agrees with the mean of its "
            "questions. The portal keeps the stated figures and flags the differences.",
            "001's EIT tables repeat e1–e3's scores for e4–e6, so indicator 7's stated part "
            "scores (89.24 / 66.97) disagree with its questions (91.93 / 80.45): kept and flagged.",
            "Indicator 9 is ๙๗.๒๕ in 001's ranking table and ๙๗.๕๐ in its narrative; the table's "
            "figure is stored. The ranking table itself is not in score order; the portal ranks.",
            "The indicators and questions each issue to raise comes from are not written in 001; "
            "they are read from the issue titles and the measures listed under them.",
            "อบต.รอบเวียง FY2566 (000): total ๘๗.๗ and the indicator scores printed in its "
            "tables; indicator 3 has no score in 000.",
            "อบต.โพนงาม FY2566 (004): total and tool scores from the memo.",
        ],
        "assessments": [
            hin_lek_fai(seed_dir),
            {
                "org": "rob-wiang",
                "year": 2566,
                "total": "87.70",
                "tools": [],
                "indicators": [
                    [1, 0, "95.17"],
                    [2, 0, "86.48"],
                    [4, 0, "85.74"],
                    [5, 0, "90.35"],
                    [6, 0, "90.24"],
                    [7, 0, "91.75"],
                    [8, 0, "89.74"],
                    [9, 0, "100.00"],
                    [10, 0, "100.00"],
                ],
                "questions": [],
                "items": [],
                "suggestions": [],
                "survey": [],
                "texts": {},
                "issues": [],
            },
            {
                "org": "phon-ngam",
                "year": 2566,
                "total": "76.92",
                "tools": [
                    ["IIT", 0, "74.92"],
                    ["EIT", 1, "77.15"],
                    ["EIT", 2, "74.15"],
                    ["OIT", 0, "79.38"],
                ],
                "indicators": [],
                "questions": [],
                "items": [],
                "suggestions": [],
                "survey": [],
                "texts": {},
                "issues": [],
            },
        ],
    }
    Path(out_dir, "demo", "results.json").write_text(
        json.dumps(demo, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    library = guideline_library(seed_dir)
    Path(out_dir, "guidelines.json").write_text(
        json.dumps({"source": "000, 001, 004", "guidelines": library}, ensure_ascii=False, indent=1)
        + "\n",
        encoding="utf-8",
    )
    print(len(demo["assessments"][0]["texts"]), "texts;", len(library), "guidelines")


if __name__ == "__main__":
    main(*sys.argv[1:3])
