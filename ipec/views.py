"""Site-wide pages that belong to no single app: the dashboard at `/`."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_GET

from accounts import policy
from ipec import dashboard as figures


@login_required
@require_GET
@gzip_page  # the map makes the page ~100 kB; compressed it is a quarter of that, for CTAs on slow lines
def dashboard(request: HttpRequest) -> HttpResponse:
    """The portfolio at a glance: headline figures, a map and breakdowns, each opening the list behind it.

    The figures come from ipec.dashboard, cached; the page itself runs no query of its own.
    """
    if not policy.may_view_portfolio(request.user):
        raise PermissionDenied("The portfolio is not open to your role.")
    portfolio = figures.portfolio()
    context = {
        "portfolio": portfolio,
        "headlines": figures.headlines(portfolio, evaluation_rule=policy.may_view_evaluation_rule(request.user)),
        "map": figures.world_map(portfolio),
        "charts": figures.charts(portfolio),
    }
    return render(request, "dashboard.html", context)
