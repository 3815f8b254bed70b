"""Valid personal identity codes for tests, made by the rule as the Digital and Population Data
Services Agency publishes it, written here again rather than borrowed from the code under test:
the check character is the remainder of the nine digits DDMMYYZZZ divided by 31, looked up in
0123456789ABCDEFHJKLMNPRSTUVWXY."""

from datetime import date

SIGNS_BY_CENTURY = {1800: "+", 1900: "-YXWVU", 2000: "ABCDEF"}
# The agency's own example, 13 October 1952.
OFFICIAL_EXAMPLE = "131052-308T"


def code_for(born: date, individual: int, sign: str | None = None) -> str:
    """The code of someone born on `born` with this individual number (and century sign)."""
    sign = sign or SIGNS_BY_CENTURY[born.year // 100 * 100][0]
    assert sign in SIGNS_BY_CENTURY[born.year // 100 * 100], (sign, born)
    digits = f"{born:%d%m}{born.year % 100:02d}{individual:03d}"
    remainder = int(digits) % 31
    check = "0123456789ABCDEFHJKLMNPRSTUVWXY"[remainder]
    return f"{digits[:6]}{sign}{digits[6:]}{check}"
