"""Committee pages: a committee with its members and meetings, and recording a meeting."""

from __future__ import annotations

import mimetypes
import os

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from accounts import policy
from ipec.wording import day_in_sentence
from partners.forms import MeetingForm
from partners.models import CommitteeKind, CommitteeMember, SteeringCommittee
from partners.services import meeting_record
from projects.forms import add_service_errors


def _committee_for(request: HttpRequest, pk: int) -> SteeringCommittee:
    """The committee if the user may see the portfolio; otherwise 404, which does not confirm it exists."""
    if not policy.may_view_portfolio(request.user):
        raise Http404("No such committee.")
    committee = (
        SteeringCommittee.objects.select_related("country", "project")
        .prefetch_related(
            Prefetch("members", queryset=CommitteeMember.objects.select_related("partner__type")),
        )
        .filter(pk=pk)
        .first()
    )
    if committee is None:
        raise Http404("No such committee.")
    return committee


@login_required
def committee_detail(request: HttpRequest, pk: int) -> HttpResponse:
    committee = _committee_for(request, pk)
    context = {
        "committee": committee,
        "members": committee.members.all(),
        "meetings": list(committee.meetings.all()),
        "missing": committee.missing_constituents(in_a_sentence=True)
        if committee.kind == CommitteeKind.NATIONAL
        else [],
        "may_record_meeting": policy.may_record_meeting(request.user, committee),
    }
    return render(request, "partners/committee_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_new(request: HttpRequest, pk: int) -> HttpResponse:
    committee = _committee_for(request, pk)
    if not policy.may_record_meeting(request.user, committee):
        raise PermissionDenied("You may not record this committee's meetings.")
    form = MeetingForm(request.POST, request.FILES) if request.method == "POST" else MeetingForm()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            meeting_record(
                committee=committee,
                held_on=data["held_on"],
                by=request.user,
                agenda=data["agenda"],
                decisions=data["decisions"],
                minutes=data["minutes"],
            )
        except ValidationError as error:
            add_service_errors(form, error, file_field="minutes")
        else:
            messages.success(
                request, gettext("The meeting of %(day)s is recorded.") % {"day": day_in_sentence(data["held_on"])}
            )
            return redirect(reverse("partners:committee", args=[committee.pk]))
    return render(request, "partners/meeting_form.html", {"committee": committee, "form": form})


@login_required
def meeting_minutes(request: HttpRequest, pk: int, meeting_id: int) -> FileResponse:
    """Minutes are served only here, to those who may see the committee: media is not public."""
    committee = _committee_for(request, pk)
    meeting = committee.meetings.filter(pk=meeting_id).first()
    if meeting is None or not meeting.minutes:
        raise Http404("No minutes for this meeting.")
    try:
        handle = meeting.minutes.open("rb")
    except FileNotFoundError as missing:
        raise Http404("The file is missing from storage.") from missing
    name = os.path.basename(meeting.minutes.name)
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
