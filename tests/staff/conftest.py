"""The professionals' login: codes computed as an authenticator app would, and a clean slate
for the per-username failure counters."""

import pytest
from django.core.cache import cache
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.professionals import code_now


@pytest.fixture(autouse=True)
def _fresh_failure_counts():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _no_device_pause(settings):
    """django_otp pauses a device for 1, 2, 4 ... s after each wrong code; tests of our own
    counter type faster than that. The pause has its own test, which turns it back on."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


def wrong_code(device: TOTPDevice) -> str:
    """A well-formed code that the app is not showing (nor one period either side)."""
    near = {code_now(device, steps_ahead=n) for n in (-1, 0, 1)}
    return next(c for c in ("000000", "111111", "222222", "333333") if c not in near)
