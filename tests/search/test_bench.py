"""The search benchmark: its written queries, the scores it gives and the query mix it times."""

import csv
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from perhekeskus.benchkit import percentile
from perhekeskus.search.bench import (
    KINDS,
    LANGS,
    FullTextBaseline,
    Place,
    RelevanceQuery,
    api_path,
    document_sql,
    hit_at,
    ndcg_at,
    relevance_queries_load,
    speed_mix,
)
from perhekeskus.search.selectors import SearchQuery

ROOT = Path(__file__).resolve().parents[2]
RELEVANCE = ROOT / "bench" / "queries" / "relevance.csv"
SERVICE_TYPES = ROOT / "src" / "perhekeskus" / "network" / "data" / "service_types.csv"


def known_type_codes() -> set[str]:
    with SERVICE_TYPES.open(encoding="utf-8") as file:
        return {row["code"] for row in csv.DictReader(file)}


# --- The relevance set --------------------------------------------------------------------------


def test_the_relevance_set_has_enough_queries_in_each_language():
    queries = relevance_queries_load(RELEVANCE)
    per_lang = Counter(q.lang for q in queries)

    assert len(queries) >= 150
    assert set(per_lang) == set(LANGS)
    assert all(count >= 40 for count in per_lang.values()), per_lang


def test_every_query_names_known_service_types_and_a_known_kind():
    codes = known_type_codes()
    for query in relevance_queries_load(RELEVANCE):
        assert query.text, query
        assert query.types, query
        assert set(query.types) <= codes, query
        assert query.kind in KINDS, query


def test_the_issues_own_examples_are_in_the_set():
    texts = {(q.lang, q.text) for q in relevance_queries_load(RELEVANCE)}
    for example in ("neuvolaan", "lastenneuvolan", "perheneuvolaan", "kahvila", "nevola",
                    "lastenvalvoja", "päivähoito"):  # fmt: skip
        assert ("fi", example) in texts
    assert ("sv", "barnrådgivningen") in texts


def test_every_kind_of_query_is_asked_in_every_language():
    kinds = Counter((q.lang, q.kind) for q in relevance_queries_load(RELEVANCE))
    for lang in LANGS:
        for kind in KINDS:
            assert kinds[lang, kind] >= 3, (lang, kind)


def test_a_query_with_an_age_and_a_postal_code_asks_search_for_them():
    query = RelevanceQuery("fi", "neuvola", ("child_health_clinic",), "plain", 3, "02100")

    asked = query.search_query()

    assert asked == SearchQuery(text="neuvola", lang="fi", age_months=3, postcode="02100", limit=10)


# --- Metrics ------------------------------------------------------------------------------------


def test_hit_at_3_counts_a_relevant_result_in_the_first_three_only():
    assert hit_at([False, False, True, True])
    assert not hit_at([False, False, False, True])
    assert not hit_at([])


def test_ndcg_is_one_for_an_ideal_ranking_and_zero_without_relevant_results():
    assert ndcg_at([True, True, False], relevant_total=2) == pytest.approx(1.0)
    assert ndcg_at([False, False, False], relevant_total=5) == 0.0
    assert ndcg_at([], relevant_total=0) == 0.0


def test_ndcg_by_hand():
    # Relevant at ranks 2 and 3; 4 relevant services exist, so the ideal fills ranks 1–4.
    # DCG = 1/log2(3) + 1/log2(4) = 0.63093 + 0.5; IDCG = 1 + 0.63093 + 0.5 + 0.43068.
    score = ndcg_at([False, True, True, False], relevant_total=4)

    assert score == pytest.approx(1.13093 / 2.56161, abs=1e-4)


def test_ndcg_ideal_stops_at_ten_results():
    # 50 relevant services, ten relevant results: as good as it gets.
    assert ndcg_at([True] * 10, relevant_total=50) == pytest.approx(1.0)
    assert ndcg_at([True] * 12, relevant_total=50) == pytest.approx(1.0)


def test_percentiles_are_nearest_rank():
    values = [float(v) for v in range(1, 101)]

    assert percentile(values, 0.50, method="nearest_rank") == 50.0
    assert percentile(values, 0.95, method="nearest_rank") == 95.0
    assert percentile(values, 0.99, method="nearest_rank") == 99.0
    assert percentile([7.0], 0.95, method="nearest_rank") == 7.0


# --- The speed mix ------------------------------------------------------------------------------

PLACES = [
    Place("00100", "091", 60.1699, 24.9384),
    Place("02100", "049", 60.1756, 24.8055),
    Place("01300", "092", 60.2925, 25.0377),
    Place("10600", "710", 59.9747, 23.4369),
]
TYPES = ["child_health_clinic", "maternity_clinic", "meeting_place", "dental_care"]
MONDAY = date(2026, 3, 2)


def mix(seed: int = 1, n: int = 300) -> list[SearchQuery]:
    queries = relevance_queries_load(RELEVANCE)
    return speed_mix(queries, PLACES, TYPES, n=n, seed=seed, week_start=MONDAY)


def test_the_speed_mix_is_the_same_for_the_same_seed_and_differs_for_another():
    first, again, other = mix(), mix(), mix(seed=2)

    assert first == again
    assert first != other
    assert [api_path(q) for q in first] == [api_path(q) for q in again]


def test_the_speed_mix_has_queries_with_and_without_filters_and_location():
    queries = mix(n=1000)

    located = [q for q in queries if q.postcode or q.lat is not None]
    filtered = [q for q in queries if q.types or q.age_months is not None or q.municipality]
    browsing = [q for q in queries if not q.text]
    assert len(queries) == 1000
    assert 300 < len(located) < 800
    assert 200 < len(filtered) < 800
    assert browsing and all(q.types for q in browsing)
    assert {q.lang for q in queries} == set(LANGS)
    assert any(q.open_at is not None for q in queries)
    assert {q.postcode for q in queries if q.postcode} <= {p.postcode for p in PLACES}


def test_a_query_becomes_the_search_apis_get_parameters():
    query = SearchQuery(
        text="neuvola äitiys", lang="fi", postcode="02100", age_months=3,
        types=("child_health_clinic", "maternity_clinic"), free=True, limit=20,
    )  # fmt: skip

    path = api_path(query)

    assert path == (
        "/api/v1/search?q=neuvola+%C3%A4itiys&lang=fi&postcode=02100&age_months=3"
        "&type=child_health_clinic&type=maternity_clinic&free=true&limit=20&offset=0"
    )


# --- The baseline -------------------------------------------------------------------------------


def test_the_baseline_matches_and_ranks_on_its_gin_indexes_expression_with_filters_as_parameters():
    query = SearchQuery(
        text="barnrådgivningen", lang="sv", age_months=6, types=("child_health_clinic",),
        municipality="091", free=True, limit=10,
    )  # fmt: skip

    sql, params = FullTextBaseline().sql(query)

    document = document_sql("sv", "s")
    assert f"{document} @@ websearch_to_tsquery('swedish', %s)" in sql
    assert f"ts_rank({document}, websearch_to_tsquery('swedish', %s)) DESC" in sql
    assert "s.status = 'published'" in sql and "s.cost = 'free'" in sql
    assert sql.count("%s") == len(params)
    assert params == [
        "barnrådgivningen",
        6,
        6,
        ["child_health_clinic"],
        "091",
        "barnrådgivningen",
        10,
        0,
    ]


# --- Choosing the index -------------------------------------------------------------------------


def test_fts5_over_the_same_terms_finds_what_the_in_memory_index_finds(register):
    from perhekeskus.search.engine import current_index
    from perhekeskus.search.index_choice import Fts5, InMemory, index_choice, query_terms

    snapshot = current_index()
    ours, fts5 = InMemory(snapshot), Fts5(snapshot)
    for text, lang in (("neuvolaan", "fi"), ("perhekahvila", "fi"), ("rådgivningen", "sv")):
        terms = query_terms(snapshot, SearchQuery(text=text, lang=lang))
        assert terms is not None
        found = ours.search(terms)
        assert found, text
        assert sorted(fts5.search(terms)) == sorted(found)

    mix = [SearchQuery(text="neuvola", lang="fi"), SearchQuery(text="", lang="fi")]
    choice = index_choice(mix)
    assert choice["queries"] == 1  # a query without words has nothing to retrieve
    names = [engine["name"] for engine in choice["engines"]]
    assert names[:2] == [InMemory.name, Fts5.name]
    assert all(engine["p95_ms"] >= engine["p50_ms"] > 0 for engine in choice["engines"])
