"""Colour contrast of the stylesheet: every text colour against every surface it can sit on (WCAG AA, 4.5:1).

Read from static/css/site.css itself, so a new colour is checked the day it is written. Text in
the site header sits on the header's background; any other text colour can sit on the page's
white or on any light surface the stylesheet paints (badges, headline cards, messages, error boxes).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CSS = Path(__file__).resolve().parents[2] / "static" / "css" / "site.css"
AA = 4.5
HEADER = (".site-header", ".language-switcher")
RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
HEX = r"#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b"


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    digits = hex_colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return tuple(int(digits[i : i + 2], 16) for i in (0, 2, 4))


def luminance(hex_colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in _rgb(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def rules(css: str) -> list[tuple[str, str | None, str | None]]:
    """(selector, text colour, background colour) of each rule that sets either."""
    found = []
    for selector, body in RULE.findall(re.sub(r"/\*.*?\*/", "", css, flags=re.S)):
        colour = re.search(r"(?<![-\w])color\s*:\s*" + HEX, body)
        background = re.search(r"background(?:-color)?\s*:\s*" + HEX, body)
        if colour or background:
            found.append((selector.strip(), colour and "#" + colour.group(1), background and "#" + background.group(1)))
    return found


def pairs(css: str) -> list[tuple[str, str, str]]:
    """(where, text colour, background) for every combination a reader can meet."""
    declared = rules(css)
    header = next(bg for sel, _, bg in declared if sel.startswith(".site-header") and bg)
    surfaces = {"#ffffff"} | {bg for sel, _, bg in declared if bg and not sel.startswith(HEADER)}
    surfaces.discard(header)
    result = []
    for selector, colour, background in declared:
        if not colour:
            continue
        if background:
            result.append((selector, colour, background))
        elif selector.startswith(HEADER):
            result.append((selector, colour, header))
        else:
            result.extend((f"{selector} on {surface}", colour, surface) for surface in sorted(surfaces))
    body = next(colour for sel, colour, _ in declared if sel == "body")
    result.extend((f"body text on {surface}", body, surface) for surface in sorted(surfaces))
    return result


def test_every_text_colour_reads_on_every_surface():
    weak = [
        f"{where}: {colour} on {background} is {contrast(colour, background):.2f}:1"
        for where, colour, background in pairs(CSS.read_text())
        if contrast(colour, background) < AA
    ]
    assert not weak, weak


@pytest.mark.parametrize(
    ("a", "b", "ratio"), [("#000000", "#ffffff", 21.0), ("#777777", "#ffffff", 4.48), ("#ffffff", "#ffffff", 1.0)]
)
def test_contrast_is_computed_as_wcag_does(a, b, ratio):
    assert contrast(a, b) == pytest.approx(ratio, abs=0.01)


def test_a_pale_text_colour_is_caught():
    css = "body { color: #1a1a1a; } .site-header { background: #1e2d5a; color: #fff; } .faint { color: #aaaaaa; }"
    assert any(contrast(c, b) < AA for _, c, b in pairs(css))
