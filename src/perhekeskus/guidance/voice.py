"""Who is writing: a young person about their own life, or a parent about their family.

"Isä lyö mua", "har inga kompisar", "my parents threw me out": a young person needs the help
young people get (youth services, the school nurse, child protection, helplines for the young),
not the help for parents of the same worry. The cues are data (`data/voice.csv`): a young
person's own family and school life (siblings, friends, a girlfriend, "my parents", a step-
parent; mum and dad and school count half), a parent's (a child, a baby, a partner, pregnancy),
and a young person's stated age ("oon vast 16", "jag är 15", "i'm only 14").

A text is a young person's when its young cues add up to at least 1 and it has no parent
cue, or when the writer states an age of 12–19. A phrase inside a longer one gives way to it
("baby brother" is a sibling, not a baby). Ages the family gives in the form make it a parent.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from perhekeskus.search.analysis import LANGUAGES, tokenise, word_lemmas

DATA_DIR = Path(__file__).resolve().parent / "data"
VOICE_CSV = DATA_DIR / "voice.csv"
YOUNG = "young"
PARENT = "parent"
YOUNG_FROM = 1.0

# "olen vasta 16", "jag är bara 15", "i'm only 14" (in the standardised text).
STATED_AGE = {
    "fi": re.compile(r"\b(?:olen|vasta|vain|täytän) 1[2-9]\b"),
    "sv": re.compile(r"\b(?:jag är|bara|fyller) 1[2-9]\b"),
    "en": re.compile(r"\b(?:i m|im|i am|only|just turned) 1[2-9]\b"),
}


# A writer's own first-person object ("isä lyö mua", "slår mig", "hits me") counts half.
FIRST_PERSON = {
    "fi": frozenset({"minua", "minut", "minulle", "minulta", "minuun", "mua", "mut", "mulle"}),
    "sv": frozenset({"mig", "mej"}),
    "en": frozenset({"me"}),
}
FIRST_PERSON_WEIGHT = 0.5


@dataclass(frozen=True)
class Cue:
    words: tuple[frozenset[str], ...]
    voice: str
    weight: float


def _readings(word: str, lang: str) -> frozenset[str]:
    """A word as written and its lemmas or stems, stop words included: "mun äiti" (my mum)
    is a young person's cue, "äiti ja mun" is not."""
    return frozenset({word, *word_lemmas(word, lang=lang)})


@lru_cache(maxsize=1)
def _cues() -> dict[str, tuple[Cue, ...]]:
    """The cues of each language, the longest first."""
    cues: dict[str, list[Cue]] = {lang: [] for lang in LANGUAGES}
    if VOICE_CSV.exists():
        with VOICE_CSV.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                lang, voice = row["lang"].strip(), row["voice"].strip()
                if lang not in cues or voice not in (YOUNG, PARENT):
                    continue
                for text in row["words"].split(";"):
                    words = tuple(_readings(word, lang) for word in tokenise(text))
                    if words:
                        cues[lang].append(Cue(words, voice, float(row["weight"])))
    return {
        lang: tuple(sorted(items, key=lambda cue: -len(cue.words))) for lang, items in cues.items()
    }


def young_voice(text: str, standard_text: str, lang: str) -> bool:
    """Whether a text (as written, and in standard forms, see `spoken.standardise`) is a
    young person's own. The words of a cue match in their order with at most one word
    between them ("baby brother", "heitettiin kotoa pihalle"), and a word already taken by a
    longer cue is not read again ("big brother is jealous of the baby" has a baby)."""
    if lang not in STATED_AGE:
        return False
    if STATED_AGE[lang].search(standard_text):
        return True
    readings = [_readings(word, lang) for word in tokenise(standard_text)]
    taken = [False] * len(readings)
    young = 0.0
    for cue in _cues()[lang]:
        for span in _spans(cue.words, readings):
            if any(taken[i] for i in span):
                continue
            if cue.voice == PARENT:
                return False
            young += cue.weight
            for i in span:
                taken[i] = True
    written = set(tokenise(text)) | set(tokenise(standard_text))
    if not written.isdisjoint(FIRST_PERSON[lang]):
        young += FIRST_PERSON_WEIGHT
    return young >= YOUNG_FROM


def _spans(words: tuple[frozenset[str], ...], readings: list[frozenset[str]]) -> list[list[int]]:
    """Where the words of a cue stand in the text in their order, at most one word apart."""
    spans = []
    for start, found in enumerate(readings):
        if not words[0] & found:
            continue
        span = [start]
        for word in words[1:]:
            following = [
                i
                for i in range(span[-1] + 1, min(span[-1] + 3, len(readings)))
                if word & readings[i]
            ]
            if not following:
                break
            span.append(following[0])
        else:
            spans.append(span)
    return spans


def voice_reset() -> None:
    """Forget cached data (tests)."""
    _cues.cache_clear()
