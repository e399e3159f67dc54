"""Sample files for the upload cases, made in memory: the few bytes each type is known by, or the lack of them."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

from django.conf import settings

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
# A Windows executable's header: "MZ", then the DOS stub.
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64 + b"This program cannot be run in DOS mode."
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def plain_zip() -> bytes:
    """A zip that is not an Office document: no [Content_Types].xml, no word/ folder."""
    return _zip({"readme.txt": b"not a document"})


def broken_zip() -> bytes:
    """Starts like a zip, then nothing a zip reader can use."""
    return b"PK\x03\x04" + b"\x14\x00" + b"garbage" * 100


def docx_bomb() -> bytes:
    """A .docx whose document part inflates to 20 MB from about 20 kB: the check reads only the archive's names."""
    return _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\x00" * 20_000_000})


def _sized(size: int) -> bytes:
    return PDF + b"0" * (size - len(PDF))


SAMPLES: dict[str, Callable[[], bytes]] = {
    "pdf": lambda: PDF,
    "png": lambda: PNG,
    "exe": lambda: EXE,
    "html": lambda: HTML,
    "svg": lambda: SVG,
    "empty": lambda: b"",
    "zip": plain_zip,
    "broken_zip": broken_zip,
    "docx_bomb": docx_bomb,
    # Read from the setting, so the cases follow EVIDENCE_MAX_BYTES wherever it is set.
    "at_limit": lambda: _sized(settings.EVIDENCE_MAX_BYTES),
    "too_large": lambda: _sized(settings.EVIDENCE_MAX_BYTES + 1),
}


def sample(name: str) -> bytes:
    return SAMPLES[name]()
