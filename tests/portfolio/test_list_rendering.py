"""The lean parts of the list pages give what the plain ones gave: the filter widgets written in Python
(ipec.widget_html) are Django's HTML byte for byte; the year filters restated on the sort's index list the same
projects and let the page seek; the donor filter's per-row EXISTS lists the same projects."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.forms.renderers import get_default_renderer
from django.http import QueryDict

from ipec.widget_html import LEAN_RENDERER
from partners.filters import PartnerFilter
from partners.models import Donor, PartnershipRole, ProjectPartnership
from projects.filters import ProjectFilter
from projects.models import Project
from tests.factories import make_project
from tests.ipec.invariants import country

pytestmark = pytest.mark.django_db

QUERIES = [
    "",
    "q=child&region=africa&country=ind&sector=agriculture&donor=USA&start_from=2010&budget_max=5&sort=-budget",
    "region=nowhere&start_from=abc&budget_min=-1&rating=at_risk&kind=global&partner=x&sort=zzz",
    'q="><script>&country=<b>',
]


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("filter_class", [ProjectFilter, PartnerFilter])
def test_lean_widgets_are_djangos_html(portfolio, filter_class, query):
    filterset = filter_class(QueryDict(query), queryset=filter_class._meta.model.objects.all())
    filterset.is_valid()
    form = filterset.form
    assert form.renderer is LEAN_RENDERER
    plain = form.__class__(form.data, renderer=get_default_renderer())
    plain.is_valid()
    for name in form.fields:
        assert str(form[name]) == str(plain[name]), name


def test_other_widgets_are_left_to_django():
    class Form(forms.Form):
        when = forms.DateField(widget=forms.SelectDateWidget)
        many = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple)
        number = forms.ChoiceField(choices=[(1, 1000), (2, 2000)])  # labels a template would localize

    for name in ("when", "many", "number"):
        assert str(Form(renderer=LEAN_RENDERER)[name]) == str(Form(renderer=get_default_renderer())[name])


# Year filters -------------------------------------------------------------------------------------------


@pytest.fixture
def dated(portfolio):
    """Projects with every mix of empty and set dates, around the years filtered."""
    starts = [None, datetime.date(1999, 5, 1), datetime.date(2003, 1, 1), datetime.date(2010, 12, 31)]
    ends = [None, datetime.date(2004, 6, 30), datetime.date(2005, 12, 31), datetime.date(2012, 1, 1)]
    n = 0
    for start in starts:
        for end in ends:
            if start and end and end < start:
                continue
            n += 1
            make_project(code=f"GHA/30/{n:03d}/USA", countries=[country("GHA")], planned_start=start, planned_end=end)
    return Project.objects.all()


def _expected(data: dict) -> set[str]:
    def ok(project: Project) -> bool:
        s, e = project.planned_start, project.planned_end
        checks = [
            ("start_from", lambda y: s is not None and s >= datetime.date(y, 1, 1)),
            ("start_to", lambda y: s is not None and s <= datetime.date(y, 12, 31)),
            ("end_from", lambda y: e is not None and e >= datetime.date(y, 1, 1)),
            ("end_to", lambda y: e is not None and e <= datetime.date(y, 12, 31)),
        ]
        return all(check(int(data[name])) for name, check in checks if name in data)

    return {p.code for p in Project.objects.all() if ok(p)}


YEARS = [
    {"start_to": "2003"},
    {"start_from": "2003"},
    {"end_to": "2005"},
    {"end_from": "2005"},
    {"start_from": "1999", "start_to": "2003"},
    {"start_from": "2003", "end_to": "2005"},
    {"end_from": "2004", "end_to": "2005", "start_to": "2010"},
]


@pytest.mark.parametrize("sort", ["-start", "start", "-end", "end", "title"])
@pytest.mark.parametrize("years", YEARS, ids=["&".join(f"{k}={v}" for k, v in y.items()) for y in YEARS])
def test_year_filters_list_the_same_projects_in_every_sort(dated, sort, years):
    filterset = ProjectFilter(QueryDict("", mutable=True) | {**years, "sort": sort}, queryset=Project.objects.all())
    assert filterset.is_valid(), filterset.errors
    expected = _expected(years)
    assert set(filterset.qs.values_list("code", flat=True)) == expected
    assert set(filterset.page_queryset().values_list("code", flat=True)) == expected


@pytest.mark.parametrize(
    ("query", "expression"),
    [
        ("sort=-start&start_to=2000", 'COALESCE("projects_project"."planned_start", 0001-01-01'),
        ("sort=start&start_from=2000", 'COALESCE("projects_project"."planned_start", 9999-12-31'),
        ("sort=-start&end_to=2005", 'COALESCE("projects_project"."planned_start", 0001-01-01'),
        ("sort=-end&end_to=2005", 'COALESCE("projects_project"."planned_end", 0001-01-01'),
    ],
)
def test_a_year_bound_is_written_on_the_sort_index_expression(dated, require_postgres, query, expression):
    filterset = ProjectFilter(QueryDict(query), queryset=Project.objects.all())
    assert filterset.is_valid()
    sql = str(filterset.page_queryset().query)
    where = sql.split(" WHERE ", 1)[1].split(" ORDER BY ")[0]
    assert expression in where.replace("::date", "")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        # On a few rows another index plus a sort can cost less; at scale the sort is what must not happen.
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("SET LOCAL enable_incremental_sort = off")
        plan = filterset.page_queryset()[:51].explain()
    assert "Index Cond: (COALESCE(" in plan, plan


# The donor filter -----------------------------------------------------------------------------------------


def test_the_donor_filter_lists_funded_and_named_projects_once(portfolio):
    usa = Donor.objects.get(code="USA")
    named_only = make_project(code="GHA/31/001/USA", countries=[country("GHA")])
    for donor in Donor.objects.all():
        filterset = ProjectFilter(QueryDict(f"donor={donor.code}"), queryset=Project.objects.all())
        assert filterset.is_valid()
        funds = ProjectPartnership.objects.filter(
            project=OuterRef("pk"), partner_id=donor.partner_id, role=PartnershipRole.FUNDING
        )
        plain = Project.objects.filter(Exists(funds) | Q(code__endswith=f"/{donor.code}"))
        listed = list(filterset.qs.values_list("code", flat=True))
        assert sorted(listed) == sorted(plain.values_list("code", flat=True)) and len(listed) == len(set(listed))
    assert named_only.code in ProjectFilter(QueryDict("donor=USA"), queryset=Project.objects.all()).qs.values_list(
        "code", flat=True
    )
    assert "OFFSET 0" in str(ProjectFilter(QueryDict("donor=USA"), queryset=Project.objects.all()).qs.query)
    assert usa  # the fixture's donors include USA


def test_the_page_rows_are_the_projects_values(client, viewer, portfolio):
    """projects/list_rows.py gives each cell what the template computed before: a spot check of a full row."""
    project = make_project(
        code="GLO/32/001/USA",
        kind="global",
        countries=[country("GHA"), country("BRA")],
        title="Cocoa & <children>",
        budget_usd=Decimal("1234567.60"),
        planned_start=datetime.date(2030, 3, 1),
        planned_end=None,
    )
    client.force_login(viewer)
    page = client.get("/projects/?sort=-start").content.decode()
    row = page.split(f'href="/projects/{project.slug}/"', 1)[1].split("</tr>", 1)[0]
    assert "Cocoa &amp; &lt;children&gt;" in row
    assert '<a href="/countries/BRA/"><abbr title="Brazil">BRA</abbr></a>, <a href="/countries/GHA/">' in row
    assert '<time datetime="2030-03-01">Mar 2030</time>' in row and "<td>—</td>" in row
    assert '<td class="num">1,234,568</td>' in row
    assert '<span class="code">USA</span>' in row  # no funding recorded: the TC symbol's donor
