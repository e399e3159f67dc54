"""The catalogue itself: it covers every page of the site, every category has cases, and its counts print."""

from __future__ import annotations

import pytest
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve

from tests.bad_input import catalogue
from tests.bad_input.requests import fill

# Pages of the site with no input of their own to get wrong, or Django's own, with why.
NOT_IN_THE_CATALOGUE = {
    "healthz": "no parameters; tests/ipec/test_healthz.py",
    "logout": "a POST without fields",
    "set_language": "Django's view; it falls back to the default language",
    "password_change_done": "a page without input",
    "password_reset_done": "a page without input",
    "password_reset_confirm": "Django's signed token: a wrong one shows its 'invalid link' page",
    "password_reset_complete": "a page without input",
}


def _named_patterns(resolver: URLResolver, namespace: str = "") -> set[str]:
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue  # the admin's own pages: its forms for the main models are entries
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _named_patterns(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


# The mark only orders the test among the database tests: pytest-django runs tests without one after the
# transactional tests, which leave the tables (reference data included) empty.
@pytest.mark.django_db
def test_every_page_of_the_site_is_in_the_catalogue(world):
    covered = set()
    for entry in catalogue.ENTRIES:
        for path in [entry.path, *(variant.path for variant in entry.variants if variant.path)]:
            try:
                covered.add(resolve(fill(path, world)).view_name)
            except Resolver404:
                continue  # a path that matches no page on purpose (a bad number, a bad code)
    missing = _named_patterns(get_resolver()) - covered - set(NOT_IN_THE_CATALOGUE)
    assert not missing, f"pages without bad-input cases: {sorted(missing)}"


def test_every_category_has_cases():
    counts = catalogue.counts()
    assert set(counts) <= set(catalogue.CATEGORIES)
    assert all(counts[category] > 0 for category in catalogue.CATEGORIES), counts


def test_summary_prints_the_count_of_each_category(capsys):
    print(catalogue.summary())
    out = capsys.readouterr().out
    for category in catalogue.CATEGORIES:
        assert f"{category} " in out
    assert out.split("total")[1].split()[0] == str(sum(catalogue.counts().values()))
