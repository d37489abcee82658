"""Choropleth maps of the world and of the United States, drawn as inline SVG on the server.

Geometry comes from the world-atlas and us-atlas TopoJSON files in ``data/maps/``
(sources and licences in its README). The TopoJSON decoder is written here by hand:
no maintained Python TopoJSON reader is among the project's dependencies, and the
part of the format these files use (quantized, delta-encoded arcs; Polygon and
MultiPolygon) takes a few dozen lines.

Decoding and projecting happen once per file (``functools.lru_cache``); each request
only joins prepared path strings with the caller's classes, labels and links.

- World: Natural Earth 1:110m countries in the Equal Earth projection (equal-area,
  as a choropleth needs), Antarctica left out. Shapes are keyed by ISO 3166-1
  alpha-2 code; Kosovo, which has no ISO code, is keyed ``XK``. Countries and
  territories that the 1:110m file leaves out, or draws smaller than a few pixels,
  get a circle marker: at the centre of their largest island in the 1:50m file,
  or of their largest 1:110m polygon.
- United States: us-atlas states, already projected (Albers USA, 975×610). Shapes
  are keyed by ISO 3166-2 code (``US-CA``); the District of Columbia is too small
  to click and gets a labelled marker in the Atlantic with a line to its position.

Colours are left to the site's stylesheet (CSS classes only); the two patterns for
places without a score are in the SVG's ``<defs>`` and their colours also come from CSS.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

import pycountry

__all__ = [
    "DATA_DIR",
    "US_STATES_FILE",
    "WORLD_COUNTRIES_FILE",
    "WORLD_SMALL_PLACES_FILE",
    "Feature",
    "LegendItem",
    "MapDataError",
    "MapGeometry",
    "Marker",
    "Place",
    "Shape",
    "codes",
    "decode_topojson",
    "legend_swatch",
    "render_svg",
    "us_geometry",
    "world_geometry",
]

DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "maps"
WORLD_COUNTRIES_FILE = DATA_DIR / "world-atlas" / "countries-110m.json"
WORLD_SMALL_PLACES_FILE = DATA_DIR / "world-atlas" / "countries-50m.json"
US_STATES_FILE = DATA_DIR / "us-atlas" / "states-albers-10m.json"

Point = tuple[float, float]
Ring = list[Point]
Polygon = list[Ring]  # exterior ring first, then holes

WORLD_WIDTH = 960.0
# us-atlas projects into this viewport (d3.geoAlbersUsa().scale(1300).translate([487.5, 305])).
US_WIDTH, US_HEIGHT = 975.0, 610.0
PADDING = 4.0
# A place whose drawn area is smaller than this many square units (about 3×3 px at full
# width) is too small to click, so it also gets a marker.
TINY_AREA = 10.0
MARKER_RADIUS = 3.0
CALLOUT_RADIUS = 6.0

# Natural Earth features without an ISO 3166-1 numeric id that still have a code here.
# XK is the user-assigned code the European Commission and others use for Kosovo.
_WORLD_CODES_BY_NAME = {"Kosovo": "XK"}
_ANTARCTICA = "AQ"

# Markers drawn away from the place, in the open sea, with a line to where it is:
# (dx, dy) from the place's centre, and the short text drawn beside the circle.
_CALLOUTS: dict[str, tuple[float, float, str]] = {"US-DC": (62.0, 22.0, "DC")}

# Classes drawn with a pattern rather than a flat colour, so they never read as a score.
_PATTERNS = {"unassessed": "hatch", "not-gradable": "dots"}
# A class "partly-<class>" is drawn as stripes of <class>'s colour on a pale ground: the
# colour of a measure taken on too little to count as one (a score on a few provisions).
STRIPED_PREFIX = "partly-"

# Legend layout, in SVG user units. Text widths are estimated (no font metrics on the
# server): 0.6 em a character is generous for the site's sans-serif.
_LEGEND_FONT = 15.0
_LEGEND_ROW = 24.0
_LEGEND_SWATCH = 15.0
_LEGEND_GAP = 22.0

_ID_PREFIX = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


class MapDataError(ValueError):
    """A map file does not have the shape this module expects."""


@dataclass(frozen=True)
class Place:
    """What the caller wants drawn for one code."""

    css_class: str  # e.g. "grade-a", "status-full", "unassessed"
    label: str  # accessible text, e.g. "Canada: B (62 of 100), 30 of 41 assessed"
    url: str | None  # the report card, or None for no link


@dataclass(frozen=True)
class LegendItem:
    css_class: str
    label: str


@dataclass(frozen=True)
class Feature:
    """One TopoJSON geometry, decoded to polygons in the file's coordinates."""

    id: str | None
    name: str
    polygons: tuple[Polygon, ...]


@dataclass(frozen=True)
class Shape:
    """A drawable place: ``code`` is None for background shapes (no report card)."""

    code: str | None
    name: str
    d: str  # SVG path data


@dataclass(frozen=True)
class Marker:
    """A circle for a place too small to click; ``anchor`` is the place itself for a callout."""

    code: str
    name: str
    x: float
    y: float
    radius: float
    text: str | None = None
    anchor: Point | None = None


@dataclass(frozen=True)
class MapGeometry:
    name: str  # "world" or "us"; also a CSS class, "map-world"
    width: float
    height: float
    shapes: tuple[Shape, ...]
    markers: tuple[Marker, ...]


# --- TopoJSON ----------------------------------------------------------------------


def decode_topojson(topology: Mapping[str, Any], object_name: str) -> list[Feature]:
    """The Polygon and MultiPolygon geometries of one object of a TopoJSON topology.

    1. Decode every arc: undo the delta encoding, then the quantization transform.
    2. Join each ring from its arcs; a negative index ``~i`` is arc ``i`` reversed, and
       each arc after the first starts on the point where the previous one ended.
    Other geometry types (points, lines, null) are skipped: these files have none worth drawing.
    """
    try:
        geometries = topology["objects"][object_name]["geometries"]
        raw_arcs = topology["arcs"]
    except (KeyError, TypeError) as exc:
        raise MapDataError(f"no geometry collection {object_name!r} in the topology") from exc
    transform = topology.get("transform")
    arcs = [_decode_arc(arc, transform) for arc in raw_arcs]
    features = []
    for geometry in geometries:
        kind = geometry.get("type")
        if kind == "Polygon":
            polygons = [geometry["arcs"]]
        elif kind == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        raw_id = geometry.get("id")
        name = str((geometry.get("properties") or {}).get("name", ""))
        features.append(
            Feature(
                id=None if raw_id is None else str(raw_id),
                name=name,
                polygons=tuple([_ring(arcs, ring) for ring in polygon] for polygon in polygons),
            )
        )
    return features


def _decode_arc(arc: Sequence[Sequence[float]], transform: Mapping[str, Any] | None) -> list[Point]:
    if not transform:
        return [(float(p[0]), float(p[1])) for p in arc]
    (kx, ky), (tx, ty) = transform["scale"], transform["translate"]
    x = y = 0.0
    points = []
    for p in arc:
        x += p[0]
        y += p[1]
        points.append((x * kx + tx, y * ky + ty))
    return points


def _ring(arcs: Sequence[list[Point]], indexes: Iterable[int]) -> Ring:
    points: Ring = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


# --- projection and path data -----------------------------------------------------------

# Equal Earth (Šavrič, Patterson and Jenny, 2018), in radians.
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2


def _equal_earth(lon: float, lat: float) -> Point:
    theta = math.asin(_M * math.sin(math.radians(lat)))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = math.radians(lon) * math.cos(theta) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return x, y


def _cut_at_antimeridian(polygons: Iterable[Polygon]) -> list[Polygon]:
    """Polygons in longitude and latitude, with any ring that crosses 180° cut in two.

    Natural Earth draws Fiji's and Russia's easternmost islands as rings that jump
    from 180° to -180°; drawn flat, that jump would be a line across the whole map.
    1. Unwrap the ring's longitudes so no step is longer than 180°.
    2. If it now passes ±180°, clip it to each side of that meridian and move the
       outer part back by 360°.
    """
    out: list[Polygon] = []
    for polygon in polygons:
        exterior, holes = polygon[0], polygon[1:]
        unwrapped = [exterior[0]]
        for lon, lat in exterior[1:]:
            prev = unwrapped[-1][0]
            lon += 360.0 * round((prev - lon) / 360.0)
            unwrapped.append((lon, lat))
        lons = [lon for lon, _ in unwrapped]
        if min(lons) >= -180.0 and max(lons) <= 180.0:
            out.append(polygon)
            continue
        edge = 180.0 if max(lons) > 180.0 else -180.0
        inner = _clip(unwrapped, edge, keep_below=edge > 0)
        outer = _clip(unwrapped, edge, keep_below=edge < 0)
        shift = -360.0 if edge > 0 else 360.0
        parts = [inner, [(lon + shift, lat) for lon, lat in outer]]
        parts = [part for part in parts if len(part) >= 3]
        out.extend([part, *holes] if i == 0 else [part] for i, part in enumerate(parts))
    return out


def _clip(ring: Ring, edge: float, *, keep_below: bool) -> Ring:
    """Sutherland–Hodgman: the part of ``ring`` on one side of the meridian ``edge``."""

    def inside(point: Point) -> bool:
        return point[0] <= edge if keep_below else point[0] >= edge

    out: Ring = []
    for current, following in zip(ring, ring[1:] + ring[:1], strict=True):
        if inside(current):
            out.append(current)
        if inside(current) != inside(following):
            (x0, y0), (x1, y1) = current, following
            out.append((edge, y0 + (edge - x0) * (y1 - y0) / (x1 - x0)))
    return out


def _path_data(polygons: Iterable[Polygon]) -> str:
    """SVG path data in tenths of a unit: absolute start, relative steps, repeats dropped."""
    parts = []
    for polygon in polygons:
        for ring in polygon:
            tenths = [(round(x * 10), round(y * 10)) for x, y in ring]
            deduped = [tenths[0]] if tenths else []
            for point in tenths[1:]:
                if point != deduped[-1]:
                    deduped.append(point)
            if len(deduped) > 1 and deduped[-1] == deduped[0]:
                deduped.pop()  # "z" closes the ring
            if len(deduped) < 3:
                continue  # shrank to a point or a line at this precision
            numbers = [_tenths(deduped[0][0]), _tenths(deduped[0][1])]
            for (x0, y0), (x1, y1) in itertools.pairwise(deduped):
                numbers += [_tenths(x1 - x0), _tenths(y1 - y0)]
            parts.append("M" + _join(numbers[:2]) + "l" + _join(numbers[2:]) + "z")
    return "".join(parts)


def _tenths(value: int) -> str:
    sign = "-" if value < 0 else ""
    whole, tenth = divmod(abs(value), 10)
    if not tenth:
        return f"{sign}{whole}"
    return f"{sign}{whole}.{tenth}" if whole else f"{sign}.{tenth}"


def _join(numbers: Sequence[str]) -> str:
    # A minus sign separates numbers by itself, as does a leading "." after a number with one.
    out = [numbers[0]] if numbers else []
    for prev, number in itertools.pairwise(numbers):
        if number[0] == "-" or (number[0] == "." and "." in prev):
            out.append(number)
        else:
            out.append(" " + number)
    return "".join(out)


def _area(ring: Ring) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True))) / 2


def _centre(ring: Ring) -> Point:
    """The area centroid of a ring (its vertex mean if it has no area)."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(a) < 1e-12:
        return sum(x for x, _ in ring) / len(ring), sum(y for _, y in ring) / len(ring)
    return cx / (3 * a), cy / (3 * a)


def _largest_centre(polygons: Sequence[Polygon]) -> Point:
    exteriors = [polygon[0] for polygon in polygons if polygon and polygon[0]]
    return _centre(max(exteriors, key=_area))


def _total_area(polygons: Sequence[Polygon]) -> float:
    return sum(_area(polygon[0]) - sum(_area(hole) for hole in polygon[1:]) for polygon in polygons if polygon)


def _project(polygons: Iterable[Polygon], transform: Callable[[float, float], Point]) -> list[Polygon]:
    return [[[transform(x, y) for x, y in ring] for ring in polygon] for polygon in polygons]


def _build(
    name: str,
    width: float,
    height: float,
    places: Sequence[tuple[str | None, str, list[Polygon]]],
    extra_markers: Sequence[Marker] = (),
) -> MapGeometry:
    """Shapes (one per code, polygons merged) and markers for tiny or callout places."""
    merged: dict[str, tuple[str, list[Polygon]]] = {}
    background: list[tuple[str, list[Polygon]]] = []
    for code, place_name, polygons in places:
        if code is None:
            background.append((place_name, polygons))
        elif code in merged:
            merged[code][1].extend(polygons)
        else:
            merged[code] = (place_name, list(polygons))
    shapes = [Shape(code=None, name=n, d=_path_data(p)) for n, p in background]
    markers = list(extra_markers)
    for code, (place_name, polygons) in merged.items():
        shapes.append(Shape(code=code, name=place_name, d=_path_data(polygons)))
        x, y = _largest_centre(polygons)
        if code in _CALLOUTS:
            dx, dy, text = _CALLOUTS[code]
            markers.append(Marker(code, place_name, x + dx, y + dy, CALLOUT_RADIUS, text=text, anchor=(x, y)))
        elif _total_area(polygons) < TINY_AREA or not shapes[-1].d:
            markers.append(Marker(code, place_name, x, y, MARKER_RADIUS))
    shapes = [shape for shape in shapes if shape.d]
    shapes.sort(key=lambda s: (s.code is not None, s.name))
    markers.sort(key=lambda m: m.name)
    return MapGeometry(name=name, width=width, height=height, shapes=tuple(shapes), markers=tuple(markers))


def _world_code(feature: Feature) -> tuple[str | None, str]:
    """The feature's ISO 3166-1 alpha-2 code and name (ISO's common name where it has a code).

    Natural Earth's own names are abbreviated ("Dem. Rep. Congo") or dated ("Macedonia").
    """
    if feature.id is None:
        return _WORLD_CODES_BY_NAME.get(feature.name), feature.name
    country = pycountry.countries.get(numeric=feature.id.zfill(3))
    if country is None:
        return None, feature.name
    return str(country.alpha_2), str(getattr(country, "common_name", country.name))


@functools.lru_cache(maxsize=4)
def world_geometry(
    path: Path = WORLD_COUNTRIES_FILE, small_places: Path | None = WORLD_SMALL_PLACES_FILE
) -> MapGeometry:
    """The world map: 1:110m countries in Equal Earth, with markers for small places.

    ``small_places`` is a more detailed file (1:50m) read only for the positions of the
    places that ``path`` leaves out; None leaves them off the map.
    """
    features = [(f, *_world_code(f)) for f in decode_topojson(_load(path), "countries")]
    projected = [
        (code, name, _project(_cut_at_antimeridian(f.polygons), _equal_earth))
        for f, code, name in features
        if code != _ANTARCTICA
    ]

    # Fit the projected world into WORLD_WIDTH, keeping its proportions.
    xs = [x for _, _, polygons in projected for polygon in polygons for x, _ in polygon[0]]
    ys = [y for _, _, polygons in projected for polygon in polygons for _, y in polygon[0]]
    x0, y1 = min(xs), max(ys)
    k = (WORLD_WIDTH - 2 * PADDING) / (max(xs) - x0)
    height = math.ceil((y1 - min(ys)) * k + 2 * PADDING)

    def fit(x: float, y: float) -> Point:
        return (x - x0) * k + PADDING, (y1 - y) * k + PADDING  # SVG's y runs down

    places = [(code, name, _project(polygons, fit)) for code, name, polygons in projected]
    markers = []
    if small_places is not None:
        drawn = {code for code, _, _ in places}
        for feature in decode_topojson(_load(small_places), "countries"):
            code, name = _world_code(feature)
            if code is None or code in drawn or code == _ANTARCTICA:
                continue
            drawn.add(code)
            polygons = _project(_cut_at_antimeridian(feature.polygons), lambda lon, lat: fit(*_equal_earth(lon, lat)))
            x, y = _largest_centre(polygons)
            markers.append(Marker(code, name, x, y, MARKER_RADIUS))
    return _build("world", WORLD_WIDTH, float(height), places, markers)


@functools.lru_cache(maxsize=4)
def us_geometry(path: Path = US_STATES_FILE) -> MapGeometry:
    """The United States map: the 50 states and DC, keyed by ISO 3166-2 code (``US-CA``)."""
    subdivisions = pycountry.subdivisions.get(country_code="US")  # type: ignore[no-untyped-call]
    by_name = {str(s.name): str(s.code) for s in subdivisions or ()}
    places: list[tuple[str | None, str, list[Polygon]]] = []
    for feature in decode_topojson(_load(path), "states"):
        code = by_name.get(feature.name)
        if code is None:
            raise MapDataError(f"{path.name}: no ISO 3166-2:US code for {feature.name!r}")
        places.append((code, feature.name, list(feature.polygons)))
    return _build("us", US_WIDTH, US_HEIGHT, places)


def _load(path: Path) -> Mapping[str, Any]:
    with path.open(encoding="utf-8") as f:
        data: Mapping[str, Any] = json.load(f)
    return data


def codes(geometry: MapGeometry) -> frozenset[str]:
    """The codes that have a shape or a marker on this map."""
    return frozenset(s.code for s in geometry.shapes if s.code is not None) | {m.code for m in geometry.markers}


# --- SVG -------------------------------------------------------------------------------


def render_svg(
    geometry: MapGeometry,
    places: Mapping[str, Place],
    *,
    title: str,
    legend: Sequence[LegendItem],
    description: str = "",
    default_class: str = "unassessed",
    default_label: str = "not assessed",
    marker_note: str | None = None,
    id_prefix: str = "map",
    draw_legend: bool = True,
) -> str:
    """A complete ``<svg>`` element: one shape (or marker) per code, then the legend.

    A code missing from ``places`` is drawn with ``default_class`` and labelled
    "<name>: <default_label>", unlinked. A place that has a marker is linked from the
    marker only, so each place is one link and one stop for the keyboard.
    ``marker_note`` adds a legend entry explaining the circles, when the map has any.
    Every id in the SVG starts with ``id_prefix``, so one page can hold several maps.
    ``draw_legend=False`` leaves the legend out of the drawing (a page that shows it as
    text beside the map, legible at any width, with ``legend_swatch``); the patterns its
    swatches use are defined in the map all the same.

    The root is ``role="group"`` rather than ``role="img"``: an image's children are
    presentational, so links inside one are hidden from screen readers (axe's
    nested-interactive rule).
    """
    if not _ID_PREFIX.fullmatch(id_prefix):
        raise ValueError(f"id_prefix must be a letter followed by letters, digits, _ or -: {id_prefix!r}")
    marked = {m.code for m in geometry.markers}

    def place_for(code: str, name: str) -> Place:
        return places.get(code) or Place(default_class, f"{name}: {default_label}", None)

    width, map_height = geometry.width, geometry.height
    items = [(item.css_class, item.label, "rect") for item in legend]
    if marker_note and geometry.markers:
        items.append(("marker-note", marker_note, "circle"))
    legend_svg, legend_height = _legend(items, width, map_height, id_prefix) if draw_legend else ("", 0.0)
    height = map_height + legend_height
    used = {place.css_class for place in places.values()} | {item.css_class for item in legend}
    striped = sorted(c for c in used if c.startswith(STRIPED_PREFIX))

    labelled = f"{id_prefix}-title"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="map map-{escape(geometry.name)}" '
        f'viewBox="0 0 {_num(width)} {_num(height)}" role="group" aria-labelledby="{labelled}"'
        + (f' aria-describedby="{id_prefix}-desc"' if description else "")
        + ">",
        f'<title id="{labelled}">{escape(title)}</title>',
    ]
    if description:
        out.append(f'<desc id="{id_prefix}-desc">{escape(description)}</desc>')
    out.append(_defs(id_prefix, striped))
    out.append('<g class="map-shapes">')
    for shape in geometry.shapes:
        if shape.code is None:
            out.append(f'<path class="background" d="{shape.d}"><title>{escape(shape.name)}</title></path>')
            continue
        place = place_for(shape.code, shape.name)
        path = f'<path class="{escape(place.css_class)}"{_fill(place.css_class, id_prefix)} d="{shape.d}"/>'
        out.append(_linked(place, path, link=shape.code not in marked))
    out.append("</g>")
    if geometry.markers:
        out.append('<g class="map-markers">')
        for marker in geometry.markers:
            place = place_for(marker.code, marker.name)
            out.append(_linked(place, _marker(marker, place.css_class, id_prefix), link=True))
        out.append("</g>")
    out.append(legend_svg)
    out.append("</svg>")
    return "".join(out)


def _linked(place: Place, body: str, *, link: bool) -> str:
    """``body`` with the place's label as its tooltip and accessible name, in a link if it has a url."""
    label = f"<title>{escape(place.label)}</title>"
    if link and place.url:
        return f'<a href="{escape(place.url)}">{label}{body}</a>'
    return f"<g>{label}{body}</g>"


def _marker(marker: Marker, css_class: str, id_prefix: str) -> str:
    parts = []
    if marker.anchor is not None:
        ax, ay = marker.anchor
        parts.append(
            f'<line class="marker-leader" x1="{_num(ax)}" y1="{_num(ay)}" x2="{_num(marker.x)}" y2="{_num(marker.y)}"/>'
        )
    parts.append(
        f'<circle class="marker {escape(css_class)}"{_fill(css_class, id_prefix)} '
        f'cx="{_num(marker.x)}" cy="{_num(marker.y)}" r="{_num(marker.radius)}"/>'
    )
    if marker.text:
        x = marker.x + marker.radius + 3
        parts.append(f'<text class="marker-label" x="{_num(x)}" y="{_num(marker.y)}">{escape(marker.text)}</text>')
    return "".join(parts)


def _fill(css_class: str, id_prefix: str) -> str:
    """A pattern fill for the classes drawn with one.

    A presentation attribute, not CSS: a ``url(#id)`` in the site's stylesheet could
    not follow each map's own ids. The stylesheet sets no fill for these classes.
    """
    pattern = _PATTERNS.get(css_class)
    if pattern is None and css_class.startswith(STRIPED_PREFIX):
        pattern = escape(css_class)
    return f' fill="url(#{id_prefix}-{pattern})"' if pattern else ""


def _defs(id_prefix: str, striped: Sequence[str] = ()) -> str:
    out = [
        "<defs>",
        f'<pattern id="{id_prefix}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect class="pattern-ground" width="6" height="6"/><line class="pattern-ink" x1="0" y1="0" x2="0" y2="6"/>'
        "</pattern>",
        f'<pattern id="{id_prefix}-dots" width="5" height="5" patternUnits="userSpaceOnUse">'
        '<rect class="pattern-ground" width="5" height="5"/><circle class="pattern-dot" cx="2.5" cy="2.5" r="1"/>'
        "</pattern>",
    ]
    for css_class in striped:
        colour = escape(css_class.removeprefix(STRIPED_PREFIX))
        out.append(
            f'<pattern id="{id_prefix}-{escape(css_class)}" width="6" height="6" patternUnits="userSpaceOnUse" '
            'patternTransform="rotate(-45)">'
            f'<rect class="pattern-ground" width="6" height="6"/><rect class="{colour}" width="4" height="6"/>'
            "</pattern>"
        )
    out.append("</defs>")
    return "".join(out)


def legend_swatch(css_class: str, id_prefix: str = "map") -> str:
    """A small ``<svg>`` square drawn as the places of ``css_class`` are, for a legend written as text.

    Its pattern, if any, is the one defined in the map of the same ``id_prefix`` on the page;
    the colours come from the stylesheet, as the map's do. Hidden from screen readers: the
    legend's words say what it shows.
    """
    if not _ID_PREFIX.fullmatch(id_prefix):
        raise ValueError(f"id_prefix must be a letter followed by letters, digits, _ or -: {id_prefix!r}")
    return (
        '<svg class="swatch" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">'
        f'<rect class="{escape(css_class)}"{_fill(css_class, id_prefix)} x=".5" y=".5" width="15" height="15"/></svg>'
    )


def _legend(items: Sequence[tuple[str, str, str]], width: float, top: float, id_prefix: str) -> tuple[str, float]:
    """The legend below the map, in rows that wrap at the map's width; returns (svg, height)."""
    if not items:
        return "", 0.0
    out = ['<g class="map-legend">']
    x, row = PADDING, 0
    for css_class, label, kind in items:
        item_width = _LEGEND_SWATCH + 6 + len(label) * _LEGEND_FONT * 0.6
        if x > PADDING and x + item_width > width - PADDING:
            x, row = PADDING, row + 1
        y = top + 6 + row * _LEGEND_ROW
        if kind == "circle":
            r = _LEGEND_SWATCH / 2
            swatch = f'<circle class="swatch marker {escape(css_class)}" cx="{_num(x + r)}" cy="{_num(y + r)}" r="{_num(r - 1)}"/>'
        else:
            swatch = (
                f'<rect class="swatch {escape(css_class)}"{_fill(css_class, id_prefix)} x="{_num(x)}" y="{_num(y)}" '
                f'width="{_num(_LEGEND_SWATCH)}" height="{_num(_LEGEND_SWATCH)}"/>'
            )
        text_y = y + _LEGEND_SWATCH - 2
        out.append(f'{swatch}<text x="{_num(x + _LEGEND_SWATCH + 6)}" y="{_num(text_y)}">{escape(label)}</text>')
        x += item_width + _LEGEND_GAP
    out.append("</g>")
    return "".join(out), 6 + (row + 1) * _LEGEND_ROW + PADDING


def _num(value: float) -> str:
    return _tenths(round(value * 10))
