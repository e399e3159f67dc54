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
from evaluations.forms import EvaluationTextsForm, stamp
from evaluations.models import Evaluation, Finding, GoodPractice, LessonLearned, Recommendation, ReportState
from partners.models import CommitteeMeeting, Donor
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
    # The portfolio lists, their exports and suggestions (403: the role may not see the portfolio), and the
    # country and partner pages (404, like the committee pages)
    "GET project list":                         (Y,  Y,     Y,     F,      F,      Y,      L,    L),
    "GET projects export (CSV)":                (Y,  Y,     Y,     F,      F,      Y,      L,    L),
    "GET projects export (XLSX)":               (Y,  Y,     Y,     F,      F,      Y,      L,    L),
    "GET country list":                         (Y,  Y,     Y,     F,      F,      Y,      L,    L),
    "GET countries export (CSV)":               (Y,  Y,     Y,     F,      F,      Y,      L,    L),
    "GET countries export (XLSX)":              (Y,  Y,     Y,     F,      F,      Y,      L,    L),
    "GET country suggestions (JSON)":           (Y,  Y,     Y,     F,      F,      Y,      L,    L),
    "GET India's page":                         (Y,  Y,     Y,     N,      N,      Y,      L,    L),
    "GET partner list":                         (Y,  Y,     Y,     F,      F,      Y,      L,    L),
    "GET partners export (CSV)":                (Y,  Y,     Y,     F,      F,      Y,      L,    L),
    "GET partners export (XLSX)":               (Y,  Y,     Y,     F,      F,      Y,      L,    L),
    "GET partner suggestions (JSON)":           (Y,  Y,     Y,     F,      F,      Y,      L,    L),
    "GET the USA donor's page":                 (Y,  Y,     Y,     N,      N,      Y,      L,    L),
    "GET lessons library":                      (Y,  Y,     Y,     Y,      Y,      Y,      L,    L),
    "GET lessons export (CSV)":                 (Y,  Y,     Y,     F,      F,      Y,      L,    L),
    "GET evaluation 1 (published)":             (Y,  Y,     Y,     Y,      N,      Y,      L,    L),
    "GET evaluation 2 (open)":                  (Y,  N,     N,     N,      Y,      N,      L,    L),
    "GET report page of evaluation 1":          (Y,  Y,     Y,     Y,      N,      Y,      L,    L),
    "GET report page of evaluation 2":          (Y,  N,     N,     N,      Y,      N,      L,    L),
    "GET report state of evaluation 2":         (Y,  N,     N,     N,      Y,      N,      L,    L),
    "GET report PDF of evaluation 1":           (Y,  Y,     Y,     Y,      N,      Y,      L,    L),
    "GET texts form of evaluation 2":           (Y,  N,     N,     N,      Y,      N,      L,    L),
    "GET texts form of evaluation 1":           (F,  F,     F,     F,      N,      F,      L,    L),
    "GET findings form of evaluation 2":        (Y,  N,     N,     N,      Y,      N,      L,    L),
    "GET recommendation form of evaluation 2":  (Y,  N,     N,     N,      Y,      N,      L,    L),
    "GET lesson form of evaluation 2":          (Y,  N,     N,     N,      Y,      N,      L,    L),
    "GET good practice form of evaluation 2":   (Y,  N,     N,     N,      Y,      N,      L,    L),
    "GET advance form of evaluation 2":         (Y,  N,     N,     N,      F,      N,      L,    L),
    "GET advance form of evaluation 1":         (Y,  F,     F,     F,      N,      F,      L,    L),
    "GET response form of evaluation 1":        (Y,  F,     F,     F,      N,      F,      L,    L),
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
    "POST texts of evaluation 2":               (Y,  N,     N,     N,      Y,      N,      L,    L),
    "POST texts of evaluation 1 (published)":   (F,  F,     F,     F,      N,      F,      L,    L),
    "POST findings to evaluation 2":            (Y,  N,     N,     N,      Y,      N,      L,    L),
    "POST findings to evaluation 1 (published)": (F, F,     F,     F,      N,      F,      L,    L),
    "POST recommendation to evaluation 2":      (Y,  N,     N,     N,      Y,      N,      L,    L),
    "POST lesson to evaluation 2":              (Y,  N,     N,     N,      Y,      N,      L,    L),
    "POST lesson to evaluation 1 (published)":  (F,  F,     F,     F,      N,      F,      L,    L),
    "POST good practice to evaluation 2":       (Y,  N,     N,     N,      Y,      N,      L,    L),
    "POST advance evaluation 2":                (Y,  N,     N,     N,      F,      N,      L,    L),
    "POST advance evaluation 1 (published)":    (W,  F,     F,     F,      N,      F,      L,    L),
    "POST response to evaluation 1":            (Y,  F,     F,     F,      N,      F,      L,    L),
    "POST ask for the report of evaluation 2":  (Y,  N,     N,     N,      Y,      N,      L,    L),
    "POST ask for the report of evaluation 1":  (Y,  F,     F,     Y,      N,      F,      L,    L),
    "POST response to evaluation 2":            (Y,  N,     N,     N,      F,      N,      L,    L),
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


# Evaluations: what is posted, and what the database holds after an allowed post.

CONCLUSIONS = "The project met most of its targets."


def _evaluation(world: World, name: str) -> Evaluation:
    return Evaluation.objects.get(pk=getattr(world, name).pk)


def _texts_data(world: World, name: str) -> dict:
    evaluation = _evaluation(world, name)
    texts = {field: getattr(evaluation, field) for field in EvaluationTextsForm.TEXT_FIELDS}
    return {**texts, "version": evaluation.version, "conclusions": CONCLUSIONS}


def _finding_data(world: World, name: str) -> dict:
    finding = Finding.objects.filter(evaluation=getattr(world, name), criterion="relevance").first()
    return {"based_on": stamp(finding), "rating": "4", "text": "Relevant to the districts' needs."}


def _lesson_data(world: World) -> dict:
    return {"title": "Mobile schools", "description": "They reached children of seasonal migrants."}


def _advance_data(world: World, name: str) -> dict:
    evaluation = _evaluation(world, name)
    return {"from_status": evaluation.status, "reached_on": timezone.localdate().isoformat(), "note": "ToR agreed."}


def _response_data(world: World, name: str) -> dict:
    recommendation = Recommendation.objects.get(evaluation=getattr(world, name), number=1)
    return {
        "based_on": stamp(recommendation),
        "management_response": "partially",
        "response_comment": "Within the budget.",
        "follow_up": "in_progress",
    }


def _report_asked(evaluation: Evaluation, user: User) -> None:
    latest = evaluation.reports.order_by("-version").first()
    assert latest.requested_by == user and latest.state != ReportState.READY


def _evaluation_url(url_name: str, name: str, *more) -> Callable[[World], str]:
    return lambda w: reverse(f"evaluations:{url_name}", args=[getattr(w, name).pk, *more])


def _texts_saved(world: World, user: User) -> None:
    evaluation = _evaluation(world, "evaluation_2")
    assert evaluation.conclusions == CONCLUSIONS
    assert evaluation.history.first().history_user == user


def _finding_saved(world: World, user: User) -> None:
    finding = Finding.objects.get(evaluation=world.evaluation_2, criterion="relevance")
    assert (finding.rating, finding.text) == (4, "Relevant to the districts' needs.")


def _recommendation_added(world: World, user: User) -> None:
    added = Recommendation.objects.get(evaluation=world.evaluation_2, number=2)
    assert (added.addressee, added.priority) == ("Ministry of Education", "high")


def _lesson_added(world: World, user: User) -> None:
    assert LessonLearned.objects.get(evaluation=world.evaluation_2).title == "Mobile schools"


def _practice_added(world: World, user: User) -> None:
    assert GoodPractice.objects.get(evaluation=world.evaluation_2).title == "Child labour monitoring"


def _evaluation_advanced(world: World, user: User) -> None:
    evaluation = _evaluation(world, "evaluation_2")
    assert evaluation.status == "tor"
    step = evaluation.steps.get(status="tor")
    assert (step.changed_by, step.note, step.reached_on) == (user, "ToR agreed.", timezone.localdate())


def _responded(name: str) -> Callable[[World, User], None]:
    def check(world: World, user: User) -> None:
        recommendation = Recommendation.objects.get(evaluation=getattr(world, name), number=1)
        assert (recommendation.management_response, recommendation.follow_up) == ("partially", "in_progress")
        assert recommendation.response_comment == "Within the budget."

    return check


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
    "GET project list": _get("projects:list"),
    "GET projects export (CSV)": _get("projects:export-csv"),
    "GET projects export (XLSX)": _get("projects:export-xlsx"),
    "GET country list": _get("countries:list"),
    "GET countries export (CSV)": _get("countries:export-csv"),
    "GET countries export (XLSX)": _get("countries:export-xlsx"),
    "GET country suggestions (JSON)": _get("countries:lookup"),
    "GET India's page": _get("countries:detail", lambda w: "IND"),
    "GET partner list": _get("partners:list"),
    "GET partners export (CSV)": _get("partners:export-csv"),
    "GET partners export (XLSX)": _get("partners:export-xlsx"),
    "GET partner suggestions (JSON)": _get("partners:lookup"),
    "GET the USA donor's page": _get("partners:detail", lambda w: Donor.objects.get(code="USA").partner_id),
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
    "GET lessons library": _get("evaluations:lessons"),
    "GET lessons export (CSV)": _get("evaluations:lessons-export"),
    "GET evaluation 1 (published)": _get("evaluations:detail", _pk("evaluation_1")),
    "GET evaluation 2 (open)": _get("evaluations:detail", _pk("evaluation_2")),
    "GET texts form of evaluation 2": _get("evaluations:texts", _pk("evaluation_2")),
    "GET texts form of evaluation 1": _get("evaluations:texts", _pk("evaluation_1")),
    "GET findings form of evaluation 2": _get("evaluations:finding", _pk("evaluation_2"), lambda w: "relevance"),
    "GET recommendation form of evaluation 2": _get("evaluations:recommendation-new", _pk("evaluation_2")),
    "GET lesson form of evaluation 2": _get("evaluations:lesson-new", _pk("evaluation_2")),
    "GET good practice form of evaluation 2": _get("evaluations:good-practice-new", _pk("evaluation_2")),
    "GET advance form of evaluation 2": _get("evaluations:advance", _pk("evaluation_2")),
    "GET advance form of evaluation 1": _get("evaluations:advance", _pk("evaluation_1")),
    "GET response form of evaluation 1": _get("evaluations:recommendation-response", _pk("evaluation_1"), lambda w: 1),
    "GET report page of evaluation 1": _get("evaluation_reports:page", _pk("evaluation_1")),
    "GET report page of evaluation 2": _get("evaluation_reports:page", _pk("evaluation_2")),
    "GET report state of evaluation 2": _get("evaluation_reports:status", _pk("evaluation_2")),
    "GET report PDF of evaluation 1": _get("evaluation_reports:pdf", _pk("evaluation_1")),
    "POST ask for the report of evaluation 2": Action(
        url=lambda w: reverse("evaluation_reports:page", args=[w.evaluation_2.pk]),
        url_name="evaluation_reports:page",
        data=lambda w: {},
        effect=lambda w, user: _report_asked(w.evaluation_2, user),
    ),
    "POST ask for the report of evaluation 1": Action(
        url=lambda w: reverse("evaluation_reports:page", args=[w.evaluation_1.pk]),
        url_name="evaluation_reports:page",
        data=lambda w: {},
        effect=lambda w, user: _report_asked(w.evaluation_1, user),
    ),
    "POST texts of evaluation 2": Action(
        url=_evaluation_url("texts", "evaluation_2"),
        url_name="evaluations:texts",
        data=lambda w: _texts_data(w, "evaluation_2"),
        effect=_texts_saved,
    ),
    "POST texts of evaluation 1 (published)": Action(
        url=_evaluation_url("texts", "evaluation_1"),
        url_name="evaluations:texts",
        data=lambda w: _texts_data(w, "evaluation_1"),
    ),
    "POST findings to evaluation 2": Action(
        url=_evaluation_url("finding", "evaluation_2", "relevance"),
        url_name="evaluations:finding",
        data=lambda w: _finding_data(w, "evaluation_2"),
        effect=_finding_saved,
    ),
    "POST findings to evaluation 1 (published)": Action(
        url=_evaluation_url("finding", "evaluation_1", "relevance"),
        url_name="evaluations:finding",
        data=lambda w: _finding_data(w, "evaluation_1"),
    ),
    "POST recommendation to evaluation 2": Action(
        url=_evaluation_url("recommendation-new", "evaluation_2"),
        url_name="evaluations:recommendation-new",
        data=lambda w: {
            "text": "Pay school fees.",
            "addressee": "Ministry of Education",
            "priority": "high",
            "timeframe": "",
        },
        effect=_recommendation_added,
    ),
    "POST lesson to evaluation 2": Action(
        url=_evaluation_url("lesson-new", "evaluation_2"),
        url_name="evaluations:lesson-new",
        data=_lesson_data,
        effect=_lesson_added,
    ),
    "POST lesson to evaluation 1 (published)": Action(
        url=_evaluation_url("lesson-new", "evaluation_1"),
        url_name="evaluations:lesson-new",
        data=_lesson_data,
    ),
    "POST good practice to evaluation 2": Action(
        url=_evaluation_url("good-practice-new", "evaluation_2"),
        url_name="evaluations:good-practice-new",
        data=lambda w: {"title": "Child labour monitoring", "summary": "Village committees visit the farms."},
        effect=_practice_added,
    ),
    "POST advance evaluation 2": Action(
        url=_evaluation_url("advance", "evaluation_2"),
        url_name="evaluations:advance",
        data=lambda w: _advance_data(w, "evaluation_2"),
        effect=_evaluation_advanced,
    ),
    "POST advance evaluation 1 (published)": Action(
        url=_evaluation_url("advance", "evaluation_1"),
        url_name="evaluations:advance",
        data=lambda w: _advance_data(w, "evaluation_1"),
        refusal="This evaluation is published: it has no further step.",
    ),
    "POST response to evaluation 1": Action(
        url=_evaluation_url("recommendation-response", "evaluation_1", 1),
        url_name="evaluations:recommendation-response",
        data=lambda w: _response_data(w, "evaluation_1"),
        effect=_responded("evaluation_1"),
    ),
    "POST response to evaluation 2": Action(
        url=_evaluation_url("recommendation-response", "evaluation_2", 1),
        url_name="evaluations:recommendation-response",
        data=lambda w: _response_data(w, "evaluation_2"),
        effect=_responded("evaluation_2"),
    ),
}

# Routes of the site that are not the portfolio's: open to all, or the signed-in person's own account.
NOT_IN_THE_MATRIX = {
    "healthz",
    "login",
    "set_language",  # the language switcher, open to everyone (tests/i18n/test_switcher.py)
    "logout",
    "password_change",
    "password_change_done",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "evaluation_reports:preview",  # the report's HTML, for CSS work: 404 unless DEBUG
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
            # Files are downloaded; a PDF report may open in the browser's viewer.
            inline_ok = response["Content-Type"] == "application/pdf"
            assert response["Content-Disposition"].startswith(
                ("attachment;", "inline;") if inline_ok else "attachment;"
            )
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
