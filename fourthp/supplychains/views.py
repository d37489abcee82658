from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_htmx.http import HttpResponseClientRefresh

from fourthp.accounts.models import User
from fourthp.core.pages import query_int, respond
from fourthp.findings.models import GoodFinding
from fourthp.lib.charts import Series, line_chart
from fourthp.supplychains import exports
from fourthp.supplychains.access import access_screen_for_owner, access_screens_for_member, over_screen_rate
from fourthp.supplychains.actions import do_create_screen
from fourthp.supplychains.forms import GoodsFilterForm, ScreenForm
from fourthp.supplychains.queries import (
    GoodsFilters,
    count_by_year,
    kind_label,
    list_screens,
    list_sectors,
    list_years,
    search_goods,
    supply_chain_law,
)
from fourthp.supplychains.schemas import GoodFindingOut

PER_PAGE = 50


def goods_explorer(request: HttpRequest, as_json: bool = False) -> HttpResponse:
    """ILAB's goods at risk of forced and child labour, by good, sector, country, kind and year; a chart of the
    findings per year with a table of the same figures, then the findings themselves with year and source."""
    form = GoodsFilterForm(request.GET or None, sectors=list_sectors(), years=list_years())
    filters = GoodsFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = GoodsFilters(
            good=data["good"], country=data["country"], kind=data["kind"], sector=data["sector"], year=data["year"]
        )
    qs = search_goods(filters) if not form.errors else GoodFinding.objects.none()
    page = Paginator(qs, PER_PAGE).get_page(query_int(request, "page", 1))
    counts = count_by_year(qs)
    years = sorted({year for by_year in counts.values() for year in by_year})
    series = [Series(kind_label(kind), {y: float(n) for y, n in by_year.items()}) for kind, by_year in counts.items()]
    chart = line_chart(
        "chart-goods",
        _("Goods and countries on ILAB's list, by year and finding"),
        _("How many goods and countries each year's list names, one line per kind of finding; the table beside it "
          "gives the same figures."),
        series,
        no_data=_("No finding matches these filters."),
        legend_label=_("Finding"),
    )  # fmt: skip
    table = [(year, [counts[kind].get(year, 0) for kind in counts]) for year in years]
    data = {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "results": [GoodFindingOut.from_model(f).model_dump(mode="json") for f in page.object_list],
        "by_year": {kind: {str(y): n for y, n in by_year.items()} for kind, by_year in counts.items()},
    }
    query = request.GET.copy()
    query.pop("page", None)
    context: dict[str, Any] = {
        "form": form,
        "page": page,
        "chart": mark_safe(chart),  # noqa: S308  (lib.charts escapes every text it places)
        "columns": [kind_label(kind) for kind in counts],
        "table": table,
        "query": query.urlencode(),
    }
    return respond(request, "supplychains/explorer.html", context, data, as_json=as_json)


def _signed_in(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@login_required
@require_http_methods(["GET", "POST"])
def screen_start(request: HttpRequest) -> HttpResponse:
    """Upload a procurement file; see your earlier screens."""
    access_screens_for_member(request.user)
    form = ScreenForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if over_screen_rate(request, _signed_in(request)):
            form.add_error(None, _("You have started many screens in a short time; please try again later."))
            status = 429
        else:
            screen = do_create_screen(
                _signed_in(request), form.file_name, form.cleaned_data["file"], form.cleaned_data["buyer"]
            )
            return redirect("screen-detail", pk=screen.pk)
    screens = list_screens(_signed_in(request))[:20]
    return render(request, "supplychains/start.html", {"form": form, "screens": screens}, status=status)


@login_required
def screen_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A screen: its progress while it runs (polled by htmx), then the lines at risk, the law and the bad rows."""
    screen = access_screen_for_owner(request.user, pk)
    if request.htmx:  # type: ignore[attr-defined]
        response: HttpResponse = (
            HttpResponseClientRefresh()
            if screen.is_finished
            else render(request, "supplychains/_progress.html", {"screen": screen})
        )
    else:
        law = supply_chain_law(screen.buyer)
        results = [
            {**result, "findings": [{**f, "label": kind_label(f["kind"])} for f in result["findings"]]}
            for result in screen.results
        ]
        # Every line of the file once: at risk, clear, or not screened (refused when read, or when screened).
        lines = len(results) + screen.lines_clear + len(screen.bad_rows)
        context = {"screen": screen, "law": law, "results": results, "lines": lines}
        response = render(request, "supplychains/detail.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
def screen_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The results as CSV or XLSX: a row per finding on a line at risk, then the bad rows."""
    screen = access_screen_for_owner(request.user, pk)
    if not screen.is_finished:
        return redirect(reverse("screen-detail", args=[pk]))
    law = supply_chain_law(screen.buyer)
    if fmt == "xlsx":
        body = exports.as_xlsx(screen, law)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body = exports.as_csv(screen, law)
        content_type = "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="procurement-screen-{screen.pk}.{fmt}"'
    return response
