"""The method catalogue in the data maintenance admin.

The catalogue is shared by every county: its methods are kept by the system's administrators
and the counties' network maintainers, and seen by every network maintainer. Training records
are kept by the maintainers of the organisation concerned (`methods.access`).
"""

from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from modeltranslation.admin import TranslationAdmin

from perhekeskus.methods import access
from perhekeskus.methods.models import Method, MethodTraining
from perhekeskus.network import access as network_access


def _scope(request: HttpRequest) -> network_access.MaintainerScope:
    return network_access.maintainer_scope(request.user)


def _keeps_catalogue(request: HttpRequest) -> bool:
    scope = _scope(request)
    return scope.everything or bool(scope.county_ids)


@admin.register(Method)
class MethodAdmin(TranslationAdmin):
    list_display = ("name", "code", "evidence_level", "evidence_source", "evidence_checked_on")
    list_filter = ("evidence_level", "evidence_source", "service_types")
    search_fields = ("code", "name_fi", "name_sv", "name_en", "other_names_fi")
    filter_horizontal = ("service_types",)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_module_permission(self, request: HttpRequest) -> bool:
        return not _scope(request).nothing

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not _scope(request).nothing

    def has_add_permission(self, request: HttpRequest) -> bool:
        return _keeps_catalogue(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _keeps_catalogue(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _scope(request).everything


@admin.register(MethodTraining)
class MethodTrainingAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("method", "professional", "organisation", "trained_on", "valid_until")
    list_filter = ("method",)
    raw_id_fields = ("professional", "organisation")
    readonly_fields = ("recorded_by", "recorded_by_user", "recorded_at")

    def get_queryset(self, request: HttpRequest) -> QuerySet[MethodTraining]:
        return access.trainings_kept_by(request.user).select_related(
            "method", "professional__user", "organisation"
        )

    def _in_scope(self, request: HttpRequest) -> bool:
        return not _scope(request).nothing

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._in_scope(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._in_scope(request) and (obj is None or self._keeps(request, obj))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._in_scope(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_view_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_view_permission(request, obj)

    def _keeps(self, request: HttpRequest, obj: MethodTraining) -> bool:
        return access.trainings_kept_by(request.user).filter(pk=obj.pk).exists()

    def save_model(self, request: HttpRequest, obj: MethodTraining, form: Any, change: Any) -> None:
        organisation = obj.organisation or (
            obj.professional.organisation if obj.professional else None
        )
        if organisation is None or not network_access.may_maintain(request.user, organisation):
            raise PermissionDenied
        obj.recorded_by_user = request.user  # type: ignore[assignment]
        super().save_model(request, obj, form, change)
