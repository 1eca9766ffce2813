"""Evidence files: accepted by what they contain, never by what they are called."""

import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError

from ita_portal.thai import clean_text, thai_digits

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Kind:
    content_type: str
    label: str


PDF = Kind("application/pdf", "PDF")
PNG = Kind("image/png", "รูปภาพ PNG")
JPEG = Kind("image/jpeg", "รูปภาพ JPEG")
GIF = Kind("image/gif", "รูปภาพ GIF")
WEBP = Kind("image/webp", "รูปภาพ WebP")
DOCX = Kind("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word")
XLSX = Kind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel")
PPTX = Kind(
    "application/vnd.openxmlformats-officedocument.presentationml.presentation", "PowerPoint"
)
DOC = Kind("application/msword", "Word (.doc)")
XLS = Kind("application/vnd.ms-excel", "Excel (.xls)")

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
