"""The cooperation network in the admin, for the network's data maintainers: a county's
maintainers see and correct their county's agreements, contact-person networks, meetings and
plans; the superuser everything; nobody else anything (`network.access.maintainer_scope`
decides, as in the network's own admin). Every save and removal is written to the same change
history as the pages' edits. The history itself is read-only."""

from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.forms import ModelChoiceField
from django.http import HttpRequest

from perhekeskus.cooperation.models import (
    Agreement,
    AgreementDocument,
    AgreementParty,
    Change,
    Commitment,
    ContactAssignment,
    ContactRole,
    Decision,
    DevelopmentPlan,
    NetworkMeeting,
    PlanGoal,
)
from perhekeskus.cooperation.services import change_record_by_maintainer
from perhekeskus.network.access import maintainer_scope
from perhekeskus.network.models import Area, County, Organisation
from perhekeskus.staff.models import Professional


def _county_ids(request: HttpRequest) -> frozenset[int] | None:
    """None: every county (the superuser); else the counties the user maintains."""
    scope = maintainer_scope(request.user)
    return None if scope.everything else scope.county_ids


def _limited(request: HttpRequest, db_field: Any, kwargs: dict[str, Any]) -> None:
    county_ids = _county_ids(request)
    if county_ids is None:
        return
    model = db_field.related_model
    offered: dict[type, QuerySet[Any]] = {
        County: County.objects.filter(pk__in=county_ids),
        Area: Area.objects.filter(county__in=county_ids),
        Organisation: Organisation.objects.filter(county__in=county_ids)
        | Organisation.objects.filter(municipality__county__in=county_ids)
        | Organisation.objects.filter(county=None, municipality=None),
        Professional: Professional.objects.filter(organisation__county__in=county_ids)
        | Professional.objects.filter(organisation__municipality__county__in=county_ids),
    }
    if model in offered:
        kwargs["queryset"] = offered[model].distinct()


class _Scoped:
    """Rows of the counties the user maintains; `county_path` leads from the row to its county."""

    county_path = "county"

    def _scoped(self, request: HttpRequest, rows: QuerySet[Any]) -> QuerySet[Any]:
        county_ids = _county_ids(request)
        if county_ids is None:
            return rows
        return rows.filter(**{f"{self.county_path}__in": county_ids})

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return self._scoped(request, super().get_queryset(request))  # type: ignore[misc]

    def _allowed(self, request: HttpRequest, obj: Any = None) -> bool:
        county_ids = _county_ids(request)
        if county_ids is None:
            return True
        if not county_ids:
            return False
        if obj is None or type(obj) is not self.model:  # type: ignore[attr-defined]
            # An inline is asked about its parent row, which the parent's admin has checked.
            return True
        return self._scoped(request, type(obj)._default_manager.filter(pk=obj.pk)).exists()

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request, obj)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request, obj)

    def formfield_for_foreignkey(
        self, db_field: models.ForeignKey, request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField | None:
        _limited(request, db_field, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]

    def formfield_for_manytomany(
        self, db_field: models.ManyToManyField, request: HttpRequest, **kwargs: Any
    ) -> Any:
        _limited(request, db_field, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]


class _Recorded(_Scoped):
    """Top-level rows whose saves and removals go to the change history."""

    subject_kind = ""

    def _subject(self, obj: Any) -> tuple[int, str]:
        return obj.county_id, f"{self.subject_kind}:{obj.pk}"

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change:
            obj.version = (obj.version or 0) + 1
        super().save_model(request, obj, form, change)  # type: ignore[misc]
        county_id, subject = self._subject(obj)
        changes = {
            name: ("" if change else None, form.cleaned_data.get(name))
            for name in form.changed_data
        }
        change_record_by_maintainer(
            user=request.user,
            county_id=county_id,
            subject=subject,
            target=obj,
            action=Change.Action.CHANGE if change else Change.Action.CREATE,
            changes=changes,
        )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        county_id, subject = self._subject(obj)
        change_record_by_maintainer(
            user=request.user,
            county_id=county_id,
            subject=subject,
            target=obj,
            action=Change.Action.DELETE,
            changes={},
        )
        super().delete_model(request, obj)  # type: ignore[misc]


class _ScopedInline(_Scoped, admin.TabularInline):
    extra = 0


class PartyInline(_ScopedInline):
    model = AgreementParty
    county_path = "agreement__county"


class DocumentInline(_ScopedInline):
    model = AgreementDocument
    county_path = "agreement__county"
    fields = ("name", "content_type", "size", "uploaded_at", "uploaded_by")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # uploaded on the agreement's page, where the file is checked


@admin.register(Agreement)
class AgreementAdmin(_Recorded, admin.ModelAdmin):
    subject_kind = "agreement"
    list_display = ("title", "county", "status", "starts_on", "ends_on", "review_on")
    list_filter = ("status", ("county", admin.RelatedOnlyFieldListFilter))
    search_fields = ("title", "parties__organisation__name")
    date_hierarchy = "review_on"
    filter_horizontal = ("areas",)
    inlines = [PartyInline, DocumentInline]


@admin.register(Commitment)
class CommitmentAdmin(_Scoped, admin.ModelAdmin):
    county_path = "party__agreement__county"
    list_display = ("text", "party", "professional", "name")
    search_fields = ("text", "party__organisation__name", "name")
    list_select_related = ("party__organisation",)


class AssignmentInline(_ScopedInline):
    model = ContactAssignment
    county_path = "role__area__county"
    fields = (
        "standing",
        "deputy_order",
        "professional",
        "name",
        "phone",
        "email",
        "valid_from",
        "valid_until",
    )


@admin.register(ContactRole)
class ContactRoleAdmin(_Recorded, admin.ModelAdmin):
    county_path = "area__county"
    list_display = ("__str__", "area", "organisation", "kind")
    list_filter = ("kind", ("area", admin.RelatedOnlyFieldListFilter))
    search_fields = ("title", "organisation__name", "area__name")
    inlines = [AssignmentInline]

    def _subject(self, obj: Any) -> tuple[int, str]:
        return obj.area.county_id, f"area:{obj.area_id}"


class DecisionInline(_ScopedInline):
    model = Decision
    county_path = "meeting__county"
    fields = ("text", "responsible", "responsible_text", "due_on", "status", "plan")


@admin.register(NetworkMeeting)
class NetworkMeetingAdmin(_Recorded, admin.ModelAdmin):
    subject_kind = "meeting"
    list_display = ("title", "held_on", "county", "area")
    list_filter = (("county", admin.RelatedOnlyFieldListFilter),)
    date_hierarchy = "held_on"
    search_fields = ("title", "record")
    filter_horizontal = ("participants", "organisations")
    inlines = [DecisionInline]


class GoalInline(_ScopedInline):
    model = PlanGoal
    county_path = "plan__county"
    fields = ("text", "indicator", "baseline", "target", "period_start", "period_end")


@admin.register(DevelopmentPlan)
class DevelopmentPlanAdmin(_Recorded, admin.ModelAdmin):
    subject_kind = "plan"
    list_display = ("title", "county", "area", "starts_on", "ends_on")
    list_filter = (("county", admin.RelatedOnlyFieldListFilter),)
    search_fields = ("title",)
    inlines = [GoalInline]


@admin.register(Change)
class ChangeAdmin(_Scoped, admin.ModelAdmin):
    list_display = ("at", "actor_name", "action", "target_label", "subject")
    list_filter = ("action", ("county", admin.RelatedOnlyFieldListFilter))
    search_fields = ("actor_name", "target_label", "subject")
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
