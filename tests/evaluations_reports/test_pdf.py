"""Real WeasyPrint renders, read back with pdftotext: every heading, the figures, accents, page X of Y.

A render takes about a second, so there are only three of them here.
"""

from __future__ import annotations

import logging
import re

import pytest

from evaluations import reports
from evaluations.reports import LABELS, TEMPLATE, ReportPresenter, render_to_pdf
from tests.evaluations_reports.conftest import make_rich_evaluation, pdf_text

pytestmark = pytest.mark.django_db

SECTION_KEYS = [
    "executive_summary", "purpose_scope_methodology", "findings", "conclusions", "recommendations",
    "lessons", "good_practices", "progress", "annexes",
]  # fmt: skip


@pytest.fixture
def fetched(monkeypatch):
    """Every URL the renders ask their fetcher for."""
    urls: list[str] = []
    make = reports.static_only_fetcher

    def recording():
        fetcher = make()
        original = fetcher.fetch

        def fetch(url, headers=None):
            urls.append(url)
            return original(url, headers)

        fetcher.fetch = fetch
        return fetcher

    monkeypatch.setattr(reports, "static_only_fetcher", recording)
    return urls


@pytest.fixture
def no_errors_logged(caplog):
    """A render that logs an ERROR (a missing stylesheet, a bad image…) fails the test."""
    caplog.set_level(logging.WARNING)
    yield
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    warnings = [
        r.getMessage() for r in caplog.records if r.name.startswith("weasyprint") and r.levelno >= logging.WARNING
    ]
    assert errors == [] and warnings == []


def test_the_french_report_reads_back_whole(hq_user, evaluator, tmp_path, fetched, no_errors_logged):
    evaluation = make_rich_evaluation(language="fr", hq=hq_user, evaluators=[evaluator], hostile=True)
    presenter = ReportPresenter.for_evaluation(evaluation, version=2)
    html, pdf = render_to_pdf(TEMPLATE, presenter.context())
    text = pdf_text(pdf, tmp_path)

    assert pdf.startswith(b"%PDF-") and '<html lang="fr">' in html
    assert "IND/14/05/USA" in text
    for number, key in enumerate(SECTION_KEYS, start=1):
        assert f"{number}. {LABELS['fr'][key]}" in text, key
    # Cover facts, accents and the Spanish ñ of the text people typed.
    assert "Évaluation finale indépendante du projet cacao – Côte d’Ivoire" in text
    assert "Données essentielles" in text and "Bureau administratif ILO Country Office for India" in text
    assert "Budget US$ 4 850 000" in text and "Dates du projet 1 janvier 2025 – 31 décembre 2028" in text
    assert "señora Muñoz, M. Lefèvre" in text and "Cañete" in text
    # The figures: targets against actuals, and the chart's own labels.
    assert "Enfants retirés du travail Filles 12–14 1 200 1 137 95 %" in text
    assert "Familles aidées 640 655 102 %" in text
    assert (
        "Cibles et réalisations – IND/14/05/USA Indicateur Cible Réalisé Enfants retirés du travail 2 000 2 049" in text
    )
    assert text.count("2 049") == 2  # drawn on the chart's bar, and in its data table
    # Hostile text is printed as text…
    assert '<script>alert("x")' in text and "url(file:///etc/passwd)" in text
    # …and nothing but the report's own stylesheet was ever fetched.
    assert fetched == [reports.STATIC_PREFIX + "reports/report.css"]


def test_pages_are_numbered_page_x_of_y_and_listed_in_the_contents(hq_user, tmp_path, no_errors_logged):
    evaluation = make_rich_evaluation(language="en", hq=hq_user)
    rendered = reports.render_evaluation(evaluation, version=1)
    pages = rendered.page_count
    assert pages >= 6
    text = pdf_text(rendered.pdf, tmp_path)
    # The cover carries no number; every other page says which it is of how many.
    for page in range(2, pages + 1):
        assert f"Page {page} of {pages}" in text
    assert "Page 1 of" not in text
    # Each line of the contents ends with the page its section starts on.
    assert re.search(r"1\. Executive summary \.{5,} ?\d+ ", text)
    assert re.search(rf"9\. Annexes \.{{5,}} ?{pages} ", text)


def test_the_spanish_report_has_its_headings_and_numbers(hq_user, tmp_path, no_errors_logged):
    evaluation = make_rich_evaluation(language="es", hq=hq_user)
    rendered = reports.render_evaluation(evaluation)
    text = pdf_text(rendered.pdf, tmp_path)
    for number, key in enumerate(SECTION_KEYS, start=1):
        assert f"{number}. {LABELS['es'][key]}" in text, key
    assert f"Página 2 de {rendered.page_count}" in text
    assert "Evaluación final independiente del proyecto de niños en la minería" in text
    assert "Niñas 12–14" in text and "Índice" in text
