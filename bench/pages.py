"""Which pages are measured, and which objects their detail pages show (run inside Django).

The objects are chosen by a rule that gives the same object at every size: among the demo's
flagship projects (ipec.demo.data.FLAGSHIPS: seed_demo writes them first and the same whatever
N, each from a random generator seeded by its code, while the generated projects after them
differ with N), the one with the most progress reports and countries; its largest funder's
partner page; its first country; and among the evaluations of the flagships, the one with the
most findings, recommendations and lessons. The chosen codes are written in the results, so a reader can check
that every size measured the same objects.

Filter values are typical ones that match projects at every size: Africa and active, Direct
Action, donor USA (the largest), projects starting 2005–2010, the search "trafficking".
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

from django.db.models import Count, Q
from django.test import Client
from django.urls import reverse

from bench.links import next_link, numbered_step, with_param
from bench.timing import Page, PageError, fetch
from countries.models import Country
from evaluations.models import Evaluation
from ipec import dashboard
from ipec.demo import data
from partners.models import PartnershipRole, ProjectPartnership
from projects.models import Project

PROJECT_FILTERS = {
    "region+status": "region=africa&status=active",
    "intervention type": "intervention=direct-action",
    "donor": "donor=USA",
    "year range": "start_from=2005&start_to=2010",
}
PROJECT_SEARCH = "trafficking"
LESSON_SEARCH = "family"
DETAIL_LINK = re.compile(r'href="/projects/([A-Z]{3}-\d{2}-[A-Z0-9]{2,3}-[A-Z]{3})/"')
DEEP_FOLLOW_SECONDS = 120  # following opaque "next" links stops after this, at the depth reached


@dataclass(frozen=True)
class Chosen:
    project: Project
    country: Country
    partner_id: int
    evaluation: Evaluation

    def describe(self) -> dict:
        return {
            "project": self.project.code,
            "country": self.country.iso3,
            "partner": self.partner_id,
            "evaluation": self.evaluation.pk,
            "evaluation_projects": sorted(self.evaluation.projects.values_list("code", flat=True)),
        }


def stable_project_ids() -> list[int]:
    """The flagship projects: the same rows at every size."""
    codes = [flagship.code for flagship in data.FLAGSHIPS]
    return list(Project.objects.filter(code__in=codes).order_by("pk").values_list("pk", flat=True))


def choose_objects() -> Chosen:
    ids = stable_project_ids()
    project = (
        Project.objects.filter(pk__in=ids)
        .annotate(reports=Count("progress_reports", distinct=True), n_countries=Count("countries", distinct=True))
        .order_by("-reports", "-n_countries", "pk")
        .first()
    )
    country = project.countries.order_by("iso3").first()
    funder = (
        ProjectPartnership.objects.filter(project=project, role=PartnershipRole.FUNDING)
        .order_by("-amount_usd", "partner_id")
        .first()
    ) or ProjectPartnership.objects.filter(project=project).order_by("partner_id").first()
    evaluation = (
        Evaluation.objects.filter(projects__in=ids)
        .distinct()
        .annotate(
            content=Count("findings", distinct=True)
            + Count("recommendations", distinct=True)
            + Count("lessons", distinct=True)
        )
        .order_by("-content", "pk")
        .first()
    )
    return Chosen(project=project, country=country, partner_id=funder.partner_id, evaluation=evaluation)


def rows_per_page(html: str) -> int:
    return len(set(DETAIL_LINK.findall(html)))


def find_deep_page(client: Client, start: str, depth: int, *, follow_seconds: float = DEEP_FOLLOW_SECONDS) -> dict:
    """The URL `depth` "next" links after `start`, reached by following the list's own links.

    Page-number paging (the next link only adds one to a number) is jumped to directly after the
    first step; any other paging (a cursor) is followed link by link, for `follow_seconds` at most.
    """
    url, steps, how = start, 0, "followed"
    started = time.monotonic()
    while steps < depth:
        response = client.get(url)
        if response.status_code != 200:
            raise PageError(f"deep page: GET {url} answered {response.status_code}")
        following = next_link(response.content.decode(), url)
        if following is None:
            break
        param = numbered_step(url, following)
        if param is not None:
            number = int(dict(parse_qsl(urlsplit(following).query))[param])
            target = number + (depth - steps - 1)
            url, steps, how = with_param(following, param, str(target)), depth, f"page number ?{param}="
            break
        url, steps = following, steps + 1
        if time.monotonic() - started > follow_seconds:
            how = f"followed, stopped after {follow_seconds:.0f} s"
            break
    status, _size = fetch(client, url)
    if status != 200:
        raise PageError(f"deep page: GET {url} answered {status}")
    return {"url": url, "depth": steps, "wanted_depth": depth, "how": how}


def deep_page_depth(client: Client, fraction: float, cap: int | None) -> int:
    """How many "next" links down the unfiltered list the deep page is: `fraction` of its pages."""
    response = client.get(reverse("projects:list"))
    if response.status_code != 200:
        raise PageError(f"project list answered {response.status_code}")
    per_page = rows_per_page(response.content.decode()) or 1
    pages = -(-Project.objects.count() // per_page)
    depth = max(1, int(pages * fraction) - 1)
    return min(depth, cap) if cap else depth


def main_pages(chosen: Chosen, deep_url: str) -> list[Page]:
    projects = reverse("projects:list")
    pages = [
        Page(
            "Dashboard (cold cache)",
            "/",
            "dashboard",
            "figures recomputed: cache emptied before each request",
            dashboard.bump_portfolio_version,
        ),
        Page("Dashboard (warm cache)", "/", "dashboard", "figures from the Redis cache"),
        Page("Projects: unfiltered", projects, "list"),
    ]
    pages += [Page(f"Projects: {label}", f"{projects}?{query}", "list") for label, query in PROJECT_FILTERS.items()]
    pages += [
        Page("Projects: search", f"{projects}?q={PROJECT_SEARCH}", "search", f"q={PROJECT_SEARCH}"),
        Page("Projects: deep page", deep_url, "list", "reached by following the list's next links"),
        Page("Project page", reverse("projects:detail", args=[chosen.project.slug]), "detail", chosen.project.code),
        Page("Country page", reverse("countries:detail", args=[chosen.country.iso3]), "detail", chosen.country.iso3),
        Page("Partners: list", reverse("partners:list"), "list"),
        Page(
            "Partner page",
            reverse("partners:detail", args=[chosen.partner_id]),
            "detail",
            f"partner {chosen.partner_id}, the project's largest funder",
        ),
        Page("Evaluations: list", reverse("evaluations:list"), "list"),
        Page(
            "Evaluation page",
            reverse("evaluations:detail", args=[chosen.evaluation.pk]),
            "detail",
            f"evaluation {chosen.evaluation.pk}",
        ),
        Page("Lessons: search", f"{reverse('evaluations:lessons')}?q={LESSON_SEARCH}", "search", f"q={LESSON_SEARCH}"),
    ]
    for label, model in (
        ("projects", "projects_project"),
        ("partners", "partners_partner"),
        ("evaluations", "evaluations_evaluation"),
        ("progress reports", "projects_progressreport"),
    ):
        pages.append(Page(f"Admin: {label}", reverse(f"admin:{model}_changelist"), "admin"))
    return pages


def load_test_urls(chosen: Chosen, deep_url: str, sample: int = 60) -> dict:
    """What the load test's simulated people open: samples spread over the whole portfolio."""
    ids = list(Project.objects.order_by("pk").values_list("code", flat=True))
    step = max(1, len(ids) // sample)
    projects = [code.replace("/", "-") for code in ids[::step][:sample]]
    countries = list(
        Country.objects.filter(Q(projects__isnull=False)).distinct().order_by("iso3").values_list("iso3", flat=True)
    )
    return {
        "projects": projects,
        "countries": countries,
        "filters": list(PROJECT_FILTERS.values()),
        "searches": [PROJECT_SEARCH, "girls", "hazardous work", "domestic"],
        "deep_page": deep_url,
        "project_list": reverse("projects:list"),
        "floor": reverse("password_change_done"),
        "lessons": f"{reverse('evaluations:lessons')}?q={LESSON_SEARCH}",
        "partner": reverse("partners:detail", args=[chosen.partner_id]),
        "export": f"{reverse('projects:export-csv')}?{PROJECT_FILTERS['region+status']}",
        "my_projects": reverse("projects:my-projects"),
    }
