"""The Django admin, for the secretariat only."""

from __future__ import annotations

from functools import wraps
from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from fourthp.accounts.access import has_role
from fourthp.accounts.roles import Role


class SecretariatAdminSite(admin.AdminSite):
    site_header = "Fourth P secretariat"
    site_title = "Fourth P secretariat"

    def has_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and has_role(request.user, Role.SECRETARIAT))

    def admin_view(self, view: Any, cacheable: bool = False) -> Any:
        inner = super().admin_view(view, cacheable)

        @wraps(inner)
        def refuse_other_roles(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            # A signed-in account without the secretariat role gets 403, not another sign-in page.
            if request.user.is_authenticated and not self.has_permission(request):
                raise PermissionDenied
            return inner(request, *args, **kwargs)  # type: ignore[no-any-return]

        return refuse_other_roles

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        # One sign-in page for everyone: the admin never has a login form of its own.
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.GET.get("next", request.get_full_path()))


class SecretariatModelAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Model admin whose permissions follow the secretariat role, not per-model perms."""

    def _is_secretariat(self, request: HttpRequest) -> bool:
        return has_role(request.user, Role.SECRETARIAT)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._is_secretariat(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._is_secretariat(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._is_secretariat(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._is_secretariat(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._is_secretariat(request)
