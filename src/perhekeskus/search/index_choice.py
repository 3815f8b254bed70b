"""Choosing the index by measurement: the in-memory index beside SQLite FTS5 and tantivy.

All three get exactly the same input: the analysed terms of each published service (voikko
lemmas and compound parts, Snowball stems, repeated by field weight, as the in-memory index holds
them) and, per query, the same analysed query terms. So the figures compare the index structures
on the same work — retrieve the services whose text has any of the words and rank the best 20 —
and leave out what all three would share (reading the words, the lexicon's needs, filters,
distances, explaining each hit). Used by `perhekeskus bench_search`; the engine never imports it.

tantivy is measured when its Python package is installed (`pip install -e '.[bench]'`).
"""

from __future__ import annotations

import resource
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from perhekeskus.search.analysis import LANGUAGES, analyse, tokenise
from perhekeskus.search.engine import (
    WordPlan,
    _top,
    _validated,
    _word_plan_cached,
    _word_scores,
    current_index,
)
from perhekeskus.search.index import Snapshot
from perhekeskus.search.selectors import SearchQuery

PAGE = 20
# FTS5 takes a fifth of a second a query: the first 300 of the mix's word queries are enough.
QUERIES = 300
# A term that weighs w in a document (field weights summed) is repeated round(w) times, at most
# this often, for the engines that count occurrences.
MAX_REPEAT = 5


@dataclass(frozen=True)
class QueryTerms:
    lang: str
    terms: tuple[tuple[str, ...], ...]  # per word, its terms in the language it was read in
    plans: tuple[WordPlan, ...]


def query_terms(snapshot: Snapshot, query: SearchQuery) -> QueryTerms | None:
    """The query's words as the engine reads them (typos corrected, compounds split)."""
    query = _validated(query)
    words = [word for word in tokenise(query.text) if analyse(word, lang=query.lang)]
    plans = tuple(plan for word in words if (plan := _word_plan_cached(snapshot, word, query.lang)))
    plans = tuple(plan for plan in plans if plan.lang == query.lang)
    if not plans:
        return None
    return QueryTerms(query.lang, tuple(plan.terms for plan in plans), plans)


def documents_terms(snapshot: Snapshot, lang: str) -> list[list[str]]:
    """Each document's terms in one language, rebuilt from the postings."""
    postings = snapshot.postings[lang]
    documents: list[list[str]] = [[] for _ in range(snapshot.size)]
    terms = sorted(postings.vocabulary, key=postings.vocabulary.__getitem__)
    for index, term in enumerate(terms):
        start, end = int(postings.starts[index]), int(postings.starts[index + 1])
        for slot, weight in zip(
            postings.slots[start:end].tolist(), postings.weights[start:end].tolist(), strict=True
        ):
            documents[slot] += [term] * max(1, min(MAX_REPEAT, round(weight)))
    return documents


class InMemory:
    """Its memory is part of the whole index's, reported beside the index build."""

    name = "in-memory (NumPy postings, ours)"

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot

    def search(self, query: QueryTerms) -> list[int]:
        total = np.zeros(self.snapshot.size, dtype=np.float32)
        for plan in query.plans:
            scores, _importance, _matched = _word_scores(
                self.snapshot, WordPlan(plan.word, plan.lang, plan.terms, plan.factor)
            )
            total += scores
        slots = np.flatnonzero(total > 0)
        return [int(slot) for slot in _top(slots, total, PAGE)]


class Fts5:
    name = "SQLite FTS5 (bm25), in memory"

    def __init__(self, snapshot: Snapshot) -> None:
        self.connection = sqlite3.connect(":memory:", check_same_thread=False)
        columns = ", ".join(LANGUAGES)
        # The terms are already analysed: split on spaces only, keep every character.
        self.connection.execute(
            f"CREATE VIRTUAL TABLE docs USING fts5({columns}, "
            "tokenize = \"unicode61 remove_diacritics 0 tokenchars '-_'\", detail = column)"
        )
        texts = {lang: documents_terms(snapshot, lang) for lang in LANGUAGES}
        rows = (
            (slot, *(" ".join(texts[lang][slot]) for lang in LANGUAGES))
            for slot in range(snapshot.size)
        )
        self.connection.executemany(
            f"INSERT INTO docs (rowid, {columns}) VALUES (?, {', '.join('?' for _ in LANGUAGES)})",
            rows,
        )
        self.connection.commit()

    def search(self, query: QueryTerms) -> list[int]:
        terms = {term for word in query.terms for term in word}
        match = f"{query.lang} : (" + " OR ".join(f'"{term}"' for term in sorted(terms)) + ")"
        rows = self.connection.execute(
            "SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?",
            (match, PAGE),
        )
        return [row[0] for row in rows]


class Tantivy:
    name = "tantivy (BM25), in memory"

    def __init__(self, snapshot: Snapshot) -> None:
        import tantivy

        builder = tantivy.SchemaBuilder()
        builder.add_integer_field("slot", stored=True, fast=True)
        for lang in LANGUAGES:
            builder.add_text_field(lang, tokenizer_name="whitespace", index_option="freq")
        self.schema = builder.build()
        self.index = tantivy.Index(self.schema)
        writer = self.index.writer(heap_size=100_000_000, num_threads=1)
        texts = {lang: documents_terms(snapshot, lang) for lang in LANGUAGES}
        for slot in range(snapshot.size):
            writer.add_document(
                tantivy.Document(
                    slot=slot, **{lang: " ".join(texts[lang][slot]) for lang in LANGUAGES}
                )
            )
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()
        self.searcher = self.index.searcher()
        self.tantivy = tantivy

    def search(self, query: QueryTerms) -> list[int]:
        tantivy = self.tantivy
        terms = sorted({term for word in query.terms for term in word})
        should = [
            (tantivy.Occur.Should, tantivy.Query.term_query(self.schema, query.lang, term))
            for term in terms
        ]
        found = self.searcher.search(tantivy.Query.boolean_query(should), PAGE)
        return [self.searcher.doc(address)["slot"][0] for _score, address in found.hits]


def _build(make: Callable[[Snapshot], Any], snapshot: Snapshot) -> tuple[Any, float, float]:
    from perhekeskus.search.bench import rss_mb  # the benchmark imports this module

    before = rss_mb() or 0.0
    started = time.perf_counter()
    engine = make(snapshot)
    return engine, time.perf_counter() - started, (rss_mb() or 0.0) - before


def index_choice(mix: Sequence[SearchQuery]) -> dict[str, Any]:
    """Build each candidate index over the current data and time the mix's word queries."""
    from perhekeskus.search.bench import timings_summarise

    snapshot = current_index()
    queries = [terms for query in mix if (terms := query_terms(snapshot, query))]
    makers: list[Callable[[Snapshot], Any]] = [InMemory, Fts5]
    try:
        import tantivy  # noqa: F401

        makers.append(Tantivy)
    except ImportError:
        pass
    queries = queries[:QUERIES]
    results: dict[str, Any] = {"queries": len(queries), "page": PAGE, "engines": []}
    for make in makers:
        engine, build_s, memory_mb = _build(make, snapshot)
        for query in queries[:20]:  # warm caches as a serving process would be
            engine.search(query)
        timings = []
        for query in queries:
            started = time.perf_counter()
            engine.search(query)
            timings.append((time.perf_counter() - started) * 1000)
        results["engines"].append(
            {
                "name": make.name,  # type: ignore[attr-defined]
                "build_s": round(build_s, 2),
                "memory_mb": round(memory_mb, 1),
                **timings_summarise(timings),
            }
        )
        del engine
    results["max_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return results
