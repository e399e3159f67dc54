"""Every list page, export, JSON endpoint and file download of the catalogue, with bad query parameters.

A list page answers 200 and names the refused parameter on the page (and lists nothing); an export or a
JSON endpoint answers 400; an unknown object is a 404; a page number only falls back. Never a 500, and
nothing is ever written.
"""

from __future__ import annotations

import json

import pytest

from tests.bad_input import catalogue
from tests.bad_input.catalogue import Entry, Variant
from tests.bad_input.checks import assert_escaped, assert_list_error, body, send
from tests.bad_input.snapshot import assert_unchanged, state

QUERY_KINDS = ("list", "export", "json", "file")
CASES = catalogue.cases(QUERY_KINDS)
ENTRIES = [entry for entry in catalogue.ENTRIES if entry.kind in QUERY_KINDS]


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.name)
def test_baseline_is_accepted(entry: Entry, world, client_for):
    response = send(client_for(entry.role), entry, None, world)
    assert response.status_code == entry.baseline_status
    body(response)
    if entry.kind == "list" and response.context and "errors" in response.context:
        assert not response.context["errors"], response.context["errors"]


@pytest.mark.parametrize(("entry", "variant"), CASES, ids=[f"{e.name}:{v.name}" for e, v in CASES])
def test_bad_parameter(entry: Entry, variant: Variant, world, client_for):
    client = client_for(entry.role)
    outcome = variant.expect
    before = state()
    response = send(client, entry, variant, world)
    content = body(response)
    if outcome.kind == "error":
        assert_list_error(response, outcome.field)
    elif outcome.kind == "status":
        assert response.status_code == outcome.status, response.status_code
        if outcome.field:  # an export names the parameter it refused
            assert f"(?{outcome.field}=)".encode() in content, content[:300]
    else:  # accepted or tolerated: the page or the answer as usual, with nothing refused
        assert response.status_code == 200, response.status_code
        if entry.kind == "json":
            assert "results" in json.loads(content)
        elif entry.kind == "list":
            errors = response.context.get("errors") if response.context else None
            if isinstance(errors, list):
                assert not errors, errors
            assert_escaped(response)
    assert_unchanged(before)
