"""Import of PTV objects into the network register: organisations, service locations (sites)
and services, created or updated by their PTV ids. All or nothing: every document is read and
checked first (JSON, PTV's rules, references to organisations and municipalities, our own field
rules); when anything is wrong nothing is written and every error is listed with its file,
JSON path and reason. Otherwise everything is written in one transaction.

What maintainers did is kept:
- Activities, professionals' visits, family centre areas and maintainers are never touched.
- Each imported object has a `PtvRecord` holding the values the last import wrote. On the next
  import a field whose stored value differs from that snapshot has been edited here: it is not
  overwritten. If PTV has meanwhile changed it too, the difference is a `Conflict` (field, our
  value, PTV's value), reported by the run and listed in the admin until a maintainer takes
  PTV's value or keeps ours. An object first met with no snapshot (a PTV id typed in by hand)
  keeps every value that differs from PTV's, each a conflict.
- Sets (a service's types, target groups, channels and sites) are merged: what a maintainer
  added or removed by hand stays so, and PTV's own additions and removals are applied.
- An object a maintainer deleted (or unlinked from PTV) is not created again.

Objects whose content is unchanged are not saved at all, so a second run of the same documents
changes nothing (no new versions, no new `updated_at`). Changed objects are saved as a
maintainer's edit is (`fields.object_write`): version, validation, change history, and a new
`updated_at` that the search index notices.

Classifications map to our vocabulary through `ClassificationMapping` rows (data, editable in
the admin): a service's types come from its ontology terms when any of them is mapped (the more
specific classification), otherwise from its service classes; its target groups from every
mapped code. A code without a mapping row is listed as unmapped, never guessed; a service left
without a type is imported as a draft and listed.
"""

import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from perhekeskus.network.models import County, Municipality, Organisation, Service, Site
from perhekeskus.network.reference_data import read_csv
from perhekeskus.ptv import parsing
from perhekeskus.ptv.documents import Item, Problem
from perhekeskus.ptv.fields import SET_FIELDS, object_write, values_read
from perhekeskus.ptv.models import ClassificationMapping, Conflict, ImportRun, PtvRecord

LANGUAGES = parsing.LANGUAGES
KINDS = ("organisation", "site", "service")
STATUS_FROM_PTV = {
    "Published": Service.Status.PUBLISHED,
    "Draft": Service.Status.DRAFT,
    "Modified": Service.Status.DRAFT,
}
LIVE_STATUSES = ("Published", "Draft", "Modified")
CHANNEL_ORDER = ("Phone", "EChannel", "WebPage", "PrintableForm", "ServiceLocation")
# Where in a PTV object each of our fields comes from, for errors found by our own rules.
FIELD_PATHS = {
    "business_id": ".businessCode",
    "email": ".emails",
    "phone": ".phoneNumbers",
    "website": ".webPages",
    "languages": ".languages",
    "summary": ".serviceDescriptions",
    "cost_description": ".serviceDescriptions",
    "eligibility": ".requirements",
}


@dataclass
class Report:
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    read: dict[str, int] = field(default_factory=dict)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    unmapped: list[dict[str, Any]] = field(default_factory=list)
    untyped: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def count(self, kind: str, what: str) -> None:
        entry = self.counts.setdefault(
            kind, {"created": 0, "updated": 0, "unchanged": 0, "conflicts": 0}
        )
        entry[what] += 1


@dataclass
class Merge:
    writes: dict[str, Any]
    snapshot: dict[str, Any]
    conflicts: dict[str, tuple[Any, Any]]


def _empty(value: Any) -> bool:
    return value in (None, "", [])


def merge(local: dict[str, Any], snapshot: dict[str, Any], wanted: dict[str, Any]) -> Merge:
    """Three-way merge of one object's fields: stored (`local`), last written (`snapshot`) and
    PTV's now (`wanted`). Returns what to write, the new snapshot and the conflicts."""
    writes: dict[str, Any] = {}
    new_snapshot = dict(snapshot)
    conflicts: dict[str, tuple[Any, Any]] = {}
    for name, theirs in wanted.items():
        ours = local[name]
        if name in SET_FIELDS:
            base, mine, ptv = set(snapshot.get(name, [])), set(ours), set(theirs)
            merged = (ptv | (mine - base)) - (base - mine)
            if merged != mine:
                writes[name] = sorted(merged)
            new_snapshot[name] = sorted(ptv)
            continue
        if name not in snapshot:
            if ours == theirs or _empty(ours):
                if ours != theirs:
                    writes[name] = theirs
                new_snapshot[name] = theirs
            else:
                conflicts[name] = (ours, theirs)
            continue
        base = snapshot[name]
        if ours == base:
            if theirs != ours:
                writes[name] = theirs
            new_snapshot[name] = theirs
        elif theirs == base:
            pass  # edited here, unchanged in PTV: ours stays, nothing to say
        elif theirs == ours:
            new_snapshot[name] = theirs  # both ended up the same
        else:
            conflicts[name] = (ours, theirs)
    return Merge(writes, new_snapshot, conflicts)


def _texts(prefix: str, texts: dict[str, str], limit: int | None = None) -> dict[str, str]:
    return {
        f"{prefix}_{language}": (
            texts.get(language, "")[:limit] if limit else texts.get(language, "")
        )
        for language in LANGUAGES
    }


def _title(value: str) -> str:
    """PTV writes post offices in capitals (KUOPIO); families read Kuopio."""
    return value.title() if value.isupper() else value


class Importer:
    def __init__(self, items: list[Item], report: Report) -> None:
        self.items = items
        self.report = report
        self.organisations: dict[uuid.UUID, parsing.Organisation] = {}
        self.locations: dict[uuid.UUID, parsing.Channel] = {}
        self.contacts: dict[uuid.UUID, parsing.Channel] = {}
        self.services: dict[uuid.UUID, parsing.Service] = {}
        self.wanted: dict[tuple[str, uuid.UUID], dict[str, Any]] = {}
        self.codes: dict[tuple[str, uuid.UUID], list[list[str]]] = {}
        self.service_org: dict[uuid.UUID, uuid.UUID] = {}
        self.service_types: dict[uuid.UUID, set[str]] = {}
        self.service_sites: dict[uuid.UUID, set[uuid.UUID]] = {}
        # A link between a service and a channel may be written on either side in PTV: both
        # sides indexed once, so that a county's thousands of services are not scanned per object.
        self.services_named_by_channel: dict[uuid.UUID, set[uuid.UUID]] = {}
        self.channels_named_by_service: dict[uuid.UUID, set[uuid.UUID]] = {}
        self.run: ImportRun | None = None

    # -- reading and checking ------------------------------------------------------------------
    def parse(self) -> None:
        parser = parsing.Parser(self.report.errors, self.report.warnings)
        seen: dict[tuple[str, uuid.UUID], Item] = {}
        read: Counter[str] = Counter()
        for item in self.items:
            parsed = getattr(parser, item.kind)(item)
            if parsed is None:
                continue
            key = ("channel" if item.kind == "channel" else item.kind, parsed.ptv_id)
            if key in seen:
                first = seen[key]
                self.report.errors.append(
                    Problem(
                        item.file,
                        f"{item.path}.id",
                        _("the same PTV id is also at %(file)s %(path)s")
                        % {"file": first.file, "path": first.path},
                    )
                )
                continue
            seen[key] = item
            if isinstance(parsed, parsing.Organisation):
                self.organisations[parsed.ptv_id] = parsed
                read["organisation"] += 1
            elif isinstance(parsed, parsing.Service):
                self.services[parsed.ptv_id] = parsed
                read["service"] += 1
            else:
                assert isinstance(parsed, parsing.Channel)
                target = (
                    self.locations if parsed.channel_type == "ServiceLocation" else self.contacts
                )
                target[parsed.ptv_id] = parsed
                read[parsed.channel_type] += 1
        self.report.read = dict(read)

    def error(self, parsed: parsing.Parsed, path: str, reason: str) -> None:
        self.report.errors.append(Problem(parsed.item.file, f"{parsed.item.path}{path}", reason))

    def warn(self, parsed: parsing.Parsed, path: str, reason: str) -> None:
        self.report.warnings.append(Problem(parsed.item.file, f"{parsed.item.path}{path}", reason))

    def load_register(self) -> None:
        self.municipalities = {
            code: county
            for code, county in Municipality.objects.values_list("code", "county__code")
        }
        self.county_codes = set(County.objects.values_list("code", flat=True))
        self.region_municipalities: dict[str, set[str]] = defaultdict(set)
        for row in read_csv("municipalities.csv"):
            self.region_municipalities[row["maakunta_code"]].add(row["kuntanumero"])
        self.mappings = {
            (m.kind, m.code): m
            for m in ClassificationMapping.objects.select_related("service_type")
        }
        self.org_ids = {
            u: pk
            for u, pk in Organisation.objects.filter(ptv_id__isnull=False).values_list(
                "ptv_id", "pk"
            )
        }
        self.site_ids = {
            u: pk for u, pk in Site.objects.filter(ptv_id__isnull=False).values_list("ptv_id", "pk")
        }
        self.org_counties: dict[uuid.UUID, str | None] = {
            u: code
            for u, code in Organisation.objects.filter(ptv_id__isnull=False).values_list(
                "ptv_id", "county__code"
            )
            if u is not None
        }

    def counties_of(self, parsed: parsing.Parsed, areas: list[parsing.Area]) -> set[str]:
        """Counties covering PTV areas (municipalities, regions, wellbeing services counties)."""
        counties: set[str] = set()
        for area in areas:
            municipalities = list(area.municipality_codes)
            if area.type.startswith("WellbeingService"):
                code = area.code.zfill(2)
                if code in self.county_codes:
                    counties.add(code)
                    continue
                self.error(
                    parsed,
                    f"{area.path}.code",
                    _("%(code)r is not a wellbeing services county code") % {"code": area.code},
                )
                continue
            if area.type == "Region" and not municipalities:
                municipalities = sorted(self.region_municipalities.get(area.code.zfill(2), ()))
            if area.type == "Municipality" and not municipalities and area.code:
                municipalities = [area.code]
            if not municipalities:
                self.error(
                    parsed,
                    area.path,
                    _("the area %(type)s %(code)s names no municipalities we could place")
                    % {"type": area.type, "code": area.code},
                )
                continue
            for code in municipalities:
                county = self.municipalities.get(code.zfill(3))
                if county is None:
                    self.error(
                        parsed,
                        f"{area.path}.municipalities",
                        _("unknown municipality code %(code)r") % {"code": code},
                    )
                else:
                    counties.add(county)
        return counties

    def check(self) -> None:
        """Resolve references and build each object's values, listing what is wrong."""
        self.load_register()
        self.index_links()
        for org in self.organisations.values():
            self.plan_organisation(org)
        for location in self.locations.values():
            self.plan_site(location)
        for service in self.services.values():
            self.plan_service(service)

    def clean(
        self, parsed: parsing.Parsed, model: type[models.Model], values: dict[str, Any], path: Any
    ) -> None:
        """Our own field rules (lengths, formats, coordinates) on the values to be written."""
        plain = {k: v for k, v in values.items() if k in {f.name for f in model._meta.fields}}
        obj = model(**plain)
        exclude = [f.name for f in model._meta.fields if f.name not in plain]
        try:
            obj.clean_fields(exclude=exclude)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                base = name.rsplit("_", 1)[0] if name.endswith(("_fi", "_sv", "_en")) else name
                where = path.get(base) or FIELD_PATHS.get(base) or f" ({name})"
                for message in messages:
                    self.error(parsed, where, f"{name}: {message}")

    def plan_organisation(self, org: parsing.Organisation) -> None:
        municipality = org.municipality_code
        if municipality and municipality.zfill(3) not in self.municipalities:
            self.error(
                org,
                ".municipality.code",
                _("unknown municipality code %(code)r") % {"code": municipality},
            )
            municipality = None
        municipality = municipality.zfill(3) if municipality else None
        county = self.municipalities.get(municipality) if municipality else None
        if county is None and org.area_type == "LimitedType":
            counties = self.counties_of(org, org.areas)
            county = counties.pop() if len(counties) == 1 else None
        descriptions = org.descriptions or org.summaries
        values = {
            **_texts("name", org.names, 200),
            **_texts("description", descriptions),
            "sector": org.sector,
            "business_id": org.business_id,
            "municipality": municipality,
            "county": county,
            "website": org.website,
            "email": org.emails[0] if org.emails else "",
            "phone": org.phones[0] if org.phones else "",
        }
        self.clean(org, Organisation, _plain(values), {"name": ".organizationNames"})
        self.wanted[("organisation", org.ptv_id)] = values
        self.org_counties.setdefault(org.ptv_id, county)

    def known_organisation(self, org_id: uuid.UUID | None) -> bool:
        return org_id is not None and (org_id in self.organisations or org_id in self.org_ids)

    def index_links(self) -> None:
        for service in self.services.values():
            for channel_id in service.channel_ids:
                self.services_named_by_channel.setdefault(channel_id, set()).add(service.ptv_id)
        for channel in (*self.locations.values(), *self.contacts.values()):
            for service_id in channel.service_ids:
                self.channels_named_by_service.setdefault(service_id, set()).add(channel.ptv_id)

    def connected_services(self, channel: parsing.Channel) -> set[uuid.UUID]:
        return set(channel.service_ids) | self.services_named_by_channel.get(channel.ptv_id, set())

    def plan_site(self, channel: parsing.Channel) -> None:
        if not self.known_organisation(channel.organisation_id):
            self.error(
                channel,
                ".organizationId",
                _(
                    "refers to the organisation %(id)s, which is neither in the documents nor "
                    "in the register"
                )
                % {"id": channel.organisation_id},
            )
        address = channel.address
        if address is None or address.municipality_code is None:
            return  # reported by the parser
        municipality = address.municipality_code.zfill(3)
        if municipality not in self.municipalities:
            self.error(
                channel,
                f"{address.path}.municipality.code",
                _("unknown municipality code %(code)r") % {"code": address.municipality_code},
            )
        street = {
            language: f"{name} {address.number}".strip()
            for language, name in address.street.items()
        }
        codes = [["ontology_term", code, label] for code, label in channel.ontology_terms]
        kinds = {
            self.mappings[(kind, code)].site_kind
            for kind, code, _label in codes
            + [
                list(c)
                for s in self.connected_services(channel)
                if s in self.services
                for c in self.services[s].codes
            ]
            if (kind, code) in self.mappings and self.mappings[(kind, code)].site_kind
        }
        kind = Site.Kind.SERVICE_POINT.value
        if len(kinds) == 1:
            kind = kinds.pop()
        elif len(kinds) > 1:
            self.warn(
                channel,
                ".ontologyTerms",
                _("the mapping gives several kinds of site (%(kinds)s); service point is used")
                % {"kinds": ", ".join(sorted(kinds))},
            )
        hours = channel.hours
        values = {
            "kind": kind,
            "operator": str(channel.organisation_id),
            **_texts("name", channel.names, 200),
            **_texts("description", channel.descriptions or channel.summaries),
            **_texts("street_address", street, 200),
            "postal_code": address.postal_code,
            **_texts("post_office", {k: _title(v) for k, v in address.post_office.items()}, 100),
            "municipality": municipality,
            "latitude": address.latitude,
            "longitude": address.longitude,
            "phone": channel.phones[0] if channel.phones else "",
            "email": channel.emails[0] if channel.emails else "",
            "website": channel.urls[0] if channel.urls else "",
            "opening_hours": [
                [d, o.strftime("%H:%M"), c.strftime("%H:%M"), _iso(f), _iso(t)]
                for d, o, c, f, t in hours.weekly
            ],
            "hours_exceptions": [
                [
                    day.isoformat(),
                    closed,
                    opens.strftime("%H:%M") if opens else None,
                    closes.strftime("%H:%M") if closes else None,
                    reason.get("fi", ""),
                    reason.get("sv", ""),
                    reason.get("en", ""),
                ]
                for day, (closed, opens, closes, reason) in sorted(hours.exceptions.items())
            ],
        }
        self.clean(
            channel,
            Site,
            _plain(values),
            {
                "name": ".serviceChannelNames",
                "street_address": f"{address.path}.street",
                "postal_code": f"{address.path}.postalCode",
                "post_office": f"{address.path}.postOffice",
                "latitude": f"{address.path}.latitude",
                "longitude": f"{address.path}.longitude",
            },
        )
        self.wanted[("site", channel.ptv_id)] = values
        self.codes[("site", channel.ptv_id)] = codes

    def plan_service(self, service: parsing.Service) -> None:
        responsible = [o for o, role in service.organisations if role == "Responsible"]
        candidates = responsible or [o for o, _role in service.organisations]
        org_id = candidates[0] if candidates else None
        if org_id is None:
            pass  # reported by the parser
        elif not self.known_organisation(org_id):
            self.error(
                service,
                ".organizations",
                _(
                    "refers to the organisation %(id)s, which is neither in the documents nor "
                    "in the register"
                )
                % {"id": org_id},
            )
        else:
            self.service_org[service.ptv_id] = org_id
        codes = [list(c) for c in service.codes]
        from_terms: set[str] = set()
        from_classes: set[str] = set()
        target_groups: set[str] = set()
        for kind, code, _label in service.codes:
            mapping = self.mappings.get((kind, code))
            if mapping is None:
                continue
            if mapping.service_type is not None:
                (from_terms if kind == "ontology_term" else from_classes).add(
                    mapping.service_type.code
                )
            if mapping.target_group:
                target_groups.add(mapping.target_group)
        self.service_types[service.ptv_id] = from_terms or from_classes
        area, counties = Service.ServiceArea.LOCAL.value, set()
        if service.area_type == "Nationwide":
            area = Service.ServiceArea.NATIONAL.value
        elif service.area_type == "NationwideExceptAlandIslands":
            area = Service.ServiceArea.NATIONAL_EXCEPT_ALAND.value
        elif service.area_type == "LimitedType":
            counties = self.counties_of(service, service.areas)
            own = self.org_counties.get(org_id) if org_id else None
            if counties and counties != {own}:
                area = Service.ServiceArea.COUNTIES.value
            else:
                counties = set()
        values: dict[str, Any] = {
            "organisation": str(org_id),
            **_texts("name", service.names, 200),
            **_texts("summary", service.summaries, 300),
            **_texts("description", service.descriptions),
            **_texts("eligibility", service.requirements),
            **_texts("cost_description", service.charge_info, 300),
            "languages": service.languages,
            "service_area": [area, sorted(counties)],
            "target_groups": sorted(target_groups),
        }
        if service.charge_type == "Chargeable":
            values["cost"] = Service.Cost.FEE.value
        elif service.charge_type == "FreeOfCharge":
            values["cost"] = Service.Cost.FREE.value
        self.plan_service_channels(service, values)
        self.clean(service, Service, _plain(values), {"name": ".serviceNames"})
        self.wanted[("service", service.ptv_id)] = values
        self.codes[("service", service.ptv_id)] = sorted(codes)

    def plan_service_channels(self, service: parsing.Service, values: dict[str, Any]) -> None:
        """Phone, email, web address and channels from the service's other channels; the
        service locations become its sites."""
        connected = set(service.channel_ids) | self.channels_named_by_service.get(
            service.ptv_id, set()
        )
        self.service_sites[service.ptv_id] = {
            c for c in connected if c in self.locations or c in self.site_ids
        }
        missing = sorted(
            str(c)
            for c in connected
            if c not in self.locations and c not in self.contacts and c not in self.site_ids
        )
        if missing:
            self.warn(
                service,
                ".serviceChannels",
                _(
                    "channels %(ids)s are not in the documents: the phone, email, web address "
                    "and channels of the service are left as they are"
                )
                % {"ids": ", ".join(missing)},
            )
            return
        contacts = sorted(
            (self.contacts[c] for c in connected if c in self.contacts),
            key=lambda ch: (
                CHANNEL_ORDER.index(ch.channel_type),
                ch.names.get("fi", ""),
                str(ch.ptv_id),
            ),
        )
        phones = [p for ch in contacts for p in ch.phones]
        emails = [e for ch in contacts for e in ch.emails]
        urls = [u for ch in contacts for u in ch.urls]
        channels = set()
        if self.service_sites[service.ptv_id]:
            channels.add(Service.Channel.IN_PERSON.value)
        kinds = {ch.channel_type for ch in contacts}
        if "Phone" in kinds:
            channels.add(Service.Channel.PHONE.value)
        if "EChannel" in kinds:
            channels.add(Service.Channel.E_SERVICE.value)
        values.update(
            phone=phones[0] if phones else "",
            email=emails[0] if emails else "",
            website=urls[0] if urls else "",
            channels=sorted(channels),
        )

    # -- writing -------------------------------------------------------------------------------
    def write(self, run: ImportRun) -> None:
        self.run = run
        self.records = {(r.kind, r.ptv_id): r for r in PtvRecord.objects.all()}
        # Open conflicts are few: read at once rather than asked of every object.
        self.open_conflicts: dict[int, dict[str, Conflict]] = defaultdict(dict)
        for conflict in Conflict.objects.filter(resolved_at__isnull=True):
            self.open_conflicts[conflict.record_id][conflict.field] = conflict
        for org in self.organisations.values():
            if org.status not in LIVE_STATUSES:
                self.skip_withdrawn(org, "organisation", Organisation)
                continue
            values = dict(self.wanted[("organisation", org.ptv_id)])
            obj = self.sync("organisation", Organisation, org, values, {"sector": org.sector})
            if obj is not None:
                self.org_ids[org.ptv_id] = obj.pk
        for channel in self.locations.values():
            if channel.status not in LIVE_STATUSES:
                self.skip_withdrawn(channel, "site", Site)
                continue
            values = dict(self.wanted[("site", channel.ptv_id)])
            values["operator"] = self.org_ids.get(uuid.UUID(values["operator"]))
            if values["operator"] is None:
                self.warn(channel, ".organizationId", _("the organisation was not imported"))
                continue
            obj = self.sync("site", Site, channel, values, {})
            if obj is not None:
                self.site_ids[channel.ptv_id] = obj.pk
        for service in self.services.values():
            self.write_service(service)
        self.unmapped_and_untyped()

    def skip_withdrawn(self, parsed: parsing.Parsed, kind: str, model: Any) -> None:
        if model.objects.filter(ptv_id=parsed.ptv_id).exists():
            self.warn(
                parsed,
                ".publishingStatus",
                _("%(status)s in PTV; the register's copy is left as it is")
                % {"status": parsed.status},
            )

    def write_service(self, service: parsing.Service) -> None:
        values = dict(self.wanted[("service", service.ptv_id)])
        org_pk = self.org_ids.get(self.service_org.get(service.ptv_id))  # type: ignore[arg-type]
        if org_pk is None:
            self.warn(service, ".organizations", _("the organisation was not imported"))
            return
        values["organisation"] = org_pk
        values["service_types"] = sorted(self.service_types[service.ptv_id])
        values["sites"] = sorted(
            self.site_ids[c] for c in self.service_sites[service.ptv_id] if c in self.site_ids
        )
        obj = Service.objects.filter(ptv_id=service.ptv_id).first()
        record = self.records.get(("service", service.ptv_id))
        # The service's status follows PTV's, but a service without a type stays a draft: the
        # types are merged first, with what a maintainer set by hand.
        types = set(values["service_types"])
        if obj is not None:
            snapshot = record.values if record and record.object_id == obj.pk else {}
            ours = values_read(obj, ["service_types"])
            types = set(
                merge(ours, snapshot, {"service_types": types}).writes.get(
                    "service_types", ours["service_types"]
                )
            )
        if service.status in LIVE_STATUSES:
            status = STATUS_FROM_PTV[service.status]
            if not types:
                status = Service.Status.DRAFT
        else:
            if obj is None:
                return  # withdrawn from PTV before we ever had it
            status = Service.Status.ARCHIVED
        values["status"] = status.value
        self.sync("service", Service, service, values, {}, found=obj)

    def sync(
        self,
        kind: str,
        model: Any,
        parsed: parsing.Parsed,
        wanted: dict[str, Any],
        defaults: dict[str, Any],
        found: Any = None,
    ) -> Any:
        """Create or update one object by its PTV id, keeping local edits (see the module).
        `found` is the object when the caller has already looked it up."""
        assert self.run is not None
        record = self.records.get((kind, parsed.ptv_id))
        obj = found or model.objects.filter(ptv_id=parsed.ptv_id).first()
        codes = self.codes.get((kind, parsed.ptv_id), [])
        name = wanted.get("name_fi") or wanted.get("name_sv") or wanted.get("name_en")
        if obj is None:
            if record is not None:
                self.warn(
                    parsed,
                    ".id",
                    _(
                        "%(name)s was deleted from the register or unlinked from PTV by a "
                        "maintainer; it is not created again"
                    )
                    % {"name": name},
                )
                return None
            obj = model(ptv_id=parsed.ptv_id, **defaults)
            object_write(obj, wanted, creating=True)
            snapshot = {n: sorted(v) if n in SET_FIELDS else v for n, v in wanted.items()}
            self.records[(kind, parsed.ptv_id)] = PtvRecord.objects.create(
                kind=kind,
                ptv_id=parsed.ptv_id,
                object_id=obj.pk,
                values=_json(snapshot),
                codes=codes,
                ptv_modified=parsed.modified,
                last_changed_by=self.run,
            )
            self.report.count(kind, "created")
            return obj
        same_object = record is not None and record.object_id == obj.pk
        snapshot = record.values if record is not None and same_object else {}
        local = _json(values_read(obj, wanted))
        result = merge(local, snapshot, _json(wanted))
        if result.writes:
            object_write(obj, result.writes)
            self.report.count(kind, "updated")
        else:
            self.report.count(kind, "unchanged")
        new_snapshot = _json(result.snapshot)
        if record is None:
            record = PtvRecord(kind=kind, ptv_id=parsed.ptv_id, object_id=obj.pk)
            self.records[(kind, parsed.ptv_id)] = record
        if (
            record.pk is None
            or not same_object
            or record.values != new_snapshot
            or record.codes != codes
            or record.ptv_modified != parsed.modified
        ):
            record.object_id = obj.pk
            record.values = new_snapshot
            record.codes = codes
            record.ptv_modified = parsed.modified
            record.last_changed_by = self.run
            record.save()
        self.conflicts_note(kind, record, obj, result, wanted)
        return obj

    def conflicts_note(
        self, kind: str, record: PtvRecord, obj: Any, result: Merge, wanted: dict[str, Any]
    ) -> None:
        assert self.run is not None
        open_conflicts = dict(self.open_conflicts.get(record.pk, {}))
        for name, (ours, theirs) in sorted(result.conflicts.items()):
            conflict = open_conflicts.pop(name, None)
            new = conflict is None
            if conflict is None:
                Conflict.objects.create(
                    record=record,
                    field=name,
                    local_value=ours,
                    ptv_value=theirs,
                    first_seen=self.run,
                )
            elif conflict.local_value != ours or conflict.ptv_value != theirs:
                conflict.local_value, conflict.ptv_value = ours, theirs
                conflict.save(update_fields=["local_value", "ptv_value"])
            self.report.count(kind, "conflicts")
            self.report.conflicts.append(
                {
                    "kind": kind,
                    "ptv_id": str(record.ptv_id),
                    "name": str(obj),
                    "field": name,
                    "ours": ours,
                    "ptv": theirs,
                    "new": new,
                }
            )
        for name, conflict in open_conflicts.items():
            if name in wanted:  # compared this time, and no longer in conflict
                conflict.resolved_at = timezone.now()
                conflict.resolution = Conflict.Resolution.SETTLED
                conflict.save(update_fields=["resolved_at", "resolution"])

    def unmapped_and_untyped(self) -> None:
        carried: dict[tuple[str, str], set[uuid.UUID]] = defaultdict(set)
        labels: dict[tuple[str, str], str] = {}
        for service in self.services.values():
            for kind, code, label in service.codes:
                if (kind, code) not in self.mappings:
                    carried[(kind, code)].add(service.ptv_id)
                    labels[(kind, code)] = labels.get((kind, code)) or label
        self.report.unmapped = [
            {"kind": kind, "code": code, "label": labels[(kind, code)], "services": len(ids)}
            for (kind, code), ids in sorted(carried.items())
        ]
        ours = Service.objects.filter(ptv_id__in=list(self.services))
        typed = set(ours.filter(service_types__isnull=False).values_list("ptv_id", flat=True))
        untyped = set(ours.values_list("ptv_id", flat=True)) - typed
        for service in self.services.values():
            if service.ptv_id in untyped:
                names = service.names
                self.report.untyped.append(
                    {
                        "ptv_id": str(service.ptv_id),
                        "name": names.get("fi") or names.get("sv") or names.get("en", ""),
                    }
                )


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    """The values that are plain columns (references and relations are checked elsewhere)."""
    skip = {"operator", "organisation", "municipality", "county", "service_types"}
    skip |= {"service_area", "sites", "opening_hours", "hours_exceptions"}
    return {k: v for k, v in values.items() if k not in skip}


def _json(value: Any) -> Any:
    """Tuples as lists, as they come back from a JSON column."""
    if isinstance(value, dict):
        return {k: _json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    return value
