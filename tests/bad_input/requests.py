"""Building the bad requests byte for byte: the test client would quote, encode or clean what these tests must send as is."""

from __future__ import annotations

from urllib.parse import quote_plus, unquote_to_bytes

from tests.bad_input.catalogue import DROP, Fmt, Raw, Upload
from tests.bad_input.files import sample

BOUNDARY = "----bad-input-boundary-7d41a"


def fill(value, world: dict):
    """A baseline or Fmt value with its `{placeholders}` filled from the world; other values as they are."""
    if isinstance(value, Fmt):
        return value.text.format(**world)
    if isinstance(value, str):
        return value.format(**world) if "{" in value else value
    return value


def pairs(baseline: dict, changes: dict, world: dict) -> list[tuple[str, object]]:
    """The (name, value) pairs of the request: the baseline with the variant's changes, repeated names kept."""
    merged = {fill(name, world): fill(value, world) for name, value in baseline.items()}
    for name, value in changes.items():
        name = fill(name, world)
        merged[name] = value if isinstance(value, Raw | Upload | list) or value is DROP else fill_change(value, world)
    result = []
    for name, value in merged.items():
        if value is DROP:
            continue
        for one in value if isinstance(value, list) else [value]:
            result.append((name, one))
    return result


def fill_change(value, world: dict):
    # A variant's plain strings are literal (scripts and SQL hold braces); only Fmt and "{name}" placeholders are filled.
    if isinstance(value, Fmt):
        return value.text.format(**world)
    if isinstance(value, str) and value.startswith("{") and value.endswith("}") and value[1:-1] in world:
        return str(world[value[1:-1]])
    return value


def urlencoded(items: list[tuple[str, object]]) -> str:
    parts = []
    for name, value in items:
        encoded = value.text if isinstance(value, Raw) else quote_plus(str(value))
        parts.append(f"{quote_plus(name)}={encoded}")
    return "&".join(parts)


def multipart(items: list[tuple[str, object]]) -> bytes:
    """A multipart/form-data body as a browser sends it: file names in UTF-8, as given (no path stripped)."""
    chunks: list[bytes] = []
    for name, value in items:
        chunks.append(f"--{BOUNDARY}\r\n".encode())
        if isinstance(value, Upload):
            chunks.append(
                f'Content-Disposition: form-data; name="{name}"; filename="{value.filename}"\r\n'
                f"Content-Type: {value.content_type}\r\n\r\n".encode()
            )
            chunks.append(sample(value.sample))
        else:
            chunks.append(f'Content-Disposition: form-data; name="{name}"\r\n\r\n'.encode())
            chunks.append(unquote_to_bytes(value.text) if isinstance(value, Raw) else str(value).encode())
        chunks.append(b"\r\n")
    chunks.append(f"--{BOUNDARY}--\r\n".encode())
    return b"".join(chunks)


MULTIPART = f"multipart/form-data; boundary={BOUNDARY}"
URLENCODED = "application/x-www-form-urlencoded"
