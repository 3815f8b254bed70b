"""The network register's JSON API: public reads of published data, token-authenticated writes.

Reads answer with an ETag (a hash of the body) and 304 to a matching If-None-Match. Writes go
through `services.network_object_save` / `network_object_delete`, which check the maintainer's
scope, refuse stale edits and record history; this module only maps JSON to model fields.
"""

import hashlib
import json
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils import translation
from django.utils.http import parse_etags
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Schema
from ninja.security import HttpBearer

from perhekeskus.errors import InvalidInput, NotFound, PermissionDenied
from perhekeskus.network import access, selectors, services, tokens
from perhekeskus.network import schemas as s
from perhekeskus.network.models import (
    Activity,
    Area,
    County,
    Municipality,
    Organisation,
    Service,
    ServiceType,
    Site,
)
from perhekeskus.network.occurrences import (
    activity_occurrences,
    occurrence_range_check,
    validate_rrule,
)

router = Router(tags=["network"])


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`; the token's user is the actor of every write."""

    openapi_scheme = "bearer"

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        return tokens.api_token_authenticate(token)


token_auth = TokenAuth()


# ---- Responses ----


def json_response(request: HttpRequest, payload: Any, *, status: int = 200) -> HttpResponse:
    """JSON with a strong ETag over the body; a GET whose If-None-Match matches gets 304."""
    body = json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    data = body.encode()
    etag = '"' + hashlib.sha256(data).hexdigest()[:32] + '"'
    if request.method in ("GET", "HEAD") and status == 200:
        # If-None-Match compares weakly: W/"x" matches "x".
        wanted = {
            tag.removeprefix("W/") for tag in parse_etags(request.headers.get("If-None-Match", ""))
        }
        if "*" in wanted or etag in wanted:
            not_modified = HttpResponseNotModified()
            not_modified["ETag"] = etag
            return not_modified
    response = HttpResponse(data, status=status, content_type="application/json")
    if status == 200:
        response["ETag"] = etag
    return response


def _dump(schema: type[Schema], obj: Any) -> dict[str, Any]:
    return schema.from_orm(obj).model_dump(mode="json", by_alias=True)


def _page_url(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def paginated(
    request: HttpRequest,
    queryset: QuerySet[Any],
    params: s.PageParams,
    schema: type[Schema],
    *,
    prepare: Callable[[list[Any]], None] | None = None,
) -> HttpResponse:
    count = queryset.count()
    offset = (params.page - 1) * params.page_size
    items = list(queryset[offset : offset + params.page_size]) if offset < count else []
    if prepare:
        prepare(items)
    payload = {
        "count": count,
        "page": params.page,
        "page_size": params.page_size,
        "next": _page_url(request, params.page + 1) if offset + params.page_size < count else None,
        "previous": _page_url(request, params.page - 1) if params.page > 1 else None,
        "results": [_dump(schema, item) for item in items],
    }
    return json_response(request, payload)


def _aware(moment: datetime | None) -> datetime | None:
    return None if moment is None else selectors.moment_in_utc(moment, field="updated_since")


def _filters(values: Schema) -> selectors.PublicFilters:
    data = values.model_dump()
    kind = data.get("kind")
    return selectors.PublicFilters(
        municipality=data.get("municipality"),
        county=data.get("county"),
        area=data.get("area"),
        organisation=data.get("organisation"),
        site=data.get("site"),
        types=tuple(data.get("type") or ()),
        kind=kind,
        sector=data.get("sector"),
        language=(data.get("language") or "").lower() or None,
        age_months=data.get("age_months"),
        updated_since=_aware(data.get("updated_since")),
        group=data.get("group"),
        level=data.get("level"),
    )


def _one(queryset: QuerySet[Any], **lookup: Any) -> Any:
    found = queryset.filter(**lookup).first()
    if found is None:
        raise NotFound()
    return found


# ---- Public reads ----


@router.get("/counties", response={200: s.Page[s.CountyOut], **s.ERRORS}, auth=None)
def county_list(request: HttpRequest, page: Query[s.PageParams]) -> HttpResponse:
    return paginated(request, selectors.public_counties(), page, s.CountyOut)


@router.get("/counties/{code}", response={200: s.CountyOut, **s.ERRORS}, auth=None)
def county_detail(request: HttpRequest, code: str) -> HttpResponse:
    return json_response(request, _dump(s.CountyOut, _one(selectors.public_counties(), code=code)))


@router.get("/municipalities", response={200: s.Page[s.MunicipalityOut], **s.ERRORS}, auth=None)
def municipality_list(
    request: HttpRequest, page: Query[s.PageParams], filters: Query[s.MunicipalityFilters]
) -> HttpResponse:
    qs = selectors.public_municipalities(filters=_filters(filters))
    return paginated(request, qs, page, s.MunicipalityOut)


@router.get("/municipalities/{code}", response={200: s.MunicipalityOut, **s.ERRORS}, auth=None)
def municipality_detail(request: HttpRequest, code: str) -> HttpResponse:
    found = _one(selectors.public_municipalities(), code=code)
    return json_response(request, _dump(s.MunicipalityOut, found))


@router.get("/service-types", response={200: s.Page[s.ServiceTypeOut], **s.ERRORS}, auth=None)
def service_type_list(
    request: HttpRequest, page: Query[s.PageParams], filters: Query[s.ServiceTypeFilters]
) -> HttpResponse:
    qs = selectors.public_service_types(filters=_filters(filters))
    return paginated(request, qs, page, s.ServiceTypeOut)


@router.get("/service-types/{code}", response={200: s.ServiceTypeOut, **s.ERRORS}, auth=None)
def service_type_detail(request: HttpRequest, code: str) -> HttpResponse:
    found = _one(selectors.public_service_types(), code=code)
    return json_response(request, _dump(s.ServiceTypeOut, found))


@router.get("/areas", response={200: s.Page[s.AreaOut], **s.ERRORS}, auth=None)
def area_list(
    request: HttpRequest, page: Query[s.PageParams], filters: Query[s.AreaFilters]
) -> HttpResponse:
    return paginated(request, selectors.public_areas(filters=_filters(filters)), page, s.AreaOut)


@router.get("/areas/{id}", response={200: s.AreaOut, **s.ERRORS}, auth=None)
def area_detail(request: HttpRequest, id: UUID) -> HttpResponse:
    return json_response(request, _dump(s.AreaOut, _one(selectors.public_areas(), hsds_id=id)))


@router.get("/organisations", response={200: s.Page[s.OrganisationOut], **s.ERRORS}, auth=None)
def organisation_list(
    request: HttpRequest, page: Query[s.PageParams], filters: Query[s.OrganisationFilters]
) -> HttpResponse:
    qs = selectors.public_organisations(filters=_filters(filters))
    return paginated(request, qs, page, s.OrganisationOut)


@router.get("/organisations/{id}", response={200: s.OrganisationOut, **s.ERRORS}, auth=None)
def organisation_detail(request: HttpRequest, id: UUID) -> HttpResponse:
    found = _one(selectors.public_organisations(), hsds_id=id)
    return json_response(request, _dump(s.OrganisationOut, found))


@router.get("/sites", response={200: s.Page[s.SiteOut], **s.ERRORS}, auth=None)
def site_list(
    request: HttpRequest, page: Query[s.PageParams], filters: Query[s.SiteFilters]
) -> HttpResponse:
    return paginated(request, selectors.public_sites(filters=_filters(filters)), page, s.SiteOut)


@router.get("/sites/{id}", response={200: s.SiteOut, **s.ERRORS}, auth=None)
def site_detail(request: HttpRequest, id: UUID) -> HttpResponse:
    return json_response(request, _dump(s.SiteOut, _one(selectors.public_sites(), hsds_id=id)))


@router.get("/services", response={200: s.Page[s.ServiceOut], **s.ERRORS}, auth=None)
def service_list(
    request: HttpRequest, page: Query[s.PageParams], filters: Query[s.ServiceFilters]
) -> HttpResponse:
    qs = selectors.public_services(filters=_filters(filters))
    return paginated(request, qs, page, s.ServiceOut)


@router.get("/services/{id}", response={200: s.ServiceOut, **s.ERRORS}, auth=None)
def service_detail(request: HttpRequest, id: UUID) -> HttpResponse:
    return json_response(request, _dump(s.ServiceOut, selectors.public_service_get(hsds_id=id)))


@router.get("/activities", response={200: s.Page[s.ActivityOut], **s.ERRORS}, auth=None)
def activity_list(
    request: HttpRequest, page: Query[s.PageParams], filters: Query[s.ActivityFilters]
) -> HttpResponse:
    """Published activities; with `from` and `to`, each with its occurrences in that range."""
    criteria = _filters(filters)
    start, end = filters.start, filters.end
    if (start is None) != (end is None):
        raise InvalidInput(_("Give both from and to, or neither."))
    prepare = None
    if start is not None and end is not None:
        occurrence_range_check(start=start, end=end)
        criteria = selectors.PublicFilters(
            **{**criteria.__dict__, "starts_before": end, "ends_after": start}
        )

        def prepare(items: list[Activity]) -> None:
            for activity in items:
                activity.expanded_occurrences = activity_occurrences(  # type: ignore[attr-defined]
                    activity=activity, start=start, end=end
                )

    qs = selectors.public_activities(filters=criteria)
    return paginated(request, qs, page, s.ActivityOut, prepare=prepare)


@router.get("/activities/{id}", response={200: s.ActivityOut, **s.ERRORS}, auth=None)
def activity_detail(request: HttpRequest, id: UUID) -> HttpResponse:
    found = _one(selectors.public_activities(), hsds_id=id)
    return json_response(request, _dump(s.ActivityOut, found))


@router.get(
    "/activities/{id}/occurrences",
    response={200: s.ActivityOccurrencesOut, **s.ERRORS},
    auth=None,
)
def activity_occurrence_list(
    request: HttpRequest, id: UUID, dates: Query[s.OccurrenceRange]
) -> HttpResponse:
    found = _one(selectors.public_activities(), hsds_id=id)
    occurrences = activity_occurrences(activity=found, start=dates.start, end=dates.end)
    payload = s.ActivityOccurrencesOut.model_validate(
        {
            "id": found.hsds_id,
            "from": dates.start,
            "to": dates.end,
            "occurrences": [o.__dict__ for o in occurrences],
        }
    )
    return json_response(request, payload.model_dump(mode="json", by_alias=True))


# ---- Writes ----

_REQUIRED = _("A value is required.")
_UNKNOWN = _("Unknown reference: %(value)s.")


def _unknown(field: str, value: Any) -> ValidationError:
    return ValidationError({field: [ValidationError(_UNKNOWN, params={"value": str(value)})]})


def _require_some_scope(actor: Any) -> None:
    if access.maintainer_scope(actor).nothing:
        raise PermissionDenied()


def _usable_organisation(actor: Any, hsds_id: Any) -> Organisation:
    """The organisation if the actor may attach data to it; missing and forbidden are one 404."""
    organisation = Organisation.objects.filter(hsds_id=hsds_id).first()
    if not access.may_use_organisation(actor, organisation):
        raise NotFound()
    assert organisation is not None
    return organisation


def _by_hsds(model: type[models.Model], field: str) -> Callable[[Any, Any], Any]:
    def resolve(actor: Any, value: Any) -> Any:
        if value is None:
            return None
        found = model._default_manager.filter(hsds_id=value).first()
        if found is None:
            raise _unknown(field, value)
        return found

    return resolve


def _municipality(actor: Any, value: Any) -> Municipality:
    found = Municipality.objects.filter(code=value).first()
    if found is None:
        raise _unknown("municipality", value)
    return found


def _linkable_service(actor: Any, value: Any) -> Service | None:
    """An activity may name a published service or one the actor maintains."""
    if value is None:
        return None
    visible = Q(status=Service.Status.PUBLISHED) | Q(
        pk__in=access.scoped(actor, Service.objects.all()).values("pk")
    )
    found = Service.objects.filter(visible, hsds_id=value).first()
    if found is None:
        raise _unknown("service", value)
    return found


def _service_types(actor: Any, codes: Iterable[str]) -> list[int]:
    codes = list(dict.fromkeys(codes))
    found = dict(ServiceType.objects.filter(code__in=codes).values_list("code", "pk"))
    missing = [code for code in codes if code not in found]
    if missing:
        raise _unknown("service_types", ", ".join(missing))
    return [found[code] for code in codes]


def _counties(actor: Any, codes: Iterable[str]) -> list[int]:
    codes = list(dict.fromkeys(codes))
    found = dict(County.objects.filter(code__in=codes).values_list("code", "pk"))
    missing = [code for code in codes if code not in found]
    if missing:
        raise _unknown("served_counties", ", ".join(missing))
    return [found[code] for code in codes]


def _sites(actor: Any, ids: Iterable[Any]) -> list[int]:
    ids = list(dict.fromkeys(str(i) for i in ids))
    found = {
        str(k): v for k, v in Site.objects.filter(hsds_id__in=ids).values_list("hsds_id", "pk")
    }
    missing = [i for i in ids if i not in found]
    if missing:
        raise _unknown("sites", ", ".join(missing))
    return [found[i] for i in ids]


class WriteSpec:
    """How a payload's keys map onto a model: texts per language, references, relations."""

    def __init__(
        self,
        *,
        texts: Iterable[str],
        references: dict[str, Callable[[Any, Any], Any]] | None = None,
        relations: dict[str, Callable[[Any, Any], list[int]]] | None = None,
        checks: dict[str, Callable[[Any], None]] | None = None,
    ) -> None:
        self.texts = frozenset(texts)
        self.references = references or {}
        self.relations = relations or {}
        self.checks = checks or {}

    def apply(self, *, obj: models.Model, data: dict[str, Any], actor: Any) -> dict[str, Any]:
        """Set the payload's values on `obj`; returns the many-to-many values to save."""
        many: dict[str, Any] = {}
        errors: dict[str, Any] = {}
        for name, value in data.items():
            if name == "version":
                continue
            try:
                if name in self.texts:
                    for lang, text in (value or {}).items():
                        if text is not None:
                            setattr(obj, f"{name}_{lang}", text)
                    continue
                if name in self.relations:
                    if value is None:
                        raise ValidationError({name: [_REQUIRED]})
                    many[name] = self.relations[name](actor, value)
                    continue
                if name in self.checks and value is not None:
                    self.checks[name](value)
                if value is None and not obj._meta.get_field(name).null:
                    raise ValidationError({name: [_REQUIRED]})
                if name in self.references:
                    setattr(obj, name, self.references[name](actor, value))
                else:
                    setattr(obj, name, value)
            except ValidationError as error:
                detail = error.error_dict if hasattr(error, "error_dict") else {name: [error]}
                errors.update(detail)
        if errors:
            raise ValidationError(errors)
        return many


SERVICE_WRITES = WriteSpec(
    texts=("name", "summary", "description", "eligibility", "cost_description"),
    relations={
        "service_types": _service_types,
        "sites": _sites,
        "served_counties": _counties,
    },
    references={"organisation": lambda actor, value: _usable_organisation(actor, value)},
)
SITE_WRITES = WriteSpec(
    texts=(
        "name",
        "description",
        "street_address",
        "post_office",
        "accessibility",
        "directions",
    ),
    references={
        "operator": lambda actor, value: _usable_organisation(actor, value),
        "area": _by_hsds(Area, "area"),
        "municipality": _municipality,
    },
)
ACTIVITY_WRITES = WriteSpec(
    texts=("title", "description"),
    references={
        "organiser": lambda actor, value: _usable_organisation(actor, value),
        "site": _by_hsds(Site, "site"),
        "service": _linkable_service,
    },
    checks={"rrule": lambda value: _field_check("rrule", validate_rrule, value)},
)


def _field_check(name: str, check: Callable[[Any], None], value: Any) -> None:
    try:
        check(value)
    except ValidationError as error:
        raise ValidationError({name: error.error_list}) from error


def _save(
    *, obj: models.Model, actor: Any, many: dict[str, Any], expected_version: int | None
) -> None:
    # The untranslated column holds the Finnish text, whatever the request's language.
    with translation.override("fi"):
        services.network_object_save(
            obj=obj, actor=actor, expected_version=expected_version, many_to_many=many
        )


def _create(
    request: HttpRequest, *, obj: models.Model, payload: Schema, spec: WriteSpec, out: Any
) -> HttpResponse:
    actor = request.auth  # type: ignore[attr-defined]
    _require_some_scope(actor)
    many = spec.apply(obj=obj, data=payload.model_dump(mode="json"), actor=actor)
    _save(obj=obj, actor=actor, many=many, expected_version=None)
    return json_response(request, _dump(out, obj), status=201)


def _maintained(request: HttpRequest, model: type[models.Model], hsds_id: UUID) -> Any:
    obj = model._default_manager.filter(hsds_id=hsds_id).first()
    if obj is None:
        raise NotFound()
    access.require_maintainable(request.auth, obj)  # type: ignore[attr-defined]
    return obj


def _update(
    request: HttpRequest, *, obj: models.Model, payload: Any, spec: WriteSpec, out: Any
) -> HttpResponse:
    actor = request.auth  # type: ignore[attr-defined]
    many = spec.apply(
        obj=obj, data=payload.model_dump(mode="json", exclude_unset=True), actor=actor
    )
    _save(obj=obj, actor=actor, many=many, expected_version=payload.version)
    return json_response(request, _dump(out, obj))


def _delete(request: HttpRequest, *, obj: models.Model, version: int | None) -> HttpResponse:
    services.network_object_delete(
        obj=obj,
        actor=request.auth,  # type: ignore[attr-defined]
        expected_version=version,
    )
    return HttpResponse(status=204)


DeleteVersion = Query(None, ge=1, le=s.VERSION_MAX, description="Refused if stale.")


@router.post("/services", response={201: s.ServiceOut, **s.WRITE_ERRORS}, auth=token_auth)
def service_create(request: HttpRequest, payload: s.ServiceIn) -> HttpResponse:
    return _create(request, obj=Service(), payload=payload, spec=SERVICE_WRITES, out=s.ServiceOut)


@router.patch("/services/{id}", response={200: s.ServiceOut, **s.WRITE_ERRORS}, auth=token_auth)
def service_update(request: HttpRequest, id: UUID, payload: s.ServicePatch) -> HttpResponse:
    obj = _maintained(request, Service, id)
    return _update(request, obj=obj, payload=payload, spec=SERVICE_WRITES, out=s.ServiceOut)


@router.delete("/services/{id}", response={204: None, **s.WRITE_ERRORS}, auth=token_auth)
def service_delete(request: HttpRequest, id: UUID, version: int | None = DeleteVersion) -> Any:
    return _delete(request, obj=_maintained(request, Service, id), version=version)


@router.post("/sites", response={201: s.SiteOut, **s.WRITE_ERRORS}, auth=token_auth)
def site_create(request: HttpRequest, payload: s.SiteIn) -> HttpResponse:
    return _create(request, obj=Site(), payload=payload, spec=SITE_WRITES, out=s.SiteOut)


@router.patch("/sites/{id}", response={200: s.SiteOut, **s.WRITE_ERRORS}, auth=token_auth)
def site_update(request: HttpRequest, id: UUID, payload: s.SitePatch) -> HttpResponse:
    obj = _maintained(request, Site, id)
    return _update(request, obj=obj, payload=payload, spec=SITE_WRITES, out=s.SiteOut)


@router.delete("/sites/{id}", response={204: None, **s.WRITE_ERRORS}, auth=token_auth)
def site_delete(request: HttpRequest, id: UUID, version: int | None = DeleteVersion) -> Any:
    return _delete(request, obj=_maintained(request, Site, id), version=version)


@router.post("/activities", response={201: s.ActivityOut, **s.WRITE_ERRORS}, auth=token_auth)
def activity_create(request: HttpRequest, payload: s.ActivityIn) -> HttpResponse:
    return _create(
        request, obj=Activity(), payload=payload, spec=ACTIVITY_WRITES, out=s.ActivityOut
    )


@router.patch("/activities/{id}", response={200: s.ActivityOut, **s.WRITE_ERRORS}, auth=token_auth)
def activity_update(request: HttpRequest, id: UUID, payload: s.ActivityPatch) -> HttpResponse:
    obj = _maintained(request, Activity, id)
    return _update(request, obj=obj, payload=payload, spec=ACTIVITY_WRITES, out=s.ActivityOut)


@router.delete("/activities/{id}", response={204: None, **s.WRITE_ERRORS}, auth=token_auth)
def activity_delete(request: HttpRequest, id: UUID, version: int | None = DeleteVersion) -> Any:
    return _delete(request, obj=_maintained(request, Activity, id), version=version)
