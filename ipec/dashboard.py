"""The dashboard's figures: the portfolio at a glance, each figure with the filtered project list behind it.

`portfolio()` reads every figure in eleven aggregate queries (numbered in `compute()`), whatever
the size of the portfolio: GROUP BY and conditional aggregates; the breakdowns group the link
tables joined once to the active projects (no correlated subquery per category, which read the
projects again for each) — never a query per project or per category. The result is cached for
CACHE_TIMEOUT seconds under a key holding the *portfolio version*, a token that any write to
the rows behind the figures replaces (the signal receivers at the end of this module), so a
change shows at once; the timeout only bounds what a write that sends no signal (bulk_create,
QuerySet.update, the bulk demo loader) or a read racing an uncommitted write can leave stale.

Decisions the design leaves open, taken here:

* **Active projects** are those whose status is `active` now; budgets are approved budgets.
* **A breakdown** counts a project once in every category it belongs to: a project working in
  Africa and Asia is in both regions' bars, so the bars add up to more than the total. Donors
  are as the project list's `donor` filter has them: funding the project, or giving it its TC
  symbol.
* **The year** of "expenditure this year" is the current calendar year once any expenditure is
  recorded for it; until then (expenditure is recorded after the fact), the latest year with
  expenditure, and the page says which year it is.
* **Delivery rate** of that year: the expenditure of active projects in the year against the
  share of their approved budgets that falls in the year, each budget spread evenly over the
  project's duration (actual dates, else planned). Projects without both dates are left out
  of both sides.
* **Children withdrawn and prevented**: the figures of accepted progress reports of active
  projects against those projects' targets (sexes and age bands summed).
* **Projects missing a required evaluation**: evaluations.rules.missing_required_count, all
  statuses the rule applies to; the page shows it to HQ only (accounts.policy).
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Count,
    Q,
    Sum,
)
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext, pgettext

from countries.models import Country, Region
from countries.names import country_name
from evaluations.models import Evaluation
from evaluations.rules import missing_required_count
from ipec.charts import Bar, BarChart
from ipec.worldmap import WorldMap
from partners.models import Donor, Partner, PartnershipRole, ProjectPartnership
from projects.models import (
    Expenditure,
    InterventionType,
    ProgressReport,
    Project,
    ProjectCountry,
    ProjectStatus,
    ReportFigure,
    ReportStatus,
    Target,
    TargetMeasure,
    WorstForm,
)

CACHE_TIMEOUT = 120  # seconds
VERSION_KEY = "dashboard:portfolio-version"
# Part of the key: a deploy that changes what is cached must not read an older shape (Redis outlives it).
KEY_SCHEMA = "dashboard:portfolio:1"
YEARS_SHOWN = 10  # of expenditure
CENTS = Decimal("0.01")
# The charts' viewBox width: narrow, so that their 11px text stays legible when a phone scales them down.
CHART_WIDTH = 460
ACTIVE = ProjectStatus.ACTIVE
CHILDREN = (TargetMeasure.WITHDRAWN, TargetMeasure.PREVENTED)


def projects_url(**params: object) -> str:
    """The project list filtered by `params`, in the list's own parameter names (projects/filters.py)."""
    return f"{reverse('projects:list')}?{urlencode(params)}" if params else reverse("projects:list")


# What is cached -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    """One category of a breakdown: its active projects and their approved budget, and the list of them."""

    code: str
    label: str
    count: int
    budget: Decimal
    href: str


@dataclass(frozen=True)
class YearSpent:
    year: int
    amount: Decimal
    href: str


@dataclass(frozen=True)
class Portfolio:
    today: datetime.date
    year: int  # of "expenditure this year" and the delivery rate (see the module's docstring)
    active: int
    active_budget: Decimal
    countries_active: int
    spent_in_year: Decimal  # all projects
    active_spent_in_year: Decimal  # active projects with dates: the delivery rate's numerator
    active_budget_share: Decimal  # the delivery rate's denominator
    children: dict[str, tuple[int, int]]  # measure -> (accepted actual, target)
    missing_evaluations: int
    by_status: list[Group]
    by_region: list[Group]
    by_intervention: list[Group]
    by_worst_form: list[Group]
    by_donor: list[Group]
    by_year: list[YearSpent]
    active_by_country: dict[str, int]  # ISO alpha-3 -> active projects
    country_names: dict[str, str]  # ISO alpha-3 -> name, every country

    @property
    def delivery_rate(self) -> float | None:
        """Per cent, or None without a budget share to deliver."""
        if not self.active_budget_share:
            return None
        return float(self.active_spent_in_year / self.active_budget_share * 100)


# The queries --------------------------------------------------------------------------------------


def _groups(rows, param: str, label: Callable[[dict], str]) -> list[Group]:
    return [
        Group(
            code=row["code"],
            label=label(row),
            count=row["n"],
            # Decimal from str: SQLite hands plain SQL's sums back as int or float.
            budget=Decimal(str(row["budget"] or 0)).quantize(CENTS),
            href=projects_url(status=ACTIVE, **{param: row["code"]}),
        )
        for row in rows
    ]


def _by_status() -> list[Group]:
    rows = {
        row["status"]: row
        for row in Project.objects.order_by().values("status").annotate(n=Count("pk"), budget=Sum("budget_usd"))
    }
    return [
        Group(
            code=value,
            label=label,
            count=rows.get(value, {}).get("n", 0),
            budget=rows.get(value, {}).get("budget") or Decimal(0),
            href=projects_url(status=value),
        )
        for value, label in ProjectStatus.choices
    ]


def _reference(model) -> list[dict]:
    """Each row of a reference table (InterventionType, WorstForm) with its active projects' count and budget.

    One GROUP BY over the many-to-many table joined to the active projects: the table holds a
    (project, category) pair once, so the join counts each project once per category without DISTINCT.
    """
    active = Q(projects__status=ACTIVE)
    return list(
        model.objects.order_by("sort_order", "name")
        .annotate(n=Count("projects", filter=active), budget=Sum("projects__budget_usd", filter=active))
        .values("code", "name", "n", "budget")
    )


def _fetch(sql: str, params: list) -> list[dict]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _by_region() -> list[dict]:
    """Every region with its active projects' count and budget, a project once per region: one query.

    The (project, region) pairs are made DISTINCT before the budgets are summed, since a project
    in two countries of a region has two rows in ProjectCountry. Plain SQL (PostgreSQL and SQLite
    alike): the ORM cannot aggregate over a DISTINCT subquery.
    """
    project, link, country, region = (model._meta.db_table for model in (Project, ProjectCountry, Country, Region))
    pairs = (
        f"SELECT DISTINCT pc.project_id, c.region_id FROM {link} pc "
        f"JOIN {country} c ON c.id = pc.country_id JOIN {project} p ON p.id = pc.project_id WHERE p.status = %s"
    )
    return _fetch(
        f"SELECT r.code, r.name, COUNT(p.id) AS n, SUM(p.budget_usd) AS budget FROM {region} r "
        f"LEFT JOIN ({pairs}) x ON x.region_id = r.id LEFT JOIN {project} p ON p.id = x.project_id "
        "GROUP BY r.id, r.code, r.name, r.sort_order ORDER BY r.sort_order, r.name",
        [ACTIVE],
    )


def _by_donor() -> list[Group]:
    """As ProjectFilter.of_donor: a funding partnership with the donor, or the donor's code ends the TC symbol.

    One query: the (project, partner) pairs of both kinds from the active projects, made distinct by
    UNION, then grouped per donor. A donor code is three letters (Donor's constraint), so "the code
    ends the TC symbol" is an equality on the symbol's last four characters, which joins by hash
    (a LIKE against each donor was a nested loop, and a subquery per donor read the projects again).
    """
    project, partnership, donor, partner = (
        model._meta.db_table for model in (Project, ProjectPartnership, Donor, Partner)
    )
    pairs = (
        f"SELECT p.id, p.budget_usd, pp.partner_id FROM {project} p JOIN {partnership} pp ON pp.project_id = p.id "
        "WHERE p.status = %s AND pp.role = %s "
        f"UNION SELECT p.id, p.budget_usd, d.partner_id FROM {project} p "
        f"JOIN {donor} d ON substr(p.code, length(p.code) - 3) = '/' || d.code WHERE p.status = %s"
    )
    rows = _fetch(
        "SELECT d.code, pa.name AS partner__name, pa.acronym AS partner__acronym, COUNT(*) AS n, "
        f"SUM(x.budget_usd) AS budget FROM ({pairs}) x JOIN {donor} d ON d.partner_id = x.partner_id "
        f"JOIN {partner} pa ON pa.id = d.partner_id "
        "GROUP BY d.id, d.code, pa.name, pa.acronym ORDER BY budget DESC, d.code",
        [ACTIVE, PartnershipRole.FUNDING, ACTIVE],
    )
    return _groups(rows, "donor", lambda row: f"{row['code']} – {row['partner__acronym'] or row['partner__name']}")


def _by_year(current: int) -> tuple[int, list[YearSpent]]:
    """(the year of "this year", expenditure of the YEARS_SHOWN years up to it), in one query."""
    totals = dict(
        Expenditure.objects.filter(year__lte=current, year__gt=current - 3 * YEARS_SHOWN)
        .order_by()
        .values_list("year")
        .annotate(total=Sum("amount_usd"))
    )
    year = current if totals.get(current) else max((y for y, t in totals.items() if t), default=current)
    return year, [
        YearSpent(year=y, amount=totals.get(y) or Decimal(0), href=projects_url(start_to=y, end_from=y))
        for y in range(year - YEARS_SHOWN + 1, year + 1)
    ]


def _days_in(start: datetime.date, end: datetime.date, year: int) -> int:
    first, last = max(start, datetime.date(year, 1, 1)), min(end, datetime.date(year, 12, 31))
    return max((last - first).days + 1, 0)


def _delivery(year: int) -> tuple[Decimal, Decimal]:
    """(expenditure of active projects in `year`, the share of their budgets that falls in `year`): one query."""
    rows = (
        Project.objects.filter(status=ACTIVE)
        .order_by()
        .values("pk", "budget_usd", "planned_start", "planned_end", "actual_start", "actual_end")
        .annotate(spent=Sum("expenditures__amount_usd", filter=Q(expenditures__year=year)))
    )
    spent, share = Decimal(0), Decimal(0)
    for row in rows:
        start = row["actual_start"] or row["planned_start"]
        end = row["actual_end"] or row["planned_end"]
        if start is None or end is None or end < start:
            continue
        spent += row["spent"] or 0
        share += row["budget_usd"] * _days_in(start, end, year) / ((end - start).days + 1)
    return spent, share


def _children() -> dict[str, tuple[int, int]]:
    """Per measure (withdrawn, prevented): (accepted actual, target) of active projects: two queries."""
    targets = dict(
        Target.objects.filter(project__status=ACTIVE, measure__in=CHILDREN)
        .order_by()
        .values_list("measure")
        .annotate(total=Sum("value"))
    )
    actuals = dict(
        ReportFigure.objects.filter(
            report__status=ReportStatus.ACCEPTED, report__project__status=ACTIVE, measure__in=CHILDREN
        )
        .order_by()
        .values_list("measure")
        .annotate(total=Sum("value"))
    )
    return {measure: (actuals.get(measure) or 0, targets.get(measure) or 0) for measure in CHILDREN}


def compute(today: datetime.date | None = None) -> Portfolio:
    """Every figure of the dashboard from the database, in eleven queries."""
    today = today or timezone.localdate()
    by_status = _by_status()  # 1
    active = next(group for group in by_status if group.code == ACTIVE)
    countries = list(  # 2
        Country.objects.order_by()
        .values_list("iso3", "name")
        .annotate(n=Count("project_countries", filter=Q(project_countries__project__status=ACTIVE)))
    )
    year, by_year = _by_year(today.year)  # 3
    active_spent, share = _delivery(year)  # 4
    return Portfolio(
        today=today,
        year=year,
        active=active.count,
        active_budget=active.budget,
        countries_active=sum(1 for _iso3, _name, n in countries if n),
        spent_in_year=by_year[-1].amount,
        active_spent_in_year=active_spent,
        active_budget_share=share,
        children=_children(),  # 5, 6
        missing_evaluations=missing_required_count(),  # 7
        by_status=by_status,
        by_region=_groups(_by_region(), "region", lambda row: row["name"]),  # 8
        by_intervention=_groups(_reference(InterventionType), "intervention", lambda row: row["name"]),  # 9
        by_worst_form=_groups(_reference(WorstForm), "worst_form", lambda row: row["name"]),  # 10
        by_donor=_by_donor(),  # 11
        by_year=by_year,
        active_by_country={iso3: n for iso3, _name, n in countries if n},
        country_names={iso3: name for iso3, name, _n in countries},
    )


# The cache ----------------------------------------------------------------------------------------


def portfolio_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        if not cache.add(VERSION_KEY, version, None):  # another process was first: use its token
            version = cache.get(VERSION_KEY, version)
    return version


def bump_portfolio_version() -> None:
    """Forget every cached figure: the next dashboard reads the database again."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def portfolio(today: datetime.date | None = None) -> Portfolio:
    """The figures, from the cache while the portfolio has not changed (and at most CACHE_TIMEOUT old)."""
    today = today or timezone.localdate()
    key = f"{KEY_SCHEMA}:{portfolio_version()}:{today.isoformat()}"
    figures = cache.get(key)
    if figures is None:
        figures = compute(today)
        cache.set(key, figures, CACHE_TIMEOUT)
    return figures


def _portfolio_changed(sender, **kwargs) -> None:
    # At once, not on commit: a transaction.on_commit hook would be one more callback in every writing
    # service's transaction, which tests count. The price: a dashboard read in the instant between a
    # write and its commit caches the old figures, for CACHE_TIMEOUT at most.
    bump_portfolio_version()


# The rows behind the figures; their many-to-many links are in WATCHED_LINKS.
WATCHED_MODELS = (
    Project,
    ProjectCountry,
    ProjectPartnership,
    Expenditure,
    ProgressReport,
    ReportFigure,
    Target,
    Evaluation,
    Country,
    Region,
    Donor,
    Partner,
    InterventionType,
    WorstForm,
)
WATCHED_LINKS = (
    Project.intervention_types.through,
    Project.worst_forms.through,
    Project.countries.through,
    Evaluation.projects.through,
)


def connect_signals() -> None:
    """Called once at start-up (ipec.apps): every write to the rows behind the figures bumps the version."""
    for model in WATCHED_MODELS:
        for name, signal in (("save", post_save), ("delete", post_delete)):
            signal.connect(_portfolio_changed, sender=model, dispatch_uid=f"dashboard-{name}-{model.__name__}")
    for through in WATCHED_LINKS:
        m2m_changed.connect(_portfolio_changed, sender=through, dispatch_uid=f"dashboard-m2m-{through.__name__}")


# What the page shows ------------------------------------------------------------------------------


# Numbers are written as the active language writes them (1,234,567 · 1 234 567 · 1.234.567):
# the cached figures are numbers, and these format them for each request.


def usd(value: Decimal | float) -> str:
    """Whole dollars with grouping, for tables: 1,234,567."""
    return formats.number_format(round(value), use_l10n=True, force_grouping=True)


def usd_short(value: Decimal | float) -> str:
    """Dollars in a few characters, for bars and headline figures: 12.3M, 1.2bn, 450k."""
    value = float(value)
    suffixes = (
        (1e9, pgettext("abbreviation of a billion (thousand million) dollars", "bn")),
        (1e6, pgettext("abbreviation of a million dollars", "M")),
        (1e3, pgettext("abbreviation of a thousand dollars", "k")),
    )
    for size, suffix in suffixes:
        if abs(value) >= size:
            short = round(value / size, 1)
            places = 0 if short == int(short) else 1
            return formats.number_format(short, decimal_pos=places, use_l10n=True, force_grouping=True) + suffix
    return usd(value)


def count(value: float) -> str:
    return formats.number_format(round(value), use_l10n=True, force_grouping=True)


def dollars(amount: str) -> str:
    return gettext("US$ %(amount)s") % {"amount": amount}


def percent(value: float) -> str:
    return gettext("%(value)s%%") % {"value": formats.number_format(round(value), use_l10n=True)}


@dataclass(frozen=True)
class Headline:
    """A figure at the top of the page; `href` is the filtered project list behind it."""

    key: str
    label: str
    value: str
    href: str
    note: str = ""


def headlines(figures: Portfolio, *, evaluation_rule: bool) -> list[Headline]:
    active_list = projects_url(status=ACTIVE)
    rate = figures.delivery_rate
    year = figures.year
    year_note = (
        ""
        if year == figures.today.year
        else gettext("latest year recorded; nothing yet for %(year)s") % {"year": figures.today.year}
    )
    items = [
        Headline("active", gettext("Active projects"), count(figures.active), active_list),
        Headline(
            "countries",
            gettext("Countries with active projects"),
            count(figures.countries_active),
            active_list,
            gettext("see the map below"),
        ),
        Headline(
            "budget",
            gettext("Approved budget of active projects"),
            dollars(usd_short(figures.active_budget)),
            active_list,
        ),
        Headline(
            "spent",
            gettext("Expenditure in %(year)s") % {"year": year},
            dollars(usd_short(figures.spent_in_year)),
            projects_url(start_to=year, end_from=year),
            year_note or gettext("all projects; the list shows the projects planned to run that year"),
        ),
        Headline(
            "delivery",
            gettext("Delivery rate %(year)s") % {"year": year},
            "–" if rate is None else percent(rate),
            active_list,
            gettext("active projects: spent in %(year)s against their budgets' share of %(year)s") % {"year": year},
        ),
    ]
    for measure, (actual, target) in figures.children.items():
        of_target = (
            gettext("%(share)s of the target of %(target)s")
            % {"share": percent(100 * actual / target), "target": count(target)}
            if target
            else gettext("no target set")
        )
        items.append(
            Headline(
                measure,
                str(TargetMeasure(measure).label),
                count(actual),
                active_list,
                gettext("%(of_target)s; accepted progress reports of active projects") % {"of_target": of_target},
            )
        )
    if evaluation_rule:
        items.append(
            Headline(
                "missing-evaluation",
                gettext("Projects missing a required evaluation"),
                count(figures.missing_evaluations),
                projects_url(missing_evaluation="yes"),
                gettext("the evaluation rule: budget from US$ 1 million"),
            )
        )
    return items


def _breakdown(
    chart_id: str,
    title: str,
    heading: str,
    groups: list[Group],
    what: str = "",
    label: Callable[[Group], str] = lambda group: group.label,
) -> BarChart:
    """A breakdown; `label` names each group in the active language (the cached figures hold English names)."""
    what = what or gettext("Active projects")
    return BarChart(
        chart_id=chart_id,
        title=title,
        description=gettext(
            "%(title)s: number of %(what)s and their approved budget in US dollars; each bar opens the list."
        )
        % {"title": title, "what": what.lower()},
        series=(what, gettext("Budget (US$)")),
        bars=[Bar(label(group), (group.count, group.budget), group.href) for group in groups],
        formats=(count, usd),
        bar_formats=(count, usd_short),
        independent_scales=True,
        label_heading=heading,
        width=CHART_WIDTH,
        label_width=160,
        bar_height=13,
    )


def _named(group: Group) -> str:
    """A region's, intervention type's or worst form's name in the active language (ReferenceModel.localized_name)."""
    return gettext(group.label)


def charts(figures: Portfolio) -> list[BarChart]:
    """The breakdowns, the children against targets and expenditure by year, in the page's order."""
    children = BarChart(
        chart_id="children",
        title=gettext("Children withdrawn and prevented against targets (active projects)"),
        description=gettext("Targets of active projects and the figures of their accepted progress reports."),
        series=(gettext("Target"), gettext("Achieved")),
        bars=[
            Bar(str(TargetMeasure(measure).label), (target, actual), projects_url(status=ACTIVE))
            for measure, (actual, target) in figures.children.items()
        ],
        formats=(count, count),
        label_heading=gettext("Measure"),
        width=CHART_WIDTH,
        label_width=160,
    )
    years = BarChart(
        chart_id="expenditure",
        title=gettext("Expenditure by year, %(first)s–%(last)s (all projects)")
        % {"first": figures.by_year[0].year, "last": figures.by_year[-1].year},
        description=gettext(
            "Expenditure recorded for each year in US dollars; each bar opens the projects planned to run that year."
        ),
        series=(gettext("Expenditure (US$)"),),
        bars=[Bar(str(y.year), (y.amount,), y.href) for y in figures.by_year],
        formats=(usd,),
        bar_formats=(usd_short,),
        label_heading=gettext("Year"),
        width=CHART_WIDTH,
        label_width=50,
        bar_height=16,
    )
    return [
        _breakdown(
            "by-region", gettext("Active projects by ILO region"), gettext("Region"), figures.by_region, label=_named
        ),
        _breakdown(
            "by-intervention",
            gettext("Active projects by intervention type"),
            gettext("Intervention type"),
            figures.by_intervention,
            label=_named,
        ),
        _breakdown(
            "by-worst-form",
            gettext("Active projects by worst form targeted"),
            gettext("Worst form"),
            figures.by_worst_form,
            label=_named,
        ),
        _breakdown("by-donor", gettext("Active projects by donor"), gettext("Donor"), figures.by_donor),
        _breakdown(
            "by-status",
            gettext("All projects by status"),
            gettext("Status"),
            figures.by_status,
            what=gettext("Projects"),
            label=lambda group: str(ProjectStatus(group.code).label),
        ),
        years,
        children,
    ]


def world_map(figures: Portfolio) -> WorldMap:
    return WorldMap(
        map_id="active-map",
        title=gettext("Active projects by country"),
        description=gettext("Countries shaded by their number of active projects; a shaded country opens its list."),
        counts=figures.active_by_country,
        names={iso3: country_name(name) for iso3, name in figures.country_names.items()},
        unit=(gettext("active project"), gettext("active projects")),
        href=lambda iso3: projects_url(status=ACTIVE, country=iso3),
    )
