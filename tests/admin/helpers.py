"""Test data for the admin tests: rows of every registered model, and the post data of an admin form."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal

from django import forms
from django.http import HttpResponse

from accounts.models import Role
from countries.models import Convention, Country
from countries.services import country_update, ratification_record
from evaluations.models import Evaluation, EvaluationReport
from evaluations.services import good_practice_add, lesson_add, recommendation_add
from partners.models import CommitteeKind, PartnershipRole, PartnerType
from partners.services import committee_create, committee_member_add
from projects.models import (
    IssuedCode,
    ProgressReport,
    Project,
    ProjectKind,
)
from projects.services import action_programme_create, expenditure_record, funding_record, partnership_add
from tests.factories import DonorFactory, PartnerFactory, UserFactory, make_evaluation, make_project

_numbers = itertools.count(1)


def _countries(count: int, **filters) -> list[Country]:
    """`count` countries matching `filters` (e.g. no committee yet), in a stable order."""
    return list(Country.objects.filter(**filters).order_by("iso3")[:count])


def donor_code(n: int) -> str:
    """A three-letter donor code no real donor uses: QAA, QAB, …"""
    return "Q" + chr(65 + n // 26 % 26) + chr(65 + n % 26)


# Each builder adds `count` rows of one model and returns texts the changelist must show for them.


def users(count: int) -> list[str]:
    made = [UserFactory(username=f"staffer{next(_numbers)}", role=Role.CTA, organisation="ILO") for _ in range(count)]
    return [u.username for u in made]


def reference_rows(model):
    def build(count: int) -> list[str]:
        names = []
        for _ in range(count):
            n = next(_numbers)
            model.objects.create(code=f"test-{n}", name=f"Test row {n}")
            names.append(f"Test row {n}")
        return names

    return build


def conventions(count: int) -> list[str]:
    made = [
        Convention.objects.create(code=f"T{next(_numbers)}", name="Test convention", adopted_year=2000)
        for _ in range(count)
    ]
    return [c.code for c in made]


def countries(count: int) -> list[str]:
    """Countries where IPEC operates, with ratifications and a project, so every column has data."""
    chosen = _countries(count, ipec_operations=False)
    c138, c182 = Convention.objects.get(code="C138"), Convention.objects.get(code="C182")
    for country in chosen:
        country_update(country=country, ipec_operations=True, mou_signed_on=datetime.date(2000, 1, 1))
        ratification_record(country=country, convention=c138, ratified_on=datetime.date(2000, 1, 1), minimum_age=14)
        ratification_record(country=country, convention=c182, ratified_on=datetime.date(2001, 1, 1))
    return [c.iso3 for c in chosen]


def ratifications(count: int) -> list[str]:
    c182 = Convention.objects.get(code="C182")
    chosen = _countries(count, ratifications__isnull=True)
    for country in chosen:
        ratification_record(country=country, convention=c182, ratified_on=datetime.date(2001, 1, 1))
    return [c.name for c in chosen]


def partners(count: int) -> list[str]:
    india = Country.objects.get(iso3="IND")
    made = [PartnerFactory(name=f"Admin test partner {next(_numbers)}", country=india) for _ in range(count)]
    DonorFactory(partner=made[0], code=donor_code(next(_numbers)))
    return [p.name for p in made]


def donors(count: int) -> list[str]:
    kenya = Country.objects.get(iso3="KEN")
    made = []
    for _ in range(count):
        n = next(_numbers)
        made.append(DonorFactory(code=donor_code(n), partner__name=f"Donor agency {n}", partner__country=kenya))
    return [d.code for d in made]


def partnerships(count: int) -> list[str]:
    projects = [make_project(), make_project(kind=ProjectKind.GLOBAL)]
    made = []
    for i in range(count):
        partner = PartnerFactory(name=f"Collaborator {next(_numbers)}")
        made.append(partnership_add(project=projects[i % 2], partner=partner, role=PartnershipRole.COLLABORATING))
    return [p.partner.name for p in made]


def committees(count: int) -> list[str]:
    """National committees, each with a government, an employers' and a workers' member."""
    types = {code: PartnerType.objects.get(code=code) for code in ("government", "employers", "workers")}
    names = []
    for country in _countries(count, committees__isnull=True):
        committee = committee_create(
            kind=CommitteeKind.NATIONAL, name=f"Test committee {country.iso3}", country=country
        )
        for code, partner_type in types.items():
            partner = PartnerFactory(name=f"{code} {next(_numbers)}", type=partner_type, country=country)
            committee_member_add(committee=committee, partner=partner, role="member")
        names.append(committee.name)
    return names


def projects(count: int) -> list[str]:
    """National and global projects, each with a funding row and a year of expenditure."""
    made = []
    for i in range(count):
        kind = ProjectKind.GLOBAL if i % 2 else ProjectKind.NATIONAL
        project = make_project(kind=kind, cta=UserFactory() if kind == ProjectKind.NATIONAL else None)
        donor = DonorFactory(code="USA")
        funding_record(project=project, donor=donor, amount_usd=Decimal("1000000"))
        expenditure_record(project=project, year=2013, amount_usd=Decimal("250000"))
        made.append(project.code)
    return made


def issued_codes(count: int) -> list[str]:
    return [IssuedCode.objects.create(code=f"GLO/99/{next(_numbers) % 1000:03d}/USA").code for _ in range(count)]


def status_changes(count: int) -> list[str]:
    return [make_project().code for _ in range(count)]  # each project starts with its first status change


def action_programmes(count: int) -> list[str]:
    project = make_project()
    titles = []
    for _ in range(count):
        n = next(_numbers)
        partner = PartnerFactory(name=f"Implementer {n}")
        titles.append(action_programme_create(project=project, partner=partner, title=f"Programme {n}").title)
    return titles


def evaluations(count: int) -> list[str]:
    made = []
    for _ in range(count):
        evaluation = make_evaluation(evaluation_manager=UserFactory(), evaluators=[UserFactory()])
        made.append(evaluation.title)
    return made


def evaluation_steps(count: int) -> list[str]:
    return [make_evaluation().title for _ in range(count)]  # each evaluation starts with its first step


def _evaluation() -> Evaluation:
    return make_evaluation(title=f"Evaluation {next(_numbers)}")


def recommendations(count: int) -> list[str]:
    evaluation = _evaluation()
    made = [
        recommendation_add(evaluation=evaluation, text="Do more.", addressee=f"Addressee {next(_numbers)}")
        for _ in range(count)
    ]
    return [r.addressee for r in made]


def lessons(count: int) -> list[str]:
    evaluation = _evaluation()
    made = [
        lesson_add(evaluation=evaluation, title=f"Lesson {next(_numbers)}", description="Learned.")
        for _ in range(count)
    ]
    return [lesson.title for lesson in made]


def good_practices(count: int) -> list[str]:
    evaluation = _evaluation()
    made = [
        good_practice_add(evaluation=evaluation, title=f"Practice {next(_numbers)}", summary="Works.")
        for _ in range(count)
    ]
    return [p.title for p in made]


def reports(count: int) -> list[str]:
    """Versions of one evaluation's report, as the rendering task leaves its rows."""
    requester = UserFactory()
    evaluation = _evaluation()
    for version in range(1, count + 1):
        EvaluationReport.objects.create(evaluation=evaluation, version=version, language="en", requested_by=requester)
    return [evaluation.title]


# --- Posting admin forms ------------------------------------------------------------------------


def _post_value(bound: forms.BoundField):
    """A bound field's current value as a browser would post it (None: not posted at all)."""
    if isinstance(bound.field, forms.FileField):
        return None
    value = bound.value()
    if isinstance(bound.field, forms.BooleanField):
        return "on" if value else None
    if isinstance(bound.field, forms.ModelMultipleChoiceField | forms.MultipleChoiceField):
        return [str(v) for v in value or []]
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return str(value)


def form_data(response: HttpResponse) -> dict:
    """What the browser posts back from an admin add or change page, unchanged.

    The main form, every inline's management form and existing rows; no blank extra
    rows, so a test adds exactly the rows it means to.
    """
    data: dict = {}
    rendered = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        data.update({management.add_prefix(name): management[name].value() for name in management.fields})
        data[management.add_prefix("TOTAL_FORMS")] = formset.initial_form_count()
        rendered.extend(formset.initial_forms)
    for form in rendered:
        for bound in form:
            value = _post_value(bound)
            if value is not None:
                data[bound.html_name] = value
    return data


def add_rows(data: dict, prefix: str, rows: list[dict]) -> dict:
    """Add new inline rows under `prefix` to post data from form_data()."""
    start = int(data[f"{prefix}-TOTAL_FORMS"])
    for i, row in enumerate(rows, start=start):
        data.update({f"{prefix}-{i}-{name}": value for name, value in row.items()})
    data[f"{prefix}-TOTAL_FORMS"] = start + len(rows)
    return data


def make_progress_report(project: Project, year: int) -> ProgressReport:
    """A first-half-year report, as the reporting schedule makes them."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 6, 30)
    return ProgressReport.objects.create(
        project=project, period_start=start, period_end=end, due_on=end + datetime.timedelta(days=30)
    )


def progress_reports(count: int) -> list[str]:
    project = make_project()
    return [str(make_progress_report(project, 2000 + i)) for i in range(count)]
