"""What our Python says to a person, in French and Spanish: form errors, flash messages, refusals of a stale edit.

English stays the default (the other suites check its exact wording); here the reader's
language is chosen by the switcher's cookie, as a person would.
"""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from projects.services import project_update_status
from tests.views.conftest import page_text

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def _speaking(client, user, language: str):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _status_form(project, **changes) -> dict:
    values = {
        "version": project.version,
        "rating": "at_risk",
        "status_note": "Situation sécuritaire dans deux districts.",
        "to_status": "",
        "effective_on": timezone.localdate().isoformat(),
        "actual_start": project.actual_start.isoformat(),
        "actual_end": "",
    }
    return values | changes


@pytest.mark.parametrize(
    ("language", "label", "future", "not_a_date"),
    [
        ("fr", "Note de situation", "Une date effective ne peut pas être dans le futur.", "Saisissez une date valide."),
        ("es", "Nota de situación", "Una fecha real no puede estar en el futuro.", "Introduzca una fecha válida."),
    ],
)  # fmt: skip
def test_the_cta_status_form_and_its_errors(client, cta, active_project, language, label, future, not_a_date):
    client = _speaking(client, cta, language)
    url = reverse("projects:status", args=[active_project.slug])
    assert label in page_text(client.get(url))

    # A date in the future: the service's refusal, on the field, in the reader's language.
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = client.post(url, _status_form(active_project, actual_end=tomorrow))
    assert response.status_code == 200
    assert response.context["form"].errors["actual_end"] == [future]
    assert future in page_text(response)

    # Not a date at all: Django's own message, in the same language.
    response = client.post(url, _status_form(active_project, actual_end="2025-13-45"))
    assert not_a_date in page_text(response)
    active_project.refresh_from_db()
    assert active_project.actual_end is None


@pytest.mark.parametrize(
    ("language", "flash"),
    [("fr", "La situation du projet est mise à jour."), ("es", "Se ha actualizado la situación del proyecto.")],
)
def test_a_flash_message_after_a_successful_update(client, cta, active_project, language, flash):
    client = _speaking(client, cta, language)
    response = client.post(
        reverse("projects:status", args=[active_project.slug]), _status_form(active_project), follow=True
    )
    assert response.redirect_chain == [(reverse("projects:detail", args=[active_project.slug]), 302)]
    assert flash in page_text(response)
    assert "The project's status is updated." not in page_text(response)


@pytest.mark.parametrize(
    ("language", "refusal", "change"),
    [
        (
            "fr",
            "Quelqu’un d’autre a enregistré ce projet pendant que vous le modifiiez :",
            "hq-test a changé « appréciation actuelle » de (vide) en En retard",
        ),
        (
            "es",
            "Otra persona guardó este proyecto mientras usted lo editaba:",
            "hq-test cambió «calificación actual» de (vacío) a Desviado",
        ),
    ],
)
def test_a_stale_edit_is_refused_in_the_readers_language(
    client, cta, hq_user, active_project, language, refusal, change
):
    version = active_project.version
    project_update_status(
        project=active_project, by=hq_user, expected_version=version, rating="off_track", status_note="Stopped.",
        actual_start=active_project.actual_start,
    )  # fmt: skip
    client = _speaking(client, cta, language)
    response = client.post(
        reverse("projects:narrative", args=[active_project.slug]),
        {"version": version, "summary": "Vue ancienne", "objectives": ""},
    )
    text = page_text(response)  # a non-breaking space is a space here, as it is to a reader
    assert refusal in text and change in text, text
    assert "Someone else saved" not in text
    # The moment of the change is written the language's way too.
    month = {"fr": "févr.|janv.|mars|avr.|mai|juin|juil.|août|sept.|oct.|nov.|déc.", "es": "/"}[language]
    assert any(part in text.split(change, 1)[1][:40] for part in month.split("|"))


def test_a_progress_figure_is_labelled_in_the_readers_language(client, cta, first_report):
    client = _speaking(client, cta, "fr")
    response = client.get(reverse("projects:report", args=[first_report.project.slug, first_report.pk]))
    labels = {str(field.label) for field in response.context["edit_form"]}
    assert f"Inde{NBSP}: enfants retirés du travail, filles, 12–14 ans" in labels, sorted(labels)
    assert f"Inde{NBSP}: familles aidées" in labels
    assert "Enfants retirés du travail, filles" in page_text(response)  # the grid's row, built once, read in French


def test_emails_stay_in_english_when_a_french_page_sends_them(
    client,
    hq_user,
    submitted_report,
    django_capture_on_commit_callbacks,
):
    """A report returned from a French page: the CTA's e-mail is in the site's language, not the officer's."""
    client = _speaking(client, hq_user, "fr")
    url = reverse("projects:report-review", args=[submitted_report.project.slug, submitted_report.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"version": submitted_report.version, "decision": "return", "comment": "Ajoutez les garçons."},
            follow=True,
        )  # fmt: skip
    assert "Le rapport est renvoyé au CTP." in page_text(response)
    message = mail.outbox[-1]
    assert message.subject == f"[IPEC] Progress report returned: {submitted_report.project.code}"
    assert "was returned." in message.body and "HQ's comment:\nAjoutez les garçons." in message.body


def test_dates_inside_sentences():
    from ipec.wording import day_in_sentence, moment_in_sentence

    day = datetime.date(2012, 3, 1)
    moment = datetime.datetime(2024, 2, 5, 14, 7)
    written = {}
    for language in ("en", "fr", "es"):
        with translation.override(language):
            written[language] = (day_in_sentence(day), moment_in_sentence(moment))
    assert written == {
        "en": ("01 March 2012", "05 Feb 2024 14:07"),
        "fr": ("1 mars 2012", "5 fév. 2024, 14:07"),
        "es": ("1 de marzo de 2012", "05/02/2024, 14:07"),
    }
