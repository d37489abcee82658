from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils import timezone

from fourthp.accounts.admin_site import SecretariatModelAdmin
from fourthp.accounts.models import User
from fourthp.organisations.models import Organisation, OrganisationContact


class ContactInline(admin.TabularInline):  # type: ignore[type-arg]
    model = OrganisationContact
    extra = 0
    fields = ("field", "value", "consented", "consent_given_by", "consent_given_on", "consent_recorded_by",
              "consent_recorded_at")  # fmt: skip
    readonly_fields = ("consent_recorded_by", "consent_recorded_at")

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return True

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return True

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return True


@admin.register(Organisation)
class OrganisationAdmin(SecretariatModelAdmin):
    list_display = ("name", "kind", "jurisdiction")
    list_filter = ("kind",)
    search_fields = ("name", "slug")
    raw_id_fields = ("jurisdiction",)
    filter_horizontal = ("provisions", "groups")
    inlines = [ContactInline]

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        """Who recorded a consent, and when, is set here: the secretariat member who ticked it, now."""
        contacts = formset.save(commit=False)
        for contact in contacts:
            if isinstance(contact, OrganisationContact):
                if contact.consented and contact.consent_recorded_at is None:
                    contact.consent_recorded_by = request.user if isinstance(request.user, User) else None
                    contact.consent_recorded_at = timezone.now()
                elif not contact.consented:
                    contact.consent_recorded_by, contact.consent_recorded_at = None, None
            contact.save()
        for removed in formset.deleted_objects:
            removed.delete()
        formset.save_m2m()
