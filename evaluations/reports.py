"""The evaluation report as a PDF: what it says (a presenter), how it is drawn, and what the renderer may fetch.

- `ReportPresenter.for_evaluation(evaluation)` gathers everything the template shows, with the
  report's own headings and labels in the evaluation's language (LABELS below: English, French,
  Spanish). What people typed is passed on as written; the template escapes it (autoescape),
  and nothing here marks user text safe.
- `render_to_pdf(template, context) -> (html, pdf_bytes)`: tests assert on the HTML.
- `StaticOnlyFetcher`: WeasyPrint may load the site's own static files (the report's CSS)
  and nothing else: no network, no file://, no data:, no media. See `fetch_static`.

WeasyPrint is imported only when a PDF is drawn: web processes that never render do not
load Pango and cairo.
"""

from __future__ import annotations

import datetime
import logging
import posixpath
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, partial
from typing import Any
from urllib.parse import unquote, urlsplit

from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.safestring import SafeString, mark_safe

from evaluations.models import (
    Criterion,
    Evaluation,
    EvaluationScope,
    EvaluationStatus,
    EvaluationStep,
    FollowUp,
    ManagementResponse,
    Modality,
    Priority,
    Rating,
    Timing,
)
from ipec.charts import Bar, BarChart
from projects.models import Project, Sex, TargetMeasure
from projects.progress_reports import targets_against_actuals, totals_against_targets

logger = logging.getLogger(__name__)

TEMPLATE = "evaluations/report/report.html"

# The renderer sees the report as if it were served from this origin, which never resolves
# (.invalid is reserved): relative URLs in the template join onto it, and the fetcher maps
# STATIC_PREFIX onto the static files on disk. Every other URL is refused.
REPORT_ORIGIN = "https://report.invalid/"
STATIC_PREFIX = REPORT_ORIGIN + "static/"
# The only kinds of file a report needs: its stylesheet, and images or fonts it may use later.
STATIC_TYPES = {
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
}


# The report's own words, per language -------------------------------------------------------

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "organisation": "International Labour Organization",
        "programme": "International Programme on the Elimination of Child Labour (IPEC)",
        "report_title": "Evaluation report",
        "quick_facts": "Quick facts",
        "contents": "Contents",
        "page": "Page",
        "of": "of",
        "version": "Version",
        "generated_on": "Generated on",
        "title": "Title",
        "tc_symbol": "TC symbol",
        "type": "Type of evaluation",
        "countries": "Countries",
        "project_dates": "Project dates",
        "evaluation_dates": "Evaluation dates",
        "donor": "Donor",
        "budget": "Budget",
        "evaluation_manager": "Evaluation manager",
        "evaluators": "Evaluators",
        "administrative_office": "Administrative office",
        "backstopping_office": "Backstopping office",
        "report_status": "Status",
        "executive_summary": "Executive summary",
        "purpose_scope_methodology": "Purpose, scope and methodology",
        "purpose": "Purpose",
        "scope": "Scope",
        "methodology": "Methodology",
        "findings": "Findings by evaluation criterion",
        "criterion": "Criterion",
        "rating": "Rating",
        "ratings_summary": "Ratings at a glance",
        "conclusions": "Conclusions",
        "recommendations": "Recommendations and management responses",
        "number": "No.",
        "recommendation": "Recommendation",
        "addressee": "Addressed to",
        "priority": "Priority",
        "timeframe": "Timeframe",
        "management_response": "Management response",
        "follow_up": "Follow-up",
        "lessons": "Lessons learned",
        "good_practices": "Emerging good practices",
        "progress": "Progress against targets",
        "measure": "Measure",
        "sex": "Sex",
        "age": "Age",
        "target": "Target",
        "actual": "Actual",
        "reached": "Reached",
        "chart_title": "Targets against actuals",
        "chart_description": "Horizontal bars: the target and the actual figure of each measure; the table below gives the same figures.",
        "annexes": "Annexes",
        "not_provided": "Not provided.",
        "none_recorded": "None recorded.",
        "not_rated": "Not rated",
        "no_findings": "No findings recorded.",
        "no_response": "No response yet",
        "no_targets": "No targets or results are recorded for this project.",
        "not_set": "Not set",
        "date_format": "j F Y",
    },
    "fr": {
        "organisation": "Organisation internationale du Travail",
        "programme": "Programme international pour l’abolition du travail des enfants (IPEC)",
        "report_title": "Rapport d’évaluation",
        "quick_facts": "Données essentielles",
        "contents": "Table des matières",
        "page": "Page",
        "of": "sur",
        "version": "Version",
        "generated_on": "Produit le",
        "title": "Titre",
        "tc_symbol": "Symbole de CT",
        "type": "Type d’évaluation",
        "countries": "Pays",
        "project_dates": "Dates du projet",
        "evaluation_dates": "Dates de l’évaluation",
        "donor": "Donateur",
        "budget": "Budget",
        "evaluation_manager": "Responsable de l’évaluation",
        "evaluators": "Évaluateurs",
        "administrative_office": "Bureau administratif",
        "backstopping_office": "Bureau d’appui technique",
        "report_status": "Statut",
        "executive_summary": "Résumé analytique",
        "purpose_scope_methodology": "Objet, portée et méthodologie",
        "purpose": "Objet",
        "scope": "Portée",
        "methodology": "Méthodologie",
        "findings": "Constatations par critère d’évaluation",
        "criterion": "Critère",
        "rating": "Notation",
        "ratings_summary": "Notations en bref",
        "conclusions": "Conclusions",
        "recommendations": "Recommandations et réponses de la direction",
        "number": "N°",
        "recommendation": "Recommandation",
        "addressee": "Destinataire",
        "priority": "Priorité",
        "timeframe": "Délai",
        "management_response": "Réponse de la direction",
        "follow_up": "Suivi",
        "lessons": "Enseignements tirés",
        "good_practices": "Bonnes pratiques émergentes",
        "progress": "Progrès par rapport aux cibles",
        "measure": "Indicateur",
        "sex": "Sexe",
        "age": "Âge",
        "target": "Cible",
        "actual": "Réalisé",
        "reached": "Atteint",
        "chart_title": "Cibles et réalisations",
        "chart_description": "Barres horizontales : la cible et le chiffre réalisé de chaque indicateur ; le tableau ci-dessous donne les mêmes chiffres.",
        "annexes": "Annexes",
        "not_provided": "Non renseigné.",
        "none_recorded": "Aucun élément enregistré.",
        "not_rated": "Non noté",
        "no_findings": "Aucune constatation enregistrée.",
        "no_response": "Pas encore de réponse",
        "no_targets": "Aucune cible ni aucun résultat n’est enregistré pour ce projet.",
        "not_set": "Non défini",
        "date_format": "j F Y",
    },
    "es": {
        "organisation": "Organización Internacional del Trabajo",
        "programme": "Programa Internacional para la Erradicación del Trabajo Infantil (IPEC)",
        "report_title": "Informe de evaluación",
        "quick_facts": "Datos básicos",
        "contents": "Índice",
        "page": "Página",
        "of": "de",
        "version": "Versión",
        "generated_on": "Generado el",
        "title": "Título",
        "tc_symbol": "Símbolo de CT",
        "type": "Tipo de evaluación",
        "countries": "Países",
        "project_dates": "Fechas del proyecto",
        "evaluation_dates": "Fechas de la evaluación",
        "donor": "Donante",
        "budget": "Presupuesto",
        "evaluation_manager": "Gerente de la evaluación",
        "evaluators": "Evaluadores",
        "administrative_office": "Oficina administrativa",
        "backstopping_office": "Oficina de respaldo técnico",
        "report_status": "Estado",
        "executive_summary": "Resumen ejecutivo",
        "purpose_scope_methodology": "Propósito, alcance y metodología",
        "purpose": "Propósito",
        "scope": "Alcance",
        "methodology": "Metodología",
        "findings": "Hallazgos por criterio de evaluación",
        "criterion": "Criterio",
        "rating": "Calificación",
        "ratings_summary": "Calificaciones en resumen",
        "conclusions": "Conclusiones",
        "recommendations": "Recomendaciones y respuestas de la gerencia",
        "number": "N.º",
        "recommendation": "Recomendación",
        "addressee": "Dirigida a",
        "priority": "Prioridad",
        "timeframe": "Plazo",
        "management_response": "Respuesta de la gerencia",
        "follow_up": "Seguimiento",
        "lessons": "Lecciones aprendidas",
        "good_practices": "Buenas prácticas emergentes",
        "progress": "Avances respecto de las metas",
        "measure": "Indicador",
        "sex": "Sexo",
        "age": "Edad",
        "target": "Meta",
        "actual": "Logrado",
        "reached": "Alcanzado",
        "chart_title": "Metas y logros",
        "chart_description": "Barras horizontales: la meta y la cifra lograda de cada indicador; la tabla siguiente da las mismas cifras.",
        "annexes": "Anexos",
        "not_provided": "No se ha proporcionado.",
        "none_recorded": "Ningún elemento registrado.",
        "not_rated": "Sin calificación",
        "no_findings": "No se registraron hallazgos.",
        "no_response": "Sin respuesta todavía",
        "no_targets": "No hay metas ni resultados registrados para este proyecto.",
        "not_set": "Sin definir",
        "date_format": r"j \d\e F \d\e Y",
    },
}

# The names of the model's choices, per language: (English as in the model, French, Spanish).
_CHOICES: dict[str, dict[Any, tuple[str, str]]] = {
    "criterion": {
        Criterion.RELEVANCE: ("Pertinence", "Pertinencia"),
        Criterion.COHERENCE: ("Cohérence", "Coherencia"),
        Criterion.EFFECTIVENESS: ("Efficacité", "Eficacia"),
        Criterion.EFFICIENCY: ("Efficience", "Eficiencia"),
        Criterion.IMPACT: ("Impact", "Impacto"),
        Criterion.SUSTAINABILITY: ("Durabilité", "Sostenibilidad"),
    },
    "rating": {
        Rating.HIGHLY_SATISFACTORY: ("Très satisfaisant", "Muy satisfactorio"),
        Rating.SATISFACTORY: ("Satisfaisant", "Satisfactorio"),
        Rating.SOMEWHAT_SATISFACTORY: ("Plutôt satisfaisant", "Algo satisfactorio"),
        Rating.SOMEWHAT_UNSATISFACTORY: ("Plutôt insatisfaisant", "Algo insatisfactorio"),
        Rating.UNSATISFACTORY: ("Insatisfaisant", "Insatisfactorio"),
        Rating.HIGHLY_UNSATISFACTORY: ("Très insatisfaisant", "Muy insatisfactorio"),
    },
    "scope": {
        EvaluationScope.PROJECT: ("Évaluation de projet", "Evaluación de proyecto"),
        EvaluationScope.CLUSTER: ("Évaluation groupée", "Evaluación agrupada"),
        EvaluationScope.THEMATIC: ("Évaluation thématique", "Evaluación temática"),
    },
    "timing": {
        Timing.MIDTERM: ("À mi-parcours", "De medio término"),
        Timing.FINAL: ("Finale", "Final"),
        Timing.EXPOST: ("Ex post", "Ex post"),
    },
    "modality": {
        Modality.INDEPENDENT: ("Indépendante", "Independiente"),
        Modality.INTERNAL: ("Interne", "Interna"),
        Modality.SELF: ("Auto-évaluation", "Autoevaluación"),
    },
    "status": {
        EvaluationStatus.PLANNED: ("Prévue", "Planificada"),
        EvaluationStatus.TERMS_OF_REFERENCE: ("Termes de référence", "Términos de referencia"),
        EvaluationStatus.EVALUATOR_CONTRACTED: ("Évaluateur recruté", "Evaluador contratado"),
        EvaluationStatus.FIELDWORK: ("Travail de terrain", "Trabajo de campo"),
        EvaluationStatus.DRAFT_REPORT: ("Projet de rapport", "Borrador de informe"),
        EvaluationStatus.FINAL_REPORT: ("Rapport final", "Informe final"),
        EvaluationStatus.PUBLISHED: ("Publiée", "Publicada"),
    },
    "priority": {
        Priority.HIGH: ("Haute", "Alta"),
        Priority.MEDIUM: ("Moyenne", "Media"),
        Priority.LOW: ("Basse", "Baja"),
    },
    "response": {
        ManagementResponse.ACCEPTED: ("Acceptée", "Aceptada"),
        ManagementResponse.PARTIALLY: ("Partiellement acceptée", "Parcialmente aceptada"),
        ManagementResponse.REJECTED: ("Rejetée", "Rechazada"),
    },
    "follow_up": {
        FollowUp.NOT_STARTED: ("Non commencé", "No iniciado"),
        FollowUp.IN_PROGRESS: ("En cours", "En curso"),
        FollowUp.COMPLETED: ("Achevé", "Completado"),
    },
    "measure": {
        TargetMeasure.WITHDRAWN: ("Enfants retirés du travail", "Niños retirados del trabajo"),
        TargetMeasure.PREVENTED: ("Enfants protégés (prévention)", "Niños protegidos (prevención)"),
        TargetMeasure.FAMILIES: ("Familles aidées", "Familias asistidas"),
    },
    "sex": {
        Sex.GIRLS: ("Filles", "Niñas"),
        Sex.BOYS: ("Garçons", "Niños"),
    },
}

# The fields of a lesson and of a good practice, in the ILO templates' order.
LESSON_FIELDS: dict[str, tuple[str, str, str]] = {
    "description": ("Brief description", "Brève description", "Breve descripción"),
    "context": ("Context and related preconditions", "Contexte et conditions préalables", "Contexto y condiciones previas"),
    "challenges": ("Challenges / negative lessons", "Difficultés / leçons négatives", "Desafíos / lecciones negativas"),
    "causal_factors": ("Causal factors", "Facteurs de causalité", "Factores causales"),
    "targeted_users": ("Targeted users / beneficiaries", "Utilisateurs ciblés / bénéficiaires", "Usuarios destinatarios / beneficiarios"),
    "success": ("Success / positive issues", "Succès / aspects positifs", "Éxitos / aspectos positivos"),
    "administrative_issues": ("ILO administrative issues", "Questions administratives de l’OIT", "Cuestiones administrativas de la OIT"),
}  # fmt: skip
GOOD_PRACTICE_FIELDS: dict[str, tuple[str, str, str]] = {
    "summary": ("Brief summary", "Bref résumé", "Breve resumen"),
    "conditions": ("Relevant conditions and context", "Conditions et contexte pertinents", "Condiciones y contexto pertinentes"),
    "cause_effect": ("Cause–effect relationship", "Relation de cause à effet", "Relación causa-efecto"),
    "measurable_impact": ("Measurable impact and targeted beneficiaries", "Impact mesurable et bénéficiaires ciblés", "Impacto medible y beneficiarios destinatarios"),
    "replication_potential": ("Potential for replication", "Potentiel de reproduction", "Potencial de replicación"),
}  # fmt: skip

LANGUAGES = ("en", "fr", "es")


# In English the report says what the models say.
_ENGLISH: dict[str, dict[Any, str]] = {
    "criterion": dict(Criterion.choices),
    "rating": dict(Rating.choices),
    "scope": dict(EvaluationScope.choices),
    "timing": dict(Timing.choices),
    "modality": dict(Modality.choices),
    "status": dict(EvaluationStatus.choices),
    "priority": dict(Priority.choices),
    "response": dict(ManagementResponse.choices),
    "follow_up": dict(FollowUp.choices),
    "measure": dict(TargetMeasure.choices),
    "sex": dict(Sex.choices),
}


def choice_label(kind: str, value: Any, language: str) -> str:
    """The report's name for a model choice in `language`."""
    if language == "en":
        return str(_ENGLISH[kind].get(value, value))
    names = _CHOICES[kind].get(value)
    return names[LANGUAGES.index(language) - 1] if names else str(value)


def report_language(language: str) -> str:
    return language if language in LABELS else "en"


# The presenter -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fact:
    label: str
    value: str


@dataclass(frozen=True)
class Section:
    """A numbered section of the report, listed in the contents."""

    anchor: str
    number: int
    heading: str


@dataclass(frozen=True)
class FindingRow:
    criterion: str
    rating: str
    rated: bool
    text: str


@dataclass(frozen=True)
class RecommendationRow:
    number: int
    text: str
    addressee: str
    priority: str
    timeframe: str
    response: str
    response_comment: str
    follow_up: str


@dataclass(frozen=True)
class Entry:
    """A lesson learned or a good practice: its title and its filled-in template fields."""

    title: str
    fields: list[tuple[str, str]]


@dataclass(frozen=True)
class ProjectProgress:
    code: str
    title: str
    rows: list[dict[str, Any]]
    chart: BarChart | None


@dataclass(frozen=True)
class ReportPresenter:
    """Everything the report template shows, already in the report's language; user text as typed."""

    language: str
    labels: dict[str, str]
    title: str
    codes: list[str]
    facts: list[Fact]
    sections: list[Section]
    status: str
    version: int | None
    generated_on: str
    executive_summary: str
    purpose: str
    scope: str
    methodology: str
    findings: list[FindingRow]
    conclusions: str
    recommendations: list[RecommendationRow]
    lessons: list[Entry]
    good_practices: list[Entry]
    progress: list[ProjectProgress]
    annexes: str
    page_footer_css: SafeString = field(default=SafeString(""), repr=False)

    @classmethod
    def for_evaluation(
        cls, evaluation: Evaluation, *, version: int | None = None, now: datetime.datetime | None = None
    ) -> ReportPresenter:
        language = report_language(evaluation.language)
        with translation.override(language):
            return _build(evaluation, language, version, now or timezone.now())

    def context(self, *, static_prefix: str = STATIC_PREFIX) -> dict[str, Any]:
        return {"report": self, "labels": self.labels, "static_prefix": static_prefix}


def _evaluation_with_content(evaluation: Evaluation) -> Evaluation:
    """The evaluation again, with everything the report shows fetched in a fixed number of queries."""
    projects = Project.objects.order_by("code").prefetch_related(
        Prefetch("countries"), Prefetch("partnerships__partner")
    )
    return (
        Evaluation.objects.select_related("evaluation_manager")
        .prefetch_related(
            Prefetch("projects", queryset=projects),
            "evaluators",
            "findings",
            "recommendations",
            "lessons",
            "good_practices",
            Prefetch("steps", queryset=EvaluationStep.objects.order_by("changed_at", "id")),
        )
        .get(pk=evaluation.pk)
    )


def _build(evaluation: Evaluation, language: str, version: int | None, now: datetime.datetime) -> ReportPresenter:
    labels = LABELS[language]
    evaluation = _evaluation_with_content(evaluation)
    projects = list(evaluation.projects.all())

    def date(value: datetime.date | None) -> str:
        return formats.date_format(value, labels["date_format"], use_l10n=True) if value else ""

    def span(start: datetime.date | None, end: datetime.date | None) -> str:
        return " – ".join(filter(None, (date(start), date(end)))) or labels["not_set"]

    number = partial(format_number, language=language)

    def people(users) -> str:
        return ", ".join(str(user) for user in users) or labels["not_set"]

    def unique(values) -> list[str]:
        return list(dict.fromkeys(v for v in values if v))

    countries = unique(country.name for project in projects for country in project.countries.all())
    donors = unique(
        str(partnership.partner)
        for project in projects
        for partnership in project.partnerships.all()
        if partnership.role == "funding"
    ) or _donors_by_code(project.code.rsplit("/", 1)[-1] for project in projects)
    starts = [p.actual_start or p.planned_start for p in projects if p.actual_start or p.planned_start]
    ends = [p.actual_end or p.planned_end for p in projects if p.actual_end or p.planned_end]
    steps = {step.status: step.reached_on for step in evaluation.steps.all()}
    type_parts = [
        choice_label("timing", evaluation.timing, language),
        choice_label("modality", evaluation.modality, language),
    ]
    if evaluation.scope != EvaluationScope.PROJECT:
        type_parts.insert(0, choice_label("scope", evaluation.scope, language))

    facts = [
        Fact(labels["title"], evaluation.title),
        Fact(labels["tc_symbol"], ", ".join(p.code for p in projects)),
        Fact(labels["type"], " · ".join(type_parts)),
        Fact(labels["countries"], ", ".join(countries) or labels["not_set"]),
        Fact(labels["project_dates"], span(min(starts, default=None), max(ends, default=None))),
        Fact(labels["evaluation_dates"], span(evaluation.planned_start, evaluation.planned_end)),
        Fact(labels["donor"], ", ".join(donors) or labels["not_set"]),
        Fact(labels["budget"], f"US$ {number(sum((p.budget_usd for p in projects), Decimal(0)))}"),
        Fact(
            labels["evaluation_manager"],
            people([evaluation.evaluation_manager] if evaluation.evaluation_manager else []),
        ),
        Fact(labels["evaluators"], people(evaluation.evaluators.all())),
        Fact(
            labels["administrative_office"],
            ", ".join(unique(p.administrative_office for p in projects)) or labels["not_set"],
        ),
        Fact(
            labels["backstopping_office"],
            ", ".join(unique(p.backstopping_office for p in projects)) or labels["not_set"],
        ),
    ]
    for status in (EvaluationStatus.DRAFT_REPORT, EvaluationStatus.FINAL_REPORT, EvaluationStatus.PUBLISHED):
        if status in steps:
            facts.append(Fact(choice_label("status", status, language), date(steps[status])))

    anchors = [
        "executive-summary", "purpose-scope-methodology", "findings", "conclusions", "recommendations",
        "lessons", "good-practices", "progress", "annexes",
    ]  # fmt: skip
    label_keys = {
        "executive-summary": "executive_summary",
        "purpose-scope-methodology": "purpose_scope_methodology",
        "good-practices": "good_practices",
    }
    sections = [
        Section(anchor, position, labels[label_keys.get(anchor, anchor)])
        for position, anchor in enumerate(anchors, start=1)
    ]

    findings_by_criterion = {finding.criterion: finding for finding in evaluation.findings.all()}
    findings = []
    for criterion in Criterion.values:
        finding = findings_by_criterion.get(criterion)
        rated = bool(finding and finding.rating)
        findings.append(
            FindingRow(
                criterion=choice_label("criterion", criterion, language),
                rating=choice_label("rating", finding.rating, language) if rated else labels["not_rated"],
                rated=rated,
                text=finding.text if finding else "",
            )
        )

    recommendations = [
        RecommendationRow(
            number=r.number,
            text=r.text,
            addressee=r.addressee,
            priority=choice_label("priority", r.priority, language),
            timeframe=r.timeframe,
            response=choice_label("response", r.management_response, language)
            if r.management_response
            else labels["no_response"],
            response_comment=r.response_comment,
            follow_up=choice_label("follow_up", r.follow_up, language) if r.follow_up else "",
        )
        for r in evaluation.recommendations.all()
    ]

    index = LANGUAGES.index(language)
    lessons = [
        Entry(
            lesson.title,
            [(names[index], getattr(lesson, name)) for name, names in LESSON_FIELDS.items() if getattr(lesson, name)],
        )
        for lesson in evaluation.lessons.all()
    ]
    good_practices = [
        Entry(
            practice.title,
            [
                (names[index], getattr(practice, name))
                for name, names in GOOD_PRACTICE_FIELDS.items()
                if getattr(practice, name)
            ],
        )
        for practice in evaluation.good_practices.all()
    ]

    return ReportPresenter(
        language=language,
        labels=labels,
        title=evaluation.title,
        codes=[p.code for p in projects],
        facts=facts,
        sections=sections,
        status=choice_label("status", evaluation.status, language),
        version=version,
        generated_on=date(timezone.localdate(now)),
        executive_summary=evaluation.executive_summary,
        purpose=evaluation.purpose,
        scope=evaluation.scope_text,
        methodology=evaluation.methodology,
        findings=findings,
        conclusions=evaluation.conclusions,
        recommendations=recommendations,
        lessons=lessons,
        good_practices=good_practices,
        progress=[_progress(project, language, number) for project in projects],
        annexes=evaluation.annexes,
        page_footer_css=_page_footer_css(labels),
    )


def _donors_by_code(codes) -> list[str]:
    """No funding recorded: the donors named by the projects' codes (the last part, e.g. USA)."""
    from partners.models import Donor

    codes = list(dict.fromkeys(codes))
    names = dict(Donor.objects.filter(code__in=codes).values_list("code", "partner__name"))
    return [f"{names[code]} ({code})" if code in names else code for code in codes]


def format_number(value: int | float | Decimal, *, language: str) -> str:
    """A whole number grouped as `language` writes it: 1,200 · 1 200 · 1 200.

    The language is bound here, not taken from the active one: the chart formats its
    numbers later, while the template is rendered.
    """
    with translation.override(language):
        return formats.number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)


def _code_slug(code: str) -> str:
    return code.replace("/", "-").lower()


def _progress(project: Project, language: str, number) -> ProjectProgress:
    labels = LABELS[language]
    rows = [
        {
            "measure": choice_label("measure", row["measure_code"], language),
            "sex": choice_label("sex", row["sex"], language) if row["sex"] else "",
            "age_band": row["age_band"].replace("-", "–"),
            "target": number(row["target"]) if row["target"] is not None else "–",
            "actual": number(row["actual"]),
            "percent": f"{number(row['percent'])} %" if row["percent"] is not None else "–",
        }
        for row in targets_against_actuals(project)
    ]
    totals = totals_against_targets(project)
    chart = None
    if any(values["target"] or values["actual"] for values in totals.values()):
        chart = BarChart(
            chart_id=f"progress-{_code_slug(project.code)}",
            title=f"{labels['chart_title']} – {project.code}",
            description=labels["chart_description"],
            series=(labels["target"], labels["actual"]),
            bars=[
                Bar(choice_label("measure", measure, language), (values["target"], values["actual"]))
                for measure, values in totals.items()
            ],
            number_format=number,
            label_heading=labels["measure"],
        )
    return ProjectProgress(code=project.code, title=project.title, rows=rows, chart=chart)


def _css_string(text: str) -> str:
    """`text` as a CSS string literal: every character but letters, digits and spaces escaped."""
    return '"' + "".join(c if c.isascii() and (c.isalnum() or c == " ") else f"\\{ord(c):x} " for c in text) + '"'


def _page_footer_css(labels: dict[str, str]) -> SafeString:
    """The "Page X of Y" rule, for the report's <style>: built from the report's own labels, never user text.

    Safe to mark safe: _css_string escapes every character that could end the string or the
    style element.
    """
    page, of = _css_string(labels["page"] + " "), _css_string(" " + labels["of"] + " ")
    return mark_safe(f"@page {{ @bottom-right {{ content: {page} counter(page) {of} counter(pages); }} }}")


# Rendering -----------------------------------------------------------------------------------


class RefusedFetch(ValueError):
    """The report asked for something it may not load."""


def fetch_static(url: str) -> tuple[bytes, str]:
    """The bytes and type of one of the site's own static files named by `url`, or RefusedFetch.

    Only `https://report.invalid/static/<path>` is served, and only from the staticfiles
    finders (STATICFILES_DIRS and the apps' static folders), and only stylesheets, images and
    fonts. Anything else — another host, http://, file://, data:, a query, `..` in any spelling —
    is refused, so a report cannot reach the network, the disk or the media files.
    """
    if not url.startswith(STATIC_PREFIX):
        raise RefusedFetch(f"Refused {url[:200]!r}: a report loads only the site's own static files.")
    parts = urlsplit(url)
    if parts.query:
        raise RefusedFetch(f"Refused {url[:200]!r}: static files take no query.")
    relative = unquote(parts.path).removeprefix("/static/")
    segments = relative.split("/")
    if any(segment in ("", ".", "..") for segment in segments) or "\\" in relative or "\x00" in relative:
        raise RefusedFetch(f"Refused {url[:200]!r}: not a plain path below the static folder.")
    if posixpath.normpath(relative) != relative:
        raise RefusedFetch(f"Refused {url[:200]!r}: not a plain path below the static folder.")
    content_type = STATIC_TYPES.get(posixpath.splitext(relative)[1].lower())
    if content_type is None:
        raise RefusedFetch(f"Refused {url[:200]!r}: reports load only stylesheets, images and fonts.")
    try:
        path = finders.find(relative)
    except SuspiciousFileOperation as error:
        raise RefusedFetch(f"Refused {url[:200]!r}: outside the static folders.") from error
    if not path or isinstance(path, list):
        raise RefusedFetch(f"Refused {url[:200]!r}: no such static file.")
    with open(path, "rb") as handle:
        return handle.read(), content_type


@cache
def _fetcher_class() -> type:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        """WeasyPrint's fetcher with every way out removed: it serves `fetch_static` and nothing else."""

        def __init__(self) -> None:
            super().__init__(allowed_protocols=("https",), allow_redirects=False)
            # The opener's handlers (http, ftp, file, data) are never used; drop them all the same.
            self.handlers, self.handle_open, self.handle_error = [], {}, {}
            self.process_request, self.process_response = {}, {}
            self.requested: list[str] = []  # every URL asked for, to show what a render tried to load
            self.refused: list[str] = []

        def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
            self.requested.append(url)
            try:
                body, content_type = fetch_static(url)
            except RefusedFetch as refusal:
                self.refused.append(url)
                logger.warning("Report rendering: %s", refusal)
                raise
            charset = "; charset=utf-8" if content_type == "text/css" else ""
            return URLFetcherResponse(url, body, {"Content-Type": content_type + charset})

    return StaticOnlyFetcher


def static_only_fetcher():
    """A new URL fetcher for WeasyPrint that serves only the site's static files (see fetch_static)."""
    return _fetcher_class()()


@dataclass(frozen=True)
class RenderedPdf:
    html: str
    pdf: bytes
    page_count: int


def html_to_pdf(html: str, *, fetcher=None) -> RenderedPdf:
    """Draw `html` as a PDF, fetching only through the static-only fetcher."""
    from weasyprint import HTML

    document = HTML(
        string=html, base_url=REPORT_ORIGIN, url_fetcher=fetcher or static_only_fetcher(), media_type="print"
    ).render()
    return RenderedPdf(html=html, pdf=document.write_pdf(), page_count=len(document.pages))


def render_to_pdf(template: str, context: dict[str, Any]) -> tuple[str, bytes]:
    """The template rendered as HTML (autoescaped) and drawn as a PDF: (html, pdf_bytes)."""
    rendered = html_to_pdf(render_to_string(template, context))
    return rendered.html, rendered.pdf


def render_html(presenter: ReportPresenter, *, static_prefix: str = STATIC_PREFIX) -> str:
    """The report's HTML in its language: what the PDF is drawn from, and the DEBUG preview."""
    with translation.override(presenter.language):
        return render_to_string(TEMPLATE, presenter.context(static_prefix=static_prefix))


def render_evaluation(evaluation: Evaluation, *, version: int | None = None) -> RenderedPdf:
    """The evaluation's report as it stands now: HTML, PDF and page count."""
    presenter = ReportPresenter.for_evaluation(evaluation, version=version)
    return html_to_pdf(render_html(presenter))


def report_filename(evaluation: Evaluation, language: str) -> str:
    """e.g. `glo-13-22-usa-evaluation-report-fr.pdf`; a cluster's first code and `-etc`.

    Short on purpose: the stored name, with its folder, must fit the file field (100 characters).
    """
    codes = list(evaluation.projects.order_by("code").values_list("code", flat=True)[:2])
    stem = _code_slug(codes[0]) + ("-etc" if len(codes) > 1 else "") if codes else f"evaluation-{evaluation.pk}"
    return f"{stem}-evaluation-report-{language}.pdf"
