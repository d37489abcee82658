from __future__ import annotations

import csv
import io
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from fourthp.accounts.limits import client_address, over_rate_usage
from fourthp.assessments.formats import csv_cell
from fourthp.assessments.models import Status
from fourthp.briefs.actions import ContentRefused
from fourthp.briefs.checks import problem_line
from fourthp.briefs.citations import render_with_footnotes
from fourthp.campaigns.access import (
    access_campaign_create_for_secretariat,
    access_campaign_manage_for_secretariat,
    access_campaign_sign_for_member,
    access_campaign_sign_for_public,
    access_campaign_view_for_audience,
    access_inquiry_create_for_legislator,
    access_inquiry_edit_for_owner,
    can_edit_inquiry,
    can_manage_campaigns,
    can_record_inquiries,
    can_sign_as_member,
    can_sign_publicly,
)
from fourthp.campaigns.actions import (
    InquiryRefused,
    LetterInput,
    LetterRefused,
    SignatureRefused,
    do_confirm_signature,
    do_record_delivery,
    do_request_letter,
    do_request_letter_pdf,
    do_save_campaign,
    do_save_inquiry,
    do_send_letter,
    do_sign_as_member,
    do_sign_publicly,
    do_withdraw_signature,
)
from fourthp.campaigns.forms import (
    CampaignForm,
    DeliveryForm,
    InquiryForm,
    LetterForm,
    MemberSignatureForm,
    PlaceForm,
    PublicSignatureForm,
)
from fourthp.campaigns.models import Campaign, Inquiry, LetterPdf, LetterTemplate, Signature
from fourthp.campaigns.queries import (
    compose_letter,
    country_of,
    counts_of,
    fill_template,
    find_letter_pdf,
    gap_of,
    get_campaign,
    get_inquiry,
    get_kit,
    get_letter,
    get_letter_template,
    get_signature,
    kit_provisions,
    legislators_in,
    letter_gaps,
    letter_needs_making,
    list_campaigns,
    list_inquiries,
    list_kits,
    listed_signatures,
    signature_of,
    signatures_for_export,
)
from fourthp.campaigns.schemas import (
    CampaignDetailOut,
    CampaignListOut,
    CampaignOut,
    GapOut,
    InquiryListOut,
    InquiryOut,
    LegislatorOut,
    LetterTemplateListOut,
    LetterTemplateOut,
    OpEdKitDetailOut,
    OpEdKitListOut,
    OpEdKitOut,
    WritePlaceOut,
)
from fourthp.campaigns.tokens import CONFIRM_SALT, LETTER_SALT, WITHDRAW_SALT, LinkExpired, LinkInvalid, read_token
from fourthp.core.pages import markdown_html, respond
from fourthp.core.printing import pdf_engine_missing
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.jurisdictions.queries import find_jurisdiction

LIST_LIMIT = 200


def _reader_language() -> str:
    return translation.get_language() or settings.LANGUAGE_CODE


# --------------------------------------------------------------------- public pages


def campaign_list(request: HttpRequest, as_json: bool = False) -> HttpResponse:
    campaigns = list(list_campaigns(request.user)[:LIST_LIMIT])
    data = CampaignListOut(items=[CampaignOut.from_listed(c) for c in campaigns], count=len(campaigns))
    return respond(
        request,
        "campaigns/list.html",
        {"campaigns": campaigns, "is_secretariat": can_manage_campaigns(request.user)},
        data,
        as_json=as_json,
    )


def _signing_context(request: HttpRequest, campaign: Campaign) -> dict[str, Any]:
    mine = signature_of(request.user, campaign)
    member_may = can_sign_as_member(request.user, campaign)
    return {
        "signature": mine,
        "can_withdraw": mine is not None and not campaign.is_delivered,
        "member_form": MemberSignatureForm() if member_may and mine is None and campaign.taking_signatures else None,
        "public_form": PublicSignatureForm()
        if not request.user.is_authenticated and can_sign_publicly(campaign) and campaign.taking_signatures
        else None,
        "members_only": not member_may and not can_sign_publicly(campaign),
        "for_legislators": campaign.audience == Campaign.Audience.LEGISLATORS,
    }


def campaign_detail(request: HttpRequest, slug: str, as_json: bool = False) -> HttpResponse:
    campaign = access_campaign_view_for_audience(request.user, get_campaign(slug))
    counts = counts_of(campaign)
    listed = listed_signatures(campaign)
    data = CampaignDetailOut.describe(campaign, counts, listed)
    # Figures and sections of law cited in the statement read as footnotes with their sources, as in briefs.
    statement = render_with_footnotes(campaign.statement_in(_reader_language()))
    return respond(
        request,
        "campaigns/detail.html",
        {
            "campaign": campaign,
            "statement": statement.html,
            "footnotes": statement.footnotes,
            "counts": counts,
            "listed": listed,
            "is_secretariat": can_manage_campaigns(request.user),
            **_signing_context(request, campaign),
        },
        data,
        as_json=as_json,
    )


def campaign_signatures(request: HttpRequest, slug: str) -> HttpResponse:
    """The count and the public list of signatories, as the campaign page polls it (an htmx fragment)."""
    campaign = access_campaign_view_for_audience(request.user, get_campaign(slug))
    response = render(
        request,
        "campaigns/_signatures.html",
        {"campaign": campaign, "counts": counts_of(campaign), "listed": listed_signatures(campaign)},
    )
    response["Cache-Control"] = "no-cache"
    return response


# ------------------------------------------------------------------------ signing


def _over_signature_rate(request: HttpRequest) -> bool:
    """Count one public signature attempt against CAMPAIGN_SIGNATURES_RATE for the client's address."""
    rate = settings.CAMPAIGN_SIGNATURES_RATE
    usage = over_rate_usage(request, "campaign-signatures", client_address(request), rate, name="Campaign signature")
    return usage is not None


@require_http_methods(["GET", "POST"])
def campaign_sign(request: HttpRequest, slug: str) -> HttpResponse:
    """The public signing form; whatever the address has done before, the answer is "check your e-mail"."""
    campaign = access_campaign_sign_for_public(request.user, get_campaign(slug))
    form = PublicSignatureForm(request.POST if request.method == "POST" else None)
    context: dict[str, Any] = {"campaign": campaign, "form": form}
    if request.method == "POST":
        if _over_signature_rate(request):
            return render(request, "campaigns/sign.html", {**context, "refused": True}, status=429)
        if form.is_valid():
            if form.is_robot():
                return render(request, "campaigns/check_email.html", {"campaign": campaign})
            try:
                do_sign_publicly(campaign, form.to_input())
            except SignatureRefused as exc:
                form.add_error(None, str(exc))
            else:
                return render(request, "campaigns/check_email.html", {"campaign": campaign})
    return render(request, "campaigns/sign.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def campaign_sign_member(request: HttpRequest, slug: str) -> HttpResponse:
    """One click: a member signs with her account, counted at once."""
    campaign = access_campaign_sign_for_member(request.user, get_campaign(slug))
    form = MemberSignatureForm(request.POST)
    form.is_valid()
    try:
        do_sign_as_member(campaign, show_name=bool(form.cleaned_data.get("show_name")), acting_user=request.user)
    except SignatureRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Thank you: your signature is counted."))
    return redirect(campaign)


@login_required
@require_POST
def campaign_withdraw(request: HttpRequest, slug: str) -> HttpResponse:
    """A member withdraws the signature she gave with her account, before the letter is delivered."""
    campaign = access_campaign_view_for_audience(request.user, get_campaign(slug))
    mine = signature_of(request.user, campaign)
    if mine is None:
        messages.error(request, _("You have not signed this statement."))
        return redirect(campaign)
    try:
        do_withdraw_signature(mine, acting_user=request.user)
    except SignatureRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Your signature is withdrawn and no longer counted."))
    return redirect(campaign)


def _signature_from_link(request: HttpRequest, token: str, salt: str) -> Signature | HttpResponse:
    try:
        found = get_signature(read_token(token, salt))
    except LinkExpired:
        return render(request, "campaigns/link_problem.html", {"problem": "expired"}, status=410)
    except LinkInvalid:
        found = None
    if found is None:
        return render(request, "campaigns/link_problem.html", {"problem": "invalid"}, status=404)
    return found


@require_http_methods(["GET", "POST"])
def campaign_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The e-mailed confirmation link: a page with one button (a link checker's visit confirms nothing)."""
    found = _signature_from_link(request, token, CONFIRM_SALT)
    if isinstance(found, HttpResponse):
        return found
    context: dict[str, Any] = {"campaign": found.campaign, "signature": found}
    if request.method == "POST":
        try:
            found = do_confirm_signature(found)
        except SignatureRefused as exc:
            return render(request, "campaigns/confirm.html", {**context, "error": str(exc)}, status=409)
        messages.success(request, _("Thank you: your signature is confirmed and counted."))
        return redirect(found.campaign)
    return render(request, "campaigns/confirm.html", context)


@require_http_methods(["GET", "POST"])
def campaign_withdraw_link(request: HttpRequest, token: str) -> HttpResponse:
    """The e-mailed withdrawal link of a public signer: a page with one button."""
    found = _signature_from_link(request, token, WITHDRAW_SALT)
    if isinstance(found, HttpResponse):
        return found
    context: dict[str, Any] = {"campaign": found.campaign, "signature": found}
    if request.method == "POST":
        try:
            do_withdraw_signature(found, acting_user=request.user)
        except SignatureRefused as exc:
            return render(request, "campaigns/withdraw.html", {**context, "error": str(exc)}, status=409)
        messages.success(request, _("Your signature is withdrawn and no longer counted."))
        return redirect(found.campaign)
    return render(request, "campaigns/withdraw.html", context)


# -------------------------------------------------------------- the secretariat


def _edit(request: HttpRequest, campaign: Campaign | None) -> HttpResponse:
    form = CampaignForm(request.POST if request.method == "POST" else None, instance=campaign or Campaign())
    if request.method == "POST" and form.is_valid():
        try:
            saved = do_save_campaign(campaign, form.to_input(), acting_user=request.user)
        except ContentRefused as exc:
            form.add_error(None, str(exc))
            for problem in exc.problems:
                form.add_error(None, problem_line(problem))
        except SignatureRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The campaign is saved."))
            return redirect(saved)
    return render(request, "campaigns/edit.html", {"campaign": campaign, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def campaign_create(request: HttpRequest) -> HttpResponse:
    access_campaign_create_for_secretariat(request.user)
    return _edit(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def campaign_edit(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = access_campaign_manage_for_secretariat(request.user, get_campaign(slug))
    return _edit(request, campaign)


CSV_COLUMNS = [
    "signed_at",
    "confirmed_at",
    "state",
    "name",
    "organisation",
    "jurisdiction",
    "country",
    "email",
    "legislator",
    "show_name",
    "withdrawn_at",
    "anonymised_at",
]


def _iso(value: Any) -> str:
    return value.isoformat() if value else ""


@login_required
def campaign_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """Every signature, e-mail addresses included: for the secretariat only."""
    campaign = access_campaign_manage_for_secretariat(request.user, get_campaign(slug))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for s in signatures_for_export(campaign):
        country = country_of(s.jurisdiction)
        row = [
            _iso(s.created_at),
            _iso(s.confirmed_at),
            s.state,
            s.name,
            s.organisation,
            s.jurisdiction.code if s.jurisdiction else "",
            country.code if country else "",
            s.email or (s.user.email if s.user else ""),
            "yes" if s.is_legislator else "no",
            "yes" if s.show_name else "no",
            _iso(s.withdrawn_at),
            _iso(s.anonymised_at),
        ]
        writer.writerow([csv_cell(v) for v in row])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="fourthp-signatures-{campaign.slug}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def campaign_letter_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    """The letter with its signatories as a PDF: the stored file when made, else a page while the worker makes it."""
    campaign = access_campaign_manage_for_secretariat(request.user, get_campaign(slug))
    language = campaign.language
    pdf, _data_date = find_letter_pdf(campaign, language)
    context: dict[str, Any] = {"campaign": campaign, "pdf_url": request.get_full_path()}
    htmx = bool(request.htmx)  # type: ignore[attr-defined]
    if pdf is not None and pdf.state == LetterPdf.State.READY:
        if htmx:
            response = render(request, "campaigns/_pdf_progress.html", {**context, "state": "ready"})
            patch_vary_headers(response, ["HX-Request"])
            return response
        content = LetterPdf.objects.filter(pk=pdf.pk).values_list("pdf", flat=True).first()
        if content is not None:
            response = HttpResponse(bytes(content), content_type="application/pdf")
            response["Content-Disposition"] = f'attachment; filename="fourthp-letter-{campaign.slug}.pdf"'
            response["Cache-Control"] = "private, no-store"
            return response
        pdf = None
    if letter_needs_making(pdf):
        if pdf_engine_missing():
            return render(request, "campaigns/pdf_waiting.html", {**context, "state": "unavailable"}, status=503)
        pdf = do_request_letter_pdf(campaign, language, acting_user=request.user)
    state = "failed" if pdf is not None and pdf.state == LetterPdf.State.FAILED else "pending"
    if htmx:
        response = render(request, "campaigns/_pdf_progress.html", {**context, "state": state})
    else:
        status = 202 if state == "pending" else 503
        response = render(request, "campaigns/pdf_waiting.html", {**context, "state": state}, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_http_methods(["GET", "POST"])
def campaign_deliver(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = access_campaign_manage_for_secretariat(request.user, get_campaign(slug))
    initial = {"delivered_to": campaign.delivered_to, "delivered_at": campaign.delivered_at or timezone.now()}
    form = DeliveryForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            do_record_delivery(
                campaign,
                delivered_to=form.cleaned_data["delivered_to"],
                delivered_at=form.cleaned_data["delivered_at"],
                acting_user=request.user,
            )
        except SignatureRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The delivery is recorded; signatures can no longer be given or withdrawn."))
            return redirect(campaign)
    return render(
        request,
        "campaigns/deliver.html",
        {"campaign": campaign, "form": form, "counts": counts_of(campaign)},
    )


# --------------------------------------------------------- writing to a representative


def _write_url(jurisdiction: Jurisdiction, template: LetterTemplate, provision_slug: str = "") -> str:
    url = reverse("letter-write", kwargs={"code": jurisdiction.code, "template": template.pk})
    return f"{url}?gap={provision_slug}" if provision_slug else url


def letter_start(request: HttpRequest, as_json: bool = False) -> HttpResponse:
    """Pick a jurisdiction by name; the letter templates in use are its JSON twin."""
    form = PlaceForm(request.GET if "jurisdiction" in request.GET else None)
    if form.is_bound and form.is_valid() and form.cleaned_data["jurisdiction"] is not None:
        return redirect("letter-place", code=form.cleaned_data["jurisdiction"].code)
    language = _reader_language()
    templates = list(LetterTemplate.objects.in_use().select_related("provision"))
    data = LetterTemplateListOut(
        items=[LetterTemplateOut.from_model(t, language, reverse("letter-start")) for t in templates],
        count=len(templates),
    )
    return respond(request, "campaigns/letters/start.html", {"form": form}, data, as_json=as_json)


def letter_place(request: HttpRequest, code: str, as_json: bool = False) -> HttpResponse:
    """Her jurisdiction: the legislators she may write to and the gaps of its report card, each with its letters."""
    jurisdiction = find_jurisdiction(code)
    language = _reader_language()
    legislators = legislators_in(jurisdiction, request.user)
    gaps, generic = letter_gaps(jurisdiction)
    data = WritePlaceOut(
        jurisdiction=jurisdiction.code,
        name=jurisdiction.name,
        legislators=[LegislatorOut.from_profile(p, request.user) for p in legislators],
        gaps=[
            GapOut(
                provision=g.row.provision.slug,
                title=g.row.provision.local("title", language),
                status=g.row.status,
                templates=[
                    LetterTemplateOut.from_model(t, language, _write_url(jurisdiction, t, g.row.provision.slug))
                    for t in [*g.templates, *generic]
                ],
            )
            for g in gaps
        ],
        generic_templates=[LetterTemplateOut.from_model(t, language, _write_url(jurisdiction, t)) for t in generic],
    )
    context = {
        "jurisdiction": jurisdiction,
        "legislators": [(p, LegislatorOut.from_profile(p, request.user)) for p in legislators],
        "gaps": [(gap_out.title, Status(gap_out.status).label, gap_out.templates) for gap_out in data.gaps],
        "generic": data.generic_templates,
        "form": PlaceForm(initial={"jurisdiction": jurisdiction}),
    }
    return respond(request, "campaigns/letters/place.html", context, data, as_json=as_json)


def _over_letter_rate(request: HttpRequest) -> bool:
    """Count one letter sent by the form against CAMPAIGN_LETTERS_RATE for the client's address."""
    rate = settings.CAMPAIGN_LETTERS_RATE
    return over_rate_usage(request, "campaign-letters", client_address(request), rate, name="Letter") is not None


@require_http_methods(["GET", "POST"])
def letter_write(request: HttpRequest, code: str, template: int) -> HttpResponse:
    """Edit the letter, then have the platform send it (once her address is confirmed) or copy it to send herself."""
    jurisdiction = find_jurisdiction(code)
    chosen = get_letter_template(template)
    language = _reader_language()
    provision_slug = chosen.provision.slug if chosen.provision else request.GET.get("gap", "")
    gap = gap_of(jurisdiction, provision_slug) if provision_slug else None
    provision = gap.provision if gap else chosen.provision
    legislators = legislators_in(jurisdiction, request.user)
    subject, body = fill_template(chosen, language, jurisdiction, provision)
    form = LetterForm(
        request.POST if request.method == "POST" else None,
        legislators=legislators,
        initial={"subject": subject, "body": body, "recipients": [p.pk for p in legislators]},
    )
    context: dict[str, Any] = {
        "jurisdiction": jurisdiction,
        "template": chosen,
        "gap": gap,
        "gap_status": Status(gap.status).label if gap else "",
        "gap_title": gap.provision.local("title", language) if gap else "",
        "provision": provision,
        "form": form,
        "legislators": legislators,
    }
    if request.method == "POST":
        if form.sending and _over_letter_rate(request):
            return render(request, "campaigns/letters/write.html", {**context, "refused": True}, status=429)
        if form.is_valid():
            data = form.cleaned_data
            if form.is_robot():
                return render(request, "campaigns/letters/check_email.html", context)
            if not form.sending:
                names = [p.name for p in data["recipients"]]
                text = compose_letter(names=names, body=data["body"], sender=data["name"], town=data["town"])
                return render(
                    request, "campaigns/letters/copy.html", {**context, "subject": data["subject"], "text": text}
                )
            try:
                do_request_letter(
                    LetterInput(
                        jurisdiction=jurisdiction,
                        template=chosen,
                        recipients=list(data["recipients"]),
                        subject=data["subject"],
                        body=data["body"],
                        name=data["name"],
                        email=data["email"],
                        town=data["town"],
                        language=language,
                    )
                )
            except LetterRefused as exc:
                form.add_error(None, str(exc))
            else:
                return render(request, "campaigns/letters/check_email.html", context)
    return render(request, "campaigns/letters/write.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def letter_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The e-mailed link: a page with one button that sends the letter (a link checker's visit sends nothing)."""
    try:
        found = get_letter(read_token(token, LETTER_SALT))
    except LinkExpired:
        return render(request, "campaigns/letters/link_problem.html", {"problem": "expired"}, status=410)
    except LinkInvalid:
        found = None
    if found is None:
        return render(request, "campaigns/letters/link_problem.html", {"problem": "invalid"}, status=404)
    context: dict[str, Any] = {"letter": found}
    if request.method == "POST":
        try:
            found = do_send_letter(found)
        except LetterRefused as exc:
            return render(request, "campaigns/letters/confirm.html", {**context, "error": str(exc)}, status=409)
        return render(request, "campaigns/letters/sent.html", {"letter": found})
    return render(request, "campaigns/letters/confirm.html", context)


# ------------------------------------------------------------------------- inquiries


def inquiry_list(request: HttpRequest, as_json: bool = False) -> HttpResponse:
    """Published inquiries, narrowed to a jurisdiction picked by name."""
    form = PlaceForm(request.GET if request.GET.get("jurisdiction") else None)
    jurisdiction = form.cleaned_data["jurisdiction"] if form.is_bound and form.is_valid() else None
    inquiries = list(list_inquiries(None, jurisdiction=jurisdiction)[:LIST_LIMIT])
    data = InquiryListOut(items=[InquiryOut.from_model(i) for i in inquiries], count=len(inquiries))
    context = {
        "inquiries": inquiries,
        "form": form,
        "jurisdiction": jurisdiction,
        "can_record": can_record_inquiries(request.user),
    }
    return respond(request, "campaigns/inquiries/list.html", context, data, as_json=as_json)


@login_required
def inquiry_mine(request: HttpRequest) -> HttpResponse:
    """Her own inquiries, published or not."""
    access_inquiry_create_for_legislator(request.user)
    inquiries = list(list_inquiries(request.user, mine=True)[:LIST_LIMIT])
    return render(request, "campaigns/inquiries/mine.html", {"inquiries": inquiries})


def inquiry_detail(request: HttpRequest, inquiry: int, as_json: bool = False) -> HttpResponse:
    found = get_inquiry(request.user, inquiry)
    data = InquiryOut.from_model(found)
    context = {
        "inquiry": found,
        "question": markdown_html(found.question),
        "answer": markdown_html(found.answer),
        "can_edit": can_edit_inquiry(request.user, found),
    }
    return respond(request, "campaigns/inquiries/detail.html", context, data, as_json=as_json)


def _edit_inquiry(request: HttpRequest, inquiry: Inquiry | None) -> HttpResponse:
    form = InquiryForm(request.POST if request.method == "POST" else None, instance=inquiry or Inquiry())
    if request.method == "POST" and form.is_valid():
        try:
            saved = do_save_inquiry(inquiry, form.to_input(), acting_user=request.user)
        except InquiryRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The inquiry is saved."))
            return redirect(saved)
    status = 400 if form.errors else 200
    return render(request, "campaigns/inquiries/edit.html", {"inquiry": inquiry, "form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def inquiry_create(request: HttpRequest) -> HttpResponse:
    access_inquiry_create_for_legislator(request.user)
    return _edit_inquiry(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def inquiry_edit(request: HttpRequest, inquiry: int) -> HttpResponse:
    found = access_inquiry_edit_for_owner(request.user, get_inquiry(request.user, inquiry))
    return _edit_inquiry(request, found)


# ----------------------------------------------------------------------- op-ed kits


def op_ed_kit_list(request: HttpRequest, as_json: bool = False) -> HttpResponse:
    """Published kits, narrowed to a provision by its id (crim.debt-bondage)."""
    provision = request.GET.get("provision", "").strip()[:100]
    language = _reader_language()
    kits = list(list_kits(request.user, provision=provision)[:LIST_LIMIT])
    data = OpEdKitListOut(items=[OpEdKitOut.from_model(k, language) for k in kits], count=len(kits))
    context = {
        "kits": list(zip(kits, data.items, strict=True)),  # each with its title and summary in her language
        "provision": provision,
        "provisions": kit_provisions(),
        "language": language,
    }
    return respond(request, "campaigns/kits/list.html", context, data, as_json=as_json)


def op_ed_kit_detail(request: HttpRequest, kit: str, as_json: bool = False) -> HttpResponse:
    found = get_kit(request.user, kit)
    language = _reader_language()
    figures = [f for f in found.statistics.all() if f.is_public]
    data = OpEdKitDetailOut.describe(found, language, figures)
    context = {
        "kit": found,
        "title": data.title,
        "summary": markdown_html(data.summary),
        "guidance": markdown_html(data.guidance),
        "points": [(p, markdown_html(p.text_in(language))) for p in found.points.all()],
        "figures": [(f, f.newest_successor()) for f in figures],
    }
    return respond(request, "campaigns/kits/detail.html", context, data, as_json=as_json)
