"""The words families use, mapped to the service types that would help them.

Two sources: the service types' own names in fi/sv/en (from the database), and
`data/lexicon.csv` — everyday words, synonyms and situations ("lastenvalvoja", "päivähoito",
"dagis", "daycare", "rahahuolet") with the types they point to and how strongly.

A phrase matches a query when one reading of each of its words (a lemma or a stem, not the
parts of a compound) is among the query's terms: "lastenvalvojalle" matches "lastenvalvoja",
"avoimeen päiväkotiin" matches "avoin päiväkoti", "tukea" matches "tuki".
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from perhekeskus.search.analysis import LANGUAGES, tokenise, word_lemmas

LEXICON_FILE = Path(__file__).resolve().parent / "data" / "lexicon.csv"
# A service type's own name is as strong a hint as a word can be.
TYPE_NAME_WEIGHT = 1.0


@dataclass(frozen=True)
class Phrase:
    """Words that must all be present (each by one of its readings), and the service types
    they suggest with a weight."""

    words: tuple[frozenset[str], ...]
    types: tuple[str, ...]
    weight: float
    text: str

    @property
    def terms(self) -> frozenset[str]:
        return frozenset().union(*self.words)

    def matched_terms(self, present: set[str]) -> frozenset[str] | None:
        """The query terms this phrase takes, or None when a word of it is missing."""
        taken: set[str] = set()
        for readings in self.words:
            found = readings & present
            if not found:
                return None
            taken |= found
        return frozenset(taken)


def phrase_words(phrase: str, *, lang: str) -> tuple[frozenset[str], ...]:
    """The readings of each word of a phrase; stop words drop out."""
    words = (frozenset(word_lemmas(word, lang=lang)) for word in tokenise(phrase))
    return tuple(readings for readings in words if readings)


class Lexicon:
    """Phrases of one language, found by each of their terms."""

    def __init__(self, phrases: Iterable[Phrase]) -> None:
        self._by_term: dict[str, list[Phrase]] = defaultdict(list)
        # The phrases' words as written: what a misspelt word is compared with.
        self.surfaces: set[str] = set()
        for phrase in phrases:
            for term in phrase.terms:
                self._by_term[term].append(phrase)
            self.surfaces.update(tokenise(phrase.text))

    def terms(self) -> set[str]:
        return set(self._by_term)

    def knows(self, term: str) -> bool:
        return term in self._by_term

    def matches(self, terms: Iterable[str]) -> list[tuple[Phrase, frozenset[str]]]:
        """Phrases whose every word is among `terms`, with the terms each takes; a phrase
        inside a longer one ("päiväkoti" in "avoin päiväkoti") gives way to it."""
        present = set(terms)
        found: dict[int, tuple[Phrase, frozenset[str]]] = {}
        for term in present:
            for phrase in self._by_term.get(term, ()):
                if id(phrase) not in found:
                    taken = phrase.matched_terms(present)
                    if taken is not None:
                        found[id(phrase)] = (phrase, taken)
        matched = list(found.values())
        return [
            (phrase, taken)
            for phrase, taken in matched
            if not any(taken < other for _other, other in matched)
        ]


def lexicon_rows(path: Path = LEXICON_FILE) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if (row.get("phrase") or "").strip()]


def lexicons_build(
    type_names: dict[str, dict[str, str]], *, path: Path = LEXICON_FILE
) -> dict[str, Lexicon]:
    """A lexicon for each language from `type_names` ({code: {lang: name}}) and the CSV."""
    phrases: dict[str, list[Phrase]] = {lang: [] for lang in LANGUAGES}
    for code, names in type_names.items():
        for lang in LANGUAGES:
            # "kohtaamispaikka (perhekahvila / avoin päiväkoti / perhekerho)": each part a name.
            for name in _name_variants(names.get(lang, "")):
                words = phrase_words(name, lang=lang)
                if words:
                    phrases[lang].append(Phrase(words, (code,), TYPE_NAME_WEIGHT, name))
    for row in lexicon_rows(path):
        row_lang = row["lang"].strip()
        if row_lang not in phrases:
            continue
        words = phrase_words(row["phrase"], lang=row_lang)
        types = tuple(row["types"].split())
        if words and types:
            weight = float(row.get("weight") or 1.0)
            phrases[row_lang].append(Phrase(words, types, weight, row["phrase"].strip()))
    return {lang: Lexicon(items) for lang, items in phrases.items()}


def _name_variants(name: str) -> list[str]:
    head, _sep, rest = name.partition("(")
    variants = [head.strip()]
    variants += [part.strip() for part in rest.rstrip(")").split("/") if part.strip()]
    return [variant for variant in variants if variant]
