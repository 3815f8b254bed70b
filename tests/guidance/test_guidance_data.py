"""The guidance vocabulary: the needs families bring to a family centre, in their own words in
Finnish, Swedish and English, lead to the right kinds of help; signs of urgent danger first show
real emergency and crisis numbers. These tests read the data files only and need no database.
"""

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

from perhekeskus.inbox.topics import topic_codes
from perhekeskus.network.reference_data import SERVICE_TYPES_CSV, read_csv
from perhekeskus.search.analysis import LANGUAGES, analyse

DATA_DIR = Path(__file__).resolve().parents[2] / "src" / "perhekeskus" / "guidance" / "data"
NEEDS_CSV = DATA_DIR / "needs.csv"
URGENT_HELP_CSV = DATA_DIR / "urgent_help.csv"
SPOKEN_CSV = DATA_DIR / "spoken.csv"
VOICE_CSV = DATA_DIR / "voice.csv"

NEEDS_HEADER = [
    "code",
    "types",
    "types_young",
    "urgent",
    "topic",
    "meeting_places",
    *(f"label_{lang}" for lang in LANGUAGES),
    *(f"description_{lang}" for lang in LANGUAGES),
    *(f"words_{lang}" for lang in LANGUAGES),
]
URGENT_HELP_HEADER = [
    "code",
    "kinds",
    "phone",
    "url",
    *(f"name_{lang}" for lang in LANGUAGES),
    *(f"hours_{lang}" for lang in LANGUAGES),
    *(f"note_{lang}" for lang in LANGUAGES),
]
MIN_ANALYSABLE_PHRASES = 5
MIN_URGENT_HELPS = 2
# The signs of urgent danger named in the issue: violence, a child in danger, suicide.
MUST_BE_URGENT = {"domestic_violence", "child_in_danger", "suicidal_thoughts"}
CODE = re.compile(r"^[a-z][a-z0-9_]*$")
# 112, 116 xxx (harmonised European numbers), 0800 (free) or an area code: 09 2525 0111.
FINNISH_PHONE = re.compile(r"^(112|116 ?\d{3}|0\d{1,3}( ?\d{2,4}){1,3})$")


def _header(path: Path) -> list[str]:
    with open(path, encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle))


NEEDS = list(read_csv(NEEDS_CSV))
URGENT_HELPS = list(read_csv(URGENT_HELP_CSV))
NEED_CODES = [need["code"] for need in NEEDS]
URGENT_NEEDS = [need["code"] for need in NEEDS if need["urgent"] == "yes"]


def _phrases(field: str) -> list[str]:
    return [phrase.strip() for phrase in field.split(";") if phrase.strip()]


# --- Needs ------------------------------------------------------------------------------------


def test_needs_file_has_the_agreed_columns() -> None:
    assert _header(NEEDS_CSV) == NEEDS_HEADER


def test_the_vocabulary_covers_the_needs_families_bring() -> None:
    assert 45 <= len(NEEDS) <= 70


def test_each_need_has_one_stable_code() -> None:
    assert all(CODE.match(code) for code in NEED_CODES), NEED_CODES
    duplicates = [code for code, count in Counter(NEED_CODES).items() if count > 1]
    assert duplicates == []


def test_each_need_leads_to_known_service_types() -> None:
    known = {row["code"] for row in read_csv(SERVICE_TYPES_CSV)}
    for need in NEEDS:
        types = need["types"].split()
        assert types, f"{need['code']} leads nowhere"
        assert set(types) <= known, f"{need['code']}: unknown {set(types) - known}"
        assert len(types) == len(set(types)), f"{need['code']} repeats a type"


def test_a_young_persons_kinds_of_help_are_known_service_types() -> None:
    known = {row["code"] for row in read_csv(SERVICE_TYPES_CSV)}
    for need in NEEDS:
        young = need["types_young"].split()
        assert set(young) <= known, f"{need['code']}: unknown {set(young) - known}"
        assert len(young) == len(set(young)), f"{need['code']} repeats a type"


def test_each_need_names_a_question_topic_and_whether_meeting_places_help() -> None:
    topics = set(topic_codes())
    for need in NEEDS:
        assert need["topic"] in topics, (need["code"], need["topic"])
        assert need["meeting_places"] in {"yes", "no"}, need["code"]
    assert {n["code"] for n in NEEDS if n["meeting_places"] == "yes"} >= {
        "loneliness",
        "meeting_places",
        "peer_groups",
        "baby_sleep",
    }
    assert all(n["meeting_places"] == "no" for n in NEEDS if n["urgent"] == "yes")


def test_every_service_type_is_reached_by_some_need() -> None:
    known = {row["code"] for row in read_csv(SERVICE_TYPES_CSV)}
    reached = {code for need in NEEDS for code in need["types"].split()}
    assert known - reached == set()


def test_urgent_is_yes_or_no() -> None:
    assert {need["urgent"] for need in NEEDS} <= {"yes", "no"}


def test_violence_a_child_in_danger_and_suicide_are_urgent() -> None:
    assert set(URGENT_NEEDS) >= MUST_BE_URGENT


@pytest.mark.parametrize("need", NEEDS, ids=NEED_CODES)
def test_each_need_is_told_in_all_three_languages(need: dict[str, str]) -> None:
    for lang in LANGUAGES:
        assert need[f"label_{lang}"].strip(), f"label_{lang}"
        assert len(need[f"label_{lang}"]) <= 80, f"label_{lang} is not short"
        assert need[f"description_{lang}"].strip(), f"description_{lang}"
        assert need[f"words_{lang}"].strip(), f"words_{lang}"


@pytest.mark.parametrize("need", NEEDS, ids=NEED_CODES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_need_has_everyday_words_that_search_understands(
    need: dict[str, str], lang: str
) -> None:
    phrases = _phrases(need[f"words_{lang}"])
    analysable = [phrase for phrase in phrases if analyse(phrase, lang=lang)]
    assert len(analysable) >= MIN_ANALYSABLE_PHRASES, (need["code"], lang, phrases)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_need_is_found_by_its_own_description(lang: str) -> None:
    """The description is the family's own words: it shares terms with the need's words."""
    for need in NEEDS:
        description = set(analyse(need[f"description_{lang}"], lang=lang))
        phrases = _phrases(need[f"words_{lang}"])
        words = {term for phrase in phrases for term in analyse(phrase, lang=lang)}
        assert description & words, (need["code"], lang)


# --- Spoken forms and voice cues -------------------------------------------------------------


def test_spoken_forms_file_has_its_columns_and_known_languages() -> None:
    assert _header(SPOKEN_CSV) == ["lang", "spoken", "standard"]
    rows = list(read_csv(SPOKEN_CSV))
    assert {row["lang"] for row in rows} == set(LANGUAGES)
    assert all(row["spoken"].strip() and row["standard"].strip() for row in rows)
    spoken = Counter((row["lang"], row["spoken"].casefold()) for row in rows)
    assert [form for form, count in spoken.items() if count > 1] == []
    # One word each: a text is put in standard forms word by word.
    assert all(" " not in row["spoken"].strip() for row in rows)


def test_voice_cues_file_has_its_columns_and_both_voices_in_each_language() -> None:
    assert _header(VOICE_CSV) == ["lang", "voice", "weight", "words"]
    rows = list(read_csv(VOICE_CSV))
    for lang in LANGUAGES:
        voices = {row["voice"] for row in rows if row["lang"] == lang}
        assert voices == {"young", "parent"}, (lang, voices)
    assert all(0 < float(row["weight"]) <= 1 for row in rows)


# --- Urgent help ------------------------------------------------------------------------------


def test_urgent_help_file_has_the_agreed_columns() -> None:
    assert _header(URGENT_HELP_CSV) == URGENT_HELP_HEADER


def test_urgent_help_codes_are_unique() -> None:
    codes = [help_["code"] for help_ in URGENT_HELPS]
    assert all(CODE.match(code) for code in codes)
    assert len(codes) == len(set(codes))


def test_the_emergency_number_112_is_shown_for_every_urgent_need() -> None:
    emergency = [help_ for help_ in URGENT_HELPS if help_["phone"] == "112"]
    assert emergency, "112 is missing"
    assert emergency[0]["kinds"] == "all"


@pytest.mark.parametrize("help_", URGENT_HELPS, ids=lambda help_: help_["code"])
def test_each_urgent_help_can_be_reached(help_: dict[str, str]) -> None:
    assert help_["phone"] or help_["url"], "neither a phone number nor an address"
    if help_["phone"]:
        assert FINNISH_PHONE.match(help_["phone"]), help_["phone"]
    if help_["url"]:
        assert help_["url"].startswith("https://"), help_["url"]


@pytest.mark.parametrize("help_", URGENT_HELPS, ids=lambda help_: help_["code"])
def test_each_urgent_help_is_told_in_all_three_languages(help_: dict[str, str]) -> None:
    for field in ("name", "hours", "note"):
        for lang in LANGUAGES:
            assert help_[f"{field}_{lang}"].strip(), f"{field}_{lang}"


@pytest.mark.parametrize("help_", URGENT_HELPS, ids=lambda help_: help_["code"])
def test_each_urgent_help_is_for_known_needs(help_: dict[str, str]) -> None:
    kinds = help_["kinds"].split()
    assert kinds
    assert kinds == ["all"] or set(kinds) <= set(NEED_CODES), kinds


@pytest.mark.parametrize("code", URGENT_NEEDS)
def test_every_urgent_need_shows_at_least_two_emergency_helps(code: str) -> None:
    helps = [
        help_["code"]
        for help_ in URGENT_HELPS
        if help_["kinds"] == "all" or code in help_["kinds"].split()
    ]
    assert len(helps) >= MIN_URGENT_HELPS, (code, helps)
