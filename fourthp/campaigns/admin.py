"""The secretariat edits letter templates and op-ed kits in the admin; letters and inquiries are read there."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from fourthp.accounts.admin_site import SecretariatModelAdmin
from fourthp.campaigns.forms import OpEdKitAdminForm
from fourthp.campaigns.models import Inquiry, Letter, LetterTemplate, OpEdKit, TalkingPoint


@admin.register(LetterTemplate)
class LetterTemplateAdmin(SecretariatModelAdmin):
    list_display = ("title", "provision", "in_use", "order")
    list_filter = ("in_use",)
    search_fields = ("title", "key", "body")


class TalkingPointInline(admin.StackedInline[TalkingPoint, OpEdKit]):
    model = TalkingPoint
    extra = 1
    fields = ("order", "provision", "text", "translations")


@admin.register(OpEdKit)
class OpEdKitAdmin(SecretariatModelAdmin):
    """A kit cites only sourced, current figures of the statistics registry (the form refuses the others)."""

    form = OpEdKitAdminForm
    list_display = ("title", "published", "changed_at")
    list_filter = ("published",)
    search_fields = ("title", "summary")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("statistics",)
    inlines = [TalkingPointInline]


class _ReadOnly(SecretariatModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Letter)
class LetterAdmin(_ReadOnly):
    """The record of letters sent to legislators: what, to whom, when."""

    list_display = ("subject", "jurisdiction", "recipient_names", "state", "created_at", "sent_at")
    list_filter = ("state",)
    exclude = ("sender_email",)


@admin.register(Inquiry)
class InquiryAdmin(_ReadOnly):
    list_display = ("agency", "jurisdiction", "state", "sent_on", "due_on", "published")
    list_filter = ("state", "published")
