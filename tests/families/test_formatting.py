"""Distances as people say them, in their language. (Ages: tests/network/test_labels.py.)"""

from django.utils import translation

from perhekeskus.families.formatting import distance_label


def test_distances_are_rounded_as_people_read_them():
    with translation.override("fi"):
        assert distance_label(0.347) == "350 m"
        assert distance_label(2.44) == "2,4 km"
        assert distance_label(18.6) == "19 km"
    with translation.override("en"):
        assert distance_label(2.44) == "2.4 km"
