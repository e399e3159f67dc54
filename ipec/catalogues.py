"""The translation catalogues: locale/<language>/LC_MESSAGES/django.po, compiled to django.mo.

Compiled with Babel, in pure Python, so neither the build nor the Docker image needs GNU
gettext (which only `makemessages`, a developer's tool, uses). The .mo files are build output:
`make messages` (run before `make run` and `make test`), the Dockerfile and the test session
all make them from the .po files, which are the source.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

DOMAIN = "django"


class CatalogueError(Exception):
    """A .po file that cannot be compiled: a syntax error or a placeholder its translation lost."""


@dataclass(frozen=True)
class Compiled:
    po: Path
    mo: Path
    messages: int
    changed: bool


def po_files(locale_dir: Path) -> list[Path]:
    return sorted(Path(locale_dir).glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def compile_po(po: Path, mo: Path | None = None) -> Compiled:
    """Compile one .po file next to itself (or to `mo`); rewrites the .mo only when its bytes change.

    Fuzzy entries are left out, as msgfmt does; a translation whose python-format placeholders
    differ from its msgid's is an error, since Django would fail or show the wrong value.
    """
    mo = mo or po.with_suffix(".mo")
    language = po.parent.parent.name
    with po.open("rb") as handle:
        try:
            catalog = read_po(handle, locale=language, abort_invalid=True)
        except Exception as error:  # babel raises PoFileError, or ValueError for a bad header
            raise CatalogueError(f"{po}: {error}") from error
    problems = [
        f"{po}:{message.lineno}: {message.id!r}: {error}"
        for message, errors in catalog.check()
        for error in errors
        if message.id
    ]
    problems += [
        f"{po}:{message.lineno}: {message.id!r}: {error}" for message in catalog for error in _placeholders(message)
    ]
    if problems:
        raise CatalogueError("\n".join(problems))
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    data = buffer.getvalue()
    changed = not mo.exists() or mo.read_bytes() != data
    if changed:
        mo.parent.mkdir(parents=True, exist_ok=True)
        # Written beside the target and renamed: a concurrent reader sees the old file or the new one.
        fd, temporary = tempfile.mkstemp(dir=mo.parent, suffix=".mo.tmp")
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(temporary, mo)
    messages = sum(1 for message in catalog if message.id and message.string and not message.fuzzy)
    return Compiled(po=po, mo=mo, messages=messages, changed=changed)


_NAMED = re.compile(r"%\((\w+)\)[sdifr]")


def _placeholders(message) -> list[str]:
    """Babel lets a translation drop every named placeholder; Django would then show less than it should.

    A translation must name exactly the msgid's placeholders (a plural form may leave out the count).
    """
    if not message.id or message.fuzzy or not message.string:
        return []
    ids = message.id if isinstance(message.id, tuple) else (message.id,)
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    expected = set().union(*(_NAMED.findall(text) for text in ids))
    errors = []
    for text in strings:
        if not text:
            continue
        found = set(_NAMED.findall(text))
        missing = expected - found - ({"counter", "count"} if len(ids) > 1 else set())
        if found - expected or missing:
            errors.append(f"placeholders {sorted(found)} in the translation, {sorted(expected)} in the message")
    return errors


def compile_all(locale_dir: Path) -> list[Compiled]:
    return [compile_po(po) for po in po_files(locale_dir)]
