"""Who may do what to which object: the one place every permission answer comes from.

Views, templates (through the `policy` template tag library), the admin site and exports
all ask these predicates; none checks a role on its own. Each predicate takes the user
first and the object second, and answers True or False.

Roles and actions ("own" = the CTA assigned to the project, the evaluator assigned to
the evaluation; "field moves" = approved → active, active ⇄ suspended, active →
completed):

| action                                           | HQ  | CTA                         | evaluator                | viewer          |
|--------------------------------------------------|-----|-----------------------------|--------------------------|-----------------|
| use the admin site                               | yes | no                          | no                       | no              |
| see the portfolio: projects, countries, partners | yes | yes                         | projects of own evals    | yes             |
| export lists                                     | yes | yes                         | no                       | yes             |
| create projects; change code, kind, countries,   | yes | no                          | no                       | no              |
| budget, funding, assignments                     |     |                             |                          |                 |
| edit a project's narrative (summary, objectives) | yes | own national projects       | no                       | no              |
| update a project's rating, status note, actual   | yes | own national projects       | no                       | no              |
| dates                                            |     |                             |                          |                 |
| move a project's status                          | any | field moves, own national   | no                       | no              |
|                                                  |legal| projects                    |                          |                 |
| see a progress report                            | yes | own projects: all; others:  | accepted, of own evals'  | accepted        |
|                                                  |     | accepted                    | projects                 |                 |
| write, submit a progress report (draft/returned) | yes | own projects                | no                       | no              |
| accept or return a submitted report              | yes | no                          | no                       | no              |
| follow one's assigned projects ("my projects";   | yes | own national projects       | no                       | no              |
| for HQ, the projects they backstop)              |     |                             |                          |                 |
| record committee meetings                        | yes | committees of own projects  | no                       | no              |
|                                                  |     | and of their countries      |                          |                 |
| see an evaluation                                | yes | published                   | own                      | published       |
| record findings, recommendations, lessons, good  | yes | no                          | own, while open          | no              |
| practices                                        |     |                             |                          |                 |
| plan, assign, advance an evaluation; record the  | yes | no                          | no                       | no              |
| management response                              |     |                             |                          |                 |
| ask for / download the evaluation report PDF     | yes | download once published     | own                      | download once   |
|                                                  |     |                             |                          | published       |
| see the lessons library (lessons and good        | all | of published evaluations    | of own evaluations       | of published    |
| practices of the evaluations one may see)        |     |                             |                          | evaluations     |
| see which projects miss a required evaluation    | yes | no                          | no                       | no              |
| see an object's history                          | yes | what they may see           | what they may see        | what they may see |

Anonymous users may do nothing (they see only the login page and /healthz). Inactive
users are anonymous.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from accounts.models import Role

if TYPE_CHECKING:
    from accounts.models import User
    from evaluations.models import Evaluation
    from partners.models import SteeringCommittee
    from projects.models import ProgressReport, Project


# Lifecycle moves a chief technical adviser makes from the field; every other move is HQ's.
FIELD_MOVES: frozenset[tuple[str, str]] = frozenset(
    {("approved", "active"), ("active", "suspended"), ("suspended", "active"), ("active", "completed")}
)


def _active(user: User | None) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_hq(user: User | None) -> bool:
    return _active(user) and user.role == Role.HQ


def is_cta(user: User | None) -> bool:
    return _active(user) and user.role == Role.CTA


def is_evaluator(user: User | None) -> bool:
    return _active(user) and user.role == Role.EVALUATOR


def is_viewer(user: User | None) -> bool:
    return _active(user) and user.role == Role.VIEWER


# The admin site -----------------------------------------------------------------------


def may_use_admin(user: User | None) -> bool:
    return is_hq(user) and user.is_staff


# The portfolio ------------------------------------------------------------------------


def may_view_portfolio(user: User | None) -> bool:
    """Lists of projects, countries and partners, and the dashboard."""
    return is_hq(user) or is_cta(user) or is_viewer(user)


def may_export(user: User | None) -> bool:
    return may_view_portfolio(user)


def is_projects_cta(user: User | None, project: Project) -> bool:
    return is_cta(user) and project.cta_id == user.pk and project.kind == "national"


def may_view_project(user: User | None, project: Project) -> bool:
    if may_view_portfolio(user):
        return True
    if not is_evaluator(user):
        return False
    # Remembered on the project: a page asks this once per report it lists.
    answers = project.__dict__.setdefault("_evaluator_may_view", {})
    if user.pk not in answers:
        answers[user.pk] = project.evaluations.filter(evaluators=user).exists()
    return answers[user.pk]


def may_manage_project(user: User | None, project: Project | None = None) -> bool:
    """Create projects; change code, kind, countries, budget, funding, expenditure, assignments."""
    return is_hq(user)


def may_edit_project_narrative(user: User | None, project: Project) -> bool:
    return is_hq(user) or is_projects_cta(user, project)


def may_update_project_status(user: User | None, project: Project) -> bool:
    """The rating with its dated status note, and the actual start and end dates."""
    return is_hq(user) or is_projects_cta(user, project)


def may_move_project(user: User | None, project: Project, to_status: str) -> bool:
    """Whether this user may make this move; the service separately checks that it is legal."""
    if is_hq(user):
        return True
    return is_projects_cta(user, project) and (project.status, to_status) in FIELD_MOVES


def project_moves_for(user: User | None, project: Project) -> list[str]:
    """The legal moves this user may make on this project, for forms."""
    return sorted(s for s in project.allowed_moves() if may_move_project(user, project, s))


# Progress reports ---------------------------------------------------------------------


def may_view_progress_report(user: User | None, report: ProgressReport) -> bool:
    if is_hq(user) or is_projects_cta(user, report.project):
        return True
    if report.status != "accepted":
        return False
    return may_view_project(user, report.project)


def may_write_progress_report(user: User | None, report: ProgressReport) -> bool:
    """Write, attach evidence to and submit; the service also requires the report to be editable."""
    return is_hq(user) or is_projects_cta(user, report.project)


def may_review_progress_report(user: User | None, report: ProgressReport | None = None) -> bool:
    return is_hq(user)


def may_view_my_projects(user: User | None) -> bool:
    """The to-do list of one's assigned projects: a CTA's national projects, the projects HQ staff backstop."""
    return is_hq(user) or is_cta(user)


# Committees ---------------------------------------------------------------------------


def may_manage_committee(user: User | None, committee: SteeringCommittee | None = None) -> bool:
    """Create committees and change their membership."""
    return is_hq(user)


def may_record_meeting(user: User | None, committee: SteeringCommittee) -> bool:
    if is_hq(user):
        return True
    if not is_cta(user):
        return False
    if committee.project_id is not None:
        return committee.project.kind == "national" and committee.project.cta_id == user.pk
    return committee.country.projects.filter(cta=user, kind="national").exists()


# Evaluations --------------------------------------------------------------------------


def is_evaluations_evaluator(user: User | None, evaluation: Evaluation) -> bool:
    if not is_evaluator(user):
        return False
    prefetched = getattr(evaluation, "_prefetched_objects_cache", {}).get("evaluators")
    if prefetched is not None:  # the evaluation page prefetches its evaluators: no query
        return any(person.pk == user.pk for person in prefetched)
    return evaluation.evaluators.filter(pk=user.pk).exists()


def may_view_evaluation(user: User | None, evaluation: Evaluation) -> bool:
    if is_hq(user) or is_evaluations_evaluator(user, evaluation):
        return True
    return (is_cta(user) or is_viewer(user)) and evaluation.status == "published"


def may_record_evaluation_content(user: User | None, evaluation: Evaluation) -> bool:
    """Findings, ratings, conclusions, recommendations, lessons and good practices."""
    if evaluation.status == "published":
        return False
    return is_hq(user) or is_evaluations_evaluator(user, evaluation)


def may_manage_evaluation(user: User | None, evaluation: Evaluation | None = None) -> bool:
    """Plan, assign, advance; record management responses and follow-up."""
    return is_hq(user)


def may_view_lessons(user: User | None) -> bool:
    """The lessons library; what it lists is limited to the evaluations the user may see."""
    return is_hq(user) or is_cta(user) or is_evaluator(user) or is_viewer(user)


def may_view_evaluation_rule(user: User | None) -> bool:
    """Which projects miss an evaluation the rule requires, and which evaluations meet it."""
    return is_hq(user)


def may_request_report(user: User | None, evaluation: Evaluation) -> bool:
    return is_hq(user) or is_evaluations_evaluator(user, evaluation)


def may_download_report(user: User | None, evaluation: Evaluation) -> bool:
    return may_request_report(user, evaluation) or (
        (is_cta(user) or is_viewer(user)) and evaluation.status == "published"
    )
