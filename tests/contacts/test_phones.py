"""Phone numbers as families type them, stored in one form a professional can call."""

import pytest

from perhekeskus.contacts.phones import InvalidPhone, normalise_phone


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("040 123 4567", "+358401234567"),
        ("040-1234567", "+358401234567"),
        ("+358 40 123 4567", "+358401234567"),
        ("+358 (0)40 123 4567", "+358401234567"),
        ("00358 40 123 4567", "+358401234567"),
        ("09 816 31300", "+358981631300"),
        ("(09) 123 456", "+3589123456"),
        ("+46 70 123 45 67", "+46701234567"),
        ("0046 70 123 45 67", "+46701234567"),
    ],
)
def test_finnish_and_international_numbers_are_stored_in_international_form(typed, stored):
    assert normalise_phone(typed) == stored


@pytest.mark.parametrize(
    "typed", ["", "abc", "123", "040 12", "401234567", "+0 123 4567", "040 123 4567 ext 5"]
)
def test_what_cannot_be_called_is_refused(typed):
    with pytest.raises(InvalidPhone):
        normalise_phone(typed)
