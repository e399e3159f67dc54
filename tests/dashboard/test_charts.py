"""What ipec/charts.py gained for the dashboard: one series, links, separate scales, wrapped labels."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ipec.charts import Bar, BarChart, label_lines

SVG = "{http://www.w3.org/2000/svg}"


def widths(svg: str) -> list[float]:
    return [float(w) for w in re.findall(r'<rect class="series-\d" x="\d+" y="\d+" width="([\d.]+)"', svg)]


def test_one_series_draws_one_bar_per_group_in_the_dark_colour():
    chart = BarChart(chart_id="y", title="Expenditure", series=("US$",), bars=[Bar("2024", (10,)), Bar("2025", (5,))])
    svg = str(chart.svg())
    assert widths(svg) == [390, 195]
    assert svg.count('fill="#1f4e8c"') == 3  # the legend's swatch and two bars
    ET.fromstring(svg)
    assert '<th scope="col" class="num">US$</th></tr>' in str(chart.table())


def test_bars_with_links_are_links_in_the_svg_and_the_table():
    chart = BarChart(
        chart_id="r",
        title="By region",
        series=("Projects", "Budget"),
        bars=[Bar("Africa", (2, 7000), "/projects/?region=africa&status=active")],
    )
    svg = ET.fromstring(str(chart.svg()))
    assert svg.get("role") == "group"
    link = svg.find(f"{SVG}a")
    assert link.get("href") == "/projects/?region=africa&status=active"
    assert link.find(f"{SVG}title").text == "Africa – Projects: 2; Budget: 7,000"
    assert '<a href="/projects/?region=africa&amp;status=active">Africa</a>' in str(chart.table())


def test_independent_scales_fill_the_room_for_each_series():
    bars = [Bar("A", (2, 1000)), Bar("B", (1, 4000))]
    shared = widths(str(BarChart(chart_id="s", title="t", series=("n", "$"), bars=bars).svg()))
    separate = widths(
        str(BarChart(chart_id="s", title="t", series=("n", "$"), bars=bars, independent_scales=True).svg())
    )
    assert shared[0] < 1  # two projects are nothing next to 4,000 dollars on one scale…
    assert separate == [390, 97.5, 195, 390]  # …each series on its own


def test_formats_per_series_and_short_forms_on_the_bars():
    chart = BarChart(
        chart_id="f",
        title="t",
        series=("n", "$"),
        bars=[Bar("A", (3, 2500000))],
        formats=(str, lambda v: f"{v:,}"),
        bar_formats=(str, lambda v: f"{v / 1e6:.1f}M"),
    )
    assert 'class="value">2.5M</text>' in str(chart.svg())
    assert '<td class="num">2,500,000</td>' in str(chart.table())


def test_long_labels_wrap_on_two_lines_and_keep_their_full_text_in_the_table():
    label = "Social Services, Livelihood Schemes and Poverty Alleviation"
    assert label_lines(label, 24) == ["Social Services,", "Livelihood Schemes and…"]
    assert label_lines("Africa", 24) == ["Africa"]
    chart = BarChart(chart_id="w", title="t", series=("n",), bars=[Bar(label, (1,), "/x")], label_width=160)
    svg = str(chart.svg())
    assert svg.count("<tspan") == 2
    ET.fromstring(svg)
    assert label in str(chart.table())
