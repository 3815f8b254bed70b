"""Typo tolerance: the known terms nearest to an unknown word.

A symmetric-deletion index (as in SymSpell): every known term is stored under itself and each
string one deletion away; a query word looks up itself and its own deletions. That finds terms
one edit away (insertion, deletion, substitution, transposition) and many two edits away, and
the candidates are then checked with a true edit distance.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

MIN_WORD_LENGTH = 4
# Words this long may have two typos.
TWO_EDITS_FROM = 8


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def edit_distance(a: str, b: str, *, limit: int = 2) -> int:
    """Optimal string alignment distance (Damerau–Levenshtein without repeated edits of one
    substring), or `limit + 1` when it is over `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous_previous: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, start=1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous_previous[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous_previous, previous = previous, current
    return previous[-1]


def allowed_edits(word: str) -> int:
    if len(word) < MIN_WORD_LENGTH:
        return 0
    return 2 if len(word) >= TWO_EDITS_FROM else 1


class Corrector:
    """Nearest known terms of a vocabulary."""

    def __init__(self, terms: Iterable[str]) -> None:
        self._by_key: dict[str, list[str]] = defaultdict(list)
        for term in terms:
            if len(term) < MIN_WORD_LENGTH - 1 or not term.isalpha():
                continue
            self._by_key[term].append(term)
            for deleted in _deletions(term):
                self._by_key[deleted].append(term)

    def candidates(self, word: str) -> list[tuple[int, str]]:
        """(distance, term) of known terms within the allowed edits of `word`, nearest first."""
        limit = allowed_edits(word)
        if not limit:
            return []
        found: set[str] = set()
        for key in {word} | _deletions(word):
            found.update(self._by_key.get(key, ()))
        scored = [(edit_distance(word, term, limit=limit), term) for term in found]
        return sorted((distance, term) for distance, term in scored if distance <= limit)
