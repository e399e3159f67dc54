"""Country pages: the list `/countries/`, its exports, a country `/countries/<ISO3>/`, and the
suggestions of the country filters (`/countries/lookup.json?q=…`).

The portfolio is for HQ, CTAs and viewers (accounts.policy.may_view_portfolio): the list, the
exports and the suggestions answer 403 to anyone else, a country's page 404 (like the
committee pages). Queries are constant whatever the number of countries, projects or partners.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from accounts import policy
from countries.filters import CONVENTION_CODES, CountryFilter, convention_param, with_project_count
from countries.models import Convention, Country, Ratification, RatificationStatus
from countries.reference import CONVENTIONS
from ipec import exports
from ipec.exports import ExportColumn
from ipec.listing import PAGE_PARAM, columns, querystring
from partners.models import CommitteeKind, CommitteeMember, Partner, SteeringCommittee
from projects.models import Project

COUNTRIES_PER_PAGE = 50
# A country's page lists this many of its projects and partners, then links to the filtered list.
DETAIL_LIMIT = 50
LOOKUP_LIMIT = 20

CONVENTION_NAMES = {code: name for code, name, _year in CONVENTIONS}


def _require_portfolio(request: HttpRequest) -> None:
    if not policy.may_view_portfolio(request.user):
        raise PermissionDenied("The portfolio is not open to your role.")


def _ratifications() -> Prefetch:
    return Prefetch("ratifications", queryset=Ratification.objects.select_related("convention"))


@dataclass(frozen=True)
class ConventionCell:
    """A country's standing on one convention: its ratification, or None when not ratified."""

    code: str
    name: str
    ratification: Ratification | None

    @property
    def ratified(self) -> bool:
        return self.ratification is not None and self.ratification.status != RatificationStatus.DENOUNCED


def convention_cells(country: Country) -> list[ConventionCell]:
    """The five conventions in order, from the country's prefetched ratifications (no query)."""
    by_code = {r.convention.code: r for r in country.ratifications.all()}
    return [ConventionCell(code, CONVENTION_NAMES[code], by_code.get(code)) for code in CONVENTION_CODES]


# The list and its exports ----------------------------------------------------------------------------

LIST_COLUMNS = [
    (_("Country"), "name"),
    (_("ISO"), "iso3"),
    (_("Region"), "region"),
    (_("IPEC"), ""),
    (_("MoU signed"), "mou"),
    *((code, "") for code in CONVENTION_CODES),
    (_("Projects"), "projects", True),
    (_("Child-labour rate (%)"), "rate", True),
    (_("Children in child labour"), "children", True),
    (_("Survey"), "survey", True),
]


def _country_filter(request: HttpRequest) -> CountryFilter:
    _require_portfolio(request)
    queryset = with_project_count(Country.objects.select_related("region")).prefetch_related(_ratifications())
    return CountryFilter(request.GET, queryset=queryset, request=request)


@login_required
@require_GET
def country_list(request: HttpRequest) -> HttpResponse:
    filterset = _country_filter(request)
    valid = filterset.is_valid()
    countries = filterset.qs if valid else Country.objects.none()
    page = Paginator(countries, COUNTRIES_PER_PAGE).get_page(request.GET.get(PAGE_PARAM))
    page.object_list = list(page.object_list)
    for country in page.object_list:
        country.conventions = convention_cells(country)
    form = filterset.form
    context = {
        "filter": filterset,
        "errors": [] if valid else filterset.errors_as_sentences(),
        "filtered": filterset.is_filtered,
        "page": page,
        "countries": page.object_list,
        "columns": columns(request.GET, filterset, LIST_COLUMNS),
        "main_fields": [form[name] for name in ("q", "region", "ipec", "mou")],
        "convention_fields": [form[convention_param(code)] for code in CONVENTION_CODES],
        "export_query": querystring(request.GET, **{PAGE_PARAM: None}),
        "may_export": policy.may_export(request.user),
    }
    return render(request, "countries/country_list.html", context)


def _ratification_columns(code: str) -> list[ExportColumn]:
    def ratification(country: Country) -> Ratification | None:
        return country.convention_cells[code].ratification

    result = [
        ExportColumn(f"{code} ratified on", lambda c: getattr(ratification(c), "ratified_on", None), 12),
        ExportColumn(f"{code} status", lambda c: _status(c.convention_cells[code]), 14),
    ]
    if code == "C138":
        result.append(ExportColumn("C138 minimum age", lambda c: getattr(ratification(c), "minimum_age", None), 10))
    return result


EXPORT_COLUMNS = [
    ExportColumn("ISO alpha-3", lambda c: c.iso3, 8),
    ExportColumn("ISO alpha-2", lambda c: c.iso2, 8),
    ExportColumn("Country", lambda c: c.name, 30),
    ExportColumn("ILO region", lambda c: c.region.name, 22),
    ExportColumn("IPEC operates here", lambda c: c.ipec_operations, 10),
    ExportColumn("MoU signed on", lambda c: c.mou_signed_on, 12),
    ExportColumn("MoU valid until", lambda c: c.mou_valid_until, 12),
    *(column for code in CONVENTION_CODES for column in _ratification_columns(code)),
    ExportColumn("Projects", lambda c: c.project_count, 9),
    ExportColumn("Latest child-labour survey", lambda c: c.survey_year, 10),
    ExportColumn("Children in child labour", lambda c: c.children_in_child_labour, 14),
    ExportColumn("Children in hazardous work", lambda c: c.children_in_hazardous_work, 14),
    ExportColumn("Child-labour rate (%)", lambda c: c.child_labour_rate, 10),
    ExportColumn("National focal point", lambda c: c.focal_point_name, 24),
]


def _status(cell: ConventionCell) -> str:
    return cell.ratification.get_status_display() if cell.ratification else "Not ratified"


def _with_cells(rows):
    for country in rows:
        country.convention_cells = {cell.code: cell for cell in convention_cells(country)}
        yield country


@login_required
@require_GET
def country_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The filtered list as CSV (streamed) or XLSX, every row, in the list's order."""
    filterset = _country_filter(request)
    if not policy.may_export(request.user):
        raise PermissionDenied("Exports are not open to your role.")
    if not filterset.is_valid():
        message = "The export was not made: " + " ".join(filterset.errors_as_sentences())
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    rows = _with_cells(exports.rows_of(filterset.qs))
    return exports.export_response(fmt, rows, EXPORT_COLUMNS, "ipec-countries", sheet="Countries")


# A country's page --------------------------------------------------------------------------------------


def _partner_count(queryset: QuerySet[Country]) -> QuerySet[Country]:
    count = Partner.objects.filter(country=OuterRef("pk")).order_by().values("country").annotate(n=Count("pk"))
    return queryset.annotate(partner_count=Coalesce(Subquery(count.values("n"), output_field=IntegerField()), Value(0)))


@login_required
@require_GET
def country_detail(request: HttpRequest, iso3: str) -> HttpResponse:
    if not policy.may_view_portfolio(request.user):
        raise Http404("No such country.")
    if not re.fullmatch(r"[A-Za-z]{3}", iso3):
        raise Http404("No such country.")
    if iso3 != iso3.upper():
        return redirect("countries:detail", iso3=iso3.upper(), permanent=True)
    country = _partner_count(with_project_count(Country.objects.select_related("region"))).filter(iso3=iso3).first()
    if country is None:
        raise Http404("No such country.")
    ratifications = {r.convention_id: r for r in country.ratifications.all()}
    conventions = [
        ConventionCell(convention.code, convention.name, ratifications.get(convention.pk))
        for convention in Convention.objects.all()
    ]
    committee = (
        SteeringCommittee.objects.filter(kind=CommitteeKind.NATIONAL, country=country)
        .prefetch_related(
            Prefetch("members", queryset=CommitteeMember.objects.select_related("partner__type")),
            "meetings",
        )
        .first()
    )
    projects = list(
        Project.objects.filter(project_countries__country=country).order_by("-planned_start", "code")[
            : DETAIL_LIMIT + 1
        ]
    )
    partners = list(
        Partner.objects.filter(country=country).select_related("type", "donor").order_by("name")[: DETAIL_LIMIT + 1]
    )
    context = {
        "country": country,
        "conventions": conventions,
        "committee": committee,
        "members": list(committee.members.all()) if committee else [],
        "meetings": list(committee.meetings.all()) if committee else [],
        "missing": committee.missing_constituents(in_a_sentence=True) if committee else [],
        "projects": projects[:DETAIL_LIMIT],
        "more_projects": len(projects) > DETAIL_LIMIT,
        "partners": partners[:DETAIL_LIMIT],
        "more_partners": len(partners) > DETAIL_LIMIT,
    }
    return render(request, "countries/country_detail.html", context)


# Suggestions for the country filters ----------------------------------------------------------------


@login_required
@require_GET
def country_lookup(request: HttpRequest) -> JsonResponse:
    """Up to LOOKUP_LIMIT countries whose name or ISO code starts with or contains `q`, as JSON.

    {"results": [{"value": "IND", "label": "India"}, …]}: the value is what the filter takes.
    """
    if not policy.may_view_portfolio(request.user):
        return JsonResponse({"error": "The portfolio is not open to your role."}, status=403)
    text = request.GET.get("q", "").strip()[:100]
    if "\x00" in text:  # PostgreSQL cannot compare text holding a NUL character: a clear 400, not a 500
        return JsonResponse({"error": "The search text cannot contain a NUL character."}, status=400)
    countries = Country.objects.order_by("name")
    if text:
        best_first = Case(When(iso3__iexact=text, then=0), When(name__istartswith=text, then=1), default=2)
        countries = countries.filter(Q(name__icontains=text) | Q(iso3__iexact=text) | Q(iso2__iexact=text))
        countries = countries.order_by(best_first, "name")
    results = [{"value": c.iso3, "label": c.name} for c in countries.only("iso3", "name")[:LOOKUP_LIMIT]]
    return JsonResponse({"results": results})
