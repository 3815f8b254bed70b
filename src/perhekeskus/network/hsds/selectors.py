"""Reads for the HSDS read API: published data only, as flat or compiled (nested) HSDS objects
built with the exporter's mapping from a few queries per page."""

import math
import uuid
from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet

from perhekeskus.errors import InvalidInput, NotFound
from perhekeskus.network.hsds.exporter import (
    TAXONOMY_ID,
    HsdsSet,
    hsds_collect,
    hsds_taxonomy,
)
from perhekeskus.network.models import (
    Activity,
    Organisation,
    Service,
    ServiceAtSite,
    Site,
)
from perhekeskus.network.selectors import moment_in_utc

PUBLISHED = Service.Status.PUBLISHED
MAX_PER_PAGE = 200
Obj = dict[str, Any]


def hsds_page(*, items: list[Obj], total: int, page: int, per_page: int) -> Obj:
    """The HSDS `Page` object."""
    total_pages = max(1, math.ceil(total / per_page))
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page,
        "size": per_page,
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": not items,
        "contents": items,
    }


def page_bounds(page: int, per_page: int) -> tuple[int, int]:
    page = min(max(page, 1), 1_000_000)
    per_page = min(max(per_page, 1), MAX_PER_PAGE)
    return page, per_page


def _uuid(value: str) -> uuid.UUID:
    """The id as a UUID; a malformed one becomes the nil UUID, which matches nothing."""
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return uuid.UUID(int=0)


def _parse_modified_after(value: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise InvalidInput(details={"modified_after": "an ISO 8601 date-time"}) from exc
    return moment_in_utc(parsed, field="modified_after")


def _term_code(term_id: str) -> str | None:
    terms = {t["id"]: t["code"] for t in taxonomy_objects()["taxonomy_term"]}
    return terms.get(term_id)


def taxonomy_objects() -> dict[str, list[Obj]]:
    hsds = HsdsSet()
    hsds_taxonomy(hsds)
    return hsds.sorted()


def published_services(
    *,
    search: str | None = None,
    taxonomy_term_id: str | None = None,
    taxonomy_id: str | None = None,
    organization_id: str | None = None,
    modified_after: str | None = None,
) -> QuerySet[Service]:
    services = Service.objects.filter(status=PUBLISHED)
    if search:
        services = services.filter(
            Q(name_fi__icontains=search)
            | Q(name_sv__icontains=search)
            | Q(name_en__icontains=search)
            | Q(description_fi__icontains=search)
        )
    if taxonomy_term_id:
        # A subquery, not a join: no duplicate rows, so no DISTINCT over the whole catalogue.
        typed = Service.service_types.through.objects.filter(
            servicetype__code=_term_code(taxonomy_term_id) or ""
        )
        services = services.filter(pk__in=typed.values("service_id"))
    if taxonomy_id and taxonomy_id != TAXONOMY_ID:
        services = services.none()
    if organization_id:
        services = services.filter(organisation__hsds_id=_uuid(organization_id))
    if modified_after:
        services = services.filter(updated_at__gte=_parse_modified_after(modified_after))
    return services.order_by("hsds_id")


def _collect(
    *,
    services: QuerySet[Service],
    sites: QuerySet[Site] | None = None,
    organisations: QuerySet[Organisation] | None = None,
    with_activities: bool = False,
) -> dict[str, list[Obj]]:
    activities = Activity.objects.filter(status=PUBLISHED, service__in=services)
    return hsds_collect(
        organisations=organisations if organisations is not None else Organisation.objects.none(),
        sites=sites if sites is not None else Site.objects.none(),
        services=services,
        activities=activities if with_activities else Activity.objects.none(),
        with_taxonomy=True,
    ).sorted()


def service_list(*, services: QuerySet[Service], page: int, per_page: int) -> Obj:
    page, per_page = page_bounds(page, per_page)
    total = services.count()
    ids = list(services.values_list("pk", flat=True)[(page - 1) * per_page : page * per_page])
    objects = _collect(services=Service.objects.filter(pk__in=ids))
    return hsds_page(items=objects["service"], total=total, page=page, per_page=per_page)


def _by(objects: dict[str, list[Obj]], name: str, fld: str, value: str) -> list[Obj]:
    return [o for o in objects[name] if o.get(fld) == value]


def _location_full(objects: dict[str, list[Obj]], location: Obj) -> Obj:
    lid = location["id"]
    return {
        **location,
        "addresses": _by(objects, "address", "location_id", lid),
        "accessibility": _by(objects, "accessibility", "location_id", lid),
        "phones": _by(objects, "phone", "location_id", lid),
        "schedules": [
            s for s in _by(objects, "schedule", "location_id", lid) if not s.get("service_id")
        ],
    }


def _organization_full(objects: dict[str, list[Obj]], organization: Obj) -> Obj:
    oid = organization["id"]
    return {
        **organization,
        "organization_identifiers": _by(objects, "organization_identifier", "organization_id", oid),
        "phones": _by(objects, "phone", "organization_id", oid),
    }


def _service_full(objects: dict[str, list[Obj]], service: Obj, *, with_links: bool = True) -> Obj:
    sid = service["id"]
    terms = {t["id"]: t for t in objects["taxonomy_term"]}
    taxonomy = objects["taxonomy"][0]
    locations = {loc["id"]: loc for loc in objects["location"]}
    organizations = {o["id"]: o for o in objects["organization"]}
    full = {
        **service,
        "phones": _by(objects, "phone", "service_id", sid),
        "schedules": _by(objects, "schedule", "service_id", sid),
        "languages": _by(objects, "language", "service_id", sid),
        "service_areas": _by(objects, "service_area", "service_id", sid),
        "contacts": [
            {**c, "phones": _by(objects, "phone", "contact_id", c["id"])}
            for c in _by(objects, "contact", "service_id", sid)
        ],
        "attributes": [
            {**a, "taxonomy_term": {**terms[a["taxonomy_term_id"]], "taxonomy_detail": taxonomy}}
            for a in _by(objects, "attribute", "link_id", sid)
        ],
    }
    if service.get("organization_id") in organizations:
        full["organization"] = _organization_full(
            objects, organizations[service["organization_id"]]
        )
    if with_links:
        full["service_at_locations"] = [
            _link_full(objects, link, locations)
            for link in _by(objects, "service_at_location", "service_id", sid)
        ]
    return full


def _link_full(objects: dict[str, list[Obj]], link: Obj, locations: dict[str, Obj]) -> Obj:
    full = {
        **link,
        "schedules": _by(objects, "schedule", "service_at_location_id", link["id"]),
    }
    if link["location_id"] in locations:
        full["location"] = _location_full(objects, locations[link["location_id"]])
    return full


def _published_service(service_id: str) -> Service:
    service = Service.objects.filter(hsds_id=_uuid(service_id), status=PUBLISHED).first()
    if not _uuid(service_id) or service is None:
        raise NotFound()
    return service


def service_full(*, service_id: str) -> Obj:
    service = _published_service(service_id)
    services = Service.objects.filter(pk=service.pk)
    objects = _collect(
        services=services,
        sites=Site.objects.filter(service_links__service=service),
        organisations=Organisation.objects.filter(pk=service.organisation_id),
        with_activities=True,
    )
    return _service_full(objects, objects["service"][0])


def service_at_location_list(
    *, services: QuerySet[Service], postcode: str | None, page: int, per_page: int
) -> Obj:
    page, per_page = page_bounds(page, per_page)
    links = ServiceAtSite.objects.filter(service__in=services).order_by("hsds_id")
    if postcode:
        links = links.filter(site__postal_code=postcode)
    total = links.count()
    rows = links.values_list("hsds_id", "service__hsds_id", "site__hsds_id", "description_fi")
    items = [
        {
            "id": str(i),
            "service_id": str(s),
            "location_id": str(loc),
            **({"description": d} if d else {}),
        }
        for i, s, loc, d in rows[(page - 1) * per_page : page * per_page]
    ]
    return hsds_page(items=items, total=total, page=page, per_page=per_page)


def service_at_location_full(*, link_id: str) -> Obj:
    link = (
        ServiceAtSite.objects.filter(hsds_id=_uuid(link_id), service__status=PUBLISHED)
        .select_related("service")
        .first()
        if _uuid(link_id)
        else None
    )
    if link is None:
        raise NotFound()
    objects = _collect(
        services=Service.objects.filter(pk=link.service_id),
        sites=Site.objects.filter(pk=link.site_id),
        organisations=Organisation.objects.filter(pk=link.service.organisation_id),
        with_activities=True,
    )
    locations = {loc["id"]: loc for loc in objects["location"]}
    flat = next(o for o in objects["service_at_location"] if o["id"] == str(link.hsds_id))
    full = _link_full(objects, flat, locations)
    full["service"] = _service_full(objects, objects["service"][0], with_links=False)
    return full


def organization_list(*, search: str | None, page: int, per_page: int) -> Obj:
    page, per_page = page_bounds(page, per_page)
    organisations = Organisation.objects.order_by("hsds_id")
    if search:
        organisations = organisations.filter(
            Q(name_fi__icontains=search)
            | Q(name_sv__icontains=search)
            | Q(name_en__icontains=search)
        )
    total = organisations.count()
    ids = list(organisations.values_list("pk", flat=True)[(page - 1) * per_page : page * per_page])
    objects = _collect(
        services=Service.objects.none(), organisations=Organisation.objects.filter(pk__in=ids)
    )
    return hsds_page(items=objects["organization"], total=total, page=page, per_page=per_page)


def organization_full(*, organization_id: str, full_service: bool = False) -> Obj:
    organisation = (
        Organisation.objects.filter(hsds_id=_uuid(organization_id)).first()
        if _uuid(organization_id)
        else None
    )
    if organisation is None:
        raise NotFound()
    services = Service.objects.filter(organisation=organisation, status=PUBLISHED)
    sites = Site.objects.filter(operator=organisation)
    if full_service:
        sites = Site.objects.filter(
            Q(operator=organisation) | Q(service_links__service__in=services)
        ).distinct()
    objects = _collect(
        services=services,
        sites=sites,
        organisations=Organisation.objects.filter(pk=organisation.pk),
        with_activities=full_service,
    )
    full = _organization_full(objects, objects["organization"][0])
    full["locations"] = [
        _location_full(objects, loc)
        for loc in objects["location"]
        if loc.get("organization_id") == full["id"]
    ]
    full["services"] = (
        [_service_full(objects, s) for s in objects["service"]]
        if full_service
        else objects["service"]
    )
    return full


def taxonomy_list(*, search: str | None, page: int, per_page: int) -> Obj:
    page, per_page = page_bounds(page, per_page)
    items = [
        t
        for t in taxonomy_objects()["taxonomy"]
        if not search or search.casefold() in (t["name"] + t["description"]).casefold()
    ]
    return hsds_page(
        items=items[(page - 1) * per_page : page * per_page],
        total=len(items),
        page=page,
        per_page=per_page,
    )


def taxonomy_get(*, taxonomy_id: str) -> Obj:
    for taxonomy in taxonomy_objects()["taxonomy"]:
        if taxonomy["id"] == taxonomy_id:
            return taxonomy
    raise NotFound()


def taxonomy_term_list(
    *, search: str | None, taxonomy_id: str | None, parent_id: str | None, page: int, per_page: int
) -> Obj:
    page, per_page = page_bounds(page, per_page)
    items = [
        t
        for t in taxonomy_objects()["taxonomy_term"]
        if (
            not search or search.casefold() in (t["name"] + t["description"] + t["code"]).casefold()
        )
        and (not taxonomy_id or t["taxonomy_id"] == taxonomy_id)
        and not parent_id  # our service types are a flat list
    ]
    return hsds_page(
        items=items[(page - 1) * per_page : page * per_page],
        total=len(items),
        page=page,
        per_page=per_page,
    )


def taxonomy_term_get(*, term_id: str) -> Obj:
    for term in taxonomy_objects()["taxonomy_term"]:
        if term["id"] == term_id:
            return term
    raise NotFound()
