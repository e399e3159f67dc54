"""The evaluation rule of DESIGN.md: which projects need which external evaluations, and which miss one.

    budget ≥ EVALUATION_INDEPENDENT_THRESHOLD_USD (default US$ 1 million)
        → at least one independent evaluation (any timing);
    budget ≥ EVALUATION_MIDTERM_AND_FINAL_THRESHOLD_USD (default US$ 5 million)
        → an independent mid-term evaluation and an independent final evaluation.

Decisions the design leaves open, taken here:

* **Which projects are subject.** Approved, active, suspended, completed and closed projects
  (SUBJECT_STATUSES). A project in the pipeline is not yet approved, so nothing is planned
  for it yet; a cancelled one will never be evaluated.
* **What counts as having an evaluation.** An evaluation of any status, from `planned` on:
  the rule asks HQ to plan the evaluations a project needs, and a planned one is no longer
  missing. A project or cluster evaluation counts for each project it covers; a thematic
  evaluation does not, since it assesses a theme across projects, not a project's results.
* **Timing.** "Mid-term" and "final" are the evaluation's timing exactly: an ex-post
  evaluation satisfies the one-independent-evaluation rule, not the final one.
* **Thresholds are inclusive** (a budget of exactly US$ 1 million is subject). When the
  mid-term-and-final threshold is reached, its two evaluations are what is required (they
  imply the first rule).

The same rule exists twice: in Python for one project (`required_evaluations`,
`missing_evaluations`) and in SQL for a whole queryset (`with_evaluation_rule`,
`projects_missing_required_evaluation`), three `Exists` subqueries and no query per row.
tests/evaluations_pages/test_rules.py checks that the two agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.lookups import IsNull
from django.utils.translation import gettext_lazy as _

from evaluations.models import Evaluation, EvaluationScope, Modality, Timing
from projects.models import Project, ProjectStatus

# The statuses of projects the rule applies to (see the module's docstring).
SUBJECT_STATUSES: frozenset[str] = frozenset(
    {
        ProjectStatus.APPROVED,
        ProjectStatus.ACTIVE,
        ProjectStatus.SUSPENDED,
        ProjectStatus.COMPLETED,
        ProjectStatus.CLOSED,
    }
)
# The scopes of evaluation that count for the projects they cover.
COUNTED_SCOPES: frozenset[str] = frozenset({EvaluationScope.PROJECT, EvaluationScope.CLUSTER})

# What the rule can require, as codes (for code and tests) with a label (for pages, in the reader's language).
INDEPENDENT = "independent"
INDEPENDENT_MIDTERM = "independent_midterm"
INDEPENDENT_FINAL = "independent_final"
REQUIREMENT_LABELS: dict[str, str] = {
    INDEPENDENT: _("an independent evaluation"),
    INDEPENDENT_MIDTERM: _("an independent mid-term evaluation"),
    INDEPENDENT_FINAL: _("an independent final evaluation"),
}


def thresholds() -> tuple[Decimal, Decimal]:
    """(one independent evaluation, independent mid-term and final), in US dollars, read from the settings."""
    return (
        Decimal(settings.EVALUATION_INDEPENDENT_THRESHOLD_USD),
        Decimal(settings.EVALUATION_MIDTERM_AND_FINAL_THRESHOLD_USD),
    )


def is_subject(project: Project) -> bool:
    return project.status in SUBJECT_STATUSES


def required_evaluations(project: Project) -> list[str]:
    """The requirement codes that apply to the project, from its budget and status alone (no query)."""
    if not is_subject(project):
        return []
    one, both = thresholds()
    budget = Decimal(project.budget_usd or 0)
    if budget >= both:
        return [INDEPENDENT_MIDTERM, INDEPENDENT_FINAL]
    if budget >= one:
        return [INDEPENDENT]
    return []


def _counted(evaluation: Evaluation) -> bool:
    return evaluation.scope in COUNTED_SCOPES and evaluation.modality == Modality.INDEPENDENT


def _satisfies(requirement: str, evaluation: Evaluation) -> bool:
    if not _counted(evaluation):
        return False
    if requirement == INDEPENDENT_MIDTERM:
        return evaluation.timing == Timing.MIDTERM
    if requirement == INDEPENDENT_FINAL:
        return evaluation.timing == Timing.FINAL
    return True


def missing_evaluations(project: Project) -> list[str]:
    """The required evaluations the project has none for.

    Reads `project.evaluations.all()`, so a prefetched list costs no query; otherwise one query,
    and none at all when nothing is required.
    """
    required = required_evaluations(project)
    if not required:
        return []
    evaluations = list(project.evaluations.all())
    return [r for r in required if not any(_satisfies(r, e) for e in evaluations)]


@dataclass(frozen=True)
class RuleCheck:
    """The rule applied to one project, for its page: what is required and which evaluations meet it."""

    required: list[str]
    missing: list[str]
    meeting: dict[str, list[Evaluation]]  # requirement -> the evaluations that satisfy it

    @property
    def labels(self) -> list[tuple[str, bool, list[Evaluation]]]:
        """(label, met, evaluations meeting it) for each requirement, in order."""
        return [(REQUIREMENT_LABELS[r], r not in self.missing, self.meeting[r]) for r in self.required]


def rule_check(project: Project) -> RuleCheck:
    """The rule and the project's evaluations against it; one query when something is required."""
    required = required_evaluations(project)
    evaluations = list(project.evaluations.order_by("planned_start", "pk")) if required else []
    meeting = {r: [e for e in evaluations if _satisfies(r, e)] for r in required}
    return RuleCheck(required=required, missing=[r for r in required if not meeting[r]], meeting=meeting)


# The SQL version ------------------------------------------------------------------------------


def _has(probe: bool = False, **timing) -> Exists:
    covered = Evaluation.projects.through.objects.filter(
        project_id=OuterRef("pk"),
        evaluation__modality=Modality.INDEPENDENT,
        evaluation__scope__in=COUNTED_SCOPES,
        **{f"evaluation__{key}": value for key, value in timing.items()},
    )
    if probe:
        # An always-true condition on the outer row stops PostgreSQL from turning the EXISTS into a "hashed
        # SubPlan", which reads every counted evaluation (~0.1 s per subquery at 100,000 projects) before the first
        # row. A LIMIT-ed read (a page, a capped count) then probes the project_id index for the rows it reads only.
        covered = covered.filter(IsNull(OuterRef("pk"), False))
    return Exists(covered)


def missing_condition() -> Q:
    """Over a queryset annotated by with_evaluation_rule: the rule applies and a required evaluation is missing."""
    one, both = thresholds()
    needs_both = Q(budget_usd__gte=both) & (Q(has_independent_midterm=False) | Q(has_independent_final=False))
    needs_one = Q(budget_usd__gte=one, budget_usd__lt=both, has_independent_evaluation=False)
    return Q(status__in=SUBJECT_STATUSES) & (needs_both | needs_one)


def with_evaluation_rule(queryset: QuerySet[Project], probe: bool = False) -> QuerySet[Project]:
    """Annotate each project with whether it has an independent evaluation, mid-term and final.

    `probe`: for reads of a few rows (a page, a capped count), look each project's evaluations up
    by index instead of reading all of them first (see `_has`); slower for reads of every project.
    """
    return queryset.annotate(
        has_independent_evaluation=_has(probe),
        has_independent_midterm=_has(probe, timing=Timing.MIDTERM),
        has_independent_final=_has(probe, timing=Timing.FINAL),
    )


def projects_missing_required_evaluation(
    queryset: QuerySet[Project] | None = None, probe: bool = False
) -> QuerySet[Project]:
    """The projects of `queryset` (all by default) that miss a required evaluation, in one query.

    Each row carries the annotations of with_evaluation_rule; `missing_from_annotations(project)`
    turns them into the requirement codes without another query. `probe=True` when only a
    LIMIT-ed part is read (see with_evaluation_rule).
    """
    queryset = Project.objects.all() if queryset is None else queryset
    return with_evaluation_rule(queryset, probe).filter(missing_condition())


def missing_from_annotations(project: Project) -> list[str]:
    """missing_evaluations() for a project fetched through with_evaluation_rule: no query."""
    has = {
        INDEPENDENT: project.has_independent_evaluation,
        INDEPENDENT_MIDTERM: project.has_independent_midterm,
        INDEPENDENT_FINAL: project.has_independent_final,
    }
    return [r for r in required_evaluations(project) if not has[r]]


def missing_required_count() -> int:
    """How many projects of the portfolio miss a required evaluation, for the dashboard: one query."""
    return projects_missing_required_evaluation().count()
