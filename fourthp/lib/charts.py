"""Small charts drawn as SVG on the server: a line chart of numbers by year, and a chart of a category by year.

No script runs in the browser. Each chart is an accessible image: `role="img"` named by its `<title>` and
described by its `<desc>`, every point carries its value as text, and each series has its own line style and
marker shape besides its colour, so colour is never the only cue. The SVG has a `viewBox` and no fixed size:
it scales to the width of its box. Colours come from the site's stylesheet (classes `chart-series-N`).

The caller gives the texts (already translated); this module only escapes and places them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

__all__ = ["Series", "category_chart", "line_chart"]

WIDTH = 520.0
RIGHT, TOP, BOTTOM = 24.0, 28.0, 48.0
LEFT = 170.0
"""Room for the level names of a category chart; a line chart's numbers need less (NUMBERS_LEFT)."""
NUMBERS_LEFT = 64.0
ROW = 34.0
# Line styles and markers per series, so series differ by more than colour.
DASHES = ("", "6 4", "2 3", "10 3 2 3")
MARKERS = ("circle", "square", "diamond", "triangle")


@dataclass(frozen=True)
class Series:
    """One named line of a chart: a value (or None, not reported) for some of its years."""

    name: str
    values: dict[int, float | None]


def _num(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _marker(shape: str, x: float, y: float, css_class: str) -> str:
    if shape == "square":
        return f'<rect class="{css_class}" x="{_num(x - 4)}" y="{_num(y - 4)}" width="8" height="8"/>'
    if shape == "diamond":
        points = f"{_num(x)},{_num(y - 5)} {_num(x + 5)},{_num(y)} {_num(x)},{_num(y + 5)} {_num(x - 5)},{_num(y)}"
        return f'<polygon class="{css_class}" points="{points}"/>'
    if shape == "triangle":
        points = f"{_num(x)},{_num(y - 5)} {_num(x + 5)},{_num(y + 4)} {_num(x - 5)},{_num(y + 4)}"
        return f'<polygon class="{css_class}" points="{points}"/>'
    return f'<circle class="{css_class}" cx="{_num(x)}" cy="{_num(y)}" r="4"/>'


def _open(chart_id: str, title: str, description: str, height: float) -> list[str]:
    return [
        f'<svg class="chart" viewBox="0 0 {_num(WIDTH)} {_num(height)}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]


def _x_positions(years: Sequence[int], left: float) -> dict[int, float]:
    inner = WIDTH - left - RIGHT - 12
    if len(years) == 1:
        return {years[0]: left + inner / 2}
    step = inner / (len(years) - 1)
    return {year: left + 12 + i * step for i, year in enumerate(years)}


def _year_axis(positions: dict[int, float], baseline: float, left: float) -> list[str]:
    parts = [
        f'<line class="chart-axis" x1="{_num(left)}" y1="{_num(baseline)}" '
        f'x2="{_num(WIDTH - RIGHT)}" y2="{_num(baseline)}"/>'
    ]
    # Many years would crowd their labels: then every n-th year is named, and the last; the table names them all.
    every = max(1, -(-len(positions) // 7))
    for index, (year, x) in enumerate(positions.items()):
        if index % every and index != len(positions) - 1:
            continue
        parts.append(
            f'<text class="chart-label chart-year" x="{_num(x)}" y="{_num(baseline + 22)}" text-anchor="middle">'
            f"{year}</text>"
        )
    return parts


def line_chart(
    chart_id: str, title: str, description: str, series: Sequence[Series], *, no_data: str, legend_label: str = ""
) -> str:
    """Numbers by year, one line per series, each point labelled with its value; a legend names the series."""
    years = sorted({year for s in series for year in s.values})
    values = [v for s in series for v in s.values.values() if v is not None]
    legend_rows = len(series) if len(series) > 1 else 0
    plot = 200.0
    height = TOP + plot + BOTTOM + legend_rows * 26 + (26 if legend_label and legend_rows else 0)
    parts = _open(chart_id, title, description, height)
    if not years or not values:
        parts.append(f'<text class="chart-label" x="{_num(WIDTH / 2)}" y="{_num(height / 2)}" text-anchor="middle">')
        parts.append(f"{escape(no_data)}</text></svg>")
        return "".join(parts)
    top_value = max(values) or 1.0
    baseline = TOP + plot
    positions = _x_positions(years, NUMBERS_LEFT)

    def y_of(value: float) -> float:
        return baseline - plot * (value / top_value)

    parts.append(f'<text class="chart-label" x="8" y="{_num(TOP + 4)}">{escape(_num(top_value))}</text>')
    parts.append(f'<text class="chart-label" x="8" y="{_num(baseline)}">0</text>')
    parts.append(
        f'<line class="chart-grid" x1="{_num(NUMBERS_LEFT)}" y1="{_num(TOP)}" x2="{_num(WIDTH - RIGHT)}" y2="{_num(TOP)}"/>'
    )
    parts.extend(_year_axis(positions, baseline, NUMBERS_LEFT))
    for index, line in enumerate(series):
        css = f"chart-series-{index % len(DASHES)}"
        dash = DASHES[index % len(DASHES)]
        shape = MARKERS[index % len(MARKERS)]
        points = [(positions[y], y_of(v)) for y, v in sorted(line.values.items()) if v is not None]
        if len(points) > 1:
            dash_attribute = f' stroke-dasharray="{dash}"' if dash else ""
            coordinates = " ".join(f"{_num(x)},{_num(y)}" for x, y in points)
            parts.append(f'<polyline class="chart-line {css}" points="{coordinates}"{dash_attribute}/>')
        for year, value in sorted(line.values.items()):
            if value is None:
                continue
            x, y = positions[year], y_of(value)
            parts.append(_marker(shape, x, y, f"chart-point {css}"))
            # The label goes on the side away from the other lines at that year, so labels do not collide.
            others = [o.values.get(year) for o in series if o is not line]
            highest = all(other is None or value >= other for other in others)
            offset = -10 if highest else 20
            parts.append(
                f'<text class="chart-value" x="{_num(x)}" y="{_num(y + offset)}" text-anchor="middle">'
                f"{escape(_num(value))}</text>"
            )
    if legend_rows:
        top = baseline + BOTTOM
        if legend_label:
            parts.append(f'<text class="chart-label" x="8" y="{_num(top + 4)}">{escape(legend_label)}</text>')
            top += 26
        for index, line in enumerate(series):
            css = f"chart-series-{index % len(DASHES)}"
            dash = DASHES[index % len(DASHES)]
            y = top + index * 26
            dash_attribute = f' stroke-dasharray="{dash}"' if dash else ""
            parts.append(
                f'<line class="chart-line {css}" x1="{_num(NUMBERS_LEFT)}" y1="{_num(y)}" x2="{_num(NUMBERS_LEFT + 36)}" '
                f'y2="{_num(y)}"{dash_attribute}/>'
            )
            parts.append(_marker(MARKERS[index % len(MARKERS)], NUMBERS_LEFT + 18, y, f"chart-point {css}"))
            parts.append(
                f'<text class="chart-label" x="{_num(NUMBERS_LEFT + 46)}" y="{_num(y + 4)}">{escape(line.name)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def category_chart(
    chart_id: str, title: str, description: str, levels: Sequence[str], points: dict[int, str], *, no_data: str
) -> str:
    """A category by year (a tier, yes or no): one row per level, named on the left, best first.

    Each year's point sits on its level's row, joined by a line; each row is named in words on the left, and
    the table beside the chart gives each year's level in words too.
    """
    height = TOP + ROW * max(len(levels), 1) + BOTTOM + 18
    parts = _open(chart_id, title, description, height)
    known = {year: level for year, level in points.items() if level in levels}
    if not known:
        parts.append(f'<text class="chart-label" x="{_num(WIDTH / 2)}" y="{_num(height / 2)}" text-anchor="middle">')
        parts.append(f"{escape(no_data)}</text></svg>")
        return "".join(parts)
    row_y = {level: TOP + ROW * i + ROW / 2 for i, level in enumerate(levels)}
    baseline = TOP + ROW * len(levels)
    for level, y in row_y.items():
        parts.append(f'<text class="chart-label" x="8" y="{_num(y + 4)}">{escape(level)}</text>')
        parts.append(
            f'<line class="chart-grid" x1="{_num(LEFT)}" y1="{_num(y)}" x2="{_num(WIDTH - RIGHT)}" y2="{_num(y)}"/>'
        )
    years = sorted(known)
    positions = _x_positions(years, LEFT)
    parts.extend(_year_axis(positions, baseline, LEFT))
    coordinates = " ".join(f"{_num(positions[y])},{_num(row_y[known[y]])}" for y in years)
    if len(years) > 1:
        parts.append(f'<polyline class="chart-line chart-series-0" points="{coordinates}"/>')
    for year in years:
        parts.append(_marker("circle", positions[year], row_y[known[year]], "chart-point chart-series-0"))
    parts.append("</svg>")
    return "".join(parts)
