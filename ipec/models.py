"""Abstract model bases shared by every app."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True, editable=False)

    class Meta:
        abstract = True


class ReferenceModel(models.Model):
    """A row of reference data loaded by a migration: a stable code and a display name."""

    code = models.SlugField(max_length=40, unique=True, help_text="Stable identifier; never change it.")
    name = models.CharField(max_length=200)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.localized_name  # in choice lists, the admin site and wherever it is printed

    @property
    def localized_name(self) -> str:
        """The name in the active language, from the translation catalogues (the app's reference.py
        lists every seeded name for extraction); a name added later without a translation shows as it is."""
        return gettext(self.name) if self.name else self.name
