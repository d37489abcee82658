from django.contrib import admin

from fourthp.accounts.admin_site import SecretariatModelAdmin
from fourthp.assessments.models import Assessment, Evidence


class EvidenceInline(admin.TabularInline[Evidence, Assessment]):
    model = Evidence
    extra = 0
    fields = ("section", "start", "end", "quote")
    readonly_fields = fields
    can_delete = False


@admin.register(Assessment)
class AssessmentAdmin(SecretariatModelAdmin):
    """A read-only overview: assessments are written and reviewed on the site, where the rules are checked."""

    list_display = ("jurisdiction", "provision", "status", "state", "assessor", "reviewer", "published_at")
    list_filter = ("state", "status", "provision__pillar__slug")
    search_fields = ("jurisdiction__code", "jurisdiction__name", "provision__slug")
    inlines = [EvidenceInline]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
