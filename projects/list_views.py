"""The portfolio list, `/projects/`, and its exports, `/projects/export.csv` and `.xlsx`.

The page and the exports read the same query parameters through ProjectFilter, so an export is
exactly the filtered list, in the same order, without paging. A refused parameter is shown on
the page (nothing is listed) and answers 400 on an export. Both ask accounts.policy first:
the portfolio is for HQ, CTAs and viewers (an evaluator sees the projects of their evaluations
from /evaluations/).

The page is paged by keyset (ipec.keyset): `?after=<sort value>~<TC symbol>` is the page after
that project in the list's order, `?before=` the page before, so a page deep in the list costs
what the first does. A cursor that cannot be read is refused like a bad filter: explained on the
page, nothing listed. `?page=N` of older links shows the first page, with a note: pages have no
numbers any more, and a number would have to count off N × 50 rows to find its page.

Queries are constant whatever the size of the portfolio: the page costs the session and user,
the count (capped, ipec.keyset.count), the page of projects, and one query each for their
countries and donors (projects/list_rows.py, which also makes the rows ready to print); the
filter form's reference lists are kept in memory (ipec.reference_lists). An export costs one
query per EXPORT_CHUNK_SIZE projects and per prefetched relation.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from accounts import policy
from countries.models import Country
from ipec import exports, keyset
from ipec.exports import ExportColumn
from ipec.listing import PAGE_PARAM, PLACE_PARAMS, SORT_PARAM, columns, place_links, querystring
from partners.models import PartnershipRole, ProjectPartnership
from projects import list_rows
from projects.filters import ProjectFilter
from projects.models import Project

PROJECTS_PER_PAGE = 50
# The filters always in view; the others are under "More filters", open when one is used.
MAIN_FILTERS = ("q", "region", "country", "kind", "status")

# The table's columns: (label, sort key, numeric).
LIST_COLUMNS = [
    (_("Project"), "code"),
    (_("Kind"), "kind"),
    (_("Status"), "status"),
    (_("Countries"), ""),
    (_("Donors"), ""),
    (_("Planned start"), "start"),
    (_("Planned end"), "end"),
    (_("Budget (US$)"), "budget", True),
    (_("Rating"), "rating"),
]


def _portfolio_filter(request: HttpRequest) -> ProjectFilter:
    if not policy.may_view_portfolio(request.user):
        raise PermissionDenied("The portfolio is not open to your role.")
    return ProjectFilter(request.GET, queryset=Project.objects.all(), request=request)


def _funding() -> Prefetch:
    """The project's funding partnerships, with their donor codes: `project.funding`."""
    rows = ProjectPartnership.objects.filter(role=PartnershipRole.FUNDING).select_related("partner__donor")
    return Prefetch("partnerships", queryset=rows.order_by("-amount_usd", "partner__name"), to_attr="funding")


# The columns a row shows: the long texts (summary, objectives, notes) stay in the database.
ROW_FIELDS = ("code", "title", "kind", "status", "planned_start", "planned_end", "budget_usd", "rating")


def donor_codes(project: Project) -> list[str]:
    """Donors funding the project (largest first), or the donor of its TC symbol when none is recorded."""
    codes = [p.partner.donor.code for p in project.funding if hasattr(p.partner, "donor")]
    return codes or [project.donor_code]


def _page(request: HttpRequest, filterset: ProjectFilter) -> tuple[keyset.KeysetPage, keyset.Total]:
    """The page of projects the query string asks for, and how many match; CursorError for a bad cursor."""
    after, before = request.GET.get(keyset.AFTER, ""), request.GET.get(keyset.BEFORE, "")
    projects = filterset.page_queryset().only(*ROW_FIELDS)
    page = keyset.keyset_page(projects, filterset.keyset_order(), PROJECTS_PER_PAGE, after, before)
    return place_links(request.GET, page), keyset.count(filterset.qs)


@login_required
@require_GET
def project_list(request: HttpRequest) -> HttpResponse:
    filterset = _portfolio_filter(request)
    valid = filterset.is_valid()
    errors = [] if valid else filterset.errors_as_sentences()
    page, total = keyset.KeysetPage(object_list=[]), None
    if valid:
        try:
            page, total = _page(request, filterset)
        except keyset.CursorError:
            name = keyset.AFTER if request.GET.get(keyset.AFTER) else keyset.BEFORE
            errors = [keyset.refusal(name, request.GET.get(name, ""))]
    rows = list_rows.rows(page.object_list)
    form = filterset.form
    partner = form.cleaned_data.get("partner") if valid else None
    more = [form[name] for name in form.fields if name not in MAIN_FILTERS and name != SORT_PARAM]
    context = {
        "filter": filterset,
        "errors": errors,
        "filtered": filterset.is_filtered,
        "page": page,
        "total": total,
        # An old link to a numbered page (`?page=7`): pages have no numbers any more, so the list starts at the top.
        "unnumbered": request.GET.get(PAGE_PARAM, "1") != "1",
        "projects": rows,
        "table_body": list_rows.table_body(rows),
        "columns": columns(request.GET, filterset, LIST_COLUMNS),
        "partner": partner,
        "export_query": querystring(request.GET, **dict.fromkeys(PLACE_PARAMS)),
        "may_export": policy.may_export(request.user),
        "main_fields": [form[name] for name in MAIN_FILTERS],
        "more_fields": more,
        "more_open": any(field.value() not in (None, "") or field.errors for field in more),
    }
    return render(request, "projects/project_list.html", context)


def _people(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


EXPORT_COLUMNS = [
    ExportColumn("TC symbol", lambda p: p.code, 16),
    ExportColumn("Title", lambda p: p.title, 50),
    ExportColumn("Kind", lambda p: p.get_kind_display(), 10),
    ExportColumn("Status", lambda p: p.get_status_display(), 11),
    ExportColumn("Regions", lambda p: sorted({c.region.name for c in p.countries.all()}), 20),
    ExportColumn("Countries (ISO)", lambda p: [c.iso3 for c in p.countries.all()], 16),
    ExportColumn("Countries", lambda p: [c.name for c in p.countries.all()], 24),
    ExportColumn("Donors", donor_codes, 10),
    ExportColumn("Funding (US$)", lambda p: sum((f.amount_usd for f in p.funding), start=0) if p.funding else None, 14),
    ExportColumn("Planned start", lambda p: p.planned_start, 12),
    ExportColumn("Planned end", lambda p: p.planned_end, 12),
    ExportColumn("Actual start", lambda p: p.actual_start, 12),
    ExportColumn("Actual end", lambda p: p.actual_end, 12),
    ExportColumn("Approved budget (US$)", lambda p: p.budget_usd, 16),
    ExportColumn("Rating", lambda p: p.get_rating_display(), 10),
    ExportColumn("Intervention types", lambda p: [t.name for t in p.intervention_types.all()], 30),
    ExportColumn("Worst forms", lambda p: [w.name for w in p.worst_forms.all()], 30),
    ExportColumn("Sectors", lambda p: [s.name for s in p.sectors.all()], 24),
    ExportColumn("Target groups", lambda p: [g.name for g in p.target_groups.all()], 24),
    ExportColumn("CTA or project manager", lambda p: _people(p.cta or p.project_manager), 20),
    ExportColumn("HQ backstopping officer", lambda p: _people(p.hq_backstopping_officer), 20),
    ExportColumn("Supports a Time-Bound Programme", lambda p: p.supports_time_bound_programme, 10),
]


@login_required
@require_GET
def project_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The filtered list as CSV (streamed) or XLSX, every row, in the list's order."""
    filterset = _portfolio_filter(request)
    if not policy.may_export(request.user):
        raise PermissionDenied("Exports are not open to your role.")
    if not filterset.is_valid():
        message = "The export was not made: " + " ".join(filterset.errors_as_sentences())
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    projects = filterset.qs.select_related("cta", "project_manager", "hq_backstopping_officer").prefetch_related(
        Prefetch("countries", queryset=Country.objects.select_related("region").order_by("name")),
        _funding(),
        "intervention_types",
        "worst_forms",
        "sectors",
        "target_groups",
    )
    return exports.export_response(fmt, exports.rows_of(projects), EXPORT_COLUMNS, "ipec-projects", sheet="Projects")
