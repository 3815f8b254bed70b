"""Saved area plans in the admin, for superusers only and read-mostly: a plan is what the
planner computed, so only its name may be corrected; plans are made and applied on the
planning pages, where the rights of a planner and of the county's maintainers are checked."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from perhekeskus.planning.models import AreaPlan, PlannedArea


class PlannedAreaInline(admin.TabularInline):
    model = PlannedArea
    extra = 0
    can_delete = False
    fields = (
        "name",
        "population",
        "children",
        "family_centres",
        "meeting_places",
        "in_band",
    )
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AreaPlan)
class AreaPlanAdmin(admin.ModelAdmin):
    list_display = ("name", "county", "created_at", "created_by", "applied_at")
    list_filter = ("county",)
    search_fields = ("name",)
    inlines = (PlannedAreaInline,)
    readonly_fields = (
        "county",
        "options",
        "summary",
        "created_at",
        "created_by",
        "applied_at",
        "applied_by",
    )

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)
