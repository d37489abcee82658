"""Maps: grades, one provision's status or a finding of others, as an SVG and the same figures as a table."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from fourthp.assessments.forms import MapForm
from fourthp.assessments.maps import MAPS, build_map
from fourthp.assessments.schemas import MapOut
from fourthp.assessments.views.report_cards import card_framework
from fourthp.core.pages import respond
from fourthp.findings.queries import list_indicators
from fourthp.lib.maps import legend_swatch, render_svg


def maps(request: HttpRequest, as_json: bool = False) -> HttpResponse:
    framework = card_framework(request)
    choice = MapForm(request.GET, framework=framework).choice()
    view = build_map(
        choice.which,
        framework,
        pillar=choice.pillar,
        provision=choice.provision,
        indicator=choice.indicator,
        year=choice.year,
    )
    id_prefix = f"map-{choice.which}"
    svg = render_svg(
        view.geometry,
        view.places,
        title=view.title,
        legend=view.legend,
        description=view.note,
        default_class="no-data",
        # Every jurisdiction of the atlas the map is about has a place; only a shape the atlas
        # has no jurisdiction for (Kosovo, say, or an uninhabited island) falls back to this.
        default_label=_("not in the atlas"),
        id_prefix=id_prefix,
        # The legend is written as text under the map: drawn in the SVG it shrinks with the map
        # and cannot be read on a phone.
        draw_legend=False,
    )
    legend_key = [(mark_safe(legend_swatch(item.css_class, id_prefix)), item.label) for item in view.legend]  # noqa: S308
    return respond(
        request,
        "assessments/maps.html",
        {
            "svg": mark_safe(svg),  # noqa: S308  (render_svg escapes every label and attribute)
            "view": view,
            "which": choice.which,
            "maps": MAPS,
            "measure": choice.measure,
            "pillar": choice.pillar,
            "provision": choice.provision,
            "indicator": choice.indicator,
            "year": choice.year,
            "errors": choice.errors,
            "pillars": framework.pillars.order_by("order"),
            "provisions": framework.provisions.order_by("order"),
            "indicators": list_indicators(),
            "off_map": [row for row in view.rows if not row.on_map],
            "legend_key": legend_key,
        },
        MapOut.from_view(choice.which, view),
        as_json=as_json,
    )
