from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from fourthp.accounts.admin_site import SecretariatModelAdmin
from fourthp.events.models import Event, Registration


class RegistrationInline(admin.TabularInline[Registration, Event]):
    model = Registration
    extra = 0
    fields = ("user", "state", "created_at", "confirmed_at", "cancelled_at", "attended")
    readonly_fields = fields
    can_delete = False


@admin.register(Event)
class EventAdmin(SecretariatModelAdmin):
    """A read-only overview: events are managed on the site, where seats, e-mails and the waiting list are handled."""

    list_display = ("title", "starts_at", "kind", "audience", "state", "capacity")
    list_filter = ("state", "kind", "audience")
    search_fields = ("title",)
    inlines = [RegistrationInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
