"""The names of the fields whose changes the pages list, marked for translation.

The change history (ipec/history.py) and the refusal of a stale edit (ipec/concurrency.py)
name a field by its model's verbose name, which stays plain English in the models (marking
it would add migrations that change nothing in the database). These are those names as
messages, so the pages can show them in the reader's language; tests/i18n fails when a
tracked field's name is missing here.
"""

from __future__ import annotations

from django.utils.translation import gettext, gettext_noop

TRACKED_FIELD_NAMES = frozenset(
    {
        # Projects.
        gettext_noop("TC symbol"),
        gettext_noop("title"),
        gettext_noop("summary"),
        gettext_noop("objectives"),
        gettext_noop("kind"),
        gettext_noop("status"),
        gettext_noop("planned start"),
        gettext_noop("planned end"),
        gettext_noop("actual start"),
        gettext_noop("actual end"),
        gettext_noop("approved budget (USD)"),
        gettext_noop("HQ backstopping officer"),
        gettext_noop("chief technical adviser"),
        gettext_noop("project manager"),
        gettext_noop("administrative office"),
        gettext_noop("backstopping office"),
        gettext_noop("supports a Time-Bound Programme"),
        gettext_noop("current rating"),
        gettext_noop("status note"),
        gettext_noop("status note date"),
        gettext_noop("reporting period (months)"),
        # Progress reports.
        gettext_noop("project"),
        gettext_noop("period start"),
        gettext_noop("period end"),
        gettext_noop("due date"),
        gettext_noop("overall rating"),
        gettext_noop("narrative"),
        gettext_noop("challenges"),
        gettext_noop("next steps"),
        gettext_noop("review comment"),
        # Evaluations.
        gettext_noop("scope"),
        gettext_noop("timing"),
        gettext_noop("modality"),
        gettext_noop("language"),
        gettext_noop("evaluation manager"),
        gettext_noop("executive summary"),
        gettext_noop("purpose"),
        gettext_noop("methodology"),
        gettext_noop("conclusions"),
        gettext_noop("annexes"),
    }
)


def field_name(verbose_name: object) -> str:
    """A field's verbose name in the active language (as it is when it has no translation)."""
    return gettext(str(verbose_name))
