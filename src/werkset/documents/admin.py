"""The beheerder sees the documents and why one failed; only the services write them."""

from django.contrib import admin

from werkset.core.admin import ReadOnlyAdmin

from .models import Document


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    list_display = [
        "report",
        "format",
        "variant",
        "status",
        "requested_at",
        "finished_at",
        "attempts",
    ]
    list_filter = ["status", "format", "variant"]
    list_select_related = ["report__region"]
    fields = readonly_fields = (
        "report",
        "report_number",
        "report_status",
        "format",
        "variant",
        "status",
        "error",
        "attempts",
        "file",
        "stamp",
        "requested_by",
        "requested_at",
        "started_at",
        "finished_at",
    )
