"""The map library: TopoJSON decoding, the world and US geometry, and the SVG it draws."""

from __future__ import annotations

import re
import subprocess
import sys
from typing import Any

import pycountry
import pytest
from lxml import etree

from fourthp.lib import maps
from fourthp.lib.maps import LegendItem, Place

SVG = "{http://www.w3.org/2000/svg}"
NUMBER = re.compile(r"-?(?:\d+(?:\.\d+)?|\.\d+)")

# A 1×2 square in two arcs (after the transform), as a Polygon and again as a
# MultiPolygon that walks both arcs backwards.
TINY_TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [0.5, 2], "translate": [10, 20]},
    "arcs": [
        [[0, 0], [2, 0], [0, 1]],
        [[2, 1], [-2, 0], [0, -1]],
    ],
    "objects": {
        "shapes": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "id": "A", "properties": {"name": "Alpha"}, "arcs": [[0, 1]]},
                {"type": "MultiPolygon", "id": 7, "arcs": [[[~1, ~0]]]},
                {"type": "Point", "coordinates": [0, 0]},
            ],
        }
    },
}


def world() -> maps.MapGeometry:
    return maps.world_geometry(maps.WORLD_COUNTRIES_FILE)


def us() -> maps.MapGeometry:
    return maps.us_geometry(maps.US_STATES_FILE)


def render(geometry: maps.MapGeometry, places: dict[str, Place] | None = None, **kwargs: Any) -> etree._Element:
    svg = maps.render_svg(
        geometry,
        places or {},
        title="Map",
        legend=[LegendItem("grade-a", "A"), LegendItem("unassessed", "not assessed")],
        **kwargs,
    )
    return etree.fromstring(svg.encode())


def titled(root: etree._Element, label: str) -> etree._Element:
    """The element (a link or a group) whose <title> is ``label``."""
    [title] = [t for t in root.iter(f"{SVG}title") if t.text == label]
    parent = title.getparent()
    assert parent is not None
    return parent


def subpaths(d: str) -> list[list[tuple[float, float]]]:
    """Absolute points of each subpath of the path data render_svg writes (M, then l, then z)."""
    rings = []
    for start, steps in re.findall(r"M([^l]*)l([^z]*)z", d):
        x, y = (float(n) for n in NUMBER.findall(start))
        deltas = [float(n) for n in NUMBER.findall(steps)]
        ring = [(x, y)]
        for dx, dy in zip(deltas[::2], deltas[1::2], strict=True):
            x, y = x + dx, y + dy
            ring.append((x, y))
        rings.append(ring)
    return rings


def test_it_decodes_delta_encoded_quantized_arcs_into_rings() -> None:
    alpha, seven = maps.decode_topojson(TINY_TOPOLOGY, "shapes")

    assert alpha == maps.Feature(
        id="A", name="Alpha", polygons=([[(10.0, 20.0), (11.0, 20.0), (11.0, 22.0), (10.0, 22.0), (10.0, 20.0)]],)
    )
    assert seven.id == "7"
    assert seven.polygons == ([[(10.0, 20.0), (10.0, 22.0), (11.0, 22.0), (11.0, 20.0), (10.0, 20.0)]],)


def test_it_rejects_a_topology_without_the_object() -> None:
    with pytest.raises(maps.MapDataError):
        maps.decode_topojson(TINY_TOPOLOGY, "countries")


def test_the_world_map_has_the_large_countries_and_no_antarctica() -> None:
    geometry = world()
    drawn = {shape.code for shape in geometry.shapes}

    assert {"CA", "US", "FR", "BR", "XK"} <= drawn
    assert "AQ" not in maps.codes(geometry)
    assert [s.name for s in geometry.shapes if s.code is None] == ["N. Cyprus", "Somaliland"]


def test_the_world_map_marks_small_places_missing_from_the_110m_file() -> None:
    geometry = world()
    markers = {m.code: m for m in geometry.markers}

    assert {"SG", "MC", "MT", "VA", "BH"} <= markers.keys()
    assert not {"SG", "MC"} & {s.code for s in geometry.shapes}
    # Singapore sits at the tip of the Malay peninsula, not near Malaysian Borneo.
    malaysia = next(s for s in geometry.shapes if s.code == "MY")
    singapore = markers["SG"]
    near = [
        ring
        for ring in subpaths(malaysia.d)
        if min(x for x, _ in ring) - 3 < singapore.x < max(x for x, _ in ring) + 3
        and min(y for _, y in ring) - 3 < singapore.y < max(y for _, y in ring) + 3
    ]
    assert len(near) == 1


def test_no_world_shape_stretches_across_the_antimeridian() -> None:
    geometry = world()

    for shape in geometry.shapes:
        for ring in subpaths(shape.d):
            xs = [x for x, _ in ring]
            assert max(xs) - min(xs) < geometry.width / 2, shape.name
            assert min(xs) >= 0 and max(xs) <= geometry.width, shape.name


def test_the_us_map_has_every_state_and_dc_with_dc_as_a_marker() -> None:
    geometry = us()
    states = {
        str(s.code) for s in pycountry.subdivisions.get(country_code="US") or () if s.type in ("State", "District")
    }

    assert len(states) == 51
    assert maps.codes(geometry) == states
    [dc] = geometry.markers
    assert dc.code == "US-DC"
    assert dc.text == "DC"
    assert dc.anchor is not None


def test_it_escapes_labels_and_urls() -> None:
    place = Place("grade-a", 'Canada <script>&"', '/j/CA/?a=1&b="2"')

    svg = maps.render_svg(world(), {"CA": place}, title="<b>Map</b>", legend=[LegendItem("grade-a", "<i>A</i>")])

    assert "<script>" not in svg and "<b>" not in svg and "<i>" not in svg
    root = etree.fromstring(svg.encode())
    link = titled(root, 'Canada <script>&"')
    assert link.get("href") == '/j/CA/?a=1&b="2"'
    assert root.find(f"{SVG}title").text == "<b>Map</b>"


def test_it_links_a_place_with_a_url_and_not_one_without() -> None:
    root = render(world(), {"CA": Place("grade-a", "Canada", "/j/CA/"), "FR": Place("grade-b", "France", None)})

    canada, france = titled(root, "Canada"), titled(root, "France")

    assert canada.tag == f"{SVG}a" and canada.get("href") == "/j/CA/"
    assert canada.find(f"{SVG}path").get("class") == "grade-a"
    assert france.tag == f"{SVG}g"
    assert france.find(f"{SVG}path").get("class") == "grade-b"


def test_it_draws_unlisted_places_with_the_default_class_and_label() -> None:
    root = render(
        world(), {"CA": Place("grade-a", "Canada", "/j/CA/")}, default_class="no-data", default_label="no data"
    )

    brazil = titled(root, "Brazil: no data")

    assert brazil.tag == f"{SVG}g"
    assert brazil.find(f"{SVG}path").get("class") == "no-data"


def test_it_fills_unassessed_places_with_the_maps_own_hatch_pattern() -> None:
    root = render(world(), id_prefix="world-map")

    brazil = titled(root, "Brazil: not assessed").find(f"{SVG}path")

    assert brazil is not None
    assert brazil.get("fill") == "url(#world-map-hatch)"
    assert root.find(f".//{SVG}pattern[@id='world-map-hatch']") is not None


def test_a_small_place_is_linked_from_its_marker_only() -> None:
    root = render(
        us(), {"US-DC": Place("status-full", "District of Columbia", "/j/US-DC/")}, marker_note="too small to show"
    )

    [link] = [a for a in root.iter(f"{SVG}a")]

    assert link.get("href") == "/j/US-DC/"
    assert link.find(f"{SVG}circle").get("class") == "marker status-full"
    assert link.find(f"{SVG}text").text == "DC"
    legend_texts = [t.text for t in root.find(f"{SVG}g[@class='map-legend']").iter(f"{SVG}text")]
    assert legend_texts == ["A", "not assessed", "too small to show"]


def test_the_svg_is_a_named_group_with_a_legend_below_the_map() -> None:
    geometry = us()
    root = render(geometry, description="States coloured by grade.")

    assert root.get("role") == "group"
    assert root.get("aria-labelledby") == "map-title"
    assert root.find(f"{SVG}desc").text == "States coloured by grade."
    _, _, _, height = (float(n) for n in root.get("viewBox", "").split())
    assert height > geometry.height
    rects = root.find(f"{SVG}g[@class='map-legend']").findall(f"{SVG}rect")
    assert [r.get("class") for r in rects] == ["swatch grade-a", "swatch unassessed"]
    assert all(float(r.get("y", "0")) > geometry.height for r in rects)


def test_it_refuses_an_id_prefix_that_is_not_an_xml_name() -> None:
    with pytest.raises(ValueError, match="id_prefix"):
        maps.render_svg(us(), {}, title="Map", legend=[], id_prefix='x" onload="alert(1)')


def test_the_map_library_loads_no_django_module() -> None:
    code = (
        "import sys, fourthp.lib.maps\n"
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "sys.exit(1 if loaded else 0)\n"
    )
    project = maps.DATA_DIR.parents[1]
    result = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
