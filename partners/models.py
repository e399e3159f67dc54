"""Partner organisations, donors, their roles in projects, and steering committees."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ipec.models import ReferenceModel, TimeStampedModel


class PartnerType(ReferenceModel):
    """Government ministry, employers' organisation, NGO…; loaded by a migration."""

    class Meta(ReferenceModel.Meta):
        pass


# The three constituents a tripartite national steering committee must include.
GOVERNMENT = "government"
EMPLOYERS = "employers"
WORKERS = "workers"
TRIPARTITE_CONSTITUENTS = {
    GOVERNMENT: _("government"),
    EMPLOYERS: _("employers' organisation"),
    WORKERS: _("workers' organisation"),
}
# The same, as the object of a sentence ("no member represents the government"): each language
# puts its own article, so the article belongs to the translated text.
TRIPARTITE_CONSTITUENTS_IN_A_SENTENCE = {
    GOVERNMENT: _("the government"),
    EMPLOYERS: _("the employers' organisation"),
    WORKERS: _("the workers' organisation"),
}


class Partner(TimeStampedModel):
    name = models.CharField(max_length=250)
    acronym = models.CharField(max_length=30, blank=True)
    type = models.ForeignKey(PartnerType, on_delete=models.PROTECT, related_name="partners")
    country = models.ForeignKey(
        "countries.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partners",
        help_text="Leave empty for an international organisation.",
    )
    website = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "country"],
                name="partner_unique_name_per_country",
                violation_error_message="A partner with this name is already recorded for this country.",
            ),
            models.UniqueConstraint(
                fields=["name"],
                condition=Q(country__isnull=True),
                name="partner_unique_international_name",
                violation_error_message="An international partner with this name is already recorded.",
            ),
        ]
        indexes = [
            models.Index(fields=["type", "country"]),
            # The directory's default order, paged by keyset (partners/filters.py): each page one index seek.
            models.Index(fields=["name", "id"], name="partner_list_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


class Donor(TimeStampedModel):
    """A partner that funds IPEC, with the ILO donor code used in project codes."""

    partner = models.OneToOneField(Partner, on_delete=models.PROTECT, related_name="donor")
    code = models.CharField(
        "ILO donor code",
        max_length=3,
        unique=True,
        help_text="Three capital letters used as the last part of project codes, e.g. USA, NET, NOR, GER.",
    )

    class Meta:
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[A-Z]{3}$"),
                name="donor_code_format",
                violation_error_message="The donor code is three capital letters, e.g. USA.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.partner.name}"


class PartnershipRole(models.TextChoices):
    FUNDING = "funding", pgettext_lazy("partnership role", "Funding")
    IMPLEMENTING = "implementing", pgettext_lazy("partnership role", "Implementing")
    EXECUTING = "executing", pgettext_lazy("partnership role", "Executing")
    COLLABORATING = "collaborating", pgettext_lazy("partnership role", "Collaborating")


class ProjectPartnership(TimeStampedModel):
    """A partner's role in a project. Funding rows carry the amount: this is the project's funding by donor."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="partnerships")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="partnerships")
    role = models.CharField(max_length=16, choices=PartnershipRole.choices)
    amount_usd = models.DecimalField(
        "amount (USD)",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Funding partnerships only: the amount the donor contributes.",
    )

    class Meta:
        ordering = ["project", "role", "partner__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "partner", "role"],
                name="partnership_unique_role",
                violation_error_message="This partner already has this role in this project.",
            ),
            models.CheckConstraint(
                condition=Q(role__in=PartnershipRole.values),
                name="partnership_role_valid",
                violation_error_message="Unknown partnership role.",
            ),
            models.CheckConstraint(
                condition=(Q(role=PartnershipRole.FUNDING) & Q(amount_usd__isnull=False) & Q(amount_usd__gte=0))
                | (~Q(role=PartnershipRole.FUNDING) & Q(amount_usd__isnull=True)),
                name="partnership_amount_iff_funding",
                violation_error_message="A funding partnership needs an amount of zero or more; other roles take none.",
            ),
        ]
        indexes = [
            models.Index(fields=["partner", "role"]),
            # A partner's page (partners/directory.py) lists its largest funding first, a LIMITed walk down this
            # index, and counts its roles, projects and funding from it alone (an index-only scan).
            models.Index(fields=["partner", "role", "amount_usd", "project"], name="partnership_partner_page"),
        ]

    def __str__(self) -> str:
        return f"{self.partner} – {self.get_role_display()} – {self.project_id}"


class CommitteeKind(models.TextChoices):
    NATIONAL = "national", _("National Steering Committee")
    PROJECT = "project", _("Project/Programme Advisory Committee")


class SteeringCommittee(TimeStampedModel):
    kind = models.CharField(max_length=16, choices=CommitteeKind.choices)
    name = models.CharField(max_length=250)
    country = models.ForeignKey(
        "countries.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="committees",
        help_text="National Steering Committees only.",
    )
    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="committees",
        help_text="Project/Programme Advisory Committees only.",
    )
    established_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind=CommitteeKind.NATIONAL) & Q(country__isnull=False) & Q(project__isnull=True))
                | (Q(kind=CommitteeKind.PROJECT) & Q(project__isnull=False) & Q(country__isnull=True)),
                name="committee_scope_matches_kind",
                violation_error_message="A national committee belongs to a country; an advisory committee to a project.",
            ),
            models.UniqueConstraint(
                fields=["country"],
                condition=Q(kind=CommitteeKind.NATIONAL),
                name="committee_one_national_per_country",
                violation_error_message="This country already has a National Steering Committee.",
            ),
        ]
        # A partner's page lists its first seats by committee name: committees in name order, each seat a probe of
        # member_unique_seat, stopping at the LIMIT (partners/directory.py).
        indexes = [models.Index(fields=["name", "id"], name="committee_name")]

    def __str__(self) -> str:
        return self.name

    def missing_constituents(self, *, in_a_sentence: bool = False) -> list[str]:
        """The tripartite constituents no member represents (uses prefetched members when present)."""
        present = {member.partner.type.code for member in self.members.all()}
        labels = TRIPARTITE_CONSTITUENTS_IN_A_SENTENCE if in_a_sentence else TRIPARTITE_CONSTITUENTS
        return [str(labels[code]) for code in TRIPARTITE_CONSTITUENTS if code not in present]


class MemberRole(models.TextChoices):
    CHAIR = "chair", pgettext_lazy("committee role", "Chair")
    MEMBER = "member", pgettext_lazy("committee role", "Member")
    SECRETARY = "secretary", pgettext_lazy("committee role", "Secretary")


class CommitteeMember(TimeStampedModel):
    committee = models.ForeignKey(SteeringCommittee, on_delete=models.CASCADE, related_name="members")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="committee_seats")
    person_name = models.CharField("person", max_length=200, blank=True)
    role = models.CharField(max_length=16, choices=MemberRole.choices, default=MemberRole.MEMBER)

    class Meta:
        ordering = ["committee", "role", "partner__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "partner", "person_name"],
                name="member_unique_seat",
                violation_error_message="This person of this partner already sits on this committee.",
            ),
            models.UniqueConstraint(
                fields=["committee"],
                condition=Q(role=MemberRole.CHAIR),
                name="member_one_chair",
                violation_error_message="This committee already has a chair.",
            ),
            models.CheckConstraint(
                condition=Q(role__in=MemberRole.values),
                name="member_role_valid",
                violation_error_message="Unknown committee role.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_name or self.partner} ({self.get_role_display()})"


def minutes_upload_to(instance: CommitteeMeeting, filename: str) -> str:
    return f"committees/{instance.committee_id}/minutes/{filename}"


class CommitteeMeeting(TimeStampedModel):
    committee = models.ForeignKey(SteeringCommittee, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField()
    agenda = models.TextField(blank=True)
    minutes = models.FileField(upload_to=minutes_upload_to, blank=True)
    decisions = models.TextField(blank=True)

    class Meta:
        ordering = ["-held_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "held_on"],
                name="meeting_one_per_day",
                violation_error_message="This committee already has a meeting on this date.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.committee} – {self.held_on:%Y-%m-%d}"
