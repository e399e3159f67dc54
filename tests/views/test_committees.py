"""Committee pages: a committee with its members and meetings; recording a meeting with its minutes."""

from __future__ import annotations

import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partners.models import CommitteeKind, CommitteeMeeting, MemberRole, PartnerType
from partners.services import committee_create, committee_member_add, meeting_record, partner_create
from projects.forms import TEXT_MAX
from tests.ipec.invariants import country
from tests.views.conftest import EXE, PDF, PNG, page_text, unlabelled_controls

pytestmark = pytest.mark.django_db


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.fixture
def nsc(db):
    committee = committee_create(kind=CommitteeKind.NATIONAL, name="NSC India", country=country("IND"))
    ministry = partner_create(
        name="Ministry of Labour and Employment",
        type=PartnerType.objects.get(code="government"),
        country=country("IND"),
    )
    committee_member_add(committee=committee, partner=ministry, role=MemberRole.CHAIR, person_name="Secretary")
    return committee


def page(committee) -> str:
    return reverse("partners:committee", args=[committee.pk])


def new(committee) -> str:
    return reverse("partners:meeting-new", args=[committee.pk])


def meeting(**changes) -> dict:
    values = {"held_on": "2025-03-12", "agenda": "Annual review", "decisions": "Adopt the workplan."}
    values.update(changes)
    return {key: value for key, value in values.items() if value is not None}


# The committee page ------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, nsc):
    assert client.get(page(nsc))["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(("who", "status"), [("viewer", 200), ("cta", 200), ("hq_user", 200), ("evaluator", 404)])
def test_the_portfolio_sees_the_committee(client, request, nsc, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(page(nsc)).status_code == status


def test_page_lists_members_meetings_and_a_missing_constituent(client, viewer, nsc):
    meeting_record(committee=nsc, held_on=datetime.date(2024, 5, 2), agenda="Launch")
    client.force_login(viewer)
    text = page_text(client.get(page(nsc)))
    assert "Ministry of Labour and Employment" in text and "Chair" in text and "Secretary" in text
    assert "2 May 2024" in text and "Launch" in text
    assert "Not tripartite: no member represents the employers' organisation, the workers' organisation." in text
    assert "Record a meeting" not in text


def test_unknown_committee_is_404(client, hq_user):
    client.force_login(hq_user)
    assert client.get(reverse("partners:committee", args=[999999])).status_code == 404


# Recording a meeting ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"), [("viewer", 403), ("other_cta", 403), ("evaluator", 404), ("cta", 200), ("hq_user", 200)]
)
def test_who_may_record_a_meeting(client, request, nsc, active_project, who, status):
    client.force_login(request.getfixturevalue(who))
    response = client.get(new(nsc))
    assert response.status_code == status
    if status == 200:
        assert unlabelled_controls(response) == []


@pytest.mark.parametrize("who", ["viewer", "other_cta", "evaluator"])
def test_others_posting_change_nothing(client, request, nsc, active_project, unchanged, who):
    client.force_login(request.getfixturevalue(who))
    with unchanged():
        assert client.post(new(nsc), meeting()).status_code in (403, 404)


def test_cta_records_a_meeting_of_their_countrys_committee_with_pdf_minutes(client, cta, nsc, active_project):
    client.force_login(cta)
    response = client.post(new(nsc), meeting(minutes=SimpleUploadedFile("minutes.pdf", PDF)), follow=True)
    assert response.redirect_chain == [(page(nsc), 302)]
    assert "The meeting of 12 March 2025 is recorded." in page_text(response)
    recorded = CommitteeMeeting.objects.get()
    assert (recorded.held_on, recorded.agenda, recorded.decisions) == (
        datetime.date(2025, 3, 12), "Annual review", "Adopt the workplan.",
    )  # fmt: skip
    assert recorded.minutes.name.endswith(".pdf")


def test_cta_records_a_meeting_of_their_projects_committee(client, cta, active_project):
    committee = committee_create(kind=CommitteeKind.PROJECT, name="PAC", project=active_project)
    client.force_login(cta)
    assert client.post(new(committee), meeting()).status_code == 302
    assert committee.meetings.count() == 1


def test_office_minutes_are_accepted(client, hq_user, nsc):
    client.force_login(hq_user)
    assert client.post(new(nsc), meeting(minutes=SimpleUploadedFile("minutes.docx", docx()))).status_code == 302
    assert CommitteeMeeting.objects.get().minutes.name.endswith(".docx")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"minutes": ("photo.pdf", PNG)}, "minutes must be a PDF or an Office document"),
        ({"minutes": ("minutes.pdf", EXE)}, "this file's content is not an allowed type"),
        ({"held_on": None}, "This field is required"),
        ({"held_on": "2025-02-30"}, "Enter a valid date"),
        ({"agenda": "a" * (TEXT_MAX + 1)}, "Ensure this value has at most"),
        ({"held_on": "2024-05-02"}, "This committee already has a meeting on this date."),
    ],
)
def test_bad_meetings_are_refused_and_nothing_saved(client, hq_user, nsc, unchanged, settings, changes, message):
    meeting_record(committee=nsc, held_on=datetime.date(2024, 5, 2))
    if "minutes" in changes:
        changes["minutes"] = SimpleUploadedFile(*changes["minutes"])
    client.force_login(hq_user)
    with unchanged():
        response = client.post(new(nsc), meeting(**changes))
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode() and message in page_text(response)
    root = settings.MEDIA_ROOT
    assert not root.exists() or not any(p.is_file() for p in root.rglob("*"))


# Minutes download ------------------------------------------------------------------------------


@pytest.fixture
def minutes(nsc):
    return meeting_record(
        committee=nsc, held_on=datetime.date(2024, 5, 2), minutes=SimpleUploadedFile("minutes.pdf", PDF)
    )


def minutes_url(recorded) -> str:
    return reverse("partners:meeting-minutes", args=[recorded.committee_id, recorded.pk])


def test_the_portfolio_downloads_minutes_as_an_attachment(client, viewer, minutes):
    client.force_login(viewer)
    response = client.get(minutes_url(minutes))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == PDF


def test_minutes_are_refused_outside_the_portfolio(client, evaluator, minutes):
    assert client.get(minutes_url(minutes))["Location"].startswith("/accounts/login/")
    client.force_login(evaluator)
    assert client.get(minutes_url(minutes)).status_code == 404
