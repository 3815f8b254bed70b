"""Everyday language (puhekieli, slang) read as the dictionaries know it.

Families and young people write as they speak: "mä oon ihan poikki", "faija juo", "ei oo
kavereita", "heitettii pihalle", "farsan slår mig", "my gf dumped me". The search's reading
(voikko for Finnish, stemmers for Swedish and English) knows the standard language; a spoken
form it does not know is corrected to the nearest known word, often a wrong one ("oonko" →
"olonko"). Before the lexical reading, each word is therefore put in its standard form:

1. words of `data/spoken.csv` (a spoken form, in any inflection, → its standard word:
   "faijalle" → isä, "mua" → minua, "farsan" → pappa, "gf" → girlfriend);
2. for a Finnish word the dictionary does not know, the endings spoken Finnish drops are put
   back when that makes a known word ("juonu" → juonut, "pitäis" → pitäisi, "heitettii" →
   heitettiin, "yöks" → yöksi, "meil" → meillä, "koulust" → koulusta, "kattoo" → katsoo);
3. a Finnish compound the dictionary does not know is split into two known words, either of
   which may be a word of the needs vocabulary ("murkkutyttö" → murkku tyttö).

The meaning (the embedding model) reads the original text: it knows spoken language.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from perhekeskus.search.analysis import (
    LANGUAGES,
    STOP_WORDS,
    tokenise,
    voikko_knows,
    word_lemmas,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
SPOKEN_CSV = DATA_DIR / "spoken.csv"
# A part of a split compound is at least this long and no stop word ("murkun" is no "mur kun").
MIN_PART = 4
BACK_VOWELS = frozenset("aou")


@lru_cache(maxsize=1)
def spoken_forms() -> dict[str, dict[str, str]]:
    """For each language, every reading of a spoken form → its standard word(s)."""
    forms: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}
    if not SPOKEN_CSV.exists():
        return forms
    with SPOKEN_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            lang, spoken = row["lang"].strip(), row["spoken"].strip().casefold()
            standard = row["standard"].strip()
            if lang not in forms or not spoken or not standard:
                continue
            forms[lang][spoken] = standard
            for reading in word_lemmas(spoken, lang=lang):
                forms[lang].setdefault(reading, standard)
    return forms


def standardise(text: str, lang: str, known: Iterable[str] = ()) -> str:
    """The text's words in their standard forms, lower-cased, punctuation dropped. `known`
    are further words (the needs vocabulary's) that may be a part of a compound."""
    known_set = frozenset(known)
    return " ".join(_standard_word(word, lang, known_set) for word in tokenise(text))


def _standard_word(word: str, lang: str, known: frozenset[str]) -> str:
    forms = spoken_forms().get(lang, {})
    if word in forms:
        return forms[word]
    if word.isdigit() or len(word) < 2:
        return word
    if lang == "fi" and voikko_knows(word):
        return _mapped(word, lang, forms) or word
    mapped = _mapped(word, lang, forms) or _spoken_head(word, lang)
    if mapped:
        return mapped
    if lang == "fi" and known.isdisjoint(word_lemmas(word, lang=lang)):
        return _finnish_restored(word, known)
    return word


@lru_cache(maxsize=1)
def _heads() -> dict[str, dict[str, str]]:
    """Spoken forms of at least four letters that may begin a compound ("dagis" of
    "dagisplats"), by language."""
    heads: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}
    with SPOKEN_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            spoken = row["spoken"].strip().casefold()
            if row["lang"] in heads and len(spoken) >= MIN_PART and " " not in spoken:
                heads[row["lang"]][spoken] = row["standard"].strip()
    return heads


def _spoken_head(word: str, lang: str) -> str | None:
    """A compound the dictionary does not know that begins with a spoken form, the rest
    a word of its own: "dagisplats" → daghem plats, "faijanmökki" stays (no known rest)."""
    heads = _heads().get(lang, {})
    for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
        head, rest = word[:cut], word[cut:]
        if head in heads and (lang != "fi" or voikko_knows(rest)):
            return f"{heads[head]} {rest}"
    return None


def _mapped(word: str, lang: str, forms: dict[str, str]) -> str | None:
    for reading in word_lemmas(word, lang=lang):
        if reading in forms:
            return forms[reading]
    return None


@lru_cache(maxsize=20_000)
def _finnish_restored(word: str, known: frozenset[str]) -> str:
    """A spoken Finnish word the dictionary does not know, with its dropped ending put back,
    or split into two known words; unchanged when neither makes known words."""
    for candidate in _finnish_candidates(word):
        if voikko_knows(candidate):
            return candidate
    return _compound_split(word, known) or word


def _harmony(word: str, back: str, front: str) -> str:
    return back if BACK_VOWELS & set(word) else front


def _finnish_candidates(word: str) -> list[str]:
    """Standard forms a spoken form may stand for, the likeliest first."""
    candidates = []
    if word.endswith(("u", "y")):  # juonu, menny, ollu: the participle's -t
        candidates.append(word + "t")
    if word.endswith("is"):  # pitäis, olis, tarttis: the conditional's -i
        candidates.append(word + "i")
    if len(word) > 3 and word[-1] == word[-2] and word[-1] in "aeiouyäö":
        candidates.append(word + "n")  # mitää, kotii, heitettii: the dropped -n
    if word.endswith(("ks", "ts")):  # yöks, miks, kotiks
        candidates.append(word + "i")
    if word.endswith("l"):  # meil, lapsel, sul
        candidates.append(word + _harmony(word, "la", "lä"))
    if word.endswith("st"):  # koulust, kotoost
        candidates.append(word + _harmony(word, "a", "ä"))
    if word.endswith("s"):  # koulus, kaupungis
        candidates.append(word + _harmony(word, "sa", "sä"))
    if "itte" in word:  # itteeni, itteään
        candidates.append(word.replace("itte", "itse", 1))
    if "tt" in word:  # kattoo, mettä
        candidates.append(word.replace("tt", "ts", 1))
    return candidates


def _compound_split(word: str, known: frozenset[str]) -> str | None:
    """Two known words that make up an unknown one, the longest first part first."""
    if len(word) < 2 * MIN_PART:
        return None
    for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
        head, tail = word[:cut], word[cut:]
        if _part_known(head, known) and _part_known(tail, known):
            return f"{head} {tail}"
    return None


def _part_known(part: str, known: frozenset[str]) -> bool:
    if part in STOP_WORDS["fi"] or not (part in known or voikko_knows(part)):
        return False
    return not set(word_lemmas(part, lang="fi")) <= STOP_WORDS["fi"]


def spoken_reset() -> None:
    """Forget cached data (tests)."""
    spoken_forms.cache_clear()
    _heads.cache_clear()
    _finnish_restored.cache_clear()
