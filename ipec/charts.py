"""Charts drawn on the server as SVG, each with a data table that says the same thing in text.

No JavaScript and no chart library: the markup is small, prints as vectors in WeasyPrint
PDFs and shows in every browser. Every label is escaped here (format_html), so callers may
pass text typed by users.

    chart = BarChart(
        chart_id="progress-glo-13-22-usa",
        title="Targets against actuals",
        series=("Target", "Actual"),
        bars=[Bar("Children withdrawn", (1200, 950)), Bar("Families assisted", (400, 410))],
    )
    {{ chart.svg }}  {{ chart.table }}
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

Number = int | float


@dataclass(frozen=True)
class Bar:
    """One labelled group of the chart: one value per series (None when there is none)."""

    label: str
    values: tuple[Number | None, Number | None]


def _plain(value: Number) -> str:
    return f"{value:,}"


@dataclass(frozen=True)
class BarChart:
    """A horizontal bar chart of two series, e.g. targets (light) against actuals (dark)."""

    chart_id: str
    title: str
    series: tuple[str, str]
    bars: Sequence[Bar]
    description: str = ""
    # How values are written on the bars and in the table, e.g. localised with grouping.
    number_format: Callable[[Number], str] = field(default=_plain)
    # Column headings of the data table: the first is the bars' label column.
    label_heading: str = ""
    width: int = 640
    label_width: int = 180
    bar_height: int = 14
    colours: tuple[str, str] = ("#a9c4e4", "#1f4e8c")

    # Layout --------------------------------------------------------------------------------
    _legend_height = 26
    _gap = 12
    _value_room = 70

    @property
    def height(self) -> int:
        return self._legend_height + len(self.bars) * (2 * self.bar_height + self._gap) + self._gap

    @property
    def maximum(self) -> Number:
        values = [v for bar in self.bars for v in bar.values if v is not None]
        return max([*values, 0]) or 1

    def _length(self, value: Number | None) -> float:
        room = self.width - self.label_width - self._value_room
        return round(max(value or 0, 0) / self.maximum * room, 1)

    def _text(self, value: Number | None) -> str:
        return "–" if value is None else self.number_format(value)

    # Output --------------------------------------------------------------------------------
    def svg(self) -> SafeString:
        title_id, desc_id = f"{self.chart_id}-title", f"{self.chart_id}-desc"
        legend = format_html_join(
            "",
            '<rect x="{}" y="6" width="12" height="12" fill="{}"/><text x="{}" y="16" class="legend">{}</text>',
            (
                (self.label_width + i * 140, colour, self.label_width + i * 140 + 18, name)
                for i, (name, colour) in enumerate(zip(self.series, self.colours, strict=True))
            ),
        )
        groups = []
        for index, bar in enumerate(self.bars):
            top = self._legend_height + index * (2 * self.bar_height + self._gap)
            rows = format_html_join(
                "",
                '<rect class="series-{}" x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {}</title></rect>'
                '<text x="{}" y="{}" class="value">{}</text>',
                (
                    (
                        i,
                        self.label_width,
                        top + i * self.bar_height,
                        self._length(value),
                        self.bar_height - 2,
                        colour,
                        name,
                        self._text(value),
                        self.label_width + self._length(value) + 4,
                        top + i * self.bar_height + self.bar_height - 4,
                        self._text(value),
                    )
                    for i, (value, name, colour) in enumerate(zip(bar.values, self.series, self.colours, strict=True))
                ),
            )
            groups.append(
                format_html(
                    '<g class="bar"><text x="{}" y="{}" text-anchor="end" class="label">{}</text>{}</g>',
                    self.label_width - 8,
                    top + self.bar_height + 4,
                    bar.label,
                    rows,
                )
            )
        return format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-labelledby="{} {}" '
            'width="{}" height="{}" viewBox="0 0 {} {}" font-family="DejaVu Sans, sans-serif" font-size="11">'
            '<title id="{}">{}</title><desc id="{}">{}</desc>{}{}'
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#444" stroke-width="1"/></svg>',
            title_id,
            desc_id,
            self.width,
            self.height,
            self.width,
            self.height,
            title_id,
            self.title,
            desc_id,
            self.description or self.title,
            legend,
            format_html_join("", "{}", ((g,) for g in groups)),
            self.label_width,
            self._legend_height - 2,
            self.label_width,
            self.height - self._gap + 2,
        )

    def table(self) -> SafeString:
        """The chart's figures as a table: the text alternative for screen readers and for print."""
        head = format_html_join("", '<th scope="col" class="num">{}</th>', ((name,) for name in self.series))
        body = format_html_join(
            "",
            '<tr><th scope="row">{}</th><td class="num">{}</td><td class="num">{}</td></tr>',
            ((bar.label, self._text(bar.values[0]), self._text(bar.values[1])) for bar in self.bars),
        )
        return format_html(
            '<table class="chart-data"><caption>{}</caption><thead><tr><th scope="col">{}</th>{}</tr></thead>'
            "<tbody>{}</tbody></table>",
            self.title,
            self.label_heading,
            head,
            body,
        )
