"""A national operator brings organisations (and supervisors) in from a sheet.

The sheet is an Excel workbook (read by the one bounded reader, kernel.xlsx) or a CSV file
(UTF-8, as Excel saves "CSV UTF-8"). Each table is recognised by its header row:
* organisations — รหัสหน่วยงาน, ประเภท, ชื่อหน่วยงาน, ชื่อย่อ, อำเภอ, จังหวัด, เว็บไซต์,
  ลิงก์แบบวัด EIT, อีเมลผู้ดูแลระบบของหน่วยงาน;
* supervisors — อีเมล, ชื่อ-นามสกุล, ชื่อการกำกับดูแล, จังหวัด, อำเภอ.

Every row is checked and shown (``preview``): what it adds, what it changes, and each error
with its sheet, row and column in Thai. A file with any error changes nothing. A clean file is
applied on confirmation, all or nothing (``apply``): organisations are matched by code, so a
re-import updates and never duplicates; a first administrator's e-mail becomes an account
(named by the address) with the organisation-administrator role, and invitations go out in
the background once the transaction commits.
"""

import csv
import datetime
import functools
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled
from simple_history.utils import bulk_create_with_history

from ita_portal.celery import queue
from kernel.thai import clean_text, thai_digits
from kernel.xlsx import SheetLimit, read_uploaded_workbook

from .models import (
    Invitation,
    Membership,
    Organisation,
    OrganisationImport,
    Supervision,
    User,
    code_validator,
)

# 7,800 organisations with room to spare; a national sheet has about 9 columns.
ORGANISATION_SHEET = SheetLimit(rows=12_000, columns=20)
# a confirmed sheet of at most this many rows is written in the request (well under a second,
# scripts/bench_org_import.py); a longer one by a worker, so that no request holds the
# database's write lock for seconds
INLINE_ROWS = 300
MAX_CSV_BYTES = 5 * 1024 * 1024

KINDS = {
    "อบต.": Organisation.Kind.SAO,
    "อบต": Organisation.Kind.SAO,
    "องค์การบริหารส่วนตำบล": Organisation.Kind.SAO,
    "เทศบาล": Organisation.Kind.MUNICIPALITY,
    "เทศบาลตำบล": Organisation.Kind.MUNICIPALITY,
    "เทศบาลเมือง": Organisation.Kind.MUNICIPALITY,
    "เทศบาลนคร": Organisation.Kind.MUNICIPALITY,
    "อบจ.": Organisation.Kind.PAO,
    "อบจ": Organisation.Kind.PAO,
    "องค์การบริหารส่วนจังหวัด": Organisation.Kind.PAO,
    **{k.value: k.value for k in Organisation.Kind},
}

ORG_COLUMNS = {
    "code": "รหัสหน่วยงาน",
    "kind": "ประเภท",
    "name": "ชื่อหน่วยงาน",
    "short_name": "ชื่อย่อ",
    "district": "อำเภอ",
    "province": "จังหวัด",
    "website": "เว็บไซต์",
    "eit_survey_url": "ลิงก์แบบวัด EIT",
    "admin_email": "อีเมลผู้ดูแลระบบของหน่วยงาน",
}
ORG_REQUIRED = ("code", "kind", "name", "short_name", "district", "province")
SUPERVISOR_COLUMNS = {
    "email": "อีเมล",
    "full_name": "ชื่อ-นามสกุล",
    "name": "ชื่อการกำกับดูแล",
    "province": "จังหวัด",
    "district": "อำเภอ",
}
SUPERVISOR_REQUIRED = ("email", "full_name", "name", "province")
UPDATABLE = ("kind", "name", "short_name", "district", "province", "website", "eit_survey_url")
_url = URLValidator(schemes=["http", "https"])
_email = EmailValidator()


@dataclass
class Row:
    sheet: str
    number: int
    values: dict
    errors: list = field(default_factory=list)  # (column letter or "", message)
    action: str = ""  # "new", "update", "same"
    changes: list = field(default_factory=list)  # Thai labels of what changes


@dataclass
class Preview:
    organisations: list = field(default_factory=list)
    supervisors: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # messages about the file itself

    @property
    def rows(self):
        return self.organisations + self.supervisors

    @property
    def error_count(self):
        return len(self.errors) + sum(len(r.errors) for r in self.rows)

    def counts(self):
        actions = [r.action for r in self.organisations]
        return {
            "new": actions.count("new"),
            "update": actions.count("update"),
            "same": actions.count("same"),
            "supervisors": len(self.supervisors),
        }

    def payload(self):
        return {
            "organisations": [r.values for r in self.organisations],
            "supervisors": [r.values for r in self.supervisors],
        }


def _letter(index):
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _clean(str(value))


@functools.lru_cache(maxsize=4096)  # district, province and kind repeat row after row
def _clean(text):
    if text.isascii():  # codes, e-mails, links: nothing for Thai normalisation to do
        return " ".join("".join(c if " " <= c != "\x7f" else " " for c in text).split())
    return clean_text(text)


def _blank(row):
    return all(v is None or str(v).strip() == "" for v in row)


def read_tables(upload) -> list[tuple[str, list[list]]]:
    """(sheet name, rows of values) of an uploaded .xlsx or .csv, bounded either way."""
    name = (upload.name or "").lower()
    if name.endswith(".csv"):
        if upload.size > MAX_CSV_BYTES:
            raise ValidationError(
                f"ไฟล์มีขนาดเกินกำหนด {thai_digits(MAX_CSV_BYTES // 2**20)} เมกะไบต์", code="too_big"
            )
        upload.seek(0)
        raw = upload.read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(
                "อ่านไฟล์ CSV ไม่ได้ กรุณาบันทึกจาก Excel เป็น “CSV UTF-8”", code="encoding"
            ) from None
        rows = []
        for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
            if number > ORGANISATION_SHEET.rows or len(row) > ORGANISATION_SHEET.columns:
                raise ValidationError(
                    f"ไฟล์ CSV ใหญ่เกินที่รับได้ (ไม่เกิน {thai_digits(f'{ORGANISATION_SHEET.rows:,}')} "
                    f"แถว × {thai_digits(ORGANISATION_SHEET.columns)} คอลัมน์)",
                    code="too_far",
                )
            rows.append(row)
        return [("CSV", rows)]
    workbook = read_uploaded_workbook(upload, limit=ORGANISATION_SHEET, sheets=_all_sheets(upload))
    tables = []
    for title, cells in workbook.sheets.items():
        rows = []
        for row in cells:
            for cell in row:
                if cell.formula:
                    raise ValidationError(
                        f"ชีต “{clean_text(title)}” แถว {thai_digits(cell.row)} คอลัมน์ "
                        f"{cell.column_letter}: {cell.formula_error}",
                        code="formula",
                    )
            rows.append([cell.value for cell in row])
        tables.append((clean_text(title), rows))
    return tables


def _all_sheets(upload):
    """Every sheet name of the workbook (the bounded reader reads only the names it is
    given), read from the workbook part without loading any sheet."""
    import re
    import zipfile

    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            info = archive.getinfo("xl/workbook.xml")
            if info.file_size > 1024 * 1024:
                return None
            xml = archive.read(info).decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError, OSError):
        return None  # the bounded reader says what is wrong
    finally:
        upload.seek(0)
    import html

    return [html.unescape(n) for n in re.findall(r'<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"', xml)]


def _header(row, columns):
    """column key → index, when ``row`` is this table's header (all required headers there)."""
    labels = [_text(v) for v in row]
    found = {key: labels.index(label) for key, label in columns.items() if label in labels}
    return found


def preview(upload) -> Preview:
    """Read the sheet and check every row; nothing is written."""
    result = Preview()
    try:
        tables = read_tables(upload)
    except ValidationError as error:
        result.errors.extend(error.messages)
        return result
    for sheet, rows in tables:
        if not rows:
            continue
        orgs = _header(rows[0], ORG_COLUMNS)
        sups = _header(rows[0], SUPERVISOR_COLUMNS)
        if all(k in orgs for k in ORG_REQUIRED):
            result.organisations += _organisation_rows(sheet, rows, orgs)
        elif all(k in sups for k in SUPERVISOR_REQUIRED) and "code" not in orgs:
            result.supervisors += _supervisor_rows(sheet, rows, sups)
        else:
            missing = [ORG_COLUMNS[k] for k in ORG_REQUIRED if k not in orgs]
            result.errors.append(
                f"ชีต “{sheet}” แถว ๑: ไม่พบหัวตาราง {', '.join(missing)} (ดูตัวอย่างไฟล์ที่หน้านำเข้า)"
            )
    if not result.rows and not result.errors:
        result.errors.append("ไม่พบข้อมูลหน่วยงานหรือผู้กำกับดูแลในไฟล์")
    _compare(result)
    return result


def _values(row, header):
    return {key: _text(row[index]) if index < len(row) else "" for key, index in header.items()}


def _organisation_rows(sheet, rows, header):
    out = []
    seen = {}
    for number, row in enumerate(rows[1:], start=2):
        if _blank(row):
            continue
        values = _values(row, header)
        values = {k: values.get(k, "") for k in ORG_COLUMNS}
        item = Row(sheet, number, values)

        def err(key, message, item=item):
            item.errors.append((_letter(header[key]) if key in header else "", message))

        for key in ORG_REQUIRED:
            if not values[key]:
                err(key, f"กรุณากรอก{ORG_COLUMNS[key]}")
        values["code"] = values["code"].lower()
        if values["code"]:
            try:
                code_validator(values["code"])
            except ValidationError as error:
                err("code", error.messages[0])
            if values["code"] in seen:
                err("code", f"รหัสหน่วยงานซ้ำกับแถว {thai_digits(seen[values['code']])}")
            seen.setdefault(values["code"], number)
        if values["kind"]:
            kind = KINDS.get(values["kind"])
            if kind is None:
                err("kind", "ประเภทต้องเป็น อบต. เทศบาล หรือ อบจ.")
            else:
                values["kind"] = str(kind)
        for key, length in (("name", 200), ("short_name", 100), ("district", 100)):
            if len(values[key]) > length:
                err(key, f"{ORG_COLUMNS[key]}ยาวได้ไม่เกิน {thai_digits(length)} ตัวอักษร")
        for key in ("website", "eit_survey_url"):
            if values[key]:
                if "://" not in values[key]:
                    values[key] = "https://" + values[key]
                try:
                    _url(values[key])
                except ValidationError:
                    err(key, f"{ORG_COLUMNS[key]}ต้องเป็นลิงก์ที่ขึ้นต้นด้วย http:// หรือ https://")
        values["admin_email"] = values["admin_email"].lower()
        if values["admin_email"]:
            try:
                _email(values["admin_email"])
            except ValidationError:
                err("admin_email", "อีเมลไม่ถูกต้อง")
        out.append(item)
    return out


def _supervisor_rows(sheet, rows, header):
    out = []
    for number, row in enumerate(rows[1:], start=2):
        if _blank(row):
            continue
        values = {k: _values(row, header).get(k, "") for k in SUPERVISOR_COLUMNS}
        item = Row(sheet, number, values, action="supervisor")
        for key in SUPERVISOR_REQUIRED:
            if not values[key]:
                item.errors.append((_letter(header[key]), f"กรุณากรอก{SUPERVISOR_COLUMNS[key]}"))
        values["email"] = values["email"].lower()
        if values["email"]:
            try:
                _email(values["email"])
            except ValidationError:
                item.errors.append((_letter(header["email"]), "อีเมลไม่ถูกต้อง"))
        out.append(item)
    return out


def _compare(result):
    """What each organisation row does to what is stored: one query for all of them."""
    existing = (
        {
            o["code"]: o
            for o in Organisation.objects.filter(
                code__in=[r.values["code"] for r in result.organisations]
            ).values("code", *UPDATABLE)
        }
        if len(result.organisations) < 900
        else {o["code"]: o for o in Organisation.objects.values("code", *UPDATABLE)}
    )
    labels = {**ORG_COLUMNS}
    for row in result.organisations:
        stored = existing.get(row.values["code"])
        if stored is None:
            row.action = "new"
            continue
        row.changes = [
            labels[key] for key in UPDATABLE if (stored[key] or "") != (row.values[key] or "")
        ]
        row.action = "update" if row.changes else "same"


@transaction.atomic
def confirm(batch_id: int, *, by, waiting=OrganisationImport.Status.PREVIEW) -> dict | None:
    """Write the batch ``batch_id`` if it is still ``waiting`` (else None: it was written, or
    is being written): its rows and its "applied" status in one transaction, so a worker lost
    half-way leaves nothing written and the batch still waiting. Returns the counts."""
    with transaction.atomic():
        batch = OrganisationImport.objects.select_for_update().filter(pk=batch_id).first()
        if batch is None or batch.status != waiting:
            return None
        counts = apply(batch.payload, by=by)
        batch.status = OrganisationImport.Status.APPLIED
        batch.applied_at = timezone.now()
        batch.summary = {**batch.summary, **counts}
        batch.payload = {}
        batch.save()
    return counts


def apply(payload, *, by=None) -> dict:
    """Write a previewed, error-free sheet: all of it or nothing. Returns the counts."""
    rows = payload["organisations"]
    stored = {o.code: o for o in Organisation.objects.filter(code__in=[r["code"] for r in rows])}
    new, changed = [], []
    for r in rows:
        org = stored.get(r["code"])
        if org is None:
            org = Organisation(code=r["code"])
            new.append(org)
        elif any(getattr(org, k) != r[k] for k in UPDATABLE):
            changed.append(org)
        for key in UPDATABLE:
            setattr(org, key, r[key])
    Organisation.objects.bulk_create(new, batch_size=500)
    Organisation.objects.bulk_update(changed, [*UPDATABLE, "updated_at"], batch_size=500)
    by_code = {o.code: o for o in Organisation.objects.filter(code__in=[r["code"] for r in rows])}

    # first administrators: an account per address, an administrator's membership where the
    # organisation has none for that account yet
    wanted = {(r["admin_email"], r["code"]) for r in rows if r["admin_email"]}
    emails = {e for e, _ in wanted} | {s["email"] for s in payload["supervisors"]}
    users, created_users = _accounts(emails, payload)
    members = set(
        Membership.objects.with_scopes_disabled()
        .filter(user__in=[users[e] for e, _ in wanted])
        .values_list("user_id", "organisation_id")
    )
    memberships = [
        Membership(user=users[email], organisation=by_code[code], role=Membership.Role.ORG_ADMIN)
        for email, code in sorted(wanted)
        if (users[email].pk, by_code[code].pk) not in members
    ]
    with scopes_disabled():  # the history of each new role says who brought it, and when
        bulk_create_with_history(memberships, Membership, batch_size=500, default_user=by)

    supervisions = 0
    for s in payload["supervisors"]:
        supervision = Supervision.objects.filter(
            user=users[s["email"]], province=s["province"], district=s["district"]
        ).first()
        if supervision is not None and supervision.name == s["name"]:
            continue
        made = supervision is None
        supervision = supervision or Supervision(
            user=users[s["email"]], province=s["province"], district=s["district"]
        )
        supervision.name = s["name"]
        supervision._history_user = by
        supervision.save()
        supervisions += made
    invitations = _invite(created_users, by)
    return {
        "new": len(new),
        "updated": len(changed),
        "administrators": len(memberships),
        "supervisions": supervisions,
        "invitations": invitations,
    }


def _accounts(emails, payload):
    names = {s["email"]: s["full_name"] for s in payload["supervisors"]}
    users = {u.username: u for u in User.objects.filter(username__in=emails)}
    by_email = {u.email.lower(): u for u in User.objects.filter(email__in=emails)}
    created = []
    for email in sorted(emails):
        user = users.get(email) or by_email.get(email)
        if user is None:
            user = User(username=email, email=email, full_name=names.get(email, ""))
            user.set_unusable_password()
            created.append(user)
        users[email] = user
    User.objects.bulk_create(created, batch_size=500)
    # bulk_create sets pks on PostgreSQL and SQLite ≥ 3.35; read them back to be sure
    fresh = {u.username: u for u in User.objects.filter(username__in=[u.username for u in created])}
    for email in list(users):
        if email in fresh:
            users[email] = fresh[email]
    return users, [fresh[u.username] for u in created]


def _invite(users, by):
    from .onboarding import INVITATION_DAYS, invitation_token_placeholder
    from .tasks import send_invitations

    expires = timezone.now() + datetime.timedelta(days=INVITATION_DAYS)
    invitations = Invitation.objects.bulk_create(
        [
            Invitation(
                user=u, created_by=by, token_hash=invitation_token_placeholder(), expires_at=expires
            )
            for u in users
        ],
        batch_size=500,
    )
    ids = list(Invitation.objects.filter(user__in=users, used_at=None).values_list("pk", flat=True))
    if ids:
        transaction.on_commit(lambda: queue(send_invitations, ids))
    return len(invitations)
