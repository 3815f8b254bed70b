"""Ages as families read them: years or months, pregnancy for negative months."""

import pytest
from django.utils import translation

from perhekeskus.programme.labels import age_choice_label, age_range_label


@pytest.mark.parametrize(
    ("language", "ages", "label"),
    [
        ("fi", (0, 72), "0–6 v"),
        ("fi", (0, 83), "0–6 v"),
        ("fi", (0, 11), "0–11 kk"),
        ("fi", (6, 72), "6 kk – 6 v"),
        ("fi", (-9, -1), "raskausaika"),
        ("fi", (-3, 12), "raskausaika – 12 kk"),
        ("fi", (18, None), "18 kk alkaen"),
        ("fi", (None, None), "kaikenikäisille"),
        ("sv", (0, 72), "0–6 år"),
        ("sv", (-9, -1), "graviditet"),
        ("sv", (6, 72), "6 mån. – 6 år"),
        ("en", (0, 72), "0–6 years"),
        ("en", (36, 83), "3–6 years"),
    ],
)
def test_age_ranges_read_naturally(language, ages, label):
    with translation.override(language):
        assert age_range_label(*ages) == label


def test_the_age_filter_names_single_ages():
    with translation.override("fi"):
        assert [age_choice_label(m) for m in (-3, 1, 6, 18, 48)] == [
            "raskausaika",
            "1 kuukausi",
            "6 kuukautta",
            "18 kuukautta",
            "4 vuotta",
        ]
