from django.contrib import admin

from fourthp.accounts.admin_site import SecretariatModelAdmin
from fourthp.donations.models import Payment, Pledge, SpendingLine


class PaymentInline(admin.TabularInline[Payment, Pledge]):
    model = Payment
    extra = 0
    can_delete = False
    readonly_fields = ("reference", "amount", "currency", "paid_at", "period_end")


@admin.register(Pledge)
class PledgeAdmin(SecretariatModelAdmin):
    """The secretariat reads pledges here; they change only through the provider's events."""

    list_display = ("created_at", "kind", "amount", "currency", "status", "email", "list_publicly")
    list_filter = ("kind", "status", "currency", "provider")
    search_fields = ("email", "public_name")
    readonly_fields = (
        "donor", "email", "language", "kind", "amount", "currency", "status", "provider", "checkout_id",
        "subscription_id", "created_at", "ends_at", "list_publicly", "public_name",
    )  # fmt: skip
    inlines = [PaymentInline]

    def has_add_permission(self, request: object) -> bool:
        return False


@admin.register(SpendingLine)
class SpendingLineAdmin(SecretariatModelAdmin):
    list_display = ("year", "purpose", "amount", "currency", "funded_by", "source")
    list_filter = ("year",)
    search_fields = ("purpose", "source")
