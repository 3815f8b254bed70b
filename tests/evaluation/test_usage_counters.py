"""The family channel counts its use for the county's leaders, and nothing about the family:
a search adds one to the day's counter of its municipality, area and need; a search that found
nothing also keeps its words, stripped of anything that could point at a person; guidance counts
the needs it understood. A broken counter never breaks the family's page."""

from datetime import date

import pytest
from django.db import DatabaseError
from django.utils import timezone

from perhekeskus.evaluation import usage
from perhekeskus.evaluation.models import UsageCount
from perhekeskus.evaluation.usage import search_words_normalise, usage_count_add
from perhekeskus.guidance.engine import guidance_reset

pytestmark = pytest.mark.django_db

ESPOO = "049"
SEARCH = "/fi/search/"
NOTHING = "speech therapy without referral"
# Only what a counter may hold: a day, an event, a place, a need, the words, the count.
COUNTER_FIELDS = {"id", "day", "event", "municipality_code", "area_id", "need", "text", "count"}


@pytest.fixture(autouse=True)
def _fresh_vocabulary():
    guidance_reset()
    yield
    guidance_reset()


def counters(**where) -> list[tuple]:
    rows = UsageCount.objects.filter(**where).order_by("event", "need", "text")
    return list(rows.values_list("event", "municipality_code", "area_id", "need", "text", "count"))


def test_a_family_search_adds_one_to_its_municipality_and_service_type(client, network):
    response = client.get(
        SEARCH, {"q": "neuvola", "municipality": ESPOO, "type": "child_health_clinic"}
    )
    assert response.status_code == 200
    area = network.espoo_area.pk  # Espoo belongs to this one area only
    assert counters() == [("search", ESPOO, area, "child_health_clinic", "", 1)]
    assert UsageCount.objects.get().day == timezone.localdate()

    client.get(SEARCH, {"q": "neuvola", "municipality": ESPOO, "type": "child_health_clinic"})
    assert counters() == [("search", ESPOO, area, "child_health_clinic", "", 2)]


def test_the_next_page_and_a_history_restore_are_the_same_search(client, network):
    params = {"q": "neuvola", "municipality": ESPOO}
    client.get(SEARCH, params)
    client.get(SEARCH, {**params, "offset": 10})
    client.get(SEARCH, params, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert sum(row[-1] for row in counters(event="search")) == 1
    # A search htmx answers with the results only is one search, counted once.
    client.get(SEARCH, params, headers={"HX-Request": "true"})
    assert sum(row[-1] for row in counters(event="search")) == 2


def test_a_search_that_found_nothing_keeps_only_its_normalised_words(client, network):
    words = "Speech THERAPY without  040 123 4567 maija@example.org 010199-123A 2 times"
    response = client.get(SEARCH, {"q": words, "municipality": ESPOO})
    assert response.status_code == 200
    empty = UsageCount.objects.get(event="search_empty")
    assert empty.text == "speech therapy without times"
    assert not any(ch.isdigit() for ch in empty.text)
    assert "@" not in empty.text and "maija" not in empty.text
    assert (empty.municipality_code, empty.count) == (ESPOO, 1)
    assert UsageCount.objects.get(event="search").count == 1


def test_two_identical_empty_searches_make_one_row_counted_twice(client, network):
    client.get(SEARCH, {"q": NOTHING})
    client.get(SEARCH, {"q": "  Speech therapy,   WITHOUT referral! "})
    assert counters(event="search_empty") == [("search_empty", "", 0, "", NOTHING, 2)]


def test_the_api_search_is_counted_like_the_page(client, network):
    client.get("/api/v1/search", {"q": NOTHING, "postcode": "02600"})
    client.get("/api/v1/search", {"q": NOTHING, "postcode": "02600", "offset": 20})
    rows = counters()
    assert [(event, place, count) for event, place, _a, _n, _t, count in rows] == [
        ("search", ESPOO, 1),
        ("search_empty", ESPOO, 1),
    ]


def test_a_broken_counter_does_not_break_the_family_search(client, network, monkeypatch, caplog):
    def broken(key):
        raise DatabaseError("disk full")

    monkeypatch.setattr(usage, "_increment", broken)
    response = client.get(SEARCH, {"q": "neuvola", "municipality": ESPOO})
    assert response.status_code == 200
    assert "Lastenneuvola" in response.content.decode()
    assert UsageCount.objects.count() == 0
    assert "usage count not recorded" in caplog.text


def test_a_counter_row_that_appears_meanwhile_is_added_to(db):
    """Two requests count the same key at once: the one whose INSERT loses adds to the row."""
    day = date(2026, 3, 2)
    UsageCount.objects.create(day=day, event="search", need="x", count=4)
    calls = []
    real = usage._increment

    def first_misses(key):
        calls.append(key)
        return False if len(calls) == 1 else real(key)

    usage._increment, saved = first_misses, usage._increment
    try:
        usage_count_add(event="search", need="x", day=day)
    finally:
        usage._increment = saved
    assert len(calls) == 2
    assert UsageCount.objects.get().count == 5


def test_nothing_about_the_family_is_stored(client, network):
    client.get(
        SEARCH,
        {"q": "apua lapselle 040 765 4321", "postcode": "02600", "age_months": "3"},
        REMOTE_ADDR="192.0.2.7",
        HTTP_USER_AGENT="Mozilla/5.0 (perhe)",
    )
    assert {field.attname for field in UsageCount._meta.get_fields()} == COUNTER_FIELDS
    for row in UsageCount.objects.values():
        stored = " ".join(str(value) for value in row.values())
        assert "192.0.2.7" not in stored and "Mozilla" not in stored
        assert "765" not in stored and "4321" not in stored
        assert isinstance(row["day"], date)  # a day, no time of day


def test_guidance_counts_each_need_it_understood(client, network):
    text = "olen yksinäinen kotona vauvan kanssa enkä tunne täältä ketään"
    response = client.post("/fi/guidance/", {"text": text, "municipality": ESPOO})
    assert response.status_code == 200
    rows = counters(event="guidance")
    assert rows, "the guidance understood at least one need"
    assert all(
        place == ESPOO and count == 1 and text == "" for _e, place, _a, _n, text, count in rows
    )
    needs = [need for *_rest, need, _t, _c in rows]
    assert len(needs) == len(set(needs)) and all(needs)

    client.get("/api/v1/guidance", {"text": text, "lang": "fi"})
    assert sum(row[-1] for row in counters(event="guidance", municipality_code="")) == len(needs)


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Ensi- ja turvakoti RUOTSIKSI", "ensi- ja turvakoti ruotsiksi"),
        ("tukihenkilö nuorelle, puh. +358 40 123 4567", "tukihenkilö nuorelle puh"),
        ("speech therapy without referral (asap!!)", "speech therapy without referral asap"),
        ("föräldragrupp för pappor 0-3 år", "föräldragrupp för pappor år"),
        ("hetu 131052-308T pojan nimi", "hetu pojan nimi"),
        ("mail me: someone@example.org", "mail me"),
        ("see www.example.org/x or https://a.b/c", "see or"),
        ("yksi kaksi kolme neljä viisi kuusi seitsemän kahdeksan yhdeksän", None),
        ("a" * 100, "a" * 80),
        ("   ", ""),
    ],
)
def test_search_words_are_normalised_to_nothing_personal(typed, kept):
    normal = search_words_normalise(typed)
    if kept is None:
        assert normal.split() == typed.split()[:8]
    else:
        assert normal == kept
    assert len(normal) <= 80 and len(normal.split()) <= 8
    assert not any(ch.isdigit() for ch in normal)
