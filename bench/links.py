"""Finding the "next page" link of a list page in its HTML, whatever the list's paging parameter is.

The benchmark reaches a deep page by following the list's own links, so it measures whatever
paging the list has (page numbers, a keyset cursor): a link or anchor with rel="next" first,
else an anchor whose text is "Next" (optionally with an arrow). When following would take too
many requests, `numbered_step` tells whether the next link only adds one to a number in the
query string (page-number paging), so that the page N steps further can be addressed directly.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

NEXT_TEXT = re.compile(r"^\s*next(\s+page)?\s*[›»→>]*\s*$", re.IGNORECASE)


class _NextLinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rel_next: str | None = None
        self.text_next: str | None = None
        self._anchor_href: str | None = None
        self._anchor_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag in ("a", "link") and "next" in values.get("rel", "").lower().split() and values.get("href"):
            self.rel_next = self.rel_next or values["href"]
        if tag == "a":
            self._anchor_href = values.get("href")
            self._anchor_text = []

    def handle_data(self, data: str) -> None:
        if self._anchor_href is not None:
            self._anchor_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._anchor_href is not None:
            if self.text_next is None and NEXT_TEXT.match("".join(self._anchor_text)):
                self.text_next = self._anchor_href
            self._anchor_href = None


def next_link(html: str, current_url: str) -> str | None:
    """The absolute path (with query) of the next page, or None on the last page."""
    parser = _NextLinkParser()
    parser.feed(html)
    href = parser.rel_next or parser.text_next
    if not href:
        return None
    parts = urlsplit(urljoin(current_url, href))
    return urlunsplit(("", "", parts.path, parts.query, ""))


def numbered_step(current_url: str, next_url: str) -> str | None:
    """The query parameter that numbers pages, if `next_url` is `current_url` with only that number plus one."""
    current = dict(parse_qsl(urlsplit(current_url).query, keep_blank_values=True))
    following = dict(parse_qsl(urlsplit(next_url).query, keep_blank_values=True))
    if urlsplit(current_url).path != urlsplit(next_url).path:
        return None
    changed = [key for key in current.keys() | following.keys() if current.get(key) != following.get(key)]
    if len(changed) != 1:
        return None
    key = changed[0]
    before, after = current.get(key, "1"), following.get(key, "")
    if before.isdigit() and after.isdigit() and int(after) == int(before) + 1:
        return key
    return None


def with_param(url: str, key: str, value: str) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != key] + [(key, value)]
    return urlunsplit(("", "", parts.path, urlencode(query), ""))
