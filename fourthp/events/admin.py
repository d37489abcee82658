from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from fourthp.accounts.admin_site import SecretariatModelAdmin
from fourthp.events.models import Event, EventPhoto, Registration


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


@admin.register(EventPhoto)
class EventPhotoAdmin(SecretariatModelAdmin):
    """A read-only overview of the archive's photos, to find one by its consent or withdrawal.

    Consent is recorded, and a photo withdrawn, on the site (the event's photo page), where each step is audited
    and a withdrawal takes a reason; a consent record is never edited here."""

    list_display = ("caption", "event", "uploaded_at", "consent_recorded_at", "withdrawn_at")
    list_filter = (
        ("consent_recorded_at", admin.EmptyFieldListFilter),
        ("withdrawn_at", admin.EmptyFieldListFilter),
    )
    search_fields = ("caption", "alt_text", "event__title")
    readonly_fields = (
        "event",
        "image",
        "small",
        "width",
        "height",
        "alt_text",
        "caption",
        "consent_recorded_at",
        "consent_recorded_by",
        "withdrawn_at",
        "withdrawn_by",
        "withdrawal_reason",
        "uploaded_by",
        "uploaded_at",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
