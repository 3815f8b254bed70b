"""Export of the service network as Open Referral HSDS 3.0 (one JSON array per object type).

Mapping (our model → HSDS object, `x_perhekeskus` is our extension object; HSDS objects allow
extra properties, so every file still validates against the official schema):

- Organisation → `organization` (name/description in Finnish; sv/en texts, sector, county and
  municipality codes and PTV id in `x_perhekeskus`). The business id (Y-tunnus) → an
  `organization_identifier` (scheme FI-PRO) and `tax_id`; phone → `phone`.
- ServiceType → `taxonomy_term` (`code` = our code) of the taxonomy "perhekeskus-service-types";
  a service's types → `attribute` objects (link_entity "service", link_type "service_type").
- Service → `service`: status published/draft/archived → active/inactive/defunct (ours exactly in
  `x_perhekeskus.status`); ages in years (`minimum_age` = months / 12, the months themselves in
  `x_perhekeskus`, negative = months of pregnancy); cost → `fees_description`, eligibility →
  `eligibility_description`, last verified → `assured_date` (never `assurer_email`: the verifier
  is a person, and a personal e-mail address does not belong in public open data), updated_at →
  `last_modified`; languages served → `language`; phone → `phone`; contacts → `contact` (+ phone);
  level, target groups, channels, referral/anonymous/cost flags, summary, sv/en texts and PTV id
  in `x_perhekeskus`.
- Site → `location` (location_type physical, lat/lon, PTV id as external identifier; kind, area,
  municipality code, email and sv/en texts in `x_perhekeskus`); its address → `address` (country
  FI, state_province = county); accessibility text and features → `accessibility`; phone → `phone`.
- A service's area beyond its sites (`service_area`, see `network.service_areas`) →
  `service_area` objects: one named "Koko maa" (nationwide; or "Koko maa paitsi Ahvenanmaa",
  the words of Suomi.fi PTV's area types), or one per county named, its name the county's; our
  code in `x_perhekeskus.scope` (national, national_except_aland, county) with the county code
  and sv/en names. The service's own `x_perhekeskus.service_area` holds our area code. A local
  service has none: where it is offered is its service_at_locations.
- ServiceAtSite → `service_at_location`.
- OpeningHours → `schedule` (freq WEEKLY, byday, opens_at/closes_at, valid_from/valid_to) of the
  location or of the service_at_location; OpeningHoursException → a one-day `schedule`
  (valid_from = valid_to = the date, notes "closed" when closed); Activity → `schedule` of its
  location (and service), with its RRULE split into freq/byday/interval/until/count … and the
  activity itself (title, kind, ages, languages, registration, professionals present, cancelled
  dates, the exact RRULE) in `x_perhekeskus.activity`.

- Area (family centre area) → our extension file `x_perhekeskus_area.json` (HSDS has no object
  type for a planning area; HSDS tools ignore files they do not know). One object per area:
  `id` (its hsds_id), `name_fi/_sv/_en`, `description_fi/_sv/_en`, `county_code`,
  `municipality_codes` and `postal_codes` (sorted lists of codes), `population`, `children`
  (0–17, or null). A location's `x_perhekeskus.area_id` refers to one of these ids. The file's
  JSON Schema is `AREA_SCHEMA` in `schemas.py`.

Ids: our stable `hsds_id` columns. Objects we do not store as rows (address, phone, language,
attribute, accessibility, identifiers, hours exceptions, taxonomy terms) get uuid5 ids from
their parent's id and their role, so that export → import → export is byte-identical.

What is exported: every organisation and site (neither has a status: they are the public
register), services and activities with status published (all of them with `include_drafts`),
and what those services reference.
"""

import json
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

from django.db.models import QuerySet

from perhekeskus.network.models import (
    Activity,
    Area,
    County,
    Municipality,
    OpeningHours,
    OpeningHoursException,
    Organisation,
    ProfessionalPresence,
    Service,
    ServiceAtSite,
    ServiceContact,
    ServiceType,
    Site,
)
from perhekeskus.network.service_areas import SERVED_COUNTIES

# Every object type we write, in the order an importer must create them.
HSDS_FILES = (
    "taxonomy",
    "taxonomy_term",
    "organization",
    "organization_identifier",
    "location",
    "address",
    "accessibility",
    "service",
    "service_area",
    "attribute",
    "language",
    "contact",
    "phone",
    "service_at_location",
    "schedule",
)

# Our extension file: the family centre areas, which HSDS has no object type for.
AREA_FILE = "x_perhekeskus_area"

PERHEKESKUS_NAMESPACE = uuid.UUID("5b1c3c56-7d8e-4e0b-9a55-0f4c1d2e3a10")
TAXONOMY_NAME = "perhekeskus-service-types"
TAXONOMY_ID = str(uuid.uuid5(PERHEKESKUS_NAMESPACE, f"taxonomy:{TAXONOMY_NAME}"))
EXT = "x_perhekeskus"
BUSINESS_ID_SCHEME = "FI-PRO"
BUSINESS_ID_TYPE = "Y-tunnus"
PTV_IDENTIFIER_TYPE = "suomi.fi-ptv"
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
STATUS_TO_HSDS = {
    Service.Status.PUBLISHED: "active",
    Service.Status.DRAFT: "inactive",
    Service.Status.ARCHIVED: "defunct",
}
LANGUAGE_NAMES = {
    "fi": "Finnish",
    "sv": "Swedish",
    "en": "English",
    "se": "Northern Sami",
    "smn": "Inari Sami",
    "sms": "Skolt Sami",
    "ru": "Russian",
    "et": "Estonian",
    "ar": "Arabic",
    "so": "Somali",
    "fa": "Persian",
    "ku": "Kurdish",
    "uk": "Ukrainian",
    "zh": "Chinese",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "tr": "Turkish",
    "vi": "Vietnamese",
    "th": "Thai",
    "sq": "Albanian",
}
SITE_FEATURES = ("step_free_access", "accessible_toilet", "induction_loop", "pram_parking")


def derived_id(parent: uuid.UUID | str, role: str) -> str:
    """A stable id for an object we keep inside its parent's row (a phone, an address …)."""
    return str(uuid.uuid5(uuid.UUID(str(parent)), role))


def taxonomy_term_id(code: str) -> str:
    return derived_id(TAXONOMY_ID, code)


def hsds_time(value: time) -> str:
    return value.strftime("%H:%M:%S" if value.second else "%H:%M")


def hsds_datetime(value: datetime) -> str:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _compact(obj: dict[str, Any], *, keep: Iterable[str] = ()) -> dict[str, Any]:
    """Leave out empty optional fields: HSDS validates formats (uri, email) of present ones."""
    kept = set(keep) | {"id", EXT}
    return {k: v for k, v in obj.items() if k in kept or v not in (None, "", [])}


def _texts(obj: Any, *fields: str) -> dict[str, str]:
    """The Swedish and English texts, which HSDS has no place for."""
    return {
        f"{name}_{lang}": getattr(obj, f"{name}_{lang}") or ""
        for name in fields
        for lang in ("sv", "en")
    }


def _fi(obj: Any, name: str) -> str:
    """The Finnish text; the plain column only as a fallback (its getter depends on the active
    language)."""
    return getattr(obj, f"{name}_fi") or obj.__dict__.get(name) or ""


def _years(months: int | None) -> float | int | None:
    if months is None:
        return None
    years = round(months / 12, 2)
    return int(years) if years == int(years) else years


def split_rrule(rrule: str) -> dict[str, Any]:
    """RRULE parts as HSDS schedule fields (HSDS knows only WEEKLY and MONTHLY frequencies)."""
    parts = dict(p.split("=", 1) for p in rrule.upper().split(";") if "=" in p)
    fields: dict[str, Any] = {}
    if parts.get("FREQ") in {"WEEKLY", "MONTHLY"}:
        fields["freq"] = parts["FREQ"]
    for key in ("BYDAY", "BYMONTHDAY", "BYWEEKNO", "BYYEARDAY"):
        if key in parts:
            fields[key.lower()] = parts[key]
    for key in ("INTERVAL", "COUNT"):
        if parts.get(key, "").isdigit():
            fields[key.lower()] = int(parts[key])
    if parts.get("WKST") in WEEKDAYS:
        fields["wkst"] = parts["WKST"]
    until = parts.get("UNTIL", "")
    if len(until) >= 8 and until[:8].isdigit():
        fields["until"] = f"{until[:4]}-{until[4:6]}-{until[6:8]}"
    return fields


@dataclass
class HsdsSet:
    """HSDS objects by type, each a flat object as in the official `schema/` files."""

    objects: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: {name: [] for name in HSDS_FILES}
    )

    def add(self, object_type: str, obj: dict[str, Any]) -> None:
        self.objects[object_type].append(obj)

    def sorted(self) -> dict[str, list[dict[str, Any]]]:
        return {name: sorted(items, key=lambda o: o["id"]) for name, items in self.objects.items()}


def _rows(queryset: QuerySet[Any], column: str, values: set[Any]) -> list[Any]:
    """Rows whose `column` is in `values`; a large set is filtered in Python, as SQLite limits
    the variables of one statement."""
    if not values:
        return []
    if len(values) <= 500:
        return list(queryset.filter(**{f"{column}__in": values}))
    return [row for row in queryset.iterator(chunk_size=2000) if getattr(row, column) in values]


def _uuids(model: type[Organisation] | type[Area], pks: set[Any]) -> dict[int, uuid.UUID]:
    """hsds_id by pk; everything at once for a large set (SQLite limits IN lists)."""
    rows = model._default_manager.all()
    if len(pks) <= 500:
        rows = rows.filter(pk__in=pks)
    return dict(rows.values_list("pk", "hsds_id"))


def _places() -> tuple[dict[int, Municipality], dict[int, County]]:
    municipalities = {m.pk: m for m in Municipality.objects.all()}
    counties = {c.pk: c for c in County.objects.all()}
    return municipalities, counties


def hsds_taxonomy(hsds: HsdsSet) -> None:
    hsds.add(
        "taxonomy",
        {
            "id": TAXONOMY_ID,
            "name": TAXONOMY_NAME,
            "description": "Service types of the Finnish national family centre model "
            "(perhekeskustoimintamalli), as used by Perhekeskus. Codes never change.",
            "version": "1",
        },
    )
    for service_type in ServiceType.objects.all():
        hsds.add(
            "taxonomy_term",
            {
                "id": taxonomy_term_id(service_type.code),
                "code": service_type.code,
                "name": _fi(service_type, "name"),
                "description": service_type.name_en or _fi(service_type, "name"),
                "taxonomy": TAXONOMY_NAME,
                "taxonomy_id": TAXONOMY_ID,
                "language": "fi",
                EXT: {
                    **_texts(service_type, "name"),
                    "group": service_type.group,
                    "level": service_type.level,
                },
            },
        )


def hsds_collect(
    *,
    organisations: QuerySet[Organisation],
    sites: QuerySet[Site],
    services: QuerySet[Service],
    activities: QuerySet[Activity],
    with_taxonomy: bool = True,
) -> HsdsSet:
    """HSDS objects for the given rows, built in Python from a few bulk queries."""
    hsds = HsdsSet()
    municipalities, counties = _places()
    if with_taxonomy:
        hsds_taxonomy(hsds)
    for organisation in organisations:
        _add_organisation(hsds, organisation, municipalities, counties)
    site_list = list(sites)
    service_list = list(services)
    activity_list = _rows(activities, "site_id", {site.pk for site in site_list})
    organisation_uuids = _uuids(
        Organisation,
        {s.organisation_id for s in service_list}
        | {site.operator_id for site in site_list}
        | {a.organiser_id for a in activity_list},
    )
    area_uuids = _uuids(Area, {site.area_id for site in site_list if site.area_id})
    site_ids: set[int] = set()
    for site in site_list:
        site_ids.add(site.pk)
        _add_site(
            hsds,
            site,
            municipalities,
            counties,
            operator_id=str(organisation_uuids[site.operator_id]),
            area_id=str(area_uuids[site.area_id]) if site.area_id else None,
        )
    site_uuids = {site.pk: site.hsds_id for site in site_list}
    _add_hours(hsds, site_ids=site_ids, site_uuids=site_uuids, link_uuids={})

    service_uuids: dict[int, str] = {}
    for service in service_list:
        service_uuids[service.pk] = str(service.hsds_id)
    codes = dict(ServiceType.objects.values_list("pk", "code"))
    types_by_service: dict[int, list[str]] = defaultdict(list)
    through = Service.service_types.through.objects.all()
    for row in _rows(through, "service_id", set(service_uuids)):
        types_by_service[row.service_id].append(codes[row.servicetype_id])
    counties_by_service: dict[int, list[County]] = defaultdict(list)
    named = {s.pk for s in service_list if s.service_area == Service.ServiceArea.COUNTIES}
    for row in _rows(SERVED_COUNTIES.objects.all(), "service_id", named):
        counties_by_service[row.service_id].append(counties[row.county_id])
    for service in service_list:
        _add_service(
            hsds,
            service,
            organisation_id=str(organisation_uuids[service.organisation_id]),
            type_codes=types_by_service[service.pk],
        )
        _add_service_areas(hsds, service, counties_by_service[service.pk])
    for contact in _rows(ServiceContact.objects.all(), "service_id", set(service_uuids)):
        _add_contact(hsds, contact, service_uuids[contact.service_id])
    links = [
        link
        for link in _rows(ServiceAtSite.objects.all(), "service_id", set(service_uuids))
        if link.site_id in site_ids
    ]
    link_uuids: dict[int, str] = {}
    for link in links:
        link_uuids[link.pk] = str(link.hsds_id)
        hsds.add(
            "service_at_location",
            _compact(
                {
                    "id": str(link.hsds_id),
                    "service_id": service_uuids[link.service_id],
                    "location_id": str(site_uuids[link.site_id]),
                    "description": _fi(link, "description"),
                    EXT: _texts(link, "description"),
                }
            ),
        )
    _add_hours(hsds, site_ids=set(), site_uuids=site_uuids, link_uuids=link_uuids)
    _add_activities(
        hsds,
        activity_list,
        site_uuids=site_uuids,
        service_uuids=service_uuids,
        organisation_uuids=organisation_uuids,
    )
    return hsds


def _add_organisation(
    hsds: HsdsSet,
    organisation: Organisation,
    municipalities: dict[int, Municipality],
    counties: dict[int, County],
) -> None:
    org_id = str(organisation.hsds_id)
    county = counties.get(organisation.county_id) if organisation.county_id else None
    municipality = (
        municipalities.get(organisation.municipality_id) if organisation.municipality_id else None
    )
    hsds.add(
        "organization",
        _compact(
            {
                "id": org_id,
                "name": _fi(organisation, "name"),
                "description": _fi(organisation, "description"),
                "email": organisation.email,
                "website": organisation.website,
                "tax_id": organisation.business_id,
                EXT: {
                    **_texts(organisation, "name", "description"),
                    "sector": organisation.sector,
                    "county_code": county.code if county else None,
                    "municipality_code": municipality.code if municipality else None,
                    "ptv_id": str(organisation.ptv_id) if organisation.ptv_id else None,
                },
            },
            keep=("name", "description"),
        ),
    )
    if organisation.business_id:
        hsds.add(
            "organization_identifier",
            {
                "id": derived_id(org_id, "business_id"),
                "organization_id": org_id,
                "identifier_scheme": BUSINESS_ID_SCHEME,
                "identifier_type": BUSINESS_ID_TYPE,
                "identifier": organisation.business_id,
            },
        )
    if organisation.phone:
        hsds.add(
            "phone",
            {
                "id": derived_id(org_id, "phone"),
                "organization_id": org_id,
                "number": organisation.phone,
            },
        )


def _add_site(
    hsds: HsdsSet,
    site: Site,
    municipalities: dict[int, Municipality],
    counties: dict[int, County],
    *,
    operator_id: str,
    area_id: str | None,
) -> None:
    site_id = str(site.hsds_id)
    municipality = municipalities[site.municipality_id]
    hsds.add(
        "location",
        _compact(
            {
                "id": site_id,
                "location_type": "physical",
                "url": site.website,
                "organization_id": operator_id,
                "name": _fi(site, "name"),
                "description": _fi(site, "description"),
                "transportation": _fi(site, "directions"),
                "latitude": site.latitude,
                "longitude": site.longitude,
                "external_identifier": str(site.ptv_id) if site.ptv_id else None,
                "external_identifier_type": PTV_IDENTIFIER_TYPE if site.ptv_id else None,
                EXT: {
                    **_texts(site, "name", "description", "directions"),
                    "kind": site.kind,
                    "municipality_code": municipality.code,
                    "area_id": area_id,
                    "email": site.email,
                },
            }
        ),
    )
    if site.street_address or site.postal_code:
        hsds.add(
            "address",
            {
                "id": derived_id(site_id, "address:physical"),
                "location_id": site_id,
                "address_1": _fi(site, "street_address"),
                "city": _fi(site, "post_office") or _fi(municipality, "name"),
                "region": _fi(municipality, "name"),
                "state_province": _fi(counties[municipality.county_id], "name"),
                "postal_code": site.postal_code,
                "country": "FI",
                "address_type": "physical",
                EXT: {
                    **_texts(site, "street_address", "post_office"),
                    "post_office_fi": _fi(site, "post_office"),
                },
            },
        )
    features = [name for name in SITE_FEATURES if getattr(site, name)]
    if site.accessibility or features:
        hsds.add(
            "accessibility",
            _compact(
                {
                    "id": derived_id(site_id, "accessibility"),
                    "location_id": site_id,
                    "description": _fi(site, "accessibility"),
                    "details": ", ".join(name.replace("_", " ") for name in features),
                    EXT: {**_texts(site, "accessibility"), "features": features},
                }
            ),
        )
    if site.phone:
        hsds.add(
            "phone",
            {"id": derived_id(site_id, "phone"), "location_id": site_id, "number": site.phone},
        )


def _add_service(
    hsds: HsdsSet,
    service: Service,
    *,
    organisation_id: str,
    type_codes: list[str],
) -> None:
    service_id = str(service.hsds_id)
    hsds.add(
        "service",
        _compact(
            {
                "id": service_id,
                "organization_id": organisation_id,
                "name": _fi(service, "name"),
                "description": _fi(service, "description"),
                "url": service.website,
                "email": service.email,
                "status": STATUS_TO_HSDS[Service.Status(service.status)],
                "fees_description": _fi(service, "cost_description"),
                "eligibility_description": _fi(service, "eligibility"),
                "application_process": "Referral needed." if service.referral_required else None,
                "minimum_age": _years(service.min_age_months),
                "maximum_age": _years(service.max_age_months),
                "assured_date": (
                    service.last_verified_at.isoformat() if service.last_verified_at else None
                ),
                "last_modified": hsds_datetime(service.updated_at),
                EXT: {
                    **_texts(
                        service, "name", "summary", "description", "eligibility", "cost_description"
                    ),
                    "summary_fi": _fi(service, "summary"),
                    "status": service.status,
                    "level": service.level,
                    "target_groups": list(service.target_groups),
                    "min_age_months": service.min_age_months,
                    "max_age_months": service.max_age_months,
                    "channels": list(service.channels),
                    "referral_required": service.referral_required,
                    "anonymous_contact": service.anonymous_contact,
                    "cost": service.cost,
                    "ptv_id": str(service.ptv_id) if service.ptv_id else None,
                    "service_area": service.service_area,
                },
            },
            keep=("name", "status"),
        ),
    )
    for code in type_codes:
        hsds.add(
            "attribute",
            {
                "id": derived_id(service_id, f"service_type:{code}"),
                "link_id": service_id,
                "link_type": "service_type",
                "link_entity": "service",
                "taxonomy_term_id": taxonomy_term_id(code),
                "value": code,
            },
        )
    for code in service.languages:
        hsds.add(
            "language",
            {
                "id": derived_id(service_id, f"language:{code}"),
                "service_id": service_id,
                "code": code,
                "name": LANGUAGE_NAMES.get(code, code),
            },
        )
    if service.phone:
        hsds.add(
            "phone",
            {
                "id": derived_id(service_id, "phone"),
                "service_id": service_id,
                "number": service.phone,
            },
        )


# The whole country as Suomi.fi PTV names its area types (fi, sv, en).
WHOLE_COUNTRY_NAMES = {
    Service.ServiceArea.NATIONAL: ("Koko maa", "Hela landet", "Nationwide"),
    Service.ServiceArea.NATIONAL_EXCEPT_ALAND: (
        "Koko maa paitsi Ahvenanmaa",
        "Hela landet utom Åland",
        "Nationwide except the Åland Islands",
    ),
}


def _add_service_areas(hsds: HsdsSet, service: Service, counties: list[County]) -> None:
    """The service's area beyond its sites: the whole country, or each county it names."""
    service_id = str(service.hsds_id)
    whole = WHOLE_COUNTRY_NAMES.get(Service.ServiceArea(service.service_area))
    if whole is not None:
        fi, sv, en = whole
        hsds.add(
            "service_area",
            {
                "id": derived_id(service_id, f"service_area:{service.service_area}"),
                "service_id": service_id,
                "name": fi,
                EXT: {"scope": service.service_area, "name_sv": sv, "name_en": en},
            },
        )
        return
    if service.service_area != Service.ServiceArea.COUNTIES:
        return
    for county in sorted(counties, key=lambda county: county.code):
        hsds.add(
            "service_area",
            {
                "id": derived_id(service_id, f"service_area:county:{county.code}"),
                "service_id": service_id,
                "name": _fi(county, "name"),
                EXT: {"scope": "county", "county_code": county.code, **_texts(county, "name")},
            },
        )


def _add_contact(hsds: HsdsSet, contact: ServiceContact, service_id: str) -> None:
    contact_id = str(contact.hsds_id)
    hsds.add(
        "contact",
        _compact(
            {
                "id": contact_id,
                "service_id": service_id,
                "name": contact.name,
                "title": _fi(contact, "title"),
                "email": contact.email,
                EXT: _texts(contact, "title"),
            }
        ),
    )
    if contact.phone:
        hsds.add(
            "phone",
            {
                "id": derived_id(contact_id, "phone"),
                "contact_id": contact_id,
                "number": contact.phone,
            },
        )


def _add_hours(
    hsds: HsdsSet, *, site_ids: set[int], site_uuids: dict[Any, Any], link_uuids: dict[int, str]
) -> None:
    """Weekly hours and their exceptions of the given sites or service-at-site links."""
    if site_ids:
        hours = _rows(OpeningHours.objects.all(), "site_id", site_ids)
        exceptions = _rows(OpeningHoursException.objects.all(), "site_id", site_ids)
    elif link_uuids:
        hours = _rows(OpeningHours.objects.all(), "service_at_site_id", set(link_uuids))
        exceptions = _rows(
            OpeningHoursException.objects.all(), "service_at_site_id", set(link_uuids)
        )
    else:
        return

    def owner(row: OpeningHours | OpeningHoursException) -> dict[str, str]:
        if row.site_id:
            return {"location_id": str(site_uuids[row.site_id])}
        return {"service_at_location_id": link_uuids[row.service_at_site_id or 0]}

    for row in hours:
        hsds.add(
            "schedule",
            _compact(
                {
                    "id": str(row.hsds_id),
                    **owner(row),
                    "valid_from": row.valid_from.isoformat() if row.valid_from else None,
                    "valid_to": row.valid_to.isoformat() if row.valid_to else None,
                    "freq": "WEEKLY",
                    "byday": WEEKDAYS[row.weekday],
                    "opens_at": hsds_time(row.opens),
                    "closes_at": hsds_time(row.closes),
                    EXT: {"kind": "opening_hours"},
                }
            ),
        )
    for exception in exceptions:
        parent = next(iter(owner(exception).values()))
        hsds.add(
            "schedule",
            _compact(
                {
                    "id": derived_id(parent, f"exception:{exception.date.isoformat()}"),
                    **owner(exception),
                    "valid_from": exception.date.isoformat(),
                    "valid_to": exception.date.isoformat(),
                    "dtstart": exception.date.isoformat(),
                    "opens_at": hsds_time(exception.opens) if exception.opens else None,
                    "closes_at": hsds_time(exception.closes) if exception.closes else None,
                    "description": _fi(exception, "reason"),
                    "notes": "closed" if exception.closed else None,
                    EXT: {
                        **_texts(exception, "reason"),
                        "kind": "hours_exception",
                        "closed": exception.closed,
                    },
                }
            ),
        )


def _add_activities(
    hsds: HsdsSet,
    activity_list: list[Activity],
    *,
    site_uuids: dict[Any, Any],
    service_uuids: dict[int, str],
    organisation_uuids: dict[Any, Any],
) -> None:
    professionals: dict[int, list[ProfessionalPresence]] = defaultdict(list)
    presences = ProfessionalPresence.objects.all()
    for presence in _rows(presences, "activity_id", {a.pk for a in activity_list}):
        professionals[presence.activity_id].append(presence)
    for activity in activity_list:
        hsds.add(
            "schedule",
            _compact(
                {
                    "id": str(activity.hsds_id),
                    "location_id": str(site_uuids[activity.site_id]),
                    "service_id": service_uuids.get(activity.service_id or 0),
                    "dtstart": activity.starts_on.isoformat(),
                    "valid_from": activity.starts_on.isoformat(),
                    **split_rrule(activity.rrule),
                    "opens_at": hsds_time(activity.start_time),
                    "closes_at": hsds_time(activity.end_time),
                    "description": _fi(activity, "title"),
                    "notes": _fi(activity, "description"),
                    "attending_type": "in_person",
                    EXT: {
                        "kind": "activity",
                        "activity": {
                            **_texts(activity, "title", "description"),
                            "activity_kind": activity.kind,
                            "organiser_id": str(organisation_uuids[activity.organiser_id]),
                            "rrule": activity.rrule,
                            "cancelled_dates": list(activity.cancelled_dates),
                            "min_age_months": activity.min_age_months,
                            "max_age_months": activity.max_age_months,
                            "languages": list(activity.languages),
                            "registration": activity.registration,
                            "registration_url": activity.registration_url,
                            "capacity": activity.capacity,
                            "free_of_charge": activity.free_of_charge,
                            "status": activity.status,
                            "professionals": [
                                {
                                    "role_fi": _fi(p, "role"),
                                    **_texts(p, "role", "note"),
                                    "note_fi": _fi(p, "note"),
                                    "service_id": service_uuids.get(p.service_id or 0),
                                }
                                for p in professionals[activity.pk]
                            ],
                        },
                    },
                }
            ),
        )


def hsds_export(*, include_drafts: bool = False) -> dict[str, list[dict[str, Any]]]:
    """The whole register as HSDS objects by type, each list sorted by id."""
    services = Service.objects.all()
    activities = Activity.objects.all()
    if not include_drafts:
        services = services.filter(status=Service.Status.PUBLISHED)
        activities = activities.filter(status=Service.Status.PUBLISHED)
    hsds = hsds_collect(
        organisations=Organisation.objects.all(),
        sites=Site.objects.all(),
        services=services,
        activities=activities,
    )
    return hsds.sorted()


def hsds_areas() -> list[dict[str, Any]]:
    """Every family centre area as an object of our extension file, sorted by id."""
    counties = dict(County.objects.values_list("pk", "code"))
    municipality_codes: dict[int, list[str]] = defaultdict(list)
    municipalities: Any = Area.municipalities.through
    for area_pk, code in municipalities.objects.values_list("area_id", "municipality__code"):
        municipality_codes[area_pk].append(code)
    postal_codes: dict[int, list[str]] = defaultdict(list)
    postal_areas: Any = Area.postal_areas.through
    for area_pk, code in postal_areas.objects.values_list("area_id", "postalarea__code"):
        postal_codes[area_pk].append(code)
    areas = [
        {
            "id": str(area.hsds_id),
            **{
                f"{name}_{lang}": getattr(area, f"{name}_{lang}") or ""
                for name in ("name", "description")
                for lang in ("fi", "sv", "en")
            },
            "county_code": counties[area.county_id],
            "municipality_codes": sorted(municipality_codes[area.pk]),
            "postal_codes": sorted(postal_codes[area.pk]),
            "population": area.population,
            "children": area.children,
        }
        for area in Area.objects.all()
    ]
    return sorted(areas, key=lambda a: a["id"])


def hsds_dumps(objects: list[dict[str, Any]]) -> str:
    return json.dumps(objects, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _write_array(path: Path, objects: list[dict[str, Any]]) -> None:
    """The same bytes as `hsds_dumps`, written object by object: one 100 MB string of a
    national `service.json` (and the encoder's pieces of it) is not held in memory at once."""
    if not objects:
        path.write_text(hsds_dumps(objects), encoding="utf-8")
        return
    with path.open("w", encoding="utf-8") as out:
        out.write("[\n")
        for position, obj in enumerate(objects):
            text = json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=True)
            # JSON strings hold no raw newlines, so each line is indented one level deeper.
            out.write("  " + text.replace("\n", "\n  "))
            out.write(",\n" if position < len(objects) - 1 else "\n")
        out.write("]\n")


def hsds_write(*, directory: Path, include_drafts: bool = False) -> dict[str, int]:
    """Write one `<type>.json` array per HSDS object type and our area file; returns the count
    of each."""
    directory.mkdir(parents=True, exist_ok=True)
    files = hsds_export(include_drafts=include_drafts)
    files[AREA_FILE] = hsds_areas()
    counts = {}
    for name in list(files):
        objects = files.pop(name)  # written objects are let go of
        _write_array(directory / f"{name}.json", objects)
        counts[name] = len(objects)
    return counts
