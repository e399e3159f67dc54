"""Every form of the catalogue (the site's, the admin's and the uploads): each bad variant is refused with a
form error on its field (or a 4xx) and writes nothing; free text is kept exactly and shown escaped."""

from __future__ import annotations

import pytest

from accounts import lockout
from tests.bad_input import catalogue
from tests.bad_input.catalogue import SCRIPT, Entry, Variant
from tests.bad_input.checks import (
    READERS,
    assert_escaped,
    assert_form_error,
    page_form,
    read_back,
    send,
    sent_value,
    shown_in,
)
from tests.bad_input.requests import fill
from tests.bad_input.snapshot import assert_unchanged, state

FORM_KINDS = ("form", "admin", "upload")
CASES = catalogue.cases(FORM_KINDS)
ENTRIES = [entry for entry in catalogue.ENTRIES if entry.kind in FORM_KINDS]
# A reset asked for an address no user has sends nothing and writes nothing (no user enumeration).
WRITES_NOTHING = {"password-reset"}


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads land in an empty folder of their own, so a refused one can be seen to leave nothing behind."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def stored_files(media_root) -> list[str]:
    return sorted(str(p.relative_to(media_root)) for p in media_root.rglob("*") if p.is_file())


@pytest.fixture(autouse=True)
def no_lockout(world):
    """Failed logins are counted in the cache; the login cases must not lock each other out."""
    yield
    for variant in next(e for e in catalogue.FORMS if e.name == "login").variants:
        name = variant.changes.get("username")
        if isinstance(name, str):
            lockout.clear(name)
    lockout.clear(world["viewer_name"])


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.name)
def test_baseline_is_accepted(entry: Entry, world, client_for, media_root):
    """The untouched baseline succeeds: each variant's refusal comes from its own change alone."""
    client = client_for(entry.role)
    before = state()
    response = send(client, entry, None, world)
    if response.status_code != entry.baseline_status:
        form = page_form(response, entry) if response.context else None
        pytest.fail(f"baseline answered {response.status_code}; errors: {getattr(form, 'errors', None)}")
    # The snapshot sees the baseline's write, so it would see a refused variant's.
    if entry.name not in WRITES_NOTHING:
        assert state().changes_since(before), "the baseline wrote nothing the snapshot can see"


@pytest.mark.parametrize(("entry", "variant"), CASES, ids=[f"{e.name}:{v.name}" for e, v in CASES])
def test_bad_input(entry: Entry, variant: Variant, world, client_for, media_root):
    client = client_for(entry.role)
    outcome = variant.expect
    if outcome.kind in ("error", "status"):
        before = state()
        response = send(client, entry, variant, world)
        if outcome.kind == "error":
            assert_form_error(response, entry, outcome, world)
        else:
            assert response.status_code == outcome.status, response.status_code
        assert_unchanged(before)
        assert stored_files(media_root) == [], "a refused upload left a file behind"
    elif outcome.kind == "accepted":
        response = send(client, entry, variant, world)
        assert response.status_code == 302, _errors(response, entry)
        sent = sent_value(variant)
        expected = outcome.value if outcome.value is not None else sent
        assert read_back(outcome.stored, world) == expected
        if entry.shown_at:
            page = client.get(fill(entry.shown_at, world))
            assert page.status_code == 200
            assert_escaped(page)
            if isinstance(sent, str) and "<" not in sent and outcome.value is None:
                assert shown_in(sent, page.content.decode()), "the accepted text is not shown"
    elif outcome.kind == "ignored":
        before = getattr(READERS[entry.subject](world), outcome.stored)
        response = send(client, entry, variant, world)
        assert response.status_code == 302, _errors(response, entry)
        assert getattr(READERS[entry.subject](world), outcome.stored) == before
    else:  # pragma: no cover - the catalogue's outcomes are all above
        pytest.fail(f"unknown outcome {outcome.kind}")


def _errors(response, entry: Entry) -> str:
    if response.status_code != 200 or not response.context:
        return f"answered {response.status_code}"
    return f"answered 200 with errors {dict(page_form(response, entry).errors)}"


def test_uploads_accepted_are_stored_inside_their_folder(world, client_for, media_root):
    """A name with a path in it is stored under the report's own folder, by its content's extension."""
    entry = catalogue.UPLOADS[0]
    variant = next(v for v in entry.variants if v.name == "path-traversal")
    response = send(client_for(entry.role), entry, variant, world)
    assert response.status_code == 302
    assert stored_files(media_root) == [f"progress-reports/{world['report']}/passwd.pdf"]


def test_script_in_a_file_name_is_shown_escaped(world, client_for):
    entry = catalogue.UPLOADS[0]
    variant = next(v for v in entry.variants if v.name == "script-name")
    client = client_for(entry.role)
    send(client, entry, variant, world)
    page = client.get(fill(entry.shown_at, world)).content.decode()
    assert "<b onmouseover" not in page
    assert "&lt;b onmouseover=alert(1)&gt;x.pdf" in page
    assert SCRIPT not in page
