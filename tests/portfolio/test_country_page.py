"""/countries/<ISO3>/: region, conventions, MoU, the National Steering Committee, projects, partners and
child-labour figures, in a constant number of queries."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from countries.views import DETAIL_LIMIT
from partners.models import CommitteeKind, MemberRole, PartnerType
from partners.services import committee_create, committee_member_add, meeting_record, partner_create
from tests.factories import make_project
from tests.ipec.invariants import country
from tests.portfolio.conftest import page_text

pytestmark = pytest.mark.django_db


def test_the_address_is_the_iso_code():
    assert reverse("countries:detail", args=["IND"]) == "/countries/IND/"


@pytest.mark.parametrize("who", ["hq_user", "cta", "viewer"])
def test_the_portfolio_sees_a_country(client, request, portfolio, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get("/countries/IND/").status_code == 200


def test_an_evaluator_gets_404(client, evaluator, portfolio):
    client.force_login(evaluator)
    assert client.get("/countries/IND/").status_code == 404


def test_anonymous_is_sent_to_login(client):
    assert client.get("/countries/IND/")["Location"].startswith("/accounts/login/?next=/countries/IND/")


def test_a_lower_case_code_redirects_to_the_address(client, viewer):
    client.force_login(viewer)
    response = client.get("/countries/ind/")
    assert (response.status_code, response["Location"]) == (301, "/countries/IND/")


@pytest.mark.parametrize("code", ["XYZ", "INDIA", "IN", "I1D", "%3Cscript%3E"])
def test_an_unknown_code_is_404(client, viewer, code):
    client.force_login(viewer)
    assert client.get(f"/countries/{code}/").status_code == 404


def test_india(client, viewer, portfolio):
    client.force_login(viewer)
    response = client.get("/countries/IND/")
    text = page_text(response)
    assert "India IND" in text
    assert "ILO region Asia and the Pacific IPEC operations Yes" in text
    assert "MoU with IPEC Signed 1 Jan 1992, valid until 31 Dec 2030" in text
    assert "Latest national survey 2011 Children in child labour 10,100,000 of whom in hazardous work 2,900,000" in text
    assert "Child-labour rate (ages 5–17) 3.90 %" in text
    # The five conventions, with "Not ratified" for the missing ones and C138's minimum age
    assert "C29 Forced Labour Convention 30 Nov 1954 In force" in text
    assert "C105 Abolition of Forced Labour Convention Not ratified" in text
    assert "C138 Minimum Age Convention 13 Jun 2017 In force 14" in text
    assert "C182 Worst Forms of Child Labour Convention 13 Jun 2017 In force" in text
    assert "P29 Protocol of 2014 to the Forced Labour Convention Not ratified" in text
    # The committee, with its members and meetings, linked to its page
    committee = portfolio.ministry.committee_seats.get().committee
    page = response.content.decode()
    assert f'href="{reverse("partners:committee", args=[committee.pk])}">NSC India</a>' in page
    assert "Not tripartite: no member represents the employers' organisation, the workers' organisation." in text
    assert "Ministry of Labour and Employment (MOLE) Government ministry or agency Joint Secretary Chair" in text
    assert "4 March 2011 — Annual review of the programme" in text
    # Projects and partners
    assert (
        "Projects (1)" in text
        and "IND/10/01/USA Combating child trafficking in India National Active 2010–2014" in text
    )
    assert 'href="/projects/?country=IND"' in page
    assert "Partners (1)" in text and f'href="/partners/{portfolio.ministry.pk}/"' in page


def test_a_denounced_convention_and_no_committee(client, viewer, portfolio):
    client.force_login(viewer)
    text = page_text(client.get("/countries/BRA/"))
    assert "C105 Abolition of Forced Labour Convention 18 Jun 1965 Denounced" in text
    assert "No National Steering Committee recorded." in text
    assert "MoU with IPEC Not signed" in text and "No survey figures recorded." in text
    assert "Projects (2)" in text and "GLO/12/03/USA" in text and "BRA/20/04/GER" in text


def test_a_country_with_nothing_recorded(client, viewer):
    client.force_login(viewer)
    text = page_text(client.get("/countries/ISL/"))
    assert "No project works in Iceland." in text and "No partner organisation recorded in Iceland." in text
    assert text.count("Not ratified") == 5


def test_long_lists_link_to_the_filtered_list(client, viewer, portfolio):
    for i in range(DETAIL_LIMIT):
        make_project(code=f"IND/23/{i:03d}/USA", countries=[country("IND")])
    client.force_login(viewer)
    response = client.get("/countries/IND/")
    assert len(response.context["projects"]) == DETAIL_LIMIT
    assert f"All {DETAIL_LIMIT + 1} projects in India" in page_text(response)


def _grow(n: int) -> None:
    committee = committee_create(kind=CommitteeKind.NATIONAL, name="NSC Kenya", country=country("KEN"))
    types = list(PartnerType.objects.filter(code__in=["government", "employers", "workers", "ngo"]))
    for i in range(n):
        make_project(code=f"KEN/23/{i:03d}/USA", countries=[country("KEN")])
        partner = partner_create(name=f"Kenyan partner {i}", type=types[i % len(types)], country=country("KEN"))
        committee_member_add(committee=committee, partner=partner, role=MemberRole.MEMBER, person_name=f"P{i}")
        meeting_record(committee=committee, held_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=i))


@pytest.mark.parametrize("size", [1, 15])
def test_query_count_does_not_grow(client, viewer, portfolio, django_assert_num_queries, size):
    _grow(size)
    client.force_login(viewer)
    # session, user; the country with its counts; conventions, ratifications; the committee, its members,
    # its meetings; projects; partners
    with django_assert_num_queries(10):
        response = client.get("/countries/KEN/")
    assert len(response.context["members"]) == size
