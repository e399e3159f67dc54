"""Small reference lists kept in each process's memory: the choices of the list pages' filters.

Every list page offers regions, intervention types, worst forms, sectors, target groups, donors
or partner types to choose from. Reading them from the database on every request cost one
query each (and, through ModelChoiceIterator's server-side cursor, three round trips each) for
rows that change only through migrations and the admin. So each process keeps them in memory:

- a save or delete of one of their rows (a post_save or post_delete signal of the list's models)
  forgets the list in the process that made it and bumps a version number in the shared cache
  (Redis), which every process reads at most once every VERSION_CHECK_SECONDS: another gunicorn
  worker sees the change within that time;
- a change that sends no signal (a migration, `QuerySet.update`) or a Redis that cannot be
  reached is covered by MAX_AGE_SECONDS: a list is never older than that. So is the one case
  that can show a row that does not exist: a list read again inside the transaction that
  changed it, which is then rolled back (choosing that row lists nothing; no harm is done).

The rows are model instances shared by every request of the process: read them, never change them.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save
from django.utils.choices import BaseChoiceIterator

VERSION_KEY = "reference-lists:version"
# How often a process asks the shared cache whether another process changed a list.
VERSION_CHECK_SECONDS = 1.0
# The oldest a list may be, whatever the shared cache says (or when it cannot say).
MAX_AGE_SECONDS = 300.0


@dataclass
class _Loaded:
    rows: tuple
    by_key: dict[str, Any]
    version: Any
    loaded_at: float


@dataclass
class _VersionCheck:
    version: Any = None
    checked_at: float = float("-inf")


_version = _VersionCheck()
_lock = threading.Lock()


def _shared_version() -> Any:
    """The shared cache's version of the lists, read at most once every VERSION_CHECK_SECONDS."""
    now = time.monotonic()
    if now - _version.checked_at >= VERSION_CHECK_SECONDS:
        _version.version = cache.get(VERSION_KEY)
        _version.checked_at = now
    return _version.version


def _bump_shared_version() -> None:
    """Tell every process that a list changed: a new version in the shared cache, read again at once here."""
    cache.set(VERSION_KEY, time.time_ns(), timeout=None)
    _version.checked_at = float("-inf")


@dataclass
class ReferenceList:
    """The rows of `load()` in memory, found by `key` (a field name, e.g. "code"), with the lists' invalidation.

    `models` are those whose changes change the list (a donor's label shows its partner's name).
    """

    name: str
    load: Callable[[], Iterable]
    key: str
    models: tuple[type[models.Model], ...]
    _loaded: _Loaded | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        for model in self.models:
            post_save.connect(self._changed, sender=model, weak=False, dispatch_uid=f"reference-list-{self.name}-save")
            post_delete.connect(self._changed, sender=model, weak=False, dispatch_uid=f"reference-list-{self.name}-del")

    def __deepcopy__(self, memo) -> ReferenceList:
        return self  # one list per process: a filter set's deep copy of its filters must share it

    def _changed(self, using=None, **kwargs) -> None:
        self._renew()
        # Again after the commit: another process may have read the list between the change and its commit.
        transaction.on_commit(self._renew, using=using)

    def _renew(self) -> None:
        self.forget()
        _bump_shared_version()

    def forget(self) -> None:
        """Read the list from the database again on its next use (in this process)."""
        self._loaded = None

    def _current(self) -> _Loaded:
        loaded, version, now = self._loaded, _shared_version(), time.monotonic()
        if loaded is None or loaded.version != version or now - loaded.loaded_at > MAX_AGE_SECONDS:
            with _lock:
                rows = tuple(self.load())  # one plain query: no server-side cursor for a few dozen rows
                by_key = {str(getattr(row, self.key)): row for row in rows}
                loaded = self._loaded = _Loaded(rows=rows, by_key=by_key, version=version, loaded_at=now)
        return loaded

    def rows(self) -> tuple:
        return self._current().rows

    def get(self, key: str) -> Any | None:
        return self._current().by_key.get(key)


_lists: dict[str, ReferenceList] = {}


def reference_list(
    model: type[models.Model],
    key: str = "code",
    load: Callable[[], Iterable] | None = None,
    related: tuple[type[models.Model], ...] = (),
) -> ReferenceList:
    """The process's one list of `model`'s rows (by default all of them, in the model's order), found by `key`.

    The first call for a model and key defines the list: call it from one function (e.g. partners.choices).
    """
    name = f"{model._meta.label_lower}:{key}"
    if name not in _lists:
        _lists[name] = ReferenceList(name, load or model._default_manager.all, key, (model, *related))
    return _lists[name]


def forget_all() -> None:
    """Read every list from the database again on its next use, in this process (tests start from here)."""
    for reference in _lists.values():
        reference.forget()
    _version.checked_at = float("-inf")


class _Choices(BaseChoiceIterator):
    """The field's choices, read from its list when the widget renders (not when the form is built)."""

    def __init__(self, field: CachedModelChoiceField) -> None:
        self.field = field

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for row in self.field.reference.rows():
            yield (str(getattr(row, self.field.reference.key)), self.field.label_from_instance(row))

    def __len__(self) -> int:
        return len(self.field.reference.rows()) + (self.field.empty_label is not None)


class CachedModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField whose choices and validation come from a ReferenceList, without a query.

    The cleaned value is the list's (shared) instance.
    """

    def __init__(self, *, reference: ReferenceList, **kwargs) -> None:
        self.reference = reference
        kwargs.setdefault("to_field_name", reference.key)
        super().__init__(**kwargs)

    def _get_choices(self):
        return _Choices(self)

    choices = property(_get_choices, forms.ChoiceField.choices.fset)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        self.validate_no_null_characters(value)
        row = self.reference.get(str(value))
        if row is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            )
        return row

    def validate(self, value) -> None:
        forms.Field.validate(self, value)
