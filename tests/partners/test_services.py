"""What the partner services write when the input is good, and the tripartite flag."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile

from partners.models import CommitteeKind, MemberRole, PartnerType
from partners.services import committee_create, committee_member_add, donor_create, meeting_record, partner_create
from tests.ipec.invariants import country

pytestmark = pytest.mark.django_db


def ptype(code: str) -> PartnerType:
    return PartnerType.objects.get(code=code)


def test_partner_create_trims_the_name():
    partner = partner_create(name="  Confederation of Indian Industry ", type=ptype("employers"), acronym="CII")
    assert (partner.name, str(partner)) == (
        "Confederation of Indian Industry",
        "Confederation of Indian Industry (CII)",
    )


def test_donor_create():
    usdol = partner_create(name="United States Department of Labor", type=ptype("donor-agency"), acronym="USDOL")
    donor = donor_create(partner=usdol, code="usa")
    assert (donor.code, usdol.donor) == ("USA", donor)


@pytest.fixture
def nsc():
    return committee_create(
        kind=CommitteeKind.NATIONAL, name="NSC India", country=country("IND"), established_on=datetime.date(1992, 6, 1)
    )


@pytest.mark.parametrize(
    ("types", "missing"),
    [
        ([], ["government", "employers' organisation", "workers' organisation"]),
        (["government", "ngo"], ["employers' organisation", "workers' organisation"]),
        (["government", "employers", "workers"], []),
        (["workers", "employers", "government", "ngo", "media"], []),
    ],
)
def test_committee_flags_a_missing_tripartite_constituent(nsc, types, missing):
    for index, code in enumerate(types):
        partner = partner_create(name=f"Partner {index}", type=ptype(code), country=country("IND"))
        committee_member_add(committee=nsc, partner=partner, role=MemberRole.MEMBER)
    assert nsc.missing_constituents() == missing


def test_meeting_record_stores_its_minutes(nsc, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    meeting = meeting_record(
        committee=nsc,
        held_on=datetime.date(2014, 3, 12),
        agenda="Annual review",
        decisions="Extend to two districts.",
        minutes=ContentFile(b"%PDF-1.7 minutes", name="minutes.docx"),
    )
    meeting.refresh_from_db()
    # Stored under the extension of what the content is, not of its name.
    assert meeting.minutes.name == f"committees/{nsc.pk}/minutes/minutes.pdf"
    assert meeting.minutes.read() == b"%PDF-1.7 minutes"


def test_meeting_record_refuses_a_text_file_and_saves_nothing(nsc, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(ValidationError, match="not an allowed type"):
        meeting_record(committee=nsc, held_on=datetime.date(2014, 3, 12), minutes=ContentFile(b"hi", name="m.pdf"))
    assert not nsc.meetings.exists()
    assert not any(p.is_file() for p in tmp_path.rglob("*"))


def test_meeting_record_checks_the_person(nsc, viewer):
    with pytest.raises(PermissionDenied):
        meeting_record(committee=nsc, held_on=datetime.date(2014, 3, 12), by=viewer)
    assert not nsc.meetings.exists()
