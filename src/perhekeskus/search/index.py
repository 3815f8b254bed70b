"""The in-memory search index of published services, one per process.

Each published service is a document with analysed terms in each language (fi, sv, en) and
the attributes the filters need, as NumPy arrays over document slots. Postings (term → slots
and weights) are the transpose of the documents' term lists, so a changed service costs its own
analysis plus one re-transposition, not a rebuild.

Freshness: a thread of each process asks the database every SEARCH_REFRESH_SECONDS for a
cheap stamp (latest change and row counts). When it moved, the thread reloads only what changed
since (services, and the services of changed sites and organisations) and swaps in a new
snapshot; requests never wait for it and keep reading the snapshot they started with. Every
gunicorn worker does this for itself, so a published change shows within seconds on all of
them without shared state.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import logging
import math
import os
import threading
import time as monotonic_time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any
from uuid import UUID

import numpy as np
from django.conf import settings
from django.db import connections
from django.db.models import Count, Max

from perhekeskus.network.models import (
    Area,
    County,
    OpeningHours,
    OpeningHoursException,
    Organisation,
    Service,
    ServiceAtSite,
    ServiceType,
    Site,
)
from perhekeskus.network.service_areas import ALAND_COUNTY_CODE, SERVED_COUNTIES
from perhekeskus.search.analysis import LANGUAGES, analyse, tokenise
from perhekeskus.search.lexicon import Lexicon, lexicons_build

logger = logging.getLogger(__name__)

# How much a term counts by where it stands in a service's texts.
FIELD_WEIGHTS = {
    "name": 3.0,
    "types": 2.0,
    "summary": 1.5,
    "description": 1.0,
    "organisation": 0.8,
    "places": 0.6,
}
# BM25's saturation: the second mention of a word adds less than the first.
K1 = 1.2
AGE_OPEN_LOW = -32768
AGE_OPEN_HIGH = 32767
CHANNELS = tuple(Service.Channel.values)


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


DocumentTerms = tuple[tuple[str, ...], np.ndarray]


@dataclass
class ServiceDocument:
    """A published service as the index sees it."""

    pk: int
    hsds_id: UUID
    updated_at: datetime
    organisation_id: int
    types: tuple[str, ...]
    min_age: int
    max_age: int
    languages: tuple[str, ...]
    channels: tuple[str, ...]
    free: bool
    referral_required: bool
    anonymous: bool
    last_verified: date | None
    site_ids: tuple[int, ...]
    # (link id, site id) of links that have opening hours of their own
    own_hours_links: tuple[tuple[int, int], ...]
    # {lang: (terms, weights)} until indexed; then released, the postings hold them
    terms: dict[str, DocumentTerms] | None
    # {lang: name} until indexed; then released, the snapshot's surfaces hold its words
    names: dict[str, str] | None = None
    # Whom it serves beyond its sites (see network.service_areas): the area and, for
    # "counties", the county codes it names, sorted.
    service_area: str = Service.ServiceArea.LOCAL
    served_counties: tuple[str, ...] = ()


@dataclass
class SiteRecord:
    pk: int
    hsds_id: UUID
    names: dict[str, str]
    municipality_code: str
    municipality_names: dict[str, str]
    lat: float | None
    lon: float | None
    step_free: bool
    updated_at: datetime


@dataclass
class Hours:
    """Weekly hours and exceptions of sites (key: site id) and of services at sites (key:
    link id): {key: [(weekday, opens, closes, valid_from, valid_to)]}, {key: {date: ...}}."""

    weekly: dict[int, list[tuple[int, int, int, date | None, date | None]]]
    exceptions: dict[int, dict[date, tuple[bool, int, int]]]


@dataclass
class Postings:
    """Term → document slots and weights, for one language (CSC layout)."""

    vocabulary: dict[str, int]
    starts: np.ndarray
    slots: np.ndarray
    weights: np.ndarray

    def get(self, term: str) -> tuple[np.ndarray, np.ndarray] | None:
        index = self.vocabulary.get(term)
        if index is None:
            return None
        start, end = self.starts[index], self.starts[index + 1]
        return self.slots[start:end], self.weights[start:end]

    def document_frequency(self, term: str) -> int:
        index = self.vocabulary.get(term)
        return 0 if index is None else int(self.starts[index + 1] - self.starts[index])


@dataclass
class Snapshot:
    """An immutable view for queries: documents by slot, their attributes and postings."""

    documents: list[ServiceDocument]
    sites: dict[int, SiteRecord]
    site_hours: Hours
    link_hours: Hours
    type_names: dict[str, dict[str, str]]
    lexicons: dict[str, Lexicon]
    postings: dict[str, Postings]
    slot_of_pk: dict[int, int]
    min_age: np.ndarray
    max_age: np.ndarray
    free: np.ndarray
    referral_required: np.ndarray
    anonymous: np.ndarray
    has_sites: np.ndarray
    type_masks: dict[str, np.ndarray]
    language_masks: dict[str, np.ndarray]
    channel_masks: dict[str, np.ndarray]
    # One row per (service, site): document slot, site id, coordinates, municipality, step-free
    link_slot: np.ndarray
    link_site: np.ndarray
    link_lat: np.ndarray
    link_lon: np.ndarray
    link_municipality: np.ndarray
    link_step_free: np.ndarray
    # Services whose area is the whole country (also Åland, or not), and by county code those
    # that name the county: what a place's filter adds to the services at its sites.
    national: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    national_except_aland: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    county_masks: dict[str, np.ndarray] = field(default_factory=dict)
    # {county code: {lang: name}}, for the label of a service that names counties
    county_names: dict[str, dict[str, str]] = field(default_factory=dict)
    organisation_area: dict[int, tuple[str | None, str | None]] = field(default_factory=dict)
    # Words of the services' names as written, by language: what typos are corrected to.
    surfaces: dict[str, set[str]] = field(default_factory=dict)
    built_at: float = 0.0

    @property
    def size(self) -> int:
        return len(self.documents)


# --- Loading from the database -------------------------------------------------------------------


def _translated(row: dict[str, Any], name: str) -> dict[str, str]:
    return {lang: row.get(f"{name}_{lang}") or "" for lang in LANGUAGES}


def _text_terms(texts: Iterable[str], *, lang: str) -> list[str]:
    terms: dict[str, None] = {}
    for text in texts:
        if text:
            for term in _analysed(text, lang):
                terms[term] = None
    return list(terms)


_analysis_cache: dict[tuple[str, str], tuple[str, ...]] = {}
_ANALYSIS_CACHE_MAX = 200_000


def _analysed(text: str, lang: str) -> tuple[str, ...]:
    """Whole texts repeat across services (a county's clinics share descriptions): cache them."""
    key = (lang, text)
    found = _analysis_cache.get(key)
    if found is None:
        found = tuple(analyse(text, lang=lang))
        if len(_analysis_cache) >= _ANALYSIS_CACHE_MAX:
            _analysis_cache.clear()
        _analysis_cache[key] = found
    return found


def _document_terms(texts: dict[str, dict[str, str]], *, lang: str) -> DocumentTerms:
    """Terms of one service in one language and their saturated weights; texts missing in
    `lang` fall back to Finnish for names (so names are found), not for descriptions.
    Kept as a tuple and an array: a national index holds 140 000 of these while it builds."""
    weighted: dict[str, float] = defaultdict(float)
    for field_name, field_weight in FIELD_WEIGHTS.items():
        value = texts[field_name].get(lang) or ""
        if not value and field_name in {"name", "organisation", "places"}:
            value = texts[field_name].get("fi") or ""
        for term in _analysed(value, lang) if value else ():
            weighted[term] += field_weight
    tf = np.fromiter(weighted.values(), dtype=np.float32, count=len(weighted))
    return tuple(weighted), tf * np.float32(K1 + 1) / (tf + np.float32(K1))


SERVICE_FIELDS = [
    "pk",
    "hsds_id",
    "updated_at",
    "organisation_id",
    "min_age_months",
    "max_age_months",
    "languages",
    "channels",
    "cost",
    "referral_required",
    "anonymous_contact",
    "last_verified_at",
    "service_area",
    *(f"{name}_{lang}" for name in ("name", "summary", "description") for lang in LANGUAGES),
]


def _sites_load(site_ids: Iterable[int] | None = None) -> dict[int, SiteRecord]:
    qs = Site.objects.all()
    if site_ids is not None:
        qs = qs.filter(pk__in=list(site_ids))
    rows = qs.values(
        "pk",
        "hsds_id",
        "updated_at",
        "latitude",
        "longitude",
        "step_free_access",
        "municipality__code",
        *(f"name_{lang}" for lang in LANGUAGES),
        *(f"municipality__name_{lang}" for lang in LANGUAGES),
    )
    return {
        row["pk"]: SiteRecord(
            pk=row["pk"],
            hsds_id=row["hsds_id"],
            names=_translated(row, "name"),
            municipality_code=row["municipality__code"],
            municipality_names=_translated(row, "municipality__name"),
            lat=row["latitude"],
            lon=row["longitude"],
            step_free=row["step_free_access"],
            updated_at=row["updated_at"],
        )
        for row in rows.iterator(chunk_size=5000)
    }


def _hours_load(owner: str) -> Hours:
    """Weekly hours and exceptions of sites (`owner="site"`) or of services at sites."""
    weekly: dict[int, list[tuple[int, int, int, date | None, date | None]]] = defaultdict(list)
    rows = OpeningHours.objects.filter(**{f"{owner}__isnull": False}).values_list(
        f"{owner}_id", "weekday", "opens", "closes", "valid_from", "valid_to"
    )
    for key, weekday, opens, closes, valid_from, valid_to in rows.iterator(chunk_size=10000):
        weekly[key].append((weekday, _minutes(opens), _minutes(closes), valid_from, valid_to))
    exceptions: dict[int, dict[date, tuple[bool, int, int]]] = defaultdict(dict)
    exception_rows = OpeningHoursException.objects.filter(
        **{f"{owner}__isnull": False}
    ).values_list(f"{owner}_id", "date", "closed", "opens", "closes")
    for key, day, closed, opens, closes in exception_rows.iterator(chunk_size=10000):
        if closed or opens is None or closes is None:
            exceptions[key][day] = (True, 0, 0)
        else:
            exceptions[key][day] = (False, _minutes(opens), _minutes(closes))
    return Hours(dict(weekly), dict(exceptions))


def _type_names() -> dict[str, dict[str, str]]:
    rows = ServiceType.objects.values("code", *(f"name_{lang}" for lang in LANGUAGES))
    return {row["code"]: _translated(row, "name") for row in rows}


def _documents_load(
    sites: dict[int, SiteRecord],
    type_names: dict[str, dict[str, str]],
    service_ids: Iterable[int] | None = None,
) -> list[ServiceDocument]:
    """Published services (all, or those of `service_ids`) as documents."""
    services = Service.objects.filter(status=Service.Status.PUBLISHED)
    links = ServiceAtSite.objects.filter(service__status=Service.Status.PUBLISHED)
    typings = Service.service_types.through.objects.filter(service__status=Service.Status.PUBLISHED)
    naming = SERVED_COUNTIES.objects.filter(
        service__status=Service.Status.PUBLISHED, service__service_area=Service.ServiceArea.COUNTIES
    )
    if service_ids is not None:
        wanted = list(service_ids)
        services, links = services.filter(pk__in=wanted), links.filter(service_id__in=wanted)
        typings = typings.filter(service_id__in=wanted)
        naming = naming.filter(service_id__in=wanted)
    counties_of: dict[int, list[str]] = defaultdict(list)
    for service_id, code in naming.values_list("service_id", "county__code").iterator(
        chunk_size=20000
    ):
        counties_of[service_id].append(code)
    types_of: dict[int, list[str]] = defaultdict(list)
    for service_id, code in typings.values_list("service_id", "servicetype__code").iterator(
        chunk_size=20000
    ):
        types_of[service_id].append(code)
    links_of: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for link_id, service_id, site_id in links.values_list("pk", "service_id", "site_id").iterator(
        chunk_size=20000
    ):
        links_of[service_id].append((link_id, site_id))
    links_with_hours = set(
        OpeningHours.objects.filter(service_at_site__isnull=False).values_list(
            "service_at_site_id", flat=True
        )
    )
    organisations = _organisation_names(services)
    documents = []
    for row in services.values(*SERVICE_FIELDS).iterator(chunk_size=5000):
        pk = row["pk"]
        codes = tuple(sorted(types_of.get(pk, ())))
        service_links = links_of.get(pk, [])
        places = [sites[site_id] for _link, site_id in service_links if site_id in sites]
        texts: dict[str, dict[str, str]] = {
            "name": _translated(row, "name"),
            "summary": _translated(row, "summary"),
            "description": _translated(row, "description"),
            "types": {
                lang: " ".join(type_names.get(code, {}).get(lang, "") for code in codes)
                for lang in LANGUAGES
            },
            "organisation": organisations.get(row["organisation_id"], {}),
            "places": {
                lang: " ".join(
                    f"{place.names[lang] or place.names['fi']} "
                    f"{place.municipality_names[lang] or place.municipality_names['fi']}"
                    for place in places
                )
                for lang in LANGUAGES
            },
        }
        documents.append(
            ServiceDocument(
                pk=pk,
                hsds_id=row["hsds_id"],
                updated_at=row["updated_at"],
                organisation_id=row["organisation_id"],
                types=codes,
                min_age=AGE_OPEN_LOW if row["min_age_months"] is None else row["min_age_months"],
                max_age=AGE_OPEN_HIGH if row["max_age_months"] is None else row["max_age_months"],
                languages=tuple(row["languages"] or ()),
                channels=tuple(row["channels"] or ()),
                free=row["cost"] == Service.Cost.FREE,
                referral_required=row["referral_required"],
                anonymous=row["anonymous_contact"],
                last_verified=row["last_verified_at"],
                site_ids=tuple(site_id for _link, site_id in service_links),
                own_hours_links=tuple(
                    (link, site) for link, site in service_links if link in links_with_hours
                ),
                terms={lang: _document_terms(texts, lang=lang) for lang in LANGUAGES},
                names=texts["name"],
                service_area=row["service_area"],
                served_counties=tuple(sorted(counties_of.get(pk, ()))),
            )
        )
    return documents


def _organisation_names(services: Any) -> dict[int, dict[str, str]]:
    rows = Organisation.objects.filter(pk__in=services.values("organisation_id")).values(
        "pk", *(f"name_{lang}" for lang in LANGUAGES)
    )
    return {row["pk"]: _translated(row, "name") for row in rows}


# --- Building a snapshot -------------------------------------------------------------------------


def _postings_build(
    documents: list[ServiceDocument], lang: str, previous: Postings | None, slot_map: np.ndarray
) -> Postings:
    """Postings of `documents` in `lang`. Documents whose terms were already released keep
    their postings from `previous`, moved to their new slots by `slot_map` (old slot → new
    slot, -1 when gone); the others are analysed anew."""
    vocabulary: dict[str, int] = dict(previous.vocabulary) if previous else {}
    parts_terms: list[np.ndarray] = []
    parts_slots: list[np.ndarray] = []
    parts_weights: list[np.ndarray] = []
    if previous is not None and len(previous.slots):
        counts = np.diff(previous.starts)
        old_terms = np.repeat(np.arange(len(counts), dtype=np.int32), counts)
        new_slots = slot_map[previous.slots]
        kept = new_slots >= 0
        parts_terms.append(old_terms[kept])
        parts_slots.append(new_slots[kept].astype(np.int32))
        parts_weights.append(previous.weights[kept])
    for slot, document in enumerate(documents):
        if document.terms is None:
            continue
        terms, weights = document.terms[lang]
        ids = [vocabulary.setdefault(term, len(vocabulary)) for term in terms]
        parts_terms.append(np.asarray(ids, dtype=np.int32))
        parts_slots.append(np.full(len(ids), slot, dtype=np.int32))
        parts_weights.append(weights)
    all_terms = np.concatenate(parts_terms) if parts_terms else np.zeros(0, np.int32)
    all_slots = np.concatenate(parts_slots) if parts_slots else np.zeros(0, np.int32)
    # By term, then by slot: a term's slots stay sorted for membership tests.
    order = np.lexsort((all_slots, all_terms))
    counts = np.bincount(all_terms, minlength=len(vocabulary))
    starts = np.zeros(len(vocabulary) + 1, dtype=np.int64)
    np.cumsum(counts, out=starts[1:])
    return Postings(
        vocabulary=vocabulary,
        starts=starts,
        slots=all_slots[order],
        weights=(np.concatenate(parts_weights) if parts_weights else np.zeros(0, np.float32))[
            order
        ],
    )


def _mask(size: int, slots: Iterable[int]) -> np.ndarray:
    mask = np.zeros(size, dtype=bool)
    mask[list(slots)] = True
    return mask


def snapshot_build(
    documents: list[ServiceDocument],
    sites: dict[int, SiteRecord],
    site_hours: Hours,
    link_hours: Hours,
    type_names: dict[str, dict[str, str]],
    lexicons: dict[str, Lexicon],
    previous: Snapshot | None = None,
) -> Snapshot:
    """A snapshot of `documents`. Those without terms (released after indexing) take their
    postings from `previous`."""
    size = len(documents)
    slot_map = np.full(previous.size if previous else 0, -1, dtype=np.int64)
    if previous is not None:
        for slot, document in enumerate(documents):
            old_slot = previous.slot_of_pk.get(document.pk)
            if document.terms is None and old_slot is not None:
                slot_map[old_slot] = slot
    by_type: dict[str, list[int]] = defaultdict(list)
    by_language: dict[str, list[int]] = defaultdict(list)
    by_channel: dict[str, list[int]] = defaultdict(list)
    by_county: dict[str, list[int]] = defaultdict(list)
    link_rows: list[tuple[int, int, float, float, str, bool]] = []
    for slot, document in enumerate(documents):
        for code in document.served_counties:
            by_county[code].append(slot)
        for code in document.types:
            by_type[code].append(slot)
        for language in document.languages:
            by_language[language].append(slot)
        for channel in document.channels:
            by_channel[channel].append(slot)
        for site_id in document.site_ids:
            site = sites.get(site_id)
            if site is None:
                continue
            link_rows.append(
                (
                    slot,
                    site_id,
                    math.nan if site.lat is None else site.lat,
                    math.nan if site.lon is None else site.lon,
                    site.municipality_code,
                    site.step_free,
                )
            )
    columns = list(zip(*link_rows, strict=True)) if link_rows else [()] * 6
    snapshot = Snapshot(
        documents=documents,
        sites=sites,
        site_hours=site_hours,
        link_hours=link_hours,
        type_names=type_names,
        lexicons=lexicons,
        postings={
            lang: _postings_build(
                documents, lang, previous.postings[lang] if previous else None, slot_map
            )
            for lang in LANGUAGES
        },
        slot_of_pk={document.pk: slot for slot, document in enumerate(documents)},
        min_age=np.asarray([d.min_age for d in documents], dtype=np.int32),
        max_age=np.asarray([d.max_age for d in documents], dtype=np.int32),
        free=np.asarray([d.free for d in documents], dtype=bool),
        referral_required=np.asarray([d.referral_required for d in documents], dtype=bool),
        anonymous=np.asarray([d.anonymous for d in documents], dtype=bool),
        has_sites=np.asarray([bool(d.site_ids) for d in documents], dtype=bool),
        type_masks={code: _mask(size, slots) for code, slots in by_type.items()},
        language_masks={code: _mask(size, slots) for code, slots in by_language.items()},
        channel_masks={code: _mask(size, slots) for code, slots in by_channel.items()},
        link_slot=np.asarray(columns[0], dtype=np.int32),
        link_site=np.asarray(columns[1], dtype=np.int64),
        link_lat=np.asarray(columns[2], dtype=np.float64),
        link_lon=np.asarray(columns[3], dtype=np.float64),
        link_municipality=np.asarray(columns[4], dtype=object),
        link_step_free=np.asarray(columns[5], dtype=bool),
        national=np.asarray(
            [d.service_area == Service.ServiceArea.NATIONAL for d in documents], dtype=bool
        ),
        national_except_aland=np.asarray(
            [d.service_area == Service.ServiceArea.NATIONAL_EXCEPT_ALAND for d in documents],
            dtype=bool,
        ),
        county_masks={code: _mask(size, slots) for code, slots in by_county.items()},
        county_names=_county_names(),
        organisation_area=_organisation_places(),
        surfaces=_surfaces(documents, previous),
        built_at=monotonic_time.time(),
    )
    # The postings hold the terms now; a national index would otherwise keep them twice.
    for document in documents:
        document.terms = document.names = None
    _analysis_cache.clear()
    return snapshot


def _surfaces(documents: list[ServiceDocument], previous: Snapshot | None) -> dict[str, set[str]]:
    surfaces: dict[str, set[str]] = {
        lang: set(previous.surfaces.get(lang, ())) if previous else set() for lang in LANGUAGES
    }
    for document in documents:
        for lang, name in (document.names or {}).items():
            surfaces[lang].update(word for word in tokenise(name) if word.isalpha())
    return surfaces


def _county_names() -> dict[str, dict[str, str]]:
    rows = County.objects.values("code", *(f"name_{lang}" for lang in LANGUAGES))
    return {row["code"]: _translated(row, "name") for row in rows}


def serving_county_mask(snapshot: Snapshot, county_code: str) -> np.ndarray:
    """Services whose area covers the county: the whole country (Åland only when it is not
    excluded) or the county named. Local services are not among them, wherever they are."""
    mask = snapshot.national.copy()
    if county_code != ALAND_COUNTY_CODE:
        mask |= snapshot.national_except_aland
    named = snapshot.county_masks.get(county_code)
    if named is not None:
        mask |= named
    return mask


def _organisation_places() -> dict[int, tuple[str | None, str | None]]:
    """{organisation id: (municipality code, county code)}: where a service without sites
    (a helpline, a chat) is offered."""
    rows = Organisation.objects.values_list("pk", "municipality__code", "county__code")
    return {pk: (municipality, county) for pk, municipality, county in rows}


# --- Freshness -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stamp:
    """What changes when anything the index shows changes."""

    values: tuple[Any, ...]
    service_changed: datetime | None
    site_changed: datetime | None
    organisation_changed: datetime | None


def stamp_read() -> Stamp:
    service = Service.objects.aggregate(at=Max("updated_at"), n=Count("pk"))
    site = Site.objects.aggregate(at=Max("updated_at"), n=Count("pk"))
    organisation = Organisation.objects.aggregate(at=Max("updated_at"), n=Count("pk"))
    area = Area.objects.aggregate(at=Max("updated_at"))
    links = ServiceAtSite.objects.aggregate(n=Count("pk"), last=Max("pk"))
    typings = Service.service_types.through.objects.aggregate(n=Count("pk"), last=Max("pk"))
    naming = SERVED_COUNTIES.objects.aggregate(n=Count("pk"), last=Max("pk"))
    hours = OpeningHours.objects.aggregate(n=Count("pk"), last=Max("pk"))
    exceptions = OpeningHoursException.objects.aggregate(n=Count("pk"), last=Max("pk"))
    values = (
        service["at"],
        service["n"],
        site["at"],
        site["n"],
        organisation["at"],
        organisation["n"],
        area["at"],
        links["n"],
        links["last"],
        typings["n"],
        typings["last"],
        hours["n"],
        hours["last"],
        exceptions["n"],
        exceptions["last"],
        naming["n"],
        naming["last"],
    )
    return Stamp(values, service["at"], site["at"], organisation["at"])


class IndexHolder:
    """This process's current snapshot and how fresh it is."""

    def __init__(self) -> None:
        self._snapshot: Snapshot | None = None
        self._stamp: Stamp | None = None
        self._checked_at = 0.0
        self._lock = threading.Lock()
        self._watcher_pid: int | None = None
        self._stopped = threading.Event()

    def reset(self) -> None:
        with self._lock:
            self._snapshot, self._stamp, self._checked_at = None, None, 0.0
            self.stop_watching()

    def stop_watching(self) -> None:
        self._stopped.set()
        self._stopped = threading.Event()
        self._watcher_pid = None

    def current(self) -> Snapshot:
        snapshot = self._snapshot
        if snapshot is None:
            with self._lock:  # the first build: every request must wait for it
                if self._snapshot is None:
                    self._full_build()
            assert self._snapshot is not None
            return self._snapshot
        interval = float(settings.PERHEKESKUS.get("SEARCH_REFRESH_SECONDS", 2.0))
        if interval <= 0:  # tests: every query sees the database as it is
            with self._lock:
                self._refresh_if_stale()
        else:
            self._watch(interval)
        return self._snapshot or snapshot

    def _watch(self, interval: float) -> None:
        """Check for changes in a thread of this process, so that no request waits for it.
        A forked worker has no thread of its parent's: it starts its own."""
        pid = os.getpid()
        if self._watcher_pid == pid:
            return
        with self._lock:
            if self._watcher_pid == pid:
                return
            # A worker forked from a master that built the index hours ago catches up first.
            self._refresh_if_stale()
            self._watcher_pid = pid
            threading.Thread(
                target=self._watch_loop,
                args=(interval, self._stopped),
                name="search-index",
                daemon=True,
            ).start()

    def _watch_loop(self, interval: float, stopped: threading.Event) -> None:
        while not stopped.wait(interval):
            try:
                with self._lock:
                    self._refresh_if_stale()
            except Exception:  # a database restart must not end the watching for good
                logger.exception("search index refresh failed; trying again")
                connections.close_all()
        connections.close_all()  # this thread's own connection

    def _full_build(self) -> None:
        started = monotonic_time.perf_counter()
        stamp = stamp_read()
        type_names = _type_names()
        sites = _sites_load()
        documents = _documents_load(sites, type_names)
        self._snapshot = snapshot_build(
            documents,
            sites,
            _hours_load("site"),
            _hours_load("service_at_site"),
            type_names,
            lexicons_build(type_names),
        )
        self._stamp, self._checked_at = stamp, monotonic_time.monotonic()
        _memory_return()
        logger.info(
            "search index built: %d services in %.1f s",
            len(documents),
            monotonic_time.perf_counter() - started,
        )

    def _refresh_if_stale(self) -> None:
        self._checked_at = monotonic_time.monotonic()
        stamp = stamp_read()
        previous, snapshot = self._stamp, self._snapshot
        if previous is None or snapshot is None or stamp.values == previous.values:
            return
        started = monotonic_time.perf_counter()
        self._snapshot = _snapshot_refreshed(snapshot, previous, stamp)
        self._stamp = stamp
        logger.info("search index refreshed in %.2f s", monotonic_time.perf_counter() - started)


def _changed_since(model: Any, moment: datetime | None) -> Any:
    qs = model.objects.all()
    return qs if moment is None else qs.filter(updated_at__gt=moment)


# Where in a stamp's values the link tables' counts are (see `stamp_read`).
TYPES_AND_SITES = slice(7, 11)
HOURS = slice(11, 15)
COUNTIES_NAMED = slice(15, 17)


def _published_structure() -> dict[
    int, tuple[tuple[str, ...], tuple[int, ...], int, tuple[str, ...]]
]:
    """{service id: (type codes, site ids, links with own hours, counties named)} of
    published services."""
    published = Service.objects.filter(status=Service.Status.PUBLISHED)
    counties: dict[int, list[str]] = defaultdict(list)
    for pk, code in SERVED_COUNTIES.objects.filter(
        service__in=published.filter(service_area=Service.ServiceArea.COUNTIES)
    ).values_list("service_id", "county__code"):
        counties[pk].append(code)
    types: dict[int, list[str]] = defaultdict(list)
    for pk, code in Service.service_types.through.objects.filter(service__in=published).values_list(
        "service_id", "servicetype__code"
    ):
        types[pk].append(code)
    sites: dict[int, list[int]] = defaultdict(list)
    for pk, site_id in ServiceAtSite.objects.filter(service__in=published).values_list(
        "service_id", "site_id"
    ):
        sites[pk].append(site_id)
    own_hours: dict[int, int] = defaultdict(int)
    for pk in OpeningHours.objects.filter(service_at_site__service__in=published).values_list(
        "service_at_site__service_id", flat=True
    ):
        own_hours[pk] += 1
    return {
        pk: (
            tuple(sorted(types[pk])),
            tuple(sorted(sites[pk])),
            own_hours[pk],
            tuple(sorted(counties[pk])),
        )
        for pk in published.values_list("pk", flat=True)
    }


def _snapshot_refreshed(snapshot: Snapshot, previous: Stamp, stamp: Stamp) -> Snapshot:
    """A new snapshot with the services that changed since `previous` reloaded: edited ones,
    those whose types, sites, own hours or counties served changed, and those at changed sites
    or of changed organisations. Unpublished and deleted services drop out."""
    type_names = _type_names()
    changed_sites = set(_changed_since(Site, previous.site_changed).values_list("pk", flat=True))
    changed_organisations = _changed_since(Organisation, previous.organisation_changed)
    published = dict(
        Service.objects.filter(status=Service.Status.PUBLISHED).values_list("pk", "updated_at")
    )
    reload = {
        pk
        for pk, updated_at in published.items()
        if pk not in snapshot.slot_of_pk
        or snapshot.documents[snapshot.slot_of_pk[pk]].updated_at != updated_at
    }
    if (
        stamp.values[TYPES_AND_SITES] != previous.values[TYPES_AND_SITES]
        or stamp.values[11:13] != previous.values[11:13]
        or stamp.values[COUNTIES_NAMED] != previous.values[COUNTIES_NAMED]
    ):
        for pk, (types, site_ids, own_hours, counties) in _published_structure().items():
            slot = snapshot.slot_of_pk.get(pk)
            if slot is None:
                continue
            document = snapshot.documents[slot]
            if (
                document.types != types
                or tuple(sorted(document.site_ids)) != site_ids
                or bool(document.own_hours_links) != bool(own_hours)
                or document.served_counties != counties
            ):
                reload.add(pk)
    reload |= set(
        ServiceAtSite.objects.filter(site_id__in=changed_sites).values_list("service_id", flat=True)
    )
    reload |= set(
        Service.objects.filter(organisation__in=changed_organisations).values_list("pk", flat=True)
    )
    if type_names != snapshot.type_names:
        reload = set(published)
    sites = dict(snapshot.sites)
    sites.update(_sites_load(changed_sites))
    for pk in set(sites) - set(Site.objects.values_list("pk", flat=True)):
        del sites[pk]
    reloaded = {
        document.pk: document
        for document in _documents_load(sites, type_names, reload & set(published))
    }
    documents = [
        reloaded.get(document.pk, document)
        for document in snapshot.documents
        if document.pk in published
    ]
    known = {document.pk for document in documents}
    documents += [document for pk, document in reloaded.items() if pk not in known]
    lexicons = (
        snapshot.lexicons if type_names == snapshot.type_names else lexicons_build(type_names)
    )
    hours_changed = stamp.values[HOURS] != previous.values[HOURS] or changed_sites
    return snapshot_build(
        documents,
        sites,
        _hours_load("site") if hours_changed else snapshot.site_hours,
        _hours_load("service_at_site") if hours_changed else snapshot.link_hours,
        type_names,
        lexicons,
        previous=snapshot,
    )


def _memory_return() -> None:
    """Give the memory the build freed back to the system (glibc keeps it otherwise)."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to do
        ctypes.CDLL("libc.so.6").malloc_trim(0)


_holder = IndexHolder()


def current_index() -> Snapshot:
    return _holder.current()


def index_warm() -> Snapshot:
    """Build the index now (a server's master process, before it forks its workers, so that
    they share the index's memory and none makes the first family wait)."""
    return _holder.current()


def index_reset() -> None:
    """Forget the index (tests; after restoring a database)."""
    _holder.reset()
