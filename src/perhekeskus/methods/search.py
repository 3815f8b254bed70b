"""Finding methods by words, with the family channel's text analysis (`search.analysis`, the
typo tolerance of `search.fuzzy`): Finnish lemmas and compound parts from voikko, Snowball
stems for Swedish and English, and the nearest known word for a typo.

The catalogue is small (tens of methods), so its index is a plain dictionary per language,
rebuilt in this process when a method changes (a cheap stamp is compared on each search).
A query word is read in the user's language first and then in the other two; a word no
dictionary and no method knows is corrected to the nearest word of the catalogue ("theraply"
→ theraplay), or split into two known words ("puheeksiotto" → puheeksi otto, as in "Lapset
puheeksi"). Each word scores by where it stands (a name weighs more than a description) and
how rare it is in the catalogue; a method must cover the important words of the query.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Max

from perhekeskus.methods.models import Method
from perhekeskus.search.analysis import LANGUAGES, analyse, tokenise, voikko_knows, word_lemmas
from perhekeskus.search.fuzzy import MIN_WORD_LENGTH, Corrector, edit_distance

# How much a term counts by the field it stands in.
FIELD_WEIGHTS = {
    "name": 3.0,
    "other_names": 2.5,
    "aim": 1.2,
    "target_group": 1.0,
    "service_types": 1.0,
    "description": 0.8,
    "owner": 0.5,
    "training_provider": 0.4,
}
# A compound's part counts for less than the whole word ("perhetyö" → "työ").
PART_WEIGHT = 0.5
# A word read in another language than the user's counts a little less.
OTHER_LANGUAGE_WEIGHT = 0.8
# A corrected typo or a split compound counts a little less than a word typed right.
CORRECTED_WEIGHT = 0.85
# A query word nothing in the catalogue knows weighs this much against those that match.
UNKNOWN_WORD_IMPORTANCE = 2.0
# Results cover at least this share of the best coverage any method reaches.
COVERAGE_KEEP = 0.75
MAX_QUERY_WORDS = 12
MIN_PART_LENGTH = 3


@dataclass(frozen=True)
class MethodDocument:
    pk: int
    # {lang: {term: weight}}: each term's weight where it stands strongest
    terms: dict[str, dict[str, float]]


@dataclass
class MethodIndex:
    documents: list[MethodDocument]
    # {lang: {term: number of methods with it}}
    frequency: dict[str, dict[str, int]]
    # {lang: words as written}: what a typo is corrected to
    surfaces: dict[str, set[str]]
    stamp: tuple[int, datetime | None, int]
    correctors: dict[str, Corrector] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.documents)

    def knows(self, lang: str, terms: Iterable[str]) -> bool:
        vocabulary = self.frequency[lang]
        return any(term in vocabulary for term in terms)

    def idf(self, lang: str, term: str) -> float:
        df = self.frequency[lang].get(term, 0)
        return math.log(1 + (self.size - df + 0.5) / (df + 0.5))

    def corrector(self, lang: str) -> Corrector:
        if lang not in self.correctors:
            self.correctors[lang] = Corrector(set(self.frequency[lang]) | self.surfaces[lang])
        return self.correctors[lang]


# --- Building ---------------------------------------------------------------------------------


def _word_terms(word: str, lang: str) -> list[tuple[str, float]]:
    """A word's terms with their share: its readings whole, its compound parts less."""
    readings = set(word_lemmas(word, lang=lang))
    terms = analyse(word, lang=lang)
    return [(term, 1.0 if term in readings or not readings else PART_WEIGHT) for term in terms]


def _document(method: Method, type_names: dict[str, list[str]]) -> MethodDocument:
    terms: dict[str, dict[str, float]] = {lang: {} for lang in LANGUAGES}
    for lang in LANGUAGES:
        texts = {
            name: getattr(method, f"{name}_{lang}", "") or getattr(method, f"{name}_fi", "") or ""
            for name in FIELD_WEIGHTS
            if name != "service_types"
        }
        texts["service_types"] = " ".join(type_names.get(lang, []))
        own = terms[lang]
        for name, text in texts.items():
            for word in tokenise(text):
                for term, share in _word_terms(word, lang):
                    weight = FIELD_WEIGHTS[name] * share
                    if weight > own.get(term, 0.0):
                        own[term] = weight
    return MethodDocument(pk=method.pk, terms=terms)


def _stamp() -> tuple[int, datetime | None, int]:
    row = Method.objects.aggregate(count=Count("pk"), latest=Max("updated_at"), top=Max("pk"))
    return row["count"], row["latest"], row["top"] or 0


def index_build() -> MethodIndex:
    methods = list(Method.objects.prefetch_related("service_types").order_by("pk"))
    documents = []
    for method in methods:
        type_names: dict[str, list[str]] = {lang: [] for lang in LANGUAGES}
        for service_type in method.service_types.all():
            for lang in LANGUAGES:
                type_names[lang].append(getattr(service_type, f"name_{lang}", "") or "")
        documents.append(_document(method, type_names))
    frequency: dict[str, dict[str, int]] = {lang: {} for lang in LANGUAGES}
    for document in documents:
        for lang in LANGUAGES:
            counts = frequency[lang]
            for term in document.terms[lang]:
                counts[term] = counts.get(term, 0) + 1
    surfaces: dict[str, set[str]] = {lang: set() for lang in LANGUAGES}
    for method in methods:
        for lang in LANGUAGES:
            for name in ("name", "other_names"):
                surfaces[lang].update(tokenise(getattr(method, f"{name}_{lang}", "") or ""))
    return MethodIndex(documents, frequency, surfaces, _stamp())


_index: MethodIndex | None = None
_index_lock = threading.Lock()


def current_index() -> MethodIndex:
    """This process's index, rebuilt when a method was added, changed or removed."""
    global _index
    stamp = _stamp()
    index = _index
    if index is None or index.stamp != stamp:
        with _index_lock:
            if _index is None or _index.stamp != stamp:
                _index = index_build()
            index = _index
    return index


def index_reset() -> None:
    global _index
    with _index_lock:
        _index = None


# --- Reading the query ------------------------------------------------------------------------


@dataclass
class WordPlan:
    """How one query word is read: its language, its terms with their shares, its weight."""

    word: str
    lang: str
    terms: list[tuple[str, float]]
    factor: float
    corrected_to: str | None = None


def _plan(index: MethodIndex, word: str, lang: str) -> WordPlan | None:
    languages = (lang, *(other for other in LANGUAGES if other != lang))

    def factor(candidate: str) -> float:
        return 1.0 if candidate == lang else OTHER_LANGUAGE_WEIGHT

    for candidate in languages:
        terms = _word_terms(word, candidate)
        if index.knows(candidate, (term for term, _share in terms)):
            return WordPlan(word, candidate, terms, factor(candidate))
    # A correct Finnish word the catalogue does not use is no typo of some other word.
    if not (lang == "fi" and voikko_knows(word)):
        for candidate in languages:
            corrected = _correction(index, word, candidate)
            if corrected:
                terms = _word_terms(corrected, candidate)
                weight = CORRECTED_WEIGHT * factor(candidate)
                return WordPlan(word, candidate, terms, weight, corrected_to=corrected)
    for candidate in languages:
        parts = _compound_split(index, word, candidate)
        if parts:
            terms = [pair for part in parts for pair in _word_terms(part, candidate)]
            weight = CORRECTED_WEIGHT * factor(candidate)
            return WordPlan(word, candidate, terms, weight, corrected_to=" ".join(parts))
    return None


def _correction(index: MethodIndex, word: str, lang: str) -> str | None:
    """The catalogue's word nearest to a typo; among equals the commonest."""
    if word.isdigit() or len(word) < MIN_WORD_LENGTH:
        return None
    options = []
    for _distance, candidate in index.corrector(lang).candidates(word):
        readings = word_lemmas(candidate, lang=lang)
        if not index.knows(lang, readings):
            continue
        frequency = max(index.frequency[lang].get(reading, 0) for reading in readings)
        options.append((edit_distance(word, candidate, limit=3), -frequency, candidate))
    return min(options)[2] if options else None


def _compound_split(index: MethodIndex, word: str, lang: str) -> tuple[str, str] | None:
    """A word no dictionary knows, made of a word the catalogue uses and another word
    ("puheeksiotto" → puheeksi + otto); the longest known head first."""
    if len(word) < 2 * MIN_PART_LENGTH:
        return None
    for cut in range(len(word) - MIN_PART_LENGTH, MIN_PART_LENGTH - 1, -1):
        head, tail = word[:cut], word[cut:]
        if not index.knows(lang, word_lemmas(head, lang=lang)):
            continue
        tail_known = index.knows(lang, word_lemmas(tail, lang=lang))
        if tail_known or (lang == "fi" and voikko_knows(tail)):
            return head, tail
    return None


def understand(text: str, lang: str) -> list[tuple[str, WordPlan | None]]:
    """Each word of the query with how it is read (None: nothing in the catalogue knows it)."""
    index = current_index()
    words = [word for word in tokenise(text) if analyse(word, lang=lang)][:MAX_QUERY_WORDS]
    return [(word, _plan(index, word, lang)) for word in words]


# --- Scoring ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    pk: int
    score: float
    words: tuple[str, ...]  # the query words (as read) found in the method's texts


@dataclass(frozen=True)
class TextResult:
    """The methods the words found, best first, and how the words were read."""

    matches: tuple[Match, ...]
    corrections: dict[str, str]
    unknown: tuple[str, ...]


def search_text(text: str, *, lang: str) -> TextResult:
    """Methods matching the words, best first. An empty text finds nothing here: the caller
    lists the catalogue instead."""
    index = current_index()
    language = lang if lang in LANGUAGES else "fi"
    plans = understand(text, language)
    known = [plan for _word, plan in plans if plan is not None]
    unknown = tuple(word for word, plan in plans if plan is None)
    if not plans:
        return TextResult((), {}, ())
    importance_sum = UNKNOWN_WORD_IMPORTANCE * len(unknown)
    importance = []
    for plan in known:
        weight = max(
            (
                index.idf(plan.lang, term) * share * plan.factor
                for term, share in plan.terms
                if term in index.frequency[plan.lang]
            ),
            default=0.0,
        )
        importance.append(weight)
        importance_sum += weight
    scored: list[tuple[float, float, int, tuple[str, ...]]] = []
    for position, document in enumerate(index.documents):
        total = covered = 0.0
        words = []
        for plan, weight in zip(known, importance, strict=True):
            own = document.terms[plan.lang]
            best = max(
                (
                    own[term] * share * index.idf(plan.lang, term)
                    for term, share in plan.terms
                    if term in own
                ),
                default=0.0,
            )
            if best > 0:
                total += best * plan.factor
                covered += weight
                words.append(plan.corrected_to or plan.word)
        if total > 0:
            coverage = covered / (importance_sum or 1.0)
            scored.append((total * coverage**2, coverage, position, tuple(words)))
    if not scored:
        return TextResult((), _corrections(known), unknown)
    best_coverage = max(coverage for _score, coverage, _p, _w in scored)
    kept = [item for item in scored if item[1] >= best_coverage * COVERAGE_KEEP]
    kept.sort(key=lambda item: (-item[0], item[2]))
    matches = tuple(
        Match(index.documents[position].pk, round(score, 4), words)
        for score, _coverage, position, words in kept
    )
    return TextResult(matches, _corrections(known), unknown)


def _corrections(plans: list[WordPlan]) -> dict[str, str]:
    return {plan.word: plan.corrected_to for plan in plans if plan.corrected_to}
