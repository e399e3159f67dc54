"""ILO regions, countries, the child-labour and forced-labour conventions and their ratification."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import pgettext_lazy

from countries.names import country_name
from ipec.models import ReferenceModel, TimeStampedModel


class Region(ReferenceModel):
    """One of the five ILO regions; loaded by a migration."""

    class Meta(ReferenceModel.Meta):
        pass


class CountryQuerySet(models.QuerySet):
    def with_region(self) -> CountryQuerySet:
        return self.select_related("region")


class Country(TimeStampedModel):
    """A country or territory from ISO 3166-1, with IPEC's facts about it."""

    iso2 = models.CharField("ISO alpha-2", max_length=2, unique=True)
    iso3 = models.CharField("ISO alpha-3", max_length=3, unique=True)
    name = models.CharField(max_length=100, unique=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="countries", verbose_name="ILO region")
    ipec_operations = models.BooleanField(
        "IPEC operates here", default=False, help_text="Whether IPEC has operations in this country."
    )
    mou_signed_on = models.DateField(
        "MoU signed on",
        null=True,
        blank=True,
        help_text="Memorandum of Understanding with IPEC (India signed first, 1992).",
    )
    mou_valid_until = models.DateField("MoU valid until", null=True, blank=True)
    focal_point_name = models.CharField("national focal point", max_length=200, blank=True)
    focal_point_email = models.EmailField("focal point e-mail", blank=True)
    survey_year = models.PositiveSmallIntegerField(
        "latest child-labour survey",
        null=True,
        blank=True,
        help_text="Year of the latest national child-labour survey.",
    )
    children_in_child_labour = models.PositiveIntegerField(null=True, blank=True)
    children_in_hazardous_work = models.PositiveIntegerField(null=True, blank=True)
    child_labour_rate = models.DecimalField(
        "child-labour rate (%)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Share of children aged 5–17 in child labour, in per cent.",
    )

    objects = CountryQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"
        constraints = [
            models.CheckConstraint(
                condition=Q(iso2__regex=r"^[A-Z]{2}$"),
                name="country_iso2_format",
                violation_error_message="The ISO alpha-2 code is two capital letters.",
            ),
            models.CheckConstraint(
                condition=Q(iso3__regex=r"^[A-Z]{3}$"),
                name="country_iso3_format",
                violation_error_message="The ISO alpha-3 code is three capital letters.",
            ),
            models.CheckConstraint(
                condition=Q(mou_valid_until__isnull=True)
                | Q(mou_signed_on__isnull=True)
                | Q(mou_valid_until__gte=F("mou_signed_on")),
                name="country_mou_dates_ordered",
                violation_error_message="The MoU cannot end before it was signed.",
            ),
            models.CheckConstraint(
                condition=Q(mou_valid_until__isnull=True) | Q(mou_signed_on__isnull=False),
                name="country_mou_end_needs_start",
                violation_error_message="Give the date the MoU was signed before its end date.",
            ),
            models.CheckConstraint(
                condition=Q(survey_year__isnull=True) | Q(survey_year__gte=1950, survey_year__lte=2100),
                name="country_survey_year_range",
                violation_error_message="The survey year must be between 1950 and 2100.",
            ),
            models.CheckConstraint(
                condition=Q(child_labour_rate__isnull=True) | Q(child_labour_rate__gte=0, child_labour_rate__lte=100),
                name="country_child_labour_rate_percent",
                violation_error_message="The child-labour rate is a percentage between 0 and 100.",
            ),
        ]

    def __str__(self) -> str:
        return self.localized_name

    @property
    def localized_name(self) -> str:
        """The name in the active language, from pycountry's ISO 3166-1 catalogues (countries/names.py)."""
        return country_name(self.name)


class Convention(models.Model):
    """An ILO instrument on child labour or forced labour; loaded by a migration."""

    code = models.CharField(max_length=8, unique=True, help_text="C138, C182, C29, C105 or P29.")
    name = models.CharField(max_length=200)
    adopted_year = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["adopted_year"]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"

    @property
    def declares_minimum_age(self) -> bool:
        return self.code == MINIMUM_AGE_CONVENTION


MINIMUM_AGE_CONVENTION = "C138"


class RatificationStatus(models.TextChoices):
    IN_FORCE = "in_force", pgettext_lazy("ratification status", "In force")
    NOT_IN_FORCE = "not_in_force", pgettext_lazy("ratification status", "Not yet in force")
    DENOUNCED = "denounced", pgettext_lazy("ratification status", "Denounced")


class Ratification(TimeStampedModel):
    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="ratifications")
    convention = models.ForeignKey(Convention, on_delete=models.PROTECT, related_name="ratifications")
    ratified_on = models.DateField()
    status = models.CharField(max_length=16, choices=RatificationStatus.choices, default=RatificationStatus.IN_FORCE)
    minimum_age = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        choices=[(14, "14"), (15, "15"), (16, "16")],
        help_text="C138 only: the minimum age for admission to employment declared on ratification.",
    )

    class Meta:
        ordering = ["country__name", "convention__adopted_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "convention"],
                name="ratification_one_per_country_convention",
                violation_error_message="This country's ratification of this convention is already recorded.",
            ),
            models.CheckConstraint(
                condition=Q(minimum_age__isnull=True) | Q(minimum_age__in=[14, 15, 16]),
                name="ratification_minimum_age_valid",
                violation_error_message="The declared minimum age is 14, 15 or 16.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=RatificationStatus.values),
                name="ratification_status_valid",
                violation_error_message="Unknown ratification status.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country} – {self.convention.code}"
