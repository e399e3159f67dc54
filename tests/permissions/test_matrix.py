"""Every role against every page and every action, checked against one table taken from accounts/policy.py.

The table below is written from the policy docstring's role × action table, not from what the
views do. A refused request answers 302 to the login page (anonymous and inactive users, and
anyone but HQ at the admin site, which sends them to its own login), 404 when the user may not
see the object at all (which does not confirm that it exists), 403 when they may see it but not
act on it, or 200 with the form's refusal when they may use the form but not for this (a status
move it does not offer a CTA, a report its state locks). A refused request writes nothing: every
row of the project's tables is compared before and after. An allowed request answers 200 (a
page) or 302 (a form that saved), and the database holds what it saved.
"""

from __future__ import annotations

import datetime
import html
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from accounts.models import User
from partners.models import CommitteeMeeting
from projects.forms import figure_field_name
from projects.models import EvidenceFile, ProgressReport, Project, StatusChange
from projects.progress_reports import totals_against_targets
from tests.admin.helpers import form_data
from tests.ipec.invariants import country, snapshot
from tests.permissions.conftest import PNG, ROLES, World

pytestmark = pytest.mark.django_db

# Outcomes, one letter each so that the table reads at a glance.
Y = "allowed"  # a page: 200; a form: 302, and the database holds the change
L = "login"  # 302 to /accounts/login/?next=<the page>
A = "admin login"  # 302 to /admin/login/: the admin site's answer to anyone but HQ staff
F = 403  # may see the object, may not do this to it
N = 404  # may not see the object at all (the answer does not confirm it exists)
W = "refused by the form"  # 200, the form again with its refusal: a move it does not offer, a locked report

# fmt: off
# cta_a is the CTA of project A (India), cta_b of project B (Brazil); evaluator_1 is assigned to
# the (published) evaluation of project A, evaluator_2 to the (open) one of project B; the inactive
# user is HQ staff whose account was deactivated.
TABLE: dict[str, tuple] = {
    # Pages                                     hq cta_a cta_b eval_1 eval_2 viewer anon inactive
    "GET dashboard":                            (Y,  Y,     Y,     F,      F,      Y,      L,    L),
    "GET evaluations list":                     (Y,  Y,     Y,     Y,      Y,      Y,      L,    L),
    "GET my projects":                          (Y,  Y,     Y,     F,      F,      F,      L,    L),
    "GET review queue":                         (Y,  F,     F,     F,      F,      F,      L,    L),
    "GET project A":                            (Y,  Y,     Y,     Y,      N,      Y,      L,    L),
    "GET project B":                            (Y,  Y,     Y,     N,      Y,      Y,      L,    L),
    "GET global project":                       (Y,  Y,     Y,     N,      N,      Y,      L,    L),
    "GET status form of A":                     (Y,  Y,     F,     F,      N,      F,      L,    L),
    "GET status form of B":                     (Y,  F,     Y,     N,      F,      F,      L,    L),
    "GET status form of the global project":    (Y,  F,     F,     N,      N,      F,      L,    L),
    "GET narrative form of A":                  (Y,  Y,     F,     F,      N,      F,      L,    L),
    "GET draft report":                         (Y,  Y,     N,     N,      N,      N,      L,    L),
    "GET submitted report":                     (Y,  Y,     N,     N,      N,      N,      L,    L),
    "GET accepted report":                      (Y,  Y,     Y,     Y,      N,      Y,      L,    L),
    "GET evidence of the draft":                (Y,  Y,     N,     N,      N,      N,      L,    L),
    "GET evidence of the accepted report":      (Y,  Y,     Y,     Y,      N,      Y,      L,    L),
    "GET NSC page":                             (Y,  Y,     Y,     N,      N,      Y,      L,    L),
    "GET advisory committee page":              (Y,  Y,     Y,     N,      N,      Y,      L,    L),
    "GET NSC meeting form":                     (Y,  Y,     F,     N,      N,      F,      L,    L),
    "GET advisory committee meeting form":      (Y,  Y,     F,     N,      N,      F,      L,    L),
    "GET NSC minutes":                          (Y,  Y,     Y,     N,      N,      Y,      L,    L),
    "GET admin index":                          (Y,  A,     A,     A,      A,      A,      A,    A),
    "GET admin projects":                       (Y,  A,     A,     A,      A,      A,      A,    A),
    "GET admin progress reports":               (Y,  A,     A,     A,      A,      A,      A,    A),
    "GET admin users":                          (Y,  A,     A,     A,      A,      A,      A,    A),
    "GET admin committees":                     (Y,  A,     A,     A,      A,      A,      A,    A),
    "GET admin change of project A":            (Y,  A,     A,     A,      A,      A,      A,    A),
    "GET admin status move of project A":       (Y,  A,     A,     A,      A,      A,      A,    A),
    "GET admin view of the submitted report":   (Y,  A,     A,     A,      A,      A,      A,    A),
    # Actions                                   hq cta_a cta_b eval_1 eval_2 viewer anon inactive
    "POST suspend project A (field move)":      (Y,  Y,     F,     F,      N,      F,      L,    L),
    "POST cancel project A (HQ's move)":        (Y,  W,     F,     F,      N,      F,      L,    L),
    "POST status note of the global project":   (Y,  F,     F,     N,      N,      F,      L,    L),
    "POST narrative of A":                      (Y,  Y,     F,     F,      N,      F,      L,    L),
    "POST save the draft":                      (Y,  Y,     N,     N,      N,      N,      L,    L),
    "POST submit the draft":                    (Y,  Y,     N,     N,      N,      N,      L,    L),
    "POST save the submitted report":           (W,  W,     N,     N,      N,      N,      L,    L),
    "POST save the accepted report":            (W,  W,     F,     F,      N,      F,      L,    L),
    "POST accept the submitted report":         (Y,  F,     N,     N,      N,      N,      L,    L),
    "POST return the submitted report":         (Y,  F,     N,     N,      N,      N,      L,    L),
    "POST accept the draft":                    (W,  F,     N,     N,      N,      N,      L,    L),
    "POST evidence to the draft":               (Y,  Y,     N,     N,      N,      N,      L,    L),
    "POST evidence to the accepted report":     (W,  W,     F,     F,      N,      F,      L,    L),
    "POST NSC meeting":                         (Y,  Y,     F,     N,      N,      F,      L,    L),
    "POST advisory committee meeting":          (Y,  Y,     F,     N,      N,      F,      L,    L),
    "POST admin change of project A":           (Y,  A,     A,     A,      A,      A,      A,    A),
    "POST admin status move of project A":      (Y,  A,     A,     A,      A,      A,      A,    A),
}
# fmt: on

# Where the code does not yet do what the policy says. Each is a bug to fix in the code, not here.
KNOWN_BUGS: dict[tuple[str, str], str] = {}


# How each action is made --------------------------------------------------------------------------

NOTE = "Suspended while the district schools are closed by the floods."
COMMENT = "Give the figures by district, please."
HELD_ON = datetime.date(2025, 3, 12)


def _project(world: World, name: str = "project_a") -> Project:
    return Project.objects.get(pk=getattr(world, name).pk)


def _report(world: World, name: str) -> ProgressReport:
    return ProgressReport.objects.get(pk=getattr(world, name).pk)


def _report_url(view: str, world: World, name: str) -> str:
    report = getattr(world, name)
    return reverse(f"projects:{view}", args=[world.project_a.slug, report.pk])


def _status_data(project: Project, **changes) -> dict:
    data = {
        "version": project.version,
        "rating": "at_risk",
        "status_note": NOTE,
        "to_status": "",
        "effective_on": timezone.localdate().isoformat(),
        "actual_start": project.actual_start.isoformat() if project.actual_start else "",
        "actual_end": "",
    }
    return {**data, **changes}


def _report_data(report: ProgressReport, action: str) -> dict:
    field = figure_field_name(country("IND").pk, "withdrawn", "girls", "12-14")
    return {
        "version": report.version,
        "rating": "at_risk",
        "narrative": "Rewritten after the floods.",
        "challenges": "",
        "next_steps": "",
        field: "7",
        "action": action,
    }


def _review_data(report: ProgressReport, decision: str, comment: str = "") -> dict:
    return {"version": report.version, "decision": decision, "comment": comment}


def _evidence_data(report: ProgressReport) -> dict:
    return {"version": report.version, "file": SimpleUploadedFile("upload.png", PNG)}


def _meeting_data(world: World) -> dict:
    return {"held_on": HELD_ON.isoformat(), "agenda": "Annual review", "decisions": "Adopt the workplan."}


def _admin_change_data(world: World) -> dict:
    """What HQ's browser posts from project A's admin page, with a new title."""
    hq = Client()
    hq.force_login(world.user("hq"))
    page = hq.get(reverse("admin:projects_project_change", args=[world.project_a.pk]))
    assert page.status_code == 200
    return {**form_data(page), "title": "Retitled by HQ"}


def _admin_move_data(world: World) -> dict:
    return {"to_status": "completed", "effective_on": timezone.localdate().isoformat(), "note": "Closed early."}


# The effects of allowed actions: what the database must hold afterwards.


def _last_move(project: Project) -> StatusChange:
    return StatusChange.objects.filter(project=project).order_by("-changed_at", "-id").first()


def _suspended(world: World, user: User) -> None:
    project = _project(world)
    assert (project.status, project.rating, project.status_note) == ("suspended", "at_risk", NOTE)
    move = _last_move(project)
    assert (move.from_status, move.to_status, move.changed_by) == ("active", "suspended", user)


def _cancelled(world: World, user: User) -> None:
    project = _project(world)
    move = _last_move(project)
    assert project.status == "cancelled"
    assert (move.to_status, move.changed_by) == ("cancelled", user)


def _global_noted(world: World, user: User) -> None:
    project = _project(world, "global_project")
    assert (project.status, project.rating, project.status_note) == ("active", "on_track", NOTE)
    assert project.status_note_on == timezone.localdate()
    assert project.history.first().history_user == user


def _narrative_saved(world: World, user: User) -> None:
    project = _project(world)
    assert (project.summary, project.objectives) == ("A new summary.", "New objectives.")
    assert project.history.first().history_user == user


def _draft_saved(world: World, user: User) -> None:
    report = _report(world, "draft")
    assert (report.status, report.rating, report.narrative) == ("draft", "at_risk", "Rewritten after the floods.")
    assert [f.value for f in report.figures.all()] == [7]
    assert report.history.first().history_user == user


def _draft_submitted(world: World, user: User) -> None:
    report = _report(world, "draft")
    assert (report.status, report.narrative) == ("submitted", "Rewritten after the floods.")
    step = report.steps.order_by("-id").first()
    assert (step.from_status, step.to_status, step.by) == ("draft", "submitted", user)


def _accepted(world: World, user: User) -> None:
    report = _report(world, "submitted")
    assert report.status == "accepted"
    assert report.steps.order_by("-id").first().by == user
    # Its 20 girls withdrawn join the 12 of the report accepted before.
    assert totals_against_targets(_project(world))["withdrawn"] == {"target": 200, "actual": 32}


def _returned(world: World, user: User) -> None:
    report = _report(world, "submitted")
    assert (report.status, report.review_comment) == ("returned", COMMENT)
    step = report.steps.order_by("-id").first()
    assert (step.to_status, step.by, step.comment) == ("returned", user, COMMENT)
    assert totals_against_targets(_project(world))["withdrawn"]["actual"] == 12


def _evidence_added(world: World, user: User) -> None:
    added = EvidenceFile.objects.filter(report=world.draft).exclude(pk=world.draft_evidence.pk).get()
    assert (added.original_name, added.content_type, added.uploaded_by) == ("upload.png", "image/png", user)


def _meeting_recorded(name: str) -> Callable[[World, User], None]:
    def check(world: World, user: User) -> None:
        recorded = CommitteeMeeting.objects.get(committee=getattr(world, name), held_on=HELD_ON)
        assert (recorded.agenda, recorded.decisions) == ("Annual review", "Adopt the workplan.")

    return check


def _retitled(world: World, user: User) -> None:
    project = _project(world)
    assert project.title == "Retitled by HQ"
    assert project.history.first().history_user == user


def _completed(world: World, user: User) -> None:
    project = _project(world)
    assert project.status == "completed"
    assert _last_move(project).changed_by == user


@dataclass(frozen=True)
class Action:
    url: Callable[[World], str]
    url_name: str  # the route it exercises, for the coverage check below
    data: Callable[[World], dict] | None = None  # a POST when given
    effect: Callable[[World, User], None] | None = None  # checked when the POST is allowed
    refusal: str = ""  # what the form says when the workflow refuses it (outcome W)


def _get(url_name: str, *args: Callable[[World], object]) -> Action:
    return Action(url=lambda w: reverse(url_name, args=[arg(w) for arg in args]), url_name=url_name)


def _slug(name: str) -> Callable[[World], str]:
    return lambda w: getattr(w, name).slug


def _pk(name: str) -> Callable[[World], int]:
    return lambda w: getattr(w, name).pk


ACTIONS: dict[str, Action] = {
    "GET dashboard": _get("home"),
    "GET evaluations list": _get("evaluations:list"),
    "GET my projects": _get("projects:my-projects"),
    "GET review queue": _get("projects:reviews"),
    "GET project A": _get("projects:detail", _slug("project_a")),
    "GET project B": _get("projects:detail", _slug("project_b")),
    "GET global project": _get("projects:detail", _slug("global_project")),
    "GET status form of A": _get("projects:status", _slug("project_a")),
    "GET status form of B": _get("projects:status", _slug("project_b")),
    "GET status form of the global project": _get("projects:status", _slug("global_project")),
    "GET narrative form of A": _get("projects:narrative", _slug("project_a")),
    "GET draft report": _get("projects:report", _slug("project_a"), _pk("draft")),
    "GET submitted report": _get("projects:report", _slug("project_a"), _pk("submitted")),
    "GET accepted report": _get("projects:report", _slug("project_a"), _pk("accepted")),
    "GET evidence of the draft": _get("projects:evidence", _slug("project_a"), _pk("draft"), _pk("draft_evidence")),
    "GET evidence of the accepted report": _get(
        "projects:evidence", _slug("project_a"), _pk("accepted"), _pk("accepted_evidence")
    ),
    "GET NSC page": _get("partners:committee", _pk("nsc")),
    "GET advisory committee page": _get("partners:committee", _pk("pac")),
    "GET NSC meeting form": _get("partners:meeting-new", _pk("nsc")),
    "GET advisory committee meeting form": _get("partners:meeting-new", _pk("pac")),
    "GET NSC minutes": _get("partners:meeting-minutes", _pk("nsc"), _pk("meeting")),
    "GET admin index": _get("admin:index"),
    "GET admin projects": _get("admin:projects_project_changelist"),
    "GET admin progress reports": _get("admin:projects_progressreport_changelist"),
    "GET admin users": _get("admin:accounts_user_changelist"),
    "GET admin committees": _get("admin:partners_steeringcommittee_changelist"),
    "GET admin change of project A": _get("admin:projects_project_change", _pk("project_a")),
    "GET admin status move of project A": _get("admin:projects_project_status", _pk("project_a")),
    "GET admin view of the submitted report": _get("admin:projects_progressreport_change", _pk("submitted")),
    "POST suspend project A (field move)": Action(
        url=lambda w: reverse("projects:status", args=[w.project_a.slug]),
        url_name="projects:status",
        data=lambda w: _status_data(_project(w), to_status="suspended"),
        effect=_suspended,
    ),
    "POST cancel project A (HQ's move)": Action(
        url=lambda w: reverse("projects:status", args=[w.project_a.slug]),
        url_name="projects:status",
        data=lambda w: _status_data(_project(w), to_status="cancelled"),
        effect=_cancelled,
        refusal="Select a valid choice. cancelled is not one of the available choices.",
    ),
    "POST status note of the global project": Action(
        url=lambda w: reverse("projects:status", args=[w.global_project.slug]),
        url_name="projects:status",
        data=lambda w: _status_data(_project(w, "global_project"), rating="on_track"),
        effect=_global_noted,
    ),
    "POST narrative of A": Action(
        url=lambda w: reverse("projects:narrative", args=[w.project_a.slug]),
        url_name="projects:narrative",
        data=lambda w: {
            "version": _project(w).version,
            "summary": "A new summary.",
            "objectives": "New objectives.",
        },
        effect=_narrative_saved,
    ),
    "POST save the draft": Action(
        url=lambda w: _report_url("report-save", w, "draft"),
        url_name="projects:report-save",
        data=lambda w: _report_data(_report(w, "draft"), "save"),
        effect=_draft_saved,
    ),
    "POST submit the draft": Action(
        url=lambda w: _report_url("report-save", w, "draft"),
        url_name="projects:report-save",
        data=lambda w: _report_data(_report(w, "draft"), "submit"),
        effect=_draft_submitted,
    ),
    "POST save the submitted report": Action(
        url=lambda w: _report_url("report-save", w, "submitted"),
        url_name="projects:report-save",
        data=lambda w: _report_data(_report(w, "submitted"), "save"),
        refusal="This report is submitted: it can no longer be changed by its author.",
    ),
    "POST save the accepted report": Action(
        url=lambda w: _report_url("report-save", w, "accepted"),
        url_name="projects:report-save",
        data=lambda w: _report_data(_report(w, "accepted"), "save"),
        refusal="This report is accepted: it can no longer be changed by its author.",
    ),
    "POST accept the submitted report": Action(
        url=lambda w: _report_url("report-review", w, "submitted"),
        url_name="projects:report-review",
        data=lambda w: _review_data(_report(w, "submitted"), "accept"),
        effect=_accepted,
    ),
    "POST return the submitted report": Action(
        url=lambda w: _report_url("report-review", w, "submitted"),
        url_name="projects:report-review",
        data=lambda w: _review_data(_report(w, "submitted"), "return", COMMENT),
        effect=_returned,
    ),
    "POST accept the draft": Action(
        url=lambda w: _report_url("report-review", w, "draft"),
        url_name="projects:report-review",
        data=lambda w: _review_data(_report(w, "draft"), "accept"),
        refusal="This report is draft: it cannot become accepted.",
    ),
    "POST evidence to the draft": Action(
        url=lambda w: _report_url("evidence-upload", w, "draft"),
        url_name="projects:evidence-upload",
        data=lambda w: _evidence_data(_report(w, "draft")),
        effect=_evidence_added,
    ),
    "POST evidence to the accepted report": Action(
        url=lambda w: _report_url("evidence-upload", w, "accepted"),
        url_name="projects:evidence-upload",
        data=lambda w: _evidence_data(_report(w, "accepted")),
        refusal="This report is accepted: it can no longer be changed by its author.",
    ),
    "POST NSC meeting": Action(
        url=lambda w: reverse("partners:meeting-new", args=[w.nsc.pk]),
        url_name="partners:meeting-new",
        data=_meeting_data,
        effect=_meeting_recorded("nsc"),
    ),
    "POST advisory committee meeting": Action(
        url=lambda w: reverse("partners:meeting-new", args=[w.pac.pk]),
        url_name="partners:meeting-new",
        data=_meeting_data,
        effect=_meeting_recorded("pac"),
    ),
    "POST admin change of project A": Action(
        url=lambda w: reverse("admin:projects_project_change", args=[w.project_a.pk]),
        url_name="admin:projects_project_change",
        data=_admin_change_data,
        effect=_retitled,
    ),
    "POST admin status move of project A": Action(
        url=lambda w: reverse("admin:projects_project_status", args=[w.project_a.pk]),
        url_name="admin:projects_project_status",
        data=_admin_move_data,
        effect=_completed,
    ),
}

# Routes of the site that are not the portfolio's: open to all, or the signed-in person's own account.
NOT_IN_THE_MATRIX = {
    "healthz",
    "login",
    "logout",
    "password_change",
    "password_change_done",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
}


def _cases() -> list:
    cases = []
    for action, outcomes in TABLE.items():
        for role, outcome in zip(ROLES, outcomes, strict=True):
            marks = []
            if (action, role) in KNOWN_BUGS:
                marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[(action, role)]))
            cases.append(pytest.param(action, role, outcome, id=f"{action} | {role}", marks=marks))
    return cases


# The matrix -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("action", "role", "expected"), _cases())
def test_matrix(client, world: World, action: str, role: str, expected) -> None:
    how = ACTIONS[action]
    url = how.url(world)
    data = how.data(world) if how.data else None  # before the snapshot: it may sign HQ in to build it
    user = world.user(role)
    if user is not None:
        client.force_login(user)  # writes last_login: also before the snapshot
    before = snapshot()

    response = client.post(url, data) if data is not None else client.get(url)

    status = response.status_code
    location = response.get("Location", "")
    if expected == L:
        assert (status, location.split("?")[0]) == (302, reverse("login")), location
        assert f"next={url}" in location.replace("%2F", "/")
    elif expected == A:
        assert (status, location.split("?")[0]) == (302, reverse("admin:login")), location
    elif expected in (F, N):
        assert status == expected
    elif expected == W:
        assert status == 200
        page = html.unescape(response.content.decode())
        assert 'role="alert"' in page and how.refusal in page, "the refusal is not shown"
    elif data is None:  # an allowed page
        assert status == 200
        if hasattr(response, "streaming_content"):
            assert response["Content-Disposition"].startswith("attachment;")
            b"".join(response.streaming_content)
    else:  # an allowed action
        assert status == 302, response.content.decode()[:2000]
        assert not location.startswith((reverse("login"), reverse("admin:login"))), location
        how.effect(world, user)
        return
    assert snapshot() == before, "the request changed the database"


def test_the_table_covers_every_action_and_role() -> None:
    assert set(TABLE) == set(ACTIONS)
    for name, outcomes in TABLE.items():
        action = ACTIONS[name]
        assert (Y in outcomes and action.data is not None) == (action.effect is not None), name
        assert (W in outcomes) == bool(action.refusal), name
    assert all(len(outcomes) == len(ROLES) for outcomes in TABLE.values())


def _routes(patterns, namespace: str | None = None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_page_of_the_site_is_in_the_matrix() -> None:
    """A new view fails here until its row is added to the table (the admin's own pages excepted)."""
    routes = {route for route in _routes(get_resolver().url_patterns) if not route.startswith("admin:")}
    covered = {action.url_name for action in ACTIONS.values()}
    assert routes - NOT_IN_THE_MATRIX - covered == set()
