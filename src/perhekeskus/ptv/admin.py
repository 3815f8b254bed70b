"""PTV import in the admin: the classification mapping (editable), the codes it does not cover
and the services left without a type, import runs with their reports, and conflicts to settle
("take PTV's value" / "keep ours"). Who may do what is decided in `ptv.access`."""

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from perhekeskus.errors import DomainError
from perhekeskus.ptv import access, selectors, services
from perhekeskus.ptv.models import ClassificationMapping, Conflict, ImportRun, PtvRecord


@admin.register(ClassificationMapping)
class ClassificationMappingAdmin(admin.ModelAdmin):
    list_display = ("code", "label", "kind", "service_type", "target_group", "site_kind")
    list_filter = ("kind", "service_type", "target_group")
    search_fields = ("code", "label", "note")
    fields = ("kind", "code", "label", "service_type", "target_group", "site_kind", "note")
    change_list_template = "admin/ptv/classificationmapping/change_list.html"

    def has_module_permission(self, request: HttpRequest) -> bool:
        return access.may_view(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return access.may_view(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return access.may_edit_mappings(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return access.may_edit_mappings(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return access.may_edit_mappings(request.user)

    def get_urls(self) -> list[URLPattern]:
        return [
            path(
                "unmapped/",
                self.admin_site.admin_view(self.unmapped_view),
                name="ptv_classificationmapping_unmapped",
            ),
            *super().get_urls(),
        ]

    def unmapped_view(self, request: HttpRequest) -> HttpResponse:
        """Codes imported services carry with no mapping, and services left without a type."""
        if not access.may_view(request.user):
            raise PermissionDenied
        add_url = reverse("admin:ptv_classificationmapping_add")
        codes = [
            {
                "code": code,
                "add_url": f"{add_url}?kind={code.kind}&code={code.code}&label={code.label}",
            }
            for code in selectors.unmapped_codes()
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": _("PTV codes without a mapping"),
            "opts": self.model._meta,
            "codes": codes,
            "may_edit": access.may_edit_mappings(request.user),
            "untyped": [
                {
                    "service": service,
                    "url": reverse("admin:network_service_change", args=[service.pk]),
                }
                for service in selectors.services_without_type()
            ],
        }
        return TemplateResponse(request, "admin/ptv/unmapped.html", context)


class ReadOnlyMixin:
    def has_module_permission(self, request: HttpRequest) -> bool:
        return access.may_view(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return access.may_view(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ImportRun)
class ImportRunAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("started_at", "mode", "status", "summary", "conflict_count", "error_count")
    list_filter = ("status", "mode")
    fields = (
        "started_at",
        "finished_at",
        "mode",
        "source",
        "scope",
        "changes_since",
        "status",
        "report_text",
    )
    readonly_fields = fields

    @admin.display(description=_("created / updated / unchanged"))
    def summary(self, run: ImportRun) -> str:
        counts = [run.counts.get(kind) or {} for kind in ("organisation", "site", "service")]
        return " / ".join(
            str(sum(c.get(what, 0) for c in counts)) for what in ("created", "updated", "unchanged")
        )

    @admin.display(description=_("conflicts"))
    def conflict_count(self, run: ImportRun) -> int:
        return len(run.conflicts)

    @admin.display(description=_("errors"))
    def error_count(self, run: ImportRun) -> int:
        return len(run.errors)

    @admin.display(description=_("report"))
    def report_text(self, run: ImportRun) -> str:
        return format_html('<pre style="white-space: pre-wrap">{}</pre>', run.report)


class OpenFilter(admin.SimpleListFilter):
    title = pgettext_lazy("ptv", "state")
    parameter_name = "state"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("open", _("open")), ("resolved", _("resolved"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "open":
            return queryset.filter(resolved_at__isnull=True)
        if self.value() == "resolved":
            return queryset.filter(resolved_at__isnull=False)
        return queryset


@admin.register(Conflict)
class ConflictAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("object_name", "kind", "field", "ours", "ptv", "first_seen", "resolution")
    list_filter = (OpenFilter, "record__kind", "field")
    fields = ("object_name", "kind", "field", "ours", "ptv", "first_seen", "resolution")
    readonly_fields = fields
    actions = ("take_ptv", "keep_ours")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Conflict]:
        queryset = super().get_queryset(request).select_related("record", "first_seen")
        return access.conflicts_visible(request.user, queryset)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Actions need it; what each conflict allows is decided by access when resolving.
        return access.may_view(request.user)

    @admin.display(description=_("object"))
    def object_name(self, conflict: Conflict) -> str:
        try:
            return str(access.record_object(conflict.record))
        except DomainError:
            return str(conflict.record.ptv_id)

    @admin.display(description=_("kind"))
    def kind(self, conflict: Conflict) -> str:
        return conflict.record.get_kind_display()

    @admin.display(description=_("our value"))
    def ours(self, conflict: Conflict) -> str:
        return selectors.conflict_value_text(conflict.field, conflict.local_value)

    @admin.display(description=_("PTV's value"))
    def ptv(self, conflict: Conflict) -> str:
        return selectors.conflict_value_text(conflict.field, conflict.ptv_value)

    def _settle(self, request: HttpRequest, queryset: QuerySet[Conflict], how: Any) -> None:
        done = 0
        for conflict in queryset.filter(resolved_at__isnull=True):
            try:
                how(conflict=conflict, actor=request.user)
            except DomainError as exc:
                messages.error(request, f"{conflict}: {exc.message}")
                continue
            done += 1
        messages.success(request, _("Settled %(count)d conflicts.") % {"count": done})

    @admin.action(description=_("Take PTV's value"))
    def take_ptv(self, request: HttpRequest, queryset: QuerySet[Conflict]) -> None:
        self._settle(request, queryset, services.conflict_take_ptv)

    @admin.action(description=_("Keep our value"))
    def keep_ours(self, request: HttpRequest, queryset: QuerySet[Conflict]) -> None:
        self._settle(request, queryset, services.conflict_keep_ours)


@admin.register(PtvRecord)
class PtvRecordAdmin(admin.ModelAdmin):
    """Superusers only. Deleting a record lets the import create its object again (an object a
    maintainer deleted is otherwise not brought back)."""

    list_display = ("ptv_id", "kind", "object_id", "ptv_modified", "last_changed_by")
    list_filter = ("kind",)
    search_fields = ("ptv_id",)
    readonly_fields = ("kind", "ptv_id", "object_id", "values", "codes", "ptv_modified")
    fields = readonly_fields

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)
