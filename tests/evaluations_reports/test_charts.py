"""The server-made SVG bar chart: accessible, scaled, escaped, with a table saying the same."""

from __future__ import annotations

import re

from ipec.charts import Bar, BarChart


def chart(**overrides) -> BarChart:
    fields = {
        "chart_id": "progress",
        "title": "Targets against actuals",
        "series": ("Target", "Actual"),
        "bars": [Bar("Children withdrawn", (2000, 1500)), Bar("Families assisted", (500, None))],
    }
    return BarChart(**{**fields, **overrides})


def widths(svg: str) -> list[float]:
    return [float(w) for w in re.findall(r'<rect class="series-\d" x="180" y="\d+" width="([\d.]+)"', svg)]


def test_the_svg_names_itself_for_screen_readers():
    svg = chart(description="Two bars per measure.").svg()
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert 'aria-labelledby="progress-title progress-desc"' in svg
    assert '<title id="progress-title">Targets against actuals</title>' in svg
    assert '<desc id="progress-desc">Two bars per measure.</desc>' in svg


def test_bars_are_scaled_to_the_largest_value():
    svg = chart().svg()
    target, actual, families_target, families_actual = widths(svg)
    assert target == 640 - 180 - 70  # the largest value fills the room
    assert actual == target * 0.75 and families_target == target / 4
    assert families_actual == 0  # no figure draws no bar…
    assert ">–</text>" in svg  # …and says so


def test_values_are_written_with_the_given_format():
    svg = chart(number_format=lambda v: f"{v:,}".replace(",", "\u00a0")).svg()
    assert "2\u00a0000" in svg and "1\u00a0500" in svg


def test_all_zero_values_draw_no_bars_without_dividing_by_zero():
    assert widths(chart(bars=[Bar("Nothing yet", (0, 0))]).svg()) == [0, 0]


def test_labels_are_escaped():
    svg = chart(bars=[Bar('<script>x</script> & "q"', (1, 2))], title="</svg><b>", series=("<i>", "T")).svg()
    assert "<script>" not in svg and "&lt;script&gt;x&lt;/script&gt; &amp; &quot;q&quot;" in svg
    assert "</svg><b>" not in svg and "&lt;/svg&gt;&lt;b&gt;" in svg
    assert "<i>" not in svg


def test_the_table_holds_the_same_figures():
    table = chart(label_heading="Measure").table()
    assert "<caption>Targets against actuals</caption>" in table
    assert (
        '<th scope="col">Measure</th><th scope="col" class="num">Target</th><th scope="col" class="num">Actual</th>'
        in table
    )
    assert (
        '<tr><th scope="row">Children withdrawn</th><td class="num">2,000</td><td class="num">1,500</td></tr>' in table
    )
    assert '<tr><th scope="row">Families assisted</th><td class="num">500</td><td class="num">–</td></tr>' in table
