"""The catalogue is read-only in the admin: it changes only by publishing a new file."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import CatalogueVersion, Indicator


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(CatalogueVersion)
class CatalogueVersionAdmin(ReadOnlyAdmin):
    list_display = ["slug", "title", "edition", "published_on", "loaded_at"]


@admin.register(Indicator)
class IndicatorAdmin(ReadOnlyAdmin):
    list_display = ["key", "label", "theme", "element", "answer_type"]
    list_filter = ["version", "theme__key", "element__key"]
    search_fields = ["key", "label", "question"]
