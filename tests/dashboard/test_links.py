"""Every figure and bar links to the project list behind it: following the link lists those very projects."""

from __future__ import annotations

import re
from html import unescape

import pytest

from ipec import dashboard
from tests.dashboard.conftest import THIS_YEAR

pytestmark = pytest.mark.django_db


def listed(client, href: str) -> set[str]:
    """The TC symbols the project list shows at `href` (one page is enough for this portfolio)."""
    response = client.get(href)
    assert response.status_code == 200, href
    assert not response.context["errors"], (href, response.context["errors"])
    return {project.code for project in response.context["projects"]}


@pytest.fixture
def signed_in(client, hq_user, built):
    client.force_login(hq_user)
    return client


def test_every_breakdown_bar_lists_its_projects(signed_in, built):
    figures = dashboard.compute()
    for group in figures.by_region + figures.by_intervention + figures.by_worst_form + figures.by_donor:
        codes = listed(signed_in, group.href)
        assert len(codes) == group.count, group
        assert "status=active" in group.href
    for group in figures.by_status:
        assert len(listed(signed_in, group.href)) == group.count, group


def test_links_use_the_list_parameters(signed_in, built):
    figures = dashboard.compute()
    africa = next(g for g in figures.by_region if g.code == "africa")
    assert africa.href == "/projects/?status=active&region=africa"
    assert listed(signed_in, africa.href) == {"GLO/20/02/NET", "KEN/20/03/NET"}
    net = next(g for g in figures.by_donor if g.code == "NET")
    assert net.href == "/projects/?status=active&donor=NET"
    assert listed(signed_in, net.href) == {"GLO/20/02/NET", "KEN/20/03/NET"}
    trafficking = next(g for g in figures.by_worst_form if g.code == "trafficking")
    assert listed(signed_in, trafficking.href) == {"GLO/20/02/NET"}


def test_headline_figures_link_to_their_lists(signed_in, built):
    figures = dashboard.compute()
    links = {h.key: h.href for h in dashboard.headlines(figures, evaluation_rule=True)}
    assert listed(signed_in, links["active"]) == {p.code for p in built.active}
    assert listed(signed_in, links["missing-evaluation"]) == {"GLO/20/02/NET", "KEN/20/03/NET"}
    # The projects planned to run this year: the three active ones (Brazil ended last year, the pipeline
    # project starts next year).
    assert links["spent"] == f"/projects/?start_to={THIS_YEAR}&end_from={THIS_YEAR}"
    assert listed(signed_in, links["spent"]) == {p.code for p in built.active}


def test_map_countries_link_to_their_active_projects(signed_in, built):
    figures = dashboard.compute()
    world = dashboard.world_map(figures)
    svg = str(world.svg())
    for iso3, count in figures.active_by_country.items():
        href = f"/projects/?status=active&amp;country={iso3}"
        assert f'<a href="{href}">' in svg
        assert len(listed(signed_in, unescape(href))) == count
    assert listed(signed_in, "/projects/?status=active&country=KEN") == {"GLO/20/02/NET", "KEN/20/03/NET"}
    # A country without active projects is not a link.
    assert "country=FRA" not in svg


def test_every_link_on_the_page_opens_a_valid_list(signed_in, built):
    page = signed_in.get("/").content.decode()
    hrefs = {unescape(h) for h in re.findall(r'href="(/projects/\?[^"]+)"', page)}
    assert len(hrefs) > 30
    for href in hrefs:
        listed(signed_in, href)
