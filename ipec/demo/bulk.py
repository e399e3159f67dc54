"""Write a demo plan of any size with bulk inserts: `seed_demo --projects N`, for benchmarks.

The same plan as the service-based demo (the same N gives the same codes, titles, statuses and
figures), written in chunks of projects inside one transaction. Rows that others point at get
ids chosen here (users, partners, projects, committees, evaluations), so a chunk is written
without reading anything back; sequences are moved past them at the end.

Rows are plain tuples handed to a `RowSink`: on PostgreSQL it streams them with COPY, on
other databases it makes model instances for `bulk_create`. COPY because 100,000 projects
are some six million rows, and building a model instance and preparing its values costs
Django ~35 µs a row: five minutes of Python before the database does anything.

Every database constraint still holds: the check and unique constraints are in the schema,
and on PostgreSQL the deferred trigger checks at commit that each national project has
exactly one country. What the services check in Python (legal status moves dated in order,
codes never reused, a donor for each code, the countries of a kind, content only while an
evaluation is open, C138's minimum age) the plan respects by construction, and the tests
compare the two writers. Not written here: the history rows the services record (django-simple-history), and
the evaluation report PDFs their steps request.

Progress reports are written as the services leave them: the rows the schedule opens when a
project becomes active (the plan has the same periods), with their content, figures per
country and the dated steps of their workflow.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from itertools import islice

from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max
from django.db.models.fields import NOT_PROVIDED
from django.utils import timezone

from accounts.models import User
from countries.models import Country, Ratification
from evaluations.models import (
    Evaluation,
    EvaluationStep,
    Finding,
    GoodPractice,
    LessonLearned,
    Recommendation,
)
from ipec.demo.build import (
    Lookups,
    Result,
    demo_password,
    new_user,
    ratification_status,
    refuse_future_reference_date,
    refuse_production,
)
from ipec.demo.plan import CommitteePlan, EvaluationPlan, Planner, ProjectBundle, ProjectPlan
from partners.models import CommitteeMeeting, CommitteeMember, Donor, Partner, ProjectPartnership, SteeringCommittee
from projects.models import (
    ActionProgramme,
    Expenditure,
    IssuedCode,
    ProgressReport,
    Project,
    ProjectCountry,
    ReportFigure,
    ReportStep,
    StatusChange,
    Target,
)

BATCH = 5000
# Models whose ids the writer chooses; their sequences are reset afterwards.
EXPLICIT_ID_MODELS = (User, Partner, SteeringCommittee, Project, ProgressReport, Evaluation)


def _chunks(items: Iterable[ProjectBundle], size: int) -> Iterable[list[ProjectBundle]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


class Ids:
    """The next free id of each model whose rows the writer numbers itself."""

    def __init__(self) -> None:
        self._next = {m: (m.objects.aggregate(top=Max("id"))["top"] or 0) + 1 for m in EXPLICIT_ID_MODELS}

    def take(self, model: type[models.Model]) -> int:
        value = self._next[model]
        self._next[model] += 1
        return value


Row = tuple


class RowSink:
    """Collects rows (tuples of values for named fields) per model, and writes them in one go.

    Fields not named take their model default (created_at/updated_at: the time of the build),
    as bulk_create would give them; a field with a database default is left to the database.
    """

    def __init__(self) -> None:
        self.copy = connection.vendor == "postgresql"
        self.now = timezone.now()
        self.rows: dict[tuple[type[models.Model], tuple[str, ...]], list[Row]] = defaultdict(list)
        self._defaults: dict[tuple[type[models.Model], tuple[str, ...]], tuple[list[str], Row]] = {}

    def add(self, model: type[models.Model], fields: tuple[str, ...], rows: Iterable[Row]) -> None:
        self.rows[(model, fields)].extend(rows)

    def flush(self, order: Sequence[type[models.Model]]) -> None:
        rank = {model: index for index, model in enumerate(order)}
        for key in sorted(self.rows, key=lambda k: rank.get(k[0], len(rank))):
            model, fields = key
            rows = self.rows[key]
            if rows:
                self._copy(model, fields, rows) if self.copy else self._bulk_create(model, fields, rows)
        self.rows.clear()

    def _bulk_create(self, model: type[models.Model], fields: tuple[str, ...], rows: list[Row]) -> None:
        objs = model.objects.bulk_create(
            (model(**dict(zip(fields, row, strict=True))) for row in rows), batch_size=BATCH
        )
        # bulk_create gives an auto_now(_add) field the time of the insert, whatever it was given (a report step's
        # `at`): set the given values again.
        stamped = [
            (field.attname, fields.index(field.attname))
            for field in model._meta.concrete_fields
            if field.attname in fields and (getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False))
        ]
        if stamped:
            for obj, row in zip(objs, rows, strict=True):
                for name, index in stamped:
                    setattr(obj, name, row[index])
            model.objects.bulk_update(objs, [name for name, _index in stamped], batch_size=BATCH)

    def _extra(self, model: type[models.Model], fields: tuple[str, ...]) -> tuple[list[str], Row]:
        """The columns of the fields not named, with the value each takes."""
        key = (model, fields)
        if key not in self._defaults:
            columns, values = [], []
            for field in model._meta.concrete_fields:
                if field.attname in fields or field.primary_key or field.db_default is not NOT_PROVIDED:
                    continue
                if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                    value = self.now
                else:
                    value = field.get_db_prep_save(field.get_default(), connection)
                columns.append(field.column)
                values.append(value)
            self._defaults[key] = (columns, tuple(values))
        return self._defaults[key]

    def _copy(self, model: type[models.Model], fields: tuple[str, ...], rows: list[Row]) -> None:
        by_attname = {f.attname: f for f in model._meta.concrete_fields}
        extra_columns, extra_values = self._extra(model, fields)
        columns = [by_attname[name].column for name in fields] + extra_columns
        quote = connection.ops.quote_name
        sql = f"COPY {quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row + extra_values)


# Parents before children (the foreign keys are deferred anyway, but SQLite's bulk_create is happier).
def _write_order() -> list[type[models.Model]]:
    through = [
        Project._meta.get_field(n).remote_field.through
        for n in ("intervention_types", "worst_forms", "sectors", "target_groups")
    ]
    return [
        User, Ratification, Partner, Donor, Project, IssuedCode, ProjectCountry, *through, StatusChange,
        ProjectPartnership, Expenditure, Target, ActionProgramme, ProgressReport, ReportFigure, ReportStep,
        SteeringCommittee, CommitteeMember,
        CommitteeMeeting, Evaluation, Evaluation.projects.through, Evaluation.evaluators.through, EvaluationStep,
        Finding, Recommendation, LessonLearned, GoodPractice,
    ]  # fmt: skip


PROJECT_FIELDS = (
    "id", "code", "title", "summary", "objectives", "kind", "status", "planned_start", "planned_end", "actual_start",
    "actual_end", "budget_usd", "hq_backstopping_officer_id", "cta_id", "project_manager_id", "administrative_office",
    "supports_time_bound_programme", "version",
)  # fmt: skip
EVALUATION_FIELDS = (
    "id", "title", "scope", "timing", "modality", "status", "language", "evaluation_manager_id", "planned_start",
    "planned_end", "executive_summary", "purpose", "scope_text", "methodology", "conclusions", "version",
)  # fmt: skip
REPORT_FIELDS = (
    "id", "project_id", "period_start", "period_end", "due_on", "status", "rating", "narrative", "challenges",
    "next_steps", "review_comment", "version",
)  # fmt: skip
LESSON_FIELDS = (
    "title", "description", "context", "challenges", "causal_factors", "targeted_users", "success",
    "administrative_issues",
)  # fmt: skip
PRACTICE_FIELDS = ("title", "summary", "conditions", "cause_effect", "measurable_impact", "replication_potential")


class BulkWriter:
    def __init__(self, planner: Planner, password: str, chunk_size: int, progress: Callable[[str], None]) -> None:
        self.planner = planner
        self.password = password
        self.chunk_size = chunk_size
        self.progress = progress
        self.ref = Lookups()
        self.ids = Ids()
        self.sink = RowSink()
        self.order = _write_order()
        self.users: dict[str, int] = {}
        self.partners: dict[tuple[str, str | None], int] = {}
        self.donor_partner: dict[str, int] = {}
        self.projects: dict[str, int] = {}
        self.countries = {iso3: c.id for iso3, c in self.ref.countries.items()}
        self.result = Result()
        self.through = {}
        for name, table in (
            ("intervention_types", self.ref.interventions),
            ("worst_forms", self.ref.worst_forms),
            ("sectors", self.ref.sectors),
            ("target_groups", self.ref.target_groups),
        ):
            through = Project._meta.get_field(name).remote_field.through
            target = Project._meta.get_field(name).related_model._meta.model_name
            ids = {code: row.id for code, row in table.items()}
            self.through[name] = (through, ("project_id", f"{target}_id"), ids)

    def run(self) -> Result:
        self._users()
        self._countries()
        self._partners()
        self._committees(self.planner.national_committees)
        self.sink.flush(self.order)
        self.progress(f"  reference data: {len(self.partners)} partners")
        done = 0
        for chunk in _chunks(self.planner.iter_projects(), self.chunk_size):
            for bundle in chunk:
                self._project(bundle.project)
            self._committees([b.committee for b in chunk if b.committee])
            self._evaluations([e for b in chunk for e in b.evaluations])
            self.sink.flush(self.order)
            done += len(chunk)
            self.progress(f"  {done} projects")
        self._reset_sequences()
        self.result.partners = len(self.partners)
        return self.result

    # -- reference data -------------------------------------------------------------
    def _users(self) -> None:
        unusable = make_password(None)  # one for all: these people do not sign in to the demo
        users = []
        for plan in self.planner.users:
            user = new_user(plan, self.password)
            user.id = self.ids.take(User)
            if not plan.login:
                user.password = unusable
            users.append(user)
            self.users[plan.username] = user.id
            if plan.login:
                self.result.login_users.append((plan.username, plan.role))
        User.objects.bulk_create(users, batch_size=BATCH)

    def _countries(self) -> None:
        countries, ratifications = [], []
        for plan in self.planner.countries:
            fact = plan.fact
            country = self.ref.countries[fact.iso3]
            country.ipec_operations = True
            country.mou_signed_on, country.mou_valid_until = fact.mou_signed_on, fact.mou_valid_until
            country.focal_point_name, country.focal_point_email = plan.focal_point_name, plan.focal_point_email
            country.survey_year = fact.survey_year
            country.children_in_child_labour = fact.children_in_child_labour
            country.children_in_hazardous_work = fact.children_in_hazardous_work
            country.child_labour_rate = fact.child_labour_rate
            country.updated_at = self.sink.now
            countries.append(country)
            ratifications += [
                (
                    country.id,
                    self.ref.conventions[r.convention].id,
                    r.ratified_on,
                    ratification_status(r),
                    r.minimum_age,
                )
                for r in fact.ratifications
            ]
        fields = [
            "ipec_operations", "mou_signed_on", "mou_valid_until", "focal_point_name", "focal_point_email",
            "survey_year", "children_in_child_labour", "children_in_hazardous_work", "child_labour_rate", "updated_at",
        ]  # fmt: skip
        Country.objects.bulk_update(countries, fields, batch_size=BATCH)
        self.sink.add(
            Ratification, ("country_id", "convention_id", "ratified_on", "status", "minimum_age"), ratifications
        )

    def _partners(self) -> None:
        rows = []
        for plan in self.planner.partners:
            partner_id = self.ids.take(Partner)
            self.partners[plan.key] = partner_id
            country = self.countries[plan.country] if plan.country else None
            rows.append((partner_id, plan.name, plan.acronym, self.ref.partner_types[plan.type].id, country))
        self.sink.add(Partner, ("id", "name", "acronym", "type_id", "country_id"), rows)
        donors = []
        for code, key in self.planner.donors:
            donors.append((self.partners[key], code))
            self.donor_partner[code] = self.partners[key]
        self.sink.add(Donor, ("partner_id", "code"), donors)

    def _committees(self, plans: list[CommitteePlan]) -> None:
        committees, members, meetings = [], [], []
        for plan in plans:
            committee_id = self.ids.take(SteeringCommittee)
            country = self.countries[plan.country] if plan.country else None
            project = self.projects[plan.project] if plan.project else None
            committees.append((committee_id, plan.kind, plan.name, country, project, plan.established_on))
            members += [(committee_id, self.partners[key], person, role) for key, person, role in plan.members]
            meetings += [(committee_id, day, agenda, decisions) for day, agenda, decisions in plan.meetings]
        self.sink.add(
            SteeringCommittee, ("id", "kind", "name", "country_id", "project_id", "established_on"), committees
        )
        self.sink.add(CommitteeMember, ("committee_id", "partner_id", "person_name", "role"), members)
        self.sink.add(CommitteeMeeting, ("committee_id", "held_on", "agenda", "decisions"), meetings)
        self.result.committees += len(committees)

    # -- projects -------------------------------------------------------------------
    def _project(self, plan: ProjectPlan) -> None:
        add = self.sink.add
        pid = self.ids.take(Project)
        self.projects[plan.code] = pid
        officer = self.users[plan.backstopping]
        cta = self.users[plan.cta] if plan.cta else None
        manager = self.users[plan.project_manager] if plan.project_manager else None
        actual_start = plan.actual_start
        add(
            Project,
            PROJECT_FIELDS,
            [
                (
                    pid, plan.code, plan.title, plan.summary, plan.objectives, plan.kind, plan.status,
                    plan.planned_start, plan.planned_end, actual_start, plan.actual_end, plan.budget, officer, cta,
                    manager, plan.administrative_office, plan.time_bound,
                    1 + len(plan.moves),  # as the services leave it: one version per move
                )
            ],
        )  # fmt: skip
        add(IssuedCode, ("code",), [(plan.code,)])
        add(ProjectCountry, ("project_id", "country_id"), [(pid, self.countries[c]) for c in plan.countries])
        for name, codes in (
            ("intervention_types", plan.interventions),
            ("worst_forms", plan.worst_forms),
            ("sectors", plan.sectors),
            ("target_groups", plan.target_groups),
        ):
            through, fields, ids = self.through[name]
            add(through, fields, [(pid, ids[c]) for c in codes])
        changes = [(pid, "", "pipeline", plan.created_on, officer, "Project created.")]
        status = "pipeline"
        for to_status, effective_on, note in plan.moves:
            changes.append((pid, status, to_status, effective_on, officer, note))
            status = to_status
        add(StatusChange, ("project_id", "from_status", "to_status", "effective_on", "changed_by_id", "note"), changes)
        partnerships = [(pid, self.donor_partner[code], "funding", amount) for code, amount in plan.fundings]
        partnerships += [
            (pid, self.partners[k], "implementing", None)
            for k in dict.fromkeys(a.partner for a in plan.action_programmes)
        ]
        partnerships += [(pid, self.partners[key], role, None) for key, role in plan.partnerships]
        add(ProjectPartnership, ("project_id", "partner_id", "role", "amount_usd"), partnerships)
        add(Expenditure, ("project_id", "year", "amount_usd"), [(pid, y, a) for y, a in plan.expenditures])
        add(Target, ("project_id", "measure", "sex", "age_band", "value"), [(pid, *t) for t in plan.targets])
        add(
            ActionProgramme,
            ("project_id", "partner_id", "title", "budget_usd", "start_on", "end_on", "children_withdrawn_target",
             "children_prevented_target"),
            [
                (pid, self.partners[a.partner], a.title, a.budget, a.start_on, a.end_on, a.withdrawn, a.prevented)
                for a in plan.action_programmes
            ],
        )  # fmt: skip
        self._reports(pid, plan)
        self.result.projects += 1
        self.result.statuses[plan.status] += 1

    def _reports(self, pid: int, plan: ProjectPlan) -> None:
        """The reports of the schedule the services open when a project first becomes active, as its author and
        HQ left them: content, figures per country, and the dated steps of the workflow."""
        reports, figures, steps = [], [], []
        countries, users = self.countries, self.users
        for r in plan.reports:
            rid = self.ids.take(ProgressReport)
            reports.append(
                (rid, pid, r.period_start, r.period_end, r.due_on, r.status, r.rating, r.narrative, r.challenges,
                 r.next_steps, r.review_comment, r.version)
            )  # fmt: skip
            figures += [(rid, countries[c], m, s, a, v) for c, m, s, a, v in r.figures]
            steps += [(rid, f, t, users[u], at, comment) for f, t, u, at, comment in r.steps]
        add = self.sink.add
        add(ProgressReport, REPORT_FIELDS, reports)
        add(ReportFigure, ("report_id", "country_id", "measure", "sex", "age_band", "value"), figures)
        add(ReportStep, ("report_id", "from_status", "to_status", "by_id", "at", "comment"), steps)

    # -- evaluations ----------------------------------------------------------------
    def _evaluations(self, plans: list[EvaluationPlan]) -> None:
        add = self.sink.add
        for plan in plans:
            eid = self.ids.take(Evaluation)
            manager = self.users[plan.manager]
            add(
                Evaluation,
                EVALUATION_FIELDS,
                [
                    (
                        eid, plan.title, plan.scope, plan.timing, plan.modality, plan.status, plan.language, manager,
                        plan.planned_start, plan.planned_end, plan.executive_summary, plan.purpose, plan.scope_text,
                        plan.methodology, plan.conclusions,
                        len(plan.steps),  # as the services leave it: one version per step after the first
                    )
                ],
            )  # fmt: skip
            add(
                Evaluation.projects.through,
                ("evaluation_id", "project_id"),
                [(eid, self.projects[c]) for c in plan.projects],
            )
            add(
                Evaluation.evaluators.through,
                ("evaluation_id", "user_id"),
                [(eid, self.users[u]) for u in plan.evaluators],
            )
            add(
                EvaluationStep,
                ("evaluation_id", "status", "reached_on", "changed_by_id"),
                [(eid, status, day, manager) for status, day in plan.steps],
            )
            add(Finding, ("evaluation_id", "criterion", "text", "rating"), [(eid, *f) for f in plan.findings])
            add(
                Recommendation,
                ("evaluation_id", "number", "text", "addressee", "priority", "timeframe", "management_response",
                 "response_comment", "follow_up"),
                [
                    (eid, number, r.text, r.addressee, r.priority, r.timeframe, r.management_response,
                     r.response_comment, r.follow_up)
                    for number, r in enumerate(plan.recommendations, start=1)
                ],
            )  # fmt: skip
            add(
                LessonLearned,
                ("evaluation_id", *LESSON_FIELDS),
                [(eid, *(x[f] for f in LESSON_FIELDS)) for x in plan.lessons],
            )
            add(
                GoodPractice,
                ("evaluation_id", *PRACTICE_FIELDS),
                [(eid, *(x[f] for f in PRACTICE_FIELDS)) for x in plan.good_practices],
            )
        self.result.evaluations += len(plans)

    def _reset_sequences(self) -> None:
        statements = connection.ops.sequence_reset_sql(no_style(), list(EXPLICIT_ID_MODELS))
        if statements:
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)


def build_bulk(
    *,
    projects: int,
    password: str | None = None,
    chunk_size: int = 2000,
    progress: Callable[[str], None] | None = None,
) -> Result:
    """Write a generated portfolio of `projects` projects with bulk inserts, in one transaction."""
    refuse_production()
    refuse_future_reference_date()
    started = time.perf_counter()
    with transaction.atomic():
        planner = Planner(projects, today=timezone.localdate())
        result = BulkWriter(
            planner, password or demo_password(), max(1, chunk_size), progress or (lambda _m: None)
        ).run()
    result.seconds = time.perf_counter() - started
    return result
