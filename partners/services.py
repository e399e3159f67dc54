"""Writes to partners, donors and steering committees."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from countries.models import Country
from ipec.services import validated_save
from partners.models import (
    CommitteeKind,
    CommitteeMeeting,
    CommitteeMember,
    Donor,
    Partner,
    PartnerType,
    SteeringCommittee,
)


@transaction.atomic
def partner_create(
    *, name: str, type: PartnerType, country: Country | None = None, acronym: str = "", website: str = ""
) -> Partner:
    return validated_save(Partner(name=name.strip(), type=type, country=country, acronym=acronym, website=website))


@transaction.atomic
def donor_create(*, partner: Partner, code: str) -> Donor:
    """Make a partner a donor with its ILO donor code (used as the last part of project codes)."""
    return validated_save(Donor(partner=partner, code=code.strip().upper()))


@transaction.atomic
def committee_create(
    *,
    kind: str,
    name: str,
    country: Country | None = None,
    project=None,
    established_on: datetime.date | None = None,
) -> SteeringCommittee:
    """A National Steering Committee for a country, or an advisory committee for a project."""
    if kind == CommitteeKind.NATIONAL and project is not None:
        raise ValidationError({"project": "A National Steering Committee belongs to a country, not a project."})
    if kind == CommitteeKind.PROJECT and country is not None:
        raise ValidationError({"country": "An advisory committee belongs to a project, not a country."})
    committee = SteeringCommittee(kind=kind, name=name, country=country, project=project, established_on=established_on)
    return validated_save(committee)


@transaction.atomic
def committee_member_add(
    *, committee: SteeringCommittee, partner: Partner, role: str, person_name: str = ""
) -> CommitteeMember:
    return validated_save(CommitteeMember(committee=committee, partner=partner, role=role, person_name=person_name))


@transaction.atomic
def meeting_record(
    *, committee: SteeringCommittee, held_on: datetime.date, agenda: str = "", decisions: str = "", minutes=None
) -> CommitteeMeeting:
    meeting = CommitteeMeeting(committee=committee, held_on=held_on, agenda=agenda, decisions=decisions)
    if minutes is not None:
        meeting.minutes = minutes
    return validated_save(meeting)
