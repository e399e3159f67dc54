"""Reading the change history that django-simple-history records for projects, reports and evaluations."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

# Bookkeeping that changes on every save and says nothing to a person.
_HIDDEN = {"version", "updated_at", "created_at"}


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: object
    new: object


def field_changes(record, previous) -> list[FieldChange]:
    """Every tracked field that differs between two history records, with its human label and values.

    simple-history's own diff_against() skips fields that are not editable in forms, yet
    status, version-managed and service-managed fields are what matter most here.
    """
    changes = []
    for field in record.tracked_fields:
        if field.name in _HIDDEN:
            continue
        old, new = getattr(previous, field.attname), getattr(record, field.attname)
        if old != new:
            changes.append(
                FieldChange(str(field.verbose_name), _shown(previous, field, old), _shown(record, field, new))
            )
    return changes


def _shown(record, field: models.Field, value: object) -> object:
    """The value as a person reads it: the choice's label, the related object's name."""
    if value is None:
        return None
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if field.is_relation:
        return getattr(record, field.name, value)
    return value
