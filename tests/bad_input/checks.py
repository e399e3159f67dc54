"""Sending a catalogue case and checking its outcome: shared by the form, upload and query-parameter tests."""

from __future__ import annotations

import html
from urllib.parse import unquote

from django import forms
from django.http import HttpResponse

from evaluations.models import Evaluation, Finding, GoodPractice, LessonLearned, Recommendation
from partners.models import CommitteeMeeting
from projects.models import EvidenceFile, ProgressReport, Project
from tests.admin.helpers import form_data
from tests.bad_input.catalogue import SCRIPT, Entry, Outcome, Raw, Upload, Variant
from tests.bad_input.requests import MULTIPART, URLENCODED, fill, multipart, pairs, urlencoded


def send(client, entry: Entry, variant: Variant | None, world: dict) -> HttpResponse:
    """The entry's request, with the variant's changes (None: the baseline as it is)."""
    path = fill(variant.path if variant and variant.path else entry.path, world)
    baseline = dict(entry.baseline)
    if entry.prefill:
        baseline = {**form_data(client.get(fill(entry.path, world))), **baseline}
    items = pairs(baseline, variant.changes if variant else {}, world)
    if entry.method == "GET":
        query = urlencoded(items)
        return client.get(f"{path}?{query}" if query else path)
    if any(isinstance(value, Upload) for _, value in items) or entry.kind == "upload":
        return client.generic("POST", path, multipart(items), content_type=MULTIPART)
    return client.generic("POST", path, urlencoded(items), content_type=URLENCODED)


def sent_value(variant: Variant, param: str | None = None):
    """What the variant sent for the last field it changes (or `param`), as Django decoded it."""
    name = param or list(variant.changes)[-1]
    value = variant.changes[name]
    if isinstance(value, Raw):
        return unquote(value.text, errors="replace")
    return value


# The objects an accepted or ignored case reads back, by the catalogue's subject names.
READERS = {
    "project": lambda w: Project.objects.get(pk=w["project_pk"]),
    "report": lambda w: ProgressReport.objects.get(pk=w["report"]),
    "submitted": lambda w: ProgressReport.objects.get(pk=w["submitted"]),
    "evaluation": lambda w: Evaluation.objects.get(pk=w["evaluation"]),
    "finding": lambda w: Finding.objects.get(evaluation_id=w["evaluation"], criterion="relevance"),
    "recommendation": lambda w: Recommendation.objects.filter(evaluation_id=w["evaluation"]).latest("number"),
    "lesson": lambda w: LessonLearned.objects.filter(evaluation_id=w["evaluation"]).latest("pk"),
    "practice": lambda w: GoodPractice.objects.filter(evaluation_id=w["evaluation"]).latest("pk"),
    "meeting": lambda w: CommitteeMeeting.objects.filter(committee_id=w["committee"]).latest("pk"),
    "evidence": lambda w: EvidenceFile.objects.filter(report_id=w["report"]).latest("pk"),
}


def read_back(stored: str, world: dict):
    subject, attribute = stored.split(".")
    return getattr(READERS[subject](world), attribute)


def page_form(response: HttpResponse, entry: Entry) -> forms.BaseForm:
    context = response.context
    if entry.kind == "admin" and entry.prefill:
        return context["adminform"].form
    return context[entry.form]


def assert_escaped(response: HttpResponse) -> None:
    assert SCRIPT.encode() not in response.content, "the page shows a sent script unescaped"


def assert_form_error(response: HttpResponse, entry: Entry, outcome: Outcome, world: dict) -> None:
    """200, the form's error on the expected field, and its message on the page (escaped)."""
    assert response.status_code == 200, f"expected the form again with an error, got {response.status_code}"
    form = page_form(response, entry)
    content = response.content.decode()
    if outcome.field is None:  # the admin: an error anywhere on its page (a form or an inline)
        assert response.context["errors"], "no error on the admin page"
        return
    name = fill(outcome.field, world)
    errors = form.errors.get(name)
    assert errors, f"no error on {name!r}; errors: {dict(form.errors)}"
    shown = entry.shown_as.get(outcome.field, str(errors[0]))
    assert shown_in(shown, content), f"the error {shown!r} is not shown on the page"
    assert_escaped(response)


def assert_list_error(response: HttpResponse, param: str) -> None:
    """200, a sentence naming `?param=` among the page's errors, shown on the page."""
    assert response.status_code == 200, response.status_code
    errors = response.context["errors"]
    named = [sentence for sentence in errors if f"(?{param}=)" in sentence]
    assert named, f"no error names ?{param}=: {errors}"
    assert shown_in(named[0], response.content.decode()), f"{named[0]!r} is not shown on the page"
    assert_escaped(response)


def shown_in(text: str, content: str) -> bool:
    """Whether the page shows `text`, escaped as templates escape it."""
    return html.escape(text) in content or html.escape(text, quote=False) in content


def body(response: HttpResponse) -> bytes:
    """The whole body, streamed ones too (a streamed export runs its queries while it is read)."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content
