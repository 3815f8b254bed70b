"""Ages and languages as families read them, the same on a search result, a calendar and a
brochure: months below two years, whole years from there, pregnancy for negative months."""

import pytest
from django.utils import translation

from perhekeskus.network.labels import age_label, age_range_label, language_name, language_names


@pytest.mark.parametrize(
    ("language", "ages", "label"),
    [
        ("fi", (0, 72), "0–6 v"),
        ("fi", (0, 83), "0–6 v"),
        ("fi", (0, 11), "0–11 kk"),
        ("fi", (6, 72), "6 kk – 6 v"),
        ("fi", (24, 35), "2 v"),
        ("fi", (-9, -1), "raskausaika"),
        ("fi", (-3, 12), "raskausaika – 12 kk"),
        ("fi", (-9, 83), "raskausaika – 6 v"),
        ("fi", (None, 83), "enintään 6 v"),
        ("fi", (18, None), "alkaen 18 kk"),
        ("fi", (156, 360), "alkaen 13 v"),
        ("fi", (0, None), "alkaen syntymästä"),
        ("fi", (-3, None), "alkaen raskausajasta"),
        ("fi", (None, None), "kaikenikäisille"),
        ("fi", (-9, 360), "kaikenikäisille"),
        ("sv", (0, 72), "0–6 år"),
        ("sv", (0, 83), "0–6 år"),
        ("sv", (0, 11), "0–11 mån."),
        ("sv", (6, 72), "6 mån. – 6 år"),
        ("sv", (-9, -1), "graviditet"),
        ("sv", (-9, 83), "graviditet – 6 år"),
        ("sv", (None, 83), "upp till 6 år"),
        ("sv", (156, None), "från 13 år"),
        ("sv", (None, None), "alla åldrar"),
        ("en", (0, 72), "0–6 years"),
        ("en", (36, 83), "3–6 years"),
        ("en", (0, 83), "0–6 years"),
        ("en", (0, 11), "0–11 months"),
        ("en", (6, 35), "6 months – 2 years"),
        ("en", (156, 359), "13–29 years"),
        ("en", (24, 35), "2 years"),
        ("en", (-9, -1), "pregnancy"),
        ("en", (-9, 83), "pregnancy – 6 years"),
        ("en", (None, 83), "up to 6 years"),
        ("en", (36, None), "from 3 years"),
        ("en", (-3, None), "from pregnancy"),
        ("en", (None, None), "all ages"),
    ],
)
def test_age_ranges_read_the_same_everywhere(language, ages, label):
    with translation.override(language):
        assert age_range_label(*ages) == label


def test_a_filter_names_single_ages_in_full_words():
    with translation.override("fi"):
        assert [age_label(m) for m in (-3, 1, 6, 18, 48)] == [
            "raskausaika",
            "1 kuukausi",
            "6 kuukautta",
            "18 kuukautta",
            "4 vuotta",
        ]
    with translation.override("sv"):
        assert [age_label(m) for m in (-3, 1, 7, 48)] == [
            "graviditet",
            "1 månad",
            "7 månader",
            "4 år",
        ]
    with translation.override("en"):
        assert [age_label(m) for m in (-3, 1, 7, 48)] == [
            "pregnancy",
            "1 month",
            "7 months",
            "4 years",
        ]


def test_languages_are_named_in_the_readers_language():
    with translation.override("fi"):
        assert language_names(["fi", "sv", "en", "fse"]) == (
            "suomi, ruotsi, englanti, suomalainen viittomakieli"
        )
    with translation.override("sv"):
        assert language_names(["fi", "sv", "ar"]) == "finska, svenska, arabiska"
    with translation.override("en"):
        assert language_names(["fi", "se"]) == "Finnish, Northern Sami"


def test_a_language_missing_from_the_list_gets_a_name_or_stays_a_code():
    with translation.override("fi"):
        assert language_name("hu") == "unkari"
        assert language_name("xx") == "xx"
        assert language_names(["fi", None, 7, "xx"]) == "suomi, xx"
