"""Transcribe the demo measures, their progress and the OIT checklist from the seeds.

python scripts/transcribe_demo_measures.py ../shared/seeds fixtures/demo/measures.json
"""

import glob
import json
import re
import sys
from pathlib import Path

THAI = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
TAG = re.compile(r"<(?!/?(?:p|ul|ol|li)\b)[^>]+>")


def seed(seed_dir, prefix):
    return Path(glob.glob(f"{seed_dir}/{prefix}_*.txt")[0]).read_text(encoding="utf-8")


def clean(text):
    text = re.sub(r"<input[^>]*>", " ", text)
    text = re.sub(r"<(ul|li|ol)[^>]*>", r"<\1>", text)
    return re.sub(r"[ \t]+", " ", TAG.sub(" ", text)).strip()


def plain(text):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).strip()


def steps_of(text):
    """'๑. a ๒. b' -> ['a', 'b']; '<p>๑. a</p><p>๒. b</p>' too; else one step."""
    flat = plain(text)
    parts = re.split(r"(?:^|\s)[๐-๙]{1,2}[.)]\s+", flat)
    head, items = parts[0].strip(), [p.strip() for p in parts[1:] if p.strip()]
    return head, items if items else ([head] if head else [])


def status_of(cell):
    """The status ticked in a seed's progress cell."""
    m = re.search(r'<input checked="" type="checkbox"/>\s*([^<]+?)(?=\s*<input|\s+-|$)', cell)
    label = m.group(1).strip() if m else ""
    if label.startswith("ดำเนินการแล้วเสร็จ") or label == "ดำเนินการ":
        return "done"
    if label.startswith("อยู่ระหว่าง"):
        return "in_progress"
    if label.startswith("ยังไม่ได้"):
        return "not_started"
    return "done"


def progress_text(cell):
    text = re.sub(
        r"<input[^>]*>\s*(ยังไม่ได้ดำเนินการ|ดำเนินการแล้วเสร็จ|อยู่ระหว่างดำเนินการ|ดำเนินการ)", " ", cell
    )
    return clean(text).strip(" -")


def guideline_rows(text, year_text):
    rows = []
    for line in text.split("\n"):
        m = re.match(r"^ตัวชี้วัดที่ ([๐-๙]+)[^\t]*\t", line)
        if not m:
            continue
        cells = line.split("\t")
        number = int(m.group(1).translate(THAI))
        _head, steps = steps_of(cells[1])
        rows.append(
            {
                "kind": "guideline",
                "number": number,
                "indicators": [number],
                "title": f"แนวทางในการยกระดับ {plain(cells[0]).split(' คะแนน')[0]}",
                "steps": steps,
                "responsible": plain(cells[2]),
                "period": plain(cells[3]),
                "progress": {"status": status_of(cells[4]), "summary": progress_text(cells[4])},
            }
        )
    return rows


def rob_wiang(seed_dir):
    text = seed(seed_dir, "000")
    measures = []
    for line in text.split("\n"):
        cells = line.split("\t")
        if len(cells) == 7 and re.match(r"^[๐-๙]+\.?$", cells[0].strip()):
            _head, steps = steps_of(cells[2])
            measures.append(
                {
                    "kind": "measure",
                    "number": int(cells[0].strip(". ").translate(THAI)),
                    "title": plain(cells[1]),
                    "steps": steps,
                    "period": plain(cells[3]),
                    "responsible": plain(cells[4]),
                    "progress": {
                        "status": "done",
                        "summary": clean(cells[5]),
                        "results": clean(cells[6]),
                    },
                }
            )
    return {
        "org": "rob-wiang",
        "year": 2566,
        "measures": measures + guideline_rows(text, "๖๖"),
        "rounds": [{"name": "รอบ ๑๒ เดือน", "state": "draft"}],
        "checklist": [],
    }


def phon_ngam(seed_dir):
    text = seed(seed_dir, "004")
    measures, checklist = [], []
    for line in text.split("\n"):
        cells = line.split("\t")
        if len(cells) == 7 and re.match(r"^[๐-๙]+$", cells[0].strip()):
            number = int(cells[0].translate(THAI))
            rationale, steps = steps_of(cells[2])
            responsible, summary = cells[4], cells[5]
            if number == 2:  # 004 swaps these two columns for measure 2
                responsible, summary = summary, responsible
            measures.append(
                {
                    "kind": "measure",
                    "number": number,
                    "title": plain(cells[1]),
                    "rationale": rationale,
                    "steps": steps,
                    "period": plain(cells[3]),
                    "responsible": plain(responsible),
                    "progress": {
                        "status": "done",
                        "summary": clean(summary),
                        "results": clean(cells[6]),
                    },
                }
            )
        elif (
            len(cells) == 5
            and re.match(r"^(๐[๐-๙]+)?$", cells[0].strip())
            and ("checkbox" in cells[4])
        ):
            checklist.append(
                {
                    "responsible": plain(cells[3]),
                    "status": status_of(cells[4]),
                    "notes": progress_text(cells[4]),
                }
            )
    for number, entry in enumerate(checklist, start=1):
        entry["item"] = f"O{number}"
    return {
        "org": "phon-ngam",
        "year": 2566,
        "measures": measures + guideline_rows(text, "๖๖"),
        "rounds": [
            {
                "name": "รอบ ๑๒ เดือน",
                "state": "approved",
                "published": True,
                "approved_on": "2023-10-16",
                "chain": ["head-phonngam", "palad-phonngam", "mayor-phonngam"],
                "submitted_by": "staff-phonngam",
            }
        ],
        "checklist": checklist,
    }


def hin_lek_fai(seed_dir):
    lines = seed(seed_dir, "001").split("\n")
    measures, issue, number = [], 0, 0
    for line in lines[420:]:
        m = re.match(r"^ประเด็นที่ ([๐-๙]+) ", line)
        if m:
            issue = int(m.group(1).translate(THAI))
            continue
        cells = line.split("\t")
        if len(cells) < 5 or cells[1].startswith("มาตรการ โครงการ"):
            continue
        if not plain(cells[1]) and measures:  # a continuation row of the previous measure
            head, more = steps_of(cells[2])
            if head and re.match(r"^[๐-๙]", plain(cells[2])) is None and measures[-1]["steps"]:
                measures[-1]["steps"][-1] += " " + head  # a step broken across two pages
                more = more if more != [head] else []
            measures[-1]["steps"] += more
            continue
        number += 1
        title = re.sub(r"^[๐-๙]+\.\s*", "", plain(cells[1]))
        kind = (
            "project"
            if title.startswith("โครงการ")
            else ("activity" if title.startswith("กิจกรรม") else "measure")
        )
        _h, steps = steps_of(cells[2])
        measures.append(
            {
                "kind": kind,
                "number": number,
                "title": title,
                "steps": steps,
                "period": plain(cells[3]),
                "responsible": plain(cells[4]),
                "issue": issue,
                "issue_row": plain(cells[0]),
            }
        )
    return {
        "org": "hin-lek-fai",
        "year": 2569,
        "issue_year": 2568,
        "measures": measures,
        "rounds": [{"name": "รอบ ๖ เดือน"}, {"name": "รอบ ๑๒ เดือน"}],
        "checklist": [],
    }


def main(seed_dir, out):
    data = {
        "notes": [
            "004: the columns ผู้รับผิดชอบ and สรุปผลการดำเนินการ are swapped in measure 2; "
            "they are put back. The progress box 'ดำเนินการ' of the 12-month report is read as "
            "ดำเนินการแล้วเสร็จ.",
            "004's round is approved through the memo's chain (หัวหน้าสำนักปลัด → ปลัด → นายก) on "
            "the memo's date, ๑๖ ตุลาคม ๒๕๖๖; the memo's comment lines are empty, so are the "
            "comments.",
            "000's measures have no status boxes but a summary and results: read as done. Its "
            "per-indicator rows keep the boxes the seed ticked.",
            "001's FY2569 measures: most periods are written '๑ ตุลาคม ๒๕๖๗ - ๓๐ กันยายน ๒๕๖๘' "
            "(FY2568), copied from the year before. Stored as written; the portal marks them as "
            "outside their fiscal year.",
        ],
        "years": [rob_wiang(seed_dir), phon_ngam(seed_dir), hin_lek_fai(seed_dir)],
    }
    Path(out).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for y in data["years"]:
        print(y["org"], len(y["measures"]), "measures", len(y["checklist"]), "checklist")


if __name__ == "__main__":
    main(*sys.argv[1:3])
