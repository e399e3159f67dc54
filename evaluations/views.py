"""Evaluation pages. Each asks accounts.policy which evaluations the user may see."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts import policy
from evaluations.models import Evaluation, EvaluationStatus


def visible_evaluations(user) -> QuerySet[Evaluation]:
    """The evaluations a user may see, as one queryset (the list form of policy.may_view_evaluation)."""
    evaluations = Evaluation.objects.for_list()
    if policy.is_hq(user):
        return evaluations
    if policy.is_evaluator(user):
        return evaluations.filter(evaluators=user)
    if policy.is_cta(user) or policy.is_viewer(user):
        return evaluations.filter(status=EvaluationStatus.PUBLISHED)
    return evaluations.none()


@login_required
def evaluation_list(request: HttpRequest) -> HttpResponse:
    """The evaluations the user may see; an evaluator's home page."""
    evaluations = visible_evaluations(request.user).order_by("-planned_start", "title")[:200]
    return render(request, "evaluations/evaluation_list.html", {"evaluations": evaluations})
