"""External evaluations: findings per OECD-DAC criterion, recommendations, lessons, good practices, reports."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from ipec.models import TimeStampedModel


class EvaluationScope(models.TextChoices):
    PROJECT = "project", _("Project evaluation")
    CLUSTER = "cluster", _("Cluster evaluation")
    THEMATIC = "thematic", _("Thematic evaluation")


class Timing(models.TextChoices):
    MIDTERM = "midterm", pgettext_lazy("evaluation timing", "Mid-term")
    FINAL = "final", pgettext_lazy("evaluation timing", "Final")
    EXPOST = "expost", pgettext_lazy("evaluation timing", "Ex-post")


class Modality(models.TextChoices):
    INDEPENDENT = "independent", _("Independent")
    INTERNAL = "internal", _("Internal")
    SELF = "self", _("Self-evaluation")


class EvaluationStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("evaluation status", "Planned")
    TERMS_OF_REFERENCE = "tor", pgettext_lazy("evaluation status", "Terms of reference")
    EVALUATOR_CONTRACTED = "contracted", pgettext_lazy("evaluation status", "Evaluator contracted")
    FIELDWORK = "fieldwork", pgettext_lazy("evaluation status", "Fieldwork")
    DRAFT_REPORT = "draft_report", pgettext_lazy("evaluation status", "Draft report")
    FINAL_REPORT = "final_report", pgettext_lazy("evaluation status", "Final report")
    PUBLISHED = "published", pgettext_lazy("evaluation status", "Published")


# The lifecycle is a straight line: each step moves to the next one.
EVALUATION_STEPS: list[str] = list(EvaluationStatus.values)


class Language(models.TextChoices):
    ENGLISH = "en", "English"
    FRENCH = "fr", "Français"
    SPANISH = "es", "Español"


class EvaluationQuerySet(models.QuerySet):
    def for_list(self) -> EvaluationQuerySet:
        return self.select_related("evaluation_manager").prefetch_related("projects", "evaluators")


class Evaluation(TimeStampedModel):
    title = models.CharField(max_length=300)
    scope = models.CharField(
        max_length=10,
        choices=EvaluationScope.choices,
        default=EvaluationScope.PROJECT,
        help_text="A project evaluation covers one project; cluster and thematic evaluations several.",
    )
    projects = models.ManyToManyField("projects.Project", related_name="evaluations")
    timing = models.CharField(max_length=10, choices=Timing.choices)
    modality = models.CharField(max_length=12, choices=Modality.choices)
    status = models.CharField(
        max_length=14,
        choices=EvaluationStatus.choices,
        default=EvaluationStatus.PLANNED,
        editable=False,
        help_text="Changed only by moving the evaluation to its next step.",
    )
    language = models.CharField(max_length=2, choices=Language.choices, default=Language.ENGLISH)
    evaluation_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="managed_evaluations",
        help_text="The HQ officer who manages the evaluation.",
    )
    evaluators = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="evaluations")
    planned_start = models.DateField(null=True, blank=True)
    planned_end = models.DateField(null=True, blank=True)
    executive_summary = models.TextField(blank=True)
    purpose = models.TextField(blank=True)
    scope_text = models.TextField("scope", blank=True)
    methodology = models.TextField(blank=True)
    conclusions = models.TextField(blank=True)
    annexes = models.TextField(blank=True)
    # Optimistic locking: every edit raises it; an edit based on an older version is refused.
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = EvaluationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["-planned_start", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=EvaluationStatus.values),
                name="evaluation_status_valid",
                violation_error_message="Unknown evaluation status.",
            ),
            models.CheckConstraint(
                condition=Q(timing__in=Timing.values),
                name="evaluation_timing_valid",
                violation_error_message="Timing is mid-term, final or ex-post.",
            ),
            models.CheckConstraint(
                condition=Q(modality__in=Modality.values),
                name="evaluation_modality_valid",
                violation_error_message="Modality is independent, internal or self-evaluation.",
            ),
            models.CheckConstraint(
                condition=Q(language__in=Language.values),
                name="evaluation_language_valid",
                violation_error_message="The report language is English, French or Spanish.",
            ),
            models.CheckConstraint(
                condition=Q(planned_end__isnull=True)
                | Q(planned_start__isnull=True)
                | Q(planned_end__gte=F("planned_start")),
                name="evaluation_dates_ordered",
                violation_error_message="The evaluation cannot end before it starts.",
            ),
        ]
        indexes = [
            models.Index(fields=["status"]),
            # The evaluation rule's three EXISTS (evaluations.rules.with_evaluation_rule) from the index alone: the
            # dashboard counts the projects missing an evaluation without reading the evaluations' wide rows.
            models.Index(fields=["modality", "scope", "timing", "id"], name="evaluation_rule_kind"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def next_status(self) -> str | None:
        index = EVALUATION_STEPS.index(self.status)
        return EVALUATION_STEPS[index + 1] if index + 1 < len(EVALUATION_STEPS) else None


class EvaluationStep(models.Model):
    """The dated record of an evaluation reaching a step of its lifecycle."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="steps")
    status = models.CharField(max_length=14, choices=EvaluationStatus.choices)
    reached_on = models.DateField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["evaluation", "changed_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "status"],
                name="evaluation_step_once",
                violation_error_message="The evaluation has already reached this step.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.evaluation_id}: {self.status} on {self.reached_on}"


class Criterion(models.TextChoices):
    RELEVANCE = "relevance", _("Relevance")
    COHERENCE = "coherence", _("Coherence")
    EFFECTIVENESS = "effectiveness", _("Effectiveness")
    EFFICIENCY = "efficiency", _("Efficiency")
    IMPACT = "impact", _("Impact")
    SUSTAINABILITY = "sustainability", _("Sustainability")


class Rating(models.IntegerChoices):
    HIGHLY_SATISFACTORY = 6, pgettext_lazy("evaluation rating", "Highly satisfactory")
    SATISFACTORY = 5, pgettext_lazy("evaluation rating", "Satisfactory")
    SOMEWHAT_SATISFACTORY = 4, pgettext_lazy("evaluation rating", "Somewhat satisfactory")
    SOMEWHAT_UNSATISFACTORY = 3, pgettext_lazy("evaluation rating", "Somewhat unsatisfactory")
    UNSATISFACTORY = 2, pgettext_lazy("evaluation rating", "Unsatisfactory")
    HIGHLY_UNSATISFACTORY = 1, pgettext_lazy("evaluation rating", "Highly unsatisfactory")


class Finding(TimeStampedModel):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="findings")
    criterion = models.CharField(max_length=16, choices=Criterion.choices)
    text = models.TextField("findings")
    rating = models.PositiveSmallIntegerField(choices=Rating.choices, null=True, blank=True)

    class Meta:
        ordering = ["evaluation", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "criterion"],
                name="finding_one_per_criterion",
                violation_error_message="This evaluation already has findings for this criterion.",
            ),
            models.CheckConstraint(
                condition=Q(criterion__in=Criterion.values),
                name="finding_criterion_valid",
                violation_error_message="Unknown OECD-DAC criterion.",
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=6),
                name="finding_rating_range",
                violation_error_message="The rating runs from highly unsatisfactory (1) to highly satisfactory (6).",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_criterion_display()} – {self.get_rating_display() or 'not rated'}"


class Priority(models.TextChoices):
    HIGH = "high", pgettext_lazy("priority", "High")
    MEDIUM = "medium", pgettext_lazy("priority", "Medium")
    LOW = "low", pgettext_lazy("priority", "Low")


class ManagementResponse(models.TextChoices):
    ACCEPTED = "accepted", pgettext_lazy("management response", "Accepted")
    PARTIALLY = "partially", pgettext_lazy("management response", "Partially accepted")
    REJECTED = "rejected", pgettext_lazy("management response", "Rejected")


class FollowUp(models.TextChoices):
    NOT_STARTED = "not_started", pgettext_lazy("follow-up", "Not started")
    IN_PROGRESS = "in_progress", pgettext_lazy("follow-up", "In progress")
    COMPLETED = "completed", pgettext_lazy("follow-up", "Completed")


class Recommendation(TimeStampedModel):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="recommendations")
    number = models.PositiveSmallIntegerField()
    text = models.TextField("recommendation")
    addressee = models.CharField(
        max_length=200, help_text="Who should act on it, e.g. ILO-IPEC, the Ministry of Labour."
    )
    priority = models.CharField(max_length=6, choices=Priority.choices, default=Priority.MEDIUM)
    timeframe = models.CharField(max_length=100, blank=True, help_text="e.g. short term (within 6 months).")
    management_response = models.CharField(max_length=10, choices=ManagementResponse.choices, blank=True)
    response_comment = models.TextField(blank=True)
    follow_up = models.CharField(max_length=12, choices=FollowUp.choices, blank=True)

    class Meta:
        ordering = ["evaluation", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "number"],
                name="recommendation_unique_number",
                violation_error_message="This evaluation already has a recommendation with this number.",
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="recommendation_number_positive",
                violation_error_message="Recommendations are numbered from 1.",
            ),
            models.CheckConstraint(
                condition=Q(priority__in=Priority.values),
                name="recommendation_priority_valid",
                violation_error_message="Priority is high, medium or low.",
            ),
            models.CheckConstraint(
                condition=Q(management_response="") | Q(management_response__in=ManagementResponse.values),
                name="recommendation_response_valid",
                violation_error_message="The management response is accepted, partially accepted or rejected.",
            ),
            models.CheckConstraint(
                condition=Q(follow_up="") | Q(follow_up__in=FollowUp.values),
                name="recommendation_follow_up_valid",
                violation_error_message="Unknown follow-up status.",
            ),
        ]

    def __str__(self) -> str:
        return f"Recommendation {self.number}"


class LessonLearned(TimeStampedModel):
    """A lesson in the ILO template's fields."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="lessons")
    title = models.CharField(max_length=300)
    description = models.TextField("brief description")
    context = models.TextField("context and related preconditions", blank=True)
    challenges = models.TextField("challenges / negative lessons", blank=True)
    causal_factors = models.TextField(blank=True)
    targeted_users = models.TextField("targeted users / beneficiaries", blank=True)
    success = models.TextField("success / positive issues", blank=True)
    administrative_issues = models.TextField("ILO administrative issues", blank=True)

    class Meta:
        ordering = ["evaluation", "id"]
        verbose_name_plural = "lessons learned"

    def __str__(self) -> str:
        return self.title


class GoodPractice(TimeStampedModel):
    """An emerging good practice in the ILO template's fields."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="good_practices")
    title = models.CharField(max_length=300)
    summary = models.TextField("brief summary")
    conditions = models.TextField("relevant conditions and context", blank=True)
    cause_effect = models.TextField("cause–effect relationship", blank=True)
    measurable_impact = models.TextField("measurable impact and targeted beneficiaries", blank=True)
    replication_potential = models.TextField("potential for replication", blank=True)

    class Meta:
        ordering = ["evaluation", "id"]

    def __str__(self) -> str:
        return self.title


class LessonSearchDocument(models.Model):
    """The library's search document of a lesson (evaluations.filters.search_vector()), kept by PostgreSQL itself.

    A trigger of migration 0009 writes it whenever the lesson's texts are written, so the library
    matches and ranks by reading it instead of computing to_tsvector over every text of every match
    (0.8 to 1.5 s for a common word at 100,000 projects). Empty on SQLite, which searches with LIKE.
    """

    lesson = models.OneToOneField(
        LessonLearned, on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    document = SearchVectorField()

    class Meta:
        default_permissions = ()

    def __str__(self) -> str:
        return str(self.lesson_id)


class GoodPracticeSearchDocument(models.Model):
    """The library's search document of a good practice, kept like LessonSearchDocument (migration 0009)."""

    good_practice = models.OneToOneField(
        GoodPractice, on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    document = SearchVectorField()

    class Meta:
        default_permissions = ()

    def __str__(self) -> str:
        return str(self.good_practice_id)


class ReportState(models.TextChoices):
    WAITING = "waiting", pgettext_lazy("report file state", "Waiting for the queue")
    QUEUED = "queued", pgettext_lazy("report file state", "Queued")
    RENDERING = "rendering", pgettext_lazy("report file state", "Rendering")
    READY = "ready", pgettext_lazy("report file state", "Ready")
    FAILED = "failed", pgettext_lazy("report file state", "Failed")


def report_upload_to(instance: EvaluationReport, filename: str) -> str:
    return f"evaluation-reports/{instance.evaluation_id}/v{instance.version}-{filename}"


class EvaluationReport(TimeStampedModel):
    """One generated version of an evaluation's PDF report."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="reports")
    version = models.PositiveIntegerField()
    state = models.CharField(max_length=10, choices=ReportState.choices, default=ReportState.WAITING)
    language = models.CharField(max_length=2, choices=Language.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    task_id = models.CharField(max_length=64, blank=True)
    file = models.FileField(upload_to=report_upload_to, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    size_bytes = models.PositiveIntegerField(null=True, blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    rendered_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["evaluation", "-version"]
        get_latest_by = "version"
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "version"],
                name="report_unique_version",
                violation_error_message="This version of the report already exists.",
            ),
            models.CheckConstraint(
                condition=Q(version__gte=1),
                name="report_version_positive",
                violation_error_message="Report versions are numbered from 1.",
            ),
            models.CheckConstraint(
                condition=Q(state__in=ReportState.values),
                name="report_state_valid",
                violation_error_message="Unknown report state.",
            ),
            models.CheckConstraint(
                condition=~Q(state=ReportState.READY) | (~Q(file="") & Q(sha256__regex=r"^[0-9a-f]{64}$")),
                name="report_ready_has_file",
                violation_error_message="A ready report has its file and checksum.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.evaluation} v{self.version} ({self.get_state_display()})"
