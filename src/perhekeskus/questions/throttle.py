"""Slowing down the guessing of codes without knowing who guesses.

Every wrong, malformed or purged code counts in one site-wide counter per minute, kept in the
cache; no address, cookie or fingerprint is read. Each wrong code waits
`min(max, base * 2 ** (recent // step))` seconds, where `recent` counts the wrong codes of this
minute and the last: a person who mistypes a code waits a quarter of a second, a guessing run
soon waits seconds per try. With several processes the counter needs a shared cache (CACHES).

Settings: PERHEKESKUS_CODE_DELAY_BASE_SECONDS (0.25), PERHEKESKUS_CODE_DELAY_MAX_SECONDS (5),
PERHEKESKUS_CODE_DELAY_STEP (10 wrong codes per doubling).
"""

import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache

KEY = "questions:wrong-codes:{minute}"

# Replaced in tests, which assert how long a wrong code would wait.
sleep: Callable[[float], None] = time.sleep


def _minute() -> int:
    return int(time.time() // 60)


def recent_wrong() -> int:
    """Wrong codes given in this minute and the last, site-wide."""
    minute = _minute()
    found = cache.get_many([KEY.format(minute=minute), KEY.format(minute=minute - 1)])
    return sum(int(value) for value in found.values())


def delay_for(recent: int) -> float:
    base = float(getattr(settings, "PERHEKESKUS_CODE_DELAY_BASE_SECONDS", 0.25))
    most = float(getattr(settings, "PERHEKESKUS_CODE_DELAY_MAX_SECONDS", 5.0))
    step = max(1, int(getattr(settings, "PERHEKESKUS_CODE_DELAY_STEP", 10)))
    # The exponent is capped so that a long run cannot overflow the float.
    return min(most, base * 2 ** min(recent // step, 64))


def _count() -> None:
    key = KEY.format(minute=_minute())
    cache.add(key, 0, timeout=150)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=150)


def wrong_code() -> float:
    """Count one wrong code and wait; returns the seconds waited."""
    delay = delay_for(recent_wrong())
    _count()
    if delay > 0:
        sleep(delay)
    return delay


def reset() -> None:
    """Forget the recent wrong codes (tests, or an operator after an attack has ended)."""
    minute = _minute()
    cache.delete_many([KEY.format(minute=minute), KEY.format(minute=minute - 1)])
