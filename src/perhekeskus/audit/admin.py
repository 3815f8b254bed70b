"""The audit log in the admin: read, filtered and searched, never added to, changed or deleted."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from perhekeskus.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Audit events (lokitiedot): append-only, not even a superuser changes a line."""

    list_display = (
        "sequence",
        "occurred_at",
        "actor_label",
        "actor_role",
        "action",
        "target_type",
        "target_id",
        "family_id",
        "data_category",
        "purpose",
        "outcome",
        "flagged_for_review",
    )
    list_filter = ("outcome", "purpose", "actor_kind", "data_category", "flagged_for_review")
    # Exact matches only: a substring search would scan millions of rows.
    search_fields = ("=actor_id", "=family_id", "=target_id", "=action")
    # Counting millions of rows for every page is slow on PostgreSQL.
    show_full_result_count = False
    readonly_fields = tuple(field.name for field in AuditEvent._meta.fields)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
