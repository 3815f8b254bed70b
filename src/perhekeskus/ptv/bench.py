"""Benchmark of the PTV import (`perhekeskus bench-ptv`): a county's Service Catalogue imported
as `perhekeskus import-ptv` imports it, three times over the same directory: the first import
(everything created), the same documents again (nothing may change) and the documents with
about 5 % of the services' texts changed in PTV (only those updated).

The documents are made by varying the project's own valid fixtures (the East Uusimaa ones in
`tests/ptv/data/east_uusimaa`), so every object passes the importer's checks and maps to a
service type through the shipped classification mapping:

- one organisation per 50 services: the wellbeing services county itself, then municipalities
  and NGOs of its municipalities, each with a valid business ID;
- a service per the county's postal areas in turn, its type one of the mapped ontology terms
  in turn (names from the type and the area, so they differ), its area the site's municipality;
- one service location (site) per service, at the postal area's centre moved by up to 400 m,
  in ETRS-TM35FIN (EPSG:3067) as PTV gives them, with its own street address and weekly hours
  and an exceptional day or two;
- a phone channel and an e-service per organisation, shared by all of its services.

Everything happens in one transaction that is rolled back, so the database is left as it was.
"""

import copy
import json
import math
import random
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from perhekeskus.benchkit import database_settle, machine_info, peak_rss_mb, results_write
from perhekeskus.network.models import (
    ChangeRecord,
    County,
    OpeningHours,
    OpeningHoursException,
    Organisation,
    PostalArea,
    Service,
    ServiceAtSite,
    Site,
)
from perhekeskus.network.validators import BUSINESS_ID_WEIGHTS
from perhekeskus.ptv.importer import KINDS
from perhekeskus.ptv.models import ClassificationMapping, ImportRun, PtvRecord
from perhekeskus.ptv.services import ptv_import_files

TEMPLATES = Path(__file__).resolve().parents[3] / "tests" / "ptv" / "data" / "east_uusimaa"
SERVICES_PER_ORGANISATION = 50
PAGE_SIZE = 100  # objects per file, as the PTV API pages them
CHANGED_EVERY = 20  # every 20th service's texts change in PTV: 5 %
JITTER_METRES = 400.0
MODIFIED = "2026-10-01T08:00:00Z"
MODIFIED_AGAIN = "2026-11-02T09:30:00Z"
STREETS = (
    ("Koulukatu", "Skolgatan"),
    ("Kirkkokatu", "Kyrkogatan"),
    ("Puistokatu", "Parkgatan"),
    ("Rantatie", "Strandvägen"),
    ("Asemakatu", "Stationsgatan"),
    ("Torikatu", "Torggatan"),
    ("Myllytie", "Kvarnvägen"),
    ("Kauppakatu", "Handelsgatan"),
    ("Sairaalantie", "Sjukhusvägen"),
    ("Nuorisotie", "Ungdomsvägen"),
)
# The tables an import writes to, counted before and after each import.
TABLES: dict[str, type[models.Model]] = {
    "organisations": Organisation,
    "sites": Site,
    "services": Service,
    "service_at_site": ServiceAtSite,
    "opening_hours": OpeningHours,
    "hours_exceptions": OpeningHoursException,
    "ptv_records": PtvRecord,
    "change_records": ChangeRecord,
    "import_runs": ImportRun,
}


class BenchFailed(Exception):
    """The import did not do what the benchmark relies on (refused, or changed what it must
    not): the figures would mean nothing."""


@dataclass
class Documents:
    """The generated documents, kept in memory so that some can be changed and written again."""

    directory: Path
    county: County
    organisations: list[dict[str, Any]] = field(default_factory=list)
    locations: list[dict[str, Any]] = field(default_factory=list)
    contacts: list[dict[str, Any]] = field(default_factory=list)
    services: list[dict[str, Any]] = field(default_factory=list)

    def write(self, names: tuple[str, ...] = ("organisations", "channels", "services")) -> None:
        groups = {
            "organisations": self.organisations,
            "channels": self.locations + self.contacts,
            "services": self.services,
        }
        for name in names:
            items = groups[name]
            pages = max(1, math.ceil(len(items) / PAGE_SIZE))
            for page in range(pages):
                chunk = items[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
                document = {
                    "pageNumber": page + 1,
                    "pageSize": PAGE_SIZE,
                    "pageCount": pages,
                    "itemList": chunk,
                }
                path = self.directory / f"{name}-{page + 1:04d}.json"
                path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")

    def size_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.directory.glob("*.json"))


# -- generating the documents ------------------------------------------------------------------


def _templates() -> dict[str, Any]:
    if not TEMPLATES.is_dir():
        raise BenchFailed(
            f"the PTV fixtures the documents are made from are not at {TEMPLATES}: run the "
            "benchmark from a checkout of the repository"
        )

    def items(name: str) -> list[dict[str, Any]]:
        data = json.loads((TEMPLATES / name).read_text(encoding="utf-8-sig"))
        return data["itemList"] if isinstance(data, dict) else data

    channels = items("channels.json")
    by_type: dict[str, dict[str, Any]] = {}
    for channel in channels:
        by_type.setdefault(channel["serviceChannelType"], channel)
    organisations = items("organisations.json")
    return {
        "county": next(o for o in organisations if o["organizationType"] != "Organization"),
        "ngo": next(o for o in organisations if o["organizationType"] == "Organization"),
        "services": [s for s in items("services.json") if s["areaType"] == "LimitedType"],
        "location": by_type["ServiceLocation"],
        "phone": by_type["Phone"],
        "echannel": by_type["EChannel"],
    }


def _business_id(number: int) -> str:
    """The `number`th valid Finnish business ID of a range no real register uses much."""
    base = 3_900_000
    while True:
        digits = f"{base + number:07d}"
        remainder = sum(int(d) * w for d, w in zip(digits, BUSINESS_ID_WEIGHTS, strict=True)) % 11
        if remainder != 1:
            return f"{digits}-{0 if remainder == 0 else 11 - remainder}"
        number += 1_000_000  # this number has no valid check digit: one from another million


def _texts(values: dict[str, str], kind: str = "Name") -> list[dict[str, str]]:
    return [
        {"language": language, "value": value, "type": kind}
        for language, value in values.items()
        if value
    ]


def _local(values: dict[str, str]) -> list[dict[str, Any]]:
    return [{"language": language, "value": value} for language, value in values.items()]


def _link(key: str, ptv_id: str, name: str = "") -> dict[str, Any]:
    return {
        key: {"id": ptv_id, "name": name},
        "serviceChargeType": None,
        "description": [],
        "extraTypes": [],
        "serviceHours": [],
        "contactDetails": None,
        "digitalAuthorizations": [],
        "modified": MODIFIED,
    }


def _municipality_ref(code: str, names: dict[str, str]) -> dict[str, Any]:
    return {"code": code, "name": _local(names)}


def _mapped_terms() -> list[dict[str, Any]]:
    """The ontology terms the classification mapping turns into a service type, with the
    type's names: each generated service is one of them."""
    terms = []
    seen: set[str] = set()
    rows = ClassificationMapping.objects.filter(
        kind=ClassificationMapping.Kind.ONTOLOGY_TERM, service_type__isnull=False
    ).select_related("service_type")
    for mapping in rows.order_by("code"):
        service_type = mapping.service_type
        assert service_type is not None
        terms.append(
            {
                "uri": mapping.code,
                "label": mapping.label,
                "type": service_type.code,
                "names": {
                    "fi": (service_type.name_fi or service_type.name).capitalize(),
                    "sv": (service_type.name_sv or service_type.name).capitalize(),
                    "en": (service_type.name_en or service_type.name).capitalize(),
                },
                # Prefer one ontology term per type, so that the types vary most.
                "first": service_type.code not in seen,
            }
        )
        seen.add(service_type.code)
    if not terms:
        raise BenchFailed("no ontology term is mapped to a service type: load the PTV mapping")
    return sorted(terms, key=lambda t: not t["first"])


def _places(county: County) -> list[PostalArea]:
    places = list(
        PostalArea.objects.filter(municipality__county=county, latitude__isnull=False)
        .select_related("municipality")
        .order_by("code")
    )
    if not places:
        raise BenchFailed(f"{county} has no postal areas with coordinates: load the reference data")
    return places


def county_default() -> County:
    """The largest wellbeing services county by population (Pirkanmaa with the shipped data)."""
    county = (
        County.objects.filter(kind=County.Kind.COUNTY, municipalities__postal_areas__isnull=False)
        .order_by("-population", "code")
        .first()
    )
    if county is None:
        raise BenchFailed("no county with postal areas: load the reference data (migrate)")
    return county


def _to_tm35fin() -> Callable[[float, float], tuple[float, float]]:
    from pyproj import Transformer

    transformer = Transformer.from_crs("EPSG:4326", "EPSG:3067", always_xy=True)

    def convert(latitude: float, longitude: float) -> tuple[float, float]:
        easting, northing = transformer.transform(longitude, latitude)
        return northing, easting

    return convert


def _hours(rng: random.Random, number: int, today: date) -> list[dict[str, Any]]:
    """Weekly hours that differ from site to site, Christmas closed and, for some, a short
    midsummer eve; always in the future, since hours already over are left out."""
    opens = rng.choice(("07:30:00", "08:00:00", "08:30:00", "09:00:00"))
    closes = rng.choice(("15:00:00", "15:30:00", "16:00:00", "17:00:00"))
    late = rng.choice(("Tuesday", "Wednesday", "Thursday"))
    openings = [
        {
            "dayFrom": day,
            "dayTo": "",
            "from": opens,
            "to": "18:00:00" if day == late else ("14:00:00" if day == "Friday" else closes),
        }
        for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
    ]
    if number % 7 == 0:
        openings.append({"dayFrom": "Saturday", "dayTo": "", "from": "10:00:00", "to": "14:00:00"})
    year = today.year + 1
    hours: list[dict[str, Any]] = [
        {
            "serviceHourType": "DaysOfTheWeek",
            "validFrom": None,
            "validTo": None,
            "isClosed": False,
            "validForNow": True,
            "isAlwaysOpen": False,
            "isReservation": False,
            "additionalInformation": _local(
                {"fi": "Normaalit palveluajat", "sv": "Normala betjäningstider"}
            ),
            "openingHour": openings,
        },
        {
            "serviceHourType": "Exceptional",
            "validFrom": f"{year}-12-24T00:00:00",
            "validTo": f"{year}-12-26T00:00:00",
            "isClosed": True,
            "validForNow": False,
            "isAlwaysOpen": False,
            "isReservation": False,
            "additionalInformation": _local({"fi": "Joulu", "sv": "Jul", "en": "Christmas"}),
            "openingHour": [],
        },
    ]
    if number % 3 == 0:
        # Midsummer eve is the Friday between 19 and 25 June.
        eve = date(year, 6, 19) + timedelta(days=(4 - date(year, 6, 19).weekday()) % 7)
        hours.append(
            {
                "serviceHourType": "Exceptional",
                "validFrom": f"{eve.isoformat()}T00:00:00",
                "validTo": None,
                "isClosed": False,
                "validForNow": False,
                "isAlwaysOpen": False,
                "isReservation": False,
                "additionalInformation": _local({"fi": "Juhannusaatto", "sv": "Midsommarafton"}),
                "openingHour": [
                    {"dayFrom": "Friday", "dayTo": "", "from": "08:00:00", "to": "12:00:00"}
                ],
            }
        )
    return hours


def ptv_documents_generate(
    *, directory: Path, services: int, county: County, seed: int = 1
) -> Documents:
    """PTV documents of a county with `services` services (see the module), written to
    `directory` in pages of 100 objects."""
    rng = random.Random(seed)
    ids = random.Random(seed + 1)
    templates = _templates()
    terms = _mapped_terms()
    places = _places(county)
    to_tm35fin = _to_tm35fin()
    today = timezone.localdate()
    docs = Documents(directory=directory, county=county)

    def new_id() -> str:
        return str(uuid.UUID(int=ids.getrandbits(128), version=4))

    county_names = {"fi": county.name_fi, "sv": county.name_sv, "en": county.name_en}
    slug = f"hva{county.code}"
    organisation_count = max(1, math.ceil(services / SERVICES_PER_ORGANISATION))
    homes = sorted({p.municipality.code: p.municipality for p in places}.items())
    org_phones: list[str] = []
    org_echannels: list[str] = []
    org_services: list[list[dict[str, Any]]] = []
    for number in range(organisation_count):
        home = homes[(number - 1) % len(homes)][1] if number else None
        sector = "county" if home is None else ("municipality" if number % 2 else "ngo")
        org = copy.deepcopy(templates["ngo" if sector == "ngo" else "county"])
        org_id = new_id()
        if home is None:
            names = {k: f"{v} (bench)" for k, v in county_names.items()}
            org["organizationType"] = "RegionalOrganization"
            org["municipality"] = None
            org["areaType"] = "LimitedType"
            org["areas"] = [
                {
                    "type": "WellbeingServiceCounties",
                    "code": county.code,
                    "name": _local({"fi": county.name_fi}),
                    "municipalities": [],
                }
            ]
        else:
            town = {"fi": home.name_fi, "sv": home.name_sv or home.name_fi}
            if sector == "municipality":
                names = {
                    "fi": f"{town['fi']}: perhepalvelut {number} (bench)",
                    "sv": f"{town['sv']}: familjetjänster {number} (bench)",
                    "en": f"{town['fi']}: family services {number} (bench)",
                }
                org["organizationType"] = "Municipality"
            else:
                names = {
                    "fi": f"Perheyhdistys {number} ry, {town['fi']} (bench)",
                    "sv": f"Familjeföreningen {number} rf, {town['sv']} (bench)",
                    "en": f"Family association {number}, {town['fi']} (bench)",
                }
            org["municipality"] = _municipality_ref(home.code, town)
            org["areaType"] = "LimitedType" if sector == "municipality" else "Nationwide"
            org["areas"] = []
        domain = f"{slug}-org{number}.example"
        org.update(
            id=org_id,
            organizationRootId=org_id,
            businessCode=_business_id(number),
            organizationNames=_texts(names),
            organizationDescriptions=_texts(
                {
                    "fi": f"{names['fi']} järjestää perheiden palveluja.",
                    "sv": f"{names['sv']} ordnar tjänster för familjer.",
                },
                "Description",
            ),
            emails=[{"description": None, "value": f"kirjaamo@{domain}", "language": "fi"}],
            phoneNumbers=[
                {
                    "additionalInformation": "Vaihde",
                    "serviceChargeType": "Chargeable",
                    "chargeDescription": "",
                    "prefixNumber": "+358",
                    "isFinnishServiceNumber": False,
                    "number": f"30{number:07d}",
                    "language": "fi",
                }
            ],
            webPages=[{"url": f"https://{domain}", "value": names["fi"], "language": "fi"}],
            modified=MODIFIED,
        )
        docs.organisations.append(org)
        # A phone channel and an e-service each organisation's services share.
        phone = copy.deepcopy(templates["phone"])
        phone.update(
            id=new_id(),
            organizationId=org_id,
            serviceChannelNames=_texts(
                {"fi": f"Perhepalvelujen neuvonta {number}", "sv": f"Familjerådgivning {number}"}
            ),
            phoneNumbers=[
                {
                    "type": "Phone",
                    "additionalInformation": "ma–pe 8–12",
                    "serviceChargeType": "Chargeable",
                    "chargeDescription": "",
                    "prefixNumber": "+358",
                    "isFinnishServiceNumber": False,
                    "number": f"31{number:07d}",
                    "language": "fi",
                }
            ],
            supportEmails=[{"value": f"neuvonta@{domain}", "language": "fi"}],
            services=[],
            modified=MODIFIED,
        )
        echannel = copy.deepcopy(templates["echannel"])
        echannel.update(
            id=new_id(),
            organizationId=org_id,
            serviceChannelNames=_texts(
                {"fi": f"Sähköinen asiointi {number}", "sv": f"E-tjänst {number}"}
            ),
            webPages=[{"url": f"https://asiointi.{domain}", "value": "Asiointi", "language": "fi"}],
            services=[],
            modified=MODIFIED,
        )
        docs.contacts += [phone, echannel]
        org_phones.append(phone["id"])
        org_echannels.append(echannel["id"])
        org_services.append([])

    used: Counter[tuple[str, str]] = Counter()
    for number in range(services):
        org_number = number // SERVICES_PER_ORGANISATION
        org = docs.organisations[org_number]
        place = places[number % len(places)]
        municipality = place.municipality
        term = terms[number % len(terms)]
        area = {"fi": place.name_fi or place.name, "sv": place.name_sv or place.name_fi}
        key = (term["type"], place.code)
        used[key] += 1
        suffix = f" {used[key]}" if used[key] > 1 else ""
        names = {
            "fi": f"{term['names']['fi']}, {area['fi']}{suffix}",
            "sv": f"{term['names']['sv']}, {area['sv']}{suffix}",
            "en": f"{term['names']['en']}, {area['fi']}{suffix}",
        }
        town = {"fi": municipality.name_fi, "sv": municipality.name_sv or municipality.name_fi}
        service_id = new_id()
        location_id = new_id()

        # The service location: the postal area's centre, moved a little, in EPSG:3067.
        location = copy.deepcopy(templates["location"])
        northing, easting = to_tm35fin(place.latitude or 0.0, place.longitude or 0.0)
        northing += rng.uniform(-JITTER_METRES, JITTER_METRES)
        easting += rng.uniform(-JITTER_METRES, JITTER_METRES)
        street_fi, street_sv = STREETS[rng.randrange(len(STREETS))]
        place_domain = f"{slug}-org{org_number}.example"
        location.update(
            id=location_id,
            organizationId=org["id"],
            serviceChannelNames=_texts(names),
            serviceChannelDescriptions=_texts(
                {
                    "fi": f"{names['fi']}: palvelupiste, postinumeroalue {place.code}.",
                    "sv": f"{names['sv']}: serviceställe, postnummerområde {place.code}.",
                },
                "Description",
            ),
            phoneNumbers=[
                {
                    "type": "Phone",
                    "additionalInformation": "",
                    "serviceChargeType": "Chargeable",
                    "chargeDescription": "",
                    "prefixNumber": "+358",
                    "isFinnishServiceNumber": False,
                    "number": f"40{number:07d}",
                    "language": "fi",
                }
            ],
            emails=[{"value": f"toimipiste{number}@{place_domain}", "language": "fi"}],
            webPages=[
                {
                    "url": f"https://{place_domain}/toimipisteet/{number}",
                    "value": names["fi"],
                    "language": "fi",
                }
            ],
            addresses=[
                {
                    "type": "Location",
                    "subType": "Single",
                    "postOfficeBoxAddress": None,
                    "streetAddress": {
                        "street": _local({"fi": street_fi, "sv": street_sv}),
                        "streetNumber": str(rng.randint(1, 120)),
                        "postalCode": place.code,
                        "postOffice": _local({"fi": town["fi"].upper(), "sv": town["sv"].upper()}),
                        "municipality": _municipality_ref(municipality.code, town),
                        "additionalInformation": [],
                        "latitude": f"{northing:.3f}",
                        "longitude": f"{easting:.3f}",
                        "coordinateState": "Ok",
                    },
                    "otherAddress": None,
                    "locationAbroad": None,
                    "entrances": [],
                    "country": "FI",
                }
            ],
            serviceHours=_hours(rng, number, today),
            services=[_link("service", service_id, names["fi"])],
            modified=MODIFIED,
        )
        docs.locations.append(location)

        service = copy.deepcopy(templates["services"][number % len(templates["services"])])
        type_fi = term["names"]["fi"].lower()
        service.update(
            id=service_id,
            serviceNames=_texts(names),
            serviceChargeType="Chargeable" if number % 10 == 9 else "FreeOfCharge",
            areaType="LimitedType",
            areas=[
                {
                    "type": "Municipality",
                    "code": None,
                    "name": None,
                    "municipalities": [_municipality_ref(municipality.code, town)],
                }
            ],
            serviceDescriptions=_texts(
                {
                    "fi": f"{term['names']['fi']} perheille alueella {area['fi']}.",
                    "sv": f"{term['names']['sv']} för familjer i {area['sv']}.",
                    "en": f"{term['names']['en']} for families in {area['fi']}.",
                },
                "Summary",
            )
            + _texts(
                {
                    "fi": f"Palvelu {number}: {type_fi}, kunta {town['fi']}. "
                    f"Ota yhteyttä puhelimitse tai tule käymään: {street_fi}.",
                    "sv": f"Tjänst {number}: {term['names']['sv'].lower()} i {town['sv']}.",
                },
                "Description",
            )
            + _texts({"fi": "Käynnit ovat maksuttomia."}, "ChargeTypeAdditionalInfo"),
            languages=["fi", "sv", "en"] if number % 4 == 0 else ["fi", "sv"],
            serviceClasses=[
                {
                    "name": _local({"fi": "Perheiden palvelut"}),
                    "code": "P3",
                    "ontologyType": None,
                    "uri": "http://uri.suomi.fi/codelist/ptv/ptvserclass2/code/P3",
                    "parentId": None,
                    "parentUri": None,
                }
            ],
            ontologyTerms=[
                {
                    "name": _local({"fi": term["label"]}),
                    "code": None,
                    "ontologyType": "KOKO",
                    "uri": term["uri"],
                    "parentId": None,
                    "parentUri": None,
                }
            ],
            serviceChannels=[
                _link("serviceChannel", location_id),
                _link("serviceChannel", org_phones[org_number]),
                _link("serviceChannel", org_echannels[org_number]),
            ],
            organizations=[
                {
                    "organization": {"id": org["id"], "name": ""},
                    "roleType": "Responsible",
                    "provisionType": "SelfProducedServices",
                    "additionalInformation": [],
                }
            ],
            publishingStatus="Published",
            modified=MODIFIED,
        )
        docs.services.append(service)
        org_services[org_number].append(service)
    for number, own in enumerate(org_services):
        for channel in docs.contacts[2 * number : 2 * number + 2]:
            channel["services"] = [_link("service", s["id"], "") for s in own]
    docs.write()
    return docs


def ptv_documents_change(docs: Documents) -> int:
    """PTV changes the summary and description of every 20th service (5 %): written again.
    Returns how many services changed."""
    changed = 0
    for number, service in enumerate(docs.services):
        if number % CHANGED_EVERY:
            continue
        for text in service["serviceDescriptions"]:
            if text["language"] == "fi" and text["type"] in ("Summary", "Description"):
                text["value"] += " Päivitetty marraskuussa."
        service["modified"] = MODIFIED_AGAIN
        changed += 1
    docs.write(("services",))
    return changed


# -- measuring ---------------------------------------------------------------------------------


@dataclass
class Queries:
    count: int = 0


@contextmanager
def _queries_counted() -> Iterator[Queries]:
    counted = Queries()

    def wrapper(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        counted.count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield counted


def _rows() -> dict[str, int]:
    return {name: model._default_manager.count() for name, model in TABLES.items()}


def _import(directory: Path, *, check_only: bool = False) -> dict[str, Any]:
    before = _rows()
    with _queries_counted() as queries:
        started = time.perf_counter()
        run, report = ptv_import_files(paths=[directory], check_only=check_only, language="en")
        seconds = time.perf_counter() - started
    expected = ImportRun.Status.CHECKED if check_only else ImportRun.Status.SUCCEEDED
    if run.status != expected:
        head = "\n".join(run.report.splitlines()[:40])
        raise BenchFailed(f"the import was {run.status}, not {expected}:\n{head}")
    after = _rows()
    counts = {kind: dict(report.counts.get(kind, {})) for kind in KINDS}
    return {
        "seconds": round(seconds, 3),
        "queries": queries.count,
        "read": dict(report.read),
        "counts": counts,
        "warnings": len(report.warnings),
        "conflicts": len(report.conflicts),
        "unmapped": len(report.unmapped),
        "untyped": len(report.untyped),
        "rows_added": {name: after[name] - before[name] for name in TABLES},
    }


def _changes(result: dict[str, Any]) -> int:
    return sum(
        counts.get(what, 0)
        for counts in result["counts"].values()
        for what in ("created", "updated", "conflicts")
    )


def bench_ptv(*, services: int, county: County | None = None, seed: int = 1) -> dict[str, Any]:
    """Generate a county's PTV documents with `services` services and import them three times
    (see the module), in one transaction rolled back afterwards."""
    county = county or county_default()
    load_before = machine_info()["load_average"]
    if not connection.in_atomic_block:
        database_settle()
    before = _rows()
    rss = {"start_mb": peak_rss_mb()}
    with tempfile.TemporaryDirectory(prefix="bench-ptv-") as tmp:
        directory = Path(tmp)
        started = time.perf_counter()
        docs = ptv_documents_generate(
            directory=directory, services=services, county=county, seed=seed
        )
        generation = time.perf_counter() - started
        rss["after_generation_mb"] = peak_rss_mb()
        generated = {
            "organisations": len(docs.organisations),
            "service_locations": len(docs.locations),
            "phone_channels": sum(c["serviceChannelType"] == "Phone" for c in docs.contacts),
            "e_services": sum(c["serviceChannelType"] == "EChannel" for c in docs.contacts),
            "services": len(docs.services),
            "files": len(list(directory.glob("*.json"))),
            "megabytes": round(docs.size_bytes() / 1_000_000, 1),
            "seconds": round(generation, 2),
        }
        with transaction.atomic():
            check = _import(directory, check_only=True)
            first = _import(directory)
            rss["after_first_import_mb"] = peak_rss_mb()
            created = first["counts"]
            wanted = {
                "organisation": len(docs.organisations),
                "site": len(docs.locations),
                "service": len(docs.services),
            }
            for kind, number in wanted.items():
                if created[kind].get("created") != number:
                    raise BenchFailed(
                        f"the first import created {created[kind]} {kind}s, not {number}"
                    )
            if first["untyped"] or first["unmapped"]:
                raise BenchFailed(
                    f"{first['untyped']} services without a type, {first['unmapped']} codes "
                    "without a mapping: the documents should all map"
                )
            second = _import(directory)
            second["changes"] = _changes(second)
            if second["changes"] or second["rows_added"]["change_records"]:
                raise BenchFailed(
                    "the second import of the same documents changed something: "
                    f"{second['counts']}, rows added {second['rows_added']}"
                )
            changed = ptv_documents_change(docs)
            third = _import(directory)
            third["changed_in_ptv"] = changed
            updated = third["counts"]["service"].get("updated", 0)
            others = _changes(third) - updated
            if updated != changed or others:
                raise BenchFailed(
                    f"{changed} services changed in PTV, but the import updated {updated} and "
                    f"changed {others} other objects: {third['counts']}"
                )
            rss["end_mb"] = peak_rss_mb()
            transaction.set_rollback(True)
    after = _rows()
    if after != before:
        raise BenchFailed(f"the database was not left as it was: {before} before, {after} after")
    return _report(
        county=county,
        services=services,
        generated=generated,
        check=check,
        first=first,
        second=second,
        third=third,
        rss=rss,
        load_before=load_before,
    )


def _per_second(count: int, seconds: float) -> float | None:
    return round(count / seconds, 1) if seconds else None


def _report(
    *,
    county: County,
    services: int,
    generated: dict[str, Any],
    check: dict[str, Any],
    first: dict[str, Any],
    second: dict[str, Any],
    third: dict[str, Any],
    rss: dict[str, float],
    load_before: list[float],
) -> dict[str, Any]:
    objects = sum(first["counts"][kind].get("created", 0) for kind in KINDS)
    for result in (check, first, second, third):
        result["services_per_second"] = _per_second(services, result["seconds"])
        result["queries_per_service"] = round(result["queries"] / services, 1)
    first["objects_created"] = objects
    first["objects_per_second"] = _per_second(objects, first["seconds"])
    machine = machine_info()
    machine["load_average_before"] = load_before
    return {
        "benchmark": "ptv",
        "database": connection.vendor,
        "measured_at": timezone.now().isoformat(timespec="seconds"),
        "machine": machine,
        "county": {"code": county.code, "name": county.name_fi or county.name},
        "services": services,
        "generated": generated,
        "check_only": check,
        "first_import": first,
        "second_import": second,
        "changed_import": third,
        "peak_rss_mb": rss,
        "rolled_back": True,
    }


def ptv_write_results(report: dict[str, Any], directory: Path) -> tuple[Path, Path]:
    """ptv-<database>.json and .md in `directory`."""
    stem = f"ptv-{report['database']}"
    return results_write(report, directory, stem=stem, markdown=_markdown)


def _counts(result: dict[str, Any]) -> str:
    parts = []
    for kind in KINDS:
        counts = result["counts"].get(kind) or {}
        shown = ", ".join(f"{n} {what}" for what, n in counts.items() if n)
        if shown:
            parts.append(f"{kind}: {shown}")
    return "; ".join(parts) or "nothing written"


def _markdown(report: dict[str, Any]) -> list[str]:
    generated = report["generated"]
    first = report["first_import"]
    second = report["second_import"]
    third = report["changed_import"]
    check = report["check_only"]
    machine = report["machine"]
    rss = report["peak_rss_mb"]
    busiest = max([*machine["load_average_before"][:1], *machine["load_average"][:1]])
    lines = [
        f"# PTV import on {report['database']} ({report['measured_at']})",
        "",
        f"{report['services']} services of {report['county']['name']} "
        f"({report['county']['code']}) generated from the East Uusimaa fixtures: "
        f"{generated['organisations']} organisations, {generated['service_locations']} service "
        f"locations, {generated['phone_channels']} phone channels and "
        f"{generated['e_services']} e-services shared by each organisation's services; "
        f"{generated['files']} files, {generated['megabytes']} MB, generated in "
        f"{generated['seconds']} s. Imported with `ptv_import_files` (what `import-ptv` runs) "
        "on the database as it was, in one transaction rolled back afterwards.",
        "",
        f"{machine['cpus']} CPUs, Python {machine['python']}; load average "
        f"{machine['load_average_before']} before, {machine['load_average']} after.",
    ]
    if busiest >= 1.0:
        lines += [
            "",
            f"The machine was shared with other work (load average up to {busiest} on "
            f"{machine['cpus']} CPUs): the times may be noisy, longer than on a quiet machine.",
        ]
    lines += [
        "",
        "| import | seconds | services/s | queries | queries/service | result |",
        "|---|---|---|---|---|---|",
        f"| check only (read, parse, check; nothing written) | {check['seconds']} | "
        f"{check['services_per_second']} | {check['queries']} | "
        f"{check['queries_per_service']} | {check['warnings']} warnings |",
        f"| first import | {first['seconds']} | {first['services_per_second']} | "
        f"{first['queries']} | {first['queries_per_service']} | {_counts(first)} |",
        f"| the same documents again | {second['seconds']} | "
        f"{second['services_per_second']} | {second['queries']} | "
        f"{second['queries_per_service']} | {second['changes']} changes ({_counts(second)}) |",
        f"| {third['changed_in_ptv']} services' texts changed in PTV (5 %) | "
        f"{third['seconds']} | {third['services_per_second']} | {third['queries']} | "
        f"{third['queries_per_service']} | {_counts(third)} |",
        "",
        f"The first import created {first['objects_created']} objects "
        f"({first['objects_per_second']} objects/s); rows added: "
        + ", ".join(f"{name} {n}" for name, n in first["rows_added"].items() if n)
        + ".",
        "",
        f"Peak memory (RSS of the process): {rss['start_mb']} MB at the start, "
        f"{rss['after_generation_mb']} MB after generating the documents, "
        f"{rss['after_first_import_mb']} MB after the first import, {rss['end_mb']} MB at the "
        "end.",
    ]
    return lines
