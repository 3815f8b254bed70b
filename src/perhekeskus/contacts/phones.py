"""Phone numbers as families type them ("040 123 4567", "+358 (0)40-123 4567", "0046 70 123 45
67"), checked and stored in one international form (E.164: "+358401234567"), so that a
professional can call it from any phone without guessing."""

import re

FINLAND = "358"
# Characters people put between digits; they carry no meaning.
_SEPARATORS = re.compile(r"[\s\-./()]")
# E.164: a country code that does not start with 0, at most 15 digits in all.
_E164 = re.compile(r"^\+[1-9]\d{6,14}$")


class InvalidPhone(ValueError):
    """Not a phone number one could call."""


def normalise_phone(text: str) -> str:
    """The number in E.164 form; raises InvalidPhone.

    A number that starts with 0 (but not 00) is Finnish: 040 123 4567 → +358401234567. A
    number written with a trunk zero after the country code ("+358 (0)40 …") loses the zero.
    """
    raw = text.strip().replace("(0)", "")
    compact = _SEPARATORS.sub("", raw)
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    elif compact.startswith("0"):
        national = compact[1:]
        # Finnish numbers are 5 to 12 digits after the leading zero (09 123 45 … 050 123 4567 8).
        if not national.isdigit() or not 5 <= len(national) <= 12:
            raise InvalidPhone(text)
        compact = f"+{FINLAND}{national}"
    if compact.startswith(f"+{FINLAND}0"):
        compact = f"+{FINLAND}{compact[len(FINLAND) + 2 :]}"
    if not _E164.match(compact):
        raise InvalidPhone(text)
    if compact.startswith(f"+{FINLAND}") and not 5 <= len(compact) - 4 <= 12:
        raise InvalidPhone(text)
    return compact
