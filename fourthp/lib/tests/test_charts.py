"""Charts drawn as SVG: named and described for a screen reader, values as text, texts escaped."""

from __future__ import annotations

from fourthp.lib.charts import Series, category_chart, line_chart


def test_a_line_chart_is_a_named_image_with_each_value_as_text_and_series_told_apart_by_more_than_colour() -> None:
    svg = line_chart(
        "c", "Offences <reported>", "By year", [Series("A & B", {2019: 3.0, 2020: 5.0}), Series("C", {2020: 1.0})],
        no_data="None", legend_label="Offence",
    )  # fmt: skip
    assert svg.startswith('<svg class="chart" viewBox=') and 'role="img"' in svg
    assert 'aria-labelledby="c-title c-desc"' in svg
    assert '<title id="c-title">Offences &lt;reported&gt;</title>' in svg and "A &amp; B" in svg
    assert ">3</text>" in svg and ">5</text>" in svg and ">1</text>" in svg
    assert 'stroke-dasharray="6 4"' in svg  # the second series is dashed as well as coloured
    assert "<rect" in svg  # ...and has square markers


def test_a_chart_without_data_says_so() -> None:
    assert "Nothing to draw" in line_chart("e", "T", "D", [], no_data="Nothing to draw")
    assert "Nothing to draw" in category_chart("e", "T", "D", ["Yes", "No"], {}, no_data="Nothing to draw")


def test_a_category_chart_names_its_levels_in_words() -> None:
    svg = category_chart("t", "Tier", "By year", ["Tier 1", "Tier 2"], {2014: "Tier 2", 2015: "Tier 1"}, no_data="-")
    assert ">Tier 1</text>" in svg and ">Tier 2</text>" in svg and ">2014</text>" in svg
