"""No lost updates: an edit made on an old version of an object is refused, saying what changed meanwhile.

Versioned models carry a `version` that every save through a service raises by one, and
a `history` (django-simple-history). A form sends back the version it was built from;
the service locks the row, compares, and on a mismatch lists the changes made since.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from ipec.history import field_changes


def _display(value: object) -> str:
    if value in (None, ""):
        return "(empty)"
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def changes_since(instance: models.Model, version: int) -> list[str]:
    """Human sentences for every field change recorded after `version`, oldest first."""
    sentences = []
    records = instance.history.filter(version__gt=version).select_related("history_user").order_by("history_id")
    for record in records:
        previous = record.prev_record
        if previous is None:
            continue
        who = record.history_user or "someone"
        when = record.history_date.strftime("%d %b %Y %H:%M")
        for change in field_changes(record, previous):
            sentences.append(
                f"{who} changed {change.label} from {_display(change.old)} to {_display(change.new)} ({when})"
            )
    return sentences


def check_version(instance: models.Model, expected_version: int | None) -> None:
    """Refuse the edit if `instance` (just locked with select_for_update) moved past `expected_version`."""
    if expected_version is None or instance.version == expected_version:
        return
    changes = changes_since(instance, expected_version)
    detail = "; ".join(changes) if changes else "it was saved again"
    raise ValidationError(
        f"Someone else saved this {instance._meta.verbose_name} while you were editing it: {detail}. "
        "Nothing of yours was saved: reload the page to see the current values, then make your change again.",
        code="conflict",
    )


def save_new_version(instance: models.Model, *, by=None) -> models.Model:
    """Validate and save `instance` as its next version, recording who made the change."""
    instance.version += 1
    instance._history_user = by
    instance.full_clean()
    instance.save()
    return instance
