"""Evidence files: accepted by what they contain, never by what they are called."""

import re
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect

from kernel.thai import clean_text, thai_digits

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Kind:
    content_type: str
    label: str
    extensions: tuple  # the first is the one given to a file named otherwise


PDF = Kind("application/pdf", "PDF", ("pdf",))
PNG = Kind("image/png", "รูปภาพ PNG", ("png",))
JPEG = Kind("image/jpeg", "รูปภาพ JPEG", ("jpg", "jpeg"))
GIF = Kind("image/gif", "รูปภาพ GIF", ("gif",))
WEBP = Kind("image/webp", "รูปภาพ WebP", ("webp",))
DOCX = Kind(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word", ("docx",)
)
XLSX = Kind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel", ("xlsx",))
PPTX = Kind(
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "PowerPoint",
    ("pptx",),
)
DOC = Kind("application/msword", "Word (.doc)", ("doc",))
XLS = Kind("application/vnd.ms-excel", "Excel (.xls)", ("xls",))
KINDS = {k.content_type: k for k in (PDF, PNG, JPEG, GIF, WEBP, DOCX, XLSX, PPTX, DOC, XLS)}

ACCEPTED = "PDF รูปภาพ (PNG JPEG GIF WebP) Word Excel หรือ PowerPoint"


def detect(upload) -> Kind:
    """The kind of an uploaded file from its bytes, or a Thai ValidationError."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            names = set()
        finally:
            upload.seek(0)
        if "word/document.xml" in names:
            return DOCX
        if "xl/workbook.xml" in names:
            return XLSX
        if "ppt/presentation.xml" in names:
            return PPTX
    if head.startswith(OLE):
        name = (upload.name or "").lower()
        if name.endswith(".xls"):
            return XLS
        if name.endswith(".doc"):
            return DOC
    if head.startswith((b"MZ", b"\x7fELF", b"#!")):
        raise ValidationError(
            "ไฟล์นี้เป็นโปรแกรม ไม่ใช่เอกสาร จึงไม่รับ (ไม่ว่าชื่อไฟล์จะเป็นอะไร)", code="executable"
        )
    raise ValidationError(
        f"ไม่รับไฟล์ชนิดนี้ รับเฉพาะ {ACCEPTED} (ตรวจจากเนื้อไฟล์ ไม่ใช่จากชื่อ)", code="file_type"
    )


def check_upload(upload) -> Kind:
    limit = settings.EVIDENCE_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            f"ไฟล์ “{clean_text(upload.name)}” มีขนาด {thai_digits(f'{upload.size / 1048576:.1f}')} "
            f"เมกะไบต์ เกินกำหนด {thai_digits(f'{limit / 1048576:.0f}')} เมกะไบต์",
            code="too_big",
        )
    if upload.size == 0:
        raise ValidationError("ไฟล์ว่างเปล่า", code="empty")
    return detect(upload)


_RESERVED = re.compile(r'[\\/:*?"<>|]')  # not allowed in file names on Windows
_EXTENSION = re.compile(r"(.*)\.([0-9A-Za-z]{1,5})")


def download_name(name, content_type) -> str:
    """The name an evidence file is stored and served under: the uploaded name without folders,
    control or reserved characters, ending with an extension of the type its bytes are (so
    "x.pdf\\x00.html" of a PDF is served as "x.pdf", never as an HTML file's name)."""
    # every stored file has a detected type; anything else is served as opaque bytes
    extensions = KINDS[content_type].extensions if content_type in KINDS else ("bin",)
    name = clean_text(re.split(r"[\\/]", name or "")[-1])  # clean_text drops control chars
    stem = _RESERVED.sub("", name).rstrip(" .")
    extension = ""
    if match := _EXTENSION.fullmatch(stem):
        stem, extension = match[1], match[2].lower()
    if extension not in extensions:
        # "x.pdf.html": the type's own extension may sit under the one that lies
        inner = _EXTENSION.fullmatch(stem)
        if inner and inner[2].lower() in extensions:
            stem, extension = inner[1], inner[2].lower()
        else:
            extension = extensions[0]
    return f"{stem.strip(' .')[:100] or 'หลักฐาน'}.{extension}"


def serve(evidence):
    """An evidence file as a download that runs nothing (or a redirect to its link)."""
    if not evidence.file:
        return redirect(evidence.url)
    response = FileResponse(
        evidence.file.open("rb"),
        content_type=evidence.content_type,
        as_attachment=not evidence.content_type.startswith(("image/", "application/pdf")),
        filename=download_name(evidence.original_name, evidence.content_type),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
