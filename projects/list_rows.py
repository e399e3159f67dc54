"""The rows of the portfolio list, `/projects/`, ready to print: plain values, no lookups left for the template.

A page is fifty rows of nine cells; in the template each `{% url %}`, `get_*_display`, date and
number filter is resolved again for every row, and those made most of the page's time at 100,000
projects. Here each is done once a page: the detail and country addresses are reversed once and
completed with the row's slug or ISO code, the choice labels are read once per value, a date is
formatted once per value; and the rows are written out here as HTML (table_body), the markup the
template had, since fifty rows of the template's loop still cost a third of the page. The countries come from the in-memory list of countries
(ipec.reference_lists) and the donors from one small query of codes, so a page costs three
queries however many countries and partnerships its projects have.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.humanize.templatetags.humanize import intcomma
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from countries.models import Country
from ipec.reference_lists import reference_list
from partners.choices import donor_list
from partners.models import PartnershipRole, ProjectPartnership
from projects.models import ProgressRating, Project, ProjectCountry, ProjectKind, ProjectStatus

# Reversed once and completed per row: slugs ([A-Z0-9-]) and ISO codes ([A-Z]) need no quoting.
_PLACEHOLDER = "PLACEHOLDER"


def countries() -> object:
    """Every country in memory, in the order of their names (as the database sorts them), by primary key."""
    return reference_list(Country, key="pk")


@dataclass(frozen=True)
class CountryCell:
    iso3: str
    name: str
    url: str


@dataclass(frozen=True)
class DateCell:
    iso: str  # the <time datetime=…> value
    text: str  # month and year as the reader's language writes them


@dataclass(frozen=True)
class ProjectRow:
    code: str
    title: str
    url: str
    kind: str
    status: str
    status_label: str
    countries: list[CountryCell]
    donors: str
    planned_start: DateCell | None
    planned_end: DateCell | None
    budget: str
    rating: str
    rating_label: str


def _address(name: str) -> tuple[str, str]:
    prefix, _placeholder, suffix = reverse(name, args=[_PLACEHOLDER]).rpartition(_PLACEHOLDER)
    return prefix, suffix


def _country_cells(project_ids: Sequence[int]) -> dict[int, list[CountryCell]]:
    """Each project's countries, in the order of their names, from one query of (project, country) pairs."""
    listed = countries()
    position = {row.pk: i for i, row in enumerate(listed.rows())}
    prefix, suffix = _address("countries:detail")
    cells: dict[int, CountryCell] = {}
    per_project: dict[int, list[int]] = defaultdict(list)
    pairs = ProjectCountry.objects.filter(project_id__in=project_ids).values_list("project_id", "country_id")
    for project_id, country_id in pairs:
        per_project[project_id].append(country_id)
    result = {}
    for project_id, country_ids in per_project.items():
        row_cells = []
        for country_id in sorted(country_ids, key=lambda pk: position.get(pk, len(position))):
            if country_id not in cells:
                country = listed.get(str(country_id)) or Country.objects.only("iso3", "name").get(pk=country_id)
                cells[country_id] = CountryCell(country.iso3, country.localized_name, f"{prefix}{country.iso3}{suffix}")
            row_cells.append(cells[country_id])
        result[project_id] = row_cells
    return result


def _donor_codes(project_ids: Sequence[int]) -> dict[int, list[str]]:
    """The codes of the donors funding each project, largest funding first (as list_views.donor_codes).

    The funding partnerships of the page's projects, with the donors' codes from the in-memory
    list of donors: joined to the donors in SQL, PostgreSQL would start from the donors and read
    every partnership of each (120 ms at 100,000 projects) instead of the page's few.
    """
    donors = {donor.partner_id: donor.code for donor in donor_list().rows()}
    funding = (
        ProjectPartnership.objects.filter(project_id__in=project_ids, role=PartnershipRole.FUNDING)
        .order_by("-amount_usd", "partner__name")
        .values_list("project_id", "partner_id")
    )
    codes: dict[int, list[str]] = defaultdict(list)
    for project_id, partner_id in funding:
        if partner_id in donors:
            codes[project_id].append(donors[partner_id])
    return codes


def rows(projects: Sequence[Project]) -> list[ProjectRow]:
    """The table rows of `projects` (with the fields of list_views.ROW_FIELDS), in their order; two queries."""
    ids = [project.pk for project in projects]
    country_cells = _country_cells(ids) if ids else {}
    donor_codes = _donor_codes(ids) if ids else {}
    prefix, suffix = _address("projects:detail")
    kinds, statuses, ratings = (
        {value: str(label) for value, label in choices.choices}
        for choices in (ProjectKind, ProjectStatus, ProgressRating)
    )
    dates: dict[datetime.date, DateCell] = {}

    def date_cell(value: datetime.date | None) -> DateCell | None:
        if value is None:
            return None
        if value not in dates:
            dates[value] = DateCell(value.isoformat(), date_format(value, "SHORT_MONTH_FORMAT"))
        return dates[value]

    return [
        ProjectRow(
            code=project.code,
            title=project.title,
            url=f"{prefix}{project.slug}{suffix}",
            kind=kinds.get(project.kind, project.kind),
            status=project.status,
            status_label=statuses.get(project.status, project.status),
            countries=country_cells.get(project.pk, []),
            donors=", ".join(donor_codes.get(project.pk) or [project.donor_code]),
            planned_start=date_cell(project.planned_start),
            planned_end=date_cell(project.planned_end),
            budget=intcomma(floatformat(project.budget_usd, 0)),
            rating=project.rating,
            rating_label=ratings.get(project.rating, project.rating),
        )
        for project in projects
    ]


def _date_html(cell: DateCell | None) -> str:
    return "—" if cell is None else format_html('<time datetime="{}">{}</time>', cell.iso, cell.text)


def _row_html(row: ProjectRow) -> str:
    countries = (
        ", ".join(
            format_html('<a href="{}"><abbr title="{}">{}</abbr></a>', c.url, c.name, c.iso3) for c in row.countries
        )
        or "—"
    )
    rating = (
        format_html('<span class="badge badge-{}">{}</span>', row.rating, row.rating_label)
        if row.rating
        else '<span class="muted">—</span>'
    )
    return format_html(
        "      <tr>\n"
        '        <th scope="row" class="text"><a href="{}"><span class="code">{}</span></a> {}</th>\n'
        "        <td>{}</td>\n"
        '        <td><span class="badge badge-{}">{}</span></td>\n'
        "        <td>{}</td>\n"
        '        <td><span class="code">{}</span></td>\n'
        "        <td>{}</td>\n"
        "        <td>{}</td>\n"
        '        <td class="num">{}</td>\n'
        "        <td>{}</td>\n"
        "      </tr>\n",
        row.url,
        row.code,
        row.title,
        row.kind,
        row.status,
        row.status_label,
        mark_safe(countries),  # each part escaped by format_html above
        row.donors,
        mark_safe(_date_html(row.planned_start)),
        mark_safe(_date_html(row.planned_end)),
        row.budget,
        mark_safe(rating),
    )


def table_body(rows: Sequence[ProjectRow]) -> SafeString:
    """The <tr>s of the list's table: a row header (TC symbol and title) and eight cells each, every value escaped."""
    return mark_safe("".join(_row_html(row) for row in rows))  # format_html escaped every value
