"""Turn text into index terms for Finnish, Swedish and English.

The same function analyses documents and queries, so an inflected query meets its lemma:
"neuvolaan", "lastenneuvolan" and "perheneuvolaan" all yield "neuvola".

Finnish uses libvoikko with the Finnish dictionary (Debian `libvoikko1 voikko-fi`): for each
word its lemmas and, for compounds, the lemmas of its parts. When libvoikko or its dictionary
cannot be loaded, or a word is unknown to it (a typo, a name), Finnish falls back to the word
itself and its Snowball stem: inflections of one word still meet ("neuvolaan", "neuvola" →
"neuvol"), but compound parts are not found. `voikko_available()` tells which mode is in use.

Swedish and English use Snowball stemmers; Swedish compounds are also split on a small list of
the words families use about family services ("barnrådgivningen" → "barn", "rådgivning").

A libvoikko handle is not thread-safe, so each thread opens its own, lazily. Word analyses are
cached (bounded), as a vocabulary repeats itself.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import snowballstemmer

logger = logging.getLogger(__name__)

Language = Literal["fi", "sv", "en"]
LANGUAGES: tuple[Language, ...] = ("fi", "sv", "en")

MAX_INPUT_CHARS = 500
# Longer "words" are noise (pasted URLs, base64); voikko would only reject them.
MAX_WORD_CHARS = 60
WORD_CACHE_SIZE = 100_000

# Environment variable naming a directory with the voikko dictionary, if not in the default
# search path (/usr/lib/voikko and the like).
VOIKKO_PATH_ENV = "PERHEKESKUS_VOIKKO_PATH"

DATA_DIR = Path(__file__).resolve().parent / "data"


def _word_list(name: str) -> tuple[str, ...]:
    """Words of a data file, one a line; `#` starts a comment."""
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    words = (line.split("#", 1)[0].strip().casefold() for line in lines)
    return tuple(word for word in words if word)


STOP_WORDS: dict[str, frozenset[str]] = {
    lang: frozenset(_word_list(f"stopwords_{lang}.txt")) for lang in LANGUAGES
}

# Longest first, so "familje" is tried before "familj".
SWEDISH_COMPOUND_HEADS: tuple[str, ...] = tuple(
    sorted(_word_list("compound_heads_sv.txt"), key=len, reverse=True)
)

_snowball = {
    "fi": snowballstemmer.stemmer("finnish"),
    "sv": snowballstemmer.stemmer("swedish"),
    "en": snowballstemmer.stemmer("english"),
}
# Snowball stemmer objects keep state between calls; serialise their use.
_snowball_lock = threading.Lock()


def _stem(word: str, *, lang: Language) -> str:
    with _snowball_lock:
        return str(_snowball[lang].stemWord(word))


# --- Normalising and tokenising ----------------------------------------------------------------


def normalise(text: str) -> str:
    """Casefold, compose (NFC) and replace everything but letters and digits with spaces."""
    text = unicodedata.normalize("NFC", text[:MAX_INPUT_CHARS]).casefold()
    # Casefolding can decompose again ("İ"); compose once more.
    text = unicodedata.normalize("NFC", text)
    return "".join(ch if ch.isalnum() else " " for ch in text)


def tokenise(text: str) -> list[str]:
    """Words of normalised text, each at most MAX_WORD_CHARS long."""
    return [word for word in normalise(text).split() if len(word) <= MAX_WORD_CHARS]


# --- Finnish with libvoikko --------------------------------------------------------------------

_voikko_local = threading.local()
_voikko_state_lock = threading.Lock()
_voikko_failed = False


def _voikko() -> Any | None:
    """This thread's libvoikko handle, opened on first use; None if it cannot be loaded."""
    global _voikko_failed
    handle = getattr(_voikko_local, "handle", None)
    if handle is not None or _voikko_failed:
        return handle
    try:
        import libvoikko

        path = os.environ.get(VOIKKO_PATH_ENV) or None
        handle = libvoikko.Voikko("fi", path=path)
    except (ImportError, OSError, _voikko_exception()) as exc:
        with _voikko_state_lock:
            if not _voikko_failed:
                logger.warning("libvoikko unavailable, Finnish falls back to stemming: %s", exc)
            _voikko_failed = True
        return None
    _voikko_local.handle = handle
    return handle


def _voikko_exception() -> type[Exception]:
    """The binding's own exception class, or a stand-in when the binding is not installed."""
    try:
        from libvoikko import VoikkoException
    except ImportError:
        return RuntimeError
    return VoikkoException  # type: ignore[no-any-return]


def voikko_available() -> bool:
    """Whether Finnish is analysed with libvoikko (lemmas and compound parts)."""
    return _voikko() is not None


_WORDBASE_SEGMENT = re.compile(r"(\+?)([^+()]*)(?:\(([^)]*)\))?")


def _parse_wordbases(wordbases: str) -> list[list[tuple[str, str | None]]]:
    """Split voikko's WORDBASES into compound parts, each a list of (surface, base) segments.

    "+lasten(lapsi)+neuvola(neuvola)" → [[("lasten", "lapsi")], [("neuvola", "neuvola")]].
    A part starts with "+surface(base)"; derivations ("tel(+ella)", "+v", "+a(+a)") belong to
    the part before them.
    """
    parts: list[list[tuple[str, str | None]]] = []
    for plus, surface, base in _WORDBASE_SEGMENT.findall(wordbases):
        if not surface and not base:
            continue
        base = base.replace("=", "") if base else None
        if (plus and base and not base.startswith("+")) or not parts:
            parts.append([(surface, base)])
        else:
            parts[-1].append((surface, base))
    return parts


def _part_lemma(segments: list[tuple[str, str | None]]) -> str:
    """The lemma of one compound part: its base, or its root with a derivation's suffix."""
    root_surface, root_base = segments[0]
    if len(segments) == 1:
        return root_base or root_surface
    # "terve" + "yden(+ys)" → "terveys"; "hoita" + "ja(+ja)" → "hoitaja".
    middle = "".join(surface for surface, _ in segments[1:-1])
    last_base = segments[-1][1] or segments[-1][0]
    return root_surface + middle + last_base.lstrip("+")


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _voikko_terms(word: str) -> tuple[str, ...] | None:
    """Lemmas and compound-part lemmas of a Finnish word; None if voikko does not know it."""
    handle = _voikko()
    if handle is None:
        return None
    analyses = handle.analyze(word)
    if not analyses:
        return None
    terms: dict[str, None] = {}
    for analysis in analyses:
        baseform = analysis.get("BASEFORM")
        if baseform:
            terms[baseform.casefold()] = None
        wordbases = analysis.get("WORDBASES")
        if not wordbases:
            continue
        parts = _parse_wordbases(wordbases)
        if len(parts) < 2:
            continue
        for part in parts:
            lemma = _part_lemma(part).casefold()
            if len(lemma) >= 3:  # not a stray suffix
                terms[lemma] = None
    return tuple(terms) or None


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _fallback_terms(word: str) -> tuple[str, ...]:
    """A word voikko cannot analyse: the word itself and its Snowball stem."""
    stem = _stem(word, lang="fi")
    return (word,) if stem == word else (word, stem)


def _finnish_word_terms(word: str) -> tuple[str, ...]:
    if word.isdigit():
        return (word,)
    return _voikko_terms(word) or _fallback_terms(word)


# --- Swedish and English -----------------------------------------------------------------------


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _swedish_word_terms(word: str) -> tuple[str, ...]:
    if word.isdigit():
        return (word,)
    terms = dict.fromkeys(_swedish_stems(word))
    for head in SWEDISH_COMPOUND_HEADS:
        tail = word[len(head) :]
        if word.startswith(head) and len(tail) >= 4:
            terms[_stem(head, lang="sv")] = None
            terms.update(dict.fromkeys(_swedish_stems(tail)))
            break
    return tuple(terms)


def _swedish_stems(word: str) -> tuple[str, ...]:
    """The Snowball stem, and the stem without a definite ending Snowball leaves on
    ("skolan" → skol as "skola"; "barnskyddet" → barnskydd)."""
    stems = {_stem(word, lang="sv"): None}
    if len(word) >= 5 and word.endswith("an"):
        stems[_stem(word[:-1], lang="sv")] = None
    elif len(word) >= 6 and word.endswith("et"):
        stems[_stem(word[:-2], lang="sv")] = None
    return tuple(stems)


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _english_word_terms(word: str) -> tuple[str, ...]:
    if word.isdigit():
        return (word,)
    return (_stem(word, lang="en"),)


# --- The entry point ---------------------------------------------------------------------------


def analyse(text: str, *, lang: str) -> list[str]:
    """Index terms of `text` in `lang` (fi, sv or en), in order of appearance, without repeats.

    Input is capped at MAX_INPUT_CHARS; anything (emoji, SQL, markup) gives terms or [], never
    an error. An unknown language is analysed as English, the least inflected of the three.
    """
    language: Language = lang if lang in LANGUAGES else "en"  # type: ignore[assignment]
    stop_words = STOP_WORDS[language]
    terms: dict[str, None] = {}
    for word in tokenise(text):
        if word in stop_words:
            continue
        if language == "fi":
            word_terms = _finnish_word_terms(word)
            # "on" → "olla": a stop word seen only through its lemma.
            if all(term in stop_words for term in word_terms):
                continue
        elif language == "sv":
            word_terms = _swedish_word_terms(word)
        else:
            word_terms = _english_word_terms(word)
        for term in word_terms:
            terms[term] = None
    return list(terms)


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _voikko_lemmas(word: str) -> tuple[str, ...] | None:
    handle = _voikko()
    if handle is None:
        return None
    found = {a["BASEFORM"].casefold(): None for a in handle.analyze(word) if a.get("BASEFORM")}
    return tuple(found) or None


def voikko_knows(word: str) -> bool:
    """Whether the Finnish dictionary knows the word (a correct word, perhaps a compound)."""
    return _voikko_lemmas(word.casefold()) is not None


def word_lemmas(word: str, *, lang: str) -> tuple[str, ...]:
    """The readings of one word without its compound parts: each lemma voikko gives
    ("tuki" → tukea, tukkia, tuki), the word and its stem when voikko does not know it, the
    stem in Swedish and English. Empty for a stop word."""
    language: Language = lang if lang in LANGUAGES else "en"  # type: ignore[assignment]
    tokens = tokenise(word)
    if len(tokens) != 1 or tokens[0] in STOP_WORDS[language]:
        return ()
    token = tokens[0]
    if language == "fi":
        if token.isdigit():
            return (token,)
        return _voikko_lemmas(token) or _fallback_terms(token)
    if language == "sv":
        return _swedish_stems(token)
    return (_stem(token, lang=language),)


def clear_caches() -> None:
    """Forget cached word analyses (tests, or after the dictionary changes)."""
    for cached in (
        _voikko_terms,
        _voikko_lemmas,
        _fallback_terms,
        _swedish_word_terms,
        _english_word_terms,
    ):
        cached.cache_clear()
