"""The demo portfolio as a plan: plain data, the same on every run, no database.

`Planner(n)` lays out the reference facts (users, countries, partners, donors, National
Steering Committees) and then yields the projects one at a time, each with its advisory
committee, evaluations and progress reports, so that a portfolio of 100,000 projects is
written in chunks without holding it all in memory. Both writers (`build`, through the
services, and `bulk`) take the same plan, so the same `n` gives the same portfolio either way.

Everything is dated as at `data.REFERENCE_DATE`, except the progress reports: the reporting
schedule opens a report for every period begun by the day the demo is built (`today`), so
the plan of the reports is drawn as at that day. Built on the same day, the plan is the same.
"""

from __future__ import annotations

import datetime
import functools
import math
import random
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace

from ipec.demo import data, texts
from ipec.demo.data import REFERENCE_DATE as REF
from projects.reference import SECTORS

DAY = datetime.timedelta(days=1)
PartnerKey = tuple[str, str | None]  # (name, country ISO3 or None)

PROJECT_STATUSES = ("pipeline", "approved", "active", "suspended", "completed", "closed", "cancelled")
EVALUATION_STEPS = ("planned", "tor", "contracted", "fieldwork", "draft_report", "final_report", "published")
CRITERIA = ("relevance", "coherence", "effectiveness", "efficiency", "impact", "sustainability")
SEXES = ("girls", "boys")
AGE_BANDS = ("5-11", "12-14", "15-17")
SOUTH_ASIA = {"IND", "BGD", "NPL", "PAK", "LKA", "AFG"}
# How a global project's title names the regions it covers ("in Africa, the Americas and Asia").
REGION_PHRASES = {
    "africa": "Africa",
    "americas": "the Americas",
    "arab-states": "the Arab States",
    "asia-pacific": "Asia",
    "europe-central-asia": "Europe",
}
REGIONAL_OFFICES = {
    "africa": "ILO Regional Office for Africa, Abidjan",
    "americas": "ILO Regional Office for Latin America and the Caribbean, Lima",
    "arab-states": "ILO Regional Office for Arab States, Beirut",
    "asia-pacific": "ILO Regional Office for Asia and the Pacific, Bangkok",
    "europe-central-asia": "ILO Regional Office for Europe and Central Asia, Geneva",
}
HQ_OFFICE = "FUNDAMENTALS/IPEC+, Geneva"
# Countries where children were recruited into armed groups during IPEC's years.
LANDLOCKED = set(
    "AFG ARM AZE BDI BFA BOL BWA ETH JOR KAZ KGZ LAO LSO MDA MLI MNG MWI NER NPL PRY RWA SWZ TJK UGA UZB ZMB ZWE".split()
)
ARMED_CONFLICT = {"COD", "SLE", "LBR", "UGA", "BDI", "SDN", "AFG", "YEM", "SYR", "MMR", "COL", "NPL", "CIV"}

# How many projects started each year (relative weights).
YEAR_WEIGHTS = {
    **dict.fromkeys(range(1993, 1997), 2),
    **dict.fromkeys(range(1997, 2000), 3),
    **dict.fromkeys(range(2000, 2013), 5),
    **dict.fromkeys(range(2013, 2020), 4),
    # A portfolio as at the end of 2025 has many projects under way; more recent years weigh more.
    **dict.fromkeys(range(2020, 2022), 8),
    **dict.fromkeys(range(2022, 2026), 14),
    2026: 8,
}


# --------------------------------------------------------------------------------------
# The plan's records.
@dataclass
class UserPlan:
    username: str
    first_name: str
    last_name: str
    role: str
    organisation: str
    login: bool = False


@dataclass
class PartnerPlan:
    name: str
    acronym: str
    type: str
    country: str | None

    @property
    def key(self) -> PartnerKey:
        return (self.name, self.country)


@dataclass
class CountryPlan:
    fact: data.CountryFact
    focal_point_name: str
    focal_point_email: str


@dataclass
class ActionProgrammePlan:
    partner: PartnerKey
    title: str
    budget: Decimal
    start_on: datetime.date
    end_on: datetime.date
    withdrawn: int
    prevented: int


@dataclass
class ReportPlan:
    """A progress report: its period, where its workflow stands, its content and its dated, attributed steps."""

    period_start: datetime.date
    period_end: datetime.date
    due_on: datetime.date
    author: str  # who writes it: the CTA (national) or the project manager (global)
    status: str = "draft"
    rating: str = ""
    narrative: str = ""
    challenges: str = ""
    next_steps: str = ""
    review_comment: str = ""
    figures: list[tuple[str, str, str, str, int]] = field(default_factory=list)  # country, measure, sex, band, value
    steps: list[tuple[str, str, str, datetime.datetime, str]] = field(default_factory=list)  # from, to, by, at, comment

    @property
    def saves(self) -> int:
        """How often the author saved it: before each sending, or once for a draft under way."""
        sendings = sum(1 for _from, to, *_rest in self.steps if to in ("submitted", "resubmitted"))
        return sendings or int(bool(self.narrative or self.rating or self.figures))

    @property
    def version(self) -> int:
        """As the services leave it: one version per save and per step."""
        return 1 + self.saves + len(self.steps)


@dataclass
class ProjectPlan:
    code: str
    title: str
    summary: str
    objectives: str
    kind: str
    countries: list[str]
    planned_start: datetime.date
    planned_end: datetime.date
    budget: Decimal
    fundings: list[tuple[str, Decimal]]
    interventions: tuple[str, ...]
    worst_forms: tuple[str, ...]
    sectors: tuple[str, ...]
    target_groups: tuple[str, ...]
    time_bound: bool
    administrative_office: str
    created_on: datetime.date
    moves: list[tuple[str, datetime.date, str]]
    language: str
    backstopping: str
    cta: str | None = None
    project_manager: str | None = None
    targets: list[tuple[str, str, str, int]] = field(default_factory=list)
    expenditures: list[tuple[int, Decimal]] = field(default_factory=list)
    action_programmes: list[ActionProgrammePlan] = field(default_factory=list)
    partnerships: list[tuple[PartnerKey, str]] = field(default_factory=list)
    reports: list[ReportPlan] = field(default_factory=list)

    @property
    def status(self) -> str:
        return self.moves[-1][0] if self.moves else "pipeline"

    @property
    def actual_start(self) -> datetime.date | None:
        return next((d for s, d, _ in self.moves if s == "active"), None)

    @property
    def actual_end(self) -> datetime.date | None:
        return next((d for s, d, _ in self.moves if s == "completed"), None)


@dataclass
class CommitteePlan:
    kind: str  # national | project
    name: str
    country: str | None
    project: str | None
    established_on: datetime.date
    members: list[tuple[PartnerKey, str, str]]  # partner, person, role
    meetings: list[tuple[datetime.date, str, str]]  # held on, agenda, decisions


@dataclass
class RecommendationPlan:
    text: str
    addressee: str
    priority: str
    timeframe: str
    management_response: str = ""
    response_comment: str = ""
    follow_up: str = ""


@dataclass
class EvaluationPlan:
    title: str
    scope: str
    projects: list[str]
    timing: str
    modality: str
    language: str
    manager: str
    evaluators: list[str]
    steps: list[tuple[str, datetime.date]]
    planned_start: datetime.date | None = None
    planned_end: datetime.date | None = None
    executive_summary: str = ""
    purpose: str = ""
    scope_text: str = ""
    methodology: str = ""
    conclusions: str = ""
    findings: list[tuple[str, str, int | None]] = field(default_factory=list)
    recommendations: list[RecommendationPlan] = field(default_factory=list)
    lessons: list[dict[str, str]] = field(default_factory=list)
    good_practices: list[dict[str, str]] = field(default_factory=list)

    @property
    def status(self) -> str:
        return self.steps[-1][0]


@dataclass
class ProjectBundle:
    """One project with what hangs on it; cluster evaluations ride on the last project they cover."""

    project: ProjectPlan
    committee: CommitteePlan | None
    evaluations: list[EvaluationPlan]


# --------------------------------------------------------------------------------------
def _days(rng: random.Random, low: int, high: int) -> datetime.timedelta:
    return datetime.timedelta(days=rng.randint(low, high))


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    return datetime.date(day.year + month // 12, month % 12 + 1, min(day.day, 28))


def _ascii(text: str) -> str:
    return (
        unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower().replace("'", "").replace(" ", "")
    )


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


@functools.cache
def _three_character_serials() -> tuple[str, ...]:
    """Serials of three letters and digits, other than the letter-and-two-digits ones used before them."""
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    triples = (a + b + c for a in digits for b in digits for c in digits)
    return tuple(t for t in triples if not (t[0].isalpha() and t[1:].isdigit()))


def _serial(index: int) -> str:
    """The index-th serial of a scope and year: 01…99, then A00…Z99, then other three-character ones."""
    if index < 99:
        return f"{index + 1:02d}"
    index -= 99
    if index < 2600:
        return f"{chr(65 + index // 100)}{index % 100:02d}"
    index -= 2600
    others = _three_character_serials()
    if index >= len(others):
        raise ValueError("No serial left for this scope and year.")
    return others[index]


class Planner:
    """The deterministic plan of a portfolio of `n` projects."""

    def __init__(self, n: int = data.DEFAULT_PROJECTS, *, today: datetime.date | None = None) -> None:
        if n < 0:
            raise ValueError("The number of projects cannot be negative.")
        from django.conf import settings
        from django.utils import timezone

        from projects.models import Project

        self.n = n
        # The day the reports are planned as at: the reporting schedule opens every period begun by then.
        self.today = today or timezone.localdate()
        self.due_after = datetime.timedelta(days=settings.REPORT_DUE_DAYS)
        self.reporting_interval = Project._meta.get_field("reporting_interval_months").default
        # The `cta` account gets a report in each state of the workflow, placed on the latest reports of its
        # projects in this order: latest sent while the one before was returned; latest overdue while the one
        # before was sent again.
        self._cta_report_states = ["submitted", "returned", "draft", "resubmitted"]
        self.rng = random.Random(data.SEED)
        self.users = self._users()
        self.countries = self._countries()
        self.partners = self._partners()
        self.donors = [(code, (name, country)) for code, name, _acronym, _type, country, _weight in data.DONORS]
        self.national_committees = self._national_committees()
        self._issued: set[str] = {f.code for f in data.FLAGSHIPS[:n]}
        self._serials: Counter[tuple[str, str, str]] = Counter()
        self._titles: Counter[str] = Counter()
        self._cta_login_projects = 0
        self._evaluator_open = self._evaluator_closed = 0
        self._rotation: Counter[str] = Counter()
        self._closed_for_cluster: list[ProjectPlan] = []
        self._closed_count = 0
        self._flagship_plans: dict[str, ProjectPlan] = {}

    # -- people ---------------------------------------------------------------------
    def _users(self) -> list[UserPlan]:
        users = [UserPlan(u, f, last, role, org, login=True) for u, f, last, role, org in data.LOGIN_USERS]
        hq = [UserPlan(u, f, last, "hq", "ILO FUNDAMENTALS/IPEC+, Geneva") for u, f, last in data.HQ_STAFF]
        ctas = [UserPlan(u, f, last, "cta", "ILO-IPEC field office") for u, f, last, _region in data.CTA_STAFF]
        evaluators = [
            UserPlan(u, f, last, "evaluator", "Independent evaluation consultant")
            for u, f, last in data.EVALUATOR_STAFF
        ]
        # A large portfolio needs more people: one CTA per 40 projects, one evaluator per 200, one HQ officer per 1,000.
        rng = random.Random(f"{data.SEED}:people")
        taken = {u.username for u in users + hq + ctas + evaluators}

        def extra(count: int, role: str, organisation: str) -> list[UserPlan]:
            made = []
            while len(made) < count:
                first, last = rng.choice(data.FIRST_NAMES), rng.choice(data.LAST_NAMES)
                base = f"{_ascii(first)[0]}.{_ascii(last)}"
                username, k = base, 1
                while username in taken:
                    k += 1
                    username = f"{base}{k}"
                taken.add(username)
                made.append(UserPlan(username, first, last, role, organisation))
            return made

        hq += extra(max(0, self.n // 1000 - len(hq)), "hq", "ILO FUNDAMENTALS/IPEC+, Geneva")
        ctas += extra(max(0, self.n // 40 - len(ctas)), "cta", "ILO-IPEC field office")
        evaluators += extra(max(0, self.n // 200 - len(evaluators)), "evaluator", "Independent evaluation consultant")
        self.hq_pool = ["hq"] + [u.username for u in hq]
        # Each CTA works in one region; the extra ones of a large portfolio are spread over the regions.
        regions = sorted(set(data.REGION_OF.values()))
        self.cta_pools: dict[str, list[str]] = defaultdict(list)
        for username, *_names, region in data.CTA_STAFF:
            self.cta_pools[region].append(username)
        for index, user in enumerate(ctas[len(data.CTA_STAFF) :]):
            self.cta_pools[regions[index % len(regions)]].append(user.username)
        self.evaluator_pool = [u.username for u in evaluators]
        return users + hq + ctas + evaluators

    def _pick(self, pool_name: str, pool: list[str]) -> str:
        """Round-robin over a pool of people, so work is spread evenly and deterministically."""
        index = self._rotation[pool_name]
        self._rotation[pool_name] += 1
        return pool[index % len(pool)]

    # -- countries and partners -----------------------------------------------------
    def constituents(self, iso3: str) -> tuple[PartnerKey, PartnerKey, PartnerKey]:
        """The ministry in charge of labour, the employers' and the workers' organisation of a country."""
        named = data.CONSTITUENTS.get(iso3)
        government, employers, workers = (
            tuple(name for name, _acronym in named)
            if named
            else data.GENERIC_CONSTITUENTS[data.COUNTRIES[iso3].language]
        )
        return (government, iso3), (employers, iso3), (workers, iso3)

    def _countries(self) -> list[CountryPlan]:
        plans = []
        for iso3, fact in data.COUNTRIES.items():
            ministry = self.constituents(iso3)[0][0]
            role = data.FOCAL_POINT_ROLES[fact.language].format(ministry=ministry)
            plans.append(CountryPlan(fact, role[:200], f"ipec.focal-point.{iso3.lower()}@example.org"))
        return plans

    def _partners(self) -> list[PartnerPlan]:
        partners: list[PartnerPlan] = []
        seen: set[PartnerKey] = set()
        self.partners_by_country: dict[str, dict[str, list[PartnerKey]]] = defaultdict(lambda: defaultdict(list))
        self.international: dict[str, list[PartnerKey]] = defaultdict(list)

        def add(name: str, acronym: str, type_code: str, country: str | None) -> None:
            base, k = name[:240], 1
            while (name, country) in seen:
                k += 1
                name = f"{base} ({k})"
            seen.add((name, country))
            plan = PartnerPlan(name, acronym, type_code, country)
            partners.append(plan)
            if country in data.COUNTRIES:
                self.partners_by_country[country][type_code].append(plan.key)
            else:
                self.international[type_code].append(plan.key)

        for _code, name, acronym, type_code, country, _weight in data.DONORS:
            add(name, acronym, type_code, country)
        for name, acronym, type_code, country in data.INTERNATIONAL_PARTNERS:
            add(name, acronym, type_code, country)
        for iso3 in data.COUNTRIES:
            names = data.CONSTITUENTS.get(iso3)
            generic = data.GENERIC_CONSTITUENTS[data.COUNTRIES[iso3].language]
            for type_code, index in (("government", 0), ("employers", 1), ("workers", 2)):
                name, acronym = names[index] if names else (generic[index], "")
                add(name, acronym, type_code, iso3)
        for name, acronym, type_code, country in data.NATIONAL_PARTNERS:
            add(name, acronym, type_code, country)
        # Every country gets an NGO and a community-based organisation; a larger portfolio
        # gets more partners of every type, one for every two projects.
        rng = random.Random(f"{data.SEED}:partners")
        for iso3 in data.COUNTRIES:
            for type_code in ("ngo", "cbo"):
                add(*self._generic_partner(rng, iso3, type_code), type_code, iso3)
        rotation = ["ngo", "ngo", "cbo", "media", "research", "religious", "private-business", "government"]
        rotation += ["parliament", "judiciary", "other", "employers", "workers", "ngo"]
        countries = list(data.COUNTRIES)
        weights = [data.COUNTRIES[c].weight for c in countries]
        for i in range(self.n // 2):
            iso3 = rng.choices(countries, weights)[0]
            type_code = rotation[i % len(rotation)]
            add(*self._generic_partner(rng, iso3, type_code), type_code, iso3)
        return partners

    def _generic_partner(self, rng: random.Random, iso3: str, type_code: str) -> tuple[str, str]:
        fact = data.COUNTRIES[iso3]
        templates = data.PARTNER_TEMPLATES[type_code][data.template_language(fact.language)]
        name = rng.choice(templates).format(city=rng.choice(fact.cities), country=data.COUNTRY_NAMES[iso3])
        return name, ""

    # -- National Steering Committees -----------------------------------------------
    def _national_committees(self) -> list[CommitteePlan]:
        rng = random.Random(f"{data.SEED}:committees")
        committees = []
        for iso3, fact in data.COUNTRIES.items():
            lang = data.text_language(fact.language)
            country_name = data.COUNTRY_NAMES_ES.get(iso3) if lang == "es" else None
            country_name = country_name or data.COUNTRY_NAMES[iso3].removeprefix("the ")
            established = min(fact.mou_signed_on + _days(rng, 60, 400), REF - 30 * DAY)
            government, employers, workers = self.constituents(iso3)
            titles = texts.MEMBER_TITLES[lang]
            members = [(government, titles["government"], "chair"), (employers, titles["employers"], "member")]
            if iso3 != data.NSC_WITHOUT_WORKERS:
                members.append((workers, titles["workers"], "member"))
            for ngo in self.partners_by_country[iso3]["ngo"][:2]:
                members.append((ngo, titles["other"], "member"))
            members.append((("International Labour Organization", None), titles["secretary"], "secretary"))
            committees.append(
                CommitteePlan(
                    kind="national",
                    name=texts.COMMITTEE_NAMES[lang].format(country=country_name),
                    country=iso3,
                    project=None,
                    established_on=established,
                    members=members,
                    meetings=self._meetings(rng, lang, established, REF, rng.randint(2, 4)),
                )
            )
        return committees

    def _meetings(
        self, rng: random.Random, lang: str, start: datetime.date, end: datetime.date, count: int
    ) -> list[tuple[datetime.date, str, str]]:
        span = (end - start).days
        if span < 30:
            return []
        days = sorted({rng.randint(15, span) for _ in range(count)})
        return [(start + d * DAY, rng.choice(texts.AGENDAS[lang]), rng.choice(texts.DECISIONS[lang])) for d in days]

    # -- projects -------------------------------------------------------------------
    def iter_projects(self) -> Iterator[ProjectBundle]:
        flagships = data.FLAGSHIPS[: self.n]
        for flagship in flagships:
            project = self._flagship(flagship)
            bundle = self._bundle(project)
            bundle.evaluations += self._hand_written(project)
            yield bundle
        for _ in range(self.n - len(flagships)):
            yield self._bundle(self._generated())

    def _bundle(self, project: ProjectPlan) -> ProjectBundle:
        evaluations = self._evaluations(project)
        if project.status == "closed" and project.kind == "national":
            # Every twelfth closed national project, a cluster evaluation of the last three.
            self._closed_for_cluster = [*self._closed_for_cluster[-2:], project]
            self._closed_count += 1
            if self._closed_count % 12 == 0:
                evaluations.append(self._cluster(self._closed_for_cluster))
        return ProjectBundle(project, self._advisory_committee(project), evaluations)

    def _flagship(self, f: data.Flagship) -> ProjectPlan:
        rng = random.Random(f"{data.SEED}:{f.code}")
        kind = "national" if len(f.countries) == 1 else "global"
        donor = f.code.rsplit("/", 1)[1]
        if f.history:
            created = max(data.IPEC_FOUNDED, f.history[0][1] - _days(rng, 60, 200))
            moves = [(s, d, note or self._note(s)) for s, d, note in f.history]
        else:
            created, moves = self._history(rng, f.start, f.end, list(f.countries), forced=f.status)
        if (moves[-1][0] if moves else "pipeline") != f.status:
            raise AssertionError(
                f"Flagship {f.code} planned as {moves[-1][0] if moves else 'pipeline'}, not {f.status}."
            )
        self._titles[f.title] += 1
        project = self._project(
            rng, code=f.code, title=f.title, kind=kind, countries=list(f.countries), start=f.start, end=f.end,
            budget=Decimal(f.budget), donor=donor, interventions=f.interventions, worst_forms=f.worst_forms,
            sectors=f.sectors, target_groups=f.target_groups, time_bound=f.time_bound, created=created, moves=moves,
            summary=f.summary,
        )  # fmt: skip
        if f.code in data.FLAGSHIP_COFUNDING:
            second, share = data.FLAGSHIP_COFUNDING[f.code]
            main = (project.budget * (1 - share)).quantize(Decimal("1"))
            project.fundings = [(donor, main), (second, project.budget - main)]
        return project

    def _generated(self) -> ProjectPlan:
        rng = self.rng
        year = rng.choices(list(YEAR_WEIGHTS), list(YEAR_WEIGHTS.values()))[0]
        draw = rng.random()
        kind_scope = "national" if draw < 0.72 else "regional" if draw < 0.86 else "global"
        candidates = [t for t in data.PROJECT_TEMPLATES if kind_scope in t.scopes]
        if kind_scope == "national":
            eligible = [c for c in data.COUNTRIES.values() if c.mou_signed_on.year <= year] or list(
                data.COUNTRIES.values()
            )
            country = rng.choices(eligible, [c.weight for c in eligible])[0]
            countries = [country.iso3]
            scope = country.iso3
            candidates = [
                t
                for t in candidates
                if (t.key != "armed-conflict" or country.iso3 in ARMED_CONFLICT)
                and (t.key != "tbp" or 2001 <= year <= 2012)
                and (t.key != "bonded" or country.iso3 in SOUTH_ASIA)
                and (t.key != "fishing" or country.iso3 not in LANDLOCKED)
            ]
        elif kind_scope == "regional":
            prefix, _phrase, members = rng.choice(data.REGIONAL_SCOPES)
            countries = sorted(rng.sample(members, rng.randint(2, min(5, len(members)))))
            scope = prefix
        else:
            pool = sorted(data.COUNTRIES)
            countries = sorted(rng.sample(pool, rng.randint(3, 9)))
            while len({data.REGION_OF[c] for c in countries}) < 2:
                countries = sorted(rng.sample(pool, rng.randint(3, 9)))
            scope = "INT" if year < 2002 or rng.random() < 0.15 else "GLO"
        template = rng.choice(candidates)
        donor = self._donor(rng, year, countries)
        code = self._code(scope, year, donor)
        language = data.text_language(data.COUNTRIES[countries[0]].language) if kind_scope == "national" else "en"
        start = datetime.date(year, rng.randint(1, 12), rng.choice((1, 15)))
        months = {"national": (24, 60), "regional": (36, 60), "global": (36, 72)}[kind_scope]
        end = _add_months(start, rng.randint(*months)) - DAY
        title = self._title(rng, template, kind_scope, countries, language, code, start, end)
        low, high = {
            "national": (300_000, 6_000_000),
            "regional": (1_500_000, 12_000_000),
            "global": (2_000_000, 25_000_000),
        }[kind_scope]
        budget = math.exp(rng.uniform(math.log(low), math.log(high))) * (1.4 if donor == "USA" else 1.0)
        budget *= 0.6 if year < 2000 else 1.0
        budget_usd = Decimal(round(budget, -4))
        sectors = template.sectors
        if "direct-action" in template.interventions and not sectors:
            sectors = tuple(sorted(rng.sample([code for code, _name in SECTORS], rng.randint(1, 2))))
        created, moves = self._history(rng, start, end, countries)
        project = self._project(
            rng, code=code, title=title, kind="national" if kind_scope == "national" else "global", countries=countries,
            start=start, end=end, budget=budget_usd, donor=donor, interventions=template.interventions,
            worst_forms=template.worst_forms, sectors=sectors, target_groups=template.target_groups,
            time_bound=template.key == "tbp", created=created, moves=moves, summary="", language=language,
        )  # fmt: skip
        if rng.random() < 0.12:  # co-funded by a second donor
            second = self._donor(rng, year, countries)
            if second != donor:
                share = Decimal(rng.choice(("0.10", "0.20", "0.25", "0.30")))
                main = (budget_usd * (1 - share)).quantize(Decimal("1"))
                project.fundings = [(donor, main), (second, budget_usd - main)]
        return project

    def _donor(self, rng: random.Random, year: int, countries: list[str]) -> str:
        regions = {data.REGION_OF[c] for c in countries}
        codes, weights = [], []
        for code, _name, _acronym, _type, _country, weight in data.DONORS:
            if code == "JTI":
                continue
            if code == "GER" and year < 1997:
                weight = 60  # Germany funded IPEC's first years
            if code == "USA" and year < 1995:
                weight = 2
            if code == "EEC" and year < 2005:
                weight = 1
            if code == "SPA" and "americas" in regions:
                weight *= 4
            if code in ("FRA", "BEL") and "africa" in regions:
                weight *= 2
            if code in ("JPN", "AUS") and "asia-pacific" in regions:
                weight *= 3
            codes.append(code)
            weights.append(weight)
        return rng.choices(codes, weights)[0]

    def _code(self, scope: str, year: int, donor: str) -> str:
        yy = f"{year % 100:02d}"
        band = "usa" if donor == "USA" else ""
        while True:
            # US-funded projects are numbered from 50 (IND/05/50/USA), the others from 01.
            index = self._serials[(scope, yy, band)] + (49 if band else 0)
            self._serials[(scope, yy, band)] += 1
            code = f"{scope}/{yy}/{_serial(index)}/{donor}"
            if code not in self._issued:
                self._issued.add(code)
                return code

    def _title(
        self,
        rng: random.Random,
        template: data.ProjectTemplate,
        kind_scope: str,
        countries: list[str],
        language: str,
        code: str,
        start: datetime.date,
        end: datetime.date,
    ) -> str:
        iso3 = countries[0]
        city = rng.choice(data.COUNTRIES[iso3].cities)
        if kind_scope == "national":
            if language == "fr" and template.title_fr and iso3 in data.COUNTRY_NAMES_FR and rng.random() < 0.6:
                title = template.title_fr.format(country_fr=data.COUNTRY_NAMES_FR[iso3], city=city)
            elif language == "es" and template.title_es and iso3 in data.COUNTRY_NAMES_ES and rng.random() < 0.6:
                title = template.title_es.format(country_es=data.COUNTRY_NAMES_ES[iso3], city=city)
            else:
                title = template.title.format(country=data.COUNTRY_NAMES[iso3], city=city)
        elif kind_scope == "regional":
            phrase = next(p for _prefix, p, members in data.REGIONAL_SCOPES if set(countries) <= set(members))
            pattern = template.title if "{country}" in template.title else template.title + " in {country}"
            title = pattern.format(country=phrase, city=city)
        else:
            regions = sorted({data.REGION_OF[c] for c in countries}, key=list(REGION_PHRASES).index)
            if len(regions) >= 4:
                title = template.title.replace(" in {country}", " worldwide").format(city=city)
            else:
                title = template.title.format(country=_join([REGION_PHRASES[r] for r in regions]), city=city)
        # A title already given gets the project's years, as IPEC's follow-up projects often do.
        self._titles[title] += 1
        if self._titles[title] > 1:
            dated = f"{title}, {start.year}–{end.year}"
            self._titles[dated] += 1
            title = dated if self._titles[dated] == 1 else f"{title} ({code})"
        return title[:300]

    def _note(self, status: str) -> str:
        return texts.STATUS_NOTES[status]

    def _history(
        self,
        rng: random.Random,
        start: datetime.date,
        end: datetime.date,
        countries: list[str],
        forced: str | None = None,
    ) -> tuple[datetime.date, list[tuple[str, datetime.date, str]]]:
        """The dated lifecycle of a project as at the reference date: only legal moves, in date order."""
        calm = forced is not None  # flagships: no random events, their status is given
        moves: list[tuple[str, datetime.date, str]] = []
        if start > REF:  # not started yet: in the pipeline, approved, or dropped
            created = REF - _days(rng, 30, 330)
            draw = rng.random()
            if forced in ("approved", "cancelled") or (not calm and draw < 0.35):
                moves.append(("approved", created + (REF - created) * rng.uniform(0.3, 0.9), self._note("approved")))
            if forced == "cancelled" or (not calm and draw > 0.88):
                moves.append(("cancelled", REF - _days(rng, 0, 10), self._note("cancelled")))
            return created, moves
        created = max(data.IPEC_FOUNDED, start - _days(rng, 120, 420))
        approved = max(created, min(created + _days(rng, 30, 200), start - DAY))
        moves.append(("approved", approved, self._note("approved")))
        if not calm and rng.random() < 0.015:  # dropped after approval
            moves.append(("cancelled", min(approved + _days(rng, 30, 120), REF), self._note("cancelled")))
            return created, moves
        active_on = start + _days(rng, 0, 45)
        if active_on > REF:
            return created, moves
        moves.append(("active", active_on, self._note("active")))
        actual_end = end
        if not calm and rng.random() < 0.25:  # no-cost extension
            actual_end = end + _days(rng, 90, 365)
        # A coup, a conflict or a disaster in the country stops the project.
        disruptions = [] if calm and forced != "suspended" else data.DISRUPTIONS.get(countries[0], [])
        for event, note in disruptions:
            if not (active_on < event < actual_end and event <= REF):
                continue
            suspended_on = min(event + _days(rng, 1, 20), REF)
            moves.append(("suspended", suspended_on, note))
            resume_on = suspended_on + _days(rng, 150, 500)
            if calm or resume_on > REF or rng.random() < 0.35:
                return created, moves
            moves.append(("active", resume_on, texts.STATUS_NOTES["resumed"]))
            actual_end = max(actual_end, resume_on + _days(rng, 90, 365))
            break
        if not calm and rng.random() < 0.04:  # suspended for a review, then resumed
            suspended_on = moves[-1][1] + (actual_end - moves[-1][1]) * rng.uniform(0.2, 0.6)
            if suspended_on <= REF:
                moves.append(("suspended", suspended_on, self._note("suspended")))
                resume_on = suspended_on + _days(rng, 60, 240)
                if resume_on > REF:
                    return created, moves
                moves.append(("active", resume_on, texts.STATUS_NOTES["resumed"]))
                actual_end = max(actual_end, resume_on + _days(rng, 60, 200))
        if not calm and rng.random() < 0.01:  # stopped early
            cancelled_on = moves[-1][1] + (actual_end - moves[-1][1]) * rng.uniform(0.2, 0.8)
            if cancelled_on <= REF:
                moves.append(("cancelled", cancelled_on, "Cancelled at the donor's request; remaining funds returned."))
                return created, moves
        if actual_end > REF:
            return created, moves
        moves.append(("completed", actual_end, self._note("completed")))
        closed_on = actual_end + _days(rng, 120, 540)
        if closed_on <= REF and forced != "completed":
            moves.append(("closed", closed_on, self._note("closed")))
        return created, moves

    def _project(
        self,
        rng: random.Random,
        *,
        code: str,
        title: str,
        kind: str,
        countries: list[str],
        start: datetime.date,
        end: datetime.date,
        budget: Decimal,
        donor: str,
        interventions: tuple[str, ...],
        worst_forms: tuple[str, ...],
        sectors: tuple[str, ...],
        target_groups: tuple[str, ...],
        time_bound: bool,
        created: datetime.date,
        moves: list[tuple[str, datetime.date, str]],
        summary: str,
        language: str | None = None,
    ) -> ProjectPlan:
        if language is None:
            language = data.text_language(data.COUNTRIES[countries[0]].language) if kind == "national" else "en"
        if not summary:
            summary = rng.choice(texts.SUMMARIES[language]).format(country=data.COUNTRY_NAMES[countries[0]])
        region = data.REGION_OF[countries[0]]
        if kind == "national":
            office = f"ILO Country Office for {data.COUNTRY_NAMES[countries[0]]}"
        elif len({data.REGION_OF[c] for c in countries}) == 1:
            office = REGIONAL_OFFICES[region]
        else:
            office = HQ_OFFICE
        project = ProjectPlan(
            code=code, title=title, summary=summary, objectives="", kind=kind, countries=countries,
            planned_start=start, planned_end=end, budget=budget, fundings=[(donor, budget)],
            interventions=tuple(interventions), worst_forms=tuple(worst_forms), sectors=tuple(sectors),
            target_groups=tuple(target_groups), time_bound=time_bound, administrative_office=office,
            created_on=created, moves=moves, language=language, backstopping=self._pick("hq", self.hq_pool),
        )  # fmt: skip
        if kind == "national":
            if project.status not in ("pipeline", "cancelled") or project.actual_start:
                project.cta = self._cta(project)
        else:
            project.project_manager = self._pick("pm", self.hq_pool[1:])
        self._targets(rng, project)
        project.objectives = self._objectives(project)
        self._expenditures(rng, project)
        self._action_programmes(rng, project)
        self._partnerships(rng, project)
        self._reports(project)
        return project

    def _cta(self, project: ProjectPlan) -> str:
        if (
            project.countries[0] in SOUTH_ASIA
            and project.status in ("active", "suspended", "approved", "completed")
            and self._cta_login_projects < 6
        ):
            self._cta_login_projects += 1
            return "cta"
        region = data.REGION_OF[project.countries[0]]
        return self._pick(f"cta:{region}", self.cta_pools[region])

    def _targets(self, rng: random.Random, project: ProjectPlan) -> None:
        if "direct-action" not in project.interventions:
            return
        share = 1.0 if project.kind == "national" else 0.5
        children = int(float(project.budget) * share / rng.uniform(350, 900))
        withdrawn_total = int(children * rng.uniform(0.3, 0.5))
        girls = 0.7 if "domestic-work" in project.sectors else rng.uniform(0.45, 0.55)
        young = 0.35 if "very-young-children" in project.target_groups else rng.uniform(0.18, 0.28)
        bands = {"5-11": young, "12-14": 0.45, "15-17": 0.55 - young}
        for measure, total in (("withdrawn", withdrawn_total), ("prevented", children - withdrawn_total)):
            for sex in SEXES:
                sex_share = girls if sex == "girls" else 1 - girls
                for band in AGE_BANDS:
                    project.targets.append((measure, sex, band, max(0, round(total * sex_share * bands[band]))))
        project.targets.append(("families", "", "", int(children * rng.uniform(0.25, 0.45))))

    def target_total(self, project: ProjectPlan, measure: str) -> int:
        return sum(v for m, _s, _b, v in project.targets if m == measure)

    def _objectives(self, project: ProjectPlan) -> str:
        lang = project.language
        values = {
            "country": data.COUNTRY_NAMES[project.countries[0]],
            "withdrawn": f"{self.target_total(project, 'withdrawn'):,}",
            "prevented": f"{self.target_total(project, 'prevented'):,}",
            "families": f"{self.target_total(project, 'families'):,}",
        }
        lines = [texts.DEVELOPMENT_OBJECTIVE[lang].format(**values), "", texts.IMMEDIATE_OBJECTIVES_HEADING[lang]]
        for number, code in enumerate(project.interventions, start=1):
            if code == "direct-action" and not project.targets:
                continue
            lines.append(f"{number}. " + texts.IMMEDIATE_OBJECTIVES[lang][code].format(**values))
        return "\n".join(lines)

    def _spending_window(self, project: ProjectPlan) -> tuple[datetime.date, datetime.date, float] | None:
        """When money was spent, and the share of the budget delivered (delivery rate)."""
        start = project.actual_start
        if start is None:
            return None
        status, last = project.status, project.moves[-1][1]
        duration = max(1, (project.planned_end - start).days)
        if status == "closed":
            return start, project.actual_end or last, 0.97
        if status == "completed":
            return start, last, 0.92
        elapsed = min(1.0, ((last if status in ("suspended", "cancelled") else REF) - start).days / duration)
        factor = {"active": 0.9, "suspended": 0.75, "cancelled": 0.6}[status]
        return start, last if status in ("suspended", "cancelled") else REF, max(0.02, elapsed * factor)

    def _expenditures(self, rng: random.Random, project: ProjectPlan) -> None:
        window = self._spending_window(project)
        if window is None:
            return
        start, end, delivery = window
        delivery *= rng.uniform(0.94, 1.03)
        total = float(project.budget) * min(delivery, 1.0)
        years = list(range(start.year, end.year + 1))
        weights = []
        for year in years:
            first, last = max(start, datetime.date(year, 1, 1)), min(end, datetime.date(year, 12, 31))
            weights.append(max(1, (last - first).days) * (0.6 if year == start.year else 1.0))
        scale = total / sum(weights)
        for year, weight in zip(years, weights, strict=True):
            project.expenditures.append((year, Decimal(round(weight * scale, 2)).quantize(Decimal("0.01"))))

    def _action_programmes(self, rng: random.Random, project: ProjectPlan) -> None:
        start = project.actual_start
        if start is None or "direct-action" not in project.interventions:
            return
        count = rng.randint(2, 4) if project.kind == "national" else rng.randint(1, 3)
        withdrawn, prevented = self.target_total(project, "withdrawn"), self.target_total(project, "prevented")
        end_limit = max(project.planned_end, start + 180 * DAY)
        used: set[PartnerKey] = set()
        for _ in range(count):
            iso3 = rng.choice(project.countries)
            by_type = self.partners_by_country[iso3]
            type_code = rng.choices(["ngo", "cbo", "workers", "employers", "government"], [6, 2, 1, 1, 1])[0]
            options = by_type[type_code] or by_type["ngo"]
            partner = rng.choice(options)
            if partner in used:
                continue
            used.add(partner)
            ap_start = start + _days(rng, 30, 180)
            ap_end = min(ap_start + _days(rng, 365, 900), end_limit)
            if ap_end < ap_start:
                ap_end = ap_start + 180 * DAY
            lang_index = {"en": 0, "fr": 1, "es": 2}[project.language]
            title = rng.choice(data.ACTION_PROGRAMME_TITLES)[lang_index].format(
                city=rng.choice(data.COUNTRIES[iso3].cities)
            )
            share = rng.uniform(0.15, 0.3)
            project.action_programmes.append(
                ActionProgrammePlan(
                    partner=partner,
                    title=title,
                    budget=Decimal(round(float(project.budget) * rng.uniform(0.05, 0.15), -3)),
                    start_on=ap_start,
                    end_on=ap_end,
                    withdrawn=int(withdrawn * share),
                    prevented=int(prevented * share),
                )
            )

    def _partnerships(self, rng: random.Random, project: ProjectPlan) -> None:
        """Executing and collaborating partners (funding comes from the donors, implementing from the action programmes)."""
        iso3 = project.countries[0]
        chosen: list[tuple[PartnerKey, str]] = []
        if project.kind == "national" and rng.random() < 0.4:
            chosen.append((self.constituents(iso3)[0], "executing"))
        pools = [self.international["international"], self.international["research"]]
        national = self.partners_by_country[iso3]
        for type_code in ("media", "research", "religious", "parliament", "judiciary", "private-business", "other"):
            if national[type_code]:
                pools.append(national[type_code])
        for _ in range(rng.randint(1, 2)):
            partner = rng.choice(rng.choice(pools))
            if all(partner != p for p, _ in chosen):
                chosen.append((partner, "collaborating"))
        project.partnerships = chosen

    # -- progress reports -----------------------------------------------------------
    def _report_periods(self, project: ProjectPlan) -> list[tuple[datetime.date, datetime.date]]:
        """The periods the reporting schedule opens when the project first becomes active (and again on resuming:
        the same ones), begun by `today`."""
        from projects.progress_reports import reporting_periods

        at_activation = SimpleNamespace(
            actual_start=project.actual_start,
            actual_end=None,
            planned_start=project.planned_start,
            planned_end=project.planned_end,
            reporting_interval_months=self.reporting_interval,
        )
        return reporting_periods(at_activation, today=self.today)  # type: ignore[arg-type]

    def _reports(self, project: ProjectPlan) -> None:
        """The project's progress reports: accepted ones for its past, and where its latest ones stand.

        A project that stopped reporting (completed, closed, cancelled) has all its reports accepted; a cancelled
        one reports up to its cancellation. A project still reporting has its older reports accepted and its
        latest one or two in varied states: sent and waiting for HQ, returned with HQ's comment, sent again,
        overdue; the current period is a draft not yet due.
        """
        if project.actual_start is None:
            return
        periods = self._report_periods(project)
        if project.status == "cancelled":
            periods = [p for p in periods if p[0] <= project.moves[-1][1]]
        if not periods:
            return
        rng = random.Random(f"{data.SEED}:reports:{project.code}")
        author = project.cta or project.project_manager
        assert author is not None, project.code
        reviewer = self._reviewer(project, author)
        states = self._report_states(rng, project, periods)
        cumulative = self._progress(rng, project, periods)
        weights = self._country_weights(rng, project)
        active = self._active_days(project)
        lang = project.language
        city = rng.choice(data.COUNTRIES[project.countries[0]].cities)
        done: dict[tuple[str, str, str, str], int] = defaultdict(int)  # reported so far, per country and cell
        for index, ((start, end), state) in enumerate(zip(periods, states, strict=True)):
            report = ReportPlan(start, end, end + self.due_after, author)
            status, returned_once, written = state
            # The period's figures, per country: what the cumulative share reached adds to what came before.
            figures = []
            for iso3, weight in weights:
                for measure, sex, band, target in project.targets:
                    key = (iso3, measure, sex, band)
                    value = round(target * weight * cumulative[index]) - done[key]
                    done[key] += value
                    if value > 0:
                        figures.append((iso3, measure, sex, band, value))
            if written:
                suspended = active(end) == active(start - DAY)
                report.rating = self._report_rating(rng, suspended)
                report.narrative = self._report_narrative(
                    rng, project, lang, city, figures, first=index == 0, suspended=suspended,
                    final=index == len(periods) - 1 and project.status in ("completed", "closed"),
                )  # fmt: skip
                report.challenges = rng.choice(texts.REPORT_CHALLENGES[lang])
                report.next_steps = rng.choice(texts.REPORT_NEXT_STEPS[lang])
                report.figures = figures
                if status == "draft":  # under way: the figures in, the rest to come
                    report.rating = report.challenges = report.next_steps = ""
                    report.narrative = texts.REPORT_DRAFT_NOTES[lang].format(city=city)
            if status != "draft":
                comment = rng.choice(texts.REPORT_RETURN_COMMENTS[lang])
                report.steps = self._report_steps(rng, report, status, returned_once, author, reviewer, comment)
                report.status = status
                if status in ("returned", "resubmitted"):
                    report.review_comment = comment
            project.reports.append(report)

    def _reviewer(self, project: ProjectPlan, author: str) -> str:
        """HQ reviews: the backstopping officer, or another officer when the backstopping one manages the project."""
        if project.backstopping != author:
            return project.backstopping
        return self.hq_pool[(self.hq_pool.index(author) + 1) % len(self.hq_pool)]

    def _report_states(
        self, rng: random.Random, project: ProjectPlan, periods: list[tuple[datetime.date, datetime.date]]
    ) -> list[tuple[str, bool, bool]]:
        """Per period: (status, returned once before being accepted, written)."""
        today = self.today
        if project.status not in ("active", "suspended"):
            return [("accepted", rng.random() < 0.1, True) for _ in periods]
        due = [i for i, (_start, end) in enumerate(periods) if end + self.due_after < today]
        states = [
            ("accepted", rng.random() < 0.1, True) if i in due else ("draft", False, False) for i in range(len(periods))
        ]
        # Not yet due: the current period, and the one just ended, which the CTA may be writing or has even sent.
        just_ended = [i for i, (_start, end) in enumerate(periods) if i not in due and end < today]
        for i in just_ended:
            draw = rng.random()
            if draw < 0.15 and (today - periods[i][1]).days >= 5:
                states[i] = ("submitted", False, True)
            elif draw < 0.6:
                states[i] = ("draft", False, True)
        if not due:
            return states
        last, recent = due[-1], periods[due[-1]][1] + self.due_after >= today - 120 * DAY
        cta_due = periods[last][1] + self.due_after >= today - 240 * DAY
        if project.cta == "cta" and self._cta_report_states and len(due) >= 2 and cta_due:
            # The `cta` account's queue: one report in each state, two per project at most (the latest, then the one
            # before), keeping an accepted one in each project.
            for i in due[::-1][: min(2, len(due) - 1)]:
                if self._cta_report_states:
                    status = self._cta_report_states.pop(0)
                    states[i] = (status, False, status != "draft" or rng.random() < 0.5)
            return states
        if len(due) == 1:
            status = rng.choices(("accepted", "submitted"), (75, 25))[0]
        elif recent:
            status = rng.choices(("accepted", "submitted", "returned", "resubmitted", "draft"), (40, 18, 10, 10, 22))[0]
        else:  # the schedule ended long ago: reported in full, or the last report never sent
            status = rng.choices(("accepted", "draft"), (75, 25))[0]
        if status != "accepted":
            states[last] = (status, False, status != "draft" or rng.random() < 0.4)
        if status == "draft" and len(due) >= 3 and rng.random() < 0.3:  # two reports behind
            states[due[-2]] = ("draft", False, False)
        return states

    def _report_rating(self, rng: random.Random, suspended: bool) -> str:
        if suspended:
            return rng.choice(("off_track", "off_track", "at_risk"))
        return rng.choices(("on_track", "at_risk", "off_track"), (70, 23, 7))[0]

    def _report_narrative(
        self,
        rng: random.Random,
        project: ProjectPlan,
        lang: str,
        city: str,
        figures: list[tuple[str, str, str, str, int]],
        *,
        first: bool,
        suspended: bool,
        final: bool,
    ) -> str:
        if suspended:
            return texts.REPORT_NARRATIVES_SUSPENDED[lang]
        if final:
            return texts.REPORT_NARRATIVES_FINAL[lang]
        if not project.targets:
            return rng.choice(texts.REPORT_NARRATIVES_POLICY[lang]).format(city=city)
        totals = Counter()
        for _iso3, measure, _sex, _band, value in figures:
            totals[measure] += value
        if first and totals["withdrawn"] + totals["prevented"] < 50:
            return texts.REPORT_NARRATIVES_INCEPTION[lang].format(city=city)
        separator = {"en": ",", "fr": "\u202f", "es": "."}[lang]
        numbers = {m: f"{totals[m]:,}".replace(",", separator) for m in ("withdrawn", "prevented", "families")}
        return rng.choice(texts.REPORT_NARRATIVES[lang]).format(city=city, **numbers)

    def _report_steps(
        self,
        rng: random.Random,
        report: ReportPlan,
        status: str,
        returned_once: bool,
        author: str,
        reviewer: str,
        comment: str,
    ) -> list[tuple[str, str, str, datetime.datetime, str]]:
        """The workflow's steps up to `status`, dated after the period and before today."""
        path = {
            "submitted": ["submitted"],
            "returned": ["submitted", "returned"],
            "resubmitted": ["submitted", "returned", "resubmitted"],
            "accepted": ["submitted", "returned", "resubmitted", "accepted"]
            if returned_once
            else ["submitted", "accepted"],
        }[status]
        gaps = {"submitted": (8, 50), "returned": (5, 20), "resubmitted": (3, 15), "accepted": (3, 35)}
        days, day = [], report.period_end
        for step in path:
            day += _days(rng, *gaps[step])
            days.append(day)
        if status != "accepted":
            # Where it stands is recent: HQ reviews within weeks, so a report waiting on either side was sent late.
            shift = (self.today - _days(rng, 2, 30) - days[-1]).days
            days = [d + datetime.timedelta(days=max(0, shift)) for d in days]
        # Every step before the day the demo is built: squeeze a late timeline into the time there was.
        first, limit = report.period_end + DAY, self.today - 2 * DAY
        if days[-1] > limit:
            span = max(0, (limit - first).days)
            stretch = (days[-1] - first).days or 1
            days = [first + datetime.timedelta(days=(d - first).days * span // stretch) for d in days]
        steps, previous, status_before = [], None, "draft"
        for step, day in zip(path, days, strict=True):
            at = datetime.datetime.combine(
                day, datetime.time(rng.randint(7, 17), rng.randint(0, 59)), tzinfo=datetime.UTC
            )
            if previous and at <= previous:
                at = previous + datetime.timedelta(minutes=rng.randint(20, 180))
            by = reviewer if step in ("returned", "accepted") else author
            steps.append((status_before, step, by, at, comment if step == "returned" else ""))
            previous, status_before = at, step
        return steps

    def _active_days(self, project: ProjectPlan):
        """A function: the days the project was active from its start to a given day (suspensions do not count)."""
        spans, opened = [], None
        for status, day, _note in project.moves:
            if status == "active" and opened is None:
                opened = day
            elif status != "active" and opened is not None:
                spans.append((opened, day))
                opened = None
        if opened is not None:
            spans.append((opened, datetime.date.max))

        def active(day: datetime.date) -> int:
            return sum(max(0, (min(day, end) - start).days) for start, end in spans)

        return active

    def _progress(
        self, rng: random.Random, project: ProjectPlan, periods: list[tuple[datetime.date, datetime.date]]
    ) -> list[float]:
        """The share of its targets the project has reached by the end of each period: slow during the inception,
        then steady; nothing while suspended. Closed projects end near their targets, some above."""
        active = self._active_days(project)
        duration = max(30, (project.planned_end - project.actual_start).days)
        inception = rng.uniform(0.04, 0.12)
        final = {
            "closed": (0.88, 1.06), "completed": (0.85, 1.03), "cancelled": (0.45, 0.75),
        }.get(project.status, (0.8, 1.02))  # fmt: skip
        share = rng.uniform(*final)

        def reached(day: datetime.date) -> float:
            x = active(day) / duration
            return share * (0.0 if x <= inception else min(1.0, (x - inception) / (0.95 - inception)) ** 1.15)

        # Some periods go better than others: the increments vary, the total stays.
        levels = [reached(end) for _start, end in periods]
        steps = [b - a for a, b in zip([0.0, *levels], levels, strict=False)]
        varied = [s * rng.uniform(0.7, 1.3) for s in steps]
        scale = levels[-1] / sum(varied) if sum(varied) else 0.0
        cumulative, total = [], 0.0
        for step in varied:
            total += step * scale
            cumulative.append(total)
        return cumulative

    def _country_weights(self, rng: random.Random, project: ProjectPlan) -> list[tuple[str, float]]:
        """How a project's results split over its countries (a global project reports per country)."""
        if len(project.countries) == 1:
            return [(project.countries[0], 1.0)]
        raw = [rng.uniform(0.5, 1.5) for _ in project.countries]
        return [(iso3, w / sum(raw)) for iso3, w in zip(project.countries, raw, strict=True)]

    # -- committees and evaluations of a project ------------------------------------
    def _advisory_committee(self, project: ProjectPlan) -> CommitteePlan | None:
        start = project.actual_start
        if start is None or project.budget < 3_000_000 or project.kind != "national":
            return None
        rng = random.Random(f"{data.SEED}:pac:{project.code}")
        lang = project.language
        titles = texts.MEMBER_TITLES[lang]
        government, employers, workers = self.constituents(project.countries[0])
        donor_partner = next(p for code, p in self.donors if code == project.fundings[0][0])
        members = [
            (government, titles["government"], "chair"),
            (employers, titles["employers"], "member"),
            (workers, titles["workers"], "member"),
            (donor_partner, "Donor representative", "member"),
            (("International Labour Organization", None), titles["secretary"], "secretary"),
        ]
        for ap in project.action_programmes[:2]:
            if all(ap.partner != m[0] for m in members):
                members.append((ap.partner, titles["other"], "member"))
        established = start + _days(rng, 20, 90)
        last = min(project.moves[-1][1] if project.status != "active" else REF, REF)
        if established > last:
            established = start
        years = max(1, (last - established).days // 365)
        return CommitteePlan(
            kind="project",
            name=texts.ADVISORY_COMMITTEE_NAME.format(code=project.code),
            country=None,
            project=project.code,
            established_on=established,
            members=members,
            meetings=self._meetings(rng, lang, established, last, min(5, years)),
        )

    def _evaluations(self, project: ProjectPlan) -> list[EvaluationPlan]:
        start = project.actual_start
        if start is None or project.status == "cancelled":
            return []
        rng = random.Random(f"{data.SEED}:evaluations:{project.code}")
        budget = project.budget
        end = project.actual_end or project.planned_end
        midpoint = start + (project.planned_end - start) / 2
        wanted: list[tuple[str, str, datetime.date]] = []  # timing, modality, anchor
        # Older projects were evaluated less systematically; some projects miss a required evaluation (HQ sees which).
        old = project.planned_end.year < 2008
        if budget >= 5_000_000:
            wanted += [("midterm", "independent", midpoint), ("final", "independent", end - 45 * DAY)]
        elif budget >= 1_000_000:
            if rng.random() < (0.4 if old else 0.8):
                wanted.append(("final", "independent", end - 45 * DAY))
            if rng.random() < (0.05 if old else 0.25):
                wanted.append(("midterm", "internal", midpoint))
        elif rng.random() < (0.1 if old else 0.3):
            wanted.append(("final", rng.choice(("internal", "self")), end - 45 * DAY))
        if project.status == "closed" and budget >= 3_000_000 and rng.random() < 0.15:
            wanted.append(("expost", "independent", end + _days(rng, 400, 700)))
        plans = []
        for timing, modality, anchor in wanted:
            if project.status == "suspended" and timing != "midterm":
                continue
            suspended_on = next((d for s, d, _ in project.moves if s == "suspended"), None)
            if timing == "midterm" and suspended_on and anchor > suspended_on:
                continue
            steps = self._steps(rng, anchor)
            if steps:
                plans.append(self._evaluation(rng, [project], "project", timing, modality, steps, project.language))
        return plans

    def _steps(self, rng: random.Random, anchor: datetime.date) -> list[tuple[str, datetime.date]]:
        planned_on = anchor - _days(rng, 150, 240)
        if planned_on > REF:
            if anchor > REF + 365 * DAY:
                return []
            planned_on = REF - _days(rng, 5, 60)
        steps = [("planned", planned_on)]
        day = planned_on
        for status in EVALUATION_STEPS[1:]:
            day += _days(rng, 20, 70)
            if day > REF:
                break
            steps.append((status, day))
        return steps

    def _evaluation(
        self,
        rng: random.Random,
        projects: list[ProjectPlan],
        scope: str,
        timing: str,
        modality: str,
        steps: list[tuple[str, datetime.date]],
        language: str,
        title: str = "",
    ) -> EvaluationPlan:
        status = steps[-1][0]
        reached = EVALUATION_STEPS.index(status)
        if not title:
            pattern = texts.EVALUATION_TITLES if modality == "independent" else texts.EVALUATION_TITLES_INTERNAL
            title = pattern[language].format(timing=texts.TIMING_WORDS[language][timing], title=projects[0].title)
        evaluation = EvaluationPlan(
            title=title[:300], scope=scope, projects=[p.code for p in projects], timing=timing, modality=modality,
            language=language, manager=self._pick("manager", self.hq_pool), evaluators=[], steps=steps,
        )  # fmt: skip
        values = {
            "country": data.COUNTRY_NAMES[projects[0].countries[0]],
            "timing": texts.TIMING_WORDS[language][timing],
        }
        if reached >= EVALUATION_STEPS.index("tor"):
            evaluation.purpose = texts.PURPOSES[language]
            evaluation.scope_text = texts.SCOPES[language].format(**values)
            evaluation.methodology = texts.METHODOLOGIES[language]
        if reached >= EVALUATION_STEPS.index("contracted"):
            contracted_on = steps[2][1]
            evaluation.planned_start = contracted_on + _days(rng, 10, 30)
            evaluation.planned_end = evaluation.planned_start + _days(rng, 60, 110)
            evaluation.evaluators = self._evaluators(rng, status)
        if reached >= EVALUATION_STEPS.index("fieldwork"):
            preliminary = reached == EVALUATION_STEPS.index("fieldwork")
            criteria = CRITERIA[:3] if preliminary else CRITERIA
            for criterion in criteria:
                text = rng.choice(texts.FINDINGS[language][criterion])
                rating = None if preliminary else rng.choices(range(1, 7), texts.RATING_WEIGHTS[criterion])[0]
                evaluation.findings.append((criterion, text, rating))
        if reached >= EVALUATION_STEPS.index("draft_report"):
            evaluation.executive_summary = rng.choice(texts.EXECUTIVE_SUMMARIES[language]).format(**values)
            evaluation.conclusions = texts.CONCLUSIONS[language]
            pool = texts.RECOMMENDATIONS[language]
            for text, addressee, priority, timeframe in rng.sample(pool, rng.randint(3, min(5, len(pool)))):
                evaluation.recommendations.append(RecommendationPlan(text, addressee, priority, timeframe))
            evaluation.lessons = rng.sample(texts.LESSONS[language], rng.randint(1, 2))
            if rng.random() < 0.6:
                evaluation.good_practices = [rng.choice(texts.GOOD_PRACTICES[language])]
        if reached >= EVALUATION_STEPS.index("final_report"):
            for recommendation in evaluation.recommendations:
                response = rng.choices(("accepted", "partially", "rejected"), (13, 5, 2))[0]
                recommendation.management_response = response
                recommendation.response_comment = texts.RESPONSE_COMMENTS[language][response]
                if response != "rejected":
                    options = (
                        ("completed", "in_progress", "not_started")
                        if status == "published"
                        else ("in_progress", "not_started")
                    )
                    recommendation.follow_up = rng.choice(options)
        return evaluation

    def _evaluators(self, rng: random.Random, status: str) -> list[str]:
        chosen = [self._pick("evaluator", self.evaluator_pool)]
        if rng.random() < 0.3:
            second = self._pick("evaluator", self.evaluator_pool)
            if second not in chosen:
                chosen.append(second)
        # The `evaluator` account gets a few evaluations still open and a few finished.
        if status in ("contracted", "fieldwork", "draft_report") and self._evaluator_open < 5:
            self._evaluator_open += 1
            chosen.insert(0, "evaluator")
        elif status in ("final_report", "published") and self._evaluator_closed < 5:
            self._evaluator_closed += 1
            chosen.insert(0, "evaluator")
        return chosen

    def _cluster(self, projects: list[ProjectPlan]) -> EvaluationPlan:
        rng = random.Random(f"{data.SEED}:cluster:{projects[-1].code}")
        anchor = min(max(p.moves[-1][1] for p in projects) + _days(rng, 200, 500), REF)
        names = _join(sorted({data.COUNTRY_NAMES[p.countries[0]] for p in projects}))
        title = f"Cluster evaluation of IPEC projects in {names}"
        return self._evaluation(
            rng, projects, "cluster", "expost", "independent", self._steps(rng, anchor), "en", title
        )

    def _hand_written(self, project: ProjectPlan) -> list[EvaluationPlan]:
        """The hand-written cluster and thematic evaluations whose last project has just been planned."""
        self._flagship_plans[project.code] = project
        made = []
        for spec in data.CLUSTER_EVALUATIONS:
            if project.code not in spec.projects or not all(c in self._flagship_plans for c in spec.projects):
                continue
            rng = random.Random(f"{data.SEED}:{spec.title}")
            projects = [self._flagship_plans[c] for c in spec.projects]
            steps = self._steps(rng, spec.anchor)
            made.append(
                self._evaluation(
                    rng, projects, spec.scope, spec.timing, "independent", steps, spec.language, spec.title
                )
            )
        return made
