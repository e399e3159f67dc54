"""Partners, donors, funding rows and steering committees, written through partners' and projects' services."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from countries.models import Country
from partners.models import CommitteeMember, Donor, Partner, PartnerType, ProjectPartnership, SteeringCommittee
from tests.admin.helpers import add_rows, committees, form_data
from tests.factories import DonorFactory, PartnerFactory, make_project


@pytest.fixture
def hq_client(client, hq_user):
    client.force_login(hq_user)
    return client


def test_add_partner(hq_client):
    url = reverse("admin:partners_partner_add")
    data = form_data(hq_client.get(url))
    data.update(name="  Ministry of Labour ", type=PartnerType.objects.get(code="government").pk)
    data["country"] = Country.objects.get(iso3="IND").pk

    assert hq_client.post(url, data).status_code == 302
    assert Partner.objects.filter(name="Ministry of Labour").exists()  # stripped by partner_create


def test_add_donor_in_capitals_and_its_code_is_fixed(hq_client):
    partner = PartnerFactory(name="Norad")
    url = reverse("admin:partners_donor_add")
    data = form_data(hq_client.get(url))
    data.update(partner=partner.pk, code="nor")

    assert hq_client.post(url, data).status_code == 302
    donor = Donor.objects.get(partner=partner)
    assert donor.code == "NOR"
    change = hq_client.get(reverse("admin:partners_donor_change", args=[donor.pk]))
    assert not change.context["has_change_permission"]


@pytest.mark.parametrize(
    ("role", "donor", "amount", "message"),
    [
        ("funding", False, "1000", "Only a donor funds a project: record this partner as a donor first."),
        ("funding", True, "", "Give the amount the donor contributes."),
        ("implementing", False, "1000", "Only funding rows carry an amount."),
    ],
    ids=["funding-by-a-non-donor", "funding-without-amount", "amount-on-another-role"],
)
def test_bad_partnership_is_refused(hq_client, role, donor, amount, message):
    project = make_project()
    partner = DonorFactory(code="NET").partner if donor else PartnerFactory()
    url = reverse("admin:partners_projectpartnership_add")
    data = form_data(hq_client.get(url))
    data.update(project=project.pk, partner=partner.pk, role=role, amount_usd=amount)

    assertContains(hq_client.post(url, data), message)
    assert not ProjectPartnership.objects.exists()


def test_funding_is_recorded_through_the_donor(hq_client):
    project = make_project()
    donor = DonorFactory(code="NET")
    url = reverse("admin:partners_projectpartnership_add")
    data = form_data(hq_client.get(url))
    data.update(project=project.pk, partner=donor.partner_id, role="funding", amount_usd="250000")

    assert hq_client.post(url, data).status_code == 302
    assert project.partnerships.get(role="funding").amount_usd == Decimal("250000")


def test_add_committee_with_members(hq_client):
    country = Country.objects.get(iso3="KEN")
    government = PartnerFactory(type=PartnerType.objects.get(code="government"), country=country)
    url = reverse("admin:partners_steeringcommittee_add")
    data = form_data(hq_client.get(url))
    data.update(kind="national", name="Kenya NSC", country=country.pk)
    add_rows(data, "members", [{"partner": government.pk, "person_name": "Permanent Secretary", "role": "chair"}])

    assert hq_client.post(url, data).status_code == 302
    committee = SteeringCommittee.objects.get(name="Kenya NSC")
    assert committee.members.get().role == "chair"


def test_committee_has_one_chair(hq_client):
    country = Country.objects.get(iso3="KEN")
    url = reverse("admin:partners_steeringcommittee_add")
    data = form_data(hq_client.get(url))
    data.update(kind="national", name="Kenya NSC", country=country.pk)
    chairs = [{"partner": PartnerFactory().pk, "person_name": "", "role": "chair"} for _ in range(2)]
    add_rows(data, "members", chairs)

    assertContains(hq_client.post(url, data), "A committee has one chair.")
    assert not SteeringCommittee.objects.exists()
    assert not CommitteeMember.objects.exists()


def test_tripartite_filter_finds_committees_lacking_a_constituent(hq_client):
    complete, lacking = committees(2)
    CommitteeMember.objects.filter(committee__name=lacking, partner__type__code="workers").delete()
    url = reverse("admin:partners_steeringcommittee_changelist")

    missing = hq_client.get(url, {"tripartite": "missing"}).context["cl"].result_list
    assert [c.name for c in missing] == [lacking]
    assert [c.name for c in hq_client.get(url, {"tripartite": "complete"}).context["cl"].result_list] == [complete]
    assertContains(hq_client.get(url), "lacks workers&#x27; organisation")
