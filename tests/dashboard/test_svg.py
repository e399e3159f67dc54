"""The page's charts and map: well-formed SVG with a title and a table alternative; the map shades the right countries."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html import unescape

import pytest

from ipec import dashboard, worldmap

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


def svgs(page: str) -> list[ET.Element]:
    return [ET.fromstring(markup) for markup in re.findall(r"<svg xmlns=.*?</svg>", page, flags=re.S)]


@pytest.fixture
def page(client, hq_user, built) -> str:
    client.force_login(hq_user)
    return client.get("/").content.decode()


def test_every_svg_parses_and_names_itself(page):
    found = svgs(page)
    assert len(found) == 8  # the map and seven charts
    for svg in found:
        title = svg.find(f"{SVG}title")
        assert title is not None and title.text
        assert svg.get("aria-labelledby").split()[0] == title.get("id")
        assert svg.get("viewBox")  # scales with the page


def test_every_chart_has_a_table_alternative(page):
    sections = re.findall(r'<section class="panel[^"]*".*?</section>', page, flags=re.S)
    assert len(sections) == 8
    for section in sections:
        assert "<details>" in section and "<table" in section and "<caption>" in section


def test_chart_tables_hold_the_figures_and_links(page):
    region = re.search(r'<section class="panel" aria-labelledby="by-region-heading">.*?</section>', page, re.S)[0]
    assert '<th scope="row"><a href="/projects/?status=active&amp;region=africa">Africa</a></th>' in region
    assert '<td class="num">2</td><td class="num">7,000,000</td>' in region
    svg = ET.fromstring(re.search(r"<svg .*?</svg>", region, re.S)[0])
    links = svg.findall(f".//{SVG}a")
    assert len(links) == 5 and all(link.get("href").startswith("/projects/?status=active&region=") for link in links)
    assert svg.get("role") == "group"  # a chart of links is a group a keyboard enters


def test_map_has_a_path_per_country_and_shades_those_with_active_projects(built):
    figures = dashboard.compute()
    svg = ET.fromstring(str(dashboard.world_map(figures).svg()))
    paths = svg.findall(f".//{SVG}path")
    assert len(paths) > 150
    shaded = {p.get("data-iso3") for p in paths if p.get("fill") != worldmap.NONE_COLOUR}
    assert shaded == {"IND", "KEN", "BRA", "GHA"}
    titles = {p.get("data-iso3"): p.find(f"{SVG}title").text for p in paths}
    assert titles["KEN"] == "Kenya: 2 active projects"
    assert titles["IND"] == "India: 1 active project"
    assert titles["FRA"] == "France: 0 active projects"
    assert all(p.find(f"{SVG}title") is not None for p in paths)
    # Kenya (2) is darker than India (1): the two ends of the scale.
    colour = {p.get("data-iso3"): p.get("fill") for p in paths}
    assert colour["KEN"] == worldmap.SHADES[-1] and colour["IND"] == worldmap.SHADES[-2]


def test_map_table_lists_the_top_countries(built):
    table = str(dashboard.world_map(dashboard.compute()).table())
    rows = re.findall(r'<tr><th scope="row"><a href="([^"]+)">([^<]+)</a></th><td class="num">(\d+)</td></tr>', table)
    assert [(name, n) for _href, name, n in rows] == [("Kenya", "2"), ("Brazil", "1"), ("Ghana", "1"), ("India", "1")]
    assert unescape(rows[0][0]) == "/projects/?status=active&country=KEN"


def test_the_map_is_small(built):
    svg = str(dashboard.world_map(dashboard.compute()).svg())
    assert len(svg.encode()) < 90_000
    # Coordinates have at most one decimal.
    assert not re.search(r"\d\.\d\d", " ".join(re.findall(r' d="([^"]+)"', svg)))
