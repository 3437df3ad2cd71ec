import csv

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from .audit import audit_actions
from .models import AuditEvent
from .spreadsheet import spreadsheet_row


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows that only services write: the admin shows them and changes nothing."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class ActionFilter(admin.SimpleListFilter):
    """Filter by action, with the labels the apps declared (core/audit.py)."""

    title = _("action")
    parameter_name = "action"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return audit_actions.choices()

    def queryset(
        self, request: HttpRequest, queryset: QuerySet[AuditEvent]
    ) -> QuerySet[AuditEvent]:
        value = self.value()
        return queryset.filter(action=value) if value else queryset


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """Read-only: the audit log is written by services only."""

    list_display = ["at", "actor_name", "action_display", "summary"]
    list_filter = [ActionFilter]
    search_fields = ["actor_name", "summary", "target_id"]
    date_hierarchy = "at"
    actions = ["export_csv"]

    @admin.display(description=_("action"), ordering="action")
    def action_display(self, event: AuditEvent) -> str:
        return event.action_label

    @admin.action(description=_("Export the selected events as CSV"))
    def export_csv(self, request: HttpRequest, queryset: QuerySet[AuditEvent]) -> HttpResponse:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="werkset-auditlog.csv"'
        writer = csv.writer(response)
        writer.writerow(["tijdstip", "uitvoerder", "handeling", "object", "samenvatting"])
        for event in queryset.order_by("at", "id"):
            writer.writerow(
                spreadsheet_row(
                    [
                        event.at.isoformat(),
                        event.actor_name,
                        event.action,
                        f"{event.target_type}:{event.target_id}" if event.target_type else "",
                        event.summary,
                    ]
                )
            )
        return response
