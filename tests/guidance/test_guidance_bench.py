"""The guidance benchmark: its written situations and the scores it gives."""

import csv
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

from perhekeskus.guidance.bench import (
    KINDS,
    Outcome,
    Situation,
    cycled,
    hit_within,
    quality_summarise,
    situations_load,
    urgent_detection,
)
from perhekeskus.search.bench import LANGS

ROOT = Path(__file__).resolve().parents[2]
SITUATIONS = ROOT / "bench" / "queries" / "guidance.csv"
SERVICE_TYPES = ROOT / "src" / "perhekeskus" / "network" / "data" / "service_types.csv"


def known_type_codes() -> set[str]:
    with SERVICE_TYPES.open(encoding="utf-8") as file:
        return {row["code"] for row in csv.DictReader(file)}


# --- The situations -----------------------------------------------------------------------------


def test_the_set_has_enough_situations_in_each_language():
    situations = situations_load(SITUATIONS)
    per_lang = Counter(s.lang for s in situations)

    assert len(situations) >= 150
    assert set(per_lang) == set(LANGS)
    assert all(count >= 40 for count in per_lang.values()), per_lang


def test_every_situation_names_known_kinds_of_help_and_a_known_kind():
    codes = known_type_codes()
    for situation in situations_load(SITUATIONS):
        assert situation.text, situation
        assert situation.types, situation
        assert set(situation.types) <= codes, situation
        assert situation.kind in KINDS, situation


def test_urgent_is_written_as_yes_or_no_and_urgent_situations_are_marked_urgent():
    with SITUATIONS.open(encoding="utf-8") as file:
        assert {row["urgent"] for row in csv.DictReader(file)} == {"yes", "no"}
    for situation in situations_load(SITUATIONS):
        if situation.kind == "urgent":
            assert situation.urgent, situation


def test_every_kind_is_described_in_every_language_with_and_without_urgent_danger():
    situations = situations_load(SITUATIONS)
    kinds = Counter((s.lang, s.kind) for s in situations)
    for lang in LANGS:
        # Calm look-alikes of danger are the later test set's own kind.
        for kind in set(KINDS) - {"near_danger"}:
            assert kinds[lang, kind] >= 5, (lang, kind)
        urgent = Counter(s.urgent for s in situations if s.lang == lang)
        assert urgent[True] >= 10 and urgent[False] >= 40, (lang, urgent)


def test_a_situation_is_not_written_twice():
    texts = Counter((s.lang, s.text.casefold()) for s in situations_load(SITUATIONS))

    assert [text for text, count in texts.items() if count > 1] == []


def test_a_wrong_urgent_value_is_refused(tmp_path):
    path = tmp_path / "situations.csv"
    path.write_text(
        "lang,text,types,urgent,kind,age_months\n"
        "fi,vauva ei nuku,child_health_clinic,maybe,plain,\n",
        encoding="utf-8",
    )

    with pytest.raises(ValueError, match="line 2"):
        situations_load(path)


def test_a_situation_asks_the_api_with_its_words_language_and_age():
    situation = Situation(
        "fi", "vauva ei nuku & mä oon poikki", ("family_work",), False, "plain", 5
    )

    url = urlsplit(situation.api_path())

    assert url.path == "/api/v1/guidance"
    assert parse_qsl(url.query) == [
        ("text", "vauva ei nuku & mä oon poikki"),
        ("lang", "fi"),
        ("age_months", "5"),
    ]


def test_the_speed_run_goes_round_the_set():
    a, b = (Situation("en", t, ("helpline",), False, "plain") for t in ("a", "b"))

    assert cycled([a, b], 5) == [a, b, a, b, a]
    assert cycled([], 3) == []


# --- Scoring ------------------------------------------------------------------------------------


def test_a_hit_is_one_of_the_first_k_kinds_of_help_among_the_expected():
    expected = {"family_work", "home_help"}

    assert hit_within(["home_help", "meeting_place"], expected, 1)
    assert not hit_within(["meeting_place", "home_help"], expected, 1)
    assert hit_within(["meeting_place", "peer_support", "home_help"], expected, 3)
    assert not hit_within(["meeting_place", "peer_support", "helpline", "home_help"], expected, 3)
    assert not hit_within([], expected, 3)


def _situation(lang: str, kind: str, types: str, urgent: bool = False) -> Situation:
    return Situation(lang, f"{lang} {kind} {types}", tuple(types.split()), urgent, kind)


def test_scores_by_hand():
    baby = _situation("fi", "colloquial", "child_health_clinic family_work")
    money = _situation("fi", "plain", "financial_counselling")
    violence = _situation("sv", "urgent", "domestic_violence_services helpline", urgent=True)
    teen = _situation("en", "young_person", "youth_mental_health", urgent=True)
    outcomes = [
        # Right first: a top-1 and top-3 hit.
        Outcome(baby, ("family_work", "meeting_place"), ("baby_sleep",)),
        # Right third: a top-3 hit only, and called urgent without urgent danger.
        Outcome(money, ("meeting_place", "helpline", "financial_counselling"), urgent=True),
        # Urgent danger seen, right kind of help second.
        Outcome(violence, ("crisis_support", "helpline"), ("domestic_violence",), urgent=True),
        # Nothing right, urgent danger missed.
        Outcome(teen, ("youth_services", "culture_and_leisure", "peer_support", "helpline")),
    ]

    summary = quality_summarise(outcomes)

    assert summary["overall"] == {"situations": 4, "top_1": 0.25, "top_3": 0.75}
    assert summary["by_lang"] == {
        "fi": {"situations": 2, "top_1": 0.5, "top_3": 1.0},
        "sv": {"situations": 1, "top_1": 0.0, "top_3": 1.0},
        "en": {"situations": 1, "top_1": 0.0, "top_3": 0.0},
    }
    assert list(summary["by_kind"]) == ["plain", "colloquial", "urgent", "young_person"]
    assert summary["by_kind"]["colloquial"] == {"situations": 1, "top_1": 1.0, "top_3": 1.0}
    # Two called urgent, one rightly; two urgent situations, one seen.
    assert summary["urgent"] == {
        "urgent_situations": 2,
        "said_urgent": 2,
        "right": 1,
        "precision": 0.5,
        "recall": 0.5,
    }
    assert [f["text"] for f in summary["failing"]] == [teen.text]
    assert summary["failing"][0]["top_3"] == [
        "youth_services",
        "culture_and_leisure",
        "peer_support",
    ]
    assert [f["text"] for f in summary["urgent_missed"]] == [teen.text]
    assert [f["text"] for f in summary["urgent_false_alarms"]] == [money.text]


def test_urgent_precision_is_unknown_when_nothing_is_called_urgent():
    calm = _situation("fi", "plain", "meeting_place")

    assert urgent_detection([Outcome(calm, ("meeting_place",))]) == {
        "urgent_situations": 0,
        "said_urgent": 0,
        "right": 0,
        "precision": None,
        "recall": None,
    }


def test_a_refused_situation_counts_as_a_miss_with_its_error():
    calm = _situation("en", "plain", "meeting_place")

    summary = quality_summarise([Outcome(calm, (), error="InvalidInput {'text': '...'}")])

    assert summary["overall"]["top_3"] == 0.0
    assert summary["failing"][0]["error"].startswith("InvalidInput")


def test_the_test_set_holds_danger_and_its_calm_look_alikes_in_every_language():
    situations = situations_load(SITUATIONS.parent / "guidance-test.csv")
    codes = known_type_codes()
    assert all(s.kind in KINDS and set(s.types) <= codes for s in situations)
    for lang in LANGS:
        kinds = Counter(s.kind for s in situations if s.lang == lang)
        assert kinds["urgent"] >= 20 and kinds["near_danger"] >= 10, (lang, kinds)
        assert all(s.urgent == (s.kind == "urgent") for s in situations if s.lang == lang)
