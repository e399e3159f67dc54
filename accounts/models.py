from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    HQ = "hq", _("HQ staff")
    CTA = "cta", _("Chief technical adviser")
    EVALUATOR = "evaluator", _("Evaluator")
    VIEWER = "viewer", _("Viewer")


class RoleUserManager(UserManager):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        # `createsuperuser` makes an HQ staff member: the role is what opens the admin site.
        extra_fields.setdefault("role", Role.HQ)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    """A person who signs in. The role says what kind of work they do here."""

    role = models.CharField(
        max_length=16,
        choices=Role.choices,
        default=Role.VIEWER,
        help_text="HQ staff manage everything; CTAs their projects; evaluators their evaluations; viewers read.",
    )
    organisation = models.CharField(max_length=200, blank=True, help_text="e.g. ILO IPEC Geneva, or a consultancy.")

    objects = RoleUserManager()

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

    def save(self, *args, **kwargs) -> None:
        # The role decides who reaches the admin site: HQ staff, and only they.
        self.is_staff = self.role == Role.HQ
        if kwargs.get("update_fields") is not None and "role" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "is_staff"}
        super().save(*args, **kwargs)
