"""Reading the change history that django-simple-history records for projects, reports and evaluations.

`field_changes` compares two records; `history_rows` turns an object's history into the
rows a page lists (templates/includes/history.html): who, when, and which field went
from what to what, newest first. The records come in one query with their users, and the
people and other rows they link to in one query per related model, so a long history
costs no more queries than a short one.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from ipec.field_names import field_name

# Bookkeeping that changes on every save and says nothing to a person.
_HIDDEN = {"version", "updated_at", "created_at"}


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: object
    new: object


def field_changes(record, previous) -> list[FieldChange]:
    """Every tracked field that differs between two history records, with its human label and values.

    The label is in the active language (ipec/field_names.py); a choice's value is its label, lazily translated.

    simple-history's own diff_against() skips fields that are not editable in forms, yet
    status, version-managed and service-managed fields are what matter most here.
    """
    changes = []
    for tracked in record.tracked_fields:
        if tracked.name in _HIDDEN:
            continue
        old, new = getattr(previous, tracked.attname), getattr(record, tracked.attname)
        if old != new:
            changes.append(
                FieldChange(
                    field_name(tracked.verbose_name), _shown(previous, tracked, old), _shown(record, tracked, new)
                )
            )
    return changes


def _shown(record, tracked: models.Field, value: object) -> object:
    """The value as a person reads it: the choice's label, the related object's name."""
    if value is None:
        return None
    if tracked.choices:
        return dict(tracked.flatchoices).get(value, value)
    if tracked.is_relation:
        return getattr(record, tracked.name, value)
    return value


# A long text is cut short in the list; the page shows the current text in full.
MAX_CHARS = 200
VERBS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}


@dataclass(frozen=True)
class Change:
    label: str
    old: str
    new: str


@dataclass
class HistoryRow:
    when: datetime.datetime
    who: str  # empty when nobody was recorded (a command, a migration)
    verb: str
    changes: list[Change] = field(default_factory=list)


@dataclass(frozen=True)
class History:
    rows: list[HistoryRow]
    more: bool  # older records were left off


def _text(value: object) -> str:
    if value in (None, ""):
        return ""
    if isinstance(value, bool):
        text = str(_("yes") if value else _("no"))
    elif isinstance(value, datetime.datetime):
        text = formats.date_format(timezone.localtime(value), "j M Y, H:i")
    elif isinstance(value, datetime.date):
        text = formats.date_format(value, "j M Y")
    elif isinstance(value, int | Decimal):
        text = formats.number_format(value, force_grouping=True)
    else:
        text = str(value)
    return text if len(text) <= MAX_CHARS else text[: MAX_CHARS - 1] + "…"


def _prime_links(records: list) -> None:
    """Fetch every object the records link to, one query per related model, into the records' caches."""
    if not records:
        return
    links = [f for f in records[0].tracked_fields if f.is_relation and f.many_to_one]
    wanted: dict[type[models.Model], set] = defaultdict(set)
    for record in records:
        for link in links:
            pk = getattr(record, link.attname)
            if pk is not None:
                wanted[link.related_model].add(pk)
    found = {model: model._default_manager.in_bulk(list(pks)) for model, pks in wanted.items()}
    for record in records:
        for link in links:
            pk = getattr(record, link.attname)
            if pk is not None:
                # A row deleted since is named by its id rather than looked up again.
                link.set_cached_value(record, found[link.related_model].get(pk, f"#{pk} (deleted)"))


def history_rows(instance: models.Model, *, limit: int | None = 30) -> History:
    """The newest `limit` records of `instance.history` (all of them when None), newest first."""
    records = instance.history.select_related("history_user").order_by("-history_date", "-history_id")
    records = list(records[: limit + 1] if limit is not None else records)
    more = limit is not None and len(records) > limit
    _prime_links(records)
    rows = []
    for index, record in enumerate(records[:limit] if limit is not None else records):
        previous = records[index + 1] if index + 1 < len(records) else None
        row = HistoryRow(
            when=record.history_date,
            who=str(record.history_user) if record.history_user else "",
            verb=VERBS.get(record.history_type, _("changed")),
        )
        if record.history_type == "~" and previous is None:
            # Rows made in bulk (e.g. a report schedule) have no creation record to compare with.
            row.verb = _("saved (the earliest version recorded)")
        elif record.history_type == "~":
            row.changes = [Change(c.label, _text(c.old), _text(c.new)) for c in field_changes(record, previous)]
            if not row.changes:
                continue  # saved again without a visible change
        rows.append(row)
    return History(rows=rows, more=more)
