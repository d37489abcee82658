from __future__ import annotations

from typing import cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from fourthp.accounts.access import access_history_for_analyst
from fourthp.accounts.models import User
from fourthp.analysis.queries import search_law
from fourthp.analyzer.readers import ReaderError
from fourthp.core.history import history_rows
from fourthp.core.pages import query_int, respond
from fourthp.laws.access import (
    access_import_for_analyst,
    access_instrument_edit_for_analyst,
    access_staged_import_for_analyst,
    can_edit_instrument,
)
from fourthp.laws.actions import (
    ImportRefused,
    InstrumentMetadata,
    StatuteUpload,
    do_confirm_upload,
    do_discard_upload,
    do_stage_upload,
    do_update_instrument,
)
from fourthp.laws.forms import (
    MAX_QUERY_CHARS,
    InstrumentEditForm,
    InstrumentFilterForm,
    InstrumentMetadataForm,
    SearchForm,
    UploadForm,
)
from fourthp.laws.models import Instrument, InstrumentImport
from fourthp.laws.queries import (
    SearchFilters,
    find_instrument,
    find_instrument_to_edit,
    find_section,
    list_instruments,
    list_recent_uploads,
    list_section_versions,
)
from fourthp.laws.schemas import (
    InstrumentListOut,
    InstrumentOut,
    SectionOut,
    SectionPageOut,
    describe_instrument,
    describe_search,
)
from fourthp.lib.markup import highlight, mark_span, query_terms
from fourthp.lib.searchtext import highlight_terms


def instrument_list(request: HttpRequest, as_json: bool = False) -> HttpResponse:
    form = InstrumentFilterForm(request.GET or None)
    found = form.cleaned_data if form.is_valid() else {}
    place = found.get("jurisdiction")
    jurisdiction = place.code if place else ""
    type_ = found.get("type", "")
    instruments = list(list_instruments(jurisdiction_code=jurisdiction, type=type_))
    data = InstrumentListOut(
        items=[InstrumentOut.from_model(i, section_count=i.section_count) for i in instruments],  # type: ignore[attr-defined]
        count=len(instruments),
    )
    return respond(
        request,
        "laws/instrument_list.html",
        {"instruments": instruments, "form": form},
        data,
        as_json=as_json,
    )


def instrument_detail_view(request: HttpRequest, key: str, as_json: bool = False) -> HttpResponse:
    instrument = find_instrument(key)
    return respond(
        request,
        "laws/instrument_detail.html",
        {
            "instrument": instrument,
            "sections": instrument.current_sections,  # type: ignore[attr-defined]
            "can_edit": can_edit_instrument(request.user, instrument),
        },
        describe_instrument(instrument),
        as_json=as_json,
    )


def section_detail(request: HttpRequest, key: str, as_json: bool = False) -> HttpResponse:
    version = request.GET.get("version", "")
    section = find_section(key, int(version) if version.isdigit() else None)
    versions = list_section_versions(key)
    data = SectionPageOut(**SectionOut.from_model(section).model_dump(), versions=versions)
    # ?mark=START-END highlights a quoted span (Python string offsets into the text).
    body = None
    span = request.GET.get("mark", "")
    if "-" in span:
        start, _sep, end = span.partition("-")
        if start.isdigit() and end.isdigit() and int(start) < int(end) <= len(section.text):
            # mark_span escapes the text itself before adding <mark>.
            body = mark_safe(mark_span(section.text, int(start), int(end)))  # noqa: S308
    terms = query_terms(request.GET.get("q", ""))
    if body is None and terms:
        # Other spellings of the words searched ("labor" for "labour") are marked too.
        body = mark_safe(highlight(section.text, highlight_terms(terms)))  # noqa: S308  (highlight escapes the text)
    return respond(
        request,
        "laws/section_detail.html",
        {"section": section, "instrument": section.instrument, "versions": versions, "marked_text": body},
        data,
        as_json=as_json,
    )


def search(request: HttpRequest, as_json: bool = False) -> HttpResponse:
    form = SearchForm(request.GET or None)
    filters = SearchFilters()
    if form.is_valid():
        filters = SearchFilters(**{k: v or "" for k, v in form.cleaned_data.items()})
    page_size = settings.SEARCH_PAGE_SIZE
    page_number = query_int(request, "page", 1)
    # A provision's cited and suggested sections come from the assessments and the analyzer (apps above).
    found = search_law(filters, limit=page_size, offset=(page_number - 1) * page_size)
    results = found.results
    data = describe_search(filters.q, results)
    pages = Paginator(range(results.count), page_size) if results.count else None
    return respond(
        request,
        "laws/search.html",
        {
            "form": form,
            "results": results,
            # Snippets are escaped text with <mark>s, made by fourthp.lib.markup.snippet.
            "hits": [(hit, mark_safe(hit.snippet_html)) for hit in results.hits],  # noqa: S308
            "query": filters.q,
            "provision": found.provision,
            "provision_unknown": bool(filters.provision) and found.provision is None,
            "page_obj": pages.get_page(page_number) if pages else None,
            "types": Instrument.Type.choices,
            "query_cut": form.query_cut,
            "max_query_chars": MAX_QUERY_CHARS,
        },
        data,
        as_json=as_json,
    )


# --- Analysts: upload, preview, confirm ------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    access_import_for_analyst(request.user)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            staged = do_stage_upload(
                StatuteUpload(data=upload.read(), filename=upload.name, fmt=form.cleaned_data["format"]),
                acting_user=cast(User, request.user),
            )
        except ImportRefused as exc:
            form.add_error(None, str(exc))
        except ReaderError as exc:
            form.add_error("file", str(exc))
        else:
            return redirect("instrument-import-preview", staged.pk)
    recent = list_recent_uploads(cast(User, request.user))
    return render(request, "laws/import_upload.html", {"form": form, "recent": recent})


@login_required
@require_http_methods(["GET", "POST"])
def import_preview(request: HttpRequest, import_id: int) -> HttpResponse:
    staged = access_staged_import_for_analyst(request.user, import_id)
    parsed = staged.parsed
    initial = {"title": parsed.get("title", ""), "language": parsed.get("language", "en"), "status": "in_force"}
    form = InstrumentMetadataForm(request.POST or None, initial=initial)
    if request.method == "POST" and staged.state == InstrumentImport.State.PREVIEW and form.is_valid():
        cleaned = form.cleaned_data
        meta = InstrumentMetadata(
            key=cleaned["key"],
            jurisdiction_code=cleaned["jurisdiction"].code,
            title=cleaned["title"],
            short_title=cleaned["short_title"],
            type=cleaned["type"],
            status=cleaned["status"],
            language=cleaned["language"],
            section_key_prefix=cleaned["section_key_prefix"],
            citation_template=cleaned["citation_template"],
            source_url=cleaned["source_url"],
            source_name=cleaned["source_name"],
            licence=cleaned["licence"],
            enacted_on=cleaned["enacted_on"],
            in_force_from=cleaned["in_force_from"],
            notes=cleaned["notes"],
        )
        try:
            instrument = do_confirm_upload(staged, meta, acting_user=cast(User, request.user))
        except ImportRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                format_html(
                    _("Imported {title} with {count} sections."), title=instrument.title, count=len(parsed["sections"])
                ),
            )
            return redirect(instrument)
    return render(
        request,
        "laws/import_preview.html",
        {"staged": staged, "form": form, "sections": parsed["sections"], "section_count": len(parsed["sections"])},
    )


@login_required
@require_POST
def import_discard(request: HttpRequest, import_id: int) -> HttpResponse:
    staged = access_staged_import_for_analyst(request.user, import_id, state=InstrumentImport.State.PREVIEW)
    do_discard_upload(staged, acting_user=cast(User, request.user))
    messages.success(request, _("The upload was discarded; nothing was imported."))
    return redirect("instrument-import")


@login_required
@require_http_methods(["GET", "POST"])
def instrument_edit(request: HttpRequest, key: str) -> HttpResponse:
    instrument = access_instrument_edit_for_analyst(request.user, key)
    form = InstrumentEditForm(request.POST or None, instance=instrument)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        instrument.refresh_from_db()
        if changes:
            do_update_instrument(instrument, changes, acting_user=cast(User, request.user))
        messages.success(request, _("The instrument was updated."))
        return redirect(instrument)
    return render(request, "laws/instrument_edit.html", {"instrument": instrument, "form": form})


@login_required
def instrument_history(request: HttpRequest, key: str) -> HttpResponse:
    access_history_for_analyst(request.user)
    instrument = find_instrument_to_edit(key)
    revisions = history_rows(instrument.history.all())
    return render(request, "laws/instrument_history.html", {"instrument": instrument, "revisions": revisions})
