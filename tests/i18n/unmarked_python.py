"""User-visible text in our Python that no gettext call holds, found by reading the syntax tree.

Babel's extractor only sees what is already marked; this finds what is not. It looks where
text reaches a person: a form field's `label=`, `help_text=`, `empty_label=`, `error_messages=`
and `choices=`, the message of a `ValidationError`, and the text of `messages.success()` and
its siblings. A string literal or an f-string there that is not inside a gettext call (or is
the text of an f-string, which no catalogue can hold) is a finding. Names and attributes are
not followed (`ValidationError(MESSAGE)`), and text without letters (", ") is not text.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.i18n.extraction import KEYWORDS, ROOT

TEXT_KEYWORDS = {"label", "help_text", "empty_label", "error_messages", "choices", "any_label", "heading", "saved"}
MESSAGE_FUNCTIONS = {"debug", "info", "success", "warning", "error", "add_message"}
GETTEXT = set(KEYWORDS)
# Calls whose result is their arguments' text.
TEXT_BUILDERS = {"str", "join", "format", "format_lazy", "capfirst", "lower", "upper", "mark_safe", "format_html"}
LETTER = re.compile(r"[^\W\d_]")
# Placeholders are not text: "{code} {name}" and "%(count)s" hold no words of their own.
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\(\w+\)[sdifr]")


def _is_text(value: str) -> bool:
    return bool(LETTER.search(PLACEHOLDER.sub("", value)))


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _is_gettext(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and _name(node.func) in GETTEXT


def _unmarked(node: ast.AST) -> list[ast.AST]:
    """The literal text under `node` that is outside every gettext call."""
    if _is_gettext(node):
        return []
    if isinstance(node, ast.Constant):
        return [node] if isinstance(node.value, str) and _is_text(node.value) else []
    if isinstance(node, ast.JoinedStr):
        # The f-string's own text (not its format specs, such as ":.1f").
        text = "".join(part.value for part in node.values if isinstance(part, ast.Constant))
        return [node] if _is_text(text) else []
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and _is_gettext(node.left):
        return []  # gettext("… %(name)s …") % {...}: the values are data, not text
    if isinstance(node, ast.Dict):
        return [found for value in node.values for found in _unmarked(value)]  # keys are field names
    if isinstance(node, ast.Subscript):
        return _unmarked(node.value)  # error_messages["invalid_choice"]: the key is not text
    if isinstance(node, ast.Call):
        if _name(node.func) not in TEXT_BUILDERS:
            return []  # F("title"), Value(kind): expressions, not text
        # A call that builds text (a join, a str()): its arguments are shown.
        parts = [*node.args, *(k.value for k in node.keywords)]
        if isinstance(node.func, ast.Attribute):
            parts.append(node.func.value)  # "…".format(…), ", ".join(…)
        return [found for part in parts for found in _unmarked(part)]
    if isinstance(node, ast.Attribute | ast.Name):
        return []
    return [found for child in ast.iter_child_nodes(node) for found in _unmarked(child)]


def _choice_labels(node: ast.AST) -> list[ast.AST]:
    """In `choices=[(value, label), …]` only the labels are text; the values are stored codes."""
    if isinstance(node, ast.List | ast.Tuple) and all(isinstance(e, ast.Tuple | ast.Starred) for e in node.elts):
        return [
            found
            for element in node.elts
            if isinstance(element, ast.Tuple) and len(element.elts) == 2
            for found in _unmarked(element.elts[1])
        ]
    return _unmarked(node)


def _shown_parts(call: ast.Call) -> list[ast.AST]:
    """The arguments of `call` whose text a person reads."""
    name = _name(call.func)
    parts: list[ast.AST] = []
    if name == "ValidationError":
        parts += call.args[:1] + [k.value for k in call.keywords if k.arg == "message"]
    elif name in MESSAGE_FUNCTIONS and isinstance(call.func, ast.Attribute) and _name(call.func.value) == "messages":
        parts += call.args[2:3] if name == "add_message" else call.args[1:2]
        parts += [k.value for k in call.keywords if k.arg == "message"]
    found = [f for part in parts for f in _unmarked(part)]
    for keyword in call.keywords:
        if keyword.arg == "choices":
            found += _choice_labels(keyword.value)
        elif keyword.arg in TEXT_KEYWORDS:
            found += _unmarked(keyword.value)
    return found


def unmarked_python_text(path: Path) -> list[str]:
    """file:line: text, for each piece of user-visible text in the module that no gettext call holds."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for found in _shown_parts(node):
                text = ast.get_source_segment(path.read_text(encoding="utf-8"), found) or ""
                problems.append(f"{path.relative_to(ROOT)}:{found.lineno}: {' '.join(text.split())[:100]}")
    return sorted(set(problems))
