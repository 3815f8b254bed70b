"""PTV objects (Open API v11, see shared/standards/ptv) read into plain values our register
understands, every problem listed with its JSON path. Nothing here touches the database:
references (organisations, municipalities) are resolved by `importer.py`.

- Texts are lists of `{language, value, type}`. Finnish, Swedish and English are read; other
  languages (the Sámi languages, Russian …) are left out without complaint.
- Names: `type` Name; an AlternativeName is used only where a language has no Name.
- Coordinates: PTV gives projected metres as strings (ETRS-TM35FIN, EPSG:3067: Asemakatu 44,
  Kuopio is northing 6974202.909, easting 534246.773), converted here to WGS84 degrees.
- Service hours: DaysOfTheWeek → weekly hours (a span past midnight continues on the next
  day), OverMidnight → a span from one day to another, Exceptional → hours or closure on the
  dates from validFrom to validTo; isAlwaysOpen → every day all day. Hours already over (validTo
  in the past) are left out, as PTV itself does.
"""

import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils import timezone
from django.utils.translation import gettext as _

from perhekeskus.ptv.documents import Item, Problem

LANGUAGES = ("fi", "sv", "en")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
CHANNEL_TYPES = ("ServiceLocation", "Phone", "EChannel", "WebPage", "PrintableForm")
SERVICE_TYPES = ("Service", "PermitOrObligation", "ProfessionalQualification")
CHARGE_TYPES = ("Chargeable", "FreeOfCharge", "Other")
AREA_TYPES = ("Nationwide", "NationwideExceptAlandIslands", "LimitedType")
PUBLISHING_STATUSES = (
    "Draft",
    "Published",
    "Modified",
    "Deleted",
    "OldPublished",
    "Removed",
    "Withdrawn",
    "Archived",
)
ORGANISATION_TYPES = {
    "State": "state",
    "Municipality": "municipality",
    "Region": "county",
    "RegionalOrganization": "county",
    "SotePublic": "county",
    "Organization": "ngo",
    "Company": "private",
    "SotePrivate": "private",
}
HOUR_TYPES = ("DaysOfTheWeek", "Exceptional", "OverMidnight")
CODE_PATTERNS = {
    "service_class": re.compile(r"^P\d{1,2}(\.\d{1,2})*$"),
    "target_group": re.compile(r"^KR[1-3](\.\d{1,2})*$"),
    "life_event": re.compile(r"^KE\d{1,2}(\.\d{1,2})*$"),
}
ONTOLOGY_URI = re.compile(r"^https?://\S+$")
PHONE_NUMBER = re.compile(r"^\d{1,20}$")
PHONE_PREFIX = re.compile(r"^\+\d{1,4}$")
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
# More days than this in one exceptional entry is not an exception but an error.
EXCEPTION_DAYS_MAX = 366
END_OF_DAY = time(23, 59)
# Coordinates must land in Finland (Site's own validators say the same).
LATITUDE_RANGE = (59.0, 70.5)
LONGITUDE_RANGE = (19.0, 31.7)

Texts = dict[str, str]


@dataclass
class Hours:
    weekly: list[tuple[int, time, time, date | None, date | None]] = field(default_factory=list)
    # date → (closed, opens, closes, reason per language)
    exceptions: dict[date, tuple[bool, time | None, time | None, Texts]] = field(
        default_factory=dict
    )


@dataclass
class Address:
    street: Texts
    number: str
    postal_code: str
    post_office: Texts
    municipality_code: str | None
    latitude: float | None
    longitude: float | None
    path: str


@dataclass
class Area:
    type: str
    code: str
    municipality_codes: list[str]
    path: str


@dataclass
class Parsed:
    ptv_id: uuid.UUID
    item: Item
    names: Texts
    descriptions: Texts
    summaries: Texts
    status: str
    modified: datetime | None


@dataclass
class Organisation(Parsed):
    sector: str
    business_id: str
    municipality_code: str | None
    area_type: str | None
    areas: list[Area]
    emails: list[str]
    phones: list[str]
    website: str


@dataclass
class Channel(Parsed):
    channel_type: str
    organisation_id: uuid.UUID | None
    emails: list[str]
    phones: list[str]
    urls: list[str]
    address: Address | None
    hours: Hours
    service_ids: set[uuid.UUID]
    ontology_terms: list[tuple[str, str]]


@dataclass
class Service(Parsed):
    requirements: Texts
    charge_type: str | None
    charge_info: Texts
    languages: list[str]
    # (kind, code, label in Finnish) of every classification PTV gave the service.
    codes: list[tuple[str, str, str]]
    area_type: str | None
    areas: list[Area]
    organisations: list[tuple[uuid.UUID, str]]
    channel_ids: set[uuid.UUID]


@cache
def _transformer() -> Any:
    from pyproj import Transformer

    return Transformer.from_crs("EPSG:3067", "EPSG:4326", always_xy=True)


def tm35fin_to_wgs84(northing: float, easting: float) -> tuple[float, float]:
    """(latitude, longitude) in WGS84 degrees of an ETRS-TM35FIN point."""
    longitude, latitude = _transformer().transform(easting, northing)
    return round(latitude, 6), round(longitude, 6)


class Parser:
    """Reads items into `Organisation`, `Channel` and `Service`, listing what is wrong."""

    def __init__(self, errors: list[Problem], warnings: list[Problem]) -> None:
        self.errors = errors
        self.warnings = warnings
        self.today = timezone.localdate()
        self._item: Item | None = None

    # -- helpers -------------------------------------------------------------------------------
    def error(self, path: str, reason: str) -> None:
        assert self._item is not None
        self.errors.append(Problem(self._item.file, f"{self._item.path}{path}", reason))

    def warn(self, path: str, reason: str) -> None:
        assert self._item is not None
        self.warnings.append(Problem(self._item.file, f"{self._item.path}{path}", reason))

    def items(
        self, data: dict[str, Any], key: str, at: str = ""
    ) -> list[tuple[str, dict[str, Any]]]:
        """The objects of the list `key` (null is an empty list), with their paths below the
        item (`at` is the path of `data`)."""
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(f"{at}.{key}", _("must be a list"))
            return []
        found = []
        for i, entry in enumerate(value):
            if isinstance(entry, dict):
                found.append((f"{at}.{key}[{i}]", entry))
            else:
                self.error(f"{at}.{key}[{i}]", _("must be an object"))
        return found

    def texts(
        self,
        data: dict[str, Any],
        key: str,
        at: str = "",
        *,
        types: tuple[str, ...] | None = None,
    ) -> Texts:
        """Values per language (fi, sv, en) of a list of `{language, value[, type]}`."""
        found: Texts = {}
        for path, entry in self.items(data, key, at):
            if types is not None and entry.get("type") not in types:
                continue
            language, value = entry.get("language"), entry.get("value")
            if language not in LANGUAGES or language in found:
                continue
            if value is not None and not isinstance(value, str):
                self.error(f"{path}.value", _("must be text"))
                continue
            if value and value.strip():
                found[language] = value.strip()
        return found

    def names(self, data: dict[str, Any], key: str) -> Texts:
        names = self.texts(data, key, types=("Name",))
        for language, value in self.texts(data, key, types=("AlternativeName",)).items():
            names.setdefault(language, value)
        if not names:
            self.error(f".{key}", _("no name in Finnish, Swedish or English"))
        return names

    def uuid(self, value: Any, path: str, *, required: bool = True) -> uuid.UUID | None:
        if value in (None, "") and not required:
            return None
        try:
            return uuid.UUID(str(value))
        except ValueError:
            self.error(path, _("%(value)r is not a PTV id (a UUID)") % {"value": value})
            return None

    def choice(
        self, data: dict[str, Any], key: str, allowed: Any, at: str = "", *, required: bool = False
    ) -> str | None:
        value = data.get(key)
        if value in (None, ""):
            if required:
                self.error(f"{at}.{key}", _("is missing"))
            return None
        if value not in allowed:
            self.error(
                f"{at}.{key}",
                _("%(value)r is not one of %(allowed)s")
                % {"value": value, "allowed": ", ".join(allowed)},
            )
            return None
        return str(value)

    def modified(self, data: dict[str, Any]) -> datetime | None:
        value = data.get("modified")
        if not value:
            return None
        try:
            moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        except ValueError:
            self.error(".modified", _("%(value)r is not a date and time") % {"value": value})
            return None
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)

    def status(self, data: dict[str, Any]) -> str:
        return self.choice(data, "publishingStatus", PUBLISHING_STATUSES) or "Published"

    def emails(self, data: dict[str, Any], key: str) -> list[str]:
        found = []
        for path, entry in self.items(data, key):
            value = str(entry.get("value") or "").strip()
            if not value:
                continue
            try:
                EmailValidator()(value)
            except ValidationError:
                self.error(
                    f"{path}.value", _("%(value)r is not an email address") % {"value": value}
                )
                continue
            if entry.get("language") in (None, "fi", "sv", "en") and value not in found:
                found.append(value)
        return found

    def phones(self, data: dict[str, Any], key: str) -> list[str]:
        """Phone numbers as people dial them (+358 401234567); fax numbers left out."""
        found = []
        for path, entry in self.items(data, key):
            if entry.get("type") in ("Fax",):
                continue
            number = str(entry.get("number") or "").strip()
            prefix = str(entry.get("prefixNumber") or "").strip()
            if not PHONE_NUMBER.match(number):
                self.error(
                    f"{path}.number",
                    _("%(value)r is not a phone number (digits only)") % {"value": number},
                )
                continue
            if prefix and not PHONE_PREFIX.match(prefix):
                self.error(
                    f"{path}.prefixNumber",
                    _("%(value)r is not a country calling code such as +358") % {"value": prefix},
                )
                continue
            if not prefix and not entry.get("isFinnishServiceNumber"):
                self.error(f"{path}.prefixNumber", _("a phone number needs its country code"))
                continue
            text = f"{prefix} {number}".strip()
            if text not in found:
                found.append(text)
        return found

    def urls(self, data: dict[str, Any], key: str, url_key: str = "url") -> list[str]:
        """Web addresses, Finnish first; an address without a scheme is read as https."""
        by_language: list[tuple[int, str]] = []
        for path, entry in self.items(data, key):
            url = str(entry.get(url_key) or "").strip()
            if not url:
                continue
            if "://" not in url:
                url = f"https://{url}"
            try:
                URLValidator(schemes=["http", "https"])(url)
            except ValidationError:
                self.error(
                    f"{path}.{url_key}", _("%(value)r is not a web address") % {"value": url}
                )
                continue
            language = entry.get("language")
            rank = LANGUAGES.index(language) if language in LANGUAGES else len(LANGUAGES)
            by_language.append((rank, url))
        ordered: list[str] = []
        for _rank, url in sorted(by_language, key=lambda pair: pair[0]):
            if url not in ordered:
                ordered.append(url)
        return ordered

    def areas(self, data: dict[str, Any]) -> list[Area]:
        found = []
        for path, entry in self.items(data, "areas"):
            municipalities = [
                str(m.get("code"))
                for _p, m in self.items(entry, "municipalities", path)
                if m.get("code") not in (None, "")
            ]
            found.append(
                Area(
                    str(entry.get("type") or ""),
                    str(entry.get("code") or ""),
                    municipalities,
                    path,
                )
            )
        return found

    def classifications(
        self, data: dict[str, Any], key: str, kind: str
    ) -> list[tuple[str, str, str]]:
        found = []
        for path, entry in self.items(data, key):
            label = self.texts(entry, "name", path).get("fi", "")
            uri = str(entry.get("uri") or "")
            if kind == "ontology_term":
                if not ONTOLOGY_URI.match(uri):
                    self.error(
                        f"{path}.uri",
                        _("%(value)r is not an ontology term URI") % {"value": uri},
                    )
                    continue
                code = uri
            else:
                code = str(entry.get("code") or "") or uri.rsplit("/", 1)[-1].rsplit(":", 1)[-1]
                if not CODE_PATTERNS[kind].match(code):
                    self.error(
                        f"{path}.code",
                        _("%(value)r is not a PTV classification code") % {"value": code},
                    )
                    continue
            found.append((kind, code, label))
        return found

    # -- addresses and coordinates -------------------------------------------------------------
    def address(self, data: dict[str, Any]) -> Address | None:
        """The visiting address (Location / Visiting), else the first street address."""
        candidates = []
        for path, entry in self.items(data, "addresses"):
            street = entry.get("streetAddress")
            if isinstance(street, dict):
                visiting = entry.get("type") in ("Location", "Visiting")
                candidates.append((0 if visiting else 1, path, street))
        if not candidates:
            return None
        _rank, path, street = min(candidates, key=lambda c: c[0])
        path = f"{path}.streetAddress"
        postal_code = str(street.get("postalCode") or "").strip()
        if postal_code and not re.fullmatch(r"\d{5}", postal_code):
            self.error(
                f"{path}.postalCode",
                _("%(value)r is not a postal code (five digits)") % {"value": postal_code},
            )
            postal_code = ""
        municipality = street.get("municipality")
        code = (
            str(municipality.get("code") or "").strip() or None
            if isinstance(municipality, dict)
            else None
        )
        latitude, longitude = self.coordinates(street, path)
        number = str(street.get("streetNumber") or "").strip()
        return Address(
            street=self.texts(street, "street", path),
            number=number,
            postal_code=postal_code,
            post_office=self.texts(street, "postOffice", path),
            municipality_code=code,
            latitude=latitude,
            longitude=longitude,
            path=path,
        )

    def coordinates(self, street: dict[str, Any], path: str) -> tuple[float | None, float | None]:
        raw_north, raw_east = street.get("latitude"), street.get("longitude")
        if raw_north in (None, "") and raw_east in (None, ""):
            return None, None
        try:
            northing, easting = float(str(raw_north)), float(str(raw_east))
        except ValueError:
            self.error(
                f"{path}.latitude",
                _("coordinates %(north)r, %(east)r are not numbers")
                % {"north": raw_north, "east": raw_east},
            )
            return None, None
        latitude, longitude = tm35fin_to_wgs84(northing, easting)
        inside = (
            LATITUDE_RANGE[0] <= latitude <= LATITUDE_RANGE[1]
            and LONGITUDE_RANGE[0] <= longitude <= LONGITUDE_RANGE[1]
        )
        if not inside:
            self.error(
                f"{path}.latitude",
                _(
                    "coordinates %(north)s, %(east)s (ETRS-TM35FIN) are not in Finland: "
                    "%(lat).4f N, %(lon).4f E"
                )
                % {"north": raw_north, "east": raw_east, "lat": latitude, "lon": longitude},
            )
            return None, None
        return latitude, longitude

    # -- service hours -------------------------------------------------------------------------
    def parse_time(self, value: Any, path: str) -> time | None:
        text = str(value or "")
        match = re.fullmatch(r"([01]\d|2[0-3]):([0-5]\d)(:([0-5]\d))?", text)
        if not match:
            self.error(path, _("%(value)r is not a time of day (HH:mm)") % {"value": value})
            return None
        return time(int(match[1]), int(match[2]))

    def parse_date(self, value: Any, path: str) -> date | None:
        if value in (None, ""):
            return None
        try:
            return date.fromisoformat(str(value)[:10])
        except ValueError:
            self.error(path, _("%(value)r is not a date") % {"value": value})
            return None

    def weekday(self, value: Any, path: str) -> int | None:
        if value not in WEEKDAYS:
            self.error(path, _("%(value)r is not a weekday (Monday … Sunday)") % {"value": value})
            return None
        return WEEKDAYS.index(value)

    def hours(self, data: dict[str, Any]) -> Hours:
        hours = Hours()
        for path, entry in self.items(data, "serviceHours"):
            kind = self.choice(entry, "serviceHourType", HOUR_TYPES, path, required=True)
            if kind is None:
                continue
            valid_from = self.parse_date(entry.get("validFrom"), f"{path}.validFrom")
            valid_to = self.parse_date(entry.get("validTo"), f"{path}.validTo")
            if valid_from and valid_to and valid_to < valid_from:
                self.error(f"{path}.validTo", _("ends before it begins"))
                continue
            if valid_to and valid_to < self.today:
                continue  # over already
            if kind == "Exceptional":
                self.exceptional(hours, entry, path, valid_from, valid_to)
                continue
            if entry.get("isClosed"):
                # Closed for a period: exceptional closed days, not weekly hours.
                if valid_from:
                    self.exceptional(hours, entry, path, valid_from, valid_to)
                continue
            if entry.get("isAlwaysOpen"):
                hours.weekly += [(d, time(0), END_OF_DAY, valid_from, valid_to) for d in range(7)]
                continue
            for opath, opening in self.items(entry, "openingHour", path):
                self.opening(hours, kind, opening, opath, valid_from, valid_to)
        hours.weekly = sorted(set(hours.weekly), key=_weekly_key)
        return hours

    def opening(
        self,
        hours: Hours,
        kind: str,
        opening: dict[str, Any],
        path: str,
        valid_from: date | None,
        valid_to: date | None,
    ) -> None:
        day = self.weekday(opening.get("dayFrom"), f"{path}.dayFrom")
        opens = self.parse_time(opening.get("from"), f"{path}.from")
        closes = self.parse_time(opening.get("to"), f"{path}.to")
        if day is None or opens is None or closes is None:
            return
        last_day = day
        if kind == "OverMidnight" or opening.get("dayTo"):
            if opening.get("dayTo"):
                last = self.weekday(opening.get("dayTo"), f"{path}.dayTo")
                if last is None:
                    return
                last_day = last
            elif closes <= opens:
                last_day = (day + 1) % 7
        if last_day == day and closes <= opens:
            last_day = (day + 1) % 7  # 20:00–02:00 goes on past midnight
        spans: list[tuple[int, time, time]] = []
        if last_day == day:
            spans.append((day, opens, closes))
        else:
            spans.append((day, opens, END_OF_DAY))
            current = (day + 1) % 7
            while current != last_day:
                spans.append((current, time(0), END_OF_DAY))
                current = (current + 1) % 7
            if closes > time(0):
                spans.append((last_day, time(0), closes))
        for weekday, start, end in spans:
            if start < end:
                hours.weekly.append((weekday, start, end, valid_from, valid_to))

    def exceptional(
        self,
        hours: Hours,
        entry: dict[str, Any],
        path: str,
        valid_from: date | None,
        valid_to: date | None,
    ) -> None:
        if valid_from is None:
            self.error(f"{path}.validFrom", _("exceptional hours need the date they apply on"))
            return
        last = valid_to or valid_from
        days = (last - valid_from).days + 1
        if days > EXCEPTION_DAYS_MAX:
            self.error(
                f"{path}.validTo",
                _("exceptional hours for %(days)d days; at most %(max)d")
                % {"days": days, "max": EXCEPTION_DAYS_MAX},
            )
            return
        reason = {k: v[:200] for k, v in self.texts(entry, "additionalInformation", path).items()}
        openings = self.items(entry, "openingHour", path)
        closed = bool(entry.get("isClosed")) or not openings
        opens = closes = None
        if not closed:
            opath, opening = openings[0]
            opens = self.parse_time(opening.get("from"), f"{opath}.from")
            closes = self.parse_time(opening.get("to"), f"{opath}.to")
            if opens is None or closes is None:
                return
            if closes <= opens:
                closes = END_OF_DAY
            if len(openings) > 1:
                self.warn(
                    f"{path}.openingHour",
                    _("only the first opening of an exceptional day is kept"),
                )
        for offset in range(days):
            day = valid_from + timedelta(days=offset)
            if day < self.today:
                continue
            if day in hours.exceptions:
                self.warn(
                    path,
                    _("%(date)s has exceptional hours twice; the first is kept")
                    % {"date": day.isoformat()},
                )
                continue
            hours.exceptions[day] = (closed, opens, closes, reason)

    # -- the three kinds of object -------------------------------------------------------------
    def base(self, item: Item, names_key: str, descriptions_key: str) -> dict[str, Any] | None:
        self._item = item
        data = item.data
        ptv_id = self.uuid(data.get("id"), ".id")
        common = {
            "ptv_id": ptv_id,
            "item": item,
            "names": self.names(data, names_key),
            "descriptions": self.texts(data, descriptions_key, types=("Description",)),
            "summaries": self.texts(data, descriptions_key, types=("Summary",)),
            "status": self.status(data),
            "modified": self.modified(data),
        }
        # Read on when the id is wrong, so that every error of the object is listed.
        return common if ptv_id is not None and common["names"] else None

    def organisation(self, item: Item) -> Organisation | None:
        common = self.base(item, "organizationNames", "organizationDescriptions")
        data = item.data
        kind = self.choice(data, "organizationType", ORGANISATION_TYPES, required=True)
        business_id = str(data.get("businessCode") or "").strip()
        if business_id and not re.fullmatch(r"\d{7}-\d", business_id):
            self.error(
                ".businessCode",
                _("%(value)r is not a business ID (1234567-8)") % {"value": business_id},
            )
        municipality = data.get("municipality")
        code = municipality.get("code") if isinstance(municipality, dict) else None
        area_type = self.choice(data, "areaType", AREA_TYPES)
        emails = self.emails(data, "emails")
        phones = self.phones(data, "phoneNumbers")
        urls = self.urls(data, "webPages")
        if common is None or kind is None:
            return None
        return Organisation(
            **common,
            sector=ORGANISATION_TYPES[kind],
            business_id=business_id,
            municipality_code=str(code) if code else None,
            area_type=area_type,
            areas=self.areas(data),
            emails=emails,
            phones=phones,
            website=urls[0] if urls else "",
        )

    def channel(self, item: Item) -> Channel | None:
        common = self.base(item, "serviceChannelNames", "serviceChannelDescriptions")
        data = item.data
        channel_type = self.choice(data, "serviceChannelType", CHANNEL_TYPES, required=True)
        organisation_id = self.uuid(data.get("organizationId"), ".organizationId")
        emails = self.emails(data, "emails") + self.emails(data, "supportEmails")
        phones = self.phones(data, "phoneNumbers") + self.phones(data, "supportPhones")
        urls = self.urls(data, "webPages")
        if channel_type == "PrintableForm":
            urls += self.urls(data, "channelUrls", "value")
        address = self.address(data) if channel_type == "ServiceLocation" else None
        if channel_type == "ServiceLocation":
            if address is None:
                self.error(".addresses", _("a service location needs a street address"))
            elif address.municipality_code is None:
                self.error(
                    f"{address.path}.municipality", _("the address has no municipality code")
                )
        hours = self.hours(data) if channel_type == "ServiceLocation" else Hours()
        service_ids = set()
        for path, connection in self.items(data, "services"):
            service = connection.get("service")
            value = service.get("id") if isinstance(service, dict) else None
            service_id = self.uuid(value, f"{path}.service.id")
            if service_id is not None:
                service_ids.add(service_id)
        ontology_terms = [
            (code, label)
            for _kind, code, label in self.classifications(data, "ontologyTerms", "ontology_term")
        ]
        if common is None or channel_type is None:
            return None
        return Channel(
            **common,
            channel_type=channel_type,
            organisation_id=organisation_id,
            emails=list(dict.fromkeys(emails)),
            phones=list(dict.fromkeys(phones)),
            urls=list(dict.fromkeys(urls)),
            address=address,
            hours=hours,
            service_ids=service_ids,
            ontology_terms=ontology_terms,
        )

    def service(self, item: Item) -> Service | None:
        common = self.base(item, "serviceNames", "serviceDescriptions")
        data = item.data
        self.choice(data, "type", SERVICE_TYPES)
        charge_type = self.choice(data, "serviceChargeType", CHARGE_TYPES)
        area_type = self.choice(data, "areaType", AREA_TYPES)
        languages = []
        for i, code in enumerate(data.get("languages") or []):
            if isinstance(code, str) and LANGUAGE_CODE.match(code):
                languages.append(code)
            else:
                self.error(
                    f".languages[{i}]", _("%(value)r is not a language code") % {"value": code}
                )
        codes = (
            self.classifications(data, "serviceClasses", "service_class")
            + self.classifications(data, "targetGroups", "target_group")
            + self.classifications(data, "ontologyTerms", "ontology_term")
            + self.classifications(data, "lifeEvents", "life_event")
        )
        organisations = []
        for path, entry in self.items(data, "organizations"):
            organisation = entry.get("organization")
            value = organisation.get("id") if isinstance(organisation, dict) else None
            organisation_id = self.uuid(value, f"{path}.organization.id")
            if organisation_id is not None:
                organisations.append((organisation_id, str(entry.get("roleType") or "")))
        if not organisations:
            self.error(".organizations", _("a service needs its responsible organisation"))
        channel_ids = set()
        for path, connection in self.items(data, "serviceChannels"):
            channel = connection.get("serviceChannel")
            value = channel.get("id") if isinstance(channel, dict) else None
            channel_id = self.uuid(value, f"{path}.serviceChannel.id")
            if channel_id is not None:
                channel_ids.add(channel_id)
        requirements = self.texts(data, "requirements")
        charge_info = self.texts(data, "serviceDescriptions", types=("ChargeTypeAdditionalInfo",))
        areas = self.areas(data)
        if common is None:
            return None
        return Service(
            **common,
            requirements=requirements,
            charge_type=charge_type,
            charge_info=charge_info,
            languages=list(dict.fromkeys(languages)),
            codes=codes,
            area_type=area_type,
            areas=areas,
            organisations=organisations,
            channel_ids=channel_ids,
        )


def _weekly_key(row: tuple[int, time, time, date | None, date | None]) -> tuple[Any, ...]:
    weekday, opens, closes, valid_from, valid_to = row
    return (weekday, opens, closes, valid_from or date.min, valid_to or date.max)
