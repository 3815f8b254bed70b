"""Counting the family channel's use (käyttömäärät): searches, searches that found nothing and
guidance, as aggregate counters only (`UsageCount`).

What is kept of a use: the day (no time of day), the event, a municipality code and a family
centre area id where the family chose a place, a need or service type code, and for a search
that found nothing its words, normalised so that no digits, e-mail addresses, phone numbers or
identity codes survive. Never an identity, an IP address, a session or a cookie.

Counting must never break a family's search: a database error of the counter is logged as a
warning and swallowed (in a savepoint, so that the caller's transaction goes on unharmed).

Where it is called, and why it counts each search once:
- the search page (`families.views.search`) and `GET /api/v1/search` count a search only on its
  first page (offset 0): the next and previous pages are the same search. A search the page
  answers with htmx is one request, rendered once (the partial *instead of* the page), so it
  counts once; changing a filter is a new search and counts again. A page htmx re-fetches to
  restore the browser history (`HX-History-Restore-Request`) is not counted.
- the guidance page and `GET /api/v1/guidance` count once per need understood.
"""

from __future__ import annotations

import logging
import re
from datetime import date
from typing import TYPE_CHECKING

from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from perhekeskus.evaluation.models import UsageCount
from perhekeskus.network.models import Area, PostalArea

if TYPE_CHECKING:
    from perhekeskus.search.selectors import SearchResults

logger = logging.getLogger(__name__)

MAX_TEXT_CHARS = 80
MAX_WORDS = 8

Event = UsageCount.Event

# Anything that could point at a person is cut before the words are kept.
_EMAIL = re.compile(r"\S+@\S+")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
# A Finnish identity code (ddmmyy-nnnX, with the century sign + - A–F, U–Y), whole.
_IDENTITY_CODE = re.compile(r"\b\d{6}[-+A-FU-Ya-fu-y]\d{3}[0-9A-Za-z]\b")
# A phone number: digits with the separators people type (+358 40 123 4567, 040-123 4567).
_PHONE = re.compile(r"\+?\(?\d[\d\s().-]{4,}\d")
_DIGITS = re.compile(r"\d+")
# Only letters (of any alphabet), a hyphen or an apostrophe inside a word, and spaces remain.
_NOT_WORD = re.compile(r"[^\w\s'-]|_")
_SPACES = re.compile(r"\s+")


def search_words_normalise(text: str) -> str:
    """The words of a search as a counter may keep them: lower case; e-mail addresses, web
    addresses, phone numbers, identity codes and every digit removed; punctuation dropped;
    whitespace collapsed; at most 8 words and 80 characters (cut at a word's end)."""
    text = _EMAIL.sub(" ", text)
    text = _URL.sub(" ", text)
    text = _IDENTITY_CODE.sub(" ", text)
    text = _PHONE.sub(" ", text)
    text = _DIGITS.sub(" ", text)
    text = _NOT_WORD.sub(" ", text.lower())
    # A trailing hyphen stays: "ensi- ja turvakoti" is how Finnish shares a word's end.
    words = [word.lstrip("-'").rstrip("'") for word in text.split()]
    words = [word for word in words if word][:MAX_WORDS]
    kept = ""
    for word in words:
        longer = f"{kept} {word}" if kept else word
        if len(longer) > MAX_TEXT_CHARS:
            break
        kept = longer
    if not kept and words:
        kept = words[0][:MAX_TEXT_CHARS]
    return _SPACES.sub(" ", kept).strip()


def usage_count_add(
    *,
    event: str,
    municipality_code: str = "",
    area_id: int = 0,
    need: str = "",
    text: str = "",
    day: date | None = None,
) -> None:
    """One more use on the counter of its key (day, event, municipality, area, need, words).

    Safe when two requests count the same key at once, on SQLite and PostgreSQL: an UPDATE
    adds one; when there is no row yet, an INSERT in a savepoint creates it; when another
    request created it in between (IntegrityError), the UPDATE runs again. Never raises on a
    database error: it is logged, and the family's page goes on."""
    key = {
        "day": day or timezone.localdate(),
        "event": event,
        "municipality_code": (municipality_code or "")[:3],
        "area_id": int(area_id or 0),
        "need": (need or "")[:64],
        "text": search_words_normalise(text) if text else "",
    }
    try:
        with transaction.atomic():
            if _increment(key):
                return
            try:
                with transaction.atomic():
                    UsageCount.objects.create(count=1, **key)
            except IntegrityError:
                # Someone else created the row just now: add to theirs.
                if not _increment(key):
                    raise
    except DatabaseError:
        logger.warning("usage count not recorded: %s", key["event"], exc_info=True)


def _increment(key: dict[str, object]) -> bool:
    return bool(UsageCount.objects.filter(**key).update(count=F("count") + 1))


# --- What the family channel's pages call ------------------------------------------------------


def usage_search_record(*, results: SearchResults) -> None:
    """Count a search (its first page) by municipality, area and need; a search that found
    nothing also by its normalised words. The municipality is the filter's, or the postal
    code's; the area is the registry area of the postal code, or of the municipality when the
    municipality belongs to exactly one area; the need is the service type filter's (the first),
    or else the service type the words were understood as when they were understood as one
    only (the search ranks none of several above the others)."""
    query = results.query
    if query.offset:
        return
    try:
        municipality_code, area_id = _place(query.municipality or "", query.postcode or "")
    except DatabaseError:
        logger.warning("usage count: place not resolved", exc_info=True)
        municipality_code, area_id = query.municipality or "", 0
    understood = results.matched_types
    need = query.types[0] if query.types else (understood[0] if len(understood) == 1 else "")
    usage_count_add(
        event=Event.SEARCH, municipality_code=municipality_code, area_id=area_id, need=need
    )
    if results.count == 0:
        words = search_words_normalise(query.text)
        if words:
            usage_count_add(
                event=Event.SEARCH_EMPTY,
                municipality_code=municipality_code,
                area_id=area_id,
                need=need,
                text=words,
            )


def usage_guidance_record(*, needs: list[str] | tuple[str, ...], municipality: str = "") -> None:
    """Count a guidance once per need it understood (its code), with the family's municipality
    when it gave one. Guidance that understood no need is not counted."""
    for need in dict.fromkeys(needs):
        usage_count_add(event=Event.GUIDANCE, municipality_code=municipality or "", need=need)


def _place(municipality_code: str, postcode: str) -> tuple[str, int]:
    if postcode:
        postal = PostalArea.objects.filter(code=postcode).values("pk", "municipality__code").first()
        if postal is not None:
            municipality_code = municipality_code or postal["municipality__code"]
            area_ids = list(
                Area.objects.filter(postal_areas=postal["pk"]).values_list("pk", flat=True)[:2]
            )
            if len(area_ids) == 1:
                return municipality_code, area_ids[0]
    if municipality_code:
        area_ids = list(
            Area.objects.filter(municipalities__code=municipality_code).values_list(
                "pk", flat=True
            )[:2]
        )
        if len(area_ids) == 1:
            return municipality_code, area_ids[0]
    return municipality_code, 0
