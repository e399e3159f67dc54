"""What the catalogues must hold, found the way `makemessages` finds it, and text left untranslated.

Messages: every template is turned into Python by Django's own `templatize` (what makemessages
hands to xgettext), then Babel's Python extractor reads both those and our .py files with
Django's gettext keywords, so plurals and contexts come out as makemessages would write them.

Unmarked text: a template's tokens from Django's Lexer, with everything that is not literal
text (variables, tags, comments, translated blocks) blanked out; what an HTML parser then
finds as text, or in the attributes people read (title, alt, aria-label, placeholder), must
not contain words.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from babel.messages.extract import extract_python
from django.template.base import DebugLexer, TokenType
from django.utils.translation.template import templatize

ROOT = Path(__file__).resolve().parent.parent.parent
TEMPLATES = ROOT / "templates"
# Our Python: the apps and the project package (tests, migrations and the virtualenv are not the site's text).
PYTHON_DIRS = ("accounts", "countries", "evaluations", "ipec", "partners", "projects")

# The PDF evaluation report carries its own English, French and Spanish labels (evaluations/reports.py).
OWN_LABELS = ("evaluations/report/report.html", "evaluations/report/_entry.html", "evaluations/report/_text.html")

KEYWORDS = {
    "_": None,
    "gettext": None,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "npgettext_lazy": ((1, "c"), 2, 3),
}


@dataclass(frozen=True)
class Message:
    context: str | None
    id: str | tuple[str, str]
    where: str  # file:line

    @property
    def key(self) -> tuple:
        return (self.context, self.id)


def template_files() -> list[Path]:
    return sorted(TEMPLATES.rglob("*.html"))


def python_files() -> list[Path]:
    files = []
    for folder in PYTHON_DIRS:
        files += [p for p in (ROOT / folder).rglob("*.py") if "migrations" not in p.parts]
    return sorted(files)


def _extract(source: str, where: str) -> Iterator[Message]:
    options = {"encoding": "utf-8"}
    for lineno, funcname, messages, _comments in extract_python(
        io.BytesIO(source.encode()), KEYWORDS.keys(), [], options
    ):
        spec = KEYWORDS[funcname]
        if messages is None:
            continue  # called with a variable (gettext(self.name)): nothing to extract
        if isinstance(messages, str):
            messages = (messages,)
        messages = list(messages)
        context = None
        if spec and isinstance(spec[0], tuple):  # the context comes first
            context, messages = messages[0], messages[1:]
        plural = funcname.startswith(("ngettext", "npgettext"))
        texts = messages[:2] if plural else messages[:1]  # then the count, a variable
        if any(not isinstance(text, str) or not text for text in texts):
            continue  # a variable, not a literal: nothing to extract (e.g. gettext(self.name))
        msgid = tuple(texts) if plural else texts[0]
        yield Message(context, msgid, f"{where}:{lineno}")


def template_messages(path: Path) -> Iterator[Message]:
    source = path.read_text(encoding="utf-8")
    # templatize writes Python-like text for xgettext, which ignores indentation; Python's tokenizer
    # does not, so every line is dedented (each message is one line of it: its strings are reprs).
    python = "\n".join(line.lstrip() for line in templatize(source, origin=str(path)).splitlines())
    yield from _extract(python, str(path.relative_to(ROOT)))


def python_messages(path: Path) -> Iterator[Message]:
    yield from _extract(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))


def all_messages() -> list[Message]:
    messages = [m for path in template_files() for m in template_messages(path)]
    return messages + [m for path in python_files() for m in python_messages(path)]


# Unmarked text ----------------------------------------------------------------------------------

# Words that are the same in every language: names, codes and units.
ALLOWED_WORDS = {"IPEC", "CSV", "XLSX", "PDF", "SHA-256", "ISO", "US", "OECD", "DAC", "ILO", "TC", "HQ"}
# Blocks that hold markup, not text: the admin's <body> classes.
MARKUP_BLOCKS = {"bodyclass"}
READABLE_ATTRIBUTES = {"title", "alt", "aria-label", "placeholder", "aria-description"}
WORD = re.compile(r"[^\W\d_][\w’'-]*")
BLANK = " "  # what a variable or a tag becomes: a space keeps tags parseable (<td{% if %} class…>)


def _blanked(source: str) -> str:
    """The template with every token that is not plain, untranslated text replaced by a blank that keeps its lines."""

    def blank(text: str) -> str:
        return BLANK + "\n" * text.count("\n")

    parts = []
    skipping = None  # the end tag of the block being skipped: a comment, a translated block, verbatim
    for token in DebugLexer(source).tokenize():
        text = source[token.position[0] : token.position[1]]
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents else ""
            if skipping and name == skipping:
                skipping = None
            elif not skipping and name in ("comment", "blocktranslate", "blocktrans", "verbatim"):
                skipping = {"comment": "endcomment", "verbatim": "endverbatim"}.get(name, "end" + name)
            elif not skipping and name == "block" and token.contents.split()[1:2][0] in MARKUP_BLOCKS:
                skipping = "endblock"
            parts.append(blank(text))
        elif token.token_type == TokenType.TEXT and not skipping:
            parts.append(text)
        else:
            parts.append(blank(text))
    return "".join(parts)


class _TextFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self._hidden = 0  # inside <script> or <style>

    def _check(self, text: str) -> None:
        words = [w for w in WORD.findall(text) if w not in ALLOWED_WORDS]
        if words:
            self.found.append((self.getpos()[0], " ".join(text.split())))

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._hidden += 1
        for name, value in attrs:
            if name in READABLE_ATTRIBUTES and value:
                self._check(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self._check(data)


def unmarked_text(path: Path) -> list[str]:
    """file:line: text, for each piece of visible text in the template that no translate tag holds."""
    finder = _TextFinder()
    finder.feed(_blanked(path.read_text(encoding="utf-8")))
    finder.close()
    where = path.relative_to(ROOT)
    return [f"{where}:{line}: {text}" for line, text in finder.found]
