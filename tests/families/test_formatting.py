"""Ages and distances as people say them, in their language."""

import pytest
from django.utils import translation

from perhekeskus.families.formatting import age_range_label, distance_label


@pytest.mark.parametrize(
    ("low", "high", "said"),
    [
        (None, None, "all ages"),
        (-9, -1, "pregnancy"),
        (-9, 83, "pregnancy – 6 years"),
        (0, 83, "0–6 years"),
        (0, 11, "0–11 months"),
        (6, 35, "6 months – 2 years"),
        (156, 359, "13–29 years"),
        (None, 83, "up to 6 years"),
        (36, None, "from 3 years"),
        (-3, None, "from pregnancy on"),
        (24, 35, "2 years"),
    ],
)
def test_age_ranges_in_english(low, high, said):
    with translation.override("en"):
        assert age_range_label(low, high) == said


def test_age_ranges_in_finnish_and_swedish():
    with translation.override("fi"):
        assert age_range_label(0, 83) == "0–6 vuotta"
        assert age_range_label(-9, -1) == "raskausaika"
        assert age_range_label(0, 11) == "0–11 kuukautta"
    with translation.override("sv"):
        assert age_range_label(0, 83) == "0–6 år"
        assert age_range_label(None, None) == "alla åldrar"


def test_distances_are_rounded_as_people_read_them():
    with translation.override("fi"):
        assert distance_label(0.347) == "350 m"
        assert distance_label(2.44) == "2,4 km"
        assert distance_label(18.6) == "19 km"
    with translation.override("en"):
        assert distance_label(2.44) == "2.4 km"
