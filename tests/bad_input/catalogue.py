"""The bad-input catalogue: every form, query parameter and upload, with its valid baseline and its bad variants.

Data, not tests: test_forms.py, test_query_parameters.py and test_uploads.py are parametrised from
ENTRIES. Each entry names the URL (with `{placeholders}` filled from the test world of conftest.py),
the method, the role that may use it, a baseline request that succeeds, and the variants, each a
change to the baseline with its category and the outcome expected:

- `error(field)`: the page answers 200 with the form (or filter) error on `field` ("__all__": above
  the form), shown on the page; nothing is written.
- `status(code)`: a plain 4xx (400 on exports and JSON, 404 for an unknown object); nothing is written.
- `accepted(...)`: free text that is legitimately kept — stored exactly as sent and shown escaped.
- `tolerated()`: a parameter that only says how a list is shown (a page number): the page falls
  back to its default, answers 200, lists no error and writes nothing.
- `ignored(attribute)`: an extra field the form does not have; the request succeeds and the
  subject's attribute is unchanged.

`python -m tests.bad_input.catalogue` prints the number of cases per category.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

CATEGORIES = (
    "wrong_type",
    "out_of_range",
    "huge",
    "date_order",
    "unknown_choice",
    "long_text",
    "non_latin",
    "script",
    "sql",
    "nul_byte",
    "invalid_utf8",
    "malformed_file",
    "missing_field",
    "duplicate_or_extra",
)

SCRIPT = "<script>alert('x')</script>"
SQL = "x'); DROP TABLE projects_project; --"
NON_LATIN = "Écoles — 学校 — مدارس — школы — बाल श्रम"
KB10 = "x" * 10_000


@dataclass(frozen=True)
class Raw:
    """A value put into the query string or form body exactly as written (e.g. `%FF`), not percent-encoded."""

    text: str


@dataclass(frozen=True)
class Fmt:
    """A value with `{placeholders}` filled from the test world, like the baseline's."""

    text: str


class _Drop:
    def __repr__(self) -> str:
        return "DROP"


DROP = _Drop()  # the parameter is left out


@dataclass(frozen=True)
class Upload:
    """A file part of a multipart body: its name, the Content-Type the client claims, and a sample of files.py."""

    filename: str
    content_type: str
    sample: str  # a name in tests.bad_input.files.SAMPLES


@dataclass(frozen=True)
class Outcome:
    kind: str  # error, status, accepted, tolerated, ignored
    status: int = 200
    field: str | None = None  # error: the field or parameter named; None: any error on the page (admin)
    stored: str | None = None  # accepted: "subject.attribute" read back
    value: object = None  # accepted: what must be stored, when it differs from what was sent


def error(field: str | None) -> Outcome:
    return Outcome("error", 200, field)


def status(code: int) -> Outcome:
    return Outcome("status", code)


def accepted(stored: str | None = None, value: object = None) -> Outcome:
    return Outcome("accepted", 200, stored=stored, value=value)


def tolerated() -> Outcome:
    return Outcome("tolerated", 200)


def ignored(attribute: str) -> Outcome:
    return Outcome("ignored", 302, stored=attribute)


@dataclass(frozen=True)
class Variant:
    name: str
    category: str
    changes: dict  # parameter -> value (str, list for a repeated parameter, Raw, Fmt, Upload or DROP)
    expect: Outcome
    path: str | None = None  # another URL, for bad values in the path itself

    def __post_init__(self) -> None:
        assert self.category in CATEGORIES, self.category


@dataclass(frozen=True)
class Entry:
    name: str
    path: str
    method: str  # GET or POST
    role: str  # hq, cta, evaluator, viewer, anonymous
    kind: str  # form, upload, admin, list, export, json, file
    baseline: dict = field(default_factory=dict)
    variants: tuple[Variant, ...] = ()
    form: str = "form"  # the context variable holding the form (forms)
    subject: str = ""  # the object the form edits, for accepted/ignored checks (conftest.World)
    shown_at: str = ""  # the page that shows what an accepted variant stored
    baseline_status: int = 302  # what the baseline answers
    prefill: bool = False  # admin add/change pages: start from what the page's own form posts back
    shown_as: dict = field(default_factory=dict)  # field -> the text the page shows for its error, if not the form's


def v(name: str, category: str, expect: Outcome, path: str | None = None, /, **changes) -> Variant:
    return Variant(name, category, changes, expect, path)


# --- Forms ---------------------------------------------------------------------------------------------

_report = "/projects/{project}/reports/{report}/"
_figure = "fig-{ind}-withdrawn-girls-5-11"


def free_text(param: str, stored: str) -> list[Variant]:
    """Text a person may legitimately write: kept exactly, shown escaped."""
    return [
        v(f"{param}-non-latin", "non_latin", accepted(stored), **{param: NON_LATIN}),
        v(f"{param}-script", "script", accepted(stored), **{param: SCRIPT}),
        v(f"{param}-sql", "sql", accepted(stored), **{param: SQL}),
    ]


def version_variants(param: str = "version") -> list[Variant]:
    return [
        v(f"{param}-text", "wrong_type", error(param), **{param: "abc"}),
        v(f"{param}-decimal", "wrong_type", error(param), **{param: "1.5"}),
        v(f"{param}-zero", "out_of_range", error(param), **{param: "0"}),
        v(f"{param}-negative", "out_of_range", error(param), **{param: "-3"}),
        v(f"{param}-huge", "huge", error("__all__"), **{param: "9" * 40}),
        v(f"{param}-sql", "sql", error(param), **{param: "1 OR 1=1"}),
        v(f"{param}-missing", "missing_field", error(param), **{param: DROP}),
    ]


def text_limit_variants(param: str, limit: int) -> list[Variant]:
    return [
        v(f"{param}-too-long", "long_text", error(param), **{param: "x" * (limit + 1)}),
        v(f"{param}-nul", "nul_byte", error(param), **{param: "before\x00after"}),
    ]


def choice_variants(param: str, valid: str) -> list[Variant]:
    return [
        v(f"{param}-unknown", "unknown_choice", error(param), **{param: "excellent"}),
        v(f"{param}-number", "wrong_type", error(param), **{param: "1"}),
        v(f"{param}-script", "script", error(param), **{param: SCRIPT}),
        v(f"{param}-sql", "sql", error(param), **{param: f"{valid}' OR '1'='1"}),
        v(f"{param}-invalid-utf8", "invalid_utf8", error(param), **{param: Raw("%FF%FE")}),
        v(f"{param}-repeated", "duplicate_or_extra", error(param), **{param: [valid, "excellent"]}),
        v(f"{param}-missing", "missing_field", error(param), **{param: DROP}),
    ]


FORMS: list[Entry] = [
    Entry(
        "project-status",
        "/projects/{project}/status/",
        "POST",
        "cta",
        "form",
        baseline={
            "version": "{project_version}",
            "rating": "on_track",
            "status_note": "Schools opened in two districts.",
            "to_status": "",
            "effective_on": "",
            "actual_start": "2025-01-01",
            "actual_end": "",
        },
        subject="project",
        shown_at="/projects/{project}/",
        variants=(
            *version_variants(),
            *choice_variants("rating", "on_track"),
            v("to-status-unknown", "unknown_choice", error("to_status"), to_status="nonsense"),
            v("to-status-not-the-ctas", "unknown_choice", error("to_status"), to_status="closed"),
            v("actual-start-text", "wrong_type", error("actual_start"), actual_start="yesterday"),
            v("actual-start-no-such-day", "wrong_type", error("actual_start"), actual_start="2025-02-30"),
            v("actual-start-year-99999", "out_of_range", error("actual_start"), actual_start="99999-01-01"),
            v("actual-start-future", "out_of_range", error("actual_start"), actual_start="2999-01-01"),
            v(
                "effective-on-future",
                "out_of_range",
                error("effective_on"),
                to_status="suspended",
                effective_on="2999-01-01",
            ),
            v("actual-end-before-start", "date_order", error("__all__"), actual_end="2024-06-30"),
            v(
                "move-before-the-previous",
                "date_order",
                error("effective_on"),
                to_status="suspended",
                effective_on="2024-06-01",
            ),
            v("note-too-long", "long_text", error("status_note"), status_note="x" * 2_001),
            v("note-10kb", "huge", error("status_note"), status_note=KB10),
            v("note-nul", "nul_byte", error("status_note"), status_note="a\x00b"),
            v("note-blank", "missing_field", error("status_note"), status_note="   "),
            v("note-missing", "missing_field", error("status_note"), status_note=DROP),
            v("extra-status", "duplicate_or_extra", ignored("status"), status="closed"),
            v("extra-code", "duplicate_or_extra", ignored("code"), code="XXX/99/999/XXX"),
            *free_text("status_note", "project.status_note"),
            v(
                "note-invalid-utf8",
                "invalid_utf8",
                accepted("project.status_note", "a\ufffdb"),
                status_note=Raw("a%FFb"),
            ),
        ),
    ),
    Entry(
        "project-narrative",
        "/projects/{project}/narrative/",
        "POST",
        "cta",
        "form",
        baseline={"version": "{project_version}", "summary": "A summary.", "objectives": "The objectives."},
        subject="project",
        shown_at="/projects/{project}/",
        variants=(
            *version_variants(),
            v("version-stale", "out_of_range", error("__all__"), version=Fmt("{project_stale_version}")),
            *text_limit_variants("summary", 20_000),
            *text_limit_variants("objectives", 20_000),
            v("summary-3mb", "huge", status(400), summary="x" * 3_000_000),
            v("extra-title", "duplicate_or_extra", ignored("title"), title="Renamed by a form"),
            *free_text("summary", "project.summary"),
        ),
    ),
    Entry(
        "report-save",
        f"{_report}save/",
        "POST",
        "cta",
        "form",
        baseline={
            "version": "{report_version}",
            "rating": "on_track",
            "narrative": "Schools opened.",
            "challenges": "",
            "next_steps": "",
            _figure: "3",
        },
        form="edit_form",
        subject="report",
        shown_at=_report,
        variants=(
            *version_variants(),
            v("rating-unknown", "unknown_choice", error("rating"), rating="excellent"),
            v("rating-invalid-utf8", "invalid_utf8", error("rating"), rating=Raw("%FF")),
            v("figure-text", "wrong_type", error(_figure), **{_figure: "abc"}),
            v("figure-decimal", "wrong_type", error(_figure), **{_figure: "1.5"}),
            v("figure-negative", "out_of_range", error(_figure), **{_figure: "-1"}),
            v("figure-above-max", "out_of_range", error(_figure), **{_figure: "10000001"}),
            v("figure-1e309", "huge", error(_figure), **{_figure: "1e309"}),
            v("figure-400-digits", "huge", error(_figure), **{_figure: "9" * 400}),
            v("figure-5000-digits", "huge", error(_figure), **{_figure: "9" * 5_000}),
            v("figure-sql", "sql", error(_figure), **{_figure: "1; DELETE FROM projects_reportfigure"}),
            v("figure-script", "script", error(_figure), **{_figure: SCRIPT}),
            *text_limit_variants("narrative", 20_000),
            v("submit-without-narrative", "missing_field", error("__all__"), narrative="", action="submit"),
            v("extra-status", "duplicate_or_extra", ignored("status"), status="accepted"),
            *free_text("narrative", "report.narrative"),
        ),
    ),
    Entry(
        "report-review",
        "/projects/{project}/reports/{submitted}/review/",
        "POST",
        "hq",
        "form",
        baseline={"version": "{submitted_version}", "decision": "accept", "comment": ""},
        form="review_form",
        subject="submitted",
        shown_as={"decision": "Choose to accept or to return the report."},
        shown_at="/projects/{project}/reports/{submitted}/",
        variants=(
            *version_variants(),
            *choice_variants("decision", "accept"),
            v("return-without-comment", "missing_field", error("comment"), decision="return"),
            *text_limit_variants("comment", 20_000),
            v(
                "return-comment-script",
                "script",
                accepted("submitted.review_comment"),
                decision="return",
                comment=SCRIPT,
            ),
            v(
                "return-comment-non-latin",
                "non_latin",
                accepted("submitted.review_comment"),
                decision="return",
                comment=NON_LATIN,
            ),
        ),
    ),
    Entry(
        "meeting-new",
        "/committees/{committee}/meetings/new/",
        "POST",
        "cta",
        "upload",
        baseline={"held_on": "2026-03-02", "agenda": "Agenda", "decisions": ""},
        subject="meeting",
        shown_at="/committees/{committee}/",
        variants=(
            v("held-on-text", "wrong_type", error("held_on"), held_on="last tuesday"),
            v("held-on-no-such-day", "wrong_type", error("held_on"), held_on="2026-02-30"),
            v("held-on-year-99999", "out_of_range", error("held_on"), held_on="99999-01-01"),
            v("held-on-sql", "sql", error("held_on"), held_on="2026-03-02' OR 1=1"),
            v("held-on-missing", "missing_field", error("held_on"), held_on=DROP),
            v("held-on-taken", "duplicate_or_extra", error("__all__"), held_on="{meeting_day}"),
            *text_limit_variants("agenda", 20_000),
            *text_limit_variants("decisions", 20_000),
            v(
                "minutes-image",
                "malformed_file",
                error("minutes"),
                minutes=Upload("minutes.pdf", "application/pdf", "png"),
            ),
            v(
                "minutes-exe",
                "malformed_file",
                error("minutes"),
                minutes=Upload("minutes.pdf", "application/pdf", "exe"),
            ),
            v(
                "minutes-html",
                "malformed_file",
                error("minutes"),
                minutes=Upload("minutes.pdf", "application/pdf", "html"),
            ),
            v(
                "minutes-empty",
                "malformed_file",
                error("minutes"),
                minutes=Upload("minutes.pdf", "application/pdf", "empty"),
            ),
            *free_text("agenda", "meeting.agenda"),
        ),
    ),
    Entry(
        "evaluation-texts",
        "/evaluations/{evaluation}/texts/",
        "POST",
        "evaluator",
        "form",
        baseline={
            "version": "{evaluation_version}",
            "executive_summary": "Summary.",
            "purpose": "Purpose.",
            "scope_text": "Scope.",
            "methodology": "Methods.",
            "conclusions": "Conclusions.",
            "annexes": "",
        },
        subject="evaluation",
        shown_at="/evaluations/{evaluation}/",
        variants=(
            *version_variants(),
            v("version-stale", "out_of_range", error("__all__"), version=Fmt("{evaluation_stale_version}")),
            *text_limit_variants("executive_summary", 20_000),
            *text_limit_variants("annexes", 100_000),
            v("extra-title", "duplicate_or_extra", ignored("title"), title="Renamed by a form"),
            v("extra-status", "duplicate_or_extra", ignored("status"), status="published"),
            *free_text("conclusions", "evaluation.conclusions"),
        ),
    ),
    Entry(
        "finding",
        "/evaluations/{evaluation}/findings/relevance/",
        "POST",
        "evaluator",
        "form",
        baseline={"based_on": "", "rating": "5", "text": "Relevant to the national action plan."},
        subject="finding",
        shown_at="/evaluations/{evaluation}/",
        variants=(
            v("rating-text", "wrong_type", error("rating"), rating="abc"),
            v("rating-decimal", "wrong_type", error("rating"), rating="5.0"),
            v("rating-7", "out_of_range", error("rating"), rating="7"),
            v("rating-negative", "out_of_range", error("rating"), rating="-1"),
            v("rating-huge", "huge", error("rating"), rating="9" * 40),
            v("rating-sql", "sql", error("rating"), rating="5 OR 1=1"),
            v("text-missing", "missing_field", error("text"), text=DROP),
            *text_limit_variants("text", 20_000),
            v("based-on-stale", "out_of_range", error("__all__"), based_on="2020-01-01T00:00:00+00:00"),
            v("criterion-unknown", "unknown_choice", status(404), "/evaluations/{evaluation}/findings/beauty/"),
            v("criterion-sql", "sql", status(404), "/evaluations/{evaluation}/findings/relevance%27%20OR%201=1/"),
            v("evaluation-huge-id", "huge", status(404), "/evaluations/99999999999999999999/findings/relevance/"),
            *free_text("text", "finding.text"),
        ),
    ),
    Entry(
        "recommendation-new",
        "/evaluations/{evaluation}/recommendations/new/",
        "POST",
        "evaluator",
        "form",
        baseline={
            "text": "Train labour inspectors.",
            "addressee": "Ministry of Labour",
            "priority": "high",
            "timeframe": "",
        },
        subject="recommendation",
        shown_at="/evaluations/{evaluation}/",
        variants=(
            *choice_variants("priority", "high"),
            v("addressee-too-long", "long_text", error("addressee"), addressee="x" * 201),
            v("timeframe-too-long", "long_text", error("timeframe"), timeframe="x" * 101),
            v("text-missing", "missing_field", error("text"), text=DROP),
            v("addressee-missing", "missing_field", error("addressee"), addressee=""),
            *text_limit_variants("text", 20_000),
            *free_text("addressee", "recommendation.addressee"),
        ),
    ),
    Entry(
        "lesson-new",
        "/evaluations/{evaluation}/lessons/new/",
        "POST",
        "evaluator",
        "form",
        baseline={"title": "Work with the village committees", "description": "They know the families."},
        subject="lesson",
        shown_at="/evaluations/{evaluation}/",
        variants=(
            v("title-too-long", "long_text", error("title"), title="x" * 301),
            v("title-10kb", "huge", error("title"), title=KB10),
            v("title-missing", "missing_field", error("title"), title=DROP),
            v("description-missing", "missing_field", error("description"), description="  "),
            *text_limit_variants("title", 300),
            *text_limit_variants("description", 20_000),
            *free_text("title", "lesson.title"),
        ),
    ),
    Entry(
        "good-practice-new",
        "/evaluations/{evaluation}/good-practices/new/",
        "POST",
        "evaluator",
        "form",
        baseline={"title": "School feeding", "summary": "A meal keeps children in school."},
        subject="practice",
        shown_at="/evaluations/{evaluation}/",
        variants=(
            v("title-missing", "missing_field", error("title"), title=DROP),
            v("summary-missing", "missing_field", error("summary"), summary=DROP),
            *text_limit_variants("title", 300),
            *text_limit_variants("summary", 20_000),
            *free_text("summary", "practice.summary"),
        ),
    ),
    Entry(
        "evaluation-advance",
        "/evaluations/{evaluation}/advance/",
        "POST",
        "hq",
        "form",
        baseline={"from_status": "planned", "reached_on": "{today}", "note": ""},
        subject="evaluation",
        variants=(
            v("reached-on-text", "wrong_type", error("reached_on"), reached_on="soon"),
            v("reached-on-no-such-month", "wrong_type", error("reached_on"), reached_on="2026-13-01"),
            v("reached-on-future", "out_of_range", error("reached_on"), reached_on="2999-01-01"),
            v("reached-on-before-previous-step", "date_order", error("reached_on"), reached_on="2000-01-01"),
            v("reached-on-missing", "missing_field", error("reached_on"), reached_on=DROP),
            v("from-status-unknown", "unknown_choice", error("from_status"), from_status="bogus"),
            v("from-status-stale", "out_of_range", error("__all__"), from_status="published"),
            v("from-status-script", "script", error("from_status"), from_status=SCRIPT),
            *text_limit_variants("note", 20_000),
        ),
    ),
    Entry(
        "recommendation-response",
        "/evaluations/{evaluation}/recommendations/1/response/",
        "POST",
        "hq",
        "form",
        baseline={
            "based_on": "{recommendation_stamp}",
            "management_response": "accepted",
            "response_comment": "The ministry will train 200 inspectors.",
            "follow_up": "",
        },
        subject="recommendation",
        shown_at="/evaluations/{evaluation}/",
        variants=(
            *choice_variants("management_response", "accepted"),
            v("follow-up-unknown", "unknown_choice", error("follow_up"), follow_up="done"),
            v("based-on-stale", "out_of_range", error("__all__"), based_on=""),
            *text_limit_variants("response_comment", 20_000),
            v("number-unknown", "out_of_range", status(404), "/evaluations/{evaluation}/recommendations/999/response/"),
            v("number-huge", "huge", status(404), "/evaluations/{evaluation}/recommendations/99999999999/response/"),
            *free_text("response_comment", "recommendation.response_comment"),
        ),
    ),
    Entry(
        "login",
        "/accounts/login/",
        "POST",
        "anonymous",
        "form",
        baseline={"username": "{viewer_name}", "password": "{password}"},
        variants=(
            # Django's login form bounds the user name only in the widget: a long one is just a wrong login.
            v("username-10kb", "huge", error("__all__"), username=KB10),
            v("username-nul", "nul_byte", error("username"), username="viewer\x00"),
            v("username-missing", "missing_field", error("username"), username=DROP),
            v("password-missing", "missing_field", error("password"), password=DROP),
            v("username-sql", "sql", error("__all__"), username="' OR '1'='1' --"),
            v("username-script", "script", error("__all__"), username=SCRIPT),
            v("username-non-latin", "non_latin", error("__all__"), username="пользователь"),
            v("password-sql", "sql", error("__all__"), password="' OR '1'='1' --"),
        ),
    ),
    Entry(
        "password-change",
        "/accounts/password_change/",
        "POST",
        "viewer",
        "form",
        baseline={
            "old_password": "{password}",
            "new_password1": "A much longer passphrase, 2026",
            "new_password2": "A much longer passphrase, 2026",
        },
        variants=(
            v("old-wrong", "wrong_type", error("old_password"), old_password="not the password"),
            v("old-missing", "missing_field", error("old_password"), old_password=DROP),
            v(
                "new-mismatch",
                "duplicate_or_extra",
                error("new_password2"),
                new_password2="A different passphrase, 2026",
            ),
            v("new-too-short", "out_of_range", error("new_password2"), new_password1="abc", new_password2="abc"),
            v(
                "new-numeric",
                "wrong_type",
                error("new_password2"),
                new_password1="12345678901234",
                new_password2="12345678901234",
            ),
            v("new-nul", "nul_byte", error("new_password1"), new_password1="A much\x00longer passphrase"),
        ),
    ),
    Entry(
        "password-reset",
        "/accounts/password_reset/",
        "POST",
        "anonymous",
        "form",
        baseline={"email": "nobody@example.org"},
        variants=(
            v("email-not-an-address", "wrong_type", error("email"), email="not-an-address"),
            v("email-10kb", "huge", error("email"), email=KB10 + "@example.org"),
            v("email-nul", "nul_byte", error("email"), email="a\x00@example.org"),
            v("email-sql", "sql", error("email"), email="a@b.c' OR 1=1 --"),
            v("email-script", "script", error("email"), email=SCRIPT),
            v("email-missing", "missing_field", error("email"), email=DROP),
        ),
    ),
]

# --- The admin's forms (HQ): the baseline is what the page's own form posts back, with these changes ----

_admin_project = "/admin/projects/project/{project_pk}/change/"

ADMIN: list[Entry] = [
    Entry(
        "admin-project-add",
        "/admin/projects/project/add/",
        "POST",
        "hq",
        "admin",
        prefill=True,
        baseline={
            "code": "IND/26/77/USA",
            "title": "Child labour in the brick kilns",
            "kind": "national",
            "budget_usd": "1000000",
            "planned_start": "2026-01-01",
            "planned_end": "2027-12-31",
            "project_countries-TOTAL_FORMS": "1",
            "project_countries-0-country": "{ind}",
        },
        variants=(
            v("code-format", "wrong_type", error("__all__"), code="BAD CODE"),
            v("code-script", "script", error("code"), code=SCRIPT),
            v("code-sql", "sql", error("code"), code="IND/26/77/USA' OR 1=1"),
            v("code-unknown-donor", "unknown_choice", error("code"), code="IND/26/77/QQQ"),
            v("code-issued", "duplicate_or_extra", error("code"), code="{project_code}"),
            v("kind-unknown", "unknown_choice", error("kind"), kind="regional"),
            v("budget-text", "wrong_type", error("budget_usd"), budget_usd="a million"),
            v("budget-negative", "out_of_range", error("__all__"), budget_usd="-5"),
            v("budget-1e309", "huge", error("budget_usd"), budget_usd="1e309"),
            v("budget-nan", "wrong_type", error("budget_usd"), budget_usd="NaN"),
            v("budget-15-digits", "huge", error("budget_usd"), budget_usd="1" + "0" * 15),
            v("start-no-such-day", "wrong_type", error("planned_start"), planned_start="2026-02-30"),
            v("dates-reversed", "date_order", error("__all__"), planned_start="2027-01-01", planned_end="2026-01-01"),
            v("title-too-long", "long_text", error("title"), title="x" * 301),
            v("title-10kb", "huge", error("title"), title=KB10),
            v("title-nul", "nul_byte", error("title"), title="a\x00b"),
            v("title-missing", "missing_field", error("title"), title=DROP),
            v("country-unknown", "unknown_choice", error(None), **{"project_countries-0-country": "99999999"}),
            v(
                "national-with-two-countries",
                "duplicate_or_extra",
                error(None),
                **{"project_countries-TOTAL_FORMS": "2", "project_countries-1-country": "{bra}"},
            ),
            v("interval-7-months", "unknown_choice", error("reporting_interval_months"), reporting_interval_months="7"),
        ),
    ),
    Entry(
        "admin-project-change",
        _admin_project,
        "POST",
        "hq",
        "admin",
        prefill=True,
        variants=(
            v("loaded-version-stale", "out_of_range", error("__all__"), loaded_version="1"),
            v("loaded-version-text", "wrong_type", error("loaded_version"), loaded_version="abc"),
            v("budget-negative", "out_of_range", error("__all__"), budget_usd="-1"),
            v("budget-1e309", "huge", error("budget_usd"), budget_usd="1e309"),
            v("dates-reversed", "date_order", error("__all__"), planned_start="2030-01-01"),
            v("title-too-long", "long_text", error("title"), title="x" * 301),
            v("object-unknown", "out_of_range", status(302), "/admin/projects/project/99999999/change/"),
        ),
    ),
    Entry(
        "admin-project-move",
        "/admin/projects/project/{project_pk}/status/",
        "POST",
        "hq",
        "admin",
        baseline={"to_status": "suspended", "effective_on": "{today}", "note": ""},
        form="form",
        variants=(
            v("to-status-unknown", "unknown_choice", error("to_status"), to_status="nonsense"),
            v("to-status-illegal", "unknown_choice", error("to_status"), to_status="pipeline"),
            v("effective-on-future", "out_of_range", error("effective_on"), effective_on="2999-01-01"),
            v("effective-on-before-previous", "date_order", error("effective_on"), effective_on="2024-01-01"),
            v("effective-on-text", "wrong_type", error("effective_on"), effective_on="now"),
            v("note-nul", "nul_byte", error("note"), note="a\x00b"),
        ),
    ),
    Entry(
        "admin-partner-add",
        "/admin/partners/partner/add/",
        "POST",
        "hq",
        "admin",
        prefill=True,
        baseline={"name": "Bal Vikas Trust", "type": "{ngo_type}", "website": "https://example.org/"},
        variants=(
            v("website-javascript", "script", error("website"), website="javascript:alert(1)"),
            v("website-not-a-url", "wrong_type", error("website"), website="not a url"),
            v("type-unknown", "unknown_choice", error("type"), type="99999999"),
            # The autocomplete widget shows the sent value again: it once looked `1 OR 1=1` up as a key (a 500).
            v("type-sql", "sql", error("type"), type="1 OR 1=1"),
            v("country-not-a-key", "wrong_type", error("country"), country="1; DROP TABLE"),
            v("name-missing", "missing_field", error("name"), name=DROP),
            v("name-10kb", "huge", error("name"), name=KB10),
            v("name-nul", "nul_byte", error("name"), name="a\x00b"),
        ),
    ),
    Entry(
        "admin-country-change",
        "/admin/countries/country/{ind}/change/",
        "POST",
        "hq",
        "admin",
        prefill=True,
        variants=(
            v("survey-year-99999", "out_of_range", error("survey_year"), survey_year="99999"),
            v("survey-year-text", "wrong_type", error("survey_year"), survey_year="recent"),
            v("rate-above-100", "out_of_range", error(None), child_labour_rate="150"),
            v("children-negative", "out_of_range", error("children_in_child_labour"), children_in_child_labour="-5"),
            v(
                "mou-ends-before-signed",
                "date_order",
                error(None),
                mou_signed_on="2020-01-01",
                mou_valid_until="2019-01-01",
            ),
            v("focal-point-nul", "nul_byte", error("focal_point_name"), focal_point_name="a\x00b"),
        ),
    ),
]

# --- Query parameters ---------------------------------------------------------------------------------


def choice_param(param: str, valid: str) -> list[Variant]:
    """A parameter with a closed list of values (status, region, sort…)."""
    return [
        v(f"{param}-unknown", "unknown_choice", error(param), **{param: "nonsense"}),
        v(f"{param}-number", "wrong_type", error(param), **{param: "12"}),
        v(f"{param}-script", "script", error(param), **{param: SCRIPT}),
        v(f"{param}-sql", "sql", error(param), **{param: f"{valid}' OR '1'='1"}),
        v(f"{param}-drop-table", "sql", error(param), **{param: "'; DROP TABLE projects_project; --"}),
        v(f"{param}-10kb", "huge", error(param), **{param: KB10}),
        v(f"{param}-non-latin", "non_latin", error(param), **{param: NON_LATIN}),
        v(f"{param}-nul", "nul_byte", error(param), **{param: Raw(f"{valid}%00")}),
        v(f"{param}-invalid-utf8", "invalid_utf8", error(param), **{param: Raw("%FF%FE")}),
        v(f"{param}-repeated", "duplicate_or_extra", error(param), **{param: [valid, "nonsense"]}),
    ]


def country_param(param: str = "country") -> list[Variant]:
    return [
        v(f"{param}-unknown", "unknown_choice", error(param), **{param: "XXX"}),
        v(f"{param}-number", "wrong_type", error(param), **{param: "356"}),
        v(f"{param}-sql", "sql", error(param), **{param: "1 OR 1=1"}),
        v(f"{param}-drop-table", "sql", error(param), **{param: "'; DROP TABLE countries_country; --"}),
        v(f"{param}-script", "script", error(param), **{param: SCRIPT}),
        v(f"{param}-10kb", "huge", error(param), **{param: KB10}),
        v(f"{param}-non-latin", "non_latin", error(param), **{param: "ИНД"}),
        v(f"{param}-nul", "nul_byte", error(param), **{param: Raw("IND%00")}),
        v(f"{param}-invalid-utf8", "invalid_utf8", error(param), **{param: Raw("%FF%FE%FD")}),
        v(f"{param}-repeated", "duplicate_or_extra", error(param), **{param: ["IND", "XXX"]}),
    ]


def year_param(param: str) -> list[Variant]:
    return [
        v(f"{param}-text", "wrong_type", error(param), **{param: "abc"}),
        v(f"{param}-decimal", "wrong_type", error(param), **{param: "2015.5"}),
        v(f"{param}-exponent", "wrong_type", error(param), **{param: "2e3"}),
        v(f"{param}-99999", "out_of_range", error(param), **{param: "99999"}),
        v(f"{param}-negative", "out_of_range", error(param), **{param: "-1"}),
        v(f"{param}-1949", "out_of_range", error(param), **{param: "1949"}),
        v(f"{param}-400-digits", "huge", error(param), **{param: "9" * 400}),
        v(f"{param}-sql", "sql", error(param), **{param: "2010 OR 1=1"}),
        v(f"{param}-nul", "nul_byte", error(param), **{param: Raw("2010%00")}),
    ]


def budget_param(param: str) -> list[Variant]:
    return [
        v(f"{param}-text", "wrong_type", error(param), **{param: "a million"}),
        v(f"{param}-nan", "wrong_type", error(param), **{param: "NaN"}),
        v(f"{param}-infinity", "out_of_range", error(param), **{param: "Infinity"}),
        v(f"{param}-negative", "out_of_range", error(param), **{param: "-5"}),
        v(f"{param}-1e309", "huge", error(param), **{param: "1e309"}),
        v(f"{param}-15-digits", "huge", error(param), **{param: "1" + "0" * 15}),
        v(f"{param}-sql", "sql", error(param), **{param: "0 OR 1=1"}),
        v(f"{param}-nul", "nul_byte", error(param), **{param: Raw("5%00")}),
    ]


def search_param(param: str, limit: int) -> list[Variant]:
    """Free search text: anything a person may type is searched for, literally; only size and NUL are refused."""
    return [
        v(f"{param}-script", "script", accepted(), **{param: SCRIPT}),
        v(f"{param}-sql", "sql", accepted(), **{param: SQL}),
        v(f"{param}-or-1-1", "sql", accepted(), **{param: "' OR 1=1 --"}),
        v(f"{param}-non-latin", "non_latin", accepted(), **{param: NON_LATIN}),
        v(f"{param}-search-syntax", "wrong_type", accepted(), **{param: '"unclosed -(!&|:* <-> \\'}),
        v(f"{param}-invalid-utf8", "invalid_utf8", accepted(), **{param: Raw("%FF%FEchild")}),
        v(f"{param}-repeated", "duplicate_or_extra", accepted(), **{param: ["child", "labour"]}),
        v(f"{param}-too-long", "long_text", error(param), **{param: "x" * (limit + 1)}),
        v(f"{param}-10kb", "huge", error(param), **{param: KB10}),
        v(f"{param}-nul", "nul_byte", error(param), **{param: Raw("child%00labour")}),
    ]


def page_param(param: str = "page") -> list[Variant]:
    """A page number only says which slice of the list to show: nonsense shows the first (or last) page."""
    return [
        v(f"{param}-text", "wrong_type", tolerated(), **{param: "abc"}),
        v(f"{param}-zero", "out_of_range", tolerated(), **{param: "0"}),
        v(f"{param}-negative", "out_of_range", tolerated(), **{param: "-1"}),
        v(f"{param}-huge", "huge", tolerated(), **{param: "9" * 30}),
        v(f"{param}-1e309", "huge", tolerated(), **{param: "1e309"}),
        v(f"{param}-sql", "sql", tolerated(), **{param: "1 OR 1=1"}),
        v(f"{param}-script", "script", tolerated(), **{param: SCRIPT}),
        v(f"{param}-nul", "nul_byte", tolerated(), **{param: Raw("1%00")}),
        v(f"{param}-repeated", "duplicate_or_extra", tolerated(), **{param: ["1", "abc"]}),
    ]


def unknown_params() -> list[Variant]:
    """Parameters a page does not read are ignored, whatever they hold."""
    return [
        v("unknown-param-script", "duplicate_or_extra", tolerated(), nonsense=SCRIPT),
        v("unknown-param-sql", "duplicate_or_extra", tolerated(), id="1 OR 1=1"),
    ]


PROJECT_PARAMS = [
    *search_param("q", 200),
    *choice_param("region", "africa"),
    *country_param("country"),
    *choice_param("kind", "national"),
    *choice_param("status", "active"),
    *choice_param("intervention", "direct-action"),
    *choice_param("worst_form", "hazardous-work"),
    *choice_param("sector", "agriculture"),
    *choice_param("target_group", "girls"),
    *choice_param("donor", "USA"),
    *choice_param("rating", "on_track"),
    *choice_param("missing_evaluation", "yes"),
    *choice_param("sort", "code"),
    v("sort-double-minus", "unknown_choice", error("sort"), sort="--code"),
    v("sort-minus", "unknown_choice", error("sort"), sort="-"),
    v("partner-text", "wrong_type", error("partner"), partner="abc"),
    v("partner-negative", "out_of_range", error("partner"), partner="-1"),
    v("partner-decimal", "wrong_type", error("partner"), partner="1.5"),
    v("partner-13-digits", "huge", error("partner"), partner="9" * 13),
    v("partner-unknown", "out_of_range", error("partner"), partner="99999999999"),
    v("partner-sql", "sql", error("partner"), partner="1 OR 1=1"),
    v("partner-superscript", "wrong_type", error("partner"), partner="²"),
    v("partner-nul", "nul_byte", error("partner"), partner=Raw("1%00")),
    *year_param("start_from"),
    *year_param("end_to"),
    v("start-years-reversed", "date_order", error("start_to"), start_from="2015", start_to="2010"),
    v("end-years-reversed", "date_order", error("end_to"), end_from="2020", end_to="2001"),
    *budget_param("budget_min"),
    v("budget-reversed", "out_of_range", error("budget_max"), budget_min="5000000", budget_max="1000"),
    *page_param(),
    *unknown_params(),
]

COUNTRY_PARAMS = [
    *search_param("q", 100),
    *choice_param("region", "africa"),
    *choice_param("ipec", "yes"),
    *choice_param("mou", "no"),
    *choice_param("c138", "yes"),
    *choice_param("p29", "no"),
    *choice_param("sort", "name"),
    *page_param(),
    *unknown_params(),
]

PARTNER_PARAMS = [
    *search_param("q", 100),
    *choice_param("type", "ngo"),
    *country_param("country"),
    *choice_param("donor", "yes"),
    *choice_param("sort", "name"),
    *page_param(),
    *unknown_params(),
]

EVALUATION_PARAMS = [
    *choice_param("status", "planned"),
    *choice_param("timing", "final"),
    *choice_param("modality", "independent"),
    *choice_param("language", "en"),
    *page_param(),
    *page_param("missing_page"),
    *unknown_params(),
]

LESSON_PARAMS = [
    *search_param("q", 200),
    *choice_param("kind", "lesson"),
    *choice_param("region", "asia-pacific"),
    *country_param("country"),
    *choice_param("intervention", "direct-action"),
    *choice_param("worst_form", "hazardous-work"),
    *choice_param("theme", "agriculture"),
    *page_param(),  # older links' page numbers: the first page, with a note
    *unknown_params(),
]

# The library's place (evaluations.selectors.LibraryOrder): title~date~kind~id, the rank after the title when
# searching. A cursor that is not a place is refused like a bad filter; the export has no pages and ignores it.
LESSON_CURSORS = [
    v("after-garbled", "wrong_type", error("after"), after="abc"),
    v("after-script", "script", error("after"), after=SCRIPT),
    v("after-sql", "sql", error("after"), after="x~2020-01-01~lesson~1 OR 1=1"),
    v("after-id-30-digits", "huge", error("after"), after="x~2020-01-01~lesson~" + "9" * 30),
    v("after-nul", "nul_byte", error("after"), after=Raw("x%00~2020-01-01~lesson~1")),
    v("before-bad-date", "wrong_type", error("before"), before="x~2020-13-45~lesson~1"),
    v("before-unknown-kind", "unknown_choice", error("before"), before="x~2020-01-01~video~1"),
]

LOOKUP_PARAMS = [
    v("q-script", "script", accepted(), q=SCRIPT),
    v("q-sql", "sql", accepted(), q=SQL),
    v("q-or-1-1", "sql", accepted(), q="1 OR 1=1"),
    v("q-non-latin", "non_latin", accepted(), q=NON_LATIN),
    v("q-10kb", "huge", accepted(), q=KB10),
    v("q-superscript-digit", "wrong_type", accepted(), q="²"),
    v("q-invalid-utf8", "invalid_utf8", accepted(), q=Raw("%FF%FEin")),
    v("q-repeated", "duplicate_or_extra", accepted(), q=["in", "ke"]),
    v("q-nul", "nul_byte", status(400), q=Raw("in%00")),
]


# The XLSX exports share their parameters' handling with the CSV ones: these categories are enough there.
XLSX_CATEGORIES = frozenset({"script", "sql", "nul_byte", "invalid_utf8", "date_order", "huge"})


def as_export(variants: Iterable[Variant], categories: frozenset[str] | None = None) -> tuple[Variant, ...]:
    """An export reads its list's parameters: what the page shows as an error, the export answers with 400.

    Exports are not paged, so the page-number cases are left out.
    """
    return tuple(
        replace(variant, expect=Outcome("status", 400, field=variant.expect.field))
        if variant.expect.kind == "error"
        else variant
        for variant in variants
        if "page-" not in variant.name and (categories is None or variant.category in categories)
    )


def list_entries(name: str, path: str, role: str, params: list[Variant], exports: Iterable[str] = ()) -> list[Entry]:
    entries = [Entry(name, path, "GET", role, "list", variants=tuple(params), baseline_status=200)]
    entries += [
        Entry(
            f"{name}-export-{fmt}",
            f"{path}export.{fmt}",
            "GET",
            role,
            "export",
            variants=as_export(params, XLSX_CATEGORIES if fmt == "xlsx" else None),
            baseline_status=200,
        )
        for fmt in exports
    ]
    return entries


QUERIES: list[Entry] = [
    *list_entries("projects", "/projects/", "hq", PROJECT_PARAMS),
    Entry(
        "projects-export-csv",
        "/projects/export.csv",
        "GET",
        "hq",
        "export",
        variants=as_export(PROJECT_PARAMS),
        baseline_status=200,
    ),
    Entry(
        "projects-export-xlsx",
        "/projects/export.xlsx",
        "GET",
        "hq",
        "export",
        variants=as_export(PROJECT_PARAMS, XLSX_CATEGORIES),
        baseline_status=200,
    ),
    *list_entries("countries", "/countries/", "viewer", COUNTRY_PARAMS, exports=("csv", "xlsx")),
    *list_entries("partners", "/partners/", "viewer", PARTNER_PARAMS, exports=("csv", "xlsx")),
    *list_entries("evaluations", "/evaluations/", "hq", EVALUATION_PARAMS),
    *list_entries("lessons", "/lessons/", "viewer", [*LESSON_PARAMS, *LESSON_CURSORS]),
    Entry(
        "lessons-export-csv",
        "/lessons/export.csv",
        "GET",
        "viewer",
        "export",
        variants=as_export(LESSON_PARAMS),
        baseline_status=200,
    ),
    Entry(
        "reviews",
        "/reviews/",
        "GET",
        "hq",
        "list",
        variants=(
            *page_param("waiting_page"),
            *page_param("overdue_page"),
            *unknown_params(),
            v("mine-script", "script", tolerated(), mine=SCRIPT),
        ),
        baseline_status=200,
    ),
    Entry("my-projects", "/my-projects/", "GET", "cta", "list", variants=tuple(unknown_params()), baseline_status=200),
    Entry("dashboard", "/", "GET", "hq", "list", variants=tuple(unknown_params()), baseline_status=200),
    Entry(
        "project-page",
        "/projects/{project}/",
        "GET",
        "hq",
        "list",
        variants=(
            v("history-script", "script", tolerated(), history=SCRIPT),
            v("history-nul", "nul_byte", tolerated(), history=Raw("all%00")),
            v("slug-unknown", "unknown_choice", status(404), "/projects/XXX-99-999-XXX/"),
            v("slug-sql", "sql", status(404), "/projects/IND%27%20OR%201=1/"),
            v("slug-10kb", "huge", status(404), "/projects/" + "A" * 10_000 + "/"),
            v("report-huge-id", "huge", status(404), "/projects/{project}/reports/99999999999999999999/"),
        ),
        baseline_status=200,
    ),
    Entry(
        "country-page",
        "/countries/IND/",
        "GET",
        "viewer",
        "list",
        variants=(
            v("iso3-unknown", "unknown_choice", status(404), "/countries/XXX/"),
            v("iso3-numeric", "wrong_type", status(404), "/countries/356/"),
            v("iso3-sql", "sql", status(404), "/countries/IND%27%20OR%20%271%27=%271/"),
            v("iso3-script", "script", status(404), "/countries/%3Cscript%3E/"),
            v("iso3-non-latin", "non_latin", status(404), "/countries/%D0%98%D0%9D%D0%94/"),
            v("iso3-10kb", "huge", status(404), "/countries/" + "I" * 10_000 + "/"),
        ),
        baseline_status=200,
    ),
    Entry(
        "partner-page",
        "/partners/{partner}/",
        "GET",
        "viewer",
        "list",
        variants=(
            v("id-unknown", "out_of_range", status(404), "/partners/99999999/"),
            v("id-huge", "huge", status(404), "/partners/99999999999999999999/"),
            v("id-text", "wrong_type", status(404), "/partners/abc/"),
            v("id-negative", "out_of_range", status(404), "/partners/-1/"),
        ),
        baseline_status=200,
    ),
    Entry(
        "committee-page",
        "/committees/{committee}/",
        "GET",
        "viewer",
        "list",
        variants=(
            v("id-huge", "huge", status(404), "/committees/99999999999999999999/"),
            v("minutes-unknown", "out_of_range", status(404), "/committees/{committee}/meetings/99999999/minutes/"),
        ),
        baseline_status=200,
    ),
    Entry(
        "evaluation-page",
        "/evaluations/{evaluation}/",
        "GET",
        "hq",
        "list",
        variants=(
            v("id-huge", "huge", status(404), "/evaluations/99999999999999999999/"),
            v("history-script", "script", tolerated(), history=SCRIPT),
        ),
        baseline_status=200,
    ),
    Entry(
        "country-lookup",
        "/countries/lookup.json",
        "GET",
        "viewer",
        "json",
        baseline={"q": "ind"},
        variants=tuple(LOOKUP_PARAMS),
        baseline_status=200,
    ),
    Entry(
        "partner-lookup",
        "/partners/lookup.json",
        "GET",
        "viewer",
        "json",
        baseline={"q": "trust"},
        variants=tuple(LOOKUP_PARAMS),
        baseline_status=200,
    ),
    Entry(
        "report-status",
        "/evaluations/{evaluation}/report/status.json",
        "GET",
        "hq",
        "json",
        variants=(
            v("id-huge", "huge", status(404), "/evaluations/99999999999999999999/report/status.json"),
            v("id-unknown", "out_of_range", status(404), "/evaluations/99999999/report/status.json"),
        ),
        baseline_status=200,
    ),
    Entry(
        "report-page",
        "/evaluations/{evaluation}/report/",
        "GET",
        "hq",
        "list",
        variants=(
            v("id-huge", "huge", status(404), "/evaluations/99999999999999999999/report/"),
            v("preview-without-debug", "unknown_choice", status(404), "/evaluations/{evaluation}/report/preview/"),
        ),
        baseline_status=200,
    ),
    Entry(
        "evidence-download",
        "/projects/{project}/reports/{report}/",
        "GET",
        "cta",
        "list",
        variants=(
            v(
                "evidence-unknown",
                "out_of_range",
                status(404),
                "/projects/{project}/reports/{report}/evidence/99999999/",
            ),
            v(
                "evidence-huge-id",
                "huge",
                status(404),
                "/projects/{project}/reports/{report}/evidence/99999999999999999999/",
            ),
            v("review-by-get", "wrong_type", status(405), "/projects/{project}/reports/{submitted}/review/"),
            v("save-by-get", "wrong_type", status(405), "/projects/{project}/reports/{report}/save/"),
        ),
        baseline_status=200,
    ),
    Entry(
        "report-pdf",
        "/evaluations/{evaluation}/report.pdf",
        "GET",
        "hq",
        "file",
        baseline={"version": "1"},
        variants=(
            v("version-text", "wrong_type", status(404), version="abc"),
            v("version-superscript", "wrong_type", status(404), version="²"),
            v("version-arabic-indic", "non_latin", status(404), version="٣"),
            v("version-negative", "out_of_range", status(404), version="-1"),
            v("version-huge", "huge", status(404), version="9" * 30),
            v("version-sql", "sql", status(404), version="1 OR 1=1"),
            v("version-nul", "nul_byte", status(404), version=Raw("1%00")),
        ),
        baseline_status=200,
    ),
    Entry(
        "admin-changelist",
        "/admin/projects/project/",
        "GET",
        "hq",
        "list",
        variants=(
            v("q-script", "script", tolerated(), q=SCRIPT),
            v("q-sql", "sql", tolerated(), q=SQL),
            v("q-10kb", "huge", tolerated(), q=KB10),
            v("q-non-latin", "non_latin", tolerated(), q=NON_LATIN),
            v("o-nonsense", "unknown_choice", tolerated(), o="abc"),
            v("p-text", "wrong_type", tolerated(), p="abc"),
            v("field-lookup-sql", "sql", status(302), id="1 OR 1=1"),
            v("region-unknown", "unknown_choice", tolerated(), region="nonsense"),
        ),
        baseline_status=200,
    ),
    Entry(
        "admin-autocomplete",
        "/admin/autocomplete/",
        "GET",
        "hq",
        "json",
        baseline={"app_label": "projects", "model_name": "project", "field_name": "cta", "term": "cta"},
        variants=(
            v("term-nul", "nul_byte", status(400), term=Raw("cta%00")),
            v("term-script", "script", accepted(), term=SCRIPT),
            v("term-sql", "sql", accepted(), term=SQL),
            v("term-10kb", "huge", accepted(), term=KB10),
            v("model-unknown", "unknown_choice", status(403), model_name="nonsense"),
            v("field-unknown", "unknown_choice", status(403), field_name="password"),
        ),
        baseline_status=200,
    ),
]

# --- Uploads ----------------------------------------------------------------------------------------------

_pdf = Upload("evidence.pdf", "application/pdf", "pdf")

UPLOADS: list[Entry] = [
    Entry(
        "evidence-upload",
        f"{_report}evidence/",
        "POST",
        "cta",
        "upload",
        baseline={"version": "{report_version}", "file": _pdf},
        form="evidence_form",
        subject="evidence",
        shown_at=_report,
        variants=(
            v("empty", "malformed_file", error("file"), file=Upload("empty.pdf", "application/pdf", "empty")),
            v("exe-named-pdf", "malformed_file", error("file"), file=Upload("report.pdf", "application/pdf", "exe")),
            v("html-named-pdf", "malformed_file", error("file"), file=Upload("report.pdf", "application/pdf", "html")),
            v("script-named-png", "script", error("file"), file=Upload("chart.png", "image/png", "svg")),
            v(
                "zip-named-docx",
                "malformed_file",
                error("file"),
                file=Upload("report.docx", "application/msword", "zip"),
            ),
            v(
                "broken-zip-docx",
                "malformed_file",
                error("file"),
                file=Upload("report.docx", "application/msword", "broken_zip"),
            ),
            v(
                "double-extension-exe",
                "malformed_file",
                error("file"),
                file=Upload("report.pdf.exe", "application/pdf", "exe"),
            ),
            v("too-large", "huge", error("file"), file=Upload("big.pdf", "application/pdf", "too_large")),
            v("no-file", "missing_field", error("file"), file=DROP),
            v("file-as-text", "wrong_type", error("file"), file="not a file"),
            v("version-missing", "missing_field", error("version"), version=DROP),
            v("version-stale", "out_of_range", error("__all__"), version=Fmt("{report_stale_version}")),
            # Accepted: the content is an allowed type, whatever the name and the header claim.
            v(
                "at-the-limit",
                "huge",
                accepted("evidence.original_name", "limit.pdf"),
                file=Upload("limit.pdf", "application/pdf", "at_limit"),
            ),
            v(
                "wrong-content-type",
                "wrong_type",
                accepted("evidence.content_type", "application/pdf"),
                file=Upload("evidence.pdf", "application/x-msdownload", "pdf"),
            ),
            v(
                "path-traversal",
                "script",
                accepted("evidence.original_name", "passwd.pdf"),
                file=Upload("../../etc/passwd.pdf", "application/pdf", "pdf"),
            ),
            v(
                "windows-path",
                "script",
                accepted("evidence.original_name", "evil.pdf"),
                file=Upload("..\\..\\windows\\evil.pdf", "application/pdf", "pdf"),
            ),
            v(
                "long-name",
                "long_text",
                accepted("evidence.original_name", "a" * 251 + ".pdf"),
                file=Upload("a" * 300 + ".pdf", "application/pdf", "pdf"),
            ),
            v(
                "non-latin-name",
                "non_latin",
                accepted("evidence.original_name", "отчёт-报告-تقرير.pdf"),
                file=Upload("отчёт-报告-تقرير.pdf", "application/pdf", "pdf"),
            ),
            v(
                "script-name",
                "script",
                accepted("evidence.original_name", "<b onmouseover=alert(1)>x.pdf"),
                file=Upload("<b onmouseover=alert(1)>x.pdf", "application/pdf", "pdf"),
            ),
            v(
                "double-extension-pdf",
                "malformed_file",
                accepted("evidence.original_name", "report.exe.pdf"),
                file=Upload("report.exe.pdf", "application/pdf", "pdf"),
            ),
            v(
                "docx-with-huge-member",
                "malformed_file",
                accepted(
                    "evidence.content_type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                ),
                file=Upload("bomb.docx", "application/octet-stream", "docx_bomb"),
            ),
        ),
    ),
]

ENTRIES: list[Entry] = [*FORMS, *ADMIN, *QUERIES, *UPLOADS]


def cases(kinds: Iterable[str]) -> list[tuple[Entry, Variant]]:
    wanted = set(kinds)
    return [(entry, variant) for entry in ENTRIES if entry.kind in wanted for variant in entry.variants]


def counts() -> Counter:
    return Counter(variant.category for entry in ENTRIES for variant in entry.variants)


def summary() -> str:
    by_category = counts()
    by_kind = Counter(entry.kind for entry in ENTRIES for _ in entry.variants)
    lines = [f"{category:20} {by_category[category]:5}" for category in CATEGORIES]
    lines.append(f"{'total':20} {sum(by_category.values()):5}")
    lines.append("by kind: " + ", ".join(f"{kind} {n}" for kind, n in sorted(by_kind.items())))
    lines.append(f"entries: {len(ENTRIES)} (+ one baseline case each)")
    return "\n".join(lines)


if __name__ == "__main__":
    print(summary())
