"""Leader roles and usage counters in the admin.

Leader roles: the superuser grants any; a county's network maintainer grants and removes the
roles within their county (the county itself, its municipalities, its organisations) to the
professionals of its organisations. Django's model permissions are not used, as in the network's
admin: `network.access.maintainer_scope` decides.

Usage counters: a read-only list for the superuser, to check what the family channel counts.
They are written only by `evaluation.usage`.
"""

from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models import Q, QuerySet
from django.forms import ModelChoiceField
from django.http import HttpRequest

from perhekeskus.evaluation.models import LeaderRole, UsageCount
from perhekeskus.network.access import maintainer_scope
from perhekeskus.network.models import County, Municipality, Organisation
from perhekeskus.staff.models import Professional


def _county_ids(request: HttpRequest) -> frozenset[int] | None:
    """None: every county (the superuser); else the counties the user maintains."""
    scope = maintainer_scope(request.user)
    return None if scope.everything else scope.county_ids


def _in_counties(county_ids: frozenset[int]) -> Q:
    return (
        Q(county__in=county_ids)
        | Q(municipality__county__in=county_ids)
        | Q(organisation__county__in=county_ids)
    )


@admin.register(LeaderRole)
class LeaderRoleAdmin(admin.ModelAdmin):
    list_display = ("professional", "county", "municipality", "organisation", "may_plan")
    list_filter = ("may_plan", ("county", admin.RelatedOnlyFieldListFilter))
    search_fields = ("professional__user__username", "professional__user__last_name")
    list_select_related = (
        "professional__user",
        "professional__organisation",
        "county",
        "municipality",
        "organisation",
    )
    fields = ("professional", "county", "municipality", "organisation", "may_plan")

    def _allowed(self, request: HttpRequest, obj: LeaderRole | None = None) -> bool:
        county_ids = _county_ids(request)
        if county_ids is None:
            return True
        if not county_ids:
            return False
        return obj is None or self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request, obj)

    def get_queryset(self, request: HttpRequest) -> QuerySet[LeaderRole]:
        roles = super().get_queryset(request)
        county_ids = _county_ids(request)
        if county_ids is None:
            return roles
        return roles.filter(_in_counties(county_ids))

    def formfield_for_foreignkey(
        self, db_field: models.ForeignKey, request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField | None:
        county_ids = _county_ids(request)
        if county_ids is not None:
            offered: dict[str, QuerySet[Any]] = {
                "county": County.objects.filter(pk__in=county_ids),
                "municipality": Municipality.objects.filter(county__in=county_ids),
                "organisation": Organisation.objects.filter(county__in=county_ids),
                "professional": Professional.objects.filter(
                    organisation__county__in=county_ids
                ).select_related("user"),
            }
            if db_field.name in offered:
                kwargs["queryset"] = offered[db_field.name]
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(UsageCount)
class UsageCountAdmin(admin.ModelAdmin):
    list_display = ("day", "event", "municipality_code", "area_id", "need", "text", "count")
    list_filter = ("event",)
    date_hierarchy = "day"
    search_fields = ("need", "text", "municipality_code")
    ordering = ("-day", "event", "municipality_code", "need")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(getattr(request.user, "is_superuser", False))

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(getattr(request.user, "is_superuser", False))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
