"""Slowing down guessing at the professionals' login: after a few wrong passwords or wrong codes
for one username, that username must wait before trying again.

Counted per username (hashed, so the cache holds no names) and never per address: the login
stores no IP address. The counter lives in the cache; with several nodes the cache must be
shared (e.g. Redis), or each node counts on its own.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

PASSWORD = "password"
CODE = "code"


def failures_allowed() -> int:
    return int(getattr(settings, "PERHEKESKUS_STAFF_LOGIN_FAILURES", 5))


def lock_minutes() -> int:
    return int(getattr(settings, "PERHEKESKUS_STAFF_LOGIN_LOCK_MINUTES", 5))


def _key(kind: str, username: str) -> str:
    digest = hashlib.sha256(username.strip().casefold().encode()).hexdigest()
    return f"perhekeskus:staff-login:{kind}:{digest}"


def is_locked(kind: str, username: str) -> bool:
    """Too many failures lately: refuse without even checking the password or the code."""
    return int(cache.get(_key(kind, username), 0)) >= failures_allowed()


def failure_record(kind: str, username: str) -> None:
    """One more failure; the count is forgotten `lock_minutes` after the latest one."""
    key, timeout = _key(kind, username), lock_minutes() * 60
    if not cache.add(key, 1, timeout):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout)
        cache.touch(key, timeout)


def failures_clear(kind: str, username: str) -> None:
    """A success wipes the slate: a professional who mistypes now and then is never locked."""
    cache.delete(_key(kind, username))
