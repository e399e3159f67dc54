"""Which evidence files a progress report accepts: the type is read from the content, never the name."""

from __future__ import annotations

import zipfile

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# (content type, extension) by the bytes a file starts with.
_SIGNATURES: list[tuple[bytes, str, str]] = [
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"GIF87a", "image/gif", "gif"),
    (b"GIF89a", "image/gif", "gif"),
    # Word 97–2003, Excel 97–2003 and PowerPoint 97–2003 are OLE2 compound files.
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/vnd.ms-office", "doc"),
]
# Office Open XML files are zip archives whose first folder names the application.
_OOXML = {
    "word/": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "xl/": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "ppt/": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"),
}
ALLOWED_DESCRIPTION = _("PDF, Word, Excel, PowerPoint, PNG, JPEG or GIF")


def _ooxml_type(upload: UploadedFile) -> tuple[str, str] | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    for prefix, found in _OOXML.items():
        if any(name.startswith(prefix) for name in names):
            return found
    return None


def sniff(upload: UploadedFile) -> tuple[str, str]:
    """(content type, extension) of an allowed file, or ValidationError."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    found: tuple[str, str] | None = None
    if head.startswith(b"PK\x03\x04"):
        found = _ooxml_type(upload)
        upload.seek(0)
    else:
        found = next(((kind, ext) for magic, kind, ext in _SIGNATURES if head.startswith(magic)), None)
    if found is None:
        raise ValidationError(
            gettext("%(file)s: this file's content is not an allowed type (%(types)s).")
            % {"file": upload.name, "types": ALLOWED_DESCRIPTION},
            code="file_type",
        )
    return found


def check_evidence(upload: UploadedFile, max_bytes: int) -> tuple[str, str]:
    if upload.size > max_bytes:
        raise ValidationError(
            gettext("%(file)s is %(size)s MB; files may be at most %(limit)s MB.")
            % {"file": upload.name, "size": f"{upload.size / 1_048_576:.1f}", "limit": f"{max_bytes / 1_048_576:.0f}"},
            code="file_size",
        )
    if upload.size == 0:
        raise ValidationError(gettext("%(file)s is empty.") % {"file": upload.name}, code="file_empty")
    return sniff(upload)
