"""Helpers shared by the apps' write services."""

from __future__ import annotations

from django.db import models


def validated_save(instance: models.Model, *, exclude: list[str] | None = None) -> models.Model:
    """Check every field, single-row rule and database constraint, then save.

    Raises ValidationError with the constraint's own message before anything is
    written, so a caller (form, admin, command) can show it and nothing is half-saved.
    """
    instance.full_clean(exclude=exclude)
    instance.save()
    return instance
