"""The partner directory: the list `/partners/`, its exports, a partner's page `/partners/<id>/`,
and the suggestions of the partner filters (`/partners/lookup.json?q=…`).

The portfolio is for HQ, CTAs and viewers (accounts.policy.may_view_portfolio): the list, the
exports and the suggestions answer 403 to anyone else, a partner's page 404 (like the committee
pages). Queries are constant whatever the number of partners, projects or committees.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, IntegerField, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from accounts import policy
from ipec import exports, keyset
from ipec.exports import ExportColumn
from ipec.listing import PAGE_PARAM, PLACE_PARAMS, columns, place_links, querystring
from partners.filters import PartnerFilter, for_list
from partners.models import CommitteeMember, Partner, PartnershipRole, ProjectPartnership
from projects.models import ActionProgramme

PARTNERS_PER_PAGE = 50
# Rows in each list of a partner's page; the totals count them all.
DETAIL_ROWS = 50
LOOKUP_LIMIT = 20

LIST_COLUMNS = [
    (_("Partner"), "name"),
    (_("Type"), "type"),
    (_("Country"), "country"),
    (_("Donor code"), ""),
    (_("Projects"), "projects", True),
    (_("Funding (US$)"), "funding", True),
]


def _partner_filter(request: HttpRequest) -> PartnerFilter:
    if not policy.may_view_portfolio(request.user):
        raise PermissionDenied("The portfolio is not open to your role.")
    queryset = for_list(Partner.objects.select_related("type", "country", "donor"))
    return PartnerFilter(request.GET, queryset=queryset, request=request)


@login_required
@require_GET
def partner_list(request: HttpRequest) -> HttpResponse:
    """The partners, paged by keyset (ipec.keyset) like /projects/: a page deep in the list costs what the first does.

    `?after=` and `?before=` hold the place; `?page=N` of older links shows the first page, with a
    note. Sorted by name, type or country, the totals are computed for the page's rows only.
    """
    filterset = _partner_filter(request)
    valid = filterset.is_valid()
    errors = [] if valid else filterset.errors_as_sentences()
    page, total = keyset.KeysetPage(object_list=[]), None
    if valid:
        after, before = request.GET.get(keyset.AFTER, ""), request.GET.get(keyset.BEFORE, "")
        try:
            page = keyset.keyset_page(filterset.qs, filterset.keyset_order(), PARTNERS_PER_PAGE, after, before)
        except keyset.CursorError:
            name = keyset.AFTER if after else keyset.BEFORE
            errors = [keyset.refusal(name, request.GET.get(name, ""))]
        else:
            page, total = place_links(request.GET, page), keyset.count(filterset.qs)
    context = {
        "filter": filterset,
        "errors": errors,
        "filtered": filterset.is_filtered,
        "page": page,
        "listed": total,  # not "total": the count's sentence names its number so
        "unnumbered": request.GET.get(PAGE_PARAM, "1") != "1",
        "partners": page.object_list,
        "columns": columns(request.GET, filterset, LIST_COLUMNS),
        "export_query": querystring(request.GET, **dict.fromkeys(PLACE_PARAMS)),
        "may_export": policy.may_export(request.user),
    }
    return render(request, "partners/partner_list.html", context)


def donor_code(partner: Partner) -> str:
    return partner.donor.code if hasattr(partner, "donor") else ""


EXPORT_COLUMNS = [
    ExportColumn("Number", lambda p: p.pk, 8),
    ExportColumn("Name", lambda p: p.name, 40),
    ExportColumn("Acronym", lambda p: p.acronym, 10),
    ExportColumn("Type", lambda p: p.type.name, 26),
    ExportColumn("Country (ISO)", lambda p: p.country.iso3 if p.country else "", 8),
    ExportColumn("Country", lambda p: p.country.name if p.country else "International", 22),
    ExportColumn("Donor code", donor_code, 8),
    ExportColumn("Projects", lambda p: p.project_count, 9),
    ExportColumn("Funding (US$)", lambda p: exports.money(p.funding_usd), 14),
    ExportColumn("Website", lambda p: p.website, 30),
]


@login_required
@require_GET
def partner_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The filtered list as CSV (streamed) or XLSX, every row, in the list's order."""
    filterset = _partner_filter(request)
    if not policy.may_export(request.user):
        raise PermissionDenied("Exports are not open to your role.")
    if not filterset.is_valid():
        message = "The export was not made: " + " ".join(filterset.errors_as_sentences())
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    rows = exports.rows_of(filterset.qs)
    return exports.export_response(fmt, rows, EXPORT_COLUMNS, "ipec-partners", sheet="Partners")


def _count(model: type) -> Coalesce:
    """How many `model` rows name the partner, as an annotation of partners."""
    counted = model.objects.filter(partner=OuterRef("pk")).order_by().values("partner").annotate(n=Count("pk"))
    counted = counted.values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


@login_required
@require_GET
def partner_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A partner: its projects and roles (with funding amounts), committee seats, action programmes,
    and for a donor its funding by project.

    Each list shows at most DETAIL_ROWS rows, fetched with LIMIT (a large donor has tens of thousands of
    partnerships: listing them all made a 30 MB page that took 13 s at 100,000 projects); the totals are
    counted in SQL, and the projects' list filtered by the partner offers the rest.
    """
    if not policy.may_view_portfolio(request.user):
        raise Http404("No such partner.")
    partner = (
        Partner.objects.select_related("type", "country", "donor")
        .annotate(
            seat_count=_count(CommitteeMember),
            programme_count=_count(ActionProgramme),
        )
        .filter(pk=pk)
        .first()
    )
    if partner is None:
        raise Http404("No such partner.")
    roles = ProjectPartnership.objects.filter(partner=partner)
    funded = Q(role=PartnershipRole.FUNDING)
    totals = roles.aggregate(
        roles=Count("project"),  # not "pk": the index the page reads has no id (partners/models.py)
        projects=Count("project", distinct=True),
        funded=Count("project", filter=funded),
        funding=Coalesce(Sum("amount_usd", filter=funded), Value(Decimal(0))),
    )
    partnerships = list(
        roles.select_related("project").order_by("-project__planned_start", "project__code", "role")[:DETAIL_ROWS]
    )
    funding = list(
        roles.filter(funded).select_related("project").order_by("-amount_usd", "project__code")[:DETAIL_ROWS]
    )
    for row in funding:
        budget = row.project.budget_usd
        row.share = round(100 * row.amount_usd / budget) if budget and row.amount_usd is not None else None
    seats = list(
        CommitteeMember.objects.filter(partner=partner)
        .select_related("committee__country", "committee__project")
        .order_by("committee__name", "committee_id", "role", "person_name")[:DETAIL_ROWS]
    )
    programmes = list(
        ActionProgramme.objects.filter(partner=partner)
        .select_related("project")
        .order_by("-start_on", "title")[:DETAIL_ROWS]
    )
    context = {
        "partner": partner,
        "donor_code": donor_code(partner),
        "partnerships": partnerships,
        "partnership_count": totals["roles"],
        "project_count": totals["projects"],
        "funding": funding,
        "funding_count": totals["funded"],
        "funding_total": totals["funding"],
        "seats": seats,
        "programmes": programmes,
    }
    return render(request, "partners/partner_detail.html", context)


@login_required
@require_GET
def partner_lookup(request: HttpRequest) -> JsonResponse:
    """Up to LOOKUP_LIMIT partners whose name or acronym contains `q`, as JSON.

    {"results": [{"value": "12", "label": "Ministry of Labour (MoL), India"}, …]}: the value is the
    partner's number, which the project filter takes.
    """
    if not policy.may_view_portfolio(request.user):
        return JsonResponse({"error": "The portfolio is not open to your role."}, status=403)
    text = request.GET.get("q", "").strip()[:100]
    if not text:
        return JsonResponse({"results": []})
    if "\x00" in text:  # PostgreSQL cannot compare text holding a NUL character: a clear 400, not a 500
        return JsonResponse({"error": "The search text cannot contain a NUL character."}, status=400)
    condition = Q(name__icontains=text) | Q(acronym__iexact=text)
    if re.fullmatch(r"[0-9]{1,12}", text):  # a partner's number (ASCII digits: isdigit() also takes "²")
        condition |= Q(pk=int(text))
    partners = (
        Partner.objects.filter(condition)
        .select_related("country")
        .order_by(Case(When(acronym__iexact=text, then=0), When(name__istartswith=text, then=1), default=2), "name")
    )
    results = [
        {"value": str(p.pk), "label": f"{p}{', ' + p.country.name if p.country else ', international'}"}
        for p in partners[:LOOKUP_LIMIT]
    ]
    return JsonResponse({"results": results})
