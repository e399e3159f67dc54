"""Accessibility of every main page, read from the HTML the server sends.

Landmarks a screen reader jumps between (banner, a named main navigation, one main), one h1
and no skipped heading level, the skip link first, a language on <html>, a label for every
form control, a text alternative for every image and a caption or name for every table.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from evaluations.models import Evaluation
from partners.models import Partner
from tests.factories import make_evaluation, make_project
from tests.ipec.invariants import country

CONTROLS = {"input", "select", "textarea"}
UNLABELLED_INPUTS = {"hidden", "submit", "button", "reset", "image"}


class Page(HTMLParser):
    """The facts about a page that the checks need, gathered in one pass."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.html_lang = ""
        self.links: list[str] = []
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.label_for: set[str] = set()
        self.controls: list[tuple[dict[str, str], bool]] = []  # (attributes, inside a <label>)
        self.headings: list[int] = []
        self.tables: list[dict[str, str]] = []
        self.captions = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        attributes = {name: value or "" for name, value in attrs}
        self.tags.append((tag, attributes))
        if tag == "html":
            self.html_lang = attributes.get("lang", "")
        elif tag == "a" and "href" in attributes:
            self.links.append(attributes["href"])
        elif tag == "label" and attributes.get("for"):
            self.label_for.add(attributes["for"])
        elif tag in CONTROLS:
            self.controls.append((attributes, "label" in self.stack))
        elif tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.headings.append(int(tag[1]))
        elif tag == "table":
            self.tables.append(attributes)
        elif tag == "caption":
            self.captions += 1
        if tag not in {"input", "img", "br", "meta", "link", "hr", "source", "col", "wbr"}:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def count(self, tag: str, **wanted: str) -> int:
        return sum(1 for name, attrs in self.tags if name == tag and all(attrs.get(k) == v for k, v in wanted.items()))


def read(response) -> Page:
    assert response.status_code == 200, response.status_code
    page = Page()
    page.feed(response.content.decode())
    return page


def problems(page: Page, *, signed_in: bool = True) -> list[str]:
    found = []
    if page.html_lang not in {"en", "fr", "es"}:
        found.append(f"<html lang> is {page.html_lang!r}")
    if page.count("main", id="main") != 1:
        found.append("not exactly one <main id=main>")
    if page.count("header") < 1:
        found.append("no <header> (banner)")
    if signed_in and not any(name == "nav" and attrs.get("aria-label") for name, attrs in page.tags):
        found.append("no named <nav>")
    if not page.links or page.links[0] != "#main":
        found.append(f"the first link is {page.links[:1]}, not the skip link to #main")
    if page.headings.count(1) != 1:
        found.append(f"{page.headings.count(1)} h1 headings")
    for before, after in zip(page.headings, page.headings[1:], strict=False):
        if after > before + 1:
            found.append(f"heading level jumps from h{before} to h{after}")
    for attrs, wrapped in page.controls:
        if attrs.get("type", "text") in UNLABELLED_INPUTS:
            continue
        named = wrapped or attrs.get("id") in page.label_for or attrs.get("aria-label") or attrs.get("aria-labelledby")
        if not named:
            found.append(f"a form control without a label: {attrs}")
    for name, attrs in page.tags:
        if name == "img" and "alt" not in attrs:
            found.append(f"an image without alt: {attrs}")
    unnamed_tables = [t for t in page.tables if not (t.get("aria-label") or t.get("aria-labelledby"))]
    if len(unnamed_tables) > page.captions:
        found.append(f"{len(unnamed_tables) - page.captions} table(s) without a caption or name")
    return found


@pytest.fixture
def world(db):
    india = make_project(countries=[country("IND")], title="Child-labour-free zones")
    make_project(kind="global", countries=[country("BRA"), country("KEN")])
    evaluation = make_evaluation(project=india)
    return {"project": india, "evaluation": evaluation}


def pages(world) -> list[str]:
    partner = Partner.objects.order_by("pk").first()
    evaluation: Evaluation = world["evaluation"]
    return [
        "/",
        "/projects/",
        f"/projects/{world['project'].slug}/",
        "/countries/",
        "/countries/IND/",
        "/partners/",
        f"/partners/{partner.pk}/",
        "/evaluations/",
        f"/evaluations/{evaluation.pk}/",
        "/lessons/",
        "/my-projects/",
        "/reviews/",
        "/accounts/password_change/",
        f"/projects/{world['project'].slug}/status/",
    ]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_main_page_has_landmarks_labels_and_names(client, hq_user, world, language):
    client.force_login(hq_user)
    client.cookies["django_language"] = language
    failures = {}
    for path in pages(world):
        found = problems(read(client.get(path)))
        if found:
            failures[path] = found
    assert not failures, failures


def test_the_login_page_too(client):
    assert problems(read(client.get("/accounts/login/")), signed_in=False) == []


def test_the_checks_find_what_is_missing():
    page = Page()
    page.feed('<html><body><h1>A</h1><h3>B</h3><input name="q"><table></table><img src="x.png"></body></html>')
    found = " | ".join(problems(page))
    for expected in (
        "lang",
        "<main",
        "banner",
        "skip link",
        "jumps from h1 to h3",
        "without a label",
        "alt",
        "caption",
    ):
        assert expected in found, expected
