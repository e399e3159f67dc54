"""CSV and XLSX exports of the portfolio's lists, in constant memory whatever the number of rows.

    columns = [ExportColumn("TC symbol", lambda p: p.code), ...]
    return export_response("csv", queryset, columns, "ipec-projects", prefetch=...)

The queryset is read with `iterator(chunk_size=EXPORT_CHUNK_SIZE)`: one chunk of rows (and of
their prefetched relations) is in memory at a time. CSV is streamed to the client as it is read
(StreamingHttpResponse); XLSX is written by openpyxl's write-only workbook, which keeps only the
current row, into a temporary file that FileResponse then sends and closes (an XLSX file is a
ZIP archive, which cannot be streamed before it is complete).

Cells that a spreadsheet program would run as a formula (text starting with =, +, -, @) are
neutralised: CSV prefixes them with an apostrophe, XLSX stores them as text.
"""

from __future__ import annotations

import csv
import datetime
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils import timezone, translation

# Rows read from the database per query (and per prefetch query) while exporting.
EXPORT_CHUNK_SIZE = 500
CSV = "csv"
XLSX = "xlsx"
FORMATS = (CSV, XLSX)
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Spreadsheet programs run a cell that starts with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ExportColumn:
    header: str
    value: Callable[[Any], object]
    width: int = 14  # XLSX column width, in characters


def money(value: Decimal | int | None) -> Decimal | None:
    """An amount in dollars and cents, whatever the database's sum returned (SQLite may drop the cents)."""
    return None if value is None else Decimal(value).quantize(Decimal("0.01"))


def rows_of(queryset: QuerySet) -> Iterator:
    """The queryset's rows a chunk at a time; prefetch_related is applied per chunk."""
    return queryset.iterator(chunk_size=EXPORT_CHUNK_SIZE)


def filename(stem: str, fmt: str) -> str:
    return f"{stem}-{timezone.localdate():%Y-%m-%d}.{fmt}"


def export_response(
    fmt: str, rows: Iterable, columns: Sequence[ExportColumn], stem: str, *, sheet: str = "Export"
) -> HttpResponse:
    if fmt == CSV:
        return csv_response(rows, columns, filename(stem, fmt))
    if fmt == XLSX:
        return xlsx_response(rows, columns, filename(stem, fmt), sheet=sheet)
    raise ValueError(f"Unknown export format {fmt!r}.")


# CSV ------------------------------------------------------------------------------------------


class _Echo:
    """A file whose write() hands back the line, so csv.writer can feed a streaming response."""

    def write(self, value: str) -> str:
        return value


def csv_text(value: object) -> str:
    """A value as CSV text: ISO dates, plain decimals, "yes"/"no", lists joined by "; "."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "; ".join(csv_text(item) for item in value)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def csv_lines(rows: Iterable, columns: Sequence[ExportColumn]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # a byte-order mark, so that spreadsheet programs read accented names right
    # Exports are data, the same file whatever the reader's language: labels in the site's language.
    with translation.override(settings.LANGUAGE_CODE):
        yield writer.writerow([str(column.header) for column in columns])
        for row in rows:
            yield writer.writerow([csv_text(column.value(row)) for column in columns])


def csv_response(rows: Iterable, columns: Sequence[ExportColumn], name: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(csv_lines(rows, columns), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


# XLSX -----------------------------------------------------------------------------------------


def xlsx_value(value: object) -> object:
    """A value openpyxl writes as a number, a date or text."""
    if value is None or (isinstance(value, int | float | Decimal) and not isinstance(value, bool)):
        return value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.datetime):
        return timezone.make_naive(value) if timezone.is_aware(value) else value  # Excel has no time zones
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, list | tuple):
        return "; ".join(str(xlsx_value(item)) for item in value)
    return str(value)


def _cell(sheet, value: object):
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    value = xlsx_value(value)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = WriteOnlyCell(sheet, value=value)
    if cell.data_type == "f":  # text that starts with "=": keep it text, never a formula
        cell.data_type = "s"
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        cell.number_format = "yyyy-mm-dd"
    return cell


def xlsx_response(rows: Iterable, columns: Sequence[ExportColumn], name: str, *, sheet: str = "Export") -> FileResponse:

    with translation.override(settings.LANGUAGE_CODE):  # as csv_lines: the same file in every language
        return _xlsx_response(rows, columns, name, sheet=sheet)


def _xlsx_response(rows: Iterable, columns: Sequence[ExportColumn], name: str, *, sheet: str) -> FileResponse:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(title=sheet[:31])
    worksheet.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = column.width
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = _cell(worksheet, column.header)
        cell.font = bold
        header.append(cell)
    worksheet.append(header)
    for row in rows:
        worksheet.append([_cell(worksheet, column.value(row)) for column in columns])
    # Written to disk, not to memory; FileResponse closes (and so deletes) the file once sent.
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 - FileResponse closes it
    try:
        workbook.save(handle)
        handle.seek(0)
    except BaseException:
        handle.close()
        raise
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=XLSX_CONTENT_TYPE)
    response["Cache-Control"] = "private, no-store"
    return response
