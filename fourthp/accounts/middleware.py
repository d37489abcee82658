from __future__ import annotations

import zoneinfo
from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from fourthp.accounts.access import needs_two_factor_set_up


class UserTimeZoneMiddleware:
    """Show dates and times in the signed-in user's own time zone."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        tz_name = getattr(request.user, "time_zone", "") if request.user.is_authenticated else ""
        if tz_name:
            try:
                timezone.activate(zoneinfo.ZoneInfo(tz_name))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        return self.get_response(request)


# What a reviewer or secretariat account without an authenticator may still reach: setting one up
# (with the re-entry of her password allauth asks for first), signing out and changing language.
TWO_FACTOR_SET_UP_PAGES = frozenset(
    {
        "mfa_index",
        "mfa_activate_totp",
        "mfa_view_recovery_codes",
        "mfa_generate_recovery_codes",
        "mfa_download_recovery_codes",
        "mfa_reauthenticate",
        "account_reauthenticate",
        "account_logout",
        "set_language",
    }
)


class TwoFactorRequiredMiddleware:
    """Send a reviewer or secretariat account without two-factor sign-in to set it up first.

    Every page, the admin site included, is closed to her until she has an authenticator app;
    static files are served before this runs, and the API answers to tokens, not to the session.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and not self._may_pass(request) and needs_two_factor_set_up(request.user):
            messages.warning(
                request,
                _(
                    "Reviewers and the secretariat sign in with two-factor authentication. "
                    "Set up an authenticator app to continue."
                ),
            )
            if getattr(request, "htmx", False):
                return HttpResponseClientRedirect(reverse("mfa_activate_totp"))
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _may_pass(request: HttpRequest) -> bool:
        if request.path_info.startswith("/api/"):
            return True
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return True
        return match.url_name in TWO_FACTOR_SET_UP_PAGES
