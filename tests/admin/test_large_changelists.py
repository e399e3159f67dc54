"""The changelists of tables that grow with the portfolio: no full-table count, a cheap year filter, page-only counts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ipec import keyset
from partners.models import PartnershipRole
from projects.services import partnership_add
from tests.admin import helpers
from tests.factories import PartnerFactory, make_project

LARGE = ["partners_partner", "projects_progressreport", "evaluations_evaluation"]


@pytest.mark.parametrize("name", LARGE)
def test_large_changelist_counts_no_table_in_full(client, hq_user, require_postgres, name):
    client.force_login(hq_user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse(f"admin:{name}_changelist")).status_code == 200
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(*)" in q["sql"].upper()]
    assert counts == [], counts


def test_above_the_cap_the_paginator_shows_the_estimate(client, hq_user, require_postgres, monkeypatch):
    helpers.progress_reports(4)
    monkeypatch.setattr(keyset, "COUNT_CAP", 2)
    client.force_login(hq_user)
    response = client.get(reverse("admin:projects_progressreport_changelist"))
    cl = response.context["cl"]
    assert cl.result_count >= 3  # the planner's estimate: at least cap + 1, whatever its statistics say
    assert len(cl.result_list) == 4  # the page itself is read in full


def test_within_the_cap_the_count_is_exact(client, hq_user, require_postgres):
    helpers.progress_reports(4)
    client.force_login(hq_user)
    cl = client.get(reverse("admin:projects_progressreport_changelist")).context["cl"]
    assert cl.result_count == 4


def test_year_filter_offers_each_year_due_and_keeps_that_year(client, hq_user):
    shown = helpers.progress_reports(3)  # due in 2000, 2001 and 2002
    client.force_login(hq_user)
    url = reverse("admin:projects_progressreport_changelist")
    cl = client.get(url).context["cl"]
    year_filter = next(f for f in cl.filter_specs if f.parameter_name == "due_year")
    assert [value for value, _ in year_filter.lookup_choices] == ["2002", "2001", "2000"]

    response = client.get(url + "?due_year=2001")
    assert [str(r) for r in response.context["cl"].result_list] == [shown[1]]


def test_reports_are_listed_latest_due_first(client, hq_user):
    shown = helpers.progress_reports(3)
    client.force_login(hq_user)
    cl = client.get(reverse("admin:projects_progressreport_changelist")).context["cl"]
    assert [str(r) for r in cl.result_list] == shown[::-1]


def test_partner_project_count_counts_each_project_once(client, hq_user):
    partner = PartnerFactory(name="Counted partner")
    first, second = make_project(), make_project()
    partnership_add(project=first, partner=partner, role=PartnershipRole.COLLABORATING)
    partnership_add(project=first, partner=partner, role=PartnershipRole.IMPLEMENTING)
    partnership_add(project=second, partner=partner, role=PartnershipRole.COLLABORATING)
    lonely = PartnerFactory(name="Counted lonely partner")
    client.force_login(hq_user)
    cl = client.get(reverse("admin:partners_partner_changelist") + "?q=Counted").context["cl"]
    counts = {p.pk: p.project_count for p in cl.result_list}
    assert counts == {partner.pk: 2, lonely.pk: 0}
