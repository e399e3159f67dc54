"""Keyset ("seek") pagination and capped counts for the long lists, whatever their length.

A page is "the next 50 rows after this one" in the list's order, not "rows 74,951 to 75,000":
the database seeks to the row in an index and reads 51 rows, where OFFSET would read and throw
away every row before the page. The place is carried in the query string as a readable cursor,
the sort key of the last (or first) row shown and its unique tie-breaker, joined by `~`:

    /projects/?sort=-start&after=2010-03-01~IND-10-01-USA    the page after that project
    /projects/?sort=-start&before=2009-12-01~KEN-09-03-NET   the page before that one

Each order is one row comparison, `(key, tie-breaker) > (value, value)`, over expressions that
are never NULL (a nullable column is COALESCEd to a value beyond every real one, so empty dates
and unrated projects come last in both directions), in one direction for every column. So every
sort is served by one composite index scanned forwards or backwards (see `indexes`), and `-key`
lists exactly the reverse of `key`, the tie-breaker included.

The total is counted up to COUNT_CAP rows only; above that the planner's estimate is shown
("about 98,000"), read from the same single query on PostgreSQL.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import connections, models
from django.db.models import Case, F, Func, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThan, LessThan
from django.utils.translation import gettext

AFTER = "after"
BEFORE = "before"
SEPARATOR = "~"
# Lists up to this long are counted exactly; longer ones are estimated.
COUNT_CAP = 1000

_LOWEST_DATE = datetime.date(1, 1, 1)
_HIGHEST_DATE = datetime.date(9999, 12, 31)


def refusal(name: str, text: str) -> str:
    """What a list page says of a cursor parameter (`?after=`/`?before=`) that is not a place in it."""
    shown = text if len(text) <= 80 else text[:80] + "…"
    return gettext(
        "Place in the list (?%(name)s=): “%(cursor)s” is not a place in this list; "
        "follow the list's Next and Previous links, or start from the first page."
    ) % {"name": name, "cursor": shown}


class CursorError(ValueError):
    """A cursor that does not name a place in this list (mistyped, cut short, or of another sort)."""


# The columns of an order -------------------------------------------------------------------------


@dataclass(frozen=True)
class Key:
    """A column of a keyset order: the model field whose value the cursor carries, and the SQL it sorts by.

    `read` turns the cursor's text back into a field value (raising ValueError when it cannot);
    `write` turns a field value into the cursor's text.
    """

    field: str
    read: Callable[[str], Any] = str
    write: Callable[[Any], str] = str

    def expression(self, descending: bool):
        return F(self.field)

    def sql_value(self, value: Any, descending: bool) -> Any:
        return value

    def to_text(self, value: Any) -> str:
        return self.write(value)

    def from_text(self, text: str) -> Any:
        return self.read(text)


@dataclass(frozen=True)
class NullsLast(Key):
    """A nullable column, its empty values last in both directions: COALESCE(field, beyond every value).

    The lowest value stands in for NULL when descending, the highest when ascending, so each
    direction has its own expression (and its own index). NULL is an empty text in the cursor.
    """

    lowest: Any = None
    highest: Any = None

    def expression(self, descending: bool):
        return Coalesce(F(self.field), Value(self.lowest if descending else self.highest))

    def sql_value(self, value: Any, descending: bool) -> Any:
        if value is None:
            return self.lowest if descending else self.highest
        return value

    def to_text(self, value: Any) -> str:
        return "" if value is None else self.write(value)

    def from_text(self, text: str) -> Any:
        return None if text == "" else self.read(text)


@dataclass(frozen=True)
class Ranked(Key):
    """A choice column sorted in the order of `values` (a lifecycle), not the alphabet's.

    A value outside `values` (e.g. a blank rating) comes after them all: with `blank_last`, in
    both directions (each direction then has its own expression and index).
    """

    values: tuple[str, ...] = ()
    blank_last: bool = False

    def _position_of_others(self, descending: bool) -> int:
        return -1 if (self.blank_last and descending) else len(self.values)

    def expression(self, descending: bool):
        whens = [When(**{self.field: value}, then=Value(i)) for i, value in enumerate(self.values)]
        return Case(*whens, default=Value(self._position_of_others(descending)))

    def sql_value(self, value: Any, descending: bool) -> Any:
        return self.values.index(value) if value in self.values else self._position_of_others(descending)

    def from_text(self, text: str) -> Any:
        if text not in self.values and not (self.blank_last and text == ""):
            raise ValueError(text)
        return text


def date_key(field: str) -> NullsLast:
    return NullsLast(field, read=datetime.date.fromisoformat, write=datetime.date.isoformat,
                     lowest=_LOWEST_DATE, highest=_HIGHEST_DATE)  # fmt: skip


def _decimal(text: str) -> Decimal:
    value = Decimal(text)
    if not value.is_finite():
        raise ValueError(text)
    return value


def decimal_key(field: str) -> Key:
    return Key(field, read=_decimal)


# Row values --------------------------------------------------------------------------------------


class Row(Func):
    """A row value, `(a, b)`, compared column by column (PostgreSQL, and SQLite since 3.15)."""

    template = "(%(expressions)s)"
    output_field = models.Field()


@dataclass(frozen=True)
class Order:
    """A list's order as keyset columns: the sort key(s), then the unique tie-breaker, in one direction."""

    keys: tuple[Key, ...]
    descending: bool

    def expressions(self) -> list:
        return [key.expression(self.descending) for key in self.keys]

    def order_by(self, reverse: bool = False) -> list:
        down = self.descending != reverse
        return [e.desc() if down else e.asc() for e in self.expressions()]

    def cursor(self, obj) -> str:
        return SEPARATOR.join(key.to_text(getattr(obj, key.field)) for key in self.keys)

    def read_cursor(self, text: str) -> list:
        """The field values of a cursor, or CursorError."""
        parts = text.rsplit(SEPARATOR, len(self.keys) - 1)  # only the first column may hold the separator
        if len(parts) != len(self.keys):
            raise CursorError(text)
        try:
            return [key.from_text(part) for key, part in zip(self.keys, parts, strict=True)]
        except (ValueError, TypeError, InvalidOperation, ArithmeticError) as error:
            raise CursorError(text) from error

    def beyond(self, values: Sequence, reverse: bool = False) -> Q:
        """Rows after `values` in this order (before them with `reverse`): one row comparison."""
        row = Row(*self.expressions())
        bound = Row(*(Value(key.sql_value(v, self.descending)) for key, v in zip(self.keys, values, strict=True)))
        later = LessThan if self.descending != reverse else GreaterThan
        return Q(later(row, bound))

    def indexes(self, name: str) -> list[models.Index]:
        """The composite index that serves this order in both directions, `name`; or, when the directions
        sort by different expressions (a nullable column), one for each, `name`_asc and `name`_desc."""
        ascending, descending = ([key.expression(d) for key in self.keys] for d in (False, True))
        if repr(ascending) == repr(descending):
            if all(isinstance(e, F) for e in ascending):
                return [models.Index(fields=[e.name for e in ascending], name=name)]
            return [models.Index(*ascending, name=name)]
        return [models.Index(*ascending, name=f"{name}_asc"), models.Index(*descending, name=f"{name}_desc")]


# A page ------------------------------------------------------------------------------------------


@dataclass
class KeysetPage:
    """One page of a list: its rows, and the query strings' cursors to the neighbouring pages."""

    object_list: list
    placed: bool = False  # reached by a cursor, not the first page
    next_cursor: str = ""  # ?after=… for the next page, or "" on the last page
    previous_cursor: str = ""  # ?before=… for the previous page, or "" on the first page
    # The query strings of the pages around, set by ipec.listing.place_links.
    first_query: str = ""
    previous_query: str = ""
    next_query: str = ""

    @property
    def has_other_pages(self) -> bool:
        return bool(self.next_cursor or self.previous_cursor)


def keyset_page(queryset: QuerySet, order: Order, per_page: int, after: str = "", before: str = "") -> KeysetPage:
    """The page after the cursor `after`, or before `before`, or the first page; one query.

    Raises CursorError when the cursor cannot be read for this order.
    """
    if after and before:
        raise CursorError(after)
    backwards = bool(before)
    rows = queryset.order_by(*order.order_by(reverse=backwards))
    if after or before:
        rows = rows.filter(order.beyond(order.read_cursor(after or before), reverse=backwards))
    rows = list(rows[: per_page + 1])  # one more than a page: is there another?
    more = len(rows) > per_page
    rows = rows[:per_page]
    if backwards:
        rows.reverse()
    page = KeysetPage(object_list=rows, placed=bool(after or before))
    if rows:
        # Going forwards there is a previous page when we came from one; backwards, always a next.
        if more or backwards:
            page.next_cursor = order.cursor(rows[-1])
        if (more and backwards) or after:
            page.previous_cursor = order.cursor(rows[0])
    return page


# Counts ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Total:
    """How many rows a list holds: exact up to COUNT_CAP, else an estimate (at least the cap)."""

    value: int
    exact: bool
    cap: int = COUNT_CAP

    @property
    def estimated(self) -> bool:
        """Above the cap with an estimate beyond it: "about 98,000"; otherwise "more than 1,000"."""
        return not self.exact and self.value > self.cap + 1

    @property
    def rounded(self) -> int:
        """The estimate to two significant figures: 98,000, not 97,873."""
        if self.exact or self.value < 100:
            return self.value
        digits = len(str(self.value)) - 2
        return round(self.value, -digits)


def count(queryset: QuerySet, cap: int | None = None) -> Total:
    """The rows of `queryset`, counted up to `cap` and estimated above it, in one query.

    PostgreSQL: EXPLAIN ANALYZE of the query limited to cap + 1 rows gives both the rows read
    (exact when within the cap) and the planner's estimate of the whole. Elsewhere the count of
    the limited query; above the cap the total is shown as "more than" the cap.
    """
    cap = COUNT_CAP if cap is None else cap
    rows = queryset.order_by().values("pk")[: cap + 1]
    connection = connections[queryset.db]
    if connection.vendor == "postgresql":
        sql, params = rows.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, TIMING OFF, SUMMARY OFF, FORMAT JSON) {sql}", params)
            plan = cursor.fetchone()[0]
        plan = (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]
        counted = int(plan["Actual Rows"])
        if counted <= cap:
            return Total(counted, exact=True, cap=cap)
        estimate = int(plan["Plans"][0]["Plan Rows"]) if plan.get("Plans") else 0
        return Total(max(estimate, cap + 1), exact=False, cap=cap)
    counted = rows.count()
    return Total(counted, exact=True, cap=cap) if counted <= cap else Total(cap + 1, exact=False, cap=cap)
