"""/partners/<id>/: a partner's projects and roles with funding amounts, its committees and action
programmes, and for a donor its funding by project, in a constant number of queries."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from partners import directory
from partners.models import CommitteeKind, MemberRole
from partners.services import committee_create, committee_member_add
from projects.services import action_programme_create, funding_record, partnership_add
from tests.factories import make_project
from tests.ipec.invariants import country
from tests.portfolio.conftest import page_text

pytestmark = pytest.mark.django_db


def url(partner) -> str:
    return reverse("partners:detail", args=[partner.pk])


def test_the_address_is_the_stable_one(portfolio):
    assert url(portfolio.ministry) == f"/partners/{portfolio.ministry.pk}/"


@pytest.mark.parametrize("who", ["hq_user", "cta", "viewer"])
def test_the_portfolio_sees_a_partner(client, request, portfolio, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url(portfolio.ministry)).status_code == 200


def test_an_evaluator_gets_404(client, evaluator, portfolio):
    client.force_login(evaluator)
    assert client.get(url(portfolio.ministry)).status_code == 404


def test_anonymous_is_sent_to_login(client, portfolio):
    assert client.get(url(portfolio.ministry))["Location"].startswith("/accounts/login/?next=/partners/")


@pytest.mark.parametrize("pk", ["999999", "99999999999999999999999", "0"])
def test_an_unknown_partner_is_404(client, viewer, pk):
    client.force_login(viewer)
    assert client.get(f"/partners/{pk}/").status_code == 404


def test_a_ministry(client, viewer, portfolio):
    client.force_login(viewer)
    response = client.get(url(portfolio.ministry))
    text = page_text(response)
    assert "Ministry of Labour and Employment (MOLE)" in text
    assert "Type Government ministry or agency Country India" in text
    assert "Funding by project" not in text  # not a donor
    assert "Projects and roles (1)" in text
    assert "IND/10/01/USA Combating child trafficking in India Active Implementing" in text
    assert "NSC India — Chair (Joint Secretary) India" in text
    committee = portfolio.ministry.committee_seats.get().committee
    assert f'href="/committees/{committee.pk}/"' in response.content.decode()


def test_a_donor_with_its_funding_by_project(client, viewer, portfolio):
    client.force_login(viewer)
    response = client.get(url(portfolio.usa.partner))
    text = page_text(response)
    assert "ILO donor code USA · projects of this donor" in text
    assert 'href="/projects/?donor=USA"' in response.content.decode()
    # Largest first, with the share of each project's budget, and the total
    assert (
        "GLO/12/03/USA Global action against forced labour of children Completed 4,500,000 75 % "
        "IND/10/01/USA Combating child trafficking in India Active 2,000,000 100 % "
        "Total (2 projects) 6,500,000"
    ) in text
    assert "Projects and roles (2)" in text and "Funding 4,500,000" in text


def test_an_implementing_partner_with_action_programmes_and_two_roles(client, viewer, portfolio):
    partnership_add(project=portfolio.global_project, partner=portfolio.ngo, role="implementing")
    action_programme_create(
        project=portfolio.global_project,
        partner=portfolio.ngo,
        title="Bridging schools in Kilifi",
        budget_usd=Decimal("75000"),
    )
    client.force_login(viewer)
    text = page_text(client.get(url(portfolio.ngo)))
    assert "Projects and roles (1)" in text  # one project, in two roles
    assert "Collaborating" in text and "Implementing" in text
    assert "Action programmes it implements" in text
    assert "Bridging schools in Kilifi GLO/12/03/USA" in text and "75,000" in text
    assert "Sits on no steering or advisory committee." in text


@pytest.mark.parametrize("size", [1, 20])
def test_query_count_does_not_grow(client, viewer, portfolio, django_assert_num_queries, size):
    donor = portfolio.usa
    for i in range(size):
        project = make_project(code=f"KEN/23/{i:03d}/USA", countries=[country("KEN")])
        funding_record(project=project, donor=donor, amount_usd=Decimal(1000 * (i + 1)))
        partnership_add(project=project, partner=donor.partner, role="collaborating")
        committee = committee_create(kind=CommitteeKind.PROJECT, name=f"PAC {i}", project=project)
        committee_member_add(committee=committee, partner=donor.partner, role=MemberRole.MEMBER)
        action_programme_create(project=project, partner=donor.partner, title=f"Programme {i}")
    client.force_login(viewer)
    # session, user; the partner with its type, country, donor and counts of seats and programmes; the totals
    # of its partnerships; its partnerships, funding, committee seats, action programmes
    with django_assert_num_queries(8):
        response = client.get(url(donor.partner))
    assert len(response.context["funding"]) == size + 2


def test_each_list_is_bounded_and_the_totals_count_everything(client, viewer, portfolio, monkeypatch):
    donor = portfolio.usa
    for i in range(3):
        project = make_project(code=f"KEN/23/{i:03d}/USA", countries=[country("KEN")])
        funding_record(project=project, donor=donor, amount_usd=Decimal(1000 * (i + 1)))
        committee = committee_create(kind=CommitteeKind.PROJECT, name=f"PAC {i}", project=project)
        committee_member_add(committee=committee, partner=donor.partner, role=MemberRole.MEMBER)
        action_programme_create(project=project, partner=donor.partner, title=f"Programme {i}")
    monkeypatch.setattr(directory, "DETAIL_ROWS", 2)
    client.force_login(viewer)
    response = client.get(url(donor.partner))
    context = response.context
    assert [len(context[name]) for name in ("partnerships", "funding", "seats", "programmes")] == [2, 2, 2, 2]
    # the two largest funded of the five, and totals over all five
    assert [row.project.code for row in context["funding"]] == ["GLO/12/03/USA", "IND/10/01/USA"]
    text = page_text(response)
    assert "Total (5 projects) 6,506,000" in text
    assert "The 2 largest of 5 funded projects are listed; the total counts them all." in text
    assert "Projects and roles (5)" in text
    roles = donor.partner.partnerships.count()  # a project may have the partner in several roles
    assert roles > 5 and f"The 2 most recent of {roles} roles are listed." in text
    assert "The 2 most recent of 3 action programmes are listed." in text
    assert "The first 2 of 3 committee seats are listed." in text
    assert f'href="/projects/?partner={donor.partner.pk}"' in response.content.decode()


def test_short_lists_say_nothing_of_more(client, viewer, portfolio):
    client.force_login(viewer)
    text = page_text(client.get(url(portfolio.usa.partner)))
    assert "are listed" not in text
