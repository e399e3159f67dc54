"""The report's HTML, built from the presenter: every section, the quick facts, three languages, escaped text."""

from __future__ import annotations

import html as htmllib
import re

import pytest

from evaluations import reports
from evaluations.models import Criterion, EvaluationStatus, FollowUp, ManagementResponse, Priority, Rating
from evaluations.reports import LABELS, ReportPresenter, choice_label, render_html
from projects.models import Sex, TargetMeasure
from tests.evaluations_reports.conftest import HOSTILE, collapse, make_rich_evaluation
from tests.factories import make_evaluation

pytestmark = pytest.mark.django_db

SECTION_KEYS = [
    "executive_summary", "purpose_scope_methodology", "findings", "conclusions", "recommendations",
    "lessons", "good_practices", "progress", "annexes",
]  # fmt: skip


def text_of(html: str) -> str:
    """The body's text as a reader sees it: tags as spaces, entities decoded, whitespace collapsed."""
    body = html.split("<body>", 1)[1]
    return collapse(htmllib.unescape(re.sub(r"<[^>]+>", " ", body))).strip()


def test_every_language_has_every_label():
    assert LABELS["fr"].keys() == LABELS["en"].keys() == LABELS["es"].keys()
    for language in ("fr", "es"):
        for kind, choices in [
            ("criterion", Criterion), ("rating", Rating), ("priority", Priority), ("response", ManagementResponse),
            ("follow_up", FollowUp), ("status", EvaluationStatus), ("measure", TargetMeasure), ("sex", Sex),
        ]:  # fmt: skip
            for value in choices.values:
                assert choice_label(kind, value, language) != str(value), (kind, value, language)


def test_the_english_report_has_the_cover_facts_contents_and_every_section(hq_user, evaluator, officer):
    evaluation = make_rich_evaluation(language="en", hq=hq_user, evaluators=[evaluator])
    html = render_html(ReportPresenter.for_evaluation(evaluation, version=3))
    text = text_of(html)

    assert '<html lang="en">' in html and 'href="https://report.invalid/static/reports/report.css"' in html
    for label, value in [
        ("Title", evaluation.title),
        ("TC symbol", "IND/14/05/USA"),
        ("Type of evaluation", "Final · Independent"),
        ("Countries", "India"),
        ("Project dates", "1 January 2025 – 31 December 2028"),
        ("Evaluation dates", "1 March 2025 – 30 September 2025"),
        ("Donor", "Partner organisation"),
        ("Budget", "US$ 4,850,000"),
        ("Evaluation manager", str(hq_user)),
        ("Evaluators", str(evaluator)),
        ("Administrative office", "ILO Country Office for India"),
        ("Backstopping office", "FUNDAMENTALS/IPEC+, Geneva"),
    ]:
        assert f"{label} {value}" in text, label
    assert "Version 3" in text
    # The contents link to every section, each under its numbered heading.
    for number, key in enumerate(SECTION_KEYS, start=1):
        anchor = key.replace("_", "-")
        assert f'<a href="#{anchor}">{number}. {LABELS["en"][key]}</a>' in html
        assert f'<section id="{anchor}" class="chapter">\n  <h2>{number}. {LABELS["en"][key]}</h2>' in html
    # Findings and ratings for every criterion, the one without a rating says so.
    for criterion in ("Relevance", "Coherence", "Effectiveness", "Efficiency", "Impact", "Sustainability"):
        assert criterion in text
    assert "Relevance Highly satisfactory" in text and "Sustainability Not rated" in text
    # Recommendations with their management responses; lessons and good practices in ILO's fields.
    assert "Recommendation 6: strengthen" in text and "Partially accepted" in text and "In progress" in text
    assert "Context and related preconditions Remote districts" in text
    assert "Potential for replication High, wherever schools exist." in text
    # Progress against targets: the cells, the totals, the chart and its table.
    assert "Children withdrawn Girls 12–14 1,200 1,137 95 %" in text
    assert "Families assisted 640 655 102 %" in text
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart"') == 1
    assert '<title id="progress-ind-14-05-usa-title">Targets against actuals – IND/14/05/USA</title>' in html
    assert "Children withdrawn 2,000 2,049" in text  # the chart's data table: totals
    assert "señora Muñoz, M. Lefèvre" in text  # annexes, as written


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", ["Résumé analytique", "Constatations par critère d’évaluation", "Enseignements tirés",
                "Pertinence Très satisfaisant", "Durabilité Non noté", "Type d’évaluation Finale · Indépendante",
                "Enfants retirés du travail Filles 12–14 1 200 1 137 95 %", "1 janvier 2025 – 31 décembre 2028",
                "US$ 4 850 000", "Table des matières"]),
        ("es", ["Resumen ejecutivo", "Hallazgos por criterio de evaluación", "Lecciones aprendidas",
                "Pertinencia Muy satisfactorio", "Sostenibilidad Sin calificación", "Niñas 12–14",
                "1 de enero de 2025 – 31 de diciembre de 2028", "Índice", "Respuesta de la gerencia"]),
    ],
)  # fmt: skip
def test_the_report_speaks_the_evaluations_language(language, expected, hq_user):
    evaluation = make_rich_evaluation(language=language, hq=hq_user)
    html = render_html(ReportPresenter.for_evaluation(evaluation))
    text = text_of(html)
    assert f'<html lang="{language}">' in html
    for phrase in expected:
        assert phrase in text, phrase
    # What people typed stays as they wrote it, in English here.
    assert "Village committees kept children in school." in text


def test_user_text_is_escaped_everywhere(hq_user):
    evaluation = make_rich_evaluation(language="en", hq=hq_user, hostile=True, with_figures=False)
    html = render_html(ReportPresenter.for_evaluation(evaluation))
    assert "<script" not in html and "<img" not in html
    assert html.count("<style>") == 1 and html.count("</style>") == 1  # only the report's own
    assert "url(file:" not in html.split("<body>")[0].split("</style>")[0].split("<style>")[1]
    escaped = htmllib.escape(HOSTILE, quote=True).replace("&#x27;", "&#x27;")
    assert html.count("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;") >= 6  # title ×3, summary, finding…
    assert escaped.split("&lt;/style&gt;")[0] in html
    # …and reads back as the very text that was typed.
    assert HOSTILE in htmllib.unescape(html)


def test_an_empty_evaluation_says_what_is_missing(hq_user):
    html = render_html(ReportPresenter.for_evaluation(make_evaluation(language="en")))
    text = text_of(html)
    assert text.count("Not provided.") == 6  # summary, purpose, scope, methodology, conclusions, annexes
    assert text.count("No findings recorded.") == 6 and text.count("Not rated") == 12
    assert "No targets or results are recorded for this project." in text
    assert text.count("None recorded.") == 3 and "<svg" not in html
    assert re.search(r"Donor Partner organisation \d+ \(USA\)", text)  # no funding recorded: from the code


def test_the_footer_rule_is_built_from_the_reports_own_words_only():
    css = reports._page_footer_css(LABELS["es"])
    assert css == '@page { @bottom-right { content: "P\\e1 gina " counter(page) " de " counter(pages); } }'
    assert reports._css_string('"</style>') == '"\\22 \\3c \\2f style\\3e "'


def test_building_the_presenter_takes_a_fixed_number_of_queries(hq_user, django_assert_max_num_queries):
    evaluation = make_rich_evaluation(language="en", hq=hq_user, recommendations=12)
    with django_assert_max_num_queries(20):
        ReportPresenter.for_evaluation(evaluation)
