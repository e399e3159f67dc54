from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    HQ = "hq", "HQ staff"
    CTA = "cta", "Chief technical adviser"
    EVALUATOR = "evaluator", "Evaluator"
    VIEWER = "viewer", "Viewer"


class User(AbstractUser):
    """A person who signs in. The role says what kind of work they do here."""

    role = models.CharField(
        max_length=16,
        choices=Role.choices,
        default=Role.VIEWER,
        help_text="HQ staff manage everything; CTAs their projects; evaluators their evaluations; viewers read.",
    )
    organisation = models.CharField(max_length=200, blank=True, help_text="e.g. ILO IPEC Geneva, or a consultancy.")

    class Meta:
        ordering = ["last_name", "first_name", "username"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values),
                name="user_role_valid",
                violation_error_message="Unknown role.",
            )
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username
