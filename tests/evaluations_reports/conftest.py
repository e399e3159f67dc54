"""Fixtures of the evaluation report tests: a realistic evaluation, files kept in tmp, a stand-in renderer."""

from __future__ import annotations

import datetime
import re
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.base import ContentFile

from accounts.models import Role
from countries.models import Country
from evaluations import reports
from evaluations.models import (
    Criterion,
    Evaluation,
    EvaluationReport,
    FollowUp,
    ManagementResponse,
    Priority,
    ReportState,
)
from evaluations.services import (
    evaluation_advance,
    finding_record,
    good_practice_add,
    lesson_add,
    recommendation_add,
    recommendation_respond,
)
from partners.models import Donor
from projects.models import ProjectStatus
from projects.progress_reports import report_review, report_save, report_submit, schedule_ensure
from projects.services import funding_record, project_change_status, target_set
from tests.factories import UserFactory, make_evaluation, make_project

# Text a hostile user might type into any field: it must come out as text, and load nothing.
HOSTILE = (
    '<script>alert("x")</script><img src="http://127.0.0.1:1/x.png"></style>'
    "<style>body{background:url(file:///etc/passwd)}</style> url(file:///etc/passwd)"
)

# Targets of the realistic project: (measure, sex, age band) -> target, and the accepted actuals.
TARGETS = {
    ("withdrawn", "girls", "12-14"): 1200,
    ("withdrawn", "boys", "12-14"): 800,
    ("prevented", "girls", "5-11"): 2500,
    ("families", "", ""): 640,
}
ACTUALS = {
    ("withdrawn", "girls", "12-14"): 1137,
    ("withdrawn", "boys", "12-14"): 912,
    ("prevented", "girls", "5-11"): 2048,
    ("families", "", ""): 655,
}

# Words of the report in each language, with accents and ñ, as people write them.
TEXTS = {
    "en": {
        "title": "Final independent evaluation of the cocoa child labour project",
        "summary": "The project withdrew children from hazardous work in cocoa farming.",
    },
    "fr": {
        "title": "Évaluation finale indépendante du projet cacao – Côte d’Ivoire",
        "summary": "Le projet a retiré des enfants des travaux dangereux ; les comités villageois ont été créés.",
    },
    "es": {
        "title": "Evaluación final independiente del proyecto de niños en la minería",
        "summary": "El proyecto retiró a niñas y niños del trabajo peligroso en la minería artesanal.",
    },
}


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def officer(db):
    return UserFactory(username="officer", role=Role.HQ, first_name="Ana", last_name="Núñez")


def _accept_figures(project, cta, hq) -> None:
    """Accepted progress report figures: the project's actuals."""
    project_change_status(
        project=project, to_status=ProjectStatus.APPROVED, effective_on=datetime.date(2024, 12, 1), changed_by=hq
    )
    project_change_status(
        project=project, to_status=ProjectStatus.ACTIVE, effective_on=datetime.date(2025, 1, 1), changed_by=hq
    )
    schedule_ensure(project=project)
    report = project.progress_reports.order_by("period_start").first()
    india = Country.objects.get(iso3="IND")
    report = report_save(
        report=report,
        by=cta,
        expected_version=report.version,
        rating="on_track",
        narrative="Good progress.",
        figures={(india.pk, m, s, a): v for (m, s, a), v in ACTUALS.items()},
    )
    report = report_submit(report=report, by=cta, expected_version=report.version)
    report_review(report=report, by=hq, expected_version=report.version, accept=True)


def make_rich_evaluation(
    *,
    language: str = "en",
    hq,
    evaluators=(),
    hostile: bool = False,
    with_figures: bool = True,
    recommendations: int = 6,
    code: str = "IND/14/05/USA",
) -> Evaluation:
    """An evaluation as a real one looks: every section written, six findings, recommendations with
    responses, lessons, good practices, targets and accepted actuals."""
    cta = UserFactory(username=f"cta-{code}", role=Role.CTA)
    project = make_project(
        code=code,
        title="Combating child labour in cocoa and mining",
        cta=cta,
        hq_backstopping_officer=hq,
        planned_start=datetime.date(2025, 1, 1),
        planned_end=datetime.date(2028, 12, 31),
        budget_usd=Decimal("4850000"),
        administrative_office="ILO Country Office for India",
    )
    funding_record(project=project, donor=Donor.objects.get(code="USA"), amount_usd=Decimal("4850000"))
    for (measure, sex, band), value in TARGETS.items():
        target_set(project=project, measure=measure, sex=sex, age_band=band, value=value)
    if with_figures:
        _accept_figures(project, cta, hq)
    words = TEXTS[language]
    bad = f" {HOSTILE}" if hostile else ""
    evaluation = make_evaluation(
        project=project,
        title=words["title"] + bad,
        language=language,
        evaluators=list(evaluators),
        evaluation_manager=hq,
        created_by=hq,
        planned_start=datetime.date(2025, 3, 1),
        planned_end=datetime.date(2025, 9, 30),
        executive_summary=(words["summary"] + bad + "\n\n") * 6,
        purpose="To assess results and draw lessons for the next phase. " * 8,
        scope_text="All four districts, 2025–2028; Spanish-speaking sites in Cañete included. " * 6,
        methodology="Document review, 84 interviews, 12 focus groups with girls and boys. " * 10,
        conclusions="The project reached most of its targets; sustainability depends on the ministry. " * 10,
        annexes="Annex 1: Terms of reference.\nAnnex 2: People interviewed – señora Muñoz, M. Lefèvre." + bad,
    )
    for number, criterion in enumerate(Criterion.values):
        finding_record(
            evaluation=evaluation,
            criterion=criterion,
            text=f"Findings on {criterion}: the evidence shows steady progress. " * 12
            + (bad if criterion == "relevance" else ""),
            rating=[6, 5, 4, 3, 5, None][number],
        )
    for number in range(1, recommendations + 1):
        recommendation = recommendation_add(
            evaluation=evaluation,
            text=f"Recommendation {number}: strengthen the child labour monitoring system. " * 3
            + (bad if number == 1 else ""),
            addressee="Ministry of Labour and ILO-IPEC",
            priority=[Priority.HIGH, Priority.MEDIUM, Priority.LOW][number % 3],
            timeframe="Within 6 months",
        )
        recommendation_respond(
            recommendation=recommendation,
            management_response=[ManagementResponse.ACCEPTED, ManagementResponse.PARTIALLY][number % 2],
            response_comment="Agreed; funds are foreseen in the next phase.",
            follow_up=FollowUp.IN_PROGRESS,
        )
    for number in (1, 2):
        lesson_add(
            evaluation=evaluation,
            title=f"Lesson {number}: community ownership" + bad,
            description="Village committees kept children in school. " * 4,
            context="Remote districts with seasonal work.",
            challenges="Turnover of labour inspectors.",
            causal_factors="Local leaders chaired the committees.",
            targeted_users="Project designers, ministries.",
            success="Enrolment rose by a third.",
            administrative_issues="Late transfers of funds.",
        )
        good_practice_add(
            evaluation=evaluation,
            title=f"Good practice {number}: child labour monitoring",
            summary="Teachers report absences to the committee weekly. " * 4,
            conditions="A school in every village.",
            cause_effect="Early follow-up of absent children prevents drop-out.",
            measurable_impact="Drop-out fell from 14 % to 6 %.",
            replication_potential="High, wherever schools exist.",
        )
    return Evaluation.objects.get(pk=evaluation.pk)


def advance_to(evaluation: Evaluation, status: str, by, *, make_report: bool = False) -> Evaluation:
    """Move the evaluation step by step up to `status` (each step dated today), by default without
    the report that reaching the draft or final report would queue."""
    today = datetime.date.today()
    while evaluation.status != status:
        evaluation_advance(evaluation=evaluation, reached_on=today, changed_by=by, make_report=make_report)
        evaluation.refresh_from_db()
    return evaluation


FAKE_PDF = b"%PDF-1.7\n% a stand-in for a rendered report\n%%EOF\n"


@pytest.fixture
def fake_render(monkeypatch):
    """Replace the WeasyPrint render by a stand-in (a real render takes about a second); returns its calls."""
    calls: list[int | None] = []

    def render(evaluation, *, version=None):
        calls.append(version)
        return reports.RenderedPdf(html="<p>stand-in</p>", pdf=FAKE_PDF + str(version).encode(), page_count=7)

    monkeypatch.setattr(reports, "render_evaluation", render)
    return calls


def ready_report(evaluation: Evaluation, *, version: int = 1, content: bytes = FAKE_PDF, by=None) -> EvaluationReport:
    """A ready report row with its file, as a worker leaves it."""
    import hashlib

    report = EvaluationReport(
        evaluation=evaluation, version=version, language=evaluation.language, requested_by=by, state=ReportState.READY
    )
    report.file.save("report.pdf", ContentFile(content), save=False)
    report.sha256, report.size_bytes, report.page_count = hashlib.sha256(content).hexdigest(), len(content), 3
    report.save()
    return report


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    """The PDF's text as pdftotext reads it (in layout order: a table row is a line), whitespace collapsed."""
    path = tmp_path / "read-back.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout
    return re.sub(r"[\s\u00a0\u202f]+", " ", text.decode("utf-8"))


def collapse(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)
