"""The words families use, mapped to the service types that would help them.

Two sources: the service types' own names in fi/sv/en (from the database), and
`data/lexicon.csv` — everyday words, synonyms and situations ("lastenvalvoja", "päivähoito",
"dagis", "daycare", "rahahuolet") with the types they point to and how strongly.

A phrase matches a query when each of its words' main terms (a lemma or a stem, not the parts
of a compound) is among the query's terms: "lastenvalvojalle" matches "lastenvalvoja",
"avoimeen päiväkotiin" matches "avoin päiväkoti".
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from perhekeskus.search.analysis import LANGUAGES, analyse, tokenise

LEXICON_FILE = Path(__file__).resolve().parent / "data" / "lexicon.csv"
# A service type's own name is as strong a hint as a word can be.
TYPE_NAME_WEIGHT = 1.0


@dataclass(frozen=True)
class Phrase:
    """Terms that must all be present, and the service types they suggest with a weight."""

    terms: frozenset[str]
    types: tuple[str, ...]
    weight: float
    text: str


def main_terms(phrase: str, *, lang: str) -> frozenset[str]:
    """The main term of each word of a phrase (its first lemma or stem)."""
    terms: set[str] = set()
    for word in tokenise(phrase):
        analysed = analyse(word, lang=lang)
        if analysed:
            terms.add(analysed[0])
    return frozenset(terms)


class Lexicon:
    """Phrases of one language, found by each of their terms."""

    def __init__(self, phrases: Iterable[Phrase]) -> None:
        self._by_term: dict[str, list[Phrase]] = defaultdict(list)
        for phrase in phrases:
            for term in phrase.terms:
                self._by_term[term].append(phrase)

    def terms(self) -> set[str]:
        return set(self._by_term)

    def knows(self, term: str) -> bool:
        return term in self._by_term

    def matches(self, terms: Iterable[str]) -> list[Phrase]:
        """Phrases all of whose terms are in `terms`; the longest first."""
        present = set(terms)
        found: dict[int, Phrase] = {}
        for term in present:
            for phrase in self._by_term.get(term, ()):
                if phrase.terms <= present:
                    found[id(phrase)] = phrase
        return sorted(found.values(), key=lambda phrase: -len(phrase.terms))


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
                terms = main_terms(name, lang=lang)
                if terms:
                    phrases[lang].append(Phrase(terms, (code,), TYPE_NAME_WEIGHT, name))
    for row in lexicon_rows(path):
        row_lang = row["lang"].strip()
        if row_lang not in phrases:
            continue
        terms = main_terms(row["phrase"], lang=row_lang)
        types = tuple(row["types"].split())
        if terms and types:
            weight = float(row.get("weight") or 1.0)
            phrases[row_lang].append(Phrase(terms, types, weight, row["phrase"].strip()))
    return {lang: Lexicon(items) for lang, items in phrases.items()}


def _name_variants(name: str) -> list[str]:
    head, _sep, rest = name.partition("(")
    variants = [head.strip()]
    variants += [part.strip() for part in rest.rstrip(")").split("/") if part.strip()]
    return [variant for variant in variants if variant]
