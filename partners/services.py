"""Writes to partners, donors and steering committees."""

from __future__ import annotations

import datetime
import os

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext

from accounts import policy
from accounts.models import User
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
from projects.evidence import check_evidence


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
        raise ValidationError(
            {"project": gettext("A National Steering Committee belongs to a country, not a project.")}
        )
    if kind == CommitteeKind.PROJECT and country is not None:
        raise ValidationError({"country": gettext("An advisory committee belongs to a project, not a country.")})
    committee = SteeringCommittee(kind=kind, name=name, country=country, project=project, established_on=established_on)
    return validated_save(committee)


@transaction.atomic
def committee_member_add(
    *, committee: SteeringCommittee, partner: Partner, role: str, person_name: str = ""
) -> CommitteeMember:
    return validated_save(CommitteeMember(committee=committee, partner=partner, role=role, person_name=person_name))


# Minutes are documents: PDF, or Word, Excel and PowerPoint (97–2003 and Office Open XML).
MINUTES_TYPES = frozenset(
    {
        "application/pdf",
        "application/vnd.ms-office",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    }
)


def check_minutes(upload: UploadedFile) -> str:
    """The name to store the minutes under, with the extension of what the content is; or ValidationError."""
    content_type, extension = check_evidence(upload, settings.EVIDENCE_MAX_BYTES)
    if content_type not in MINUTES_TYPES:
        raise ValidationError(
            {
                "minutes": gettext("%(file)s: minutes must be a PDF or an Office document, not an image.")
                % {"file": upload.name}
            }
        )
    return f"{os.path.splitext(os.path.basename(upload.name))[0][:80] or 'minutes'}.{extension}"


@transaction.atomic
def meeting_record(
    *,
    committee: SteeringCommittee,
    held_on: datetime.date,
    by: User | None = None,
    agenda: str = "",
    decisions: str = "",
    minutes: UploadedFile | None = None,
) -> CommitteeMeeting:
    """Record a committee meeting. Views pass the person (`by`), whose permission is checked here;
    the admin (HQ only) and system jobs such as the demo loader pass none."""
    if by is not None and not policy.may_record_meeting(by, committee):
        raise PermissionDenied("You may not record this committee's meetings.")
    meeting = CommitteeMeeting(committee=committee, held_on=held_on, agenda=agenda, decisions=decisions)
    meeting.full_clean(exclude=["minutes"])
    if minutes:
        meeting.minutes.save(check_minutes(minutes), minutes, save=False)
    meeting.save()
    return meeting
