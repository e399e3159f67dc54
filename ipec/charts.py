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

A chart has one or more series (one bar per series in each group). A bar may link somewhere
(`Bar(..., href="/projects/?region=africa")`): the whole group is then a link in the SVG and its
label a link in the table. Series of different units (projects and dollars) take
`independent_scales=True`, each scaled to its own largest value.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

Number = int | float

# Light then dark: a target against its actual; one series alone is dark.
DEFAULT_COLOURS = ("#a9c4e4", "#1f4e8c", "#e3a33b")
# About how wide one character of the 11px label font is, to cut labels that would overflow.
CHAR_WIDTH = 6.2


@dataclass(frozen=True)
class Bar:
    """One labelled group of the chart: one value per series (None when there is none), and where it leads."""

    label: str
    values: tuple[Number | None, ...]
    href: str = ""


def _plain(value: Number) -> str:
    """Grouped as the active language writes numbers: 1,200 · 1 200 · 1.200."""
    return formats.number_format(value, use_l10n=True, force_grouping=True)


def _shorten(label: str, chars: int) -> str:
    return label if len(label) <= chars else label[: max(chars - 1, 1)].rstrip() + "…"


def label_lines(label: str, chars: int) -> list[str]:
    """The label on one line, or on two broken between words, the second cut with "…" if still too long."""
    if len(label) <= chars:
        return [label]
    words, first = label.split(), ""
    while words and len(f"{first} {words[0]}".strip()) <= chars:
        first = f"{first} {words.pop(0)}".strip()
    if not first:  # one long word: cut it
        return [_shorten(label, chars)]
    return [first, _shorten(" ".join(words), chars)] if words else [first]


@dataclass(frozen=True)
class BarChart:
    """A horizontal bar chart of one or more series, e.g. targets (light) against actuals (dark)."""

    chart_id: str
    title: str
    series: tuple[str, ...]
    bars: Sequence[Bar]
    description: str = ""
    # How values are written on the bars and in the table, e.g. localised with grouping.
    number_format: Callable[[Number], str] = field(default=_plain)
    # Per series, instead of number_format: e.g. whole dollars in the table…
    formats: tuple[Callable[[Number], str], ...] = ()
    # …and a short form on the bars ("US$ 12.3M"), when it differs from the table's.
    bar_formats: tuple[Callable[[Number], str], ...] = ()
    # Series of different units are each scaled to their own largest value.
    independent_scales: bool = False
    # Column headings of the data table: the first is the bars' label column.
    label_heading: str = ""
    width: int = 640
    label_width: int = 180
    bar_height: int = 14
    colours: tuple[str, ...] = ()

    # Layout --------------------------------------------------------------------------------
    _legend_height = 26
    _gap = 12
    _value_room = 70

    @property
    def palette(self) -> tuple[str, ...]:
        if self.colours:
            return self.colours
        if len(self.series) == 1:
            return (DEFAULT_COLOURS[1],)
        return DEFAULT_COLOURS[: len(self.series)]

    @property
    def _group_height(self) -> int:
        return len(self.series) * self.bar_height + self._gap

    @property
    def height(self) -> int:
        return self._legend_height + len(self.bars) * self._group_height + self._gap

    def _maximum(self, series: int | None = None) -> Number:
        values = [
            v
            for bar in self.bars
            for i, v in enumerate(bar.values)
            if v is not None and (series is None or i == series)
        ]
        return max([*values, 0]) or 1

    @property
    def maximum(self) -> Number:
        return self._maximum()

    def _length(self, value: Number | None, series: int = 0) -> float:
        room = self.width - self.label_width - self._value_room
        top = self._maximum(series) if self.independent_scales else self.maximum
        return round(max(value or 0, 0) / top * room, 1)

    def _text(self, value: Number | None, series: int = 0, *, on_bar: bool = False) -> str:
        if value is None:
            return "–"
        formats = (self.bar_formats or self.formats) if on_bar else self.formats
        return (formats[series] if formats else self.number_format)(value)

    @property
    def links(self) -> bool:
        return any(bar.href for bar in self.bars)

    # Output --------------------------------------------------------------------------------
    def _bar_group(self, index: int, bar: Bar) -> SafeString:
        top = self._legend_height + index * self._group_height
        rows = format_html_join(
            "",
            '<rect class="series-{}" x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {}</title></rect>'
            '<text x="{}" y="{}" class="value">{}</text>',
            (
                (
                    i,
                    self.label_width,
                    top + i * self.bar_height,
                    self._length(value, i),
                    self.bar_height - 2,
                    colour,
                    name,
                    self._text(value, i),
                    self.label_width + self._length(value, i) + 4,
                    top + i * self.bar_height + self.bar_height - 4,
                    self._text(value, i, on_bar=True),
                )
                for i, (value, name, colour) in enumerate(zip(bar.values, self.series, self.palette, strict=True))
            ),
        )
        lines = label_lines(bar.label, int((self.label_width - 10) / CHAR_WIDTH))
        middle = top + len(self.series) * self.bar_height // 2 + 4
        if len(lines) == 1:
            label = format_html("{}", lines[0])
        else:  # two lines about the middle of the group
            label = format_html_join(
                "",
                '<tspan x="{}" y="{}">{}</tspan>',
                ((self.label_width - 8, middle + offset, line) for offset, line in zip((-6, 6), lines, strict=True)),
            )
        group = format_html(
            '<g class="bar"><text x="{}" y="{}" text-anchor="end" class="label">{}</text>{}</g>',
            self.label_width - 8,
            middle,
            label,
            rows,
        )
        if not bar.href:
            return group
        # The link's name: the group's full label and every value, for keyboards and tooltips.
        said = "; ".join(
            f"{name}: {self._text(value, i)}"
            for i, (name, value) in enumerate(zip(self.series, bar.values, strict=True))
        )
        return format_html('<a href="{}"><title>{} – {}</title>{}</a>', bar.href, bar.label, said, group)

    def svg(self) -> SafeString:
        title_id, desc_id = f"{self.chart_id}-title", f"{self.chart_id}-desc"
        legend = format_html_join(
            "",
            '<rect x="{}" y="6" width="12" height="12" fill="{}"/><text x="{}" y="16" class="legend">{}</text>',
            (
                (self.label_width + i * 140, colour, self.label_width + i * 140 + 18, name)
                for i, (name, colour) in enumerate(zip(self.series, self.palette, strict=True))
            ),
        )
        groups = format_html_join("", "{}", ((self._bar_group(i, bar),) for i, bar in enumerate(self.bars)))
        # A chart of links is a group a keyboard can enter; one without is a single image.
        role = "group" if self.links else "img"
        return format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="{}" aria-labelledby="{} {}" '
            'width="{}" height="{}" viewBox="0 0 {} {}" font-family="DejaVu Sans, sans-serif" font-size="11">'
            '<title id="{}">{}</title><desc id="{}">{}</desc>{}{}'
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#444" stroke-width="1"/></svg>',
            role,
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
            groups,
            self.label_width,
            self._legend_height - 2,
            self.label_width,
            self.height - self._gap + 2,
        )

    def table(self) -> SafeString:
        """The chart's figures as a table: the text alternative for screen readers and for print."""
        head = format_html_join("", '<th scope="col" class="num">{}</th>', ((name,) for name in self.series))
        rows = []
        for bar in self.bars:
            label = format_html('<a href="{}">{}</a>', bar.href, bar.label) if bar.href else bar.label
            cells = format_html_join(
                "", '<td class="num">{}</td>', ((self._text(value, i),) for i, value in enumerate(bar.values))
            )
            rows.append(format_html('<tr><th scope="row">{}</th>{}</tr>', label, cells))
        return format_html(
            '<table class="chart-data"><caption>{}</caption><thead><tr><th scope="col">{}</th>{}</tr></thead>'
            "<tbody>{}</tbody></table>",
            self.title,
            self.label_heading,
            head,
            format_html_join("", "{}", ((row,) for row in rows)),
        )
