"""Data maintenance (ylläpito) in the Django admin.

Who sees and edits what is decided by `network.access`, never by Django's model permissions
(maintainers have none). Every save goes through the pieces of `network.services` (scope check,
version claim, change record) so that many-to-many and inline changes are in the history too.
"""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from perhekeskus.errors import NotFound, StaleEdit
from perhekeskus.network import access, history, selectors, tokens
from perhekeskus.network import models as m
from perhekeskus.network.forms import (
    SAVE_ANYWAY_FIELD,
    VERSION_FIELD,
    ActivityAdminForm,
    NetworkObjectForm,
    ServiceAdminForm,
    SiteAdminForm,
)
from perhekeskus.network.services import (
    change_record,
    network_object_delete,
    object_snapshot,
    service_mark_verified,
    version_claim,
)

admin.site.site_header = _("Perhekeskus – data maintenance")
admin.site.site_title = _("Perhekeskus – data maintenance")
admin.site.index_title = _("Service network data")
admin.site.index_template = "admin/network/index.html"


def _in_scope(request: HttpRequest) -> bool:
    return not access.maintainer_scope(request.user).nothing


def _maintains_counties(request: HttpRequest) -> bool:
    scope = access.maintainer_scope(request.user)
    return scope.everything or bool(scope.county_ids)


def _reference_county_ids(user: Any) -> set[int]:
    """Counties a maintainer may place data in: their own, and their organisations' counties."""
    scope = access.maintainer_scope(user)
    org_counties = m.Organisation.objects.filter(
        pk__in=scope.organisation_ids, county__isnull=False
    ).values_list("county_id", flat=True)
    return set(scope.county_ids) | set(org_counties)


def offered_choices(user: Any, db_field: models.ForeignKey) -> QuerySet[Any] | None:
    """The rows a foreign key may point to for this user: only what is within their scope, so
    nobody can attach data to someone else's organisation. None: any row (reference data)."""
    related = db_field.related_model
    scope = access.maintainer_scope(user)
    if scope.everything:
        return None
    if related is m.County:
        return m.County.objects.filter(pk__in=_reference_county_ids(user))
    if related is m.Area:
        return m.Area.objects.filter(county__in=_reference_county_ids(user))
    if related is m.Service and db_field.model is m.ProfessionalPresence:
        # A visiting professional may come from any published service, e.g. the county's clinic.
        published = Q(status=m.Service.Status.PUBLISHED)
        return m.Service.objects.filter(
            published | Q(pk__in=access.scoped(user, m.Service.objects.all()))
        )
    if related in access.SCOPE_CONDITIONS:
        return access.scoped(user, related._default_manager.all())
    return None


LANGUAGE_ORDER = [code for code, _name in settings.LANGUAGES]


def in_language_order(fields: Any) -> Any:
    """modeltranslation lists a field's fi/sv/en versions by name (en first); Finnish first."""
    if not all(isinstance(name, str) for name in fields):
        return fields

    def language(name: str) -> int:
        suffix = name.rpartition("_")[2]
        return LANGUAGE_ORDER.index(suffix) if suffix in LANGUAGE_ORDER else -1

    return sorted(fields, key=language)


class ScopedChoicesMixin:
    def formfield_for_foreignkey(
        self, db_field: models.ForeignKey, request: HttpRequest, **kwargs: Any
    ) -> forms.ModelChoiceField | None:
        queryset = offered_choices(request.user, db_field)
        if queryset is not None:
            kwargs["queryset"] = queryset
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]


class NetworkInlineMixin(ScopedChoicesMixin):
    extra = 0
    # The reverse accessor from the parent, for its history snapshot.
    accessor = ""

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _in_scope(request)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _in_scope(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _in_scope(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _in_scope(request)


class NetworkInline(NetworkInlineMixin, admin.TabularInline):
    pass


class TranslatedNetworkInline(NetworkInlineMixin, TranslationTabularInline):
    pass


class NetworkAdmin(ScopedChoicesMixin, TranslationAdmin):
    """A maintained object: scoped, versioned, with its change history beside it."""

    group_fieldsets = True
    form = NetworkObjectForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    change_form_template = "admin/network/change_form.html"
    object_history_template = "admin/network/object_history.html"

    # ---- who sees what (access.py decides) ----
    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return access.scoped(request.user, super().get_queryset(request))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _in_scope(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _in_scope(request) and (obj is None or access.may_maintain(request.user, obj))

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_view_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_view_permission(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return _in_scope(request)

    # ---- the form ----
    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        fieldsets: list[Any] = [
            (name, {**options, "fields": in_language_order(options["fields"])})
            for name, options in super().get_fieldsets(request, obj)
        ]
        present = set(flatten_fieldsets(fieldsets))
        extra = [
            name
            for name in (SAVE_ANYWAY_FIELD, VERSION_FIELD)
            if name in self.form.declared_fields and name not in present
        ]
        if extra and fieldsets:
            name, options = fieldsets[0]
            fieldsets[0] = (name, {**options, "fields": [*extra, *options["fields"]]})
        return fieldsets

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleEdit:
            # Lost the race between the form's version check and the save: the transaction
            # rolled back; showing the form again refuses it there, keeping what was typed.
            return super().changeform_view(request, object_id, form_url, extra_context)
        except NotFound:
            messages.error(request, _("You may only save data of your own organisation or county."))
            return HttpResponseRedirect(request.get_full_path())

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Any = None,
    ) -> HttpResponse:
        if obj is not None and obj.pk is not None:
            context["change_history"] = history.change_history_rows(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        obj = self.get_object(request, unquote(object_id))
        rows = history.change_history_rows(obj) if obj is not None else []
        return super().history_view(
            request, object_id, extra_context={"change_history": rows, **(extra_context or {})}
        )

    # ---- saving: scope, version, history ----
    def history_snapshot(self, obj: models.Model) -> dict[str, Any]:
        values = object_snapshot(obj)
        for inline in self.inlines:
            accessor = getattr(inline, "accessor", "")
            if accessor:
                values[accessor] = sorted(str(child) for child in getattr(obj, accessor).all())
        return values

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        form.history_before = None
        if change:
            access.require_maintainable(request.user, obj)
            stored = type(obj)._default_manager.get(pk=obj.pk)
            form.history_before = self.history_snapshot(stored)
            if isinstance(obj, m.Versioned):
                version_claim(obj=obj, expected_version=form.cleaned_data.get(VERSION_FIELD))
        obj.save()

    def after_related_saved(self, request: HttpRequest, obj: Any) -> None:
        """Hook for what depends on many-to-many and inline data (an area's population)."""

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        obj = form.instance
        self.after_related_saved(request, obj)
        # Also a new object, and a changed one after its edit, must be within the editor's scope.
        access.require_maintainable(request.user, obj)
        change_record(
            actor=request.user,
            obj=obj,
            action=m.ChangeRecord.Action.CHANGE if change else m.ChangeRecord.Action.CREATE,
            before=getattr(form, "history_before", None),
            after=self.history_snapshot(obj),
        )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        network_object_delete(obj=obj, actor=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


# ---- Organisations, sites, services, activities, areas ----


@admin.register(m.Organisation)
class OrganisationAdmin(NetworkAdmin):
    list_display = ("name", "sector", "county", "business_id")
    list_filter = ("sector",)
    search_fields = ("name_fi", "name_sv", "name_en", "business_id")

    def has_add_permission(self, request: HttpRequest) -> bool:
        # A new organisation belongs to a county; an organisation's maintainer cannot found one.
        return _maintains_counties(request)


class OpeningHoursInline(NetworkInline):
    model = m.OpeningHours
    fk_name = "site"
    accessor = "opening_hours"
    fields = ("weekday", "opens", "closes", "valid_from", "valid_to")


class OpeningHoursExceptionInline(TranslatedNetworkInline):
    model = m.OpeningHoursException
    fk_name = "site"
    accessor = "hours_exceptions"
    fields = ("date", "closed", "opens", "closes", "reason")


@admin.register(m.Site)
class SiteAdmin(NetworkAdmin):
    form = SiteAdminForm
    inlines = (OpeningHoursInline, OpeningHoursExceptionInline)
    list_display = ("name", "kind", "operator", "municipality", "street_address")
    list_filter = ("kind",)
    search_fields = ("name_fi", "name_sv", "name_en", "street_address_fi", "postal_code")


class ServiceAtSiteInline(TranslatedNetworkInline):
    model = m.ServiceAtSite
    accessor = "at_sites"
    fields = ("site", "description")
    # Its own hours, where they differ from the site's, are edited on its own page.
    show_change_link = True


class ServiceAtSiteHoursInline(OpeningHoursInline):
    fk_name = "service_at_site"


class ServiceAtSiteHoursExceptionInline(OpeningHoursExceptionInline):
    fk_name = "service_at_site"


@admin.register(m.ServiceAtSite)
class ServiceAtSiteAdmin(NetworkAdmin):
    """A service at one site, with opening hours of its own (e.g. the clinic's drop-in hours)."""

    inlines = (ServiceAtSiteHoursInline, ServiceAtSiteHoursExceptionInline)
    list_display = ("service", "site")
    list_select_related = ("service", "site")
    search_fields = ("service__name_fi", "site__name_fi")


class ServiceContactInline(TranslatedNetworkInline):
    model = m.ServiceContact
    accessor = "contacts"
    fields = ("name", "title", "phone", "email")


class NeedsVerificationFilter(admin.SimpleListFilter):
    title = _("verification")
    parameter_name = "needs_verification"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("yes", _("needs verification"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "yes":
            return selectors.services_needing_verification(queryset=queryset)
        return queryset


@admin.register(m.Service)
class ServiceAdmin(NetworkAdmin):
    form = ServiceAdminForm
    inlines = (ServiceAtSiteInline, ServiceContactInline)
    filter_horizontal = ("service_types",)
    readonly_fields = ("last_verified_at", "last_verified_by")
    list_display = ("name", "organisation", "status", "service_area", "last_verified_at")
    list_filter = ("status", NeedsVerificationFilter, "level", "service_area")
    search_fields = ("name_fi", "name_sv", "name_en")
    actions = ("mark_verified",)

    def get_urls(self) -> list[URLPattern]:
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "needs-verification/",
                self.admin_site.admin_view(self.needs_verification_view),
                name="{}_{}_needs_verification".format(*info),
            ),
            path(
                "<path:object_id>/verify/",
                self.admin_site.admin_view(require_POST(self.verify_view)),
                name="{}_{}_verify".format(*info),
            ),
            *super().get_urls(),
        ]

    def needs_verification_view(self, request: HttpRequest) -> HttpResponse:
        url = reverse("admin:network_service_changelist", current_app=self.admin_site.name)
        return redirect(f"{url}?{NeedsVerificationFilter.parameter_name}=yes")

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        if request.GET.get(NeedsVerificationFilter.parameter_name) == "yes":
            extra_context = {"title": _("Services needing verification"), **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def _mark_verified(self, request: HttpRequest, service: m.Service) -> bool:
        try:
            service_mark_verified(service=service, actor=request.user)
        except (ValidationError, StaleEdit) as error:
            messages.error(request, f"{service}: {'; '.join(getattr(error, 'messages', []))}")
            return False
        return True

    @admin.action(description=_("Mark as verified today"))
    def mark_verified(self, request: HttpRequest, queryset: QuerySet[m.Service]) -> None:
        done = sum(self._mark_verified(request, service) for service in queryset)
        if done:
            messages.success(
                request, _("Marked %(count)d services verified today.") % {"count": done}
            )

    def verify_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        service = self.get_object(request, unquote(object_id))
        if service is None or not self.has_change_permission(request, service):
            return self._get_obj_does_not_exist_redirect(  # type: ignore[attr-defined]
                request, self.opts, object_id
            )
        if self._mark_verified(request, service):
            messages.success(
                request, _("“%(name)s” was marked verified today.") % {"name": service}
            )
        return redirect(
            reverse(
                "admin:network_service_change", args=[service.pk], current_app=self.admin_site.name
            )
        )

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Any = None,
    ) -> HttpResponse:
        if obj is not None and obj.pk is not None and self.has_change_permission(request, obj):
            context["verify_url"] = reverse(
                "admin:network_service_verify", args=[obj.pk], current_app=self.admin_site.name
            )
        return super().render_change_form(request, context, add, change, form_url, obj)


class ProfessionalPresenceInline(TranslatedNetworkInline):
    model = m.ProfessionalPresence
    accessor = "professionals"
    fields = ("role", "service", "note")


@admin.register(m.Activity)
class ActivityAdmin(NetworkAdmin):
    form = ActivityAdminForm
    inlines = (ProfessionalPresenceInline,)
    list_display = ("title", "kind", "site", "organiser", "starts_on", "status")
    list_filter = ("kind", "status")
    search_fields = ("title_fi", "title_sv", "title_en")


@admin.register(m.Area)
class AreaAdmin(NetworkAdmin):
    autocomplete_fields = ("municipalities", "postal_areas")
    readonly_fields = ("population", "children")
    list_display = ("name", "county", "population")
    list_filter = ("county",)
    search_fields = ("name_fi", "name_sv", "name_en")

    def has_module_permission(self, request: HttpRequest) -> bool:
        # Areas are planned by counties; an organisation's maintainers do not draw them.
        return _maintains_counties(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _maintains_counties(request) and super().has_view_permission(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return _maintains_counties(request)

    def after_related_saved(self, request: HttpRequest, obj: Any) -> None:
        population, children = selectors.area_population_compute(obj)
        m.Area.objects.filter(pk=obj.pk).update(population=population, children=children)
        obj.population, obj.children = population, children
        warning = selectors.area_band_warning(obj)
        if warning:
            messages.warning(request, warning)


# ---- Reference data: loaded from official sources, read-only here ----


class ReferenceDataAdmin(TranslationAdmin):
    def has_module_permission(self, request: HttpRequest) -> bool:
        return _in_scope(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _in_scope(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(m.County)
class CountyAdmin(ReferenceDataAdmin):
    list_display = ("code", "name", "kind", "population")
    search_fields = ("code", "name_fi", "name_sv")


@admin.register(m.Municipality)
class MunicipalityAdmin(ReferenceDataAdmin):
    list_display = ("code", "name", "county", "population")
    list_filter = ("county",)
    search_fields = ("code", "name_fi", "name_sv")


@admin.register(m.PostalArea)
class PostalAreaAdmin(ReferenceDataAdmin):
    list_display = ("code", "name", "municipality", "population")
    search_fields = ("code", "name_fi", "name_sv")


@admin.register(m.ServiceType)
class ServiceTypeAdmin(ReferenceDataAdmin):
    list_display = ("code", "name", "group", "level")
    list_filter = ("group", "level")
    search_fields = ("code", "name_fi", "name_sv", "name_en")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Names may be corrected by the administrator; codes never change.
        return bool(request.user.is_superuser)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ("code",) if obj is not None else ()


# ---- Who maintains what, and API tokens ----


@admin.register(m.MaintainerRole)
class MaintainerRoleAdmin(admin.ModelAdmin):
    list_display = ("user", "organisation", "county")
    list_filter = ("county",)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)


@admin.register(m.ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Maintainers create tokens for themselves; the token is shown once and only its hash kept."""

    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    actions = ("revoke",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[m.ApiToken]:
        queryset = super().get_queryset(request)
        return queryset if request.user.is_superuser else queryset.filter(user=request.user)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is not None:
            return ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
        return ("name", "user") if request.user.is_superuser else ("name",)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.get_fields(request, obj) if obj is not None else ()

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _in_scope(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _in_scope(request) and (
            obj is None or request.user.is_superuser or obj.user_id == request.user.pk
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return _in_scope(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_view_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        user = obj.user if request.user.is_superuser and obj.user_id else request.user
        token, plaintext = tokens.api_token_create(user=user, name=obj.name)
        obj.pk = token.pk
        obj.user = token.user
        obj.prefix = token.prefix
        messages.warning(
            request,
            _("Copy the token now; it is not shown again: %(token)s") % {"token": plaintext},
        )

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[m.ApiToken]) -> None:
        count = 0
        for token in queryset.filter(revoked_at__isnull=True):
            tokens.api_token_revoke(token=token)
            count += 1
        messages.success(request, _("Revoked %(count)d tokens.") % {"count": count})
