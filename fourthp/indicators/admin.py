from django.contrib import admin

from fourthp.accounts.admin_site import SecretariatModelAdmin
from fourthp.indicators.models import FundingComparison


@admin.register(FundingComparison)
class FundingComparisonAdmin(SecretariatModelAdmin):
    list_display = ("jurisdiction", "year", "funding", "profits")
    list_filter = ("year",)
    raw_id_fields = ("jurisdiction", "funding", "profits")
