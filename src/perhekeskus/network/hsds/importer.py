"""Import of Open Referral HSDS 3.0 files (as `exporter.py` writes them; the mapping is described
there). All or nothing: every file and record is checked first — JSON syntax, the official schema,
duplicate ids, references between files, taxonomy terms, and our own model rules (business id,
postal code, ages …). If anything is wrong nothing is written and every error is listed as
`file / record id / field / reason`. Otherwise everything is written in one transaction, creating
or updating rows by their HSDS id, so a re-import updates without duplicates.

Our extension file `x_perhekeskus_area.json` (family centre areas, see `exporter.py`) is read
first when present, and checked in the same way (its schema, unknown county, municipality and
postal codes, duplicate ids); areas are created or updated by id before the sites that refer to
them. Files without it (plain HSDS from other publishers) import as before: their sites have no
area unless the register already knows it.

Objects without our `x_perhekeskus` extension (from other HSDS publishers) are read from the
standard fields where we can: a location's municipality from its postal code, a service's status
from the HSDS status, ages from years, a weekly schedule as opening hours.

Writing compares what the files say with what is stored, and writes only the difference: new
rows are created, rows whose content changed are updated (their `version` goes up and
`updated_at` is now; a new service keeps the file's `last_modified`), unchanged rows are not
touched, so importing the same files twice changes nothing. The report counts created, updated,
unchanged and deleted rows per type. Children that live inside an imported parent (service
types, contacts, links to sites, opening hours and their exceptions, professionals present) are
kept when unchanged, updated when changed, and deleted when the files no longer have them;
top-level objects missing from the files are left alone. `assurer_email` is not read (see the
exporter): a service's verifier stays as it is while the verified date is unchanged, and is
cleared when the date changes. Bulk import writes no ChangeRecord history per object (it would
double the write volume of a national import); the import report is the record.
"""

import json
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.utils import timezone, translation
from modeltranslation.translator import NotRegistered, translator

from perhekeskus.network.hsds.exporter import (
    AREA_FILE,
    EXT,
    HSDS_FILES,
    PTV_IDENTIFIER_TYPE,
    TAXONOMY_ID,
    WEEKDAYS,
    WHOLE_COUNTRY_NAMES,
    taxonomy_term_id,
)
from perhekeskus.network.hsds.schemas import area_object_errors, hsds_object_errors
from perhekeskus.network.models import (
    Activity,
    Area,
    County,
    Municipality,
    OpeningHours,
    OpeningHoursException,
    Organisation,
    PostalArea,
    ProfessionalPresence,
    Service,
    ServiceAtSite,
    ServiceContact,
    ServiceType,
    Site,
)
from perhekeskus.network.service_areas import service_area_errors
from perhekeskus.network.validators import validate_language_codes

HSDS_TO_STATUS = {
    "active": Service.Status.PUBLISHED,
    "temporarily closed": Service.Status.PUBLISHED,
    "inactive": Service.Status.DRAFT,
    "defunct": Service.Status.ARCHIVED,
}
# Which file an `<x>_id` field refers to.
REFERENCES = {
    "organization_id": "organization",
    "location_id": "location",
    "service_id": "service",
    "service_at_location_id": "service_at_location",
    "contact_id": "contact",
    "taxonomy_id": "taxonomy",
    "taxonomy_term_id": "taxonomy_term",
}
MODELS: dict[str, Any] = {
    AREA_FILE: Area,
    "organization": Organisation,
    "location": Site,
    "service": Service,
    "service_at_location": ServiceAtSite,
    "contact": ServiceContact,
    "activity": Activity,
}


@dataclass(frozen=True)
class HsdsError:
    file: str
    record_id: str
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file} / {self.record_id} / {self.field} / {self.reason}"


@dataclass
class ImportReport:
    errors: list[HsdsError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


Record = dict[str, Any]


class _Reader:
    """Reads and checks the files; collects errors instead of stopping at the first one."""

    def __init__(self, directory: Path, report: ImportReport) -> None:
        self.directory = directory
        self.report = report
        names = (*HSDS_FILES, AREA_FILE)
        self.records: dict[str, dict[str, Record]] = {name: {} for name in names}
        self.seen_ids: dict[str, set[str]] = {name: set() for name in names}

    def error(self, name: str, record_id: Any, fld: str, reason: str) -> None:
        self.report.errors.append(HsdsError(f"{name}.json", str(record_id), fld, reason))

    def read(self) -> None:
        if not self.directory.is_dir():
            self.error("-", "-", "-", f"{self.directory} is not a directory")
            return
        for path in sorted(self.directory.glob("*.json")):
            if path.stem not in (*HSDS_FILES, AREA_FILE):
                self.report.warnings.append(f"{path.name}: not an HSDS file we read; ignored")
        for name in (AREA_FILE, *HSDS_FILES):
            path = self.directory / f"{name}.json"
            if path.exists():
                self._read_file(name, path)

    def _read_file(self, name: str, path: Path) -> None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            where = (
                f"line {exc.lineno} column {exc.colno}: {exc.msg}"
                if isinstance(exc, json.JSONDecodeError)
                else str(exc)
            )
            self.error(name, "-", "-", f"not valid JSON ({where})")
            return
        if not isinstance(data, list):
            self.error(name, "-", "-", "the file must hold a JSON array of objects")
            return
        for position, record in enumerate(data):
            record_id = record.get("id") if isinstance(record, dict) else None
            label = record_id if isinstance(record_id, str) else f"#{position}"
            if not isinstance(record, dict):
                self.error(name, label, "-", "not a JSON object")
                continue
            if isinstance(record_id, str):
                if record_id in self.seen_ids[name]:
                    self.error(name, label, "id", "duplicate id")
                    continue
                self.seen_ids[name].add(record_id)
            if name == AREA_FILE:
                problems = area_object_errors(record)
            else:
                problems = hsds_object_errors(name, record)
            extension = record.get(EXT, {})
            if not isinstance(extension, dict):
                problems.append((EXT, "must be an object"))
            for fld, reason in problems:
                self.error(name, label, fld, reason)
            if not problems and isinstance(record_id, str):
                self.records[name][record_id] = record


class _Importer:
    def __init__(self, reader: _Reader, report: ImportReport) -> None:
        self.r = reader
        self.report = report
        self.error = reader.error
        self.existing: dict[str, dict[str, int]] = {
            name: {str(u): pk for u, pk in model.objects.values_list("hsds_id", "pk")}
            for name, model in MODELS.items()
        }
        self.counties = {c.code: c.pk for c in County.objects.all()}
        self.municipalities = {m.code: m for m in Municipality.objects.all()}
        self.municipality_names = {
            (m.name_fi or "").casefold(): m for m in self.municipalities.values()
        } | {(m.name_sv or "").casefold(): m for m in self.municipalities.values() if m.name_sv}
        self.postal = dict(PostalArea.objects.values_list("code", "municipality_id"))
        self.postal_pks = dict(PostalArea.objects.values_list("code", "pk"))
        self.type_ids = dict(ServiceType.objects.values_list("code", "pk"))
        self.our_terms = {taxonomy_term_id(code): code for code in self.type_ids}
        # Children by parent id, from the files.
        self.children: dict[tuple[str, str, str], list[Record]] = defaultdict(list)
        for name in (
            "organization_identifier",
            "address",
            "accessibility",
            "phone",
            "language",
            "service_area",
        ):
            for record in self.r.records[name].values():
                for fld in ("organization_id", "location_id", "service_id", "contact_id"):
                    if record.get(fld):
                        self.children[(name, fld, record[fld])].append(record)
        for record in self.r.records["attribute"].values():
            self.children[("attribute", "link_id", record.get("link_id", ""))].append(record)
        # Planned rows: (record id, instance) per type.
        self.plan: dict[str, list[tuple[str, Any]]] = defaultdict(list)
        self.service_types: dict[str, list[int]] = {}
        self.served_counties: dict[str, set[int]] = {}
        self.area_municipalities: dict[str, set[int]] = {}
        self.area_postal_areas: dict[str, set[int]] = {}
        self.exceptions: list[tuple[str, str, OpeningHoursException]] = []
        self.professionals: dict[str, list[tuple[ProfessionalPresence, str | None]]] = {}
        self.fk: dict[int, dict[str, str]] = {}

    # -- helpers -------------------------------------------------------------------------------
    def known(self, name: str, record_id: str) -> bool:
        if name == "taxonomy":
            return record_id in self.r.seen_ids[name] or record_id == TAXONOMY_ID
        if name == "taxonomy_term":
            return record_id in self.r.seen_ids[name] or record_id in self.our_terms
        return record_id in self.r.seen_ids[name] or record_id in self.existing.get(name, {})

    def child(self, name: str, fld: str, parent_id: str) -> list[Record]:
        return sorted(self.children.get((name, fld, parent_id), []), key=lambda r: r["id"])

    def one_child(self, name: str, fld: str, parent_id: str) -> Record | None:
        found = self.child(name, fld, parent_id)
        if len(found) > 1:
            self.report.warnings.append(
                f"{name}.json: {len(found)} records for {parent_id}; only {found[0]['id']} is kept"
            )
        return found[0] if found else None

    def clean(
        self, name: str, record_id: str, obj: models.Model, fk: list[str], prefix: str = f"{EXT}."
    ) -> None:
        """Our own field validation (business id, postal code, choices, coordinates …)."""
        try:
            obj.clean_fields(exclude=[*fk, "hsds_id"])
        except ValidationError as exc:
            for fld, messages in exc.message_dict.items():
                for message in messages:
                    self.error(name, record_id, f"{prefix}{fld}", str(message))

    def set_texts(self, obj: models.Model, name: str, fi: str, ext: Record) -> None:
        setattr(obj, f"{name}_fi", fi or "")
        setattr(obj, f"{name}_sv", ext.get(f"{name}_sv") or "")
        setattr(obj, f"{name}_en", ext.get(f"{name}_en") or "")
        obj.__dict__[name] = fi or ""

    def start(self, name: str, record_id: str, obj: models.Model) -> None:
        obj.hsds_id = uuid.UUID(record_id)  # type: ignore[attr-defined]
        self.plan[name].append((record_id, obj))

    def require_ref(self, name: str, record: Record, fld: str) -> str | None:
        value = record.get(fld)
        if not value:
            self.error(name, record["id"], fld, "is required here")
            return None
        return str(value)

    # -- checks --------------------------------------------------------------------------------
    def check_references(self) -> None:
        for name, records in self.r.records.items():
            for record in records.values():
                for fld, target in REFERENCES.items():
                    value = record.get(fld)
                    if value and not self.known(target, value):
                        what = "unknown taxonomy term" if target == "taxonomy_term" else target
                        self.error(
                            name,
                            record["id"],
                            fld,
                            f"refers to {what} {value}, which is neither in {target}.json "
                            "nor in the register",
                        )
                link = record.get("link_id")
                is_service_link = name == "attribute" and record.get("link_entity") == "service"
                if is_service_link and link and not self.known("service", link):
                    self.error(name, record["id"], "link_id", "refers to an unknown service")

    def check_taxonomy(self) -> None:
        for record in self.r.records["taxonomy_term"].values():
            ours = record.get("taxonomy_id") in (None, TAXONOMY_ID) or record.get("taxonomy") == (
                "perhekeskus-service-types"
            )
            if ours and record.get("code") not in self.type_ids:
                self.error(
                    "taxonomy_term",
                    record["id"],
                    "code",
                    f"unknown taxonomy term {record.get('code')!r}: not a Perhekeskus service type",
                )

    def term_code(self, attribute: Record) -> str | None:
        term_id = attribute.get("taxonomy_term_id")
        if not term_id:
            return None
        term = self.r.records["taxonomy_term"].get(term_id)
        code = term.get("code") if term else self.our_terms.get(term_id)
        if code not in self.type_ids:
            # Unknown ids and codes are reported by check_references and check_taxonomy.
            return None
        return str(code)

    # -- object mapping ------------------------------------------------------------------------
    def areas(self) -> None:
        """Family centre areas from our extension file (absent in plain HSDS: then none)."""
        for record_id, record in self.r.records[AREA_FILE].items():
            county = self.counties.get(record["county_code"])
            if county is None:
                self.error(AREA_FILE, record_id, "county_code", "unknown county")
            municipalities = set()
            for code in record.get("municipality_codes", []):
                municipality = self.municipalities.get(code)
                if municipality is None:
                    self.error(
                        AREA_FILE, record_id, "municipality_codes", f"unknown municipality {code}"
                    )
                elif county is not None and municipality.county_id != county:
                    self.error(
                        AREA_FILE,
                        record_id,
                        "municipality_codes",
                        f"municipality {code} is not in county {record['county_code']}",
                    )
                else:
                    municipalities.add(municipality.pk)
            postal_areas = set()
            for code in record.get("postal_codes", []):
                if code not in self.postal_pks:
                    self.error(AREA_FILE, record_id, "postal_codes", f"unknown postal code {code}")
                else:
                    postal_areas.add(self.postal_pks[code])
            obj = _new(
                Area, population=record.get("population", 0), children=record.get("children")
            )
            obj.county_id = county  # type: ignore[assignment]  # None only when refused above
            self.set_texts(obj, "name", record["name_fi"], record)
            self.set_texts(obj, "description", record.get("description_fi", ""), record)
            self.area_municipalities[record_id] = municipalities
            self.area_postal_areas[record_id] = postal_areas
            self.clean(AREA_FILE, record_id, obj, ["county"], prefix="")
            self.start(AREA_FILE, record_id, obj)

    def organisations(self) -> None:
        for record_id, record in self.r.records["organization"].items():
            ext = record.get(EXT, {})
            obj = _new(
                Organisation,
                sector=ext.get("sector") or "",
                email=record.get("email", ""),
                website=record.get("website", ""),
            )
            self.set_texts(obj, "name", record.get("name", ""), ext)
            self.set_texts(obj, "description", record.get("description", ""), ext)
            identifiers = [
                i
                for i in self.child("organization_identifier", "organization_id", record_id)
                if i.get("identifier_type") == "Y-tunnus" or i.get("identifier_scheme") == "FI-PRO"
            ]
            obj.business_id = (
                identifiers[0]["identifier"] if identifiers else record.get("tax_id", "")
            )
            phone = self.one_child("phone", "organization_id", record_id)
            obj.phone = phone["number"] if phone else ""
            obj.ptv_id = self.uuid_or_error("organization", record_id, ext, "ptv_id")
            if ext.get("county_code"):
                if ext["county_code"] not in self.counties:
                    self.error("organization", record_id, f"{EXT}.county_code", "unknown county")
                obj.county_id = self.counties.get(ext["county_code"])
            if ext.get("municipality_code"):
                municipality = self.municipalities.get(ext["municipality_code"])
                if municipality is None:
                    self.error(
                        "organization",
                        record_id,
                        f"{EXT}.municipality_code",
                        "unknown municipality",
                    )
                else:
                    obj.municipality_id = municipality.pk
                    obj.county_id = obj.county_id or municipality.county_id
            self.clean("organization", record_id, obj, ["county", "municipality"])
            self.start("organization", record_id, obj)

    def uuid_or_error(self, name: str, record_id: str, ext: Record, key: str) -> uuid.UUID | None:
        if not ext.get(key):
            return None
        try:
            return uuid.UUID(str(ext[key]))
        except ValueError:
            self.error(name, record_id, f"{EXT}.{key}", "not a UUID")
            return None

    def sites(self) -> None:
        for record_id, record in self.r.records["location"].items():
            ext = record.get(EXT, {})
            obj = _new(
                Site,
                kind=ext.get("kind") or Site.Kind.OTHER,
                latitude=record.get("latitude"),
                longitude=record.get("longitude"),
                website=record.get("url", ""),
                email=ext.get("email") or "",
            )
            self.set_texts(obj, "name", record.get("name", ""), ext)
            self.set_texts(obj, "description", record.get("description", ""), ext)
            self.set_texts(obj, "directions", record.get("transportation", ""), ext)
            if record.get("external_identifier_type") == PTV_IDENTIFIER_TYPE:
                obj.ptv_id = self.uuid_or_error(
                    "location", record_id, {"ptv": record.get("external_identifier")}, "ptv"
                )
            operator = self.require_ref("location", record, "organization_id")
            self.fk[id(obj)] = {"operator": operator or ""}
            address = self.one_child("address", "location_id", record_id) or {}
            address_ext = address.get(EXT, {})
            obj.postal_code = address.get("postal_code", "")
            self.set_texts(obj, "street_address", address.get("address_1", ""), address_ext)
            post_office = address_ext.get("post_office_fi", address.get("city", ""))
            self.set_texts(obj, "post_office", post_office, address_ext)
            municipality = self.site_municipality(ext, address)
            if municipality is None:
                self.error(
                    "location",
                    record_id,
                    f"{EXT}.municipality_code",
                    "municipality unknown: give a municipality code, or an address with a "
                    "Finnish postal code",
                )
            else:
                obj.municipality_id = municipality
            if ext.get("area_id"):
                if self.known(AREA_FILE, ext["area_id"]):
                    self.fk[id(obj)]["area"] = ext["area_id"]
                else:
                    self.report.warnings.append(
                        f"location.json / {record_id}: area {ext['area_id']} is neither in "
                        f"{AREA_FILE}.json nor in the register; the site is imported without "
                        "an area"
                    )
            accessibility = self.one_child("accessibility", "location_id", record_id) or {}
            access_ext = accessibility.get(EXT, {})
            self.set_texts(obj, "accessibility", accessibility.get("description", ""), access_ext)
            for feature in access_ext.get("features") or []:
                if feature in (
                    "step_free_access",
                    "accessible_toilet",
                    "induction_loop",
                    "pram_parking",
                ):
                    setattr(obj, feature, True)
            phone = self.one_child("phone", "location_id", record_id)
            obj.phone = phone["number"] if phone else ""
            self.clean("location", record_id, obj, ["area", "operator", "municipality"])
            self.start("location", record_id, obj)

    def site_municipality(self, ext: Record, address: Record) -> int | None:
        code = ext.get("municipality_code")
        if code in self.municipalities:
            return self.municipalities[code].pk
        if address.get("postal_code") in self.postal:
            return self.postal[address["postal_code"]]
        for name in (address.get("region"), address.get("city")):
            municipality = self.municipality_names.get(str(name or "").casefold())
            if municipality:
                return municipality.pk
        return None

    def services(self) -> None:
        for record_id, record in self.r.records["service"].items():
            ext = record.get(EXT, {})
            obj = _new(
                Service,
                status=ext.get("status") or HSDS_TO_STATUS[record["status"]],
                level=ext.get("level") or "universal",
                target_groups=ext.get("target_groups") or [],
                channels=ext.get("channels") or [],
                referral_required=bool(
                    ext.get("referral_required", bool(record.get("application_process")))
                ),
                anonymous_contact=bool(ext.get("anonymous_contact", False)),
                cost=ext.get("cost") or Service.Cost.FREE,
                email=record.get("email", ""),
                website=record.get("url", ""),
            )
            for ours, theirs in (
                ("min_age_months", "minimum_age"),
                ("max_age_months", "maximum_age"),
            ):
                months = ext.get(ours)
                if months is None and record.get(theirs) is not None:
                    months = round(record[theirs] * 12)
                setattr(obj, ours, months)
            if None not in (obj.min_age_months, obj.max_age_months) and (
                obj.min_age_months > obj.max_age_months  # type: ignore[operator]
            ):
                self.error("service", record_id, "minimum_age", "is above maximum_age")
            self.set_texts(obj, "name", record.get("name", ""), ext)
            self.set_texts(obj, "summary", ext.get("summary_fi", ""), ext)
            self.set_texts(obj, "description", record.get("description", ""), ext)
            self.set_texts(obj, "eligibility", record.get("eligibility_description", ""), ext)
            self.set_texts(obj, "cost_description", record.get("fees_description", ""), ext)
            obj.ptv_id = self.uuid_or_error("service", record_id, ext, "ptv_id")
            obj.last_verified_at = self.parse_date(
                "service", record_id, "assured_date", record.get("assured_date")
            )
            # Who verified is not taken from `assurer_email` (a person's address, if anyone's):
            # the verifier stays unset, or as it is when the verified date is unchanged.
            obj.updated_at = self.parse_datetime(record_id, record.get("last_modified"))
            phone = self.one_child("phone", "service_id", record_id)
            obj.phone = phone["number"] if phone else ""
            languages = [
                lang.get("code") for lang in self.child("language", "service_id", record_id)
            ]
            if any(not code for code in languages):
                self.error("language", record_id, "code", "a language of a service needs a code")
            obj.languages = _ordered_languages([c for c in languages if c])
            try:
                validate_language_codes(obj.languages)
            except ValidationError as exc:
                self.error("language", record_id, "code", str(exc.messages[0]))
            organisation = self.require_ref("service", record, "organization_id")
            self.fk[id(obj)] = {"organisation": organisation or ""}
            codes = [
                code
                for attribute in self.child("attribute", "link_id", record_id)
                if (code := self.term_code(attribute))
            ]
            if not codes:
                self.error(
                    "service",
                    record_id,
                    "attributes",
                    "a service needs at least one service "
                    "type (an attribute with a term of the perhekeskus-service-types taxonomy)",
                )
            self.service_types[record_id] = sorted({self.type_ids[c] for c in codes})
            self.service_area(record_id, obj, ext)
            self.clean("service", record_id, obj, ["organisation", "last_verified_by"])
            self.start("service", record_id, obj)

    def service_area(self, record_id: str, obj: Service, ext: Record) -> None:
        """The service's area: our code from its extension, or the scope of its service_area
        objects (the whole country, or the counties they name)."""
        areas = self.child("service_area", "service_id", record_id)
        scopes = [(area.get(EXT) or {}).get("scope") for area in areas]
        codes = [
            (area.get(EXT) or {}).get("county_code")
            for area, scope in zip(areas, scopes, strict=True)
            if scope == "county"
        ]
        whole = [scope for scope in scopes if scope in WHOLE_COUNTRY_NAMES]
        derived = whole[0] if whole else Service.ServiceArea.COUNTIES if codes else None
        obj.service_area = ext.get("service_area") or derived or Service.ServiceArea.LOCAL
        unknown = [str(code) for code in codes if code not in self.counties]
        if unknown:
            self.error(
                "service_area", record_id, f"{EXT}.county_code", f"unknown county {unknown[0]}"
            )
        self.served_counties[record_id] = {
            self.counties[code] for code in codes if code in self.counties
        }
        for problem in service_area_errors(
            service_area=obj.service_area, county_count=len(self.served_counties[record_id])
        ):
            self.error("service", record_id, f"{EXT}.service_area", str(problem.messages[0]))

    def parse_date(self, name: str, record_id: str, fld: str, value: Any) -> date | None:
        if not value:
            return None
        try:
            return date.fromisoformat(str(value)[:10])
        except ValueError:
            self.error(name, record_id, fld, "not a date (YYYY-MM-DD)")
            return None

    def parse_time(self, name: str, record_id: str, fld: str, value: Any) -> time | None:
        if not value:
            return None
        try:
            return time.fromisoformat(str(value))
        except ValueError:
            self.error(name, record_id, fld, "not a time (HH:MM)")
            return None

    def parse_datetime(self, record_id: str, value: Any) -> datetime:
        if value:
            try:
                parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
                return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)
            except ValueError:
                self.error("service", record_id, "last_modified", "not a date-time")
        return timezone.now()

    def contacts(self) -> None:
        for record_id, record in self.r.records["contact"].items():
            if not record.get("service_id"):
                self.report.warnings.append(
                    f"contact.json / {record_id}: only contacts of services are imported; ignored"
                )
                continue
            obj = _new(ServiceContact, name=record.get("name", ""), email=record.get("email", ""))
            self.set_texts(obj, "title", record.get("title", ""), record.get(EXT, {}))
            phone = self.one_child("phone", "contact_id", record_id)
            obj.phone = phone["number"] if phone else ""
            self.fk[id(obj)] = {"service": record["service_id"]}
            self.clean("contact", record_id, obj, ["service"])
            self.start("contact", record_id, obj)

    def links(self) -> None:
        for record_id, record in self.r.records["service_at_location"].items():
            obj = _new(ServiceAtSite)
            self.set_texts(obj, "description", record.get("description", ""), record.get(EXT, {}))
            service = self.require_ref("service_at_location", record, "service_id")
            site = self.require_ref("service_at_location", record, "location_id")
            self.fk[id(obj)] = {"service": service or "", "site": site or ""}
            self.start("service_at_location", record_id, obj)

    def schedules(self) -> None:
        for record_id, record in self.r.records["schedule"].items():
            ext = record.get(EXT, {})
            kind = ext.get("kind")
            owner = record.get("service_at_location_id") or record.get("location_id")
            if kind is None:
                if record.get("freq") == "WEEKLY" and record.get("byday") and owner:
                    kind = "opening_hours" if not record.get("service_id") else "activity"
                elif (
                    record.get("valid_from")
                    and record.get("valid_from") == record.get("valid_to")
                    and owner
                ):
                    kind = "hours_exception"
                elif record.get("location_id") and (
                    record.get("dtstart") or record.get("valid_from")
                ):
                    kind = "activity"
            if kind == "opening_hours" and owner:
                self.opening_hours(record_id, record)
            elif kind == "hours_exception" and owner:
                self.hours_exception(record_id, record, ext)
            elif kind == "activity" and record.get("location_id"):
                self.activity(record_id, record, ext.get("activity") or {})
            else:
                self.error(
                    "schedule",
                    record_id,
                    "-",
                    "cannot tell what this schedule is: opening hours need freq WEEKLY, byday and "
                    "a location or service_at_location; an activity needs a location and dtstart",
                )

    def owner_fk(self, record: Record) -> dict[str, str]:
        if record.get("service_at_location_id"):
            return {"service_at_site": record["service_at_location_id"]}
        return {"site": record["location_id"]}

    def opening_hours(self, record_id: str, record: Record) -> None:
        opens = self.parse_time("schedule", record_id, "opens_at", record.get("opens_at"))
        closes = self.parse_time("schedule", record_id, "closes_at", record.get("closes_at"))
        days = [d.strip() for d in str(record.get("byday", "")).split(",")]
        if opens is None or closes is None or opens >= closes:
            self.error(
                "schedule", record_id, "opens_at", "opening hours need opens_at before closes_at"
            )
            return
        if any(day not in WEEKDAYS for day in days):
            self.error("schedule", record_id, "byday", "weekdays are MO, TU, WE, TH, FR, SA, SU")
            return
        for day in days:
            hours_id = record_id if len(days) == 1 else str(uuid.uuid5(uuid.UUID(record_id), day))
            obj = OpeningHours(
                hsds_id=uuid.UUID(hours_id),
                weekday=WEEKDAYS.index(day),
                opens=opens,
                closes=closes,
                valid_from=self.parse_date(
                    "schedule", record_id, "valid_from", record.get("valid_from")
                ),
                valid_to=self.parse_date("schedule", record_id, "valid_to", record.get("valid_to")),
            )
            self.fk[id(obj)] = self.owner_fk(record)
            self.plan["opening_hours"].append((hours_id, obj))

    def hours_exception(self, record_id: str, record: Record, ext: Record) -> None:
        day = self.parse_date("schedule", record_id, "valid_from", record.get("valid_from"))
        opens = self.parse_time("schedule", record_id, "opens_at", record.get("opens_at"))
        closes = self.parse_time("schedule", record_id, "closes_at", record.get("closes_at"))
        if day is None:
            self.error("schedule", record_id, "valid_from", "an exceptional day needs its date")
            return
        closed = bool(ext.get("closed", record.get("notes") == "closed" or opens is None))
        if not closed and (opens is None or closes is None):
            self.error("schedule", record_id, "opens_at", "open on an exceptional day needs times")
        obj = _new(OpeningHoursException, date=day, closed=closed, opens=opens, closes=closes)
        self.set_texts(obj, "reason", record.get("description", ""), ext)
        self.fk[id(obj)] = self.owner_fk(record)
        self.plan["hours_exception"].append((record_id, obj))

    def activity(self, record_id: str, record: Record, ext: Record) -> None:
        location = self.r.records["location"].get(record["location_id"], {})
        organiser = ext.get("organiser_id") or location.get("organization_id")
        if organiser and not self.known("organization", organiser):
            self.error(
                "schedule", record_id, f"{EXT}.activity.organiser_id", "unknown organization"
            )
        if not organiser and record["location_id"] not in self.r.records["location"]:
            organiser = ""  # resolved from the site in the register when written
        rrule = ext.get("rrule")
        if rrule is None:
            parts = [
                (k.upper(), record.get(k))
                for k in ("freq", "interval", "byday", "bymonthday", "count", "wkst")
            ]
            rrule = ";".join(f"{k}={v}" for k, v in parts if v not in (None, ""))
            if record.get("until"):
                rrule += f";UNTIL={str(record['until'])[:10].replace('-', '')}"
        starts_on = self.parse_date(
            "schedule", record_id, "dtstart", record.get("dtstart") or record.get("valid_from")
        )
        start_time = self.parse_time("schedule", record_id, "opens_at", record.get("opens_at"))
        end_time = self.parse_time("schedule", record_id, "closes_at", record.get("closes_at"))
        if starts_on is None or start_time is None or end_time is None:
            self.error(
                "schedule",
                record_id,
                "dtstart",
                "an activity needs dtstart, opens_at and closes_at",
            )
            return
        if start_time >= end_time:
            self.error("schedule", record_id, "opens_at", "an activity must start before it ends")
        obj = _new(
            Activity,
            kind=ext.get("activity_kind") or Activity.Kind.OTHER,
            starts_on=starts_on,
            start_time=start_time,
            end_time=end_time,
            rrule=rrule,
            cancelled_dates=ext.get("cancelled_dates") or [],
            min_age_months=ext.get("min_age_months"),
            max_age_months=ext.get("max_age_months"),
            languages=ext.get("languages") or [],
            registration=ext.get("registration") or Activity.Registration.NONE,
            registration_url=ext.get("registration_url") or "",
            capacity=ext.get("capacity"),
            free_of_charge=bool(ext.get("free_of_charge", True)),
            status=ext.get("status") or Service.Status.PUBLISHED,
        )
        self.set_texts(obj, "title", record.get("description", ""), ext)
        self.set_texts(obj, "description", record.get("notes", ""), ext)
        self.fk[id(obj)] = {
            "site": record["location_id"],
            "organiser": organiser or "",
            "service": record.get("service_id") or "",
        }
        self.clean("schedule", record_id, obj, ["site", "organiser", "service"])
        self.start("activity", record_id, obj)
        presences = []
        for presence in ext.get("professionals") or []:
            if not isinstance(presence, dict):
                self.error("schedule", record_id, f"{EXT}.activity.professionals", "not an object")
                continue
            p = _new(ProfessionalPresence)
            self.set_texts(p, "role", presence.get("role_fi", ""), presence)
            self.set_texts(p, "note", presence.get("note_fi", ""), presence)
            service = presence.get("service_id")
            if service and not self.known("service", service):
                self.error(
                    "schedule", record_id, f"{EXT}.activity.professionals", "unknown service"
                )
            presences.append((p, service))
        self.professionals[record_id] = presences

    # -- writing -------------------------------------------------------------------------------
    def write(self) -> None:
        """Write what differs from the register: rows whose content is unchanged are left as
        they are (same version, same updated_at), so a second import of the same files changes
        nothing."""
        sync = _Sync(report=self.report)
        ids = self.ids = {name: dict(pks) for name, pks in self.existing.items()}

        def resolve(name: str, targets: dict[str, str]) -> None:
            for _record_id, obj in self.plan[name]:
                fk = self.fk.get(id(obj), {})
                for attr, target in targets.items():
                    setattr(obj, f"{attr}_id", self.pk(target, fk.get(attr, "")))

        # Areas first: sites refer to them.
        area_links = [
            ("municipalities", "municipality_id", self.area_municipalities),
            ("postal_areas", "postalarea_id", self.area_postal_areas),
        ]
        self.write_with_links(sync, AREA_FILE, Area, "area_id", area_links)
        sync.rows("organization", Organisation, self.plan["organization"], ids=ids)
        resolve("location", {"operator": "organization", "area": AREA_FILE})
        sync.rows("location", Site, self.plan["location"], ids=ids)
        resolve("service", {"organisation": "organization"})
        service_types = {rid: set(types) for rid, types in self.service_types.items()}
        self.write_with_links(
            sync,
            "service",
            Service,
            "service_id",
            [
                ("service_types", "servicetype_id", service_types),
                ("served_counties", "county_id", self.served_counties),
            ],
        )
        service_pks = {ids["service"][rid] for rid, _ in self.plan["service"]}
        resolve("contact", {"service": "service"})
        sync.rows("contact", ServiceContact, self.plan["contact"], ids=ids)
        sync.delete_missing(
            "contact", ServiceContact, ("service_id",), (service_pks,), self.plan["contact"]
        )
        resolve("service_at_location", {"service": "service", "site": "location"})
        sync.rows("service_at_location", ServiceAtSite, self.plan["service_at_location"], ids=ids)
        sync.delete_missing(
            "service_at_location",
            ServiceAtSite,
            ("service_id",),
            (service_pks,),
            self.plan["service_at_location"],
        )
        self.write_hours(sync)
        self.write_activities(sync)

    def pk(self, name: str, value: str) -> int | None:
        return self.ids[name].get(value) if value else None

    def write_with_links(
        self,
        sync: "_Sync",
        name: str,
        model: Any,
        owner_column: str,
        links: list[tuple[str, str, dict[str, set[int]]]],
    ) -> None:
        """Rows with many-to-many links (an area's municipalities, a service's types): a row
        whose links changed is a changed row (its version goes up)."""
        plan = self.plan[name]
        existing = self.existing[name]
        owners = {existing[rid] for rid, _ in plan if rid in existing}
        stored = {
            relation: _links_stored(
                getattr(model, relation).through, owner_column, target_column, owners
            )
            for relation, target_column, _wanted in links
        }
        touched = {
            rid
            for rid, _ in plan
            if rid in existing
            for relation, _target, wanted in links
            if stored[relation].get(existing[rid], set()) != wanted.get(rid, set())
        }
        sync.rows(name, model, plan, ids=self.ids, touched=touched)
        for relation, target_column, wanted in links:
            sync.links(
                f"{name}.{relation}",
                getattr(model, relation).through,
                owner_column,
                target_column,
                {self.ids[name][rid]: wanted.get(rid, set()) for rid, _ in plan},
                stored[relation],
            )

    def write_hours(self, sync: "_Sync") -> None:
        def owner(obj: Any) -> None:
            fk = self.fk[id(obj)]
            obj.site_id = self.pk("location", fk.get("site", ""))
            obj.service_at_site_id = self.pk("service_at_location", fk.get("service_at_site", ""))

        site_pks = {self.ids["location"][rid] for rid, _ in self.plan["location"]}
        link_pks = {
            self.ids["service_at_location"][rid] for rid, _ in self.plan["service_at_location"]
        }
        owners = ("site_id", "service_at_site_id")
        for _, obj in self.plan["opening_hours"]:
            owner(obj)
        sync.rows("opening_hours", OpeningHours, self.plan["opening_hours"], ids=self.ids)
        sync.delete_missing(
            "opening_hours", OpeningHours, owners, (site_pks, link_pks), self.plan["opening_hours"]
        )
        for _, obj in self.plan["hours_exception"]:
            owner(obj)
        # An exceptional day is known by its owner and date (its HSDS id is derived from them).
        key = ("site_id", "service_at_site_id", "date")
        plan = self.plan["hours_exception"]
        sync.rows("hours_exception", OpeningHoursException, plan, ids=self.ids, key=key)
        sync.delete_missing(
            "hours_exception", OpeningHoursException, owners, (site_pks, link_pks), plan, key=key
        )

    def write_activities(self, sync: "_Sync") -> None:
        site_operator = dict(Site.objects.values_list("pk", "operator_id"))
        for _, obj in self.plan["activity"]:
            fk = self.fk[id(obj)]
            site = self.pk("location", fk["site"])
            organiser = self.pk("organization", fk["organiser"]) or site_operator[site or 0]
            obj.__dict__.update(
                site_id=site, organiser_id=organiser, service_id=self.pk("service", fk["service"])
            )
        sync.rows("activity", Activity, self.plan["activity"], ids=self.ids)
        wanted: dict[int, list[models.Model]] = {}
        for record_id, items in self.professionals.items():
            activity_pk = self.ids["activity"][record_id]
            wanted[activity_pk] = []
            for presence, service in items:
                presence.activity_id = activity_pk
                presence.service_id = self.pk("service", service or "")
                wanted[activity_pk].append(presence)
        sync.lists("professional_presence", ProfessionalPresence, "activity_id", wanted)


Key = tuple[Any, ...]


def _content_fields(model: Any, *, skip: Iterable[str] = ()) -> list[Any]:
    """The columns an import compares and writes: not the primary key nor the bookkeeping."""
    skipped = {"created_at", "updated_at", "version", *skip}
    return [f for f in model._meta.concrete_fields if not f.primary_key and f.name not in skipped]


def _plain(model: Any) -> Any:
    """All rows, columns by their own names (modeltranslation would read `name` as `name_fi`)."""
    queryset = model.objects.all()
    return queryset.rewrite(False) if hasattr(queryset, "rewrite") else queryset


def _values(obj: models.Model, fields: list[Any]) -> Key:
    # __dict__, not getattr: a translated field's getter depends on the active language.
    return tuple(obj.__dict__.get(f.attname) for f in fields)


def _stored_values(model: Any, fields: list[Any]) -> Callable[[Key], Key]:
    """Stored values as an import would write them: a translation column that was never
    filled is NULL, which an export writes (and an import reads) as ""."""
    translated = set(_translated_columns(model))
    nullable = [i for i, f in enumerate(fields) if f.name in translated]
    if not nullable:
        return lambda row: row

    def normal(row: Key) -> Key:
        values = list(row)
        for i in nullable:
            if values[i] is None:
                values[i] = ""
        return tuple(values)

    return normal


def _execute_many(sql: str, fields: list[Any], rows: list[Key]) -> None:
    """One statement for many rows, values prepared as Django prepares them for this database
    (a raw statement: bulk_update's CASE WHEN per row and field is slow at this size)."""
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 2000):
            cursor.executemany(
                sql,
                [
                    tuple(
                        f.get_db_prep_save(value, connection)
                        for f, value in zip(fields, row, strict=True)
                    )
                    for row in rows[start : start + 2000]
                ],
            )


def _insert(model: Any, fields: list[Any], rows: list[Key]) -> None:
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    table = connection.ops.quote_name(model._meta.db_table)
    _execute_many(f"INSERT INTO {table} ({columns}) VALUES ({marks})", fields, rows)


def _links_stored(
    through: Any, owner_column: str, target_column: str, owners: set[int]
) -> dict[int, set[int]]:
    stored: dict[int, set[int]] = defaultdict(set)
    rows = through.objects.values_list(owner_column, target_column).iterator(chunk_size=5000)
    for owner, target in rows:
        if owner in owners:
            stored[owner].add(target)
    return stored


class _Sync:
    """Creates, updates and deletes only what differs from the register, counting each."""

    def __init__(self, *, report: ImportReport) -> None:
        self.report = report
        self.now = timezone.now()

    def count(self, name: str, **counts: int) -> None:
        entry = self.report.counts.setdefault(
            name, {"created": 0, "updated": 0, "unchanged": 0, "deleted": 0}
        )
        for what, number in counts.items():
            entry[what] += number

    def rows(
        self,
        name: str,
        model: Any,
        plan: list[tuple[str, models.Model]],
        *,
        ids: dict[str, dict[str, int]],
        touched: set[str] | None = None,
        key: tuple[str, ...] = ("hsds_id",),
    ) -> None:
        """Create the rows not in the register, update those whose content differs (or whose
        links changed: `touched`), leave the rest alone. Fills `ids[name]` (record id → pk)
        for rows known by their HSDS id."""
        meta = model._meta
        key_fields = [meta.get_field(k) for k in key]
        # Who verified a service is the register's own knowledge (see `services`): it is
        # cleared only when the verified date changes.
        fields = _content_fields(model, skip=[*(f.name for f in key_fields), "last_verified_by"])
        wanted = {_values(obj, key_fields): (record_id, obj) for record_id, obj in plan}
        stored: dict[Key, tuple[int, Key]] = {}
        rows = _plain(model).values_list(
            "pk", *[f.attname for f in key_fields], *[f.attname for f in fields]
        )
        stored_values = _stored_values(model, fields)
        for row in rows.iterator(chunk_size=2000):
            row_key = row[1 : 1 + len(key)]
            if row_key in wanted:
                stored[row_key] = (row[0], stored_values(row[1 + len(key) :]))
        versioned = any(f.name == "version" for f in meta.concrete_fields)
        names = [f.name for f in fields]
        verified = names.index("last_verified_at") if "last_verified_at" in names else None
        created: list[Key] = []
        updated: list[Key] = []
        cleared: list[Key] = []
        unchanged = 0
        for row_key, (record_id, obj) in wanted.items():
            values = _values(obj, fields)
            if row_key not in stored:
                if versioned:
                    # A service keeps its publisher's last_modified; other rows are new now.
                    stamp = obj.__dict__.get("updated_at") or self.now
                    created.append((*row_key, *values, 1, self.now, stamp))
                else:
                    created.append((*row_key, *values))
                continue
            pk, before = stored[row_key]
            if values == before and record_id not in (touched or set()):
                unchanged += 1
                continue
            updated.append((*values, self.now, pk) if versioned else (*values, pk))
            if verified is not None and values[verified] != before[verified]:
                cleared.append((pk,))
        bookkeeping = (
            [meta.get_field(n) for n in ("version", "created_at", "updated_at")]
            if versioned
            else []
        )
        _insert(model, [*key_fields, *fields, *bookkeeping], created)
        quote = connection.ops.quote_name
        table, pk_column = quote(meta.db_table), quote(meta.pk.column)
        sets = [f"{quote(f.column)} = %s" for f in fields]
        update_fields = list(fields)
        if versioned:
            sets += [f"{quote('version')} = {quote('version')} + 1", f"{quote('updated_at')} = %s"]
            update_fields.append(meta.get_field("updated_at"))
        _execute_many(
            f"UPDATE {table} SET {', '.join(sets)} WHERE {pk_column} = %s",
            [*update_fields, meta.pk],
            updated,
        )
        if cleared:
            _execute_many(
                f"UPDATE {table} SET {quote('last_verified_by_id')} = NULL WHERE {pk_column} = %s",
                [meta.pk],
                cleared,
            )
        if key == ("hsds_id",):
            pks = ids.setdefault(name, {})
            new = {row[0] for row in created}
            if new:
                for hsds_id, pk in model.objects.values_list("hsds_id", "pk").iterator(
                    chunk_size=5000
                ):
                    if hsds_id in new:
                        pks[str(hsds_id)] = pk
            for row_key, (pk, _before) in stored.items():
                pks[str(row_key[0])] = pk
        self.count(name, created=len(created), updated=len(updated), unchanged=unchanged)

    def delete_missing(
        self,
        name: str,
        model: Any,
        owners: tuple[str, ...],
        owner_pks: tuple[set[int], ...],
        plan: list[tuple[str, models.Model]],
        *,
        key: tuple[str, ...] = ("hsds_id",),
    ) -> None:
        """Delete the children of imported parents that the files no longer have
        (`owner_pks[i]`: the imported parents' pks for the column `owners[i]`)."""
        key_fields = [model._meta.get_field(k) for k in key]
        keep = {_values(obj, key_fields) for _, obj in plan}
        doomed = []
        # values_list() would drop a column named twice (an owner that is also in the key).
        columns = list(dict.fromkeys([*owners, *[f.attname for f in key_fields]]))
        for pk, *row in model.objects.values_list("pk", *columns).iterator(chunk_size=5000):
            values = dict(zip(columns, row, strict=True))
            owned = any(
                values[column] in pks for column, pks in zip(owners, owner_pks, strict=True)
            )
            if owned and tuple(values[f.attname] for f in key_fields) not in keep:
                doomed.append(pk)
        _delete(model, doomed)
        self.count(name, deleted=len(doomed))

    def links(
        self,
        name: str,
        through: Any,
        owner_column: str,
        target_column: str,
        wanted: dict[int, set[int]],
        stored: dict[int, set[int]],
    ) -> None:
        """Many-to-many links of the imported owners: add the new, remove the dropped."""
        added = [
            (owner, target)
            for owner, targets in wanted.items()
            for target in sorted(targets - stored.get(owner, set()))
        ]
        removed = 0
        for owner, targets in wanted.items():
            dropped = stored.get(owner, set()) - targets
            if dropped:
                through.objects.filter(
                    **{owner_column: owner, f"{target_column}__in": dropped}
                ).delete()
                removed += len(dropped)
        meta = through._meta
        _insert(through, [meta.get_field(owner_column), meta.get_field(target_column)], added)
        kept = sum(len(targets) for targets in wanted.values()) - len(added)
        self.count(name, created=len(added), deleted=removed, unchanged=kept)

    def lists(
        self, name: str, model: Any, owner_column: str, wanted: dict[int, list[models.Model]]
    ) -> None:
        """Children without ids of their own (professionals present): an owner's list is kept
        when it is the same, in the same order, and replaced otherwise."""
        owner_field = model._meta.get_field(owner_column.removesuffix("_id"))
        fields = _content_fields(model, skip=[owner_field.name])
        stored: dict[int, list[tuple[int, Key]]] = defaultdict(list)
        rows = (
            _plain(model)
            .order_by("pk")
            .values_list("pk", owner_column, *[f.attname for f in fields])
        )
        stored_values = _stored_values(model, fields)
        for row in rows.iterator(chunk_size=5000):
            if row[1] in wanted:
                stored[row[1]].append((row[0], stored_values(row[2:])))
        doomed: list[int] = []
        created: list[Key] = []
        unchanged = 0
        for owner, items in wanted.items():
            values = [_values(obj, fields) for obj in items]
            before = stored.get(owner, [])
            if values == [v for _, v in before]:
                unchanged += len(values)
                continue
            doomed += [pk for pk, _ in before]
            created += [(owner, *v) for v in values]
        _delete(model, doomed)
        _insert(model, [owner_field, *fields], created)
        self.count(name, created=len(created), deleted=len(doomed), unchanged=unchanged)


M = TypeVar("M", bound=models.Model)


def _new(model: type[M], **values: Any) -> M:
    """A new instance, its translated columns given ("" until set), so that modeltranslation
    does not compute each one's default under each language (a third of a large import)."""
    for column in _translated_columns(model):
        values.setdefault(column, "")
    return model(**values)


@cache
def _translated_columns(model: type[models.Model]) -> tuple[str, ...]:
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return ()
    return tuple(sorted(f.name for fields in options.all_fields.values() for f in fields))


def _delete(model: Any, pks: Iterable[int]) -> None:
    """Delete by primary key in chunks: SQLite limits the variables of one statement."""
    pk_list = list(pks)
    for start in range(0, len(pk_list), 500):
        model._default_manager.filter(pk__in=pk_list[start : start + 500]).delete()


def _ordered_languages(codes: list[str]) -> list[str]:
    """The national languages first, then the rest alphabetically (HSDS keeps no order)."""
    national = ("fi", "sv", "en")
    return sorted(set(codes), key=lambda c: (national.index(c) if c in national else 3, c))


def hsds_import(*, directory: Path) -> ImportReport:
    """Check everything in `directory`, then write all of it in one transaction, or nothing."""
    report = ImportReport()
    reader = _Reader(directory, report)
    reader.read()
    with translation.override("fi"):
        importer = _Importer(reader, report)
        importer.check_references()
        importer.check_taxonomy()
        importer.areas()
        importer.organisations()
        importer.sites()
        importer.services()
        importer.contacts()
        importer.links()
        importer.schedules()
        if report.errors:
            return report
        # The planned rows hold all that is written; let the parsed files go before the
        # stored rows are read for comparison (about half the peak memory of a national import).
        reader.records.clear()
        importer.children.clear()
        with transaction.atomic():
            importer.write()
    return report
