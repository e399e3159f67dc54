"""Writes to projects. Admin, views and commands all go through these functions."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, pgettext

from accounts import policy
from accounts.models import User
from countries.models import Country
from ipec.concurrency import check_version, save_new_version
from ipec.services import validated_save
from ipec.wording import day_in_sentence
from partners.models import Donor, Partner, PartnershipRole, ProjectPartnership
from projects.models import (
    STATUS_TRANSITIONS,
    ActionProgramme,
    AgeBand,
    Expenditure,
    IssuedCode,
    Project,
    ProjectCountry,
    ProjectKind,
    ProjectStatus,
    Sex,
    StatusChange,
    Target,
    TargetMeasure,
)

# Fields a project's ordinary edit may change; code, kind and status have their own rules.
EDITABLE_FIELDS = frozenset(
    {
        "title", "summary", "objectives", "planned_start", "planned_end", "actual_start", "actual_end", "budget_usd",
        "hq_backstopping_officer", "cta", "project_manager", "administrative_office", "backstopping_office",
        "supports_time_bound_programme", "reporting_interval_months",
    }
)  # fmt: skip


def validate_project_countries(kind: str, countries: Iterable[Country]) -> None:
    """A national project works in exactly one country; a global one in two or more."""
    count = len({c.pk for c in countries})
    if kind == ProjectKind.NATIONAL and count != 1:
        raise ValidationError(
            {"countries": gettext("A national project works in exactly one country.")}, code="national_countries"
        )
    if kind == ProjectKind.GLOBAL and count < 2:
        raise ValidationError(
            {"countries": gettext("A global project spans at least two countries.")}, code="global_countries"
        )


def _distinct(countries: Iterable[Country]) -> list[Country]:
    """The countries once each: a country listed twice is one country, not a duplicate row."""
    return list({c.pk: c for c in countries}.values())


def validate_code_is_new(code: str) -> None:
    if IssuedCode.objects.filter(code=code).exists():
        raise ValidationError(
            {
                "code": gettext("The TC symbol %(code)s has already been issued; codes are never reused.")
                % {"code": code}
            }
        )


def validate_code_donor(code: str) -> None:
    donor_code = code.rsplit("/", 1)[-1]
    if len(donor_code) == 3 and not Donor.objects.filter(code=donor_code).exists():
        raise ValidationError(
            {"code": gettext("No donor has the code %(code)s; record the donor first.") % {"code": donor_code}}
        )


@transaction.atomic
def project_create(
    *,
    code: str,
    title: str,
    kind: str,
    countries: Iterable[Country],
    created_by: User | None = None,
    created_on: datetime.date | None = None,
    intervention_types: Iterable = (),
    worst_forms: Iterable = (),
    sectors: Iterable = (),
    target_groups: Iterable = (),
    **fields,
) -> Project:
    """Create a project in the pipeline, with its countries and classifications.

    `created_on` dates the first entry of its status history, for projects entered after the fact.
    """
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"project_create() got unexpected fields: {', '.join(sorted(unknown))}")
    countries = _distinct(countries)
    project = Project(code=code.strip().upper(), title=title, kind=kind, **fields)
    project._history_user = created_by
    project.full_clean()
    validate_code_is_new(project.code)
    validate_code_donor(project.code)
    validate_project_countries(kind, countries)
    project.save()
    IssuedCode.objects.create(code=project.code)
    ProjectCountry.objects.bulk_create(ProjectCountry(project=project, country=c) for c in countries)
    project.intervention_types.set(intervention_types)
    project.worst_forms.set(worst_forms)
    project.sectors.set(sectors)
    project.target_groups.set(target_groups)
    StatusChange.objects.create(
        project=project,
        from_status="",
        to_status=project.status,
        effective_on=created_on or timezone.localdate(),
        changed_by=created_by,
        note="Project created.",
    )
    return project


@transaction.atomic
def project_update(
    *, project: Project, by: User | None = None, expected_version: int | None = None, **fields
) -> Project:
    """Change a project's ordinary fields (not its code, kind or status): HQ's edit."""
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise ValidationError(
            gettext("These fields cannot be changed here: %(fields)s.") % {"fields": ", ".join(sorted(unknown))}
        )
    locked = Project.objects.select_for_update().get(pk=project.pk)
    check_version(locked, expected_version)
    for name, value in fields.items():
        setattr(locked, name, value)
    return save_new_version(locked, by=by)


# What a chief technical adviser keeps current from the field (see accounts/policy.py).
NARRATIVE_FIELDS = frozenset({"summary", "objectives"})


@transaction.atomic
def project_update_narrative(
    *, project: Project, by: User, expected_version: int | None, summary: str, objectives: str
) -> Project:
    """The CTA's (or HQ's) edit of a project's narrative fields."""
    if not policy.may_edit_project_narrative(by, project):
        raise PermissionDenied("You may not edit this project's narrative.")
    locked = Project.objects.select_for_update().get(pk=project.pk)
    check_version(locked, expected_version)
    locked.summary, locked.objectives = summary, objectives
    return save_new_version(locked, by=by)


@transaction.atomic
def project_update_status(
    *,
    project: Project,
    by: User,
    expected_version: int | None,
    rating: str,
    status_note: str,
    to_status: str = "",
    effective_on: datetime.date | None = None,
    actual_start: datetime.date | None = None,
    actual_end: datetime.date | None = None,
) -> Project:
    """The one short form of the field: rating with a dated note, actual dates, and a lifecycle move.

    All of it is saved together or not at all; the move is dated and attributed like any other.
    """
    if not policy.may_update_project_status(by, project):
        raise PermissionDenied("You may not update this project's status.")
    if to_status and not policy.may_move_project(by, project, to_status):
        raise PermissionDenied("This status move is for HQ to make.")
    today = timezone.localdate()
    locked = Project.objects.select_for_update().get(pk=project.pk)
    check_version(locked, expected_version)
    if not status_note.strip():
        raise ValidationError({"status_note": gettext("Say in a few words where the project stands.")})
    for name, value in (("actual_start", actual_start), ("actual_end", actual_end)):
        if value and value > today:
            raise ValidationError({name: gettext("An actual date cannot be in the future.")})
    locked.rating, locked.status_note, locked.status_note_on = rating, status_note.strip(), today
    locked.actual_start, locked.actual_end = actual_start, actual_end
    save_new_version(locked, by=by)
    if to_status:
        project_change_status(
            project=locked, to_status=to_status, effective_on=effective_on or today, changed_by=by, note=status_note
        )
        locked.refresh_from_db()
    return locked


@transaction.atomic
def project_set_countries(*, project: Project, countries: Iterable[Country], kind: str | None = None) -> Project:
    """Replace the countries a project works in, and optionally its kind, keeping both consistent."""
    countries = _distinct(countries)
    kind = kind or project.kind
    validate_project_countries(kind, countries)
    if kind != project.kind:
        project.kind = kind
        validated_save(project)
    ProjectCountry.objects.filter(project=project).exclude(country__in=countries).delete()
    existing = set(ProjectCountry.objects.filter(project=project).values_list("country_id", flat=True))
    ProjectCountry.objects.bulk_create(
        ProjectCountry(project=project, country=c) for c in countries if c.pk not in existing
    )
    return project


@transaction.atomic
def project_change_status(
    *, project: Project, to_status: str, effective_on: datetime.date, changed_by: User | None, note: str = ""
) -> StatusChange:
    """Move a project along its lifecycle; only the legal moves are allowed, each dated and attributed."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    if to_status not in ProjectStatus.values:
        raise ValidationError({"to_status": gettext("Unknown status %(status)r.") % {"status": to_status}})
    if to_status not in STATUS_TRANSITIONS[project.status]:
        # str(): the labels are lazy translations, which join() does not take.
        allowed = ", ".join(str(ProjectStatus(s).label) for s in sorted(STATUS_TRANSITIONS[project.status]))
        raise ValidationError(
            {"to_status": gettext("This project is %(status)s: it cannot become %(to_status)s. Allowed: %(allowed)s.")
             % {"status": project.get_status_display().lower(), "to_status": ProjectStatus(to_status).label.lower(),
                "allowed": allowed or pgettext("no status move allowed", "none")}}
        )  # fmt: skip
    if effective_on > timezone.localdate():
        raise ValidationError({"effective_on": gettext("A status move cannot take effect in the future.")})
    # Moves are dated in order; the creation record does not count, since history may be entered afterwards.
    last = project.status_changes.exclude(from_status="").order_by("-changed_at", "-id").first()
    if last and effective_on < last.effective_on:
        raise ValidationError(
            {
                "effective_on": gettext("The previous move took effect on %(day)s; this one cannot be earlier.")
                % {"day": day_in_sentence(last.effective_on)}
            }
        )
    change = StatusChange(
        project=project, from_status=project.status, to_status=to_status, effective_on=effective_on,
        changed_by=changed_by, note=note,
    )  # fmt: skip
    validated_save(change)
    project.status = to_status
    # The first move to active is the actual start; completion is the actual end.
    if to_status == ProjectStatus.ACTIVE and project.actual_start is None:
        project.actual_start = effective_on
    if to_status == ProjectStatus.COMPLETED and project.actual_end is None:
        project.actual_end = effective_on
    save_new_version(project, by=changed_by)
    if to_status == ProjectStatus.ACTIVE:
        from projects.progress_reports import schedule_ensure

        schedule_ensure(project=project)
    return change


@transaction.atomic
def funding_record(*, project: Project, donor: Donor, amount_usd: Decimal) -> ProjectPartnership:
    """Record (or correct) how much a donor contributes to a project."""
    partnership = ProjectPartnership.objects.filter(
        project=project, partner_id=donor.partner_id, role=PartnershipRole.FUNDING
    ).first() or ProjectPartnership(project=project, partner_id=donor.partner_id, role=PartnershipRole.FUNDING)
    partnership.amount_usd = amount_usd
    return validated_save(partnership)


@transaction.atomic
def partnership_add(*, project: Project, partner: Partner, role: str) -> ProjectPartnership:
    """Give a partner a non-funding role in a project (funding goes through funding_record)."""
    if role == PartnershipRole.FUNDING:
        raise ValidationError({"role": gettext("Record funding with its amount, through the donor.")})
    return validated_save(ProjectPartnership(project=project, partner=partner, role=role))


@transaction.atomic
def expenditure_record(*, project: Project, year: int, amount_usd: Decimal) -> Expenditure:
    """Record (or correct) a project's expenditure for a year."""
    expenditure = Expenditure.objects.filter(project=project, year=year).first() or Expenditure(
        project=project, year=year
    )
    expenditure.amount_usd = amount_usd
    return validated_save(expenditure)


@transaction.atomic
def target_set(*, project: Project, measure: str, value: int, sex: str = "", age_band: str = "") -> Target:
    """Set one cell of a project's targets (children by sex and age band, or families)."""
    target = Target.objects.filter(project=project, measure=measure, sex=sex, age_band=age_band).first() or Target(
        project=project, measure=measure, sex=sex, age_band=age_band
    )
    target.value = value
    return validated_save(target)


def children_target_cells() -> list[tuple[str, str, str]]:
    """Every (measure, sex, age band) cell of the children targets."""
    return [
        (measure, sex, band)
        for measure in (TargetMeasure.WITHDRAWN, TargetMeasure.PREVENTED)
        for sex in Sex.values
        for band in AgeBand.values
    ]


@transaction.atomic
def action_programme_create(*, project: Project, partner: Partner, title: str, **fields) -> ActionProgramme:
    """Add an action programme carried out by an implementing partner, who becomes one if not yet."""
    programme = validated_save(ActionProgramme(project=project, partner=partner, title=title, **fields))
    ProjectPartnership.objects.get_or_create(project=project, partner=partner, role=PartnershipRole.IMPLEMENTING)
    return programme
