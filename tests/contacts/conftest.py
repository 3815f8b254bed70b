"""A parent asking to be contacted: the form as a browser sends it."""

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from perhekeskus.public_forms import stamp_now

HELSINKI = ZoneInfo("Europe/Helsinki")
FI = "/fi/contact/"
SV = "/sv/contact/"


def contact_data(**changes: Any) -> dict[str, Any]:
    """What a parent in Espoo fills in: a first name, a phone number, times, and no messages."""
    data: dict[str, Any] = {
        "stamp": stamp_now(),
        "website": "",
        "topic": "parenting",
        "about": "Olen ihan väsynyt, vauva herää monta kertaa yössä.",
        "name": "Sanna",
        "phone": "040 123 4567",
        "email": "",
        "preferred_channel": "phone",
        "when_to_call": "arkisin klo 15 jälkeen",
        "municipality": "049",
        "may_leave_message": "no",
        "may_call_any_time": "given_times",
        "consent": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def at_time(monkeypatch):
    """Stop the clock at a local (Helsinki) time: `at_time(2026, 10, 9, 10)`."""

    def stop(*parts: int) -> datetime:
        moment = datetime(*parts, tzinfo=HELSINKI)  # type: ignore[misc]
        monkeypatch.setattr(timezone, "now", lambda: moment)
        return moment

    return stop
