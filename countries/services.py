"""Writes to countries and ratifications."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from countries.models import Convention, Country, Ratification, RatificationStatus
from ipec.services import validated_save

COUNTRY_FIELDS = frozenset(
    {
        "ipec_operations", "mou_signed_on", "mou_valid_until", "focal_point_name", "focal_point_email", "survey_year",
        "children_in_child_labour", "children_in_hazardous_work", "child_labour_rate",
    }
)  # fmt: skip


@transaction.atomic
def country_update(*, country: Country, **fields) -> Country:
    """Change IPEC's facts about a country; its ISO codes, name and region are reference data."""
    unknown = set(fields) - COUNTRY_FIELDS
    if unknown:
        raise ValidationError(
            gettext("These fields cannot be changed here: %(fields)s.") % {"fields": ", ".join(sorted(unknown))}
        )
    for name, value in fields.items():
        setattr(country, name, value)
    return validated_save(country)


def validate_minimum_age(convention: Convention, minimum_age: int | None) -> None:
    """C138 ratifications declare a minimum age; the other conventions have none."""
    if convention.declares_minimum_age and minimum_age is None:
        raise ValidationError({"minimum_age": gettext("A C138 ratification declares a minimum age of 14, 15 or 16.")})
    if not convention.declares_minimum_age and minimum_age is not None:
        raise ValidationError(
            {"minimum_age": gettext("%(convention)s has no declared minimum age.") % {"convention": convention.code}}
        )


@transaction.atomic
def ratification_record(
    *,
    country: Country,
    convention: Convention,
    ratified_on: datetime.date,
    status: str = RatificationStatus.IN_FORCE,
    minimum_age: int | None = None,
) -> Ratification:
    """Record (or correct) a country's ratification of a convention."""
    validate_minimum_age(convention, minimum_age)
    if ratified_on.year < convention.adopted_year:
        raise ValidationError(
            {
                "ratified_on": gettext("%(convention)s was adopted in %(year)s.")
                % {"convention": convention.code, "year": convention.adopted_year}
            }
        )
    ratification = Ratification.objects.filter(country=country, convention=convention).first() or Ratification(
        country=country, convention=convention
    )
    ratification.ratified_on = ratified_on
    ratification.status = status
    ratification.minimum_age = minimum_age
    return validated_save(ratification)
