"""Every invariant of a project, refused through the write services and, where the database holds it, directly."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from partners.models import Partner
from projects.models import (
    ActionProgramme,
    Expenditure,
    IssuedCode,
    Project,
    ProjectCountry,
    ProjectKind,
    StatusChange,
    Target,
    TargetMeasure,
)
from projects.services import (
    action_programme_create,
    expenditure_record,
    project_create,
    project_set_countries,
    project_update,
    target_set,
)
from tests.factories import DonorFactory, PartnerFactory, UserFactory, make_project
from tests.ipec.invariants import country, db_refuses, refused

pytestmark = pytest.mark.django_db

D = datetime.date
CODE_FORMAT = "The TC symbol must look like GLO/13/22/USA (scope/year/serial/donor)."


def create(code: str = "IND/12/01/USA", kind: str = ProjectKind.NATIONAL, countries=None, **fields) -> Project:
    if countries is None:
        countries = [country("IND")] if kind == ProjectKind.NATIONAL else [country("BRA"), country("KEN")]
    return project_create(code=code, title="A project", kind=kind, countries=countries, **fields)


@pytest.fixture
def usa(db):
    return DonorFactory(code="USA")


@pytest.fixture
def project(usa) -> Project:
    return make_project(code="IND/12/01/USA")


# --- the TC symbol ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "code",
    [
        "GLO-13-22-USA",  # dashes, as in URLs
        "GL/13/22/USA",  # scope of two letters
        "GLOB/13/22/USA",  # scope of four letters
        "G1O/13/22/USA",  # digit in the scope
        "GLO/2013/22/USA",  # four-digit year
        "GLO/1/22/USA",  # one-digit year
        "GLO/1A/22/USA",  # letter in the year
        "GLO/13/2/USA",  # one-character serial
        "GLO/13/2222/USA",  # four-character serial
        "GLO/13/2-2/USA",  # punctuation in the serial
        "GLO/13/22/US",  # two-letter donor
        "GLO/13/22/US4",  # digit in the donor
        "GLO/13/22/USA/1",  # a fifth part
        "GLO 13 22 USA",  # spaces
    ],
)
def test_project_code_must_be_a_tc_symbol(usa, code):
    with refused(CODE_FORMAT):
        create(code=code)


def test_project_code_format_is_held_by_the_database(project):
    with db_refuses("project_code_format"):
        Project.objects.filter(pk=project.pk).update(code="IND-12-01-USA")
    with db_refuses("project_code_format"):
        Project.objects.bulk_create([Project(code="INDIA/1/1/USA", title="x", kind=ProjectKind.NATIONAL)])
    project.refresh_from_db()
    assert project.code == "IND/12/01/USA"


def test_project_code_is_unique(project):
    with refused("Project with this TC symbol already exists."):
        create(code=project.code, kind=ProjectKind.GLOBAL)
    with db_refuses("projects_project.code"):
        Project.objects.bulk_create([Project(code=project.code, title="again", kind=ProjectKind.NATIONAL)])


def test_project_code_is_never_reused_after_deletion(project):
    code = project.code
    project.delete()
    assert IssuedCode.objects.filter(code=code).exists()
    with refused(f"The TC symbol {code} has already been issued; codes are never reused."):
        create(code=code)
    # Lower case and stray spaces are the same code.
    with refused(f"The TC symbol {code} has already been issued; codes are never reused."):
        create(code=f" {code.lower()} ")


def test_issued_codes_are_unique_in_the_database(project):
    with db_refuses("projects_issuedcode.code"):
        IssuedCode.objects.bulk_create([IssuedCode(code=project.code)])


def test_project_code_needs_a_known_donor(usa):
    with refused("No donor has the code NOR; record the donor first."):
        create(code="IND/12/01/NOR")
    DonorFactory(code="NOR")
    assert create(code="IND/12/01/NOR").donor_code == "NOR"


# --- money and dates -------------------------------------------------------------------


def test_budget_cannot_be_negative(project, usa):
    message = "The approved budget cannot be negative."
    with refused(message):
        create(code="IND/12/02/USA", budget_usd=Decimal("-0.01"))
    with refused(message):
        project_update(project=project, budget_usd=Decimal("-1"))
    with db_refuses("project_budget_not_negative"):
        Project.objects.filter(pk=project.pk).update(budget_usd=Decimal("-1"))
    project.refresh_from_db()
    assert project.budget_usd == Decimal("1500000")


def test_zero_budget_is_allowed(usa):
    assert create(budget_usd=Decimal("0")).budget_usd == Decimal("0")


def test_planned_end_cannot_be_before_planned_start(project, usa):
    message = "The planned end cannot be before the planned start."
    with refused(message):
        create(code="IND/12/02/USA", planned_start=D(2013, 1, 1), planned_end=D(2012, 12, 31))
    with refused(message):
        project_update(project=project, planned_end=D(2011, 12, 31))
    with db_refuses("project_planned_dates_ordered"):
        Project.objects.filter(pk=project.pk).update(planned_end=D(2011, 12, 31))


def test_actual_end_cannot_be_before_actual_start(project):
    message = "The actual end cannot be before the actual start."
    with refused(message):
        project_update(project=project, actual_start=D(2013, 1, 1), actual_end=D(2012, 1, 1))
    project.refresh_from_db()  # the refused edit left its values on the instance, not in the database
    assert (project.actual_start, project.actual_end) == (None, None)
    project_update(project=project, actual_start=D(2013, 1, 1))
    with db_refuses("project_actual_dates_ordered"):
        Project.objects.filter(pk=project.pk).update(actual_end=D(2012, 1, 1))


def test_a_project_may_start_and_end_on_the_same_day(usa):
    project = create(planned_start=D(2012, 1, 1), planned_end=D(2012, 1, 1))
    assert project.planned_end == project.planned_start


# --- kind, countries and who manages ---------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "isos", "message"),
    [
        (ProjectKind.NATIONAL, [], "A national project works in exactly one country."),
        (ProjectKind.NATIONAL, ["IND", "NPL"], "A national project works in exactly one country."),
        (ProjectKind.GLOBAL, [], "A global project spans at least two countries."),
        (ProjectKind.GLOBAL, ["BRA"], "A global project spans at least two countries."),
        (ProjectKind.GLOBAL, ["BRA", "BRA"], "A global project spans at least two countries."),
    ],
)
def test_countries_must_fit_the_kind(usa, kind, isos, message):
    with refused(message):
        create(kind=kind, countries=[country(iso) for iso in isos])


def test_a_country_listed_twice_counts_once(usa):
    project = create(kind=ProjectKind.NATIONAL, countries=[country("IND"), country("IND")])
    assert list(project.countries.values_list("iso3", flat=True)) == ["IND"]
    project_set_countries(project=project, countries=[country("NPL"), country("NPL")])
    assert list(project.countries.values_list("iso3", flat=True)) == ["NPL"]


@pytest.mark.parametrize(
    ("kind", "to_kind", "isos", "message"),
    [
        ("national", None, ["IND", "NPL"], "A national project works in exactly one country."),
        ("national", None, [], "A national project works in exactly one country."),
        ("national", "global", ["IND"], "A global project spans at least two countries."),
        ("global", None, ["BRA"], "A global project spans at least two countries."),
        ("global", "national", ["BRA", "KEN"], "A national project works in exactly one country."),
    ],
)
def test_changing_countries_keeps_them_fitting_the_kind(usa, kind, to_kind, isos, message):
    project = make_project(kind=kind)
    with refused(message):
        project_set_countries(project=project, countries=[country(iso) for iso in isos], kind=to_kind)
    project.refresh_from_db()
    assert project.kind == kind


def test_cta_only_on_national_projects(usa, cta):
    message = "A global project has a project manager, not a chief technical adviser."
    with refused(message):
        create(kind=ProjectKind.GLOBAL, cta=cta)
    project = make_project(kind=ProjectKind.GLOBAL)
    with refused(message):
        project_update(project=project, cta=cta)
    with db_refuses("project_cta_only_national"):
        Project.objects.filter(pk=project.pk).update(cta=cta)


def test_project_manager_only_on_global_projects(usa):
    manager = UserFactory()
    message = "A national project has a chief technical adviser, not a project manager."
    with refused(message):
        create(kind=ProjectKind.NATIONAL, project_manager=manager)
    project = make_project(kind=ProjectKind.NATIONAL)
    with refused(message):
        project_update(project=project, project_manager=manager)
    with db_refuses("project_manager_only_global"):
        Project.objects.filter(pk=project.pk).update(project_manager=manager)


def test_a_national_project_with_a_cta_cannot_become_global(usa, cta):
    project = make_project(kind=ProjectKind.NATIONAL, cta=cta)
    with refused("A global project has a project manager, not a chief technical adviser."):
        project_set_countries(project=project, countries=[country("BRA"), country("KEN")], kind=ProjectKind.GLOBAL)
    assert list(project.project_countries.values_list("country__iso3", flat=True)) == ["IND"]


def test_kind_is_global_or_national(usa, project):
    with refused("Value 'regional' is not a valid choice."):
        create(code="IND/12/02/USA", kind="regional", countries=[country("IND")])
    with db_refuses("project_kind_valid"):
        Project.objects.filter(pk=project.pk).update(kind="regional")


def test_a_country_is_listed_once_per_project_in_the_database(project):
    with db_refuses("project_country_unique"):
        ProjectCountry.objects.bulk_create([ProjectCountry(project=project, country=country("IND"))])


@pytest.mark.parametrize("field", ["code", "kind", "status"])
def test_ordinary_edit_cannot_change_code_kind_or_status(project, field):
    with refused(f"These fields cannot be changed here: {field}."):
        project_update(project=project, **{field: "GLO/12/99/USA" if field == "code" else "global"})


def test_a_refused_creation_writes_nothing_at_all(usa):
    """Not the project, nor its issued code, countries, classifications or first status move."""
    before = (Project.objects.count(), IssuedCode.objects.count(), ProjectCountry.objects.count())
    with refused("A national project works in exactly one country."):
        create(countries=[country("IND"), country("NPL")])
    assert (Project.objects.count(), IssuedCode.objects.count(), ProjectCountry.objects.count()) == before
    assert not StatusChange.objects.exists()


# --- expenditure -------------------------------------------------------------------------


def test_expenditure_cannot_be_negative(project):
    expenditure_record(project=project, year=2013, amount_usd=Decimal("100"))
    with refused("Expenditure cannot be negative."):
        expenditure_record(project=project, year=2013, amount_usd=Decimal("-1"))
    with refused("Expenditure cannot be negative."):
        expenditure_record(project=project, year=2014, amount_usd=Decimal("-0.01"))
    with db_refuses("expenditure_not_negative"):
        Expenditure.objects.filter(project=project).update(amount_usd=Decimal("-1"))
    assert list(Expenditure.objects.values_list("year", "amount_usd")) == [(2013, Decimal("100"))]


@pytest.mark.parametrize("year", [1989, 2101, 1066])
def test_expenditure_year_range(project, year):
    with refused("The year must be between 1990 and 2100."):
        expenditure_record(project=project, year=year, amount_usd=Decimal("1"))
    expenditure_record(project=project, year=1990, amount_usd=Decimal("1"))
    with db_refuses("expenditure_year_range"):
        Expenditure.objects.filter(project=project).update(year=year)


def test_expenditure_one_per_year(project):
    expenditure_record(project=project, year=2013, amount_usd=Decimal("100"))
    # The service corrects the year's figure rather than adding a second one.
    expenditure_record(project=project, year=2013, amount_usd=Decimal("250"))
    assert list(project.expenditures.values_list("year", "amount_usd")) == [(2013, Decimal("250"))]
    with refused("This project's expenditure for this year is already recorded."):
        Expenditure(project=project, year=2013, amount_usd=Decimal("1")).full_clean()
    with db_refuses("expenditure_one_per_year"):
        Expenditure.objects.bulk_create([Expenditure(project=project, year=2013, amount_usd=Decimal("1"))])


# --- targets -------------------------------------------------------------------------------

BREAKDOWN = "Children figures need a sex and an age band; families figures take neither."


@pytest.mark.parametrize(
    ("measure", "sex", "age_band"),
    [
        (TargetMeasure.WITHDRAWN, "", ""),
        (TargetMeasure.WITHDRAWN, "girls", ""),
        (TargetMeasure.PREVENTED, "", "12-14"),
        (TargetMeasure.FAMILIES, "girls", ""),
        (TargetMeasure.FAMILIES, "", "5-11"),
        (TargetMeasure.FAMILIES, "boys", "15-17"),
    ],
)
def test_target_breakdown_must_match_the_measure(project, measure, sex, age_band):
    with refused(BREAKDOWN):
        target_set(project=project, measure=measure, sex=sex, age_band=age_band, value=10)


@pytest.mark.parametrize(
    ("update", "constraint"),
    [
        ({"sex": ""}, "target_breakdown_matches_measure"),
        ({"age_band": ""}, "target_breakdown_matches_measure"),
        ({"measure": TargetMeasure.FAMILIES}, "target_breakdown_matches_measure"),
        ({"sex": "other"}, "target_breakdown_matches_measure"),
        ({"age_band": "0-4"}, "target_breakdown_matches_measure"),
    ],
)
def test_target_breakdown_is_held_by_the_database(project, update, constraint):
    target = target_set(project=project, measure=TargetMeasure.WITHDRAWN, sex="girls", age_band="5-11", value=10)
    with db_refuses(constraint):
        Target.objects.filter(pk=target.pk).update(**update)


def test_target_cell_is_unique(project):
    target_set(project=project, measure=TargetMeasure.PREVENTED, sex="boys", age_band="15-17", value=10)
    target_set(project=project, measure=TargetMeasure.FAMILIES, value=5)
    target_set(project=project, measure=TargetMeasure.PREVENTED, sex="boys", age_band="15-17", value=12)
    assert sorted(project.targets.values_list("measure", "value")) == [("families", 5), ("prevented", 12)]
    with refused("This target is already set for this project."):
        Target(project=project, measure=TargetMeasure.PREVENTED, sex="boys", age_band="15-17", value=1).full_clean()
    with refused("This target is already set for this project."):
        Target(project=project, measure=TargetMeasure.FAMILIES, value=1).full_clean()
    with db_refuses("target_unique_cell"):
        Target.objects.bulk_create([Target(project=project, measure=TargetMeasure.FAMILIES, value=1)])


# --- action programmes ----------------------------------------------------------------------


@pytest.fixture
def ngo(db) -> Partner:
    return PartnerFactory(name="Bachpan Bachao Andolan", country=country("IND"))


def test_action_programme_budget_cannot_be_negative(project, ngo):
    with refused("The action programme's budget cannot be negative."):
        action_programme_create(project=project, partner=ngo, title="Schools", budget_usd=Decimal("-5"))
    programme = action_programme_create(project=project, partner=ngo, title="Schools", budget_usd=Decimal("5"))
    with db_refuses("action_programme_budget_not_negative"):
        ActionProgramme.objects.filter(pk=programme.pk).update(budget_usd=Decimal("-5"))


def test_action_programme_cannot_end_before_it_starts(project, ngo):
    with refused("The action programme cannot end before it starts."):
        action_programme_create(
            project=project, partner=ngo, title="Schools", start_on=D(2013, 6, 1), end_on=D(2013, 5, 31)
        )
    programme = action_programme_create(
        project=project, partner=ngo, title="Schools", start_on=D(2013, 6, 1), end_on=D(2013, 6, 1)
    )
    with db_refuses("action_programme_dates_ordered"):
        ActionProgramme.objects.filter(pk=programme.pk).update(end_on=D(2013, 5, 31))


# --- the field's own status line -------------------------------------------------------------


def test_rating_and_reporting_interval_are_from_their_lists(project):
    with db_refuses("project_rating_valid"):
        Project.objects.filter(pk=project.pk).update(rating="fine")
    with db_refuses("project_reporting_interval_valid"):
        Project.objects.filter(pk=project.pk).update(reporting_interval_months=4)
    project.reporting_interval_months = 4
    with refused("Value 4 is not a valid choice."):
        project.full_clean()
