"""Technical-cooperation projects, their classifications, money, targets and action programmes."""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from ipec import keyset
from ipec.models import ReferenceModel, TimeStampedModel

# ILO TC symbol: scope/year/serial/donor code, e.g. GLO/13/22/USA.
PROJECT_CODE_PATTERN = r"^[A-Z]{3}/\d{2}/[A-Z0-9]{2,3}/[A-Z]{3}$"


class InterventionType(ReferenceModel):
    class Meta(ReferenceModel.Meta):
        pass


class WorstForm(ReferenceModel):
    """A worst form of child labour of C182 Art. 3, or forced labour of adults (IPEC+)."""

    article = models.CharField(max_length=20, blank=True, help_text="e.g. C182 Art. 3(a).")
    description = models.TextField(blank=True)

    class Meta(ReferenceModel.Meta):
        pass


class Sector(ReferenceModel):
    class Meta(ReferenceModel.Meta):
        pass


class TargetGroup(ReferenceModel):
    class Meta(ReferenceModel.Meta):
        pass


class ProjectKind(models.TextChoices):
    GLOBAL = "global", pgettext_lazy("project kind", "Global")
    NATIONAL = "national", pgettext_lazy("project kind", "National")


class ProjectStatus(models.TextChoices):
    PIPELINE = "pipeline", pgettext_lazy("project status", "Pipeline")
    APPROVED = "approved", pgettext_lazy("project status", "Approved")
    ACTIVE = "active", pgettext_lazy("project status", "Active")
    SUSPENDED = "suspended", pgettext_lazy("project status", "Suspended")
    COMPLETED = "completed", pgettext_lazy("project status", "Completed")
    CLOSED = "closed", pgettext_lazy("project status", "Closed")
    CANCELLED = "cancelled", pgettext_lazy("project status", "Cancelled")


# The only legal moves of the project lifecycle: from -> allowed destinations.
STATUS_TRANSITIONS: dict[str, frozenset[str]] = {
    ProjectStatus.PIPELINE: frozenset({ProjectStatus.APPROVED, ProjectStatus.CANCELLED}),
    ProjectStatus.APPROVED: frozenset({ProjectStatus.ACTIVE, ProjectStatus.CANCELLED}),
    ProjectStatus.ACTIVE: frozenset({ProjectStatus.SUSPENDED, ProjectStatus.COMPLETED, ProjectStatus.CANCELLED}),
    ProjectStatus.SUSPENDED: frozenset({ProjectStatus.ACTIVE, ProjectStatus.COMPLETED, ProjectStatus.CANCELLED}),
    ProjectStatus.COMPLETED: frozenset({ProjectStatus.CLOSED}),
    ProjectStatus.CLOSED: frozenset(),
    ProjectStatus.CANCELLED: frozenset(),
}


class ProgressRating(models.TextChoices):
    ON_TRACK = "on_track", pgettext_lazy("progress rating", "On track")
    AT_RISK = "at_risk", pgettext_lazy("progress rating", "At risk")
    OFF_TRACK = "off_track", pgettext_lazy("progress rating", "Off track")


def _code_from_slug(text: str) -> str:
    code = text.replace("-", "/")
    if not re.fullmatch(PROJECT_CODE_PATTERN, code):
        raise ValueError(text)
    return code


# The orders of the portfolio list (projects/filters.py), as keyset columns (ipec.keyset): the TC
# symbol, as in addresses, is the tie-breaker; status and rating sort in their lifecycle order.
# Meta.indexes holds an index for each, so that any page of any order is one index seek.
CODE_KEY = keyset.Key("code", read=_code_from_slug, write=lambda code: code.replace("/", "-"))
LIST_SORT_KEYS: dict[str, keyset.Key] = {
    "code": CODE_KEY,
    "title": keyset.Key("title"),
    "kind": keyset.Key("kind"),
    "status": keyset.Ranked("status", values=tuple(ProjectStatus.values)),
    "start": keyset.date_key("planned_start"),
    "end": keyset.date_key("planned_end"),
    "budget": keyset.decimal_key("budget_usd"),
    "rating": keyset.Ranked("rating", values=tuple(ProgressRating.values), blank_last=True),
}


def list_indexes() -> list[models.Index]:
    """project_list_<sort>: (sort key, TC symbol), for every sort of the list but the TC symbol's own."""
    return [
        index
        for name, key in LIST_SORT_KEYS.items()
        if key is not CODE_KEY
        for index in keyset.Order(keys=(key, CODE_KEY), descending=False).indexes(f"project_list_{name}")
    ]


class ProjectQuerySet(models.QuerySet):
    def for_list(self) -> ProjectQuerySet:
        """What a list of projects shows: the people in charge, without a query per row."""
        return self.select_related("cta", "project_manager", "hq_backstopping_officer")


class Project(TimeStampedModel):
    code = models.CharField(
        "TC symbol",
        max_length=16,
        unique=True,
        help_text="ILO TC symbol scope/year/serial/donor, e.g. GLO/13/22/USA. Unique and never reused.",
    )
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    objectives = models.TextField(blank=True)
    kind = models.CharField(
        max_length=10,
        choices=ProjectKind.choices,
        help_text="Global: managed from HQ across two or more countries. National: one country, managed in the field.",
    )
    status = models.CharField(
        max_length=12,
        choices=ProjectStatus.choices,
        default=ProjectStatus.PIPELINE,
        editable=False,
        help_text="Changed only through a dated status move.",
    )
    countries = models.ManyToManyField("countries.Country", through="ProjectCountry", related_name="projects")
    planned_start = models.DateField(null=True, blank=True)
    planned_end = models.DateField(null=True, blank=True)
    actual_start = models.DateField(null=True, blank=True)
    actual_end = models.DateField(null=True, blank=True)
    budget_usd = models.DecimalField("approved budget (USD)", max_digits=14, decimal_places=2, default=0)
    hq_backstopping_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="backstopped_projects",
        verbose_name="HQ backstopping officer",
    )
    cta = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cta_projects",
        verbose_name="chief technical adviser",
        help_text="National projects only.",
    )
    project_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="managed_projects",
        help_text="Global projects only.",
    )
    administrative_office = models.CharField(max_length=200, blank=True, help_text="e.g. ILO Country Office for India.")
    backstopping_office = models.CharField(max_length=200, blank=True, default="FUNDAMENTALS/IPEC+, Geneva")
    supports_time_bound_programme = models.BooleanField(
        "supports a Time-Bound Programme",
        default=False,
        help_text="Whether the project supports a national Time-Bound Programme on the worst forms of child labour.",
    )
    intervention_types = models.ManyToManyField(InterventionType, blank=True, related_name="projects")
    worst_forms = models.ManyToManyField(WorstForm, blank=True, related_name="projects")
    sectors = models.ManyToManyField(Sector, blank=True, related_name="projects")
    target_groups = models.ManyToManyField(TargetGroup, blank=True, related_name="projects")
    rating = models.CharField(
        "current rating", max_length=10, choices=ProgressRating.choices, blank=True,
        help_text="Kept current by the CTA (national) or HQ, with a dated status note.",
    )  # fmt: skip
    status_note = models.TextField(blank=True)
    status_note_on = models.DateField("status note date", null=True, blank=True)
    reporting_interval_months = models.PositiveSmallIntegerField(
        "reporting period (months)", default=6, choices=[(3, "Quarterly"), (6, "Semi-annual"), (12, "Annual")],
        help_text="How often the CTA reports on progress.",
    )  # fmt: skip
    # Optimistic locking: every edit raises it; an edit based on an older version is refused.
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ProjectQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["-planned_start", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=PROJECT_CODE_PATTERN),
                name="project_code_format",
                violation_error_message="The TC symbol must look like GLO/13/22/USA (scope/year/serial/donor).",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ProjectKind.values),
                name="project_kind_valid",
                violation_error_message="A project is global or national.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ProjectStatus.values),
                name="project_status_valid",
                violation_error_message="Unknown project status.",
            ),
            models.CheckConstraint(
                condition=Q(budget_usd__gte=0),
                name="project_budget_not_negative",
                violation_error_message="The approved budget cannot be negative.",
            ),
            models.CheckConstraint(
                condition=Q(planned_end__isnull=True)
                | Q(planned_start__isnull=True)
                | Q(planned_end__gte=F("planned_start")),
                name="project_planned_dates_ordered",
                violation_error_message="The planned end cannot be before the planned start.",
            ),
            models.CheckConstraint(
                condition=Q(actual_end__isnull=True)
                | Q(actual_start__isnull=True)
                | Q(actual_end__gte=F("actual_start")),
                name="project_actual_dates_ordered",
                violation_error_message="The actual end cannot be before the actual start.",
            ),
            models.CheckConstraint(
                condition=Q(kind=ProjectKind.GLOBAL) | Q(project_manager__isnull=True),
                name="project_manager_only_global",
                violation_error_message="A national project has a chief technical adviser, not a project manager.",
            ),
            models.CheckConstraint(
                condition=Q(kind=ProjectKind.NATIONAL) | Q(cta__isnull=True),
                name="project_cta_only_national",
                violation_error_message="A global project has a project manager, not a chief technical adviser.",
            ),
            models.CheckConstraint(
                condition=Q(rating="") | Q(rating__in=ProgressRating.values),
                name="project_rating_valid",
                violation_error_message="The rating is on track, at risk or off track.",
            ),
            models.CheckConstraint(
                condition=Q(reporting_interval_months__in=[3, 6, 12]),
                name="project_reporting_interval_valid",
                violation_error_message="Progress is reported every 3, 6 or 12 months.",
            ),
        ]
        indexes = [
            models.Index(fields=["status"]),
            models.Index(fields=["kind", "status"]),
            models.Index(fields=["planned_start"]),
            models.Index(fields=["cta", "status"]),
            # The list's filters on the planned end and the rating (made by migration 0006).
            models.Index(fields=["planned_end"], name="project_planned_end_idx"),
            models.Index(fields=["rating"], name="project_rating_idx"),
            *list_indexes(),
            # The status filter with the default order, newest first: a page seeks to the status's newest project
            # (without it, `?status=active` read the 4,400 newest projects, mostly in the pipeline, to find 51).
            models.Index(
                F("status"),
                *(key.expression(True) for key in (LIST_SORT_KEYS["start"], CODE_KEY)),
                name="project_list_status_start",
            ),
            # The capped count of a status (ipec.keyset.count) from the index alone.
            models.Index(fields=["status", "id"], name="project_status_count"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def slug(self) -> str:
        """The code as it appears in URLs: `/projects/GLO-13-22-USA/`."""
        return self.code.replace("/", "-")

    @property
    def donor_code(self) -> str:
        return self.code.rsplit("/", 1)[-1]

    def allowed_moves(self) -> frozenset[str]:
        return STATUS_TRANSITIONS[self.status]


class IssuedCode(models.Model):
    """Every TC symbol ever given to a project, so a code is never reused even after a deletion."""

    code = models.CharField(max_length=16, unique=True)
    issued_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.code


class ProjectCountry(models.Model):
    """A country a project works in. A national project has exactly one (held by a trigger on PostgreSQL)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="project_countries")
    country = models.ForeignKey("countries.Country", on_delete=models.PROTECT, related_name="project_countries")

    class Meta:
        verbose_name_plural = "project countries"
        constraints = [
            models.UniqueConstraint(
                fields=["project", "country"],
                name="project_country_unique",
                violation_error_message="This country is already listed for this project.",
            )
        ]
        indexes = [models.Index(fields=["country", "project"])]

    def __str__(self) -> str:
        return f"{self.project_id} in {self.country_id}"


class StatusChange(models.Model):
    """One dated, attributed move of a project's lifecycle; the history of `Project.status`."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=12, choices=ProjectStatus.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=ProjectStatus.choices)
    effective_on = models.DateField(help_text="The date the move took effect.")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["project", "changed_at", "id"]
        get_latest_by = "changed_at"
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_status=F("to_status")),
                name="status_change_moves",
                violation_error_message="A status change must move to a different status.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project_id}: {self.from_status or '–'} → {self.to_status} on {self.effective_on}"


class Expenditure(TimeStampedModel):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="expenditures")
    year = models.PositiveSmallIntegerField()
    amount_usd = models.DecimalField("amount (USD)", max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["project", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "year"],
                name="expenditure_one_per_year",
                violation_error_message="This project's expenditure for this year is already recorded.",
            ),
            models.CheckConstraint(
                condition=Q(amount_usd__gte=0),
                name="expenditure_not_negative",
                violation_error_message="Expenditure cannot be negative.",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1990, year__lte=2100),
                name="expenditure_year_range",
                violation_error_message="The year must be between 1990 and 2100.",
            ),
        ]
        indexes = [models.Index(fields=["year"])]

    def __str__(self) -> str:
        return f"{self.project_id} {self.year}: {self.amount_usd}"


class TargetMeasure(models.TextChoices):
    WITHDRAWN = "withdrawn", _("Children withdrawn")
    PREVENTED = "prevented", _("Children prevented")
    FAMILIES = "families", _("Families assisted")


class Sex(models.TextChoices):
    GIRLS = "girls", _("Girls")
    BOYS = "boys", _("Boys")


class AgeBand(models.TextChoices):
    AGE_5_11 = "5-11", "5–11"
    AGE_12_14 = "12-14", "12–14"
    AGE_15_17 = "15-17", "15–17"


def breakdown_constraint(name: str) -> models.CheckConstraint:
    """Children figures are broken down by sex and age band; families figures are not."""
    return models.CheckConstraint(
        condition=(Q(measure=TargetMeasure.FAMILIES) & Q(sex="") & Q(age_band=""))
        | (
            Q(measure__in=[TargetMeasure.WITHDRAWN, TargetMeasure.PREVENTED])
            & Q(sex__in=Sex.values)
            & Q(age_band__in=AgeBand.values)
        ),
        name=name,
        violation_error_message="Children figures need a sex and an age band; families figures take neither.",
    )


class Target(TimeStampedModel):
    """How many children a project means to withdraw or prevent (by sex and age band), or families to assist."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="targets")
    measure = models.CharField(max_length=12, choices=TargetMeasure.choices)
    sex = models.CharField(max_length=5, choices=Sex.choices, blank=True, help_text="Children only.")
    age_band = models.CharField(max_length=5, choices=AgeBand.choices, blank=True, help_text="Children only.")
    value = models.PositiveIntegerField()

    class Meta:
        ordering = ["project", "measure", "sex", "age_band"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "measure", "sex", "age_band"],
                name="target_unique_cell",
                violation_error_message="This target is already set for this project.",
            ),
            breakdown_constraint("target_breakdown_matches_measure"),
        ]

    def __str__(self) -> str:
        parts = [self.get_measure_display(), self.get_sex_display(), self.get_age_band_display()]
        return " ".join(p for p in parts if p) + f": {self.value}"


class ActionProgramme(TimeStampedModel):
    """A component of a project carried out by an implementing partner."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="action_programmes")
    partner = models.ForeignKey(
        "partners.Partner",
        on_delete=models.PROTECT,
        related_name="action_programmes",
        verbose_name="implementing partner",
    )
    title = models.CharField(max_length=300)
    budget_usd = models.DecimalField("budget (USD)", max_digits=14, decimal_places=2, default=0)
    start_on = models.DateField(null=True, blank=True)
    end_on = models.DateField(null=True, blank=True)
    children_withdrawn_target = models.PositiveIntegerField(default=0)
    children_prevented_target = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["project", "start_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(budget_usd__gte=0),
                name="action_programme_budget_not_negative",
                violation_error_message="The action programme's budget cannot be negative.",
            ),
            models.CheckConstraint(
                condition=Q(end_on__isnull=True) | Q(start_on__isnull=True) | Q(end_on__gte=F("start_on")),
                name="action_programme_dates_ordered",
                violation_error_message="The action programme cannot end before it starts.",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ReportStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("report status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("report status", "Submitted")
    RETURNED = "returned", pgettext_lazy("report status", "Returned")
    RESUBMITTED = "resubmitted", pgettext_lazy("report status", "Resubmitted")
    ACCEPTED = "accepted", pgettext_lazy("report status", "Accepted")


# The progress report workflow: from -> allowed destinations.
REPORT_TRANSITIONS: dict[str, frozenset[str]] = {
    ReportStatus.DRAFT: frozenset({ReportStatus.SUBMITTED}),
    ReportStatus.SUBMITTED: frozenset({ReportStatus.ACCEPTED, ReportStatus.RETURNED}),
    ReportStatus.RETURNED: frozenset({ReportStatus.RESUBMITTED}),
    ReportStatus.RESUBMITTED: frozenset({ReportStatus.ACCEPTED, ReportStatus.RETURNED}),
    ReportStatus.ACCEPTED: frozenset(),
}
# States in which the author may still edit; a submitted report is locked for its author.
REPORT_EDITABLE = frozenset({ReportStatus.DRAFT, ReportStatus.RETURNED})
REPORT_AWAITING_REVIEW = frozenset({ReportStatus.SUBMITTED, ReportStatus.RESUBMITTED})


class ProgressReportQuerySet(models.QuerySet):
    def open(self) -> ProgressReportQuerySet:
        """Reports the CTA still has to send (not started, in draft, or returned) of projects still reporting.

        A completed, closed or cancelled project's unsent reports are no longer chased.
        """
        return self.filter(
            status__in=REPORT_EDITABLE, project__status__in=[ProjectStatus.ACTIVE, ProjectStatus.SUSPENDED]
        )

    def overdue(self, today) -> ProgressReportQuerySet:
        return self.open().filter(due_on__lt=today)

    def awaiting_review(self) -> ProgressReportQuerySet:
        return self.filter(status__in=REPORT_AWAITING_REVIEW)


class ProgressReport(TimeStampedModel):
    """The CTA's technical progress report for one reporting period of a project."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="progress_reports")
    period_start = models.DateField()
    period_end = models.DateField()
    due_on = models.DateField("due date")
    status = models.CharField(max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT, editable=False)
    rating = models.CharField(
        "overall rating", max_length=10, choices=ProgressRating.choices, blank=True,
        help_text="Required to submit.",
    )  # fmt: skip
    narrative = models.TextField(blank=True, help_text="Progress in the period. Required to submit.")
    challenges = models.TextField(blank=True)
    next_steps = models.TextField(blank=True)
    review_comment = models.TextField(blank=True, help_text="HQ's comment when returning the report.")
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ProgressReportQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["project", "-period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "period_start"], name="progress_report_one_per_period",
                violation_error_message="This project already has a report for this period.",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="progress_report_period_ordered",
                violation_error_message="The reporting period cannot end before it starts.",
            ),
            models.CheckConstraint(
                condition=Q(due_on__gte=F("period_end")), name="progress_report_due_after_period",
                violation_error_message="A report cannot be due before its period ends.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ReportStatus.values), name="progress_report_status_valid",
                violation_error_message="Unknown report status.",
            ),
            models.CheckConstraint(
                condition=Q(rating="") | Q(rating__in=ProgressRating.values), name="progress_report_rating_valid",
                violation_error_message="The rating is on track, at risk or off track.",
            ),
        ]  # fmt: skip
        indexes = [
            models.Index(fields=["status", "due_on"]),
            # The admin lists reports latest due first, and its year filter reads the first and last due dates.
            models.Index(fields=["due_on", "id"], name="progress_report_due_on"),
        ]

    def __str__(self) -> str:
        return f"{self.project.code} {self.period_start:%b %Y}–{self.period_end:%b %Y}"

    @property
    def is_editable(self) -> bool:
        return self.status in REPORT_EDITABLE


class ReportFigure(models.Model):
    """A figure reported for the period in one country: children withdrawn or prevented by sex and age band,
    or families assisted. A global project reports per country; its actuals are the countries' sum."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="figures")
    country = models.ForeignKey("countries.Country", on_delete=models.PROTECT, related_name="+")
    measure = models.CharField(max_length=12, choices=TargetMeasure.choices)
    sex = models.CharField(max_length=5, choices=Sex.choices, blank=True)
    age_band = models.CharField(max_length=5, choices=AgeBand.choices, blank=True)
    value = models.PositiveIntegerField()

    class Meta:
        ordering = ["report", "country", "measure", "sex", "age_band"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "country", "measure", "sex", "age_band"],
                name="report_figure_unique_cell",
                violation_error_message="This figure is already given for this report and country.",
            ),
            breakdown_constraint("report_figure_breakdown_matches_measure"),
        ]

    def __str__(self) -> str:
        return f"{self.measure} {self.sex} {self.age_band}: {self.value}"


class ReportStep(models.Model):
    """One move of a progress report's workflow: who, when, and HQ's comment when returned."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="steps")
    from_status = models.CharField(max_length=12, choices=ReportStatus.choices)
    to_status = models.CharField(max_length=12, choices=ReportStatus.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["report", "at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


def evidence_upload_to(instance: EvidenceFile, filename: str) -> str:
    return f"progress-reports/{instance.report_id}/{filename}"


class EvidenceFile(TimeStampedModel):
    """A file that supports a progress report; its type is checked from its content."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to=evidence_upload_to)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size_bytes = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["report", "created_at"]

    def __str__(self) -> str:
        return self.original_name


class ReminderOccasion(models.TextChoices):
    DUE_SOON = "due_soon", _("Due in a week")
    OVERDUE = "overdue", _("Overdue")


class ReportReminder(models.Model):
    """A reminder sent to the CTA; unique per report and occasion, so it is sent once."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="reminders")
    occasion = models.CharField(max_length=10, choices=ReminderOccasion.choices)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["report", "occasion"],
                name="report_reminder_once",
                violation_error_message="This reminder has already been sent.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report_id} {self.occasion}"


class ProjectSearchDocument(models.Model):
    """The search box's document of a project (projects.filters.search_vector()), kept by PostgreSQL itself.

    A trigger of migration 0009 writes it whenever a project's TC symbol, title or summary is
    written, so the list checks a match by reading it instead of computing it again (to_tsvector,
    about 0.15 ms a row). It lives beside the project rather than in it, so that the projects
    table, which every list and count reads, stays narrow. Empty on SQLite, which searches with LIKE.
    """

    project = models.OneToOneField(Project, on_delete=models.CASCADE, primary_key=True, related_name="+")
    document = SearchVectorField()

    class Meta:
        default_permissions = ()

    def __str__(self) -> str:
        return str(self.project_id)
