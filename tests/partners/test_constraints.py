"""Partners, donors, partnerships and steering committees: bad values refused by the services and the database."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from partners.models import (
    CommitteeKind,
    CommitteeMeeting,
    CommitteeMember,
    Donor,
    MemberRole,
    Partner,
    PartnershipRole,
    PartnerType,
    ProjectPartnership,
    SteeringCommittee,
)
from partners.services import committee_create, committee_member_add, donor_create, meeting_record, partner_create
from projects.services import funding_record, partnership_add
from tests.factories import DonorFactory, PartnerFactory, make_project
from tests.ipec.invariants import country, db_refuses, refused

pytestmark = pytest.mark.django_db


def ptype(code: str) -> PartnerType:
    return PartnerType.objects.get(code=code)


# --- partners -------------------------------------------------------------------------------


def test_partner_name_is_unique_per_country():
    partner_create(name="Ministry of Labour", type=ptype("government"), country=country("IND"))
    with refused("A partner with this name is already recorded for this country."):
        partner_create(name=" Ministry of Labour ", type=ptype("government"), country=country("IND"))
    # The same name elsewhere is another organisation.
    partner_create(name="Ministry of Labour", type=ptype("government"), country=country("NPL"))
    with db_refuses("partner_unique_name_per_country"):
        Partner.objects.bulk_create([Partner(name="Ministry of Labour", type=ptype("ngo"), country=country("IND"))])


def test_international_partner_name_is_unique():
    partner_create(name="UNICEF", type=ptype("international"))
    with refused("An international partner with this name is already recorded."):
        partner_create(name="UNICEF", type=ptype("international"))
    # A national organisation may share the name.
    partner_create(name="UNICEF", type=ptype("international"), country=country("IND"))
    with db_refuses("partner_unique_international_name"):
        Partner.objects.bulk_create([Partner(name="UNICEF", type=ptype("international"))])


# --- donors ----------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["US", "U5A", "12A", "U A", "É"])
def test_donor_code_is_three_capital_letters(code):
    partner = PartnerFactory()
    with refused("The donor code is three capital letters, e.g. USA."):
        donor_create(partner=partner, code=code)


def test_donor_code_is_normalised_to_capitals():
    assert donor_create(partner=PartnerFactory(), code=" net ").code == "NET"


def test_donor_code_format_is_held_by_the_database():
    donor = DonorFactory(code="NOR")
    with db_refuses("donor_code_format"):
        Donor.objects.filter(pk=donor.pk).update(code="no1")


def test_donor_code_is_unique():
    DonorFactory(code="GER")
    partner = PartnerFactory()
    with refused("Donor with this ILO donor code already exists."):
        donor_create(partner=partner, code="GER")
    with db_refuses("partners_donor.code"):
        Donor.objects.bulk_create([Donor(partner=partner, code="GER")])


def test_a_partner_is_one_donor_at_most():
    donor = DonorFactory(code="GER")
    with refused("Donor with this Partner already exists."):
        donor_create(partner=donor.partner, code="DEU")


# --- partnerships ------------------------------------------------------------------------------

AMOUNT_RULE = "A funding partnership needs an amount of zero or more; other roles take none."


@pytest.fixture
def project():
    return make_project()


@pytest.fixture
def usa(project) -> Donor:
    return Donor.objects.get(code="USA")


@pytest.mark.parametrize("amount", [None, Decimal("-1")])
def test_funding_needs_an_amount_of_zero_or_more(project, usa, amount):
    with refused(AMOUNT_RULE):
        funding_record(project=project, donor=usa, amount_usd=amount)


def test_funding_is_added_only_with_its_amount(project, usa):
    with refused("Record funding with its amount, through the donor."):
        partnership_add(project=project, partner=usa.partner, role=PartnershipRole.FUNDING)


@pytest.mark.parametrize(
    "role", [PartnershipRole.IMPLEMENTING, PartnershipRole.EXECUTING, PartnershipRole.COLLABORATING]
)
def test_other_roles_take_no_amount(project, role):
    partner = PartnerFactory()
    with refused(AMOUNT_RULE):
        ProjectPartnership(project=project, partner=partner, role=role, amount_usd=Decimal("10")).full_clean()


def test_amount_rule_is_held_by_the_database(project, usa):
    funding = funding_record(project=project, donor=usa, amount_usd=Decimal("0"))
    other = partnership_add(project=project, partner=PartnerFactory(), role=PartnershipRole.COLLABORATING)
    with db_refuses("partnership_amount_iff_funding"):
        ProjectPartnership.objects.filter(pk=funding.pk).update(amount_usd=None)
    with db_refuses("partnership_amount_iff_funding"):
        ProjectPartnership.objects.filter(pk=funding.pk).update(amount_usd=Decimal("-1"))
    with db_refuses("partnership_amount_iff_funding"):
        ProjectPartnership.objects.filter(pk=other.pk).update(amount_usd=Decimal("10"))
    with db_refuses("partnership_amount_iff_funding"):
        ProjectPartnership.objects.filter(pk=other.pk).update(role=PartnershipRole.FUNDING)


def test_a_partner_has_each_role_once_per_project(project):
    partner = PartnerFactory()
    partnership_add(project=project, partner=partner, role=PartnershipRole.IMPLEMENTING)
    with refused("This partner already has this role in this project."):
        partnership_add(project=project, partner=partner, role=PartnershipRole.IMPLEMENTING)
    # Another role is fine.
    partnership_add(project=project, partner=partner, role=PartnershipRole.EXECUTING)
    with db_refuses("partnership_unique_role"):
        ProjectPartnership.objects.bulk_create(
            [ProjectPartnership(project=project, partner=partner, role=PartnershipRole.IMPLEMENTING)]
        )


def test_partnership_role_is_one_of_four(project):
    partner = PartnerFactory()
    partnership = partnership_add(project=project, partner=partner, role=PartnershipRole.EXECUTING)
    with refused("Value 'sponsoring' is not a valid choice."):
        partnership_add(project=project, partner=partner, role="sponsoring")
    with db_refuses("partnership_role_valid"):
        ProjectPartnership.objects.filter(pk=partnership.pk).update(role="sponsoring")


# --- steering committees ------------------------------------------------------------------------

SCOPE_RULE = "A national committee belongs to a country; an advisory committee to a project."


def test_a_national_committee_belongs_to_a_country(project):
    with refused(SCOPE_RULE):
        committee_create(kind=CommitteeKind.NATIONAL, name="NSC")
    with refused("A National Steering Committee belongs to a country, not a project."):
        committee_create(kind=CommitteeKind.NATIONAL, name="NSC", country=country("IND"), project=project)


def test_an_advisory_committee_belongs_to_a_project(project):
    with refused(SCOPE_RULE):
        committee_create(kind=CommitteeKind.PROJECT, name="PAC")
    with refused("An advisory committee belongs to a project, not a country."):
        committee_create(kind=CommitteeKind.PROJECT, name="PAC", country=country("IND"), project=project)


def test_committee_kind_is_held_by_the_database(project):
    national = committee_create(kind=CommitteeKind.NATIONAL, name="NSC India", country=country("IND"))
    advisory = committee_create(kind=CommitteeKind.PROJECT, name="PAC", project=project)
    with db_refuses("committee_scope_matches_kind"):
        SteeringCommittee.objects.filter(pk=national.pk).update(project=project)
    with db_refuses("committee_scope_matches_kind"):
        SteeringCommittee.objects.filter(pk=national.pk).update(kind=CommitteeKind.PROJECT)
    with db_refuses("committee_scope_matches_kind"):
        SteeringCommittee.objects.filter(pk=advisory.pk).update(project=None)
    with db_refuses("committee_scope_matches_kind"):
        SteeringCommittee.objects.filter(pk=advisory.pk).update(kind="regional")


def test_one_national_committee_per_country(project):
    committee_create(kind=CommitteeKind.NATIONAL, name="NSC India", country=country("IND"))
    with refused("This country already has a National Steering Committee."):
        committee_create(kind=CommitteeKind.NATIONAL, name="Second NSC", country=country("IND"))
    with db_refuses("committee_one_national_per_country"):
        SteeringCommittee.objects.bulk_create(
            [SteeringCommittee(kind=CommitteeKind.NATIONAL, name="Second NSC", country=country("IND"))]
        )
    # A project may have several advisory committees over its life; they are not national.
    committee_create(kind=CommitteeKind.PROJECT, name="PAC 1", project=project)
    committee_create(kind=CommitteeKind.PROJECT, name="PAC 2", project=project)


@pytest.fixture
def committee() -> SteeringCommittee:
    return committee_create(kind=CommitteeKind.NATIONAL, name="NSC India", country=country("IND"))


def test_a_committee_has_one_chair(committee):
    first, second = PartnerFactory(), PartnerFactory()
    committee_member_add(committee=committee, partner=first, role=MemberRole.CHAIR, person_name="A")
    with refused("This committee already has a chair."):
        committee_member_add(committee=committee, partner=second, role=MemberRole.CHAIR, person_name="B")
    member = committee_member_add(committee=committee, partner=PartnerFactory(), role=MemberRole.MEMBER)
    with db_refuses("member_one_chair"):
        CommitteeMember.objects.filter(pk=member.pk).update(role=MemberRole.CHAIR)
    # Several members and secretaries are fine.
    committee_member_add(committee=committee, partner=PartnerFactory(), role=MemberRole.MEMBER)
    committee_member_add(committee=committee, partner=PartnerFactory(), role=MemberRole.SECRETARY)


def test_a_person_holds_one_seat(committee):
    partner = PartnerFactory()
    committee_member_add(committee=committee, partner=partner, role=MemberRole.MEMBER, person_name="R. Sharma")
    with refused("This person of this partner already sits on this committee."):
        committee_member_add(committee=committee, partner=partner, role=MemberRole.SECRETARY, person_name="R. Sharma")
    with db_refuses("member_unique_seat"):
        CommitteeMember.objects.bulk_create(
            [CommitteeMember(committee=committee, partner=partner, role=MemberRole.MEMBER, person_name="R. Sharma")]
        )


def test_member_role_is_chair_member_or_secretary(committee):
    partner = PartnerFactory()
    member = committee_member_add(committee=committee, partner=partner, role=MemberRole.MEMBER)
    with refused("Value 'observer' is not a valid choice."):
        committee_member_add(committee=committee, partner=partner, role="observer", person_name="Someone else")
    with db_refuses("member_role_valid"):
        CommitteeMember.objects.filter(pk=member.pk).update(role="observer")


def test_one_meeting_per_committee_per_day(committee):
    day = datetime.date(2014, 3, 12)
    meeting_record(committee=committee, held_on=day, agenda="Annual review")
    with refused("This committee already has a meeting on this date."):
        meeting_record(committee=committee, held_on=day, agenda="Again")
    with db_refuses("meeting_one_per_day"):
        CommitteeMeeting.objects.bulk_create([CommitteeMeeting(committee=committee, held_on=day)])
    meeting_record(committee=committee, held_on=day + datetime.timedelta(days=1))
    assert committee.meetings.count() == 2
