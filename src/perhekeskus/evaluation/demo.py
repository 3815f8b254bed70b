"""Demo data for leading the network: two years of the family channel's usage counters and of
families' feedback, for the demo's counties, so that kaisa (the demo family centre leader, see
`perhekeskus.staff.demo`) has trends, gaps and feedback to look at.

Plausible, not real: searches follow the municipalities' populations, grow as the service
becomes known, dip in July and at Christmas and at weekends; searches that found nothing repeat
words families really write (a few often, many rarely), in Finnish, Swedish and English.
Deterministic: the same seed and day give the same rows. Written with bulk inserts, a few
seconds for the Uusimaa counties.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
from django.db import connection, transaction
from django.utils import timezone

from perhekeskus.evaluation.models import UsageCount
from perhekeskus.evaluation.usage import search_words_normalise
from perhekeskus.feedback.models import Feedback
from perhekeskus.network.demo import DEFAULT_SEED, UUSIMAA_COUNTIES, Writer
from perhekeskus.network.models import Area, Municipality, ServiceAtSite, Site
from perhekeskus.staff.demo import DEMO_LEADERS, demo_leaders
from perhekeskus.staff.models import Professional

MONTHS = 24
BATCH_SIZE = 2000
# Searches a day per 10 000 inhabitants once the service is well known (the demo's guess).
SEARCHES_PER_10K = 1.2
GUIDANCE_PER_10K = 0.3
# Share of searches that find nothing (their words are counted when there are any).
EMPTY_SHARE = 0.03

# What families filter or are understood to search for, with relative weights.
SEARCH_NEEDS: tuple[tuple[str, float], ...] = (
    ("", 30.0),  # no type filter, or the words meant several kinds of help
    ("child_health_clinic", 12.0),
    ("maternity_clinic", 7.0),
    ("meeting_place", 9.0),
    ("family_counselling", 6.0),
    ("family_work", 5.0),
    ("home_help", 5.0),
    ("peer_support", 4.0),
    ("early_childhood_education", 4.0),
    ("child_mental_health", 3.0),
    ("youth_services", 3.0),
    ("parenting_support", 3.0),
    ("separation_support", 2.0),
    ("rehabilitation", 2.0),
    ("financial_counselling", 1.0),
    ("crisis_support", 1.0),
)
GUIDANCE_NEEDS: tuple[tuple[str, float], ...] = (
    ("baby_sleep", 8.0),
    ("exhaustion", 7.0),
    ("loneliness", 6.0),
    ("expecting", 6.0),
    ("tantrums", 5.0),
    ("baby_feeding", 4.0),
    ("couple_conflict", 4.0),
    ("separation", 3.0),
    ("speech_development", 3.0),
    ("anxiety", 3.0),
    ("meeting_places", 3.0),
    ("parenting_doubts", 3.0),
    ("money_worries", 2.0),
    ("bullying", 2.0),
    ("gaming", 2.0),
    ("new_to_finland", 1.5),
    ("postnatal_depression", 1.5),
    ("respite", 1.0),
    ("neurodevelopmental", 1.0),
    ("domestic_violence", 0.5),
)
# Words of searches that found nothing: (words, need the family filtered for, relative weight).
# The first few come often (a planner sees them: at least 5 in a period); the rest rarely.
EMPTY_WORDS: tuple[tuple[str, str, float], ...] = (
    ("vauvauinti", "", 10.0),
    ("ensi- ja turvakoti ruotsiksi", "", 6.0),
    ("tukihenkilö nuorelle", "youth_services", 6.0),
    ("kaksoset vertaistuki", "peer_support", 5.0),
    ("föräldragrupp för pappor", "parenting_support", 5.0),
    ("speech therapy without referral", "rehabilitation", 4.0),
    ("isä-lapsi ryhmä ilta", "meeting_place", 3.0),
    ("perhekahvila lauantaina", "meeting_place", 3.0),
    ("babysimning", "", 2.0),
    ("adhd vanhempainryhmä", "peer_support", 2.0),
    ("unikoulu", "child_health_clinic", 2.0),
    ("keskosvauvan vanhemmat", "peer_support", 1.0),
    ("family cafe english", "meeting_place", 1.0),
    ("sateenkaariperhe vertaisryhmä", "peer_support", 1.0),
    ("lastenhoitoapu illalla", "home_help", 1.0),
    ("imetystuki kotikäynti", "", 0.8),
    ("arabiankielinen perheryhmä", "", 0.8),
    ("stödperson för ungdom", "youth_services", 0.6),
    ("eroperheen lapsen vertaisryhmä", "separation_support", 0.6),
    ("mindfulness for teens", "", 0.5),
    ("somalinkielinen neuvola", "child_health_clinic", 0.4),
    ("vauvahieronta", "", 0.4),
    ("perhetyö ilman lastensuojelua", "family_work", 0.4),
    ("lapsettomuus keskusteluapu", "", 0.3),
    ("kaksikielinen kerho", "", 0.3),
    ("pappaklubb", "", 0.3),
    ("leikkipuisto talvella sisällä", "", 0.3),
    ("autism parent group", "peer_support", 0.3),
    ("terapikoira", "", 0.2),
    ("vanhempien kirjoituspiiri", "", 0.2),
)
FEEDBACK_PER_AREA_MONTH = 4.0


@dataclass(frozen=True)
class _Place:
    code: str
    population: int
    areas: tuple[tuple[int, int], ...]  # (area id, weight)


def leading_demo(
    *,
    seed: int = DEFAULT_SEED,
    today: date | None = None,
    stdout: Writer | None = None,
    if_empty: bool = False,
) -> None:
    """What `perhekeskus demo` adds for leading the network: the demo leader kaisa, the usage
    counters and the feedback. With `if_empty` (a database made before these existed, at
    `make run`) each is added only when it is missing."""
    leaders = [spec.username for spec in DEMO_LEADERS]
    if not if_empty or not Professional.objects.filter(user__username__in=leaders).exists():
        demo_leaders(stdout)
    if not if_empty or not UsageCount.objects.exists():
        usage_demo(seed=seed, today=today, stdout=stdout)
    feedback_demo(seed=seed, today=today, stdout=stdout)


def usage_demo(
    *,
    seed: int = DEFAULT_SEED,
    today: date | None = None,
    months: int = MONTHS,
    county_codes: tuple[str, ...] = UUSIMAA_COUNTIES,
    stdout: Writer | None = None,
) -> int:
    """Replace the usage counters with `months` months (up to yesterday) of demo counts for the
    municipalities of `county_codes`. Returns the number of rows written."""
    today = today or timezone.localdate()
    first = _months_before(today, months)
    days = [first + timedelta(days=n) for n in range((today - first).days)]
    places = _places(county_codes)
    rng = np.random.default_rng(seed)
    rows: list[_Row] = []
    if places and days:
        factors = np.array([_day_factor(day, first, today) for day in days])
        rows += _search_rows(rng, days, factors, places)
        rows += _guidance_rows(rng, days, factors, places)
        rows += _empty_rows(rng, days, factors, places)
    with transaction.atomic():
        UsageCount.objects.all().delete()
        _insert(rows)
    if stdout is not None:
        stdout.write(
            f"Demo usage counters: {len(rows)} rows, {first:%Y-%m-%d} – "
            f"{today - timedelta(days=1):%Y-%m-%d}, counties {', '.join(county_codes)}\n"
        )
    return len(rows)


def feedback_demo(
    *,
    seed: int = DEFAULT_SEED,
    today: date | None = None,
    months: int = MONTHS,
    county_codes: tuple[str, ...] = UUSIMAA_COUNTIES,
    stdout: Writer | None = None,
) -> int:
    """Feedback from families about the services at the areas' sites, when there is none yet
    (never added to real feedback). Most got help, some partly, a few not; some services more
    often than others. No free text: the demo invents no family's words. Returns rows written."""
    if Feedback.objects.exists():
        return 0
    today = today or timezone.localdate()
    first = _months_before(today, months)
    span = (today - first).days
    rng = random.Random(seed)
    links = list(
        ServiceAtSite.objects.filter(
            site__area__county__code__in=county_codes,
            site__kind__in=[Site.Kind.FAMILY_CENTRE, Site.Kind.MEETING_PLACE],
        )
        .order_by("site__area_id", "pk")
        .values_list("site__area_id", "site_id", "service_id")
    )
    by_area: dict[int, list[tuple[int, int]]] = {}
    for area_id, site_id, service_id in links:
        by_area.setdefault(area_id, []).append((site_id, service_id))
    rows: list[Feedback] = []
    for area_id, offered in sorted(by_area.items()):
        # Some areas help better than others: their families say so more often.
        helped = rng.uniform(0.55, 0.85)
        for _ in range(round(FEEDBACK_PER_AREA_MONTH * months * rng.uniform(0.6, 1.4))):
            site_id, service_id = rng.choice(offered)
            chance = rng.random()
            got_help = (
                Feedback.GotHelp.YES
                if chance < helped
                else Feedback.GotHelp.PARTLY
                if chance < helped + (1 - helped) * 0.6
                else Feedback.GotHelp.NO
            )
            rating = {"yes": (4, 5), "partly": (3, 4), "no": (1, 3)}[got_help]
            rows.append(
                Feedback(
                    given_on=first + timedelta(days=rng.randrange(span)),
                    lang=rng.choices(("fi", "sv", "en"), (85, 10, 5))[0],
                    context=Feedback.Context.VISIT,
                    service_id=service_id,
                    site_id=site_id,
                    area_id=area_id,
                    got_help=got_help,
                    rating=rng.randint(*rating),
                )
            )
    Feedback.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    if stdout is not None:
        stdout.write(f"Demo feedback: {len(rows)} answers in {len(by_area)} areas\n")
    return len(rows)


# --- Generation ---------------------------------------------------------------------------------

COLUMNS = ("day", "event", "municipality_code", "area_id", "need", "text", "count")
_Row = tuple[date, str, str, int, str, str, int]


def _insert(rows: list[_Row]) -> None:
    """A plain multi-row INSERT: a model instance per counter would take ten times as long."""
    table = connection.ops.quote_name(UsageCount._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(column) for column in COLUMNS)
    marks = ", ".join(["%s"] * len(COLUMNS))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH_SIZE):
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({marks})",
                rows[start : start + BATCH_SIZE],
            )


def _months_before(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def _day_factor(day: date, first: date, today: date) -> float:
    """How busy a day is compared with an ordinary weekday once the service is known."""
    progress = (day - first).days / max(1, (today - first).days)
    known = 0.55 + 0.45 * progress  # families find the service over the two years
    season = 1.0 + 0.12 * math.cos(2 * math.pi * (day.timetuple().tm_yday - 20) / 365)
    if day.month == 7:
        season *= 0.55  # the summer holiday
    elif (day.month, day.day) >= (12, 22) or (day.month, day.day) <= (1, 6):
        season *= 0.5
    weekday = 0.55 if day.weekday() >= 5 else 1.0
    return known * season * weekday


def _places(county_codes: tuple[str, ...]) -> list[_Place]:
    areas: dict[str, list[tuple[int, int]]] = {}
    for area in (
        Area.objects.filter(county__code__in=county_codes)
        .prefetch_related("municipalities")
        .order_by("pk")
    ):
        for municipality in area.municipalities.all():
            areas.setdefault(municipality.code, []).append((area.pk, max(1, area.population)))
    return [
        _Place(code, population, tuple(areas.get(code, ())))
        for code, population in Municipality.objects.filter(county__code__in=county_codes)
        .order_by("code")
        .values_list("code", "population")
        if population
    ]


def _area_ids(rng: np.random.Generator, place: _Place, size: int) -> list[int]:
    """The area each row counts for: the municipality's one area; in a city of several areas,
    an area as the family's postal code would give it, or none when it gave no postal code."""
    if not place.areas:
        return [0] * size
    if len(place.areas) == 1:
        return [place.areas[0][0]] * size
    ids = [0, *(area_id for area_id, _w in place.areas)]
    total = sum(weight for _a, weight in place.areas)
    weights = [0.4, *(0.6 * weight / total for _a, weight in place.areas)]
    return [int(i) for i in rng.choice(ids, size=size, p=weights)]


def _cells(
    rng: np.random.Generator,
    days: list[date],
    factors: np.ndarray,
    places: list[_Place],
    per_10k: float,
    needs: tuple[tuple[str, float], ...],
) -> list[tuple[date, _Place, str, int]]:
    weights = np.array([weight for _need, weight in needs])
    shares = weights / weights.sum()
    cells: list[tuple[date, _Place, str, int]] = []
    for place in places:
        mean = per_10k * place.population / 10_000
        counts = rng.poisson(np.outer(factors * mean, shares))  # days × needs
        for d, n in zip(*np.nonzero(counts), strict=True):
            cells.append((days[d], place, needs[n][0], int(counts[d, n])))
    return cells


def _search_rows(
    rng: np.random.Generator, days: list[date], factors: np.ndarray, places: list[_Place]
) -> list[_Row]:
    cells = _cells(rng, days, factors, places, SEARCHES_PER_10K, SEARCH_NEEDS)
    return _rows(rng, UsageCount.Event.SEARCH.value, cells)


def _guidance_rows(
    rng: np.random.Generator, days: list[date], factors: np.ndarray, places: list[_Place]
) -> list[_Row]:
    rows = []
    cells = _cells(rng, days, factors, places, GUIDANCE_PER_10K, GUIDANCE_NEEDS)
    # A third of the families do not say where they live: counted without a municipality.
    merged: dict[tuple[Any, ...], int] = {}
    for day, place, need, count in cells:
        unplaced = int(rng.binomial(count, 1 / 3))
        for code, part in ((place.code, count - unplaced), ("", unplaced)):
            if part:
                key = (day, code, need)
                merged[key] = merged.get(key, 0) + part
    for (day, code, need), count in merged.items():
        rows.append((day, UsageCount.Event.GUIDANCE.value, code, 0, need, "", count))
    return rows


def _empty_rows(
    rng: np.random.Generator, days: list[date], factors: np.ndarray, places: list[_Place]
) -> list[_Row]:
    weights = tuple((words, weight) for words, _need, weight in EMPTY_WORDS)
    need_of = {words: need for words, need, _w in EMPTY_WORDS}
    cells = _cells(rng, days, factors, places, SEARCHES_PER_10K * EMPTY_SHARE, weights)
    merged: dict[tuple[Any, ...], int] = {}
    for (day, place, words, count), area_id in zip(cells, _area_ids_of(rng, cells), strict=True):
        key = (day, place.code, area_id, need_of[words], search_words_normalise(words))
        merged[key] = merged.get(key, 0) + count
    return [
        (day, UsageCount.Event.SEARCH_EMPTY.value, code, area_id, need, text, count)
        for (day, code, area_id, need, text), count in merged.items()
    ]


def _area_ids_of(rng: np.random.Generator, cells: list[tuple[date, _Place, str, int]]) -> list[int]:
    by_place: dict[str, list[int]] = {}
    places: dict[str, _Place] = {}
    for index, (_day, place, _need, _count) in enumerate(cells):
        by_place.setdefault(place.code, []).append(index)
        places[place.code] = place
    area_ids = [0] * len(cells)
    for code, indexes in by_place.items():
        for index, area_id in zip(indexes, _area_ids(rng, places[code], len(indexes)), strict=True):
            area_ids[index] = area_id
    return area_ids


def _rows(
    rng: np.random.Generator, event: str, cells: list[tuple[date, _Place, str, int]]
) -> list[_Row]:
    merged: dict[tuple[Any, ...], int] = {}
    for (day, place, need, count), area_id in zip(cells, _area_ids_of(rng, cells), strict=True):
        key = (day, place.code, area_id, need)
        merged[key] = merged.get(key, 0) + count
    return [
        (day, event, code, area_id, need, "", count)
        for (day, code, area_id, need), count in merged.items()
    ]
