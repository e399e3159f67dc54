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
from django.core.paginator import Paginator
from django.db.models import Case, Q, When
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from accounts import policy
from ipec import exports
from ipec.exports import ExportColumn
from ipec.listing import PAGE_PARAM, columns, querystring
from partners.filters import PartnerFilter, with_totals
from partners.models import CommitteeMember, Partner, PartnershipRole, ProjectPartnership
from projects.models import ActionProgramme

PARTNERS_PER_PAGE = 50
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
    queryset = with_totals(Partner.objects.select_related("type", "country", "donor"))
    return PartnerFilter(request.GET, queryset=queryset, request=request)


@login_required
@require_GET
def partner_list(request: HttpRequest) -> HttpResponse:
    filterset = _partner_filter(request)
    valid = filterset.is_valid()
    partners = filterset.qs if valid else Partner.objects.none()
    page = Paginator(partners, PARTNERS_PER_PAGE).get_page(request.GET.get(PAGE_PARAM))
    page.object_list = list(page.object_list)
    context = {
        "filter": filterset,
        "errors": [] if valid else filterset.errors_as_sentences(),
        "filtered": filterset.is_filtered,
        "page": page,
        "partners": page.object_list,
        "columns": columns(request.GET, filterset, LIST_COLUMNS),
        "export_query": querystring(request.GET, **{PAGE_PARAM: None}),
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


@login_required
@require_GET
def partner_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A partner: its projects and roles (with funding amounts), committee seats, action programmes,
    and for a donor its funding by project."""
    if not policy.may_view_portfolio(request.user):
        raise Http404("No such partner.")
    partner = Partner.objects.select_related("type", "country", "donor").filter(pk=pk).first()
    if partner is None:
        raise Http404("No such partner.")
    partnerships = list(
        ProjectPartnership.objects.filter(partner=partner)
        .select_related("project")
        .order_by("-project__planned_start", "project__code", "role")
    )
    funding = sorted(
        (p for p in partnerships if p.role == PartnershipRole.FUNDING),
        key=lambda p: (-(p.amount_usd or 0), p.project.code),
    )
    for row in funding:
        budget = row.project.budget_usd
        row.share = round(100 * row.amount_usd / budget) if budget and row.amount_usd is not None else None
    seats = list(
        CommitteeMember.objects.filter(partner=partner)
        .select_related("committee__country", "committee__project")
        .order_by("committee__name", "role", "person_name")
    )
    programmes = list(
        ActionProgramme.objects.filter(partner=partner).select_related("project").order_by("-start_on", "title")
    )
    context = {
        "partner": partner,
        "donor_code": donor_code(partner),
        "partnerships": partnerships,
        "project_count": len({p.project_id for p in partnerships}),
        "funding": funding,
        "funding_total": sum((p.amount_usd or Decimal(0) for p in funding), start=Decimal(0)),
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
