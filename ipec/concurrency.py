"""No lost updates: an edit made on an old version of an object is refused, saying what changed meanwhile.

Versioned models carry a `version` that every save through a service raises by one, and
a `history` (django-simple-history). A form sends back the version it was built from;
the service locks the row, compares, and on a mismatch lists the changes made since.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ipec.history import field_changes
from ipec.wording import moment_in_sentence

# The whole refusal for each versioned model, since languages word "this project", "this report" differently.
CONFLICT_MESSAGES = {
    "projects.project": _(
        "Someone else saved this project while you were editing it: %(changes)s. Nothing of yours was saved: "
        "reload the page to see the current values, then make your change again."
    ),
    "projects.progressreport": _(
        "Someone else saved this progress report while you were editing it: %(changes)s. Nothing of yours was "
        "saved: reload the page to see the current values, then make your change again."
    ),
    "evaluations.evaluation": _(
        "Someone else saved this evaluation while you were editing it: %(changes)s. Nothing of yours was saved: "
        "reload the page to see the current values, then make your change again."
    ),
}
# Any other model that someday carries a version: its English name, in a sentence every language can hold.
OTHER_CONFLICT = _(
    "Someone else saved this %(object)s while you were editing it: %(changes)s. Nothing of yours was saved: "
    "reload the page to see the current values, then make your change again."
)


def _display(value: object) -> str:
    if value in (None, ""):
        return gettext("(empty)")
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def changes_since(instance: models.Model, version: int) -> list[str]:
    """Human sentences for every field change recorded after `version`, oldest first, in the active language."""
    sentences = []
    records = instance.history.filter(version__gt=version).select_related("history_user").order_by("history_id")
    for record in records:
        previous = record.prev_record
        if previous is None:
            continue
        who = record.history_user or gettext("someone")
        when = moment_in_sentence(record.history_date)
        for change in field_changes(record, previous):
            sentences.append(
                gettext("%(who)s changed %(field)s from %(old)s to %(new)s (%(when)s)")
                % {"who": who, "field": change.label, "old": _display(change.old), "new": _display(change.new),
                   "when": when}
            )  # fmt: skip
    return sentences


def check_version(instance: models.Model, expected_version: int | None) -> None:
    """Refuse the edit if `instance` (just locked with select_for_update) moved past `expected_version`."""
    if expected_version is None or instance.version == expected_version:
        return
    changes = changes_since(instance, expected_version)
    detail = "; ".join(changes) if changes else gettext("it was saved again")
    message = CONFLICT_MESSAGES.get(instance._meta.label_lower, OTHER_CONFLICT)
    raise ValidationError(
        str(message) % {"changes": detail, "object": instance._meta.verbose_name},
        code="conflict",
    )


def save_new_version(instance: models.Model, *, by=None) -> models.Model:
    """Validate and save `instance` as its next version, recording who made the change."""
    instance.version += 1
    instance._history_user = by
    instance.full_clean()
    instance.save()
    return instance
