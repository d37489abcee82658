from allauth.mfa.admin import AuthenticatorAdmin as BaseAuthenticatorAdmin
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from fourthp.accounts.admin_site import SecretariatModelAdmin
from fourthp.accounts.models import ApiToken, AuditEvent, User


@admin.register(User)
class UserAdmin(SecretariatModelAdmin, BaseUserAdmin[User]):
    list_display = ("username", "email", "display_name", "is_active", "date_joined")
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        ("Fourth P", {"fields": ("display_name", "time_zone", "anonymised_at")}),
    )


@admin.register(ApiToken)
class ApiTokenAdmin(SecretariatModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("token_hash", "prefix")


@admin.register(AuditEvent)
class AuditEventAdmin(SecretariatModelAdmin):
    list_display = ("created_at", "actor_label", "verb", "target_label")
    list_filter = ("verb",)

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


# A member who lost both her phone and her recovery codes asks the secretariat, who deletes her
# authenticator; she sets up a new one at her next sign-in. Nobody adds or edits one here.
admin.site.unregister(Authenticator)


@admin.register(Authenticator)
class AuthenticatorAdmin(SecretariatModelAdmin, BaseAuthenticatorAdmin):  # type: ignore[misc]
    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
