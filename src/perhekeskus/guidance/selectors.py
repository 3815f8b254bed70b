"""Reads for the guidance answer beyond the kinds of help: this week's meeting places near the
family, and the topic of the anonymous question or contact request it may send next.

Meeting places (kohtaamispaikka: family cafés, open daycare, family clubs, peer groups) are
the model's low-threshold door: a lonely parent at home with a baby is helped as much by
Tuesday's baby café round the corner as by any service. Their week comes from the programme
(`programme.selectors.programme_calendar`), which expands each activity's repetition and
leaves out cancelled dates and days the place is closed.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from uuid import UUID

from django.utils import timezone

from perhekeskus.errors import NotFound
from perhekeskus.guidance.engine import Guidance, needs_vocabulary
from perhekeskus.network.models import Site
from perhekeskus.network.occurrences import HELSINKI
from perhekeskus.programme.selectors import (
    CalendarFilters,
    Entry,
    Period,
    programme_calendar,
    programme_scope_municipality,
)

# How many of the week's meetings the answer shows, and how many of the best kinds of help
# count when deciding whether meeting places fit.
MEETINGS_SHOWN = 5
KINDS_CONSIDERED = 3
DAYS_AHEAD = 7
# Kinds of help that meeting places are, or that they offer.
MEETING_KINDS = frozenset({"meeting_place", "peer_support"})
# A question whose needs name no topic goes here (inbox/data/topics.csv).
OTHER_TOPIC = "other"
# Topics a young person's own question keeps; any other becomes theirs ("young_people").
YOUNG_TOPIC = "young_people"
YOUNG_KEEPS = frozenset({"sexuality", "substances", "violence_safety"})


def meeting_places_fit(result: Guidance) -> bool:
    """Whether this week's meeting places belong in the answer. They do when the family
    writes as a parent (not as a young person about their own life), shows no urgent danger
    (then emergency help and services come first, and nothing should draw attention away
    from them), and either a need understood is one meeting places help with (needs.csv
    column `meeting_places`: loneliness, life at home with a baby, parenting questions,
    peer groups, new to Finland, …) or meeting places or peer support is among the three
    best kinds of help. Which ones are shown depends on the family's municipality (see
    `meeting_places_this_week`); without one, the answer asks for it."""
    if result.urgent or result.young:
        return False
    vocabulary = needs_vocabulary()
    if any(vocabulary[need.code].meeting_places for need in result.needs):
        return True
    return any(match.code in MEETING_KINDS for match in result.service_types[:KINDS_CONSIDERED])


def meeting_places_this_week(
    *, municipality: str, ages: tuple[int, ...] = (), now: datetime | None = None
) -> list[Entry]:
    """The next meeting of each activity at a meeting place in the municipality from now to
    a week ahead, soonest first, at most MEETINGS_SHOWN; for the children's ages when given
    (an activity fits when it fits one of them). Empty for an unknown municipality."""
    try:
        scope = programme_scope_municipality(code=municipality)
    except NotFound:
        return []
    now = (now or _now()).astimezone(HELSINKI)
    today = now.date()
    period = Period(
        view="week",
        start=today,
        end=today + timedelta(days=DAYS_AHEAD - 1),
        previous=None,
        next=None,
    )
    found: dict[UUID, Entry] = {}
    each_age: list[int | None] = [*sorted(set(ages))] or [None]
    for age in each_age:
        calendar = programme_calendar(
            scope=scope, period=period, filters=CalendarFilters(age_months=age)
        )
        for day in calendar.days:
            for entry in day.held:
                if entry.activity.place.kind != Site.Kind.MEETING_PLACE or entry.ends_at <= now:
                    continue
                known = found.get(entry.activity.id)
                if known is None or entry.starts_at < known.starts_at:
                    found[entry.activity.id] = entry
    soonest = sorted(found.values(), key=lambda e: (e.starts_at, e.activity.place.name))
    return soonest[:MEETINGS_SHOWN]


def _now() -> datetime:
    return timezone.now()


def question_topic(result: Guidance) -> str:
    """The topic of an anonymous question or a contact request about this answer: the best
    need's (needs.csv column `topic`), a young person's own when they write about their
    life, `other` when no need was understood."""
    if not result.needs:
        return YOUNG_TOPIC if result.young else OTHER_TOPIC
    topic = needs_vocabulary()[result.needs[0].code].topic
    if result.young and topic not in YOUNG_KEEPS:
        return YOUNG_TOPIC
    return topic
