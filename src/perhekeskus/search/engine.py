"""Answering a query from the index: understand the words, filter, score, rank, explain.

Each query word is read in the user's language first; a word that language does not know is
tried in the other two ("neuvola" typed on the English pages), then corrected as a typo. Words
score twice: as text (BM25-like, weighted by the field they appear in) and through the lexicon
as the service types they suggest ("päivähoito" → early childhood education), which is how an
English query finds a service described only in Finnish. Results must cover the important
words of the query (rare words weigh more than common ones); with a location, nearer is better.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
from django.utils import formats, translation
from django.utils.text import capfirst
from django.utils.translation import gettext

from perhekeskus.errors import InvalidInput
from perhekeskus.network.labels import age_range_label, language_name
from perhekeskus.network.models import (
    AGE_MONTHS_MAX,
    PREGNANCY_START_MONTHS,
    Municipality,
    PostalArea,
    Service,
)
from perhekeskus.network.service_areas import service_area_label
from perhekeskus.search.analysis import (
    LANGUAGES,
    MAX_INPUT_CHARS,
    analyse,
    tokenise,
    voikko_knows,
    word_lemmas,
)
from perhekeskus.search.fuzzy import MIN_WORD_LENGTH, Corrector, edit_distance
from perhekeskus.search.hours import OpeningTable, local_moment, now_local
from perhekeskus.search.index import (
    AGE_OPEN_HIGH,
    AGE_OPEN_LOW,
    Snapshot,
    current_index,
    index_reset,
    serving_county_mask,
)
from perhekeskus.search.selectors import (
    SEARCH_LIMIT_MAX,
    Location,
    Narrowing,
    Reason,
    SearchHit,
    SearchQuery,
    SearchResults,
    SiteHit,
)

HELSINKI = ZoneInfo("Europe/Helsinki")


@lru_cache(maxsize=512)
def _translated(language: str | None, message: str) -> str:
    return gettext(message)


def _(message: str) -> str:
    """gettext, remembered: a page of results asks for the same few texts hundreds of times.
    Results are built inside `translation.override(query.lang)`, so that is the language."""
    return _translated(_active_language.get() or translation.get_language(), message)


_active_language: ContextVar[str | None] = ContextVar("search_language", default=None)


MAX_QUERY_WORDS = 12
# A compound's parts count for less than the whole word ("lastenneuvolan" → "neuvola").
PART_WEIGHT = 0.5
# A word read in another language than the user's counts a little less.
OTHER_LANGUAGE_WEIGHT = 0.8
# A typo-corrected word counts a little less than a word typed right.
CORRECTED_WEIGHT = 0.85
# A service type the words point to counts like a strong match in a service's name.
TYPE_WEIGHT = 10.0
# The words of a word that names a need count at most this much (times the need's weight).
TEXT_CAP_FOR_NEEDS = 0.6 * TYPE_WEIGHT
# Later types of a lexicon phrase fit less than the first.
TYPE_ORDER_DECAY = 0.85
# A lexicon phrase reached only through a compound's parts is a weak hint.
PART_PHRASE_WEIGHT = 0.3
# How much a word that matches nothing weighs against the words that do.
UNKNOWN_WORD_IMPORTANCE = 2.0
# Results must cover at least this share of the best coverage any service reaches,
COVERAGE_KEEP = 0.75
# and score at least this share of the best score (a compound's common part alone, such as
# "lapsi" of "lastenneuvola", does not make a service a result).
SCORE_KEEP = 0.15
# Score halves at this distance (km) when the family gave a location.
DISTANCE_HALF_KM = 8.0
# A service that serves the family's place without a site near it (a helpline, a national
# service, a county's specialised service for the county named) ranks as if this far away,
NO_SITE_DISTANCE_KM = 15.0
# and a service without sites that does not serve the place (another county's helpline) as if
# this far.
NOT_SERVING_DISTANCE_KM = 150.0
# More results than this, with no place given, and the query gets narrowing suggestions.
TOO_BROAD = 300
EARTH_RADIUS_KM = 6371.0


# --- Understanding the words -----------------------------------------------------------------


@dataclass
class WordPlan:
    """How one query word is read: in which language, as which terms, pointing to which types."""

    word: str
    lang: str
    terms: tuple[str, ...]
    factor: float
    corrected_to: str | None = None
    types: dict[str, float] = field(default_factory=dict)


def _known(snapshot: Snapshot, lang: str, terms: Iterable[str]) -> bool:
    postings, lexicon = snapshot.postings[lang], snapshot.lexicons[lang]
    return any(term in postings.vocabulary or lexicon.knows(term) for term in terms)


def _in_lexicon(snapshot: Snapshot, lang: str, terms: Iterable[str]) -> bool:
    return any(snapshot.lexicons[lang].knows(term) for term in terms)


# Reading a word (dictionaries, stemmers, typo candidates) costs more than scoring it; families
# type the same words again and again. Kept per snapshot, so a refreshed index reads anew.
PLAN_CACHE_SIZE = 20_000


def _word_plan_cached(snapshot: Snapshot, word: str, lang: str) -> WordPlan | None:
    cache: dict[tuple[str, str], WordPlan | None] = snapshot.__dict__.setdefault("_plans", {})
    key = (word, lang)
    if key not in cache:
        if len(cache) >= PLAN_CACHE_SIZE:
            cache.clear()
        cache[key] = _word_plan(snapshot, word, lang)
    plan = cache[key]
    # The phrases of the whole query fill in `types`: each query gets its own copy.
    return None if plan is None else replace(plan, types=dict(plan.types))


def _word_plan(
    snapshot: Snapshot, word: str, lang: str, also_known: dict[str, set[str]] | None = None
) -> WordPlan | None:
    """Read a word: as itself in the user's language or another; else, when no dictionary
    knows it, as the nearest known word (a typo); else by the parts of it that are known
    ("skilsmässostöd" → stöd)."""
    languages = (lang, *(other for other in LANGUAGES if other != lang))

    def factor(candidate: str) -> float:
        return 1.0 if candidate == lang else OTHER_LANGUAGE_WEIGHT

    readings = {candidate: word_lemmas(word, lang=candidate) for candidate in languages}
    # A word the lexicon knows in some language is read in it before a word that merely
    # occurs in texts: "neuvola" on the Swedish pages is the Finnish word, not a place name.
    for known_to in (_in_lexicon, _known):
        for candidate in languages:
            extra = also_known.get(candidate, set()) if also_known else set()
            if known_to(snapshot, candidate, readings[candidate]) or (
                extra and not extra.isdisjoint(readings[candidate])
            ):
                terms = tuple(analyse(word, lang=candidate))
                return WordPlan(word, candidate, terms, factor(candidate))
    if not (lang == "fi" and voikko_knows(word)):
        for candidate in languages:
            corrected = _correction(snapshot, word, candidate)
            if corrected:
                terms = tuple(analyse(corrected, lang=candidate))
                weight = CORRECTED_WEIGHT * factor(candidate)
                return WordPlan(word, candidate, terms, weight, corrected_to=corrected)
    for candidate in languages:
        terms = tuple(analyse(word, lang=candidate))
        if _known(snapshot, candidate, terms[1:]):
            return WordPlan(word, candidate, terms, factor(candidate))
        parts = _compound_split(snapshot, word, candidate)
        if parts:
            joined = " ".join(parts)
            terms = tuple(analyse(joined, lang=candidate))
            return WordPlan(word, candidate, terms, factor(candidate), corrected_to=joined)
    return None


# Swedish joins compound parts with -s-, -e-, -o- or -a- ("skilsmässostöd").
LINKING_LETTERS = {"sv": ("", "s", "e", "o", "a"), "fi": ("",), "en": ("",)}
MIN_PART_LENGTH = 3


def _compound_split(snapshot: Snapshot, word: str, lang: str) -> tuple[str, str] | None:
    """Two known words that make up an unknown one ("childcare" → child care), the longer
    head first tried; None when there are none."""
    if len(word) < 2 * MIN_PART_LENGTH:
        return None
    for cut in range(MIN_PART_LENGTH, len(word) - MIN_PART_LENGTH + 1):
        head, tail = word[:cut], word[cut:]
        if not _known(snapshot, lang, word_lemmas(tail, lang=lang)):
            continue
        for linking in LINKING_LETTERS[lang]:
            if linking and not head.endswith(linking):
                continue
            stem = head[: len(head) - len(linking)] if linking else head
            if len(stem) >= MIN_PART_LENGTH and _known(
                snapshot, lang, word_lemmas(stem, lang=lang)
            ):
                return stem, tail
    return None


def _correction(snapshot: Snapshot, word: str, lang: str) -> str | None:
    """The most likely intended word for a typo: a known word (voikko's suggestions for
    Finnish, and the index's own terms) nearest to it; among equals the commonest."""
    if word.isdigit() or len(word) < MIN_WORD_LENGTH:
        return None
    postings = snapshot.postings[lang]
    candidates = {term for _distance, term in _corrector(snapshot, lang).candidates(word)}
    if lang == "fi":
        candidates.update(suggestion.casefold() for suggestion in _voikko_suggestions(word))
    options = []
    for candidate in candidates:
        readings = word_lemmas(candidate, lang=lang)
        if not _known(snapshot, lang, readings):
            continue
        frequency = max(postings.document_frequency(reading) for reading in readings)
        options.append((edit_distance(word, candidate, limit=3), -frequency, candidate))
    return min(options)[2] if options else None


@lru_cache(maxsize=20_000)
def _voikko_suggestions(word: str) -> tuple[str, ...]:
    from perhekeskus.search.analysis import _voikko

    handle = _voikko()
    if handle is None or len(word) < 4:
        return ()
    return tuple(handle.suggest(word)[:5])


def _corrector(snapshot: Snapshot, lang: str) -> Corrector:
    cache: dict[str, Corrector] = snapshot.__dict__.setdefault("_correctors", {})
    corrector = cache.get(lang)
    if corrector is None:
        lexicon = snapshot.lexicons[lang]
        terms = set(snapshot.postings[lang].vocabulary) | lexicon.terms() | lexicon.surfaces
        corrector = cache[lang] = Corrector(terms | snapshot.surfaces.get(lang, set()))
    return corrector


def _phrase_types(snapshot: Snapshot, plans: list[WordPlan]) -> None:
    """Attach to each word the service types of the lexicon phrases it takes part in. A phrase
    reached only through a compound's parts ("neuvola" in "perheneuvolaan") is a weak hint."""
    for lang in {plan.lang for plan in plans}:
        own = [plan for plan in plans if plan.lang == lang]
        readings = {
            reading
            for plan in own
            for token in tokenise(plan.corrected_to or plan.word)
            for reading in word_lemmas(token, lang=lang)
        }
        every = {term for plan in own for term in plan.terms}
        for phrase, taken in snapshot.lexicons[lang].matches(every):
            whole = phrase.matched_terms(readings) is not None
            strength = phrase.weight * (1.0 if whole else PART_PHRASE_WEIGHT)
            for plan in own:
                if not taken & set(plan.terms):
                    continue
                for order, code in enumerate(phrase.types):
                    weight = strength * plan.factor * TYPE_ORDER_DECAY**order
                    plan.types[code] = max(plan.types.get(code, 0.0), weight)


def understand(
    text: str, lang: str, also_known: dict[str, set[str]] | None = None
) -> list[WordPlan]:
    """How the search reads a text: each known word in its language (typos corrected,
    compounds split) with the service types the lexicon says it points to. For guidance,
    whose own vocabulary (`also_known`, terms by language) counts as known too."""
    snapshot = current_index()
    words = [word for word in tokenise(text[:MAX_INPUT_CHARS]) if analyse(word, lang=lang)]
    plans = [plan for word in words if (plan := _word_plan(snapshot, word, lang, also_known))]
    _phrase_types(snapshot, plans)
    return plans


# --- Scoring ----------------------------------------------------------------------------------


def _idf(size: int, frequency: int) -> float:
    return math.log(1 + (size - frequency + 0.5) / (frequency + 0.5))


def _word_scores(snapshot: Snapshot, plan: WordPlan) -> tuple[np.ndarray, float, bool]:
    """Scores of every service for one word, the word's importance, and whether its text
    matched anything (as opposed to its types only)."""
    size = snapshot.size
    scores = np.zeros(size, dtype=np.float32)
    postings = snapshot.postings[plan.lang]
    importance = 0.0
    text_matched = False
    for position, term in enumerate(plan.terms):
        found = postings.get(term)
        if found is None:
            continue
        slots, weights = found
        idf = _idf(size, len(slots))
        factor = plan.factor * (1.0 if position == 0 else PART_WEIGHT)
        scores[slots] += weights * np.float32(idf * factor)
        importance = max(importance, idf * factor)
        text_matched = True
    if plan.types:
        # A word that names a need is read first as the need: its mere mention (a district
        # called "Neuvola" in a service's name) must not outrank the services that meet it.
        np.minimum(scores, np.float32(TEXT_CAP_FOR_NEEDS * max(plan.types.values())), out=scores)
    for code, weight in plan.types.items():
        mask = snapshot.type_masks.get(code)
        if mask is not None:
            scores[mask] += np.float32(TYPE_WEIGHT * weight)
            importance = max(importance, 3.0 * weight)
    return scores, importance, text_matched


def _distances_km(snapshot: Snapshot, location: Location) -> np.ndarray:
    """Each service's distance to its nearest site (inf without sites with coordinates).

    For ranking, the flat-earth approximation at the location's latitude: within a few
    hundred kilometres it is off by well under one per cent, and it is several times faster
    than the great circle over every site. Shown distances use `distance_km`."""
    lat1, lon1 = math.radians(location.lat), math.radians(location.lon)
    link_lat, link_lon = _link_radians(snapshot)
    x = (link_lon - np.float32(lon1)) * np.float32(math.cos(lat1))
    y = link_lat - np.float32(lat1)
    squared = x * x + y * y
    nearest = np.full(snapshot.size, np.inf)
    if len(squared):
        # Links are in slot order (see snapshot_build): each service's run of links in one go;
        # the root is taken of each service's nearest only.
        starts = _link_runs(snapshot)
        nearest[snapshot.link_slot[starts]] = EARTH_RADIUS_KM * np.sqrt(
            np.minimum.reduceat(squared, starts)
        )
    nearest[nearest > NO_COORDINATES_KM] = np.inf
    return nearest


def _ranking_distances(snapshot: Snapshot, distances: np.ndarray, location: Location) -> np.ndarray:
    """The distance each service ranks at: its nearest site's, but no farther than
    NO_SITE_DISTANCE_KM for a service that serves the place from afar."""
    serving = _serving_place(snapshot, location.municipality, location.county)
    unplaced = np.isinf(distances)
    effective = np.where(unplaced, NO_SITE_DISTANCE_KM, distances)
    effective[unplaced & ~snapshot.has_sites & ~serving] = NOT_SERVING_DISTANCE_KM
    return np.where(serving, np.minimum(effective, NO_SITE_DISTANCE_KM), effective)


# Sites without coordinates are placed this far away (in radians), beyond any real distance.
_NOWHERE_RADIANS = 100.0
NO_COORDINATES_KM = EARTH_RADIUS_KM * 50


def _link_radians(snapshot: Snapshot) -> tuple[np.ndarray, np.ndarray]:
    radians = snapshot.__dict__.get("_link_radians")
    if radians is None:
        # Single precision: a metre's accuracy in ranking is plenty, and half the memory to read.
        lat = np.radians(snapshot.link_lat).astype(np.float32)
        lon = np.radians(snapshot.link_lon).astype(np.float32)
        missing = np.isnan(lat) | np.isnan(lon)
        lat[missing] = _NOWHERE_RADIANS
        lon[missing] = _NOWHERE_RADIANS
        radians = (lat, lon)
        snapshot.__dict__["_link_radians"] = radians
    return radians


def _link_runs(snapshot: Snapshot) -> np.ndarray:
    runs = snapshot.__dict__.get("_link_runs")
    if runs is None:
        slots = snapshot.link_slot
        runs = np.flatnonzero(np.r_[True, slots[1:] != slots[:-1]]) if len(slots) else slots
        snapshot.__dict__["_link_runs"] = runs
    return runs


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    half_chord = (
        math.sin((phi2 - phi1) / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, half_chord)))


# --- Filters ----------------------------------------------------------------------------------


def _filter_mask(snapshot: Snapshot, query: SearchQuery, moment: datetime | None) -> np.ndarray:
    mask = np.ones(snapshot.size, dtype=bool)
    if query.age_months is not None:
        mask &= (snapshot.min_age <= query.age_months) & (snapshot.max_age >= query.age_months)
    if query.types:
        wanted = np.zeros(snapshot.size, dtype=bool)
        for code in query.types:
            if code in snapshot.type_masks:
                wanted |= snapshot.type_masks[code]
        mask &= wanted
    if query.language:
        mask &= snapshot.language_masks.get(query.language, np.zeros(snapshot.size, bool))
    if query.channel:
        mask &= snapshot.channel_masks.get(query.channel, np.zeros(snapshot.size, bool))
    if query.free:
        mask &= snapshot.free
    if query.no_referral:
        mask &= ~snapshot.referral_required
    if query.anonymous:
        mask &= snapshot.anonymous
    if query.accessible:
        mask &= _slots_of_links(snapshot, snapshot.link_step_free)
    if query.municipality:
        mask &= _in_municipality(snapshot, query.municipality)
    if moment is not None and query.open_at is not None:
        mask &= _open_slots(snapshot, moment)
    return mask


def _slots_of_links(snapshot: Snapshot, links: np.ndarray) -> np.ndarray:
    mask = np.zeros(snapshot.size, dtype=bool)
    mask[snapshot.link_slot[links]] = True
    return mask


def _in_municipality(snapshot: Snapshot, code: str) -> np.ndarray:
    """Services for families living in the municipality: those at a site there, and those
    that serve it without a site there (see `_serving_place`)."""
    places = _places(snapshot)
    mask = _slots_of_links(snapshot, places.link_municipality == _code_number(code))
    return mask | _serving_place(snapshot, code, _municipality_counties().get(code))


def _serving_place(snapshot: Snapshot, municipality: str | None, county: str | None) -> np.ndarray:
    """Services that serve families of a place wherever their sites are: those whose area
    covers the county (the whole country, or the counties named), and local services without
    sites (a county's helpline) of an organisation of the municipality, or of the county when
    the organisation has no municipality. An unknown place has none of these."""
    if not county:
        return np.zeros(snapshot.size, dtype=bool)
    places = _places(snapshot)
    wanted, in_county = _code_number(municipality), _code_number(county)
    local_siteless = ~snapshot.has_sites & places.local
    mask = serving_county_mask(snapshot, county)
    mask |= local_siteless & (
        (places.org_municipality == wanted)
        | ((places.org_municipality == NO_CODE) & (places.org_county == in_county))
    )
    return mask


NO_CODE = -1


def _code_number(code: str | None) -> int:
    """Municipality and county codes are digits ("049", "03"): compared as numbers."""
    return int(code) if code and code.isdigit() else NO_CODE - 1 if code else NO_CODE


@dataclass
class Places:
    link_municipality: np.ndarray
    org_municipality: np.ndarray
    org_county: np.ndarray
    local: np.ndarray  # the service's area is where its sites (or organisation) are


def _places(snapshot: Snapshot) -> Places:
    cached = snapshot.__dict__.get("_places")
    if cached is None:
        organisations = [
            snapshot.organisation_area.get(document.organisation_id, (None, None))
            for document in snapshot.documents
        ]
        cached = snapshot.__dict__["_places"] = Places(
            np.asarray([_code_number(c) for c in snapshot.link_municipality], dtype=np.int32),
            np.asarray([_code_number(m) for m, _c in organisations], dtype=np.int32),
            np.asarray([_code_number(c) for _m, c in organisations], dtype=np.int32),
            np.asarray(
                [d.service_area == Service.ServiceArea.LOCAL for d in snapshot.documents],
                dtype=bool,
            ),
        )
    return cached


@lru_cache(maxsize=1)
def _municipality_counties() -> dict[str, str]:
    return dict(Municipality.objects.values_list("code", "county__code"))


def _opening_table(snapshot: Snapshot) -> OpeningTable:
    table = snapshot.__dict__.get("_opening")
    if table is None:
        table = snapshot.__dict__["_opening"] = OpeningTable(snapshot)
    return table


def _open_slots(snapshot: Snapshot, moment: datetime) -> np.ndarray:
    return _opening_table(snapshot).open_services(moment)


# --- Validation and location --------------------------------------------------------------------


def _validated(query: SearchQuery) -> SearchQuery:
    errors: dict[str, Any] = {}
    if query.lang not in LANGUAGES:
        errors["lang"] = _("one of fi, sv, en")
    if (query.lat is None) != (query.lon is None):
        errors["lat" if query.lat is None else "lon"] = _("latitude and longitude together")
    if query.lat is not None and not -90 <= query.lat <= 90:
        errors["lat"] = _("a latitude between -90 and 90")
    if query.lon is not None and not -180 <= query.lon <= 180:
        errors["lon"] = _("a longitude between -180 and 180")
    for name, value in (("lat", query.lat), ("lon", query.lon)):
        if value is not None and not math.isfinite(value):
            errors[name] = _("a number")
    if query.age_months is not None and not (
        PREGNANCY_START_MONTHS <= query.age_months <= AGE_MONTHS_MAX
    ):
        errors["age_months"] = _("an age in months between -9 (pregnancy) and 360")
    if not 1 <= query.limit <= SEARCH_LIMIT_MAX:
        errors["limit"] = _("a number from 1 to %(max)d") % {"max": SEARCH_LIMIT_MAX}
    if query.offset < 0:
        errors["offset"] = _("zero or more")
    if query.postcode is not None and not (len(query.postcode) == 5 and query.postcode.isdigit()):
        errors["postcode"] = _("a postal code of five digits")
    if errors:
        raise InvalidInput(details=errors)
    return query


def _location(query: SearchQuery) -> Location | None:
    if query.lat is not None and query.lon is not None:
        municipality = _nearest_municipality(query.lat, query.lon)
        return Location(
            query.lat,
            query.lon,
            _("your location"),
            municipality,
            _municipality_counties().get(municipality or ""),
        )
    if query.postcode:
        area = _postal_areas().get(query.postcode)
        if area is None:
            raise InvalidInput(details={"postcode": _("a postal code in Finland")})
        lat, lon, names, municipality = area
        name = names.get(query.lang) or names["fi"]
        county = _municipality_counties().get(municipality)
        return Location(lat, lon, f"{query.postcode} {name}", municipality, county)
    return None


# A location farther than this from every postal area's centre is not in any municipality.
NEAREST_AREA_MAX_KM = 30.0


def _nearest_municipality(lat: float, lon: float) -> str | None:
    """The municipality of the postal area whose centre is nearest: where the family lives,
    for which services serve it (at a border, perhaps the neighbour's)."""
    codes, lats, lons = _postal_centres()
    if not len(codes):
        return None
    x = (lons - lon) * math.cos(math.radians(lat))
    squared = x * x + (lats - lat) ** 2
    nearest = int(np.argmin(squared))
    if math.sqrt(float(squared[nearest])) * math.radians(1) * EARTH_RADIUS_KM > NEAREST_AREA_MAX_KM:
        return None
    return str(codes[nearest])


@lru_cache(maxsize=1)
def _postal_centres() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    areas = list(_postal_areas().values())
    return (
        np.asarray([area[3] for area in areas], dtype=object),
        np.asarray([area[0] for area in areas], dtype=np.float64),
        np.asarray([area[1] for area in areas], dtype=np.float64),
    )


def search_reset() -> None:
    """Forget the index and the cached reference data (tests; after restoring a database)."""
    index_reset()
    _postal_areas.cache_clear()
    _postal_centres.cache_clear()
    _municipality_counties.cache_clear()


@lru_cache(maxsize=1)
def _postal_areas() -> dict[str, tuple[float, float, dict[str, str], str]]:
    """Postal areas with a centre and their municipality's code: reference data, loaded once
    (about 3 000 rows)."""
    rows = PostalArea.objects.filter(latitude__isnull=False, longitude__isnull=False).values(
        "code",
        "latitude",
        "longitude",
        "municipality__code",
        *(f"name_{lang}" for lang in LANGUAGES),
    )
    return {
        row["code"]: (
            row["latitude"],
            row["longitude"],
            {lang: row[f"name_{lang}"] or "" for lang in LANGUAGES},
            row["municipality__code"],
        )
        for row in rows
    }


# --- The search -------------------------------------------------------------------------------


def search(query: SearchQuery) -> SearchResults:
    # Errors speak the user's language when it is one of ours; the texts of the results ask
    # for it hundreds of times, so it is also kept where reading it costs nothing.
    language = query.lang if query.lang in LANGUAGES else translation.get_language()
    token = _active_language.set(language)
    try:
        with translation.override(language):
            return _search(_validated(query), current_index())
    finally:
        _active_language.reset(token)


def _search(query: SearchQuery, snapshot: Snapshot) -> SearchResults:
    location = _location(query)
    moment = local_moment(query.open_at)
    mask = _filter_mask(snapshot, query, moment)
    # The user's language's stop words ("mitt", "i", "on") are not read in other languages.
    words = [
        word for word in tokenise(query.text[:MAX_INPUT_CHARS]) if analyse(word, lang=query.lang)
    ][:MAX_QUERY_WORDS]
    plans: list[WordPlan | None] = [_word_plan_cached(snapshot, word, query.lang) for word in words]
    known = [plan for plan in plans if plan is not None]
    _phrase_types(snapshot, known)
    scored: list[tuple[WordPlan, np.ndarray, bool]] = []
    if query.text.strip() and not words:
        # Only emoji, punctuation or overlong strings: nothing to match, and not "everything".
        candidates = np.zeros(snapshot.size, dtype=bool)
        score = np.zeros(snapshot.size, dtype=np.float32)
    elif words:
        total = np.zeros(snapshot.size, dtype=np.float32)
        covered = np.zeros(snapshot.size, dtype=np.float32)
        importance_sum = UNKNOWN_WORD_IMPORTANCE * (len(plans) - len(known))
        for plan in known:
            scores, importance, text_matched = _word_scores(snapshot, plan)
            scored.append((plan, scores, text_matched))
            total += scores
            covered += np.float32(importance) * (scores > 0)
            importance_sum += importance
        coverage = covered / np.float32(importance_sum or 1.0)
        candidates = mask & (total > 0)
        best = float(coverage[candidates].max()) if candidates.any() else 0.0
        candidates &= coverage >= best * COVERAGE_KEEP
        score = total * coverage**2
        if candidates.any():
            candidates &= score >= float(score[candidates].max()) * SCORE_KEEP
    else:
        candidates = mask
        score = np.ones(snapshot.size, dtype=np.float32)
    distances = _distances_km(snapshot, location) if location else None
    if distances is not None and location is not None:
        effective = _ranking_distances(snapshot, distances, location)
        score = (score / (1.0 + effective / DISTANCE_HALF_KM)).astype(np.float32)
    slots = np.flatnonzero(candidates)
    count = len(slots)
    ranked = _top(slots, score, query.offset + query.limit)[query.offset :]
    matched_types = tuple(sorted({code for plan in known for code in plan.types}, key=lambda c: c))
    words_matched = _words_matched(snapshot, ranked, scored)
    hits = tuple(
        _hit(
            snapshot,
            int(slot),
            float(score[slot]),
            query,
            location,
            distances,
            moment,
            scored,
            words_matched[position],
        )
        for position, slot in enumerate(ranked)
    )
    too_broad = count > TOO_BROAD and not (location or query.municipality)
    return SearchResults(
        query=query,
        count=count,
        hits=hits,
        location=location,
        corrections={plan.word: plan.corrected_to for plan in known if plan.corrected_to},
        matched_types=matched_types,
        too_broad=too_broad,
        narrowing=_narrowing(snapshot, candidates, query) if too_broad else (),
    )


def _top(slots: np.ndarray, score: np.ndarray, wanted: int) -> np.ndarray:
    """The best `wanted` slots, best first; equal scores in slot order."""
    if len(slots) > wanted * 4:
        keep = np.argpartition(-score[slots], wanted - 1)[:wanted]
        threshold = score[slots[keep]].min()
        slots = slots[score[slots] >= threshold]
    order = np.lexsort((slots, -score[slots]))
    return slots[order][:wanted]


# --- Explaining a result ----------------------------------------------------------------------


def _hit(
    snapshot: Snapshot,
    slot: int,
    score: float,
    query: SearchQuery,
    location: Location | None,
    distances: np.ndarray | None,
    moment: datetime | None,
    word_scores: list[tuple[WordPlan, np.ndarray, bool]],
    matched_words: list[str],
) -> SearchHit:
    document = snapshot.documents[slot]
    sites = _site_hits(snapshot, document, query, location, moment)
    distance = None
    if distances is not None and math.isfinite(distances[slot]):
        distance = round(float(distances[slot]), 1)
    why = _reasons(snapshot, slot, query, location, distance, sites, word_scores, matched_words)
    return SearchHit(
        id=document.hsds_id,
        pk=document.pk,
        score=round(score, 4),
        why=tuple(why),
        sites=tuple(sites),
        distance_km=distance,
        last_verified=document.last_verified,
        service_types=document.types,
        service_area=document.service_area,
        served_counties=document.served_counties,
    )


def _site_hits(
    snapshot: Snapshot,
    document: Any,
    query: SearchQuery,
    location: Location | None,
    moment: datetime | None,
) -> list[SiteHit]:
    table = _opening_table(snapshot)
    when = moment or now_local()
    own = dict((site, link) for link, site in document.own_hours_links)
    hits = []
    for site_id in document.site_ids:
        site = snapshot.sites.get(site_id)
        if site is None:
            continue
        distance = None
        if location and site.lat is not None and site.lon is not None:
            distance = round(distance_km(location.lat, location.lon, site.lat, site.lon), 1)
        open_now, until = table.status(site_id, own.get(site_id), when)
        hits.append(
            SiteHit(
                id=site.hsds_id,
                pk=site.pk,
                name=site.names.get(query.lang) or site.names["fi"],
                municipality=site.municipality_names.get(query.lang)
                or site.municipality_names["fi"],
                lat=site.lat,
                lon=site.lon,
                distance_km=distance,
                open_now=open_now,
                open_until=until,
            )
        )
    hits.sort(key=lambda hit: (hit.distance_km is None, hit.distance_km or 0.0, hit.name))
    return hits


def _reasons(
    snapshot: Snapshot,
    slot: int,
    query: SearchQuery,
    location: Location | None,
    distance: float | None,
    sites: list[SiteHit],
    word_scores: list[tuple[WordPlan, np.ndarray, bool]],
    matched_words: list[str],
) -> list[Reason]:
    document = snapshot.documents[slot]
    reasons: list[Reason] = []
    if matched_words:
        reasons.append(
            Reason(
                "words",
                _("Matches the words: %(words)s") % {"words": ", ".join(matched_words)},
                {"words": matched_words},
            )
        )
    need_types = sorted(
        {code for plan, _s, _t in word_scores for code in plan.types if code in document.types}
    )
    if query.types:
        need_types = sorted(set(need_types) | (set(query.types) & set(document.types)))
    if need_types:
        names = [_type_name(snapshot, code, query.lang) for code in need_types]
        reasons.append(
            Reason(
                "type",
                _("Service for: %(types)s") % {"types": ", ".join(names)},
                {"types": need_types},
            )
        )
    if (
        query.age_months is not None
        or document.min_age != AGE_OPEN_LOW
        or (document.max_age != AGE_OPEN_HIGH)
    ):
        text = age_range_text(
            None if document.min_age == AGE_OPEN_LOW else document.min_age,
            None if document.max_age == AGE_OPEN_HIGH else document.max_age,
        )
        if text:
            reasons.append(Reason("age", text, _age_data(document)))
    if document.service_area != Service.ServiceArea.LOCAL:
        reasons.append(_area_reason(snapshot, document.service_area, document.served_counties))
    if distance is not None and location is not None:
        reasons.append(
            Reason(
                "distance",
                _("%(km)s km from %(place)s")
                % {"km": _decimal(distance, query.lang), "place": location.label},
                {"km": distance},
            )
        )
    open_sites = [site for site in sites if site.open_now]
    if open_sites and open_sites[0].open_until:
        until = open_sites[0].open_until.strftime("%H:%M")
        text = (
            _("Open then, until %(time)s") if query.open_at else _("Open now, until %(time)s")
        ) % {"time": until}
        reasons.append(Reason("open", text, {"until": until, "site": str(open_sites[0].id)}))
    reasons += _filter_reasons(query)
    if document.last_verified:
        reasons.append(
            Reason(
                "verified",
                _("Information verified on %(date)s")
                % {
                    "date": _date_text(
                        _active_language.get() or translation.get_language(),
                        document.last_verified,
                    )
                },
                {"date": document.last_verified.isoformat()},
            )
        )
    return reasons


def _area_reason(snapshot: Snapshot, area: str, counties: tuple[str, ...]) -> Reason:
    """A service from outside the region, marked as such: "Serves the whole country"."""
    language = _active_language.get() or translation.get_language()
    names = tuple(
        snapshot.county_names.get(code, {}).get(language or "fi")
        or snapshot.county_names.get(code, {}).get("fi")
        or code
        for code in counties
    )
    return Reason(
        "service_area",
        _area_text(language, area, names),
        {"service_area": area, "counties": list(counties)},
    )


@lru_cache(maxsize=512)
def _area_text(language: str | None, area: str, county_names: tuple[str, ...]) -> str:
    return service_area_label(area, county_names)


def _decimal(value: float, lang: str) -> str:
    # Finnish and Swedish write a decimal comma.
    text = f"{value:.1f}"
    return text if lang == "en" else text.replace(".", ",")


@lru_cache(maxsize=4096)
def _date_text(language: str | None, day: Any) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def _words_matched(
    snapshot: Snapshot, ranked: np.ndarray, word_scores: list[tuple[WordPlan, np.ndarray, bool]]
) -> list[list[str]]:
    """For each slot of the page, the query words found in its text (not only in its types):
    one sorted lookup per term for the whole page."""
    matched: list[list[str]] = [[] for _ in range(len(ranked))]
    for plan, _scores, text_matched in word_scores:
        if not text_matched:
            continue
        postings = snapshot.postings[plan.lang]
        hit = np.zeros(len(ranked), dtype=bool)
        for term in plan.terms:
            found = postings.get(term)
            if found is not None and len(found[0]):
                slots = found[0]
                index = np.minimum(np.searchsorted(slots, ranked), len(slots) - 1)
                hit |= slots[index] == ranked
        for position in np.flatnonzero(hit):
            matched[position].append(plan.corrected_to or plan.word)
    return matched


def _filter_reasons(query: SearchQuery) -> list[Reason]:
    chosen = [
        (query.free, "free", _("Free of charge")),
        (query.no_referral, "no_referral", _("No referral needed")),
        (query.anonymous, "anonymous", _("You can ask anonymously")),
        (query.accessible, "accessible", _("Step-free access")),
    ]
    reasons = [Reason(code, text) for wanted, code, text in chosen if wanted]
    if query.language:
        name = _language_text(_active_language.get() or translation.get_language(), query.language)
        reasons.append(
            Reason(
                "language",
                _("Served in %(language)s") % {"language": name},
                {"language": query.language},
            )
        )
    return reasons


@lru_cache(maxsize=512)
def _language_text(language: str | None, code: str) -> str:
    return language_name(code)


def _type_name(snapshot: Snapshot, code: str, lang: str) -> str:
    names = snapshot.type_names.get(code, {})
    return names.get(lang) or names.get("fi") or code


def _age_data(document: Any) -> dict[str, int | None]:
    return {
        "min_months": None if document.min_age == AGE_OPEN_LOW else document.min_age,
        "max_months": None if document.max_age == AGE_OPEN_HIGH else document.max_age,
    }


def age_range_text(low: int | None, high: int | None) -> str:
    """The age range of a result, as a card shows it ("0–6 v", "Raskausaika")."""
    return _age_range_text(_active_language.get() or translation.get_language(), low, high)


@lru_cache(maxsize=4096)
def _age_range_text(language: str | None, low: int | None, high: int | None) -> str:
    return capfirst(age_range_label(low, high))


def _narrowing(snapshot: Snapshot, candidates: np.ndarray, query: SearchQuery) -> tuple:
    """The service types most of the matches have, as filters that would narrow the list."""
    counts = [
        (int(np.count_nonzero(mask & candidates)), code)
        for code, mask in snapshot.type_masks.items()
        if code not in query.types
    ]
    counts = sorted((count, code) for count, code in counts if count)
    best = sorted(counts, key=lambda item: (-item[0], item[1]))[:6]
    return tuple(
        Narrowing("type", code, _type_name(snapshot, code, query.lang), count)
        for count, code in best
    )
