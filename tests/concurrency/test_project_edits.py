"""Twenty simultaneous edits of one project's status form: one is saved, nineteen are told, none is lost or doubled."""

from __future__ import annotations

import pytest
from django.utils import timezone

from projects.models import Project
from tests.concurrency.conftest import one_winner, people, send_all, text

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_twenty_edits_of_the_same_project_status_one_wins(live_server, active_project, cta):
    before = Project.objects.get(pk=active_project.pk)
    history_before = before.history.count()
    path = f"/projects/{active_project.slug}/status/"
    browsers = people(live_server, cta, path)
    forms = [
        {
            "version": str(before.version),  # what each of them read
            "rating": "at_risk",
            "status_note": f"Note written by person {number}.",
            "to_status": "",
            "effective_on": timezone.localdate().isoformat(),
            "actual_start": before.actual_start.isoformat() if before.actual_start else "",
            "actual_end": "",
        }
        for number in range(len(browsers))
    ]

    answers = send_all(browsers, path, forms)

    winner, losers = one_winner(answers, "Someone else saved this project while you were editing it")
    assert all("Nothing of yours was saved" in text(loser) for loser in losers)
    after = Project.objects.get(pk=active_project.pk)
    assert after.version == before.version + 1
    assert after.history.count() == history_before + 1
    # The note saved is the winner's, whole; every loser's page names the winner's change.
    number = answers.index(winner)
    assert after.status_note == f"Note written by person {number}." and after.rating == "at_risk"
    assert all(f"to Note written by person {number}." in text(loser) for loser in losers)
