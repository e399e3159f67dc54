"""A world map drawn on the server as SVG: countries shaded by a number, each linking somewhere.

The shapes are Natural Earth's 1:110m countries, vendored as TopoJSON from the npm package
world-atlas (static/vendor/world-atlas/, README there). This module decodes the TopoJSON itself
(quantized, delta-encoded arcs shared between neighbours), projects it with the Equal Earth
projection — equal-area, as a map shaded by counts should be, so Russia and Greenland are not
blown up — after cutting the rings that world-atlas stitched across the antimeridian (Russia,
Fiji), drops points closer than a pixel to the last one kept, and writes each country as one SVG
path in relative coordinates with one decimal. That is done once per process (`shapes()`), as
the shapes never change; a request only adds the colours, titles and links.

    WorldMap(map_id="active-map", title="Active projects by country",
             counts={"IND": 12, "BRA": 3}, names={"IND": "India", ...},
             href=lambda iso3: f"/projects/?status=active&country={iso3}")
    {{ map.svg }}  {{ map.legend }}  {{ map.table }}

Countries are keyed by ISO 3166-1 alpha-3 code, as our Country rows; the TopoJSON's numeric ids
are turned into alpha-3 with pycountry. Antarctica is left out (no programme works there).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

import pycountry
from django.conf import settings
from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext

TOPOJSON = Path(settings.BASE_DIR) / "static" / "vendor" / "world-atlas" / "countries-110m.json"
WIDTH = 960  # of the viewBox; the page scales the SVG to its column
TOLERANCE = 1.0  # px: a point closer than this to the last one kept is dropped (110m is coarse already)
LEFT_OUT = frozenset({"010"})  # Antarctica

# Sequential blues, light to dark, after ColorBrewer's "Blues"; grey for none.
NONE_COLOUR = "#e4e4e4"
SHADES = ("#c6dbef", "#6baed6", "#2171b5", "#08306b")


@dataclass(frozen=True)
class Shape:
    """One country of the map: its codes, Natural Earth's name for it and its outline as SVG path data."""

    numeric: str  # ISO 3166-1 numeric, "" when Natural Earth gives none (N. Cyprus, Somaliland, Kosovo)
    iso3: str  # "" when pycountry knows no country of that number
    name: str
    d: str


# Projection ----------------------------------------------------------------------------------

_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    """Equal Earth (Šavrič, Patterson and Jenny, 2018) of a point in degrees: x east, y north, unit sphere."""
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(_M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return x, y


# TopoJSON ------------------------------------------------------------------------------------


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """The topology's arcs as lists of (longitude, latitude): undo the delta encoding and the quantization."""
    transform = topology.get("transform")
    (sx, sy), (tx, ty) = (transform["scale"], transform["translate"]) if transform else ((1, 1), (0, 0))
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            if transform:
                x, y = x + dx, y + dy
            else:
                x, y = dx, dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    """A closed ring from arc indexes; ~i (a negative index) is arc i walked backwards."""
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)  # an arc starts where the last one ended
    return points


def polygons(geometry: dict) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def _number(tenths: int) -> str:
    """A coordinate given in tenths, as short as SVG allows: 12, 1.5, -.5."""
    sign = "-" if tenths < 0 else ""
    whole, tenth = divmod(abs(tenths), 10)
    if not tenth:
        return f"{sign}{whole}"
    return f"{sign}{whole or ''}.{tenth}"


def _join(numbers: list[str]) -> str:
    """Numbers of path data, separated only where needed: a minus sign starts a number, and so does a
    second decimal point ("1.5.5" is 1.5 then .5)."""
    out: list[str] = []
    previous = ""
    for number in numbers:
        if out and not (number.startswith("-") or (number.startswith(".") and "." in previous)):
            out.append(" ")
        out.append(number)
        previous = number
    return "".join(out)


def path_data(rings: list[list[tuple[float, float]]]) -> str:
    """Rings in pixels as SVG path data: an absolute move, then relative lines in tenths of a pixel."""
    parts = []
    for points in rings:
        tenths = []
        for x, y in points:
            point = (round(x * 10), round(y * 10))
            if not tenths or point != tenths[-1]:
                tenths.append(point)
        if len(tenths) > 1 and tenths[0] == tenths[-1]:
            tenths.pop()  # "z" closes the ring
        if len(tenths) < 3:
            continue  # a speck smaller than a pixel
        (x0, y0), moves = tenths[0], []
        previous = tenths[0]
        for x, y in tenths[1:]:
            moves += [_number(x - previous[0]), _number(y - previous[1])]
            previous = (x, y)
        parts.append(f"M{_join([_number(x0), _number(y0)])}l{_join(moves)}z")
    return "".join(parts)


def unwrap(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The ring with its longitudes made continuous: a step of more than 180° is a crossing of the antimeridian."""
    out = points[:1]
    for lon, lat in points[1:]:
        previous = out[-1][0]
        lon += 360 * round((previous - lon) / 360)
        out.append((lon, lat))
    return out


def clip(points: list[tuple[float, float]], meridian: float, keep_west: bool) -> list[tuple[float, float]]:
    """Sutherland–Hodgman: the part of a closed ring west (or east) of a meridian, cut edges on it."""

    def inside(point: tuple[float, float]) -> bool:
        return point[0] <= meridian if keep_west else point[0] >= meridian

    out: list[tuple[float, float]] = []
    for i, current in enumerate(points):
        previous = points[i - 1]
        if inside(current) != inside(previous):
            t = (meridian - previous[0]) / (current[0] - previous[0])
            out.append((meridian, previous[1] + t * (current[1] - previous[1])))
        if inside(current):
            out.append(current)
    return out


def cut_at_antimeridian(points: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """Natural Earth's rings as world-atlas stitched them, cut again where they cross ±180° (Russia, Fiji)."""
    points = unwrap(points)
    west, east = min(lon for lon, _ in points), max(lon for lon, _ in points)
    if west >= -180 and east <= 180:
        return [points]
    meridian = 180.0 if east > 180 else -180.0
    shift = -360.0 if east > 180 else 360.0
    near = clip(points, meridian, keep_west=meridian > 0)
    far = [(lon + shift, lat) for lon, lat in clip(points, meridian, keep_west=meridian < 0)]
    return [piece for piece in (near, far) if len(piece) >= 3]


def _simplify_arc(arc: list[tuple[float, float]], tolerance: float, scale: float) -> list[tuple[float, float]]:
    """Drop points that would land closer than `tolerance` pixels to the last one kept; the ends stay, so
    the two countries of a border share it exactly."""
    if len(arc) < 3:
        return arc
    kept = [arc[0]]
    last = equal_earth(*arc[0])
    for lon, lat in arc[1:-1]:
        x, y = equal_earth(lon, lat)
        if ((x - last[0]) ** 2 + (y - last[1]) ** 2) * scale * scale >= tolerance * tolerance:
            kept.append((lon, lat))
            last = (x, y)
    kept.append(arc[-1])
    return kept


@cache
def shapes() -> tuple[tuple[int, int], tuple[Shape, ...]]:
    """(viewBox width and height, the countries): computed once per process, the data never change."""
    topology = json.loads(TOPOJSON.read_text(encoding="utf-8"))
    geometries = [g for g in topology["objects"]["countries"]["geometries"] if g.get("id") not in LEFT_OUT]
    # The frame: the whole world's width (±180° at the equator), the height of the countries drawn.
    half_width = equal_earth(180, 0)[0]
    scale = (WIDTH - 2) / (2 * half_width)
    arcs = [_simplify_arc(arc, TOLERANCE, scale) for arc in decode_arcs(topology)]
    countries = []
    for geometry in geometries:
        rings = [
            piece for polygon in polygons(geometry) for r in polygon for piece in cut_at_antimeridian(ring(arcs, r))
        ]
        countries.append((geometry, [[equal_earth(lon, lat) for lon, lat in r] for r in rings]))
    top = max(y for _g, rings in countries for r in rings for _x, y in r)
    bottom = min(y for _g, rings in countries for r in rings for _x, y in r)
    height = math.ceil((top - bottom) * scale) + 2
    result = []
    for geometry, rings in countries:
        numeric = geometry.get("id", "")
        country = pycountry.countries.get(numeric=numeric) if numeric else None
        pixels = [[(1 + (x + half_width) * scale, 1 + (top - y) * scale) for x, y in r] for r in rings]
        result.append(
            Shape(
                numeric=numeric,
                iso3=country.alpha_3 if country else "",
                name=geometry.get("properties", {}).get("name", ""),
                d=path_data(pixels),
            )
        )
    return (WIDTH, height), tuple(result)


# Shading ---------------------------------------------------------------------------------------


def classes(largest: int) -> list[tuple[int, int]]:
    """Up to four ranges of counts, 1 to `largest`, growing geometrically: (1, 2), (3, 3), (4, 6), (7, 12)."""
    if largest < 1:
        return []
    uppers: list[int] = []
    for k in range(1, 5):
        upper = max(1, round(largest ** (k / 4)))
        if not uppers or upper > uppers[-1]:
            uppers.append(upper)
    uppers[-1] = largest
    lows = [1, *(u + 1 for u in uppers[:-1])]
    return list(zip(lows, uppers, strict=True))


def _range_label(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}–{high}"


def _plural(count: int, unit: tuple[str, str]) -> str:
    number = formats.number_format(count, use_l10n=True, force_grouping=True)
    return f"{number} {unit[0] if count == 1 else unit[1]}"


@dataclass(frozen=True)
class WorldMap:
    """The world with each country shaded by its count; a country with a count links to `href(iso3)`."""

    map_id: str
    title: str
    counts: Mapping[str, int]  # ISO alpha-3 -> count; missing is zero
    names: Mapping[str, str] = field(default_factory=dict)  # ISO alpha-3 -> the name to show
    href: Callable[[str], str] | None = None
    description: str = ""
    unit: tuple[str, str] = ("active project", "active projects")
    top: int = 15  # countries in the table

    @cached_property
    def shading(self) -> list[tuple[int, int, str]]:
        """(lowest, highest, colour) of each class; the darkest shade is always the largest count's."""
        ranges = classes(max(self.counts.values(), default=0))
        return [
            (low, high, colour) for (low, high), colour in zip(ranges, SHADES[len(SHADES) - len(ranges) :], strict=True)
        ]

    def colour(self, count: int) -> str:
        for low, high, colour in self.shading:
            if low <= count <= high:
                return colour
        return NONE_COLOUR

    def _name(self, shape: Shape) -> str:
        return self.names.get(shape.iso3) or shape.name

    def _country(self, shape: Shape) -> SafeString:
        count = self.counts.get(shape.iso3, 0) if shape.iso3 else 0
        said = f"{self._name(shape)}: {_plural(count, self.unit)}"
        path = format_html(
            '<path d="{}" fill="{}"{}><title>{}</title></path>',
            shape.d,
            self.colour(count),
            format_html(' data-iso3="{}"', shape.iso3) if shape.iso3 else "",
            said,
        )
        # Only countries with something to list are links: 170 tab stops to empty lists would help no one.
        if count and self.href:
            return format_html('<a href="{}">{}</a>', self.href(shape.iso3), path)
        return path

    def legend(self) -> SafeString:
        """The key to the colours, in HTML beside the map: legible on a phone, where the map is small."""
        items = [(NONE_COLOUR, gettext("No %(unit)s") % {"unit": self.unit[0]})]
        items += [(colour, _range_label(low, high)) for low, high, colour in self.shading]
        return format_html(
            '<p class="map-legend"><span class="map-legend-title">{}:</span> {}</p>',
            self.unit[1][:1].upper() + self.unit[1][1:],
            format_html_join(
                " ",
                '<span class="map-legend-item"><svg width="14" height="14" aria-hidden="true">'
                '<rect width="14" height="14" fill="{}" stroke="#888" stroke-width="1"/></svg> {}</span>',
                items,
            ),
        )

    def svg(self) -> SafeString:
        (width, height), countries = shapes()
        title_id, desc_id = f"{self.map_id}-title", f"{self.map_id}-desc"
        return format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" class="map" role="group" aria-labelledby="{} {}" '
            'width="{}" height="{}" viewBox="0 0 {} {}" font-family="DejaVu Sans, sans-serif">'
            '<title id="{}">{}</title><desc id="{}">{}</desc>'
            '<g class="countries" stroke="#fff" stroke-width=".4" fill-rule="evenodd">{}</g></svg>',
            title_id,
            desc_id,
            width,
            height,
            width,
            height,
            title_id,
            self.title,
            desc_id,
            self.description or self.title,
            format_html_join("", "{}", ((self._country(shape),) for shape in countries)),
        )

    def ranking(self) -> list[tuple[str, str, int]]:
        """(ISO alpha-3, name, count) of the countries with the largest counts, largest first."""
        rows = [(iso3, self.names.get(iso3, iso3), n) for iso3, n in self.counts.items() if n]
        rows.sort(key=lambda row: (-row[2], row[1]))
        return rows[: self.top]

    def table(self) -> SafeString:
        """The countries with the largest counts, as a table: the map's text alternative."""
        body = format_html_join(
            "",
            '<tr><th scope="row">{}</th><td class="num">{}</td></tr>',
            (
                (
                    format_html('<a href="{}">{}</a>', self.href(iso3), name) if self.href else name,
                    formats.number_format(n, use_l10n=True, force_grouping=True),
                )
                for iso3, name, n in self.ranking()
            ),
        )
        unit = self.unit[1][:1].upper() + self.unit[1][1:]
        return format_html(
            '<table class="chart-data"><caption>{}</caption>'
            '<thead><tr><th scope="col">{}</th><th scope="col" class="num">{}</th></tr></thead>'
            "<tbody>{}</tbody></table>",
            gettext("%(title)s (the %(top)s countries with most)") % {"title": self.title, "top": self.top},
            gettext("Country"),
            unit,
            body,
        )
