"""ipec/worldmap.py: TopoJSON decoding, the antimeridian cut, compact path data and the shading classes."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from ipec import worldmap


def test_arcs_are_delta_decoded_and_dequantized():
    topology = {
        "transform": {"scale": [0.5, 2], "translate": [-10, 5]},
        "arcs": [[[0, 0], [2, 1], [2, -1]], [[4, 0], [0, 3]]],
    }
    assert worldmap.decode_arcs(topology) == [[(-10, 5), (-9, 7), (-8, 5)], [(-8, 5), (-8, 11)]]


def test_rings_join_arcs_and_walk_negative_ones_backwards():
    arcs = [[(0, 0), (1, 0)], [(1, 0), (1, 1)], [(0, 0), (0, 1), (1, 1)]]
    # ~2 is arc 2 backwards: (1, 1) → (0, 1) → (0, 0).
    assert worldmap.ring(arcs, [0, 1, ~2]) == [(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)]


def test_a_ring_across_the_antimeridian_is_cut_in_two():
    # An island from 179° east to 179° west, stored with continuous longitudes as world-atlas does.
    island = [(179, 1), (181, 1), (181, -1), (179, -1), (179, 1)]
    pieces = worldmap.cut_at_antimeridian([(lon if lon <= 180 else lon - 360, lat) for lon, lat in island])
    assert len(pieces) == 2
    east, west = pieces
    assert all(179 <= lon <= 180 for lon, _ in east)
    assert all(-180 <= lon <= -179 for lon, _ in west)


def test_a_ring_that_does_not_cross_is_kept_whole():
    ring = [(10, 10), (20, 10), (20, 20), (10, 10)]
    assert worldmap.cut_at_antimeridian(ring) == [ring]


@pytest.mark.parametrize(
    ("tenths", "text"), [(0, "0"), (15, "1.5"), (-5, "-.5"), (5, ".5"), (-120, "-12"), (1234, "123.4")]
)
def test_numbers_are_written_short(tenths, text):
    assert worldmap._number(tenths) == text


def test_path_data_is_relative_with_one_decimal():
    d = worldmap.path_data([[(1.0, 1.0), (2.5, 1.0), (2.5, 0.5), (1.0, 1.0)]])
    assert d == "M1 1l1.5 0 0-.5z"
    assert worldmap._join(["1.5", ".5", "-2", ".5"]) == "1.5.5-2 .5"  # ".5" after "-2" needs its space


def test_specks_smaller_than_a_pixel_are_dropped():
    assert worldmap.path_data([[(1.0, 1.0), (1.02, 1.0), (1.0, 1.0)]]) == ""


@pytest.mark.parametrize(
    ("largest", "expected"),
    [
        (0, []),
        (1, [(1, 1)]),
        (2, [(1, 1), (2, 2)]),
        (4, [(1, 1), (2, 2), (3, 3), (4, 4)]),
        (12, [(1, 2), (3, 3), (4, 6), (7, 12)]),
        (100, [(1, 3), (4, 10), (11, 32), (33, 100)]),
    ],
)
def test_classes_grow_geometrically_and_cover_every_count(largest, expected):
    assert worldmap.classes(largest) == expected


def test_shapes_cover_the_world_and_are_computed_once():
    (width, height), shapes = worldmap.shapes()
    assert worldmap.shapes()[1] is shapes  # cached
    assert width == worldmap.WIDTH and 350 < height < 500
    assert len(shapes) > 170
    codes = {shape.iso3 for shape in shapes}
    assert {"IND", "BRA", "KEN", "RUS", "FJI", "USA"} <= codes
    assert "ATA" not in codes  # Antarctica is left out
    # Every outline stays in the frame, Russia and Fiji included (cut at the antimeridian).
    for shape in shapes:
        for x, y in re.findall(r"M(-?[\d.]+)[ ,]?(-?[\d.]+)", shape.d):
            assert 0 <= float(x) <= width and 0 <= float(y) <= height, shape.name


def test_a_map_without_counts_is_all_grey_and_links_nowhere():
    svg = ET.fromstring(str(worldmap.WorldMap(map_id="m", title="Nothing", counts={}, href=lambda c: "/x").svg()))
    paths = svg.findall(".//{http://www.w3.org/2000/svg}path")
    assert {p.get("fill") for p in paths} == {worldmap.NONE_COLOUR}
    assert svg.find(".//{http://www.w3.org/2000/svg}a") is None


def test_names_are_escaped():
    markup = str(worldmap.WorldMap(map_id="m", title="<b>", counts={"IND": 1}, names={"IND": "<i>India</i>"}).svg())
    assert "<i>" not in markup and "&lt;i&gt;India&lt;/i&gt;: 1 active project" in markup
    ET.fromstring(markup)
