"""Test data. Projects and evaluations are made through the write services, as in the product."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory

from accounts.models import Role, User
from countries.models import Country
from evaluations.models import Evaluation, Modality, Timing
from evaluations.services import evaluation_create
from partners.models import Donor, Partner, PartnerType
from projects.models import Project, ProjectKind
from projects.services import project_create

PASSWORD = "test-password-1234"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    role = Role.VIEWER
    password = factory.django.Password(PASSWORD)


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Partner organisation {n}")
    type = factory.LazyFunction(lambda: PartnerType.objects.get(code="ngo"))
    country = None


class DonorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Donor
        django_get_or_create = ("code",)

    partner = factory.SubFactory(
        PartnerFactory, type=factory.LazyFunction(lambda: PartnerType.objects.get(code="donor-agency"))
    )
    code = "USA"


_serial = iter(range(10, 10**6))


def make_project(
    *,
    code: str | None = None,
    kind: str = ProjectKind.NATIONAL,
    countries: list[Country] | None = None,
    donor_code: str = "USA",
    budget_usd: Decimal = Decimal("1500000"),
    **fields,
) -> Project:
    """A project made by project_create, with a donor and countries that fit its kind."""
    DonorFactory(code=donor_code)
    if code is None:
        scope = "GLO" if kind == ProjectKind.GLOBAL else "IND"
        code = f"{scope}/12/{next(_serial) % 1000:03d}/{donor_code}"
    if countries is None:
        isos = ["IND"] if kind == ProjectKind.NATIONAL else ["BRA", "KEN"]
        countries = list(Country.objects.filter(iso3__in=isos))
    fields.setdefault("title", f"Project {code}")
    fields.setdefault("planned_start", datetime.date(2012, 1, 1))
    fields.setdefault("planned_end", datetime.date(2015, 12, 31))
    return project_create(code=code, kind=kind, countries=countries, budget_usd=budget_usd, **fields)


def make_evaluation(*, project: Project | None = None, **fields) -> Evaluation:
    project = project or make_project()
    fields.setdefault("title", f"Final evaluation of {project.code}")
    fields.setdefault("timing", Timing.FINAL)
    fields.setdefault("modality", Modality.INDEPENDENT)
    return evaluation_create(projects=[project], **fields)
