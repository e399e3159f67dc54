"""Site-wide pages that belong to no single app."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts import policy
from projects.models import Project, ProjectStatus


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The portfolio at a glance: projects and approved budget by status, in one query."""
    if not policy.may_view_portfolio(request.user):
        raise PermissionDenied("The portfolio is not open to your role.")
    rows = {
        row["status"]: row for row in Project.objects.values("status").annotate(n=Count("id"), budget=Sum("budget_usd"))
    }
    by_status = [
        {"label": label, "count": rows.get(value, {}).get("n", 0), "budget": rows.get(value, {}).get("budget") or 0}
        for value, label in ProjectStatus.choices
    ]
    return render(request, "home.html", {"by_status": by_status})
