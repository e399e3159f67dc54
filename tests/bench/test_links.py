"""Following a list's own "next" links to reach a deep page."""

from __future__ import annotations

from types import SimpleNamespace

from bench.links import next_link, numbered_step, with_param
from bench.pages import find_deep_page


def test_rel_next_wins_over_link_text():
    html = '<a href="?page=9">Next</a><a rel="next" href="?cursor=abc&amp;region=africa">More</a>'
    assert next_link(html, "/projects/?region=africa") == "/projects/?cursor=abc&region=africa"


def test_link_rel_in_the_head_counts():
    assert next_link('<link rel="prev next" href="/projects/?after=X">', "/projects/") == "/projects/?after=X"


def test_anchor_text_next_without_rel():
    html = '<nav><a href="?page=1">Previous</a> Page 2 of 3 <a href="?q=x&amp;page=3">Next ›</a></nav>'
    assert next_link(html, "/projects/?q=x&page=2") == "/projects/?q=x&page=3"


def test_last_page_has_no_next():
    assert next_link('<a href="?page=1">Previous</a> <a href="/next-steps/">Next steps for you</a>', "/p/") is None


def test_page_numbers_are_recognised_and_cursors_are_not():
    assert numbered_step("/projects/", "/projects/?page=2") == "page"
    assert numbered_step("/projects/?page=7&q=a", "/projects/?q=a&page=8") == "page"
    assert numbered_step("/projects/", "/projects/?after=GLO-12") is None
    assert numbered_step("/projects/?page=2", "/projects/?page=4") is None
    assert numbered_step("/projects/?page=2", "/projects/?page=3&sort=code") is None


def test_with_param_replaces_the_value():
    assert with_param("/projects/?q=a&page=2", "page", "40") == "/projects/?q=a&page=40"


class FakeClient:
    """Answers pages of a list of `pages` pages, with page-number or cursor links."""

    def __init__(self, pages: int, cursor: bool):
        self.pages, self.cursor, self.requested = pages, cursor, []

    def get(self, url: str):
        self.requested.append(url)
        number = int(url.rsplit("=", 1)[1].lstrip("k")) if "=" in url else 1
        link = ""
        if number < self.pages:  # a cursor is opaque: "k12", not a number that counts pages
            target = f"after=k{number + 1}" if self.cursor else f"page={number + 1}"
            link = f'<a rel="next" href="?{target}">Next</a>'
        return SimpleNamespace(status_code=200, content=link.encode(), streaming=False)


def test_deep_page_by_page_number_is_jumped_to():
    client = FakeClient(pages=2000, cursor=False)
    deep = find_deep_page(client, "/projects/", 1499)
    assert deep["url"] == "/projects/?page=1500"
    assert deep["depth"] == 1499
    assert len(client.requested) == 2  # the first page, then the deep one


def test_deep_page_by_cursor_is_followed_link_by_link():
    client = FakeClient(pages=50, cursor=True)
    deep = find_deep_page(client, "/projects/", 10)
    assert deep["url"] == "/projects/?after=k11"
    assert deep["depth"] == 10
    assert len(client.requested) == 11


def test_deep_page_stops_at_the_last_page():
    deep = find_deep_page(FakeClient(pages=3, cursor=True), "/projects/", 10)
    assert deep["url"] == "/projects/?after=k3"
    assert deep["depth"] == 2
