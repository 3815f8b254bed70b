"""Queues and their members, shared answer templates, and the read-only log of inbox actions."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from modeltranslation.admin import TranslationAdmin

from perhekeskus.inbox.models import AnswerTemplate, InboxEvent, Queue, QueueMembership


class QueueMembershipInline(admin.TabularInline):
    model = QueueMembership
    extra = 1
    raw_id_fields = ("professional",)


@admin.register(Queue)
class QueueAdmin(TranslationAdmin):
    list_display = ("name", "area", "takes_questions", "takes_contact_requests", "is_active")
    list_filter = ("is_active", "takes_questions", "takes_contact_requests", "area__county")
    search_fields = ("name_fi", "name_sv", "name_en")
    # A region has thousands of services: searched as typed, not one long list to scroll.
    autocomplete_fields = ("area", "services")
    inlines = (QueueMembershipInline,)


@admin.register(AnswerTemplate)
class AnswerTemplateAdmin(admin.ModelAdmin):
    list_display = ("title", "lang", "queue", "owner")
    list_filter = ("lang", "queue")
    search_fields = ("title", "text")
    autocomplete_fields = ("queue",)
    raw_id_fields = ("owner",)


@admin.register(InboxEvent)
class InboxEventAdmin(admin.ModelAdmin):
    """Append-only: nobody adds, changes or deletes a line of the log, not even a superuser."""

    list_display = ("occurred_at", "actor", "action", "item_kind", "item_id", "queue", "to_queue")
    list_filter = ("action", "item_kind", "queue")
    search_fields = ("actor", "=item_id")
    date_hierarchy = "occurred_at"
    list_select_related = ("queue", "to_queue")
    readonly_fields = (
        "occurred_at",
        "professional",
        "actor",
        "item_kind",
        "item_id",
        "action",
        "queue",
        "to_queue",
        "note",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
