from __future__ import annotations

from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from fourthp.accounts.access import access_token_for_owner, has_role, roles_of
from fourthp.accounts.actions import (
    do_create_api_token,
    do_declare_student,
    do_delete_account,
    do_revoke_api_token,
    do_update_preferences,
)
from fourthp.accounts.forms import ApiTokenForm, DeleteAccountForm, PreferencesForm
from fourthp.accounts.models import ApiToken
from fourthp.accounts.roles import Role


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    prefs = PreferencesForm(
        request.POST or None,
        initial={
            "display_name": user.display_name,  # type: ignore[union-attr]
            "time_zone": user.time_zone,  # type: ignore[union-attr]
            "student": has_role(user, Role.STUDENT),
        },
    )
    if request.method == "POST" and prefs.is_valid():
        data = dict(prefs.cleaned_data)
        student = bool(data.pop("student", False))
        do_update_preferences(user, **data)  # type: ignore[arg-type]
        do_declare_student(user, student, acting_user=user)  # type: ignore[arg-type]
        messages.success(request, _("Your preferences were saved."))
        return redirect("profile")
    held = roles_of(user)
    return render(
        request,
        "accounts/profile.html",
        {
            "prefs_form": prefs,
            "token_form": ApiTokenForm(),
            "tokens": ApiToken.objects.filter(user=user.pk),
            "roles": [role for role in Role if role.value in held],
            "has_two_factor": Authenticator.objects.filter(user=user.pk, type=Authenticator.Type.TOTP).exists(),
        },
    )


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the token a name of up to 100 characters."))
        return redirect("profile")
    token, raw = do_create_api_token(request.user, name=form.cleaned_data["name"])  # type: ignore[arg-type]
    return render(request, "accounts/token_created.html", {"token": token, "raw": raw})


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    found = ApiToken.objects.filter(pk=token_id).first()
    if found is None:
        raise Http404(_("There is no token number %(id)s.") % {"id": token_id})
    token = access_token_for_owner(request.user, found)
    do_revoke_api_token(token, acting_user=request.user)
    messages.success(request, _("The token was revoked; it can no longer be used."))
    return redirect("profile")


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        do_delete_account(user, acting_user=user)  # type: ignore[arg-type]
        messages.success(request, _("Your account was deleted and your personal data removed."))
        return redirect("home")
    return render(request, "accounts/delete.html", {"form": form})
