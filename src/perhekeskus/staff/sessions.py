"""How long a logged-in session lives: it ends after PERHEKESKUS_STAFF_IDLE_MINUTES without a
request, and at the latest SESSION_COOKIE_AGE after the login, however busy.

Both moments are kept in the session itself as epoch seconds. The last activity is rewritten at
most once a minute, so that reading pages does not write the session on every request; the
idle limit is therefore exact to within that minute.
"""

import time

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase

STARTED_KEY = "perhekeskus_session_started"
LAST_ACTIVITY_KEY = "perhekeskus_last_activity"
RESOLUTION_SECONDS = 60


def idle_minutes() -> int:
    return int(settings.PERHEKESKUS_STAFF_IDLE_MINUTES)


def now_epoch() -> int:
    return int(time.time())


def session_start(session: SessionBase, *, now: int | None = None) -> None:
    """At login: the clock of the session's absolute age starts here."""
    now = now_epoch() if now is None else now
    session[STARTED_KEY] = now
    session[LAST_ACTIVITY_KEY] = now


def session_expired(session: SessionBase, *, now: int) -> bool:
    """Idle too long, or simply too old."""
    started = session.get(STARTED_KEY)
    last = session.get(LAST_ACTIVITY_KEY)
    if not isinstance(started, int) or not isinstance(last, int):
        return False
    return now - last > idle_minutes() * 60 or now - started > settings.SESSION_COOKIE_AGE


def session_touch(session: SessionBase, *, now: int) -> None:
    """A request came: the idle clock starts again (a session from before this middleware, or
    from the admin's own login, starts both clocks now)."""
    last = session.get(LAST_ACTIVITY_KEY)
    if not isinstance(session.get(STARTED_KEY), int) or not isinstance(last, int):
        session_start(session, now=now)
    elif now - last >= RESOLUTION_SECONDS:
        session[LAST_ACTIVITY_KEY] = now
